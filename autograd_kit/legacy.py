"""PyTorch's legacy tensor types: ``FloatTensor([1, 2])``, ``LongTensor(3)``, ``Tensor(2, 3)``.

Before ``torch.tensor(...)`` existed (PyTorch < 0.4), tensors were made by calling a type
per dtype, and old tutorials still do. Each type here makes a tensor of its dtype, answers
``isinstance`` by dtype, and can be given to ``x.type(...)``. With sizes instead of data the
values are uninitialised in PyTorch; the kit fills them with zeros.
"""

from __future__ import annotations

from typing import Any

from . import dtypes
from .tensor import Size, Tensor


def construct(dtype: dtypes.dtype, args: tuple[Any, ...]) -> Tensor:
    """``Type(data)`` → a tensor of ``data``; ``Type(2, 3)`` or ``Type(Size)`` → that shape."""
    from .creation import empty, tensor

    if not args:
        return empty(0, dtype=dtype)
    if all(type(a) is int for a in args):
        return empty(*args, dtype=dtype)
    if len(args) == 1 and isinstance(args[0], Size):
        return empty(*args[0], dtype=dtype)
    if len(args) == 1 and isinstance(args[0], Tensor):
        return args[0].to(dtype)
    if len(args) == 1:
        return tensor(args[0], dtype=dtype)
    raise TypeError(f"new() received an invalid combination of arguments - got {args!r}")


class LegacyType(type):
    """The metaclass: calling the type makes a tensor; ``isinstance`` checks the dtype."""

    legacy_dtype: dtypes.dtype

    def __call__(cls, *args: Any) -> Tensor:  # type: ignore[override]
        return construct(cls.legacy_dtype, args)

    def __instancecheck__(cls, value: Any) -> bool:
        return (isinstance(value, Tensor) and value.dtype == cls.legacy_dtype
                and value.device.type == "cpu")

    def __repr__(cls) -> str:
        return f"<class 'autograd_kit.{cls.__name__}'>"


def _legacy(name: str) -> LegacyType:
    return LegacyType(dtypes.tensor_type_name(name), (), {"legacy_dtype": dtypes.resolve(name)})


FloatTensor = _legacy("float32")
DoubleTensor = _legacy("float64")
HalfTensor = _legacy("float16")
LongTensor = _legacy("int64")
IntTensor = _legacy("int32")
ShortTensor = _legacy("int16")
CharTensor = _legacy("int8")
ByteTensor = _legacy("uint8")
BoolTensor = _legacy("bool")
