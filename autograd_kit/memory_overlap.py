"""Refusing an in-place write whose input overlaps the written memory only in part.

``x[1:].add_(x[:-1])`` reads elements that the same operation is overwriting, so the result
would depend on the order in which the elements are visited. PyTorch refuses it, and so does
the kit (NumPy would quietly copy the input first and give an answer PyTorch never gives).
Writing a tensor onto exactly itself (``x.add_(x)``) is fine, and so are inputs whose elements
are spread out with gaps (PyTorch does not try to decide those either).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .backend import address_of
from .tensor import Tensor

PARTIAL_OVERLAP_MESSAGE = (
    "unsupported operation: some elements of the input tensor and the written-to tensor refer "
    "to a single memory location. Please clone() the tensor before performing the operation."
)


def check_no_partial_overlap(written: Tensor, inputs: Iterable[Any],
                             region: Any = None) -> None:
    """Raise PyTorch's error when an input tensor shares part of the memory being written.

    ``region`` is the array actually written, when that is only a part of ``written`` (an
    assignment by index); only tensors sharing ``written``'s memory (its views, which share
    its version counter) are looked at, so the usual case costs one comparison per input.
    """
    target = written._data if region is None else region
    for value in inputs:
        if (isinstance(value, Tensor) and value._version_counter is written._version_counter
                and _overlap_in_part(target, value._data)):
            raise RuntimeError(PARTIAL_OVERLAP_MESSAGE)


def _overlap_in_part(a: Any, b: Any) -> bool:
    """PyTorch's rule: two gap-free blocks that overlap, but are not the same elements in the
    same layout."""
    if a.size == 0 or b.size == 0 or not _gap_free(a) or not _gap_free(b):
        return False
    a_begin, b_begin = address_of(a), address_of(b)
    a_end, b_end = a_begin + a.nbytes, b_begin + b.nbytes
    if (a_begin, a_end) == (b_begin, b_end):
        return a.strides != b.strides
    return a_begin < b_end and b_begin < a_end


def _gap_free(array: Any) -> bool:
    """Its elements fill one block of memory, each once (row-major, or any order of dims)."""
    expected = array.itemsize
    for stride, size in sorted((abs(st), n) for n, st in zip(array.shape, array.strides)
                               if n != 1):
        if stride != expected:
            return False
        expected *= size
    return True
