"""Broadcasting, backwards: a gradient is summed back to the shape of the input it belongs to.

The engine does this for every rule (``returned_gradients.run_rule``): a rule may return the
gradient of a broadcast input in the broadcast shape.

If ``a`` of shape (3,) was broadcast against (2, 3), each of its values was used twice, so
its gradient is the (2, 3) gradient summed over the new leading dimension.
"""

from __future__ import annotations

from typing import Any

from ..function import Function, _share_memory
from ..tensor import Tensor
from .summation_order import sum_like_torch
from .unrecorded import as_tensor, unrecorded


def reduced_axes(shape: tuple[int, ...], target: tuple[int, ...]) -> tuple[int, ...]:
    """The axes of ``shape`` to sum so that the result broadcasts as ``target`` did."""
    lead = len(shape) - len(target)
    return tuple(range(lead)) + tuple(
        lead + i for i, size in enumerate(target) if size == 1 and shape[lead + i] != 1
    )


def _viewed_sum(data: Any, shape: tuple[int, ...]) -> Tensor:
    """Unrecorded, with leading dimensions dropped: as PyTorch's ``sum_to``, a view (shape
    ``shape``) of the sum kept in ``data``'s number of dimensions (``g._base`` is that sum)."""
    summed = as_tensor(sum_like_torch(data, reduced_axes(data.shape, shape), True))
    view = Tensor._make(summed._data.reshape(shape))
    _share_memory((view,), summed, False, False)  # (linked as apply links a view: one output)
    return view


class SumToSize(Function):
    """out = sum of ``grad`` over the dimensions that broadcasting added or stretched

    ∂out/∂grad: each value of ``grad`` contributed once, so the gradient is ``expand``.
    """

    node_name = "SumToSizeBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, shape: tuple[int, ...]) -> Any:
        ctx.shape = grad._data.shape
        return SumToSize.sum_array(grad._data, shape)

    @staticmethod
    def sum_array(data: Any, shape: tuple[int, ...]) -> Any:
        """``data`` summed to ``shape``: one sum, in PyTorch's adding order."""
        return sum_like_torch(data, reduced_axes(data.shape, shape), True).reshape(shape)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad.expand(ctx.shape), None


class SumAll(SumToSize):
    """SumToSize down to a 0-dim tensor: PyTorch records a full ``sum()``."""

    node_name = "SumBackward0"


class SumKeepdim(SumToSize):
    """SumToSize over stretched dimensions only: PyTorch records ``sum(dims, keepdim=True)``."""

    node_name = "SumBackward1"



def sum_to(grad: Tensor, shape: tuple[int, ...]) -> Tensor:
    """``grad`` summed back to ``shape`` (itself when it already has that shape).

    One node, named after the last operation PyTorch's ``sum_to`` records, so that graphs
    built with ``create_graph=True`` print the same ``grad_fn``. When nothing is recorded
    (see ops/unrecorded.py), the same sum is wrapped as a tensor directly.
    """
    if grad._data.shape == shape:
        return grad
    if unrecorded(grad):  # (backward without create_graph): the array its node would hold
        if shape and len(shape) < grad._data.ndim:  # (to 0-dim: a plain sum())
            return _viewed_sum(grad._data, shape)
        return as_tensor(SumToSize.sum_array(grad._data, shape))
    if not shape:
        return SumAll.apply(grad, shape)
    if len(shape) < grad._data.ndim:  # a sum that keeps the dimensions, then a view
        data_shape = grad._data.shape
        axes = reduced_axes(data_shape, shape)
        kept = tuple(1 if i in axes else n for i, n in enumerate(data_shape))
        return SumKeepdim.apply(grad, kept).view(shape)
    return SumKeepdim.apply(grad, shape)
