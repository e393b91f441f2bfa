"""``zeros(0).index_fill_(0, tensor([0]), 1.)``: index_fill_ and index_copy_ into a tensor
without elements, as PyTorch's kernels see it.

PyTorch's kernels view the target restrided along ``dim``: its size there becomes the
number of indices, its stride 0. When the target has no elements (a dim of size 0), that
view needs memory the target's storage does not have, and PyTorch refuses it with
``setStorage``'s words (whatever the indices; a view with room in its storage has its
indices checked). When the target has no elements but ``dim`` is not empty, nothing is
written and the indices are not looked at.
"""

from __future__ import annotations

from ..tensor import Tensor


def restrided_error(x: Tensor, axis: int, count: int) -> RuntimeError | None:
    """PyTorch's error for x viewed with ``count`` elements of stride 0 along ``axis`` (None
    when the view fits in x's storage)."""
    sizes, strides = list(x.shape), list(x.stride())
    sizes[axis], strides[axis] = count, 0
    itemsize, offset = x.element_size(), x.storage_offset()
    if 0 in sizes:
        return None
    need = itemsize * (offset + 1 + sum((n - 1) * s for n, s in zip(sizes, strides)))
    have = x.untyped_storage().nbytes()
    if need <= have:
        return None
    return RuntimeError(
        f"setStorage: sizes {sizes}, strides {strides}, storage offset {offset}, and itemsize "
        f"{itemsize} requiring a storage size of {need} are out of bounds for storage of size "
        f"{have}")


def nothing_to_check(x: Tensor, axis: int, count: int) -> bool:
    """Whether x has no elements (so its indices are not checked): PyTorch's error first
    when ``axis`` itself is empty and there are indices (`restrided_error`)."""
    if x._data.size or not x._data.ndim:
        return False
    if count and not x._data.shape[axis]:
        error = restrided_error(x, axis, count)
        if error is not None:
            raise error
        return False  # (a view in a storage with room: the indices are checked)
    return True
