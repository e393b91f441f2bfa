"""PyTorch's checks of an in-place elementwise operation's output, in PyTorch's order.

PyTorch's TensorIterator checks ``x.op_(other)`` before its kernel runs: first that the
broadcast shape of the operands is x's own shape (``output with shape [] doesn't match the
broadcast shape [5]``), then that the result type can be cast to x's type (``result type
Byte can't be cast to the desired output type Bool``). Only then can the kernel refuse the
type (``"pow" not implemented for 'Bool'``) or an integer division by zero fail. The kit
computes first and checks while writing, so when the computation fails `iterator_error`
gives the error PyTorch would have raised before it, if any.
"""

from __future__ import annotations

from typing import Any

import numpy

from . import dtypes
from .tensor import Tensor

# the in-place rules that are one elementwise operation of the target and the others (rule
# classes by name; ``OutOfPlace`` rules by the function's name)
ELEMENTWISE = frozenset((
    "Add", "Sub", "Mul", "Div", "DivGivenNoRounding", "AddScaled", "SubScaled", "PowScalar",
    "PowTensor", "FloorDivideInPlace", "Remainder", "RemainderTensor", "Addcmul", "Addcdiv",
    "div", "fmod", "hypot", "atan2", "lerp", "xlogy", "clamp_min", "clamp_max"))


def is_elementwise(function: Any) -> bool:
    """Whether ``function`` (an in-place rule) is one of `ELEMENTWISE`."""
    return getattr(function, "name", getattr(function, "__name__", None)) in ELEMENTWISE


def shape_error(target: Tensor, others: tuple[Any, ...]) -> RuntimeError | None:
    """PyTorch's error when the tensors among ``others`` broadcast with ``target`` to another
    shape than target's own (None when they fit, or do not broadcast at all)."""
    shapes = [o._data.shape for o in others if isinstance(o, Tensor)]
    try:
        shape = numpy.broadcast_shapes(target._data.shape, *shapes)
    except ValueError:  # (the operation's own broadcast error is PyTorch's)
        return None
    if shape == target._data.shape:
        return None
    return RuntimeError(f"output with shape {list(target._data.shape)} doesn't match the "
                        f"broadcast shape {list(shape)}")


def iterator_error(target: Tensor, function: Any, others: tuple[Any, ...]) -> Exception | None:
    """The error PyTorch raises before an elementwise in-place ``function`` computes
    anything (see the module), or None. A number takes part in the result type only as the
    one other operand (addcmul's value does not)."""
    from .ops.operands import as_operand, common_dtype, is_number

    if not is_elementwise(function) or any(isinstance(o, (complex, numpy.complexfloating))
                                           for o in others):
        return None  # (complex numbers: the operation's own error, the kit has no complex type)
    error = shape_error(target, others)
    if error is not None:
        return error
    operands = [as_operand(o) for o in others if o is not None]
    operands = [o for o in operands if isinstance(o, Tensor) or len(others) == 1 and is_number(o)]
    have = common_dtype(target, *operands)
    if have._kind <= target.dtype._kind:
        return None
    word = dtypes.scalar_type_word
    return RuntimeError(f"result type {word(have.name)} can't be cast to the desired output "
                        f"type {word(target.dtype.name)}")
