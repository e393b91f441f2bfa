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
              keywords: dict[str, Any] | None = None, device_type: str = "cpu") -> Tensor:
    """``Type(data)`` → a tensor of ``data``; ``Type(2, 3)`` or ``Type(Size)`` → that shape;
    ``Tensor(t)`` → t's memory under another tensor (``keep_tensor_type``: ``Tensor`` itself,
    which keeps t's dtype). The only keyword is ``device=``, of the type's own device type
    (``device_type``: 'cuda' for ``cuda.FloatTensor``): ``dtype=`` or ``requires_grad=``
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
        device = keywords.get("device")
        if device is not None:
            check_device_type(device_type, device)
        made = construct(dtype, args, keep_tensor_type, device_type=device_type)
        return made if device is None else made.to(device)
    from .creation import as_tensor, empty, tensor

    on = "cuda" if device_type == "cuda" else None  # (the current GPU, as PyTorch's)
    if not args:
        return empty(0, dtype=dtype, device=on)
    if all(type(a) is int for a in args):
        return empty(*args, dtype=dtype, device=on)
    if len(args) == 1 and isinstance(args[0], Size):  # (Size([]): a 0-dim tensor)
        return empty(tuple(args[0]), dtype=dtype, device=on)
    if len(args) == 1 and isinstance(args[0], Tensor):
        return _alias(args[0], dtype, keep_tensor_type, device_type)
    if len(args) == 1 and isinstance(args[0], numpy.ndarray):
        # read in place, as PyTorch does, when the array's type is the one asked for
        return as_tensor(args[0], dtype=dtype, device=on)
    if len(args) == 1:
        _check_data(args[0])
        return tensor(args[0], dtype=dtype, device=on)
    position, value = next((i, a) for i, a in enumerate(args, 1) if type(a) is not int)
    raise TypeError(f"new(): argument 'size' failed to unpack the object at pos {position} with "
                    f"error \"type must be tuple of ints,but got {type(value).__name__}\"")


def check_device_type(expected: str, device: Any) -> None:
    """A legacy constructor makes tensors of its own device type only: ``FloatTensor([1.],
    device='cuda')`` and ``cpu_tensor.new(2, device='cuda')`` are refused, as in PyTorch
    (``tensor(..., device=...)`` is the spelling that moves data)."""
    from .backend import PYTORCH_DEVICE_TYPES, as_device

    spelled = device.partition(":")[0] if isinstance(device, str) else None
    # (a device type the kit cannot make, 'meta': PyTorch's message all the same)
    given = (spelled if spelled in PYTORCH_DEVICE_TYPES and spelled not in ("cpu", "cuda")
             else as_device(device).type)
    if given != expected:
        raise RuntimeError(f"legacy constructor expects device type: {expected} but device "
                           f"type: {given} was passed")


def _check_data(data: Any) -> None:
    """``Tensor(2.5)``, ``Tensor('a')``: PyTorch wants a sequence (or a size)."""
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    if data is None or isinstance(data, (float, bool, complex)):
        raise TypeError(f"new(): data must be a sequence (got {type(data).__name__})")


def _options(dtype: dtypes.dtype, device: Any = "cpu") -> str:
    """PyTorch's C++ TensorOptions, as its message prints them."""
    return (f"TensorOptions(dtype={dtypes.C_TYPES[dtype.name]}, device={device}, layout=Strided, "
            "requires_grad=false (default), pinned_memory=false (default), "
            "memory_format=(nullopt))")


def _alias(source: Tensor, dtype: dtypes.dtype, keep_tensor_type: bool,
           device_type: str = "cpu") -> Tensor:
    """``Tensor(t)``: a view of all of t (``t.alias()``: the same memory, an AliasBackward0
    node when t requires grad), as in PyTorch. A type takes tensors of its own dtype and
    device type only (``cuda.FloatTensor(t)`` of a GPU tensor: any GPU)."""
    if not keep_tensor_type and (source.dtype != dtype or source.device.type != device_type):
        raise TypeError(f"expected {_options(dtype, device_type)} "
                        f"(got {_options(source.dtype, source.device)})")
    from .ops.indexing import Alias

    return Alias.apply(source, (Ellipsis,))


class LegacyType(dtypes.CNamed, metaclass=dtypes.CNamed):
    """The metaclass: calling the type makes a tensor; ``isinstance`` checks the dtype and
    the device type. (PyTorch's is the C type ``torch.tensortype``, the name its errors
    show.)"""

    legacy_dtype: dtypes.dtype
    legacy_device: str  # 'cpu', or 'cuda' for the types of ``autograd_kit.cuda``

    def __call__(cls, *args: Any, **keywords: Any) -> Tensor:  # type: ignore[override]
        check_cuda_installed(cls)
        return construct(cls.legacy_dtype, args, keywords=keywords,
                         device_type=cls.legacy_device)

    def __instancecheck__(cls, value: Any) -> bool:
        return (isinstance(value, Tensor) and value.dtype == cls.legacy_dtype
                and value.device.type == cls.legacy_device)

    def __repr__(cls) -> str:
        return f"<class '{cls.__module__}.{cls.__name__}'>"

    @property
    def dtype(cls) -> dtypes.dtype:
        """``torch.FloatTensor.dtype``: the type's dtype (x.type(t) and t().dtype agree)."""
        return cls.legacy_dtype

    @property
    def is_cuda(cls) -> bool:
        """``torch.cuda.FloatTensor.is_cuda``: True for the GPU's types."""
        return cls.legacy_device == "cuda"

    is_sparse = False  # (dense types only)


LegacyType.__qualname__, LegacyType.__module__ = "tensortype", "autograd_kit"
dtypes.c_named(LegacyType, "autograd_kit.tensortype")


def check_cuda_installed(cls: LegacyType) -> None:
    """PyTorch's error for a GPU type used where CUDA is missing altogether (here: CuPy is
    not installed). With CuPy but no GPU, making the tensor gives the kit's own error."""
    from .backend import cuda_installed

    if cls.legacy_device == "cuda" and not cuda_installed():
        raise TypeError(f"type {cls.__module__}.{cls.__name__} not available. Torch not "
                        "compiled with CUDA enabled.")


_default_on_gpu = [False]  # whether a GPU type made the GPU the default device


def set_default_type_device(cls: LegacyType) -> None:
    """``set_default_tensor_type(torch.cuda.FloatTensor)`` puts new tensors on the GPU too;
    a CPU type afterwards puts them back on the CPU."""
    from .backend import set_default_device

    if cls.legacy_device == "cuda":
        set_default_device("cuda")
        _default_on_gpu[0] = True
    elif _default_on_gpu[0]:
        set_default_device(None)
        _default_on_gpu[0] = False


def _legacy(name: str, device: str = "cpu") -> LegacyType:
    module = "autograd_kit.cuda" if device == "cuda" else "autograd_kit"
    made = LegacyType(dtypes.tensor_type_name(name), (), {"legacy_dtype": dtypes.resolve(name),
                                                          "legacy_device": device,
                                                          "__module__": module})
    dtypes.c_named(made, f"{module}.{made.__qualname__}")
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

# ``autograd_kit.cuda.FloatTensor`` and the rest: the same types on the GPU (old tutorials
# write ``dtype = torch.cuda.FloatTensor`` and ``x.type(dtype)``); cuda.py lists them.
CUDA_TYPES = {made.__qualname__: made for made in (
    _legacy(name, "cuda") for name in dtypes.SCALAR_TYPES)}
