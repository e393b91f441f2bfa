"""Where two paths of the graph meet, their gradients add up: ``add_paths``.

PyTorch adds the arriving gradient *into* the waiting one when no one else can see it (no
graph is being recorded, and only the engine holds that tensor and its memory). That saves
an array, and it is why ``(w * w).backward()`` leaves ``w.grad._version == 1``. The kit does
the same; Python's reference counts tell whether the engine holds the only reference.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy

from .tensor import Tensor


def add_paths(buffer: list[Any], slot: int, arriving: Tensor, recording: bool) -> Tensor:
    """The sum of the gradient waiting in ``buffer[slot]`` and one arriving by another path.

    As in PyTorch, when nothing else can see the waiting gradient (no graph is recorded, and
    no one else holds it or its memory), the sum is written into it: an in-place add, which
    saves an array and moves its version on. Otherwise it is a new tensor.
    """
    if not recording and _held_by_buffer_only(buffer, slot):
        return buffer[slot].add_(arriving)
    return buffer[slot] + arriving


def _held_by_buffer_only(buffer: list[Any], slot: int) -> bool:
    waiting = buffer[slot]
    data = waiting._data
    if (type(data) is not numpy.ndarray or data.base is not None or waiting._base is not None
            or not data.flags.c_contiguous):
        return False
    # (counted with nothing else in hand: the same counts as `_UNSHARED`, worked out below)
    del waiting, data
    return (sys.getrefcount(buffer[slot]), sys.getrefcount(buffer[slot]._data)) == _UNSHARED


def _reference_counts_when_unshared() -> tuple[int, int]:
    """What `sys.getrefcount` reports for a tensor held only by a buffer, and for its array
    (held only by the tensor), on this Python."""
    buffer = [Tensor._make(numpy.zeros(1))]
    return sys.getrefcount(buffer[0]), sys.getrefcount(buffer[0]._data)


_UNSHARED = _reference_counts_when_unshared()
