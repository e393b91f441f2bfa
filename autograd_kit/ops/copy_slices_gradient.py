"""The gradient of ``x[key] = value`` (basic key, x not a view) under ``create_graph``, in
PyTorch's own steps, so the graph it records is PyTorch's.

PyTorch records ``x[key] = value`` as ``x[key].copy_(value)``: a CopySlices node on x whose
backward, for the gradient ``grad`` of the new x, runs

1. ``result = empty_strided(x's size and strides); result.copy_(grad)``   (CopyBackwards)
2. ``at_view = result.as_strided(x[key]'s geometry)``;
   ``given = at_view.clone()``   (the value's gradient: AsStridedBackward0, CloneBackward0,
   then summed or viewed back to the value's shape)
3. ``at_view.copy_(zeros)``   (the overwritten places send nothing back: CopySlices)

    grad_x = grad with zeros at key;   grad_value = grad[key] (summed to value's shape)

Without ``create_graph`` the same steps run, nothing recorded (grad_x keeps x's strides, as
PyTorch's does, not grad's).
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from .as_strided_backward import geometry


def copy_slices_gradients(grad: Tensor, ctx: Any,
                          to_value_shape: Any) -> tuple[Tensor, Tensor | None]:
    """(grad_x, grad_value) as PyTorch computes them (``ctx``: CopySlices's, holding x's
    strides in bytes, the key's basic part and the value's shape; ``to_value_shape(g,
    shape)`` sums or views g back to the value's shape)."""
    from ..creation import empty_strided

    itemsize = grad._data.itemsize
    strides = ctx.strides
    result = empty_strided(tuple(grad.shape), tuple(s // itemsize for s in strides),
                           dtype=grad.dtype, device=grad.device)
    result.copy_(grad)
    return result, zeros_at_key(result, result, ctx, to_value_shape)


def zeros_at_key(result: Tensor, within: Tensor, ctx: Any, to_value_shape: Any) -> Tensor | None:
    """Steps 2 and 3 above, for the key read in ``within`` (``result`` itself, or a view of it
    when the written x was a view: PyTorch's one CopySlices then reads x[key] straight from the
    base's gradient); returns the value's gradient (None when not needed)."""
    from ..dtypes import contiguous_format
    from .indexing import _view

    shape, steps, offset = geometry(_view(within._data, ctx.key[0]))
    at_view = result.as_strided(shape, steps, offset - geometry(result._data)[2])
    grad_value = None
    if ctx.needs_input_grad[1]:
        grad_value = to_value_shape(at_view.clone(memory_format=contiguous_format),
                                    ctx.value_shape)
    at_view.copy_(at_view.new_zeros(shape))
    return grad_value
