"""Memory a tensor shares with NumPy: borrowed from a NumPy array (``from_numpy``,
``as_tensor``, ``asarray``) or a Python buffer (``frombuffer``), or lent to NumPy
(``x.numpy()``, ``numpy.asarray(x)``).

PyTorch wraps such memory in a storage it cannot grow, so ``resize_`` (or an ``out=``
tensor) needing more elements than the block holds raises "Trying to resize storage that is
not resizable"; a resize that fits is fine. The kit keeps a weak reference to each borrowed
block (the array that owns the memory), keyed by its id, and asks before growing one.
"""

from __future__ import annotations

import weakref
from typing import Any

_BORROWED: dict[int, weakref.ref] = {}


def _owner(array: Any) -> Any:
    from .tensor_layout import storage_start

    return storage_start(array)[0]


def lend(data: Any, source: Any) -> None:
    """Remember ``data``'s memory block as borrowed when it is ``source``'s own (no copy)."""
    if _owner(data) is _owner(source):
        share(data)


def share(data: Any) -> None:
    """Remember ``data``'s memory block as one NumPy also reads: ``x.numpy()``,
    ``numpy.asarray(x)`` (PyTorch's storage cannot grow from then on, even once the array
    is gone)."""
    owner = _owner(data)
    key = id(owner)
    if key not in _BORROWED:
        _BORROWED[key] = weakref.ref(owner, lambda _: _BORROWED.pop(key, None))


def check_growable(owner: Any) -> None:
    """PyTorch's error for growing a block the kit borrowed."""
    borrowed = _BORROWED.get(id(owner))
    if borrowed is not None and borrowed() is owner:
        raise RuntimeError("Trying to resize storage that is not resizable")
