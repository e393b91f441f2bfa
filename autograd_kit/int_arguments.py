"""What PyTorch's argument parser reads as an int: for an ``int`` argument (a dim, a count)
and for one item of a list of ints (a size, one of several dims). A tensor qualifies in
both, on different terms (``x.unsqueeze(torch.tensor(0))`` but not ``torch.tensor([0])``;
``x.view(torch.tensor([6]))`` but not ``torch.tensor(6.)``)."""

from __future__ import annotations

import functools
import operator
from typing import Any

import numpy


def is_int(value: Any) -> bool:
    """What PyTorch's parser takes for an ``int`` argument (a dim, a count): an int or a NumPy
    integer but a bool, or a 0-dim integer tensor that requires no grad."""
    if type(value) is int:  # (the common case, first: a bool's type is not int)
        return True
    if isinstance(value, _tensor_type()):
        return (value.ndim == 0 and not value.requires_grad
                and not value.dtype.is_floating_point and value.dtype.name != "bool"
                and not value.dtype.is_complex)
    return isinstance(value, (int, numpy.integer)) and not isinstance(value, (bool, numpy.bool_))


def is_index(value: Any) -> bool:
    """What it takes as one item of a list of ints (a size, one of several dims): what Python
    reads as an index, but a bool; a tensor of one integer (or bool) element will do."""
    if type(value) is int:
        return True
    if isinstance(value, (bool, numpy.bool_)) or not hasattr(value, "__index__"):
        return False
    try:
        operator.index(value)
    except (TypeError, ValueError, RuntimeError):
        return False
    return True


def is_one_int_tensor(value: Any) -> bool:
    """A tensor of one integer (or bool) element, of any shape: what PyTorch's parser takes
    for a list of one int (``int[1] dim``: ``x.sum(torch.tensor([0]))``)."""
    return isinstance(value, _tensor_type()) and value.numel() == 1 and not (
        value.dtype.is_floating_point or value.dtype.is_complex)


@functools.cache
def _tensor_type() -> type:
    from .tensor import Tensor

    return Tensor


def c_flag(value: Any) -> bool:
    """A flag as PyTorch's C functions read one (CPython's ``b`` format: an unsigned byte,
    taken from anything with ``__index__``, then compared with 0): ``retain_graph=2`` is
    True, ``None``, ``1.0`` or ``'yes'`` are refused with Python's TypeError."""
    if value is True or value is False:  # (the common case)
        return value
    number = operator.index(value)
    if not -2**63 <= number < 2**63:
        raise OverflowError("Python int too large to convert to C long")
    if number < 0:
        raise OverflowError("unsigned byte integer is less than minimum")
    if number > 255:
        raise OverflowError("unsigned byte integer is greater than maximum")
    return number != 0
