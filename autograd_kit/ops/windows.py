"""Sliding windows and summing back: ``Tensor.unfold`` (every window of ``size`` values along
a dimension, ``step`` apart, as a view) and ``Tensor.sum_to_size``.

    out[..., i, ..., j] = x[..., i·step + j, ...]       (j: the new last dimension)
    ∂L/∂x[k] = Σ over the windows (i, j) with i·step + j = k of grad[i, j]
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..int_arguments import is_int
from ..node_saved_values import given_dim, input_sizes
from ..tensor import Tensor, _wrap_dim
from ..tensor_operators import TensorOperators
from .repeated_positions import reduced_at


def _positions(xp: Any, windows: int, size: int, step: int) -> Any:
    """positions[i, j] = i·step + j: where each value of each window comes from."""
    return xp.arange(windows)[:, None] * step + xp.arange(size)[None, :]


class Unfold(Function):
    """out = the windows of ``size`` values along ``dim``, ``step`` apart (a view of x)

    grad_x = each window's gradient added back where its values came from (`UnfoldBackward`)
    """

    node_name = "UnfoldBackward0"
    saved_options = {"dimension": given_dim("given_dim"), "self_sym_sizes": input_sizes(),
                     "size": None, "step": None}
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, size: int, step: int, given_dim: int) -> Any:
        data = x._data  # (given_dim: dim as the caller wrote it, -1 for the last)
        ctx.shape, ctx.dim, ctx.size, ctx.step = data.shape, dim, size, step
        ctx.given_dim = given_dim
        if data.ndim == 0:  # (PyTorch: the value as a window of `size`, 0 or 1)
            return data.reshape(1)[:size]
        length, stride = data.shape[dim], data.strides[dim]
        windows = (length - size) // step + 1
        shape = data.shape[:dim] + (windows,) + data.shape[dim + 1:] + (size,)
        strides = data.strides[:dim] + (stride * step,) + data.strides[dim + 1:] + (stride,)
        return x._xp.lib.stride_tricks.as_strided(data, shape, strides)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None, None, None]:
        if not ctx.shape:  # (an empty window: a zero gradient)
            return (grad.reshape(()) if ctx.size else grad.new_zeros(())), None, None, None, None
        grad_x = UnfoldBackward.apply(grad, ctx.shape, ctx.dim, ctx.size, ctx.step)
        return grad_x, None, None, None, None


class UnfoldBackward(Function):
    """out = zeros shaped like x, each window's gradient added where its values came from

    ∂out/∂grad reads the windows again: grad_grad = unfold(gg, dim, size, step)
    """

    node_name = "UnfoldBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, shape: tuple[int, ...], dim: int, size: int,
                step: int) -> Any:
        ctx.dim, ctx.size, ctx.step = dim, size, step
        xp, data = grad._xp, grad._data
        out = xp.zeros(shape, dtype=data.dtype)
        moved = xp.moveaxis(out, dim, -1)  # a view: the windows' axis last
        values = xp.moveaxis(data, dim, -2)  # (..., windows, size)
        positions = _positions(xp, values.shape[-2], size, step)
        moved[...] = reduced_at(xp, "add", moved, (Ellipsis, positions), values)
        return out

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, None, None, None, None]:
        return gg.unfold(ctx.dim, ctx.size, ctx.step), None, None, None, None


def unfold(x: Tensor, dimension: int, size: int, step: int) -> Tensor:
    """``x.unfold(dim, size, step)``: every window of ``size`` values along ``dim``, ``step``
    apart, in a new last dimension (a view)."""
    if not (is_int(dimension) and is_int(size) and is_int(step)):
        # (``unfold(1, 2.0, 1)``: the method's wrapper words PyTorch's parser error)
        raise TypeError("unfold() takes ints for its dimension, size and step")
    dim = _wrap_dim(dimension, max(x.ndim, 1))
    length = x.shape[dim] if x.ndim else 1
    if size > length:
        raise RuntimeError(f"maximum size for tensor at dimension {dim} is {length} but size "
                           f"is {size}")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    return Unfold.apply(x, dim, int(size), int(step), dimension)


def sum_to_size(x: Tensor, *size: Any) -> Tensor:
    """x summed down to ``size`` (which must expand to x's shape): leading dimensions and
    dimensions of size 1 are summed, as a gradient is summed back over a broadcast."""
    if not size:
        raise TypeError('sum_to_size() missing 1 required positional arguments: "size"')
    size = tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else size
    shape = x.shape
    lead = len(shape) - len(size)
    if lead < 0 or any(s not in (1, shape[lead + i]) for i, s in enumerate(size)):
        raise RuntimeError(f"size {{{list(size)}}} is not expandable to size {{{list(shape)}}}.")
    if not size:  # (PyTorch's sum_to: a full sum, SumBackward0, even of a 0-dim x)
        return x.sum()
    dims = list(range(lead)) + [lead + i for i, s in enumerate(size)
                                if s == 1 and shape[lead + i] != 1]
    if not dims:
        return x
    out = x.sum(dims, keepdim=True)
    return out.view(size) if lead else out


for _name, _method in (("unfold", unfold), ("sum_to_size", sum_to_size)):
    if not hasattr(TensorOperators, _name):
        setattr(TensorOperators, _name, _method)
