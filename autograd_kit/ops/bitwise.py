"""Bitwise and logical operations: ``&``, ``|``, ``^``, ``~``, ``<<``, ``>>`` and
``logical_and/or/xor/not``. None of them has a gradient (the results are integers or bools).

Bitwise operations take bool and integer tensors (PyTorch's NotImplementedError names the
kernel and the floating type otherwise) and give the promoted type; logical ones take any
type and give bool.
"""

from __future__ import annotations

import operator
from typing import Any

from .. import dtypes
from ..tensor import Tensor
from .operands import (
    arrays,
    as_operand,
    check_broadcast,
    common_dtype,
    ensure_array,
    kernel_error,
    shape_of,
)
from .preserved_layout import operands_layout

_OPERATORS = {"and": operator.and_, "or": operator.or_, "xor": operator.xor}
_KERNELS = {"and": "bitwise_and", "or": "bitwise_or", "xor": "bitwise_xor",
            "lshift": "lshift", "rshift": "rshift", "not": "bitwise_not"}


def bitwise(name: str, a: Any, b: Any) -> Tensor:
    """``a & b`` (``name`` "and"), ``|`` ("or"), ``^`` ("xor"), ``<<`` ("lshift"), ``>>``
    ("rshift"), computed in PyTorch's result type of the two operands."""
    a, b = as_operand(a), as_operand(b)
    tensor = a if isinstance(a, Tensor) else b
    check_broadcast(shape_of(a), shape_of(b))  # (before the dtype, as PyTorch)
    dtype = common_dtype(a, b)
    if dtype.is_floating_point or dtype.name == "bool" and name in ("lshift", "rshift"):
        raise kernel_error(f"{_KERNELS[name]}_{tensor.device.type}", dtype)
    x, y = arrays(a, b)
    xp = tensor._xp
    shift = name in ("lshift", "rshift")
    values = _shift(xp, name, x, y, dtype) if shift else _OPERATORS[name](x, y)
    return Tensor._make(operands_layout(ensure_array(values, xp), (a, b)))


def _shift(xp: Any, name: str, x: Any, y: Any, dtype: dtypes.dtype) -> Any:
    """x << y or x >> y, with PyTorch's results for shifts of a negative count or of the
    whole width or more (0, or -1 for a negative value shifted right)."""
    x = xp.asarray(x, dtype=dtype.numpy)
    y = xp.asarray(y, dtype=dtype.numpy)
    inside = (y >= 0) & (y < dtype.itemsize * 8)
    count = xp.where(inside, y, 0)
    if name == "lshift":
        return xp.where(inside, x << count, 0).astype(dtype.numpy)
    beyond = xp.where(x < 0, -1, 0) if dtype.is_signed else 0
    return xp.where(inside, x >> count, beyond).astype(dtype.numpy)


def invert(x: Tensor) -> Tensor:
    """``~x``: bitwise not of an integer tensor, logical not of a bool tensor."""
    if x.dtype.is_floating_point:
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type "
                        "tensors")
    return bitwise_not(x)


def bitwise_not(x: Tensor) -> Tensor:
    if x.dtype.is_floating_point:
        raise kernel_error(f"bitwise_not_{x.device.type}", x.dtype)
    return Tensor._make(operands_layout(ensure_array(~x._data, x._xp), (x,)))  # (x's layout)


def logical(name: str, a: Any, b: Any) -> Tensor:
    """``logical_and`` (``name`` "and"), ``logical_or``, ``logical_xor``: is each value
    non-zero, combined; a bool tensor."""
    a, b = as_operand(a), as_operand(b)
    tensor = a if isinstance(a, Tensor) else b
    check_broadcast(shape_of(a), shape_of(b))
    xp = tensor._xp
    x, y = ((v._data if isinstance(v, Tensor) else v) != 0 for v in (a, b))
    combine = operator.ne if name == "xor" else _OPERATORS[name]
    return Tensor._make(operands_layout(ensure_array(combine(x, y), xp), (a, b)))


def logical_not(x: Tensor) -> Tensor:
    return Tensor._make(operands_layout(ensure_array(x._data == 0, x._xp), (x,)))  # (x's layout)


def _binary(combine: Any, name: str) -> Any:
    """``torch.bitwise_and(a, b)`` and friends: `bitwise` or `logical` with ``name`` fixed."""
    def function(input: Any, other: Any) -> Tensor:  # noqa: A002 - PyTorch's names
        return combine(name, input, other)

    return function


bitwise_and, bitwise_or, bitwise_xor = (_binary(bitwise, n) for n in ("and", "or", "xor"))
bitwise_left_shift, bitwise_right_shift = (_binary(bitwise, n) for n in ("lshift", "rshift"))
logical_and, logical_or, logical_xor = (_binary(logical, n) for n in ("and", "or", "xor"))
