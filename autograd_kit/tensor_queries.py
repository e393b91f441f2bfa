"""Questions about tensors and dtypes, as PyTorch's top-level functions ask them.

``is_floating_point``, ``is_nonzero``, ``is_same_size``, ``is_signed``, ``is_complex``: facts
about one tensor (also methods: ``x.is_signed()``). ``result_type``, ``promote_types``,
``can_cast``: the type promotion rules that decide the dtype of ``a + b``.
``broadcast_shapes`` and ``broadcast_tensors``: the shape that broadcasting gives.
None of them records anything: they answer questions, they compute no values to
differentiate (``broadcast_tensors`` returns ``expand``-ed views, recorded as usual).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import dtypes
from .creation_sizes import c_type_name
from .tensor import Size, Tensor


def is_floating_point(input: Tensor) -> bool:  # noqa: A002 - PyTorch's argument name
    """True for float16/float32/float64 tensors."""
    return input.dtype.is_floating_point


def is_signed(input: Tensor) -> bool:  # noqa: A002
    """True unless the dtype is unsigned (uint8) or bool."""
    return input.dtype.is_signed


def is_complex(input: Tensor) -> bool:  # noqa: A002
    """Always False: the kit has no complex dtypes."""
    return False


def is_same_size(input: Tensor, other: Tensor) -> bool:  # noqa: A002
    return input.shape == other.shape


def is_nonzero(input: Tensor) -> bool:  # noqa: A002
    """``bool(x)`` for a one-element tensor, with PyTorch's errors for the others."""
    if input.numel() == 0:
        raise RuntimeError("Boolean value of Tensor with no values is ambiguous")
    if input.numel() > 1:
        raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
    return bool(input.item())


def positive(input: Tensor) -> Tensor:  # noqa: A002
    """``+x``: x itself (PyTorch refuses it on bool tensors)."""
    if input.dtype is dtypes.bool_:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return input


def detach(input: Tensor) -> Tensor:  # noqa: A002
    """``torch.detach(x)``: ``x.detach()``."""
    return input.detach()


_RESULT_TYPE_FORMS = ["Tensor tensor, Tensor other", "Number scalar, Tensor tensor",
                      "Tensor tensor, Number other", "Number scalar1, Number scalar2"]


def result_type(*args: Any, **kwargs: Any) -> dtypes.dtype:
    """The dtype of ``tensor + other``: tensors with dimensions decide first, then 0-dim
    tensors, then Python numbers, each group only when it is of a higher kind
    (bool < integer < floating point). (The rule every binary operation uses.)"""
    from .ops.operands import as_operand, common_dtype
    from .tensor_arguments import invalid_combination, is_number

    args += tuple(kwargs[name] for name in ("tensor", "other") if name in kwargs)
    if len(args) == 2 and all(isinstance(a, Tensor) or is_number(a) for a in args):
        return common_dtype(*map(as_operand, args))  # (a NumPy bool counts as a float)
    error = invalid_combination("result_type", args, _RESULT_TYPE_FORMS)
    if len(args) != 2:  # PyTorch lists the forms only, without the "didn't match" lines
        lines = str(error).splitlines()
        error = TypeError("\n".join(lines[0:1] + lines[1::2]) + "\n")
    raise error


_MISSING: Any = object()


def _dtype_argument(function: str, name: str, position: int, value: Any) -> dtypes.dtype:
    """``value`` if it is a dtype (the Python types float, int and bool read as float64,
    int64 and bool), else PyTorch's TypeError naming the argument."""
    if value is _MISSING:
        raise TypeError(f'{function}() missing 1 required positional arguments: "{name}"')
    if dtypes.is_dtype_argument(value):
        return dtypes.resolve(value)
    raise TypeError(f"{function}(): argument '{name}' (position {position}) must be "
                    f"autograd_kit.dtype, not {c_type_name(type(value))}")


def promote_types(type1: dtypes.dtype = _MISSING, type2: dtypes.dtype = _MISSING
                  ) -> dtypes.dtype:
    """The smallest dtype that holds values of both (``int32`` and ``float16``: float16)."""
    type1 = _dtype_argument("promote_types", "type1", 1, type1)
    type2 = _dtype_argument("promote_types", "type2", 2, type2)
    return dtypes.result_type([type1, type2], [], [])


def can_cast(from_: dtypes.dtype = _MISSING, to: dtypes.dtype = _MISSING) -> bool:
    """Whether PyTorch's casting rule lets a result of dtype ``from_`` be written into a
    tensor of dtype ``to``: never to a lower kind (float → int, int → bool)."""
    from_ = _dtype_argument("can_cast", "from_", 1, from_)
    to = _dtype_argument("can_cast", "to", 2, to)
    return from_._kind <= to._kind


def broadcast_shapes(*shapes: Any) -> Size:
    """The shape that tensors of these shapes broadcast to, compared from the last dimension:
    sizes must be equal or 1 (PyTorch's error otherwise)."""
    as_tuples = [(s,) if isinstance(s, int) else s for s in shapes if s is not None]
    for shape in as_tuples:
        if not isinstance(shape, Sequence):
            raise RuntimeError("Input shapes should be of type ints, a tuple of ints, or a list "
                               f"of ints, got {shape}")
    common = [1] * max((len(s) for s in as_tuples), default=0)
    for index, shape in enumerate(as_tuples):
        for dim in range(-1, -1 - len(shape), -1):
            if shape[dim] == common[dim]:
                continue
            if common[dim] == 1:
                if shape[dim] < 0:
                    raise ValueError("Attempting to broadcast a dimension with negative length!")
                common[dim] = shape[dim]
            elif shape[dim] not in (1, common[dim]):
                raise RuntimeError(
                    f"Attempting to broadcast a dimension of length {shape[dim]} at {dim}! "
                    f"Mismatching argument at index {index} had {shape}; but expected shape "
                    f"should be broadcastable to {common}")
    return Size(common)


def broadcast_tensors(*tensors: Tensor) -> tuple[Tensor, ...]:
    """The tensors expanded to their common shape (views: ``ExpandBackward0``); a tensor that
    already has that shape is returned itself, as in PyTorch."""
    from .ops.joining import tensor_list
    from .ops.operands import check_broadcast

    tensor_list("broadcast_tensors", tensors)  # (PyTorch's TypeError for anything else)
    shape: tuple[int, ...] = tensors[0].shape if tensors else ()
    for t in tensors[1:]:
        check_broadcast(tuple(shape), tuple(t.shape))
        shape = tuple(broadcast_shapes(shape, t.shape))
    return tuple(t if t.shape == shape else t.expand(shape) for t in tensors)
