"""Refusing in-place writes whose result would depend on the order elements are visited.

``x[1:].add_(x[:-1])`` reads elements that the same operation is overwriting, so the result
would depend on the order in which the elements are visited. PyTorch refuses it, and so does
the kit (NumPy would quietly copy the input first and give an answer PyTorch never gives).
Writing a tensor onto exactly itself (``x.add_(x)``) is fine, and so are inputs whose elements
are spread out with gaps (PyTorch does not try to decide those either).

An expanded tensor (``x.expand(3)``: a stride of 0) has several elements in one memory
location. Most writes into it are refused too; PyTorch allows a few, where every element
written there gets the same value (``fill_``, ``zero_``, ``e[0] = 5.``), and, with a
deprecation warning, the writes by index or mask (``e[[0, 1]] = 4.``, ``masked_fill_``,
``index_fill_``). Only the elements such a write names are written (`overlapping_write`).
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any

from .backend import address_of
from .tensor import Tensor

PARTIAL_OVERLAP_MESSAGE = (
    "unsupported operation: some elements of the input tensor and the written-to tensor refer "
    "to a single memory location. Please clone() the tensor before performing the operation."
)
INTERNAL_OVERLAP_MESSAGE = (
    "unsupported operation: more than one element of the written-to tensor refers to a single "
    "memory location. Please clone() the tensor before performing the operation."
)
_EXPANDED_WARNING = (
    "Use of {name} on expanded tensors is deprecated. Please clone() the tensor before "
    "performing this operation. This also applies to advanced indexing e.g. {example} "
    "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/"
    "TensorAdvancedIndexing.cpp:{line}.)"
)
_WARNED_OPS = {"index_put_": ("tensor[indices] = tensor", 976),
               "masked_fill_": ("tensor[mask] = scalar", 2450),
               "index_fill_": ("tensor[mask] = scalar", 1913)}


def read_before_writing(function: Any, inputs: tuple[Any, ...]) -> tuple[Any, ...]:
    """The inputs to check for overlap: PyTorch's fills (``fill_``, ``masked_fill_``,
    ``index_fill_``) read a 0-dim tensor value as a number before writing, so it may lie
    inside the written memory (``x.fill_(x[1])``)."""
    if function not in _fills_reading_a_number():
        return inputs
    return tuple(v for v in inputs if not (isinstance(v, Tensor) and v._data.ndim == 0))


@functools.cache
def _fills_reading_a_number() -> tuple[Any, ...]:
    """The fills that read a 0-dim tensor value as a number (imported on first use, then
    kept: the ops import this module)."""
    from .ops.filling import FillWithTensor
    from .ops.scatter import IndexFillTensor
    from .ops.selection import MaskedFillTensor

    return FillWithTensor, MaskedFillTensor, IndexFillTensor


def check_no_partial_overlap(written: Tensor, inputs: Iterable[Any],
                             region: Any = None, full: bool = False) -> None:
    """Raise PyTorch's error when an input tensor shares part of the memory being written
    (``full``: or all of it in the same layout, which the writes by index refuse too, as
    PyTorch's ``assert_no_overlap``: ``x.index_add_(0, i, x)``).

    ``region`` is the array actually written, when that is only a part of ``written`` (an
    assignment by index); only tensors that may share ``written``'s memory (its views, which
    share its version counter, and views of its ``.data`` or ``detach()`` aliases, which do
    not) are looked at, so the usual case costs a few comparisons per input.
    """
    target = written._data if region is None else region
    for value in inputs:
        if isinstance(value, Tensor) and may_share_memory(written, target, value) \
                and _overlap_in_part(target, value._data, full):
            raise RuntimeError(PARTIAL_OVERLAP_MESSAGE)


def may_share_memory(written: Tensor, target: Any, value: Tensor) -> bool:
    """Whether ``value`` may read memory of ``written`` (whose array ``target`` is written):
    a view of it (one version counter), or a view of its ``.data`` or ``detach()`` alias
    (other counters, but arrays over the same memory block)."""
    return value._version_counter is written._version_counter or \
        _memory_owner(value._data) is _memory_owner(target)


def _memory_owner(array: Any) -> Any:
    """The object that owns an array's memory: the end of its chain of ``.base``s."""
    while getattr(array, "base", None) is not None:
        array = array.base
    return array


def _overlap_in_part(a: Any, b: Any, full: bool = False) -> bool:
    """PyTorch's rule: two gap-free blocks that overlap, but (unless ``full``) are not the
    same elements in the same layout."""
    if a.size == 0 or b.size == 0 or not _gap_free(a) or not _gap_free(b):
        return False
    a_begin, b_begin = address_of(a), address_of(b)
    a_end, b_end = a_begin + a.nbytes, b_begin + b.nbytes
    if (a_begin, a_end) == (b_begin, b_end):
        return full or _torch_strides(a) != _torch_strides(b)
    return a_begin < b_end and b_begin < a_end


def _torch_strides(array: Any) -> tuple[int, ...]:
    """The strides PyTorch would give: NumPy gives a dim of size 1 that it inserts
    (``x[None]``, ``x[True]``, ``broadcast_to``) the stride 0, PyTorch's unsqueeze and expand
    the span of the dims after it (so ``x[None] = x`` writes x onto itself: allowed)."""
    strides = list(array.strides)
    for dim in range(array.ndim - 1, -1, -1):
        if array.shape[dim] == 1 and strides[dim] == 0:
            strides[dim] = array.shape[dim + 1] * strides[dim + 1] if dim + 1 < array.ndim \
                else array.itemsize
    return tuple(strides)


def _gap_free(array: Any) -> bool:
    """Its elements fill one block of memory, each once (row-major, or any order of dims)."""
    expected = array.itemsize
    for stride, size in sorted((abs(st), n) for n, st in zip(array.shape, array.strides)
                               if n != 1):
        if stride != expected:
            return False
        expected *= size
    return True


def _same_data(data: Any, source: Any) -> bool:
    """Whether ``source`` is a tensor reading exactly ``data``'s elements in its layout."""
    other = source._data if isinstance(source, Tensor) else None
    return other is not None and other.dtype == data.dtype and other.shape == data.shape \
        and other.strides == data.strides and address_of(other) == address_of(data)


def has_internal_overlap(data: Any) -> bool:
    """Several elements in one memory location: a stride of 0 over a size above 1."""
    return 0 in data.strides and bool(data.size) and any(stride == 0 and size > 1
                                   for size, stride in zip(data.shape, data.strides))


def may_share_locations(data: Any) -> bool:
    """Whether two of ``data``'s elements may sit in one memory location (an unfold or
    as_strided view, ``x.unfold(0, 2, 1)``): some dim's step is shorter than the span of the
    smaller ones (a stride of 0 too: an expanded tensor)."""
    if not data.size:
        return False
    span = 0
    for stride, size in sorted((abs(st), n) for n, st in zip(data.shape, data.strides)
                               if n != 1):
        if stride <= span:
            return True
        span += stride * (size - 1)
    return False


def check_no_internal_overlap(data: Any) -> None:
    if has_internal_overlap(data):
        raise RuntimeError(INTERNAL_OVERLAP_MESSAGE)


def overlapping_write(target: Tensor, function: Any,
                      others: tuple[Any, ...]) -> Callable[[Any, Any], None] | None:
    """How to write ``function``'s result into ``target`` when target's elements overlap
    (None when they do not: everything is written). PyTorch's error for the operations it
    refuses there; for the others, a writer that stores only the elements the operation
    names, so that an element left alone cannot overwrite a shared location with its old
    value."""
    if not has_internal_overlap(target._data):
        return None
    quietly, warned = _overlap_rules()
    if function in quietly:  # every element gets the same value
        return _write_changed
    if getattr(function, "copies", False) and _same_data(target._data, others[0]):
        return _write_changed  # (PyTorch's copy_ of the same elements in the same layout
        # returns before its overlap check: nothing changes)
    if getattr(function, "writes_a_part", False):  # x[key] = v, index_put_
        from .ops.indexing import _view

        basic, advanced = others[-1]
        if advanced is None:  # the basic part is all that is written: it must not overlap
            check_no_internal_overlap(_view(target._data, basic))
        else:
            _warn_expanded("index_put_")
            arrays = [a for a in advanced if getattr(a, "ndim", 0)]
            if len(arrays) == 1 and arrays[0].dtype.kind == "b" \
                    and getattr(others[0], "ndim", 0) == 0:
                _warn_expanded("masked_fill_")  # (PyTorch's x[mask] = number is masked_fill_)
        return lambda data, new: _copy_at(data, new, basic, advanced)
    if function not in warned:
        raise RuntimeError(INTERNAL_OVERLAP_MESSAGE)
    _warn_expanded(warned[function])
    return _write_changed


@functools.cache
def _overlap_rules() -> tuple[tuple[Any, ...], dict[Any, str]]:
    """The operations PyTorch lets write into overlapping memory: silently, and with a
    deprecation warning (by the name it gives)."""
    from .ops.filling import Fill, Zero
    from .ops.scatter import IndexFill, IndexFillTensor
    from .ops.selection import MaskedFill, MaskedFillTensor
    from .ops.writes import IndexPutAccumulate

    return (Fill, Zero), {IndexPutAccumulate: "index_put_", MaskedFill: "masked_fill_",
                          MaskedFillTensor: "masked_fill_", IndexFill: "index_fill_",
                          IndexFillTensor: "index_fill_"}


def _warn_expanded(name: str) -> None:
    example, line = _WARNED_OPS[name]
    warnings.warn(_EXPANDED_WARNING.format(name=name, example=example, line=line),
                  UserWarning, stacklevel=_outside_the_kit())


def _outside_the_kit() -> int:
    """The stack level of the first caller outside autograd_kit (the learner's line)."""
    package = os.path.dirname(__file__)
    frame, level = sys._getframe(2), 2
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _copy_at(data: Any, new: Any, basic: tuple[Any, ...], advanced: Any) -> None:
    """Write only the elements the key ``(basic, advanced)`` names."""
    from .ops.indexing import _view

    part, new_part = _view(data, basic), _view(new, basic)
    if advanced is None:
        part[...] = new_part
    else:
        part[advanced] = new_part[advanced]


def _write_changed(data: Any, new: Any) -> None:
    """Write only the elements whose value changed (a fill leaves the others as they were)."""
    changed = new != data
    if new.dtype.kind == "f":
        changed |= new != new  # NaN written
    data[changed] = new[changed]
