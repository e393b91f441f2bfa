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
    zero_waiting = _still_zero(buffer[slot])
    if not zero_waiting and not recording and _held_by_buffer_only(buffer, slot):
        return buffer[slot].add_(arriving)  # (a zero arriving adds as +0: -0 + 0 = +0)
    if zero_waiting or _still_zero(arriving):
        return _beside_a_zero(buffer[slot], arriving, zero_waiting, recording)
    return buffer[slot] + arriving


def efficient_zero(like: Tensor) -> Tensor:
    """PyTorch's ``_efficientzerotensor``: zeros (of ``like``'s shape and dtype) that a
    rule returns when its gradient is zero for any input (sgn of real numbers). Where two
    paths meet, such a zero is skipped: the sum is a copy of the other gradient, its -0.0
    signs and layout kept, unless that gradient could take the zero in place."""
    zero = Tensor._make(like._xp.zeros(like._data.shape, like._data.dtype))
    zero._efficient_zero = True
    return zero


def _still_zero(gradient: Any) -> bool:
    """``gradient`` is an efficient zero not changed since it was made (a hook's
    ``g.add_(1)``, or the learner's on a gradient handed back, makes it an ordinary tensor:
    PyTorch's ZeroTensor refuses such a change, so it never holds other values). Its values
    are read too: ``g.data.add_(3)``, ``g.data = ...`` or ``g.numpy()[:] = 3`` change them
    without moving g's version."""
    return (getattr(gradient, "_efficient_zero", False) and gradient._version_counter[0] == 0
            and not gradient._data.any())


def _beside_a_zero(waiting: Tensor, arriving: Tensor, zero_waiting: bool,
                   recording: bool) -> Tensor:
    """PyTorch's add with a ZeroTensor: a copy of the other tensor (recorded as an add under
    create_graph; -0.0 added changes no value)."""
    from .ops.preserved_layout import preserved_copy

    other = arriving if zero_waiting else waiting
    if _still_zero(other) or other.shape != waiting.shape:
        return waiting + arriving if not zero_waiting or other.shape != waiting.shape else waiting
    if recording:  # (-0.0 laid out as the other: the sum keeps its layout)
        negative = Tensor._make(other._xp.full_like(other._data, -0.0))
        return negative + arriving if zero_waiting else waiting + negative
    return Tensor._make(preserved_copy(other._xp, other._data))


def _held_by_buffer_only(buffer: list[Any], slot: int) -> bool:
    """The waiting gradient is dense (an array of its own in any order of its dimensions,
    or a view ordering all of one) and nothing but the buffer holds it or its
    memory, as PyTorch asks (is_non_overlapping_and_dense, last reference)."""
    waiting = buffer[slot]
    data = waiting._data
    if type(data) is not numpy.ndarray or waiting._base is not None:
        return False
    owner = data.base  # (None: the array owns its memory, laid out densely in some order)
    if min(data.strides, default=1) <= 0 or owner is not None and (
            type(owner) is not numpy.ndarray or owner.base is not None
            or owner.size != data.size):
        return False
    # (counted with nothing else in hand: the same counts as `_UNSHARED`, worked out below)
    del waiting, data
    held = sys.getrefcount(buffer[slot]), sys.getrefcount(buffer[slot]._data)
    return held == _UNSHARED and (owner is None or sys.getrefcount(owner) == _OWNER_UNSHARED)


def _reference_counts_when_unshared() -> tuple[tuple[int, int], int]:
    """What `sys.getrefcount` reports for a tensor held only by a buffer, and for its array
    (held only by the tensor), on this Python; and for an array held only by a view of it
    (and the name that counts it)."""
    buffer = [Tensor._make(numpy.zeros(1))]
    view = numpy.zeros((1, 2)).T
    return (sys.getrefcount(buffer[0]), sys.getrefcount(buffer[0]._data)), sys.getrefcount(
        view.base) + 1


_UNSHARED, _OWNER_UNSHARED = _reference_counts_when_unshared()
