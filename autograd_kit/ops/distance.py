"""dist(a, b, p): the p-norm of the difference a - b, as one operation (``DistBackward0``)."""

from __future__ import annotations

import math
from typing import Any

from .. import dtypes
from ..function import Function
from ..tensor import Tensor
from .arithmetic import subtract
from .norm_float32 import norm2
from .norm_order import sequential_norm


class Dist(Function):
    """out = ‖d‖ₚ = (Σ |dᵢ|ᵖ)^(1/p) with d = a - b   (p = 0: how many dᵢ ≠ 0;
    p = ∞ / -∞: the largest / smallest |dᵢ|)

    ∂out/∂dᵢ = sign(dᵢ) |dᵢ|^(p-1) / out^(p-1)     (p = 2: dᵢ / out; p = 1: sign(dᵢ))
    p = ±∞: sign(dᵢ), shared evenly among the dᵢ with |dᵢ| = out;  p = 0: no gradient
    grad_a = grad · ∂out/∂d,  grad_b = -grad_a   (0 where out = 0 and p ≥ 1)
    """

    node_name = "DistBackward0"
    saved_options: dict[str, Any] = {"p": None}

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor, p: float = 2) -> Any:
        d = subtract(a, b)  # (PyTorch subtracts first: bools get its subtraction error)
        if d.dtype.kind != "f":
            raise RuntimeError(
                "norm(): input dtype should be either floating point or complex. "
                f"Got {dtypes.scalar_type_word(str(d.dtype))} instead."
            )
        size = a._xp.abs(d)
        if p == 0:
            out = (size != 0).sum().astype(d.dtype)
        elif math.isinf(p):
            out = size.max() if p > 0 else size.min()
        else:  # the norm of the difference, summed as PyTorch's norm sums it
            out = norm2(d, None, False) if p == 2 else sequential_norm(d, p, None, False)
            if out is None:
                out = (size**p).sum() ** (1.0 / p)
        ctx.save_for_backward(a, b, out)
        ctx.p = p
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        """PyTorch's formulas: grad_a = norm_backward(grad, a - b, p, out) and grad_b =
        -norm_backward(…), each recorded on its own (see `reductions.norm_backward`)."""
        from .reductions import norm_backward

        a, b, out = ctx.saved_tensors
        if ctx.p == 0:  # a count: PyTorch sends no gradient at all; b's, -(no gradient), fails
            if ctx.needs_input_grad[1]:
                raise RuntimeError("Expected a proper Tensor but got None (or an undefined "
                                   "Tensor in C++) for argument #0 'self'")
            return None, None, None
        needs_a, needs_b = ctx.needs_input_grad[:2]  # (b's first: PyTorch's order, see `Mul`)
        grad_b = -norm_backward(grad, a - b, ctx.p, out, None) if needs_b else None
        return norm_backward(grad, a - b, ctx.p, out, None) if needs_a else None, grad_b, None
