"""What reading memory at given strides sends back: PyTorch's ``as_strided_backward``.

``x.as_strided(size, stride, offset)``, and the ``AsStridedBackward0`` node a view gets when
its base changed, read elements of a memory block by position. The gradient is laid out in
memory the same way, in steps that are ordinary operations (so under ``create_graph`` the
graph is PyTorch's: AsStridedBackward0 → CopySlices → the gradient's own history):

1. the output's dimensions of size 1 are squeezed out of grad, those of stride 0 summed;
2. a zero-filled block ("storage") long enough for the input's and the output's elements
   is made;
3. grad is written into it at the output's places (added up, where the output reads a
   place more than once);
4. where the input reads a place more than once, each place is divided by its count;
5. the input's geometry is read back out of the block:
   grad_input = storage.as_strided(input's size, stride, offset).

So the gradient is a view of the block (a 1-dim base), with the input's strides and
version 1 (2 after step 4), as PyTorch's.
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from ..tensor_layout import storage_start

Geometry = tuple[tuple[int, ...], tuple[int, ...], int]


def geometry(data: Any) -> Geometry:
    """An array's shape, strides (in elements) and offset into its memory block."""
    _, start = storage_start(data)
    return tuple(data.shape), tuple(s // data.itemsize for s in data.strides), int(start)


def _min_storage_size(sizes: list[int], strides: list[int], offset: int) -> int:
    """How many elements a block needs for these sizes and strides from ``offset``."""
    if 0 in sizes:
        return offset
    return offset + 1 + sum((n - 1) * s for n, s in zip(sizes, strides))


def _maybe_overlapping(sizes: list[int], strides: list[int]) -> bool:
    """Whether two positions may read the same place: a stride (smallest first) that does
    not step past everything the smaller strides reach."""
    reach = 0
    for stride, size in sorted(zip(strides, sizes)):
        if stride <= reach:
            return True
        reach += stride * (size - 1)
    return False


def _zeros(like: Tensor, size: tuple[int, ...]) -> Tensor:
    """Zeros for an empty read, as PyTorch's rule makes them: ``at::zeros`` fills them with
    ``zero_()``, which (called from C++ without PyTorch's Python guard) counts as a change
    in place: version 1."""
    return like.new_zeros(size).zero_()


def as_strided_gradient(grad: Tensor, inp: Geometry, size: tuple[int, ...],
                        stride: tuple[int, ...], offset: int) -> Tensor:
    """The gradient for the input (geometry ``inp``) of a read at (size, stride, offset)."""
    from ..creation import arange, ones, zeros_like

    in_size, in_stride, in_offset = inp
    out_sizes: list[int] = []
    out_strides: list[int] = []
    for i in reversed(range(len(size))):
        if size[i] == 0:
            return _zeros(grad, in_size)
        if size[i] == 1:
            grad = grad.squeeze(i)
        elif stride[i] == 0:
            grad = grad.sum(i)
        else:
            out_sizes.insert(0, size[i])
            out_strides.insert(0, stride[i])
    if 0 in in_size:
        return _zeros(grad, in_size)
    kept = [(n, s) for n, s in zip(in_size, in_stride) if n != 1]
    in_sizes, in_strides = [n for n, _ in kept], [s for _, s in kept]
    out_overlaps = _maybe_overlapping(out_sizes, out_strides)
    in_overlaps = _maybe_overlapping(in_sizes, in_strides)

    shared = min(in_offset, offset)
    in_start, out_start = in_offset - shared, offset - shared
    length = max(_min_storage_size(in_sizes, in_strides, in_start),
                 _min_storage_size(out_sizes, out_strides, out_start))
    storage = grad.new_zeros(length)
    places = arange(length, device=grad.device) if out_overlaps or in_overlaps else None
    if places is not None and out_overlaps:
        read = places.as_strided(out_sizes, out_strides, out_start).reshape(-1)
        storage.index_add_(0, read, grad.reshape(-1))
    else:
        storage.as_strided(out_sizes, out_strides, out_start).copy_(grad)
    if places is not None and in_overlaps:
        count = zeros_like(storage)
        read = places.as_strided(in_sizes, in_strides, in_start).reshape(-1)
        count.index_add_(0, read, ones(1, dtype=grad.dtype, device=grad.device).expand_as(read))
        storage.div_(count)
    return storage.as_strided(in_size, in_stride, in_start)
