"""`frombuffer`: a 1-d tensor over the memory of a Python buffer (``bytearray``,
``array.array``, ``memoryview``, …), sharing it: writing to one changes the other. And
PyTorch's warning (once) when ``tensor`` gets a list of NumPy arrays, and its errors for
arrays it cannot read in place.

As PyTorch: ``count`` elements (-1: as many as fit) from byte ``offset``; PyTorch's
ValueErrors for lengths that do not fit, and its warning (once) for a read-only buffer such as
``bytes``, whose tensor the kit keeps read-only.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy

from . import dtypes
from .memory_overlap import _outside_the_kit
from .scalar_warning import first_time, triggered_at

_MISSING: Any = object()

LIST_OF_ARRAYS_WARNING = triggered_at(
    "Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider "
    "converting the list to a single numpy.ndarray with numpy.array() before converting to a "
    "tensor.", "torch/csrc/utils/tensor_new.cpp:252")

READ_ONLY_WARNING = triggered_at(
    "The given buffer is not writable, and PyTorch does not support non-writable tensors. "
    "This means you can write to the underlying (supposedly non-writable) buffer using the "
    "tensor. You may want to copy the buffer to protect its data or make it writable before "
    "converting it to a tensor. This type of warning will be suppressed for the rest of this "
    "program.", "torch/csrc/utils/tensor_new.cpp:1556")


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
    if view.readonly and first_time("frombuffer read-only"):
        warnings.warn(READ_ONLY_WARNING, UserWarning, stacklevel=2)
    data = numpy.frombuffer(view, dtype=kind, count=count, offset=offset)
    from .borrowed_memory import lend
    from .creation import _finish

    shared = _finish(data, None, None, requires_grad)
    lend(shared._data, data)  # (the buffer's memory: it cannot grow)
    return shared


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


def warn_list_of_arrays(data: list[Any] | tuple[Any, ...]) -> None:
    """PyTorch's warning, once per program, for nested lists holding a NumPy array
    (``tensor([array, array])``), shown at the learner's line: under ``set_warn_always(True)``
    once per array PyTorch copies values from (see `_arrays_read`). Not when the first
    elements lead down to a 0-dim array: PyTorch fails on its length before it warns."""
    if not _holds_array(data):
        return
    first = data
    while isinstance(first, (list, tuple)) and first:
        first = first[0]
    if isinstance(first, numpy.ndarray) and first.ndim == 0:
        return
    for _ in range(_arrays_read(data)):
        if not first_time("list of arrays"):
            return
        warnings.warn(LIST_OF_ARRAYS_WARNING, UserWarning, stacklevel=_outside_the_kit())


def _arrays_read(data: list[Any] | tuple[Any, ...]) -> int:
    """How many times PyTorch's copy warns: once per item of a list that is an array, and
    once per row of such an array that is itself an array (a k-dim array of shape s counts
    1 + s₀ + s₀s₁ + … + s₀…s_(k-2)); none for an empty tensor (nothing is copied)."""
    count = 0
    for item in data:
        if isinstance(item, (list, tuple)):
            count += _arrays_read(item)
        elif isinstance(item, numpy.ndarray):
            if item.size == 0:
                return 0
            rows = 1
            for size in item.shape[:-1]:
                count += rows
                rows *= size
            count += rows if item.ndim else 0
    return count


def _holds_array(data: Any) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_holds_array(value) for value in data)
    return isinstance(data, numpy.ndarray)


def check_numpy_layout(array: numpy.ndarray) -> None:
    """PyTorch's errors for an array it cannot read in place (``from_numpy``, and
    ``tensor`` given an array): negative strides (``a[::-1]``), a non-native byte order."""
    if any(stride < 0 for stride in array.strides):
        raise ValueError(
            "At least one stride in the given numpy array is negative, and tensors with "
            "negative strides are not currently supported. (You can probably work around this "
            "by making a copy of your array  with array.copy().) "
        )
    if not array.dtype.isnative:
        raise ValueError("given numpy array has byte order different from the native byte "
                         "order. Conversion between byte orders is currently not supported.")
