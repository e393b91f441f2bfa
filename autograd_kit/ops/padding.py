"""Reflection and replication padding (``F.pad(mode='reflect' | 'replicate')``), each one
recorded operation with PyTorch's node names (``ReflectionPad2DBackward0``, …); their
backward rules are operations of their own (``…BackwardBackward0`` under ``create_graph``).

Both are *gathers*: every output position along a padded dimension reads one input
position, given by an index array (``source_indices``). Padding the last k dimensions
gathers along each of them in turn; the gradient adds each output's gradient back onto the
place it was read from (a scatter-add), dimension by dimension in the reverse order.
``pads = (left, right, top, bottom, front, back)`` as in ``F.pad``; negative amounts crop.
"""

from __future__ import annotations

from typing import Any

from ..creation import zeros_like
from ..function import Function
from ..node_saved_values import given_dims
from ..tensor import Tensor
from .preserved_layout import channels_last_if_suggested, row_major


def source_indices(xp: Any, size: int, low: int, high: int, mode: str) -> Any:
    """Where output position j of a dimension of ``size`` padded by (low, high) reads from:
    s = j - low, then reflected about the ends (``reflect``: -1 → 1, size → size - 2) or
    clamped to them (``replicate``)."""
    s = xp.arange(size + low + high) - low
    if mode == "replicate":
        return xp.clip(s, 0, size - 1)
    s = xp.abs(s)
    return xp.where(s >= size, 2 * (size - 1) - s, s)


def _gather(xp: Any, data: Any, pads: tuple[int, ...], mode: str) -> Any:
    for i in range(len(pads) // 2):
        axis = data.ndim - 1 - i
        idx = source_indices(xp, data.shape[axis], pads[2 * i], pads[2 * i + 1], mode)
        data = xp.take(data, idx, axis=axis)
    return data


def _scatter(xp: Any, grad: Any, shape: tuple[int, ...], pads: tuple[int, ...],
             mode: str) -> Any:
    for i in reversed(range(len(pads) // 2)):
        axis = grad.ndim - 1 - i
        idx = source_indices(xp, shape[axis], pads[2 * i], pads[2 * i + 1], mode)
        moved = xp.moveaxis(grad, axis, 0)
        out = xp.zeros((shape[axis], *moved.shape[1:]), dtype=grad.dtype)
        xp.add.at(out, idx, moved)
        grad = xp.moveaxis(out, 0, axis)
    return row_major(xp, grad)  # (PyTorch's strides at size-1 dimensions too)


class _IndexPad(Function):
    """out[…, j] = x[…, src(j)] along each padded dimension (src from `source_indices`)

    ∂L/∂x[…, s] = Σ_{j: src(j) = s} grad[…, j]: the padding's gradient folded back onto
    the border values it copies (run as the matching ``…Backward`` operation).
    """

    mode = "reflect"
    backward_function: Any = None
    saved_options = {"padding": given_dims("pads")}

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, pads: tuple[int, ...]) -> Any:
        ctx.save_for_backward(x)
        ctx.pads = pads
        out = row_major(x._xp, _gather(x._xp, x._data, pads, cls.mode))
        return channels_last_if_suggested(x._xp, out, x._data)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, None]:
        (x,) = ctx.saved_tensors
        return cls.backward_function.apply(grad, x, ctx.pads), None


class _IndexPadBackward(Function):
    """out = the padding's gradient folded back onto x's shape (a scatter-add)

    ∂out/∂grad: the padding itself again (a gather of the upstream gradient);  ∂out/∂x = 0.
    """

    forward_function: Any = None
    saved_options = {"padding": given_dims("pads")}

    @classmethod
    def forward(cls, ctx: Any, grad: Tensor, x: Tensor, pads: tuple[int, ...]) -> Any:
        ctx.pads = pads
        return _scatter(grad._xp, grad._data, x._data.shape, pads, cls.forward_function.mode)

    @classmethod
    def backward(cls, ctx: Any, gg: Tensor) -> tuple[Any, Any, None]:
        grad_x = zeros_like(gg) if ctx.needs_input_grad[1] else None  # (x's shape: PyTorch's
        return cls.forward_function.apply(gg, ctx.pads), grad_x, None  # zeros_like(self))


def _pair(mode: str, nd: int) -> tuple[type[Function], type[Function]]:
    """The forward operation and its backward one, named as PyTorch names them."""
    stem = f"{'Reflection' if mode == 'reflect' else 'Replication'}Pad{nd}D"
    forward = type(f"{stem[:-1]}d", (_IndexPad,), {
        "node_name": f"{stem}Backward0", "mode": mode, "__doc__": _IndexPad.__doc__,
        "__module__": __name__})
    backward = type(f"{stem[:-1]}dBackward", (_IndexPadBackward,), {
        "node_name": f"{stem}BackwardBackward0", "forward_function": forward,
        "__doc__": _IndexPadBackward.__doc__, "__module__": __name__})
    forward.backward_function = backward
    return forward, backward


ReflectionPad1d, ReflectionPad1dBackward = _pair("reflect", 1)
ReflectionPad2d, ReflectionPad2dBackward = _pair("reflect", 2)
ReflectionPad3d, ReflectionPad3dBackward = _pair("reflect", 3)
ReplicationPad1d, ReplicationPad1dBackward = _pair("replicate", 1)
ReplicationPad2d, ReplicationPad2dBackward = _pair("replicate", 2)
ReplicationPad3d, ReplicationPad3dBackward = _pair("replicate", 3)

PADS = {("reflect", 1): ReflectionPad1d, ("reflect", 2): ReflectionPad2d,
        ("reflect", 3): ReflectionPad3d, ("replicate", 1): ReplicationPad1d,
        ("replicate", 2): ReplicationPad2d, ("replicate", 3): ReplicationPad3d}
