"""How a list in an index becomes part of the key, as PyTorch reads it: a short list holding
a tensor, a sequence, a slice, ``...`` or None stands for a tuple (with PyTorch's deprecation
warning), and any other list becomes an int64 index array (floats truncated) or a mask."""

from __future__ import annotations

from typing import Any

import numpy

from ..scalar_warning import triggered_at
from ..tensor import Tensor


def sequence_as_tuple(key: Any) -> bool:
    """Whether a list key stands for a tuple (it holds a tensor, a sequence, a slice, ``...``
    or None, and has fewer than 32 items)."""
    if not isinstance(key, list) or len(key) >= 32:
        return False
    return any(isinstance(p, (Tensor, list, tuple, range, slice, str)) or p is None
               or p is Ellipsis for p in key)


def warn_sequence_as_tuple(key: list[Any]) -> None:
    """PyTorch's deprecation warning for a list read as a tuple (``x[[0, [1]]]``), naming
    the line of python_variable_indexing.cpp its first tuple-like item reached."""
    import warnings

    from ..memory_overlap import _outside_the_kit

    first = next(p for p in key if p is None or p is Ellipsis
                 or isinstance(p, (Tensor, list, tuple, range, slice, str)))
    line = 359 if first is None or first is Ellipsis else 349
    warnings.warn(triggered_at(
        "Using a non-tuple sequence for multidimensional indexing is deprecated and will be "
        "changed in pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will "
        "be interpreted as tensor index, x[torch.tensor(seq)], which will result either in an "
        "error or a different result",
        f"torch/csrc/autograd/python_variable_indexing.cpp:{line}"), UserWarning,
        stacklevel=_outside_the_kit())


def sequence_part(x: Tensor, part: Any) -> Any:
    """A list, tuple or range of integers (or of 0-dim integer tensors) as an index array.
    PyTorch makes an int64 tensor of a list of Python numbers, so floats are truncated
    (``x[[0, 1.5]]`` is ``x[[0, 1]]``); a float tensor in the list is refused."""
    holds_tensors = isinstance(part, (list, tuple)) and any(isinstance(p, Tensor) for p in part)
    if holds_tensors:
        part = [p.tolist() if isinstance(p, Tensor) else p for p in part]
    array = x._xp.asarray(part)
    if array.dtype.kind in "OUS" and array.size:  # (a set, a str: PyTorch's tensor() refuses)
        _refuse_non_numbers(part)
    if array.dtype.kind == "f" and array.size:
        if holds_tensors:
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return _truncated(part, array)
    if array.size == 0 and array.dtype.kind != "b":
        array = array.astype("int64")
    return array


def _refuse_non_numbers(part: Any) -> None:
    """PyTorch's error for a list index holding what is no number: it reads the list as a
    tensor's data (``x[[{0}]]``: "Could not infer dtype of set"; a str: "invalid data
    type")."""
    from ..creation import _flat, _odd_one

    for value in _flat(part):
        if isinstance(value, (str, bytes)):
            raise TypeError(f"new(): invalid data type '{type(value).__name__}'")
    raise RuntimeError(f"Could not infer dtype of {_odd_one(part)}")


def _truncated(part: Any, array: Any) -> Any:
    """A list of Python numbers with floats among them as int64 (truncated toward zero), with
    PyTorch's errors for a NumPy float32 (no ``__index__``) and for what int64 cannot hold."""
    items = [part]
    while items:
        item = items.pop()
        if isinstance(item, (list, tuple)):
            items.extend(item)
        elif isinstance(item, numpy.floating) and not isinstance(item, float):
            raise TypeError(f"'numpy.{type(item).__name__}' object cannot be interpreted as an "
                            "integer")
    if not (abs(array) < 2.0 ** 63).all():  # (nan fails this too)
        raise RuntimeError("value cannot be converted to type int64 without overflow")
    return array.astype("int64")
