"""Reading nested Python lists as `tensor` does, with PyTorch's rules and errors: the
shape is read along the first elements, ragged or mixed lists are PyTorch's errors, and
tensors and NumPy arrays inside the lists become Python values."""

from __future__ import annotations

from typing import Any

import numpy

from .tensor import Tensor


def _nested_sizes(data: Any) -> list[int]:
    """The shape nested lists claim, read along their first elements (as PyTorch does)."""
    sizes = []
    while isinstance(data, (list, tuple)):
        sizes.append(len(data))
        if not data:
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


def _nested_values(data: Any, sizes: list[int], dim: int = 0) -> Any:
    """Nested lists' tensors and arrays as Python values. ``sizes``: the shape the lists
    claim (`_nested_sizes`, which stops at a tensor). As in PyTorch, a tensor at the
    innermost level stands for one number; above it (``dim`` < len(sizes)), for the sequence
    of its rows (``tensor([[1., 2.], t])`` with ``t`` of 2 values is 2x2)."""
    if isinstance(data, Tensor) and dim < len(sizes):
        if data.ndim == 0:
            raise TypeError("not a sequence")
        if len(data) != sizes[dim]:
            raise ValueError(f"expected sequence of length {sizes[dim]} at dim {dim} "
                             f"(got {len(data)})")
        return [_nested_values(row, sizes, dim + 1) for row in data.detach()]
    if isinstance(data, Tensor):
        if data.numel() != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return data.item()
    if isinstance(data, (list, tuple)):
        return [_nested_values(v, sizes, dim + 1) for v in data]
    if isinstance(data, numpy.ndarray):  # (its type is already read, by _type_of_items)
        return data.tolist()
    return data
