"""dist(a, b, p): the p-norm of the difference a - b, as one operation (``DistBackward0``)."""

from __future__ import annotations

import math
from typing import Any

from .. import dtypes
from ..function import Function
from ..tensor import Tensor
from .operands import arrays


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
        x, y = arrays(a, b)
        d = x - y
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
        else:
            out = (size**p).sum() ** (1.0 / p)
        ctx.save_for_backward(a, b, out)
        ctx.p = p
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        a, b, out = ctx.saved_tensors
        d, p = a - b, ctx.p
        if p == 0:  # a count: PyTorch sends no gradient at all
            return None, None, None
        if p == 1:
            local = d.sign()
        elif math.isinf(p):
            chosen = d.abs() == out
            local = d.sign() * chosen / chosen.sum()
        elif p < 1:  # |d|^(p-1) is infinite at d = 0, where the derivative is taken as 0
            local = d.sign() * d.abs().pow(p - 1).masked_fill(d == 0, 0.0) * out.pow(1 - p)
        else:  # out = 0 only where every dᵢ = 0; the numerator is 0 there, so divide by 1
            safe = out.masked_fill(out == 0, 1.0)
            if p == 2:
                local = d / safe
            elif p < 2:
                local = d.sign() * d.abs().pow(p - 1) / safe.pow(p - 1)
            else:
                local = d * d.abs().pow(p - 2) / safe.pow(p - 1)
        grad_a = grad * local
        return grad_a, -grad_a, None
