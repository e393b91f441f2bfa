"""A NumPy array's memory as PyTorch's ``from_numpy`` (and ``as_tensor``) see it: a block of
its own, from the array's first byte to its last, so the tensor's ``storage_offset()`` is 0
and its storage holds only the bytes the array spans, even when the array is a view into a
larger NumPy array (PyTorch knows nothing of that one). The memory is still shared: a write
through either shows in the other."""

from __future__ import annotations

import numpy

from . import backend
from .tensor_layout import storage_start


def own_block(array: numpy.ndarray) -> numpy.ndarray:
    """``array`` read through a block of its own (itself when it already starts its block, is
    empty, or lies in memory NumPy did not lay out as one block)."""
    root, _ = storage_start(array)
    if root is array or not array.size or not (root.flags.c_contiguous
                                                or root.flags.f_contiguous):
        return array
    low = backend.address_of(array) - backend.address_of(root)  # (no negative strides here)
    span = sum((n - 1) * step for n, step in zip(array.shape, array.strides)) + array.itemsize
    memory = memoryview(root.ravel(order="K")).cast("B")  # (a flat view: a contiguous root)
    block = numpy.frombuffer(memory[low:low + span], dtype=array.dtype)
    return numpy.lib.stride_tricks.as_strided(block, array.shape, array.strides)
