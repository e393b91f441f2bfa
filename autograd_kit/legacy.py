"""PyTorch's legacy tensor types: ``FloatTensor([1, 2])``, ``LongTensor(3)``, ``Tensor(2, 3)``.

Before ``torch.tensor(...)`` existed (PyTorch < 0.4), tensors were made by calling a type
per dtype, and old tutorials still do. Each type here makes a tensor of its dtype, answers
``isinstance`` by dtype, and can be given to ``x.type(...)``. Given a NumPy array of its
dtype, a type reads it in place (``FloatTensor(a)`` shares ``a``'s memory), as in PyTorch.
With sizes instead of data the values are uninitialised in PyTorch; the kit fills them
with zeros.
"""

from __future__ import annotations

from typing import Any

import numpy

from . import dtypes
from .tensor import Size, Tensor

# the constructor's signatures, as PyTorch's parser lists them (its hidden ones left out)
_NEW_FORMS = ("*, torch.device device = None", "torch.Storage storage", "Tensor other",
              "int[] size, *, torch.device device = None",
              "object data, *, torch.device device = None")


def construct(dtype: dtypes.dtype, args: tuple[Any, ...], keep_tensor_type: bool = False,
              keywords: dict[str, Any] | None = None) -> Tensor:
    """``Type(data)`` → a tensor of ``data``; ``Type(2, 3)`` or ``Type(Size)`` → that shape;
    ``Tensor(t)`` → t's memory under another tensor (``keep_tensor_type``: ``Tensor`` itself,
    which keeps t's dtype). The only keyword is ``device=``: ``dtype=`` or ``requires_grad=``
    is PyTorch's "new() received an invalid combination of arguments". PyTorch's TypeErrors
    for anything else."""
    if keywords or (len(args) > 1 and not all(type(a) is int for a in args)):
        from .signature_parser import check

        check("new", _NEW_FORMS, args, keywords or {})
    if keywords:
        if len(args) == 1 and isinstance(args[0], Tensor):
            raise RuntimeError("Legacy tensor constructor of the form torch.Tensor(tensor, "
                               "device=device) is not supported.  Use torch.tensor(...) or "
                               "torch.as_tensor(...) instead.")
        made = construct(dtype, args, keep_tensor_type)
        device = keywords.get("device")
        return made if device is None else made.to(device)
    from .creation import as_tensor, empty, tensor

    if not args:
        return empty(0, dtype=dtype)
    if all(type(a) is int for a in args):
        return empty(*args, dtype=dtype)
    if len(args) == 1 and isinstance(args[0], Size):  # (Size([]): a 0-dim tensor)
        return empty(tuple(args[0]), dtype=dtype)
    if len(args) == 1 and isinstance(args[0], Tensor):
        return _alias(args[0], dtype, keep_tensor_type)
    if len(args) == 1 and isinstance(args[0], numpy.ndarray):
        # read in place, as PyTorch does, when the array's type is the one asked for
        return as_tensor(args[0], dtype=dtype)
    if len(args) == 1:
        _check_data(args[0])
        return tensor(args[0], dtype=dtype)
    position, value = next((i, a) for i, a in enumerate(args, 1) if type(a) is not int)
    raise TypeError(f"new(): argument 'size' failed to unpack the object at pos {position} with "
                    f"error \"type must be tuple of ints,but got {type(value).__name__}\"")


def _check_data(data: Any) -> None:
    """``Tensor(2.5)``, ``Tensor('a')``: PyTorch wants a sequence (or a size)."""
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    if data is None or isinstance(data, (float, bool, complex)):
        raise TypeError(f"new(): data must be a sequence (got {type(data).__name__})")


def _options(dtype: dtypes.dtype) -> str:
    """PyTorch's C++ TensorOptions, as its message prints them."""
    return (f"TensorOptions(dtype={dtypes.C_TYPES[dtype.name]}, device=cpu, layout=Strided, "
            "requires_grad=false (default), pinned_memory=false (default), "
            "memory_format=(nullopt))")


def _alias(source: Tensor, dtype: dtypes.dtype, keep_tensor_type: bool) -> Tensor:
    """``Tensor(t)``: a view of all of t (``t.alias()``: the same memory, an AliasBackward0
    node when t requires grad), as in PyTorch."""
    if not keep_tensor_type and source.dtype != dtype:
        raise TypeError(f"expected {_options(dtype)} (got {_options(source.dtype)})")
    from .ops.indexing import Alias

    return Alias.apply(source, (Ellipsis,))


class LegacyType(dtypes.CNamed, metaclass=dtypes.CNamed):
    """The metaclass: calling the type makes a tensor; ``isinstance`` checks the dtype.
    (PyTorch's is the C type ``torch.tensortype``, the name its errors show.)"""

    legacy_dtype: dtypes.dtype

    def __call__(cls, *args: Any, **keywords: Any) -> Tensor:  # type: ignore[override]
        return construct(cls.legacy_dtype, args, keywords=keywords)

    def __instancecheck__(cls, value: Any) -> bool:
        return (isinstance(value, Tensor) and value.dtype == cls.legacy_dtype
                and value.device.type == "cpu")

    def __repr__(cls) -> str:
        return f"<class 'autograd_kit.{cls.__name__}'>"

    @property
    def dtype(cls) -> dtypes.dtype:
        """``torch.FloatTensor.dtype``: the type's dtype (x.type(t) and t().dtype agree)."""
        return cls.legacy_dtype

    is_cuda = is_sparse = False  # (the CPU dense types: torch.FloatTensor.is_cuda)


LegacyType.__qualname__, LegacyType.__module__ = "tensortype", "autograd_kit"
dtypes.c_named(LegacyType, "autograd_kit.tensortype")


def _legacy(name: str) -> LegacyType:
    made = LegacyType(dtypes.tensor_type_name(name), (), {"legacy_dtype": dtypes.resolve(name),
                                                          "__module__": "autograd_kit"})
    dtypes.c_named(made, f"autograd_kit.{made.__qualname__}")
    return made


FloatTensor = _legacy("float32")
DoubleTensor = _legacy("float64")
HalfTensor = _legacy("float16")
LongTensor = _legacy("int64")
IntTensor = _legacy("int32")
ShortTensor = _legacy("int16")
CharTensor = _legacy("int8")
ByteTensor = _legacy("uint8")
BoolTensor = _legacy("bool")
