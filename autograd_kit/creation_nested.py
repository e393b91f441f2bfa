"""Reading nested Python lists as `tensor` does, with PyTorch's rules and errors: the
shape is read along the first elements, ragged or mixed lists are PyTorch's errors, and
tensors and NumPy arrays inside the lists become Python values."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any

import numpy

from . import dtypes, grad_mode, scalar_warning
from .tensor import Tensor


def _nested_sizes(data: Any) -> list[int]:
    """The shape nested lists claim, read along their first elements (as PyTorch does: a
    NumPy array met first is a sequence too, so its rows count; a tensor is not)."""
    sizes = []
    while isinstance(data, (list, tuple, numpy.ndarray)):
        if isinstance(data, numpy.ndarray) and not data.ndim:  # (a sequence with no len())
            raise TypeError("len() of unsized object")
        sizes.append(len(data))
        if not len(data):
            break
        data = data[0]
    if isinstance(data, str):  # a string looks like one more level of nesting
        raise ValueError("too many dimensions 'str'")
    return sizes


def _check_nesting(data: Any, sizes: list[int], floats: bool, dim: int = 0) -> None:
    """Raise PyTorch's errors for ragged or mixed nested lists (instead of NumPy's).

    ``floats``: the data holds a float, so a misplaced list is "not a real number".
    """
    if len(data) != sizes[dim]:
        raise ValueError(
            f"expected sequence of length {sizes[dim]} at dim {dim} (got {len(data)})"
        )
    for value in data:
        if isinstance(value, str):
            raise TypeError("new(): invalid data type 'str'")
        if dim + 1 < len(sizes):
            if not isinstance(value, (list, tuple)):
                raise TypeError("not a sequence")
            _check_nesting(value, sizes, floats, dim + 1)
        elif isinstance(value, (list, tuple)):
            if floats:
                raise TypeError(f"must be real number, not {type(value).__name__}")
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")


def _flat(data: Any) -> list[Any]:
    out = []
    for v in data:
        out.extend(_flat(v) if isinstance(v, (list, tuple)) else [v])
    return out


def _nested_values(data: Any, sizes: list[int], dim: int = 0, as_index: Any = None) -> Any:
    """Nested lists' tensors and arrays as Python values. ``sizes``: the shape the lists
    claim (`_nested_sizes`, which stops at a tensor). As in PyTorch, a tensor at the
    innermost level stands for one number; above it (``dim`` < len(sizes)), for the sequence
    of its rows (``tensor([[1., 2.], t])`` with ``t`` of 2 values is 2x2). Each number read
    from a tensor that requires grad warns, as ``float(x)`` would (not a row of numbers).
    ``as_index``: the new tensor's integer or bool type, for which each number is read as
    PyTorch reads it then (`number_as_index`)."""
    if isinstance(data, Tensor) and dim < len(sizes):
        if data.ndim == 0:
            raise TypeError("not a sequence")
        if len(data) != sizes[dim]:
            raise ValueError(f"expected sequence of length {sizes[dim]} at dim {dim} "
                             f"(got {len(data)})")
        return [_nested_values(row, sizes, dim + 1, as_index) for row in data.detach()]
    if isinstance(data, Tensor):
        if as_index:  # (through __index__, which does not warn)
            return number_as_index(data, as_index)
        if data.requires_grad and grad_mode.state.enabled:
            scalar_warning.warn_once(data)
        if data.numel() != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return data.item()
    if isinstance(data, (list, tuple)):
        return [_nested_values(v, sizes, dim + 1, as_index) for v in data]
    if isinstance(data, numpy.ndarray):  # (its type is already read, by _type_of_items)
        if dim < len(sizes) and not data.ndim:
            raise TypeError("not a sequence")
        if dim >= len(sizes) and data.ndim:  # (read as one number, as float() or index())
            raise TypeError("only integer scalar arrays can be converted to a scalar index"
                            if as_index else
                            "only 0-dimensional arrays can be converted to Python scalars")
        if as_index and data.size:  # (its numbers are all of one type)
            number_as_index(data if not data.ndim else data.flat[0], as_index)
        return data.tolist()
    if as_index and isinstance(data, numpy.generic):
        return number_as_index(data, as_index)
    return data


def number_as_index(number: Any, dtype: dtypes.dtype) -> Any:
    """A number for a tensor of an integer or bool ``dtype``, read as PyTorch reads it: a
    Python float (numpy.float64 is one) as it is, and a numpy.bool_ for bool; anything else
    through ``__index__``, so that numpy.float32(2.5) or a float tensor is a TypeError there,
    not a truncated number."""
    if isinstance(number, (float, complex)) or (
            dtype is dtypes.bool_ and isinstance(number, numpy.bool_)):
        return number
    return operator.index(number)


def empty_nested(data: Any, sizes: list[int], target: dtypes.dtype | None) -> Any:
    """Nested lists whose shape (read along their first elements, `_nested_sizes`) holds no
    element: PyTorch reads nothing more from them (``tensor([[], [1.]])`` is 2x0), only
    their type (`_nested_type`) when none is asked for. None when the shape has elements
    (or the type is one the kit lacks)."""
    if math.prod(sizes):
        return None
    kind = target if target is not None else _nested_type(data)
    return None if kind is None else numpy.zeros(sizes, dtype=kind.numpy)


def _nested_type(data: Any) -> dtypes.dtype | None:
    """PyTorch's type of nested data: each item's type promoted together, an empty list
    counting as the default float type."""
    if isinstance(data, Sequence) and not isinstance(data, (str, bytes)):  # (a range too)
        result = None if len(data) else dtypes.default_float()
        for value in data:
            kind = _nested_type(value)
            if kind is None:
                return None
            result = kind if result is None else dtypes.promote_pair(result, kind)
        return result
    if isinstance(data, Tensor):
        return data.dtype
    if isinstance(data, (numpy.generic, numpy.ndarray)):
        return dtypes.of_numpy(data.dtype)
    if isinstance(data, (str, bytes)):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    if isinstance(data, (bool, int, float)):
        return dtypes.default_for_scalar(data)
    if not isinstance(data, complex):  # (a type the kit lacks: None)
        raise RuntimeError(f"Could not infer dtype of {type(data).__name__}")
    return None
