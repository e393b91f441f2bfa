"""`frombuffer`: a 1-d tensor over the memory of a Python buffer (``bytearray``,
``array.array``, ``memoryview``, …), sharing it: writing to one changes the other.

As PyTorch: ``count`` elements (-1: as many as fit) from byte ``offset``; PyTorch's
ValueErrors for lengths that do not fit, and its warning (once) for a read-only buffer such as
``bytes``, whose tensor the kit keeps read-only.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy

from . import dtypes
from .creation import _finish

_MISSING: Any = object()
_warned_read_only = [False]

READ_ONLY_WARNING = (
    "The given buffer is not writable, and PyTorch does not support non-writable tensors. "
    "This means you can write to the underlying (supposedly non-writable) buffer using the "
    "tensor. You may want to copy the buffer to protect its data or make it writable before "
    "converting it to a tensor. This type of warning will be suppressed for the rest of this "
    "program. (Triggered internally at /__w/pytorch/pytorch/torch/csrc/utils/"
    "tensor_new.cpp:1556.)"
)


def frombuffer(buffer: Any, *, dtype: Any = _MISSING, count: int = -1, offset: int = 0,
               requires_grad: bool = False) -> Any:
    """The ``count`` elements of ``dtype`` in ``buffer`` from byte ``offset``, shared."""
    if dtype is _MISSING:
        raise TypeError('frombuffer() missing 1 required positional arguments: "dtype"')
    try:
        view = memoryview(buffer)
    except TypeError:
        raise ValueError("object does not implement Python buffer protocol.") from None
    kind = (dtypes.resolve(dtype) or dtypes.default_float()).numpy
    _check_lengths(view.nbytes, kind.itemsize, count, offset)
    if view.readonly and not _warned_read_only[0]:
        _warned_read_only[0] = True
        warnings.warn(READ_ONLY_WARNING, UserWarning, stacklevel=2)
    data = numpy.frombuffer(view, dtype=kind, count=count, offset=offset)
    return _finish(data, None, None, requires_grad)


def _check_lengths(length: int, itemsize: int, count: int, offset: int) -> None:
    """PyTorch's checks of ``count`` and ``offset`` against the buffer's byte length."""
    if length == 0 or count == 0:
        raise ValueError(f"both buffer length ({length}) and count ({count}) must not be 0")
    if not 0 <= offset < length:
        raise ValueError(f"offset ({offset} bytes) must be non-negative and no greater than "
                         f"buffer length ({length} bytes) minus 1")
    if count < 0 and (length - offset) % itemsize:
        raise ValueError(f"buffer length ({length - offset} bytes) after offset ({offset} bytes) "
                         f"must be a multiple of element size ({itemsize})")
    if count > 0 and count * itemsize > length - offset:
        raise ValueError(f"requested buffer length ({count} * {itemsize} bytes) after offset "
                         f"({offset} bytes) must not be greater than actual buffer length "
                         f"({length} bytes)")
