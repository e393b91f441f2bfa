"""A tangent laid out in memory as its primal is (what ``make_dual`` checks and makes)."""

from __future__ import annotations

from ..tensor import Tensor


def _storage_numel(t: Tensor) -> int:
    return t.untyped_storage().nbytes() // t.element_size()


def same_layout(primal: Tensor, tangent: Tensor) -> bool:
    """PyTorch's has_same_meta: the same storage size, and (unless both are empty) the same
    storage offset and strides (a stride along a dimension of size 1 does not count)."""
    if _storage_numel(primal) != _storage_numel(tangent):
        return False
    if primal.numel() == 0 and tangent.numel() == 0:
        return True
    return primal.storage_offset() == tangent.storage_offset() and all(
        a == b or size in (0, 1)
        for a, b, size in zip(primal.stride(), tangent.stride(), primal.shape))


def in_layout_of(primal: Tensor, tangent: Tensor) -> Tensor:
    """A copy of ``tangent`` laid out in memory as ``primal`` is (PyTorch's
    _new_zeros_with_same_feature_meta, then copy_), so that views and as_strided treat the
    primal and its tangent alike."""
    from ..creation import zeros

    storage = zeros(_storage_numel(primal), dtype=tangent.dtype)
    laid_out = storage.as_strided(primal.shape, primal.stride(), primal.storage_offset())
    return laid_out.copy_(tangent).detach()
