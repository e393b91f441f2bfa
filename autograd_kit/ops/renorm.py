"""``renorm``: each slice along ``dim`` scaled down so its p-norm is at most ``maxnorm``.

``torch.renorm(x, p, dim, maxnorm)``, ``x.renorm(…)`` and ``x.renorm_(…)`` (the in-place
form is recorded as the out-of-place one, ``RenormBackward0``). As in PyTorch's kernel, a
slice whose norm n exceeds maxnorm is multiplied by maxnorm / (n + 1e-7), the others by 1;
the norm of a float16 tensor is taken in float32.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim

EPSILON = 1e-7


def _check(x: Tensor, p: Any, maxnorm: Any) -> None:
    """PyTorch's checks, in its order: p, maxnorm, then the number of dimensions."""
    if float(p) <= 0.0:
        raise RuntimeError("renorm: non-positive-norm not supported")
    if float(maxnorm) < 0.0:
        raise RuntimeError(f"renorm: expected maxnorm to be >= 0 but got {float(maxnorm):g}")
    if x.dim() < 2:
        raise RuntimeError(f"renorm: input needs at least 2 dimensions, got {x.dim()} "
                           "dimensions")


def _other_dims(ndim: int, dim: int) -> tuple[int, ...]:
    return tuple(d for d in range(ndim) if d != dim)


# the dtype PyTorch takes the norm in: the kernel's (float16 in float32), and on the CPU the
# backward's (float32 in float64 too)
WIDER = {"float16": dtypes.float32, "bfloat16": dtypes.float32}
ACCUMULATE = {**WIDER, "float32": dtypes.float64}


def _norm_in(x: Tensor, p: float, dims: tuple[int, ...], dtype: Any) -> Tensor:
    """‖slice‖_p for each slice, kept as size-1 dims, taken in ``dtype`` (None: x's)."""
    from ..linalg import vector_norm

    return vector_norm(x, p, dims, True, dtype=dtype)


class Renorm(Function):
    """out = x · f,  f = maxnorm / (n + ε) where n = ‖x_slice‖_p > maxnorm, else 1
    (ε = 1e-7, n taken over every dim but ``dim``)."""

    node_name = "RenormBackward0"
    saved_options = {"p": None, "dim": given_dim("dim"), "maxnorm": None}

    @staticmethod
    def forward(ctx: Any, x: Tensor, p: Any, dim: int, maxnorm: Any) -> Any:
        _check(x, p, maxnorm)
        axis = _wrap_dim(dim, x.dim())
        dims = _other_dims(x.dim(), axis)
        norm = _norm_in(x.detach(), float(p), dims, WIDER.get(x.dtype.name))._data
        xp = x._xp
        limit = norm.dtype.type(float(maxnorm))  # (the kernel's scalar_t maxnorm and eps)
        factor = xp.where(norm > limit, limit / (norm + norm.dtype.type(EPSILON)),
                          norm.dtype.type(1))
        ctx.save_for_backward(x)
        ctx.p, ctx.dim, ctx.maxnorm, ctx.dims = p, dim, maxnorm, dims
        return x._data * factor.astype(x._data.dtype)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        """PyTorch's renorm_backward, with n = ‖x_slice‖_p, s = Σ_slice x·g, m = maxnorm and
        ∂n/∂x from norm_backward, computed in the CPU's accumulation type (float64 for
        float32) and cast back to g's dtype:

            grad_x = m/(n+ε) · (g - s/(n+ε) · ∂n/∂x)     where n > m
            grad_x = g                                    elsewhere
        """
        from . import where
        from .cpp_numbers import plus_number, times_number
        from .reductions import norm_backward

        (x,) = ctx.saved_tensors
        p, dims, maxnorm = float(ctx.p), ctx.dims, ctx.maxnorm
        wide = ACCUMULATE.get(x.dtype.name)
        norm = _norm_in(x, p, dims, wide)
        along = (x * grad).sum(dims, keepdim=True, dtype=wide)
        slope = norm_backward(along, x, p, norm, dims)
        inverse = plus_number(norm, EPSILON).reciprocal()  # (C++ with numbers: see cpp_numbers)
        change = times_number(inverse, maxnorm) * (grad - inverse * slope)
        return where(norm > maxnorm, change.to(grad.dtype), grad), None, None, None


def renorm(input: Tensor, p: Any, dim: int, maxnorm: Any) -> Tensor:  # noqa: A002
    """Each slice ``input.select(dim, i)`` whose p-norm exceeds ``maxnorm`` scaled down to
    (just under) ``maxnorm``; the other slices unchanged."""
    return Renorm.apply(input, p, dim, maxnorm)


def renorm_(self: Tensor, p: Any, dim: int, maxnorm: Any) -> Tensor:
    """``renorm`` written into ``self`` (recorded as ``RenormBackward0``)."""
    from ..tensor_method_families import apply_inplace

    return apply_inplace(self, _RenormRule(p, dim, maxnorm))


class _RenormRule:
    """``renorm`` with its options bound, as the rule ``apply_inplace`` records."""

    def __init__(self, p: Any, dim: int, maxnorm: Any) -> None:
        self.options = (p, dim, maxnorm)

    def apply(self, x: Tensor) -> Tensor:
        return Renorm.apply(x, *self.options)
