"""amax and amin: the largest (smallest) value over some dimensions, values only.

Unlike ``max(x, dim)``, which sends the gradient to the one index it reports, amax has no
index: when several values tie for the maximum, the gradient is shared evenly among them.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dims
from ..tensor import Tensor, _wrap_dim
from .preserved_layout import row_major_result
from .reductions import normalize_dims


class Amax(Function):
    """out = max of x over ``dim`` (every dimension when ``dim`` is None or ())

    ∂out/∂xᵢ = 1/k where xᵢ is one of the k values equal to the maximum, 0 elsewhere
    →  grad_x = grad / k · (x == out)
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "AmaxBackward0"
    reduce = "max"
    saved_options = {"dim": lambda node: given_dims("dim")(node) or (), "keepdim": None}

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
        data = x._data
        dims = normalize_dims(dim, data.ndim) or None  # () means every dimension
        name = f"a{cls.reduce}()"
        if dims is None and data.size == 0:
            raise RuntimeError(
                f"{name}: Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        for given in ((dim,) if isinstance(dim, int) else tuple(dim or ())) if dims else ():
            if data.shape[_wrap_dim(given, data.ndim)] == 0:  # (named as given, as PyTorch)
                raise IndexError(f"{name}: Expected reduction dim {given} to have non-zero "
                                 "size.")
        out = getattr(data, cls.reduce)(axis=dims, keepdims=keepdim)
        ctx.save_for_backward(x, out)
        ctx.shape, ctx.dims, ctx.keepdim, ctx.dim = data.shape, dims, keepdim, dim
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        """PyTorch's scale_grad_by_count over restore_reduced_dims (its nodes under
        ``create_graph``): grad and out reshaped with size-1 reduced dims, then broadcast."""
        x, out = ctx.saved_tensors
        chosen = x == restore_reduced_dims(out, ctx.shape, ctx.dims, ctx.keepdim, ctx.dim)
        count = chosen.sum(ctx.dims, keepdim=True) if ctx.dims else chosen.sum()
        grad_x = restore_reduced_dims(grad, ctx.shape, ctx.dims, ctx.keepdim, ctx.dim)
        return grad_x / count * chosen, None, None


def restore_reduced_dims(t: Tensor, shape: tuple[int, ...], dims: tuple[int, ...] | None,
                         keepdim: bool, given: Any = None) -> Tensor:
    """``t`` reshaped to ``shape`` with size 1 at the reduced ``dims`` (None: all), as
    PyTorch's restore_reduced_dims (a ViewBackward0; itself with ``keepdim``).

    A 0-dim x reduced over ``given`` dims (``x.amax(0)``) comes back with one size-1 dim per
    given dim, as PyTorch's does (the engine then sums x's gradient back: SumBackward0)."""
    if keepdim:
        return t
    if not shape and given is not None:
        given_count = 1 if isinstance(given, int) else len(tuple(given))
        return t.reshape((1,) * given_count)
    every = range(len(shape)) if dims is None else dims
    return t.reshape(tuple(1 if i in every else n for i, n in enumerate(shape)))


class Amin(Amax):
    """out = min of x over ``dim`` (every dimension when ``dim`` is None or ())

    ∂out/∂xᵢ = 1/k where xᵢ is one of the k values equal to the minimum, 0 elsewhere
    """

    node_name = "AminBackward0"
    reduce = "min"


def check_dim_argument(name: str, x: Any, dim: Any) -> None:
    """``max(x, 0.5)``: PyTorch's TypeError listing max's (min's) three signatures."""
    if isinstance(dim, float):
        raise TypeError(
            f"{name}() received an invalid combination of arguments - got ({type(x).__name__}, "
            f"{type(dim).__name__}), but expected one of:\n * (Tensor input, *, Tensor out = "
            "None)\n * (Tensor input, Tensor other, *, Tensor out = None)\n * (Tensor input, "
            "int dim, bool keepdim = False, *, tuple of Tensors out = None)\n")
