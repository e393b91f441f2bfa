"""Data types, and PyTorch's rules for the type of a result.

PyTorch's promotion differs from NumPy's in two ways that learners notice:
a Python ``float`` mixed with an integer tensor gives the *default* float type (float32), and
a 0-dim tensor does not upgrade a dimensioned tensor of the same kind
(``float32[3] + float64 0-dim`` stays float32). `result_type` implements those rules.
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy


class CNamed(type):
    """Metaclass of the types PyTorch writes in C (dtype, Size, finfo, Generator …): Python's
    own messages use a type's C-level name, which `c_named` sets to the dotted name PyTorch's
    messages show (``'autograd_kit.dtype' object has no attribute 'x'``), while ``__name__``
    still reads the short name, as PyTorch's does."""

    @property
    def __name__(cls) -> str:  # type: ignore[override]
        return cls.__qualname__


def c_named(cls: type, dotted: str) -> None:
    """Give ``cls`` (made with `CNamed`) the C-level name ``dotted``."""
    type.__dict__["__name__"].__set__(cls, dotted)


def read_only(instance: Any, name: str) -> AttributeError:
    """PyTorch's AttributeError for assigning to an attribute of a C type."""
    kind = f"{type(instance).__module__}.{type(instance).__qualname__}"
    if hasattr(instance, name):
        return AttributeError(f"attribute '{name}' of '{kind}' objects is not writable")
    return AttributeError(f"'{kind}' object has no attribute '{name}'")


class dtype(metaclass=CNamed):
    """A tensor's element type (``autograd_kit.float32`` …), wrapping a NumPy dtype.
    Its attributes cannot be changed (as in PyTorch)."""

    __slots__ = ("name", "numpy", "is_floating_point", "is_signed", "itemsize", "_kind")
    __module__ = "autograd_kit"  # PyTorch shows torch.dtype, not where it is defined

    def __new__(cls, *args: Any, **kwargs: Any) -> dtype:
        raise TypeError("cannot create 'autograd_kit.dtype' instances")  # (as PyTorch)

    @classmethod
    def _make(cls, name: str, kind: int) -> dtype:
        """One of the kit's dtypes (made once each, below)."""
        made = object.__new__(cls)
        numpy_type = numpy.dtype(name)
        for attribute, value in (("name", name), ("numpy", numpy_type),
                                 ("is_floating_point", kind == FLOAT),
                                 ("is_signed", numpy_type.kind != "u" and name != "bool"),
                                 ("itemsize", numpy_type.itemsize), ("_kind", kind)):
            object.__setattr__(made, attribute, value)
        return made

    def __setattr__(self, name: str, value: Any) -> None:
        raise read_only(self, name)

    def __repr__(self) -> str:
        return f"autograd_kit.{self.name}"

    @property
    def is_complex(self) -> bool:
        """False: the kit has no complex types."""
        return False

    def to_real(self) -> dtype:
        """The real type of the same precision: the type itself, as every kit type is real."""
        return self

    def __eq__(self, other: object) -> bool:
        return self is other  # (never equal to a NumPy type or a string, as in PyTorch)

    def __hash__(self) -> int:
        return hash(self.name)

    def __reduce__(self) -> str:  # pickled as the package's name for it (autograd_kit.bool)
        return self.name


BOOL, INT, FLOAT = 0, 1, 2  # kinds, in promotion order

bool_ = dtype._make("bool", BOOL)
uint8 = dtype._make("uint8", INT)
int8 = dtype._make("int8", INT)
int16 = dtype._make("int16", INT)
int32 = dtype._make("int32", INT)
int64 = dtype._make("int64", INT)
float16 = dtype._make("float16", FLOAT)
float32 = dtype._make("float32", FLOAT)
float64 = dtype._make("float64", FLOAT)

ALL = (bool_, uint8, int8, int16, int32, int64, float16, float32, float64)
_BY_NUMPY = {d.numpy: d for d in ALL}
_DEFAULT_FOR_KIND = {BOOL: bool_, INT: int64, FLOAT: float32}  # FLOAT: set_default_dtype
DEFAULT_DTYPES = (float32, int64, bool_)  # the ones a repr does not spell out


_PYTHON_TYPES = (builtins.float, builtins.int, builtins.bool, builtins.complex)  # (this module
# names dtypes float, int, bool…)


def is_dtype_argument(value: Any) -> bool:
    """Whether ``value`` is what PyTorch's parser takes for a ``dtype`` argument: a dtype, or
    one of the Python types float, int, bool and complex (read as their default dtypes)."""
    return isinstance(value, dtype) or value in _PYTHON_TYPES


def default_float() -> dtype:
    """The type Python floats become (float32 unless `set_default_dtype` changed it)."""
    return _DEFAULT_FOR_KIND[FLOAT]


def get_default_dtype() -> dtype:
    """``autograd_kit.float32`` unless `set_default_dtype` changed it (as in PyTorch)."""
    return _DEFAULT_FOR_KIND[FLOAT]


def set_default_dtype(d: dtype) -> None:
    """Make ``d`` (a floating type) what Python floats and new float tensors become."""
    global DEFAULT_DTYPES
    if not isinstance(d, dtype):
        raise TypeError("invalid dtype object: only floating-point types are supported as "
                        "the default type")
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _DEFAULT_FOR_KIND[FLOAT] = d
    DEFAULT_DTYPES = (d, int64, bool_)


def set_default_tensor_type(t: Any) -> None:
    """The deprecated form of `set_default_dtype`: a legacy type (``DoubleTensor``) or its
    name (``"torch.DoubleTensor"``) whose dtype becomes the default; a GPU type
    (``cuda.FloatTensor``) makes the GPU the default device too."""
    from . import legacy
    from .scalar_warning import warn_once_with  # (PyTorch's TORCH_WARN_ONCE)

    if isinstance(t, str):  # a dotted name, imported as PyTorch's _import_dotted_name does
        import importlib

        first, *rest = t.split(".")
        t = importlib.import_module("autograd_kit" if first == "torch" else first)
        for part in rest:
            t = getattr(t, part)
    warn_once_with("torch.set_default_tensor_type() is deprecated as of PyTorch 2.1, please "
                   "use torch.set_default_dtype() and torch.set_default_device() as "
                   "alternatives.", stacklevel=2, source="torch/csrc/tensor/python_tensor.cpp:434")
    if not isinstance(t, legacy.LegacyType):
        raise TypeError("invalid type object: only floating-point types are supported as "
                        "the default type")
    legacy.check_cuda_installed(t)
    set_default_dtype(t.legacy_dtype)
    legacy.set_default_type_device(t)


# Aliases PyTorch accepts.
half, float, double = float16, float32, float64
short, int, long = int16, int32, int64


def of_numpy(np_dtype: Any) -> dtype:
    """The kit's dtype for a NumPy dtype, or a clear error for types the kit does not have."""
    try:
        return _BY_NUMPY[np_dtype]
    except KeyError:
        found = _BY_NUMPY.get(numpy.dtype(np_dtype))
        if found is None:
            raise TypeError(_unconvertible_message(numpy.dtype(np_dtype))) from None
        return found


def _unconvertible_message(np_dtype: numpy.dtype) -> str:
    """PyTorch's error for a NumPy array of a type no tensor has (strings, objects, dates);
    types PyTorch has but the kit lacks (complex, uint16 and wider) say so instead."""
    name = np_dtype.type.__name__
    if np_dtype.kind in "cu":
        return (f"can't convert np.ndarray of type numpy.{name}: autograd_kit has no "
                f"{np_dtype.name} type. The only supported types are: float64, float32, "
                "float16, int64, int32, int16, int8, uint8, and bool.")
    return (f"can't convert np.ndarray of type numpy.{name}. The only supported types are: "
            "float64, float32, float16, complex64, complex128, int64, int32, int16, int8, "
            "uint64, uint32, uint16, uint8, and bool.")


# How PyTorch's messages name each type: its scalar type ("Float", "Long", …), from which
# the legacy tensor type follows ("FloatTensor"), and its C++ type ("float", "long int").
SCALAR_TYPES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
                "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}
C_TYPES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int",
           "int32": "int", "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
           "bool": "bool"}


def scalar_type_word(name: str) -> str:
    """``'float32'`` → ``'Float'`` (PyTorch's ScalarType name)."""
    return SCALAR_TYPES.get(name, name)


def tensor_type_name(name: str) -> str:
    """``'float32'`` → ``'FloatTensor'`` (the legacy type: ``x.type()``, version errors)."""
    return SCALAR_TYPES[name] + "Tensor" if name in SCALAR_TYPES else "Tensor"


def legacy_type_name(name: str, on_cuda: bool = False) -> str:
    """The legacy type name errors print: ``autograd_kit.FloatTensor``,
    ``autograd_kit.cuda.FloatTensor`` for a GPU tensor."""
    return f"autograd_kit.{'cuda.' if on_cuda else ''}{tensor_type_name(name)}"


def error_type_name(name: str, on_cuda: bool = False) -> str:
    """The type name PyTorch's C++ errors print: the legacy type (``autograd_kit.FloatTensor``),
    but bool has none there and keeps its type's own name (``CPUBoolType``)."""
    if name == "bool":
        return "CUDABoolType" if on_cuda else "CPUBoolType"
    return legacy_type_name(name, on_cuda)


def resolve(requested: Any) -> dtype | None:
    """Turn what a user passed as ``dtype=`` into a kit dtype (``float`` means float64)."""
    if requested is None or isinstance(requested, dtype):
        return requested
    if requested is builtins.float:
        return float64
    if requested is builtins.int:
        return int64
    if requested is builtins.bool:
        return bool_
    legacy = getattr(requested, "legacy_dtype", None)  # FloatTensor, LongTensor, … (legacy.py)
    if legacy is not None:
        return legacy
    if isinstance(requested, str) and requested.endswith("Tensor"):  # 'torch.DoubleTensor'
        legacy = requested.rsplit(".", 1)[-1]
        for name in SCALAR_TYPES:
            if tensor_type_name(name) == legacy:
                return _BY_NUMPY[numpy.dtype(name)]
        raise ValueError(f"invalid type: '{requested}'")
    return of_numpy(numpy.dtype(requested))


def kind_of_scalar(value: Any) -> int:
    """BOOL, INT or FLOAT for a Python number."""
    if isinstance(value, (builtins.bool, numpy.bool_)):
        return BOOL
    if isinstance(value, (builtins.int, numpy.integer)):
        return INT
    return FLOAT


def default_for_scalar(value: Any) -> dtype:
    """The dtype a Python number becomes as a tensor (float -> float32, int -> int64)."""
    return _DEFAULT_FOR_KIND[kind_of_scalar(value)]


def _promote_pair(a: dtype, b: dtype) -> dtype:
    """``promote_types(a, b)``: the higher kind wins; within a kind, the wider type."""
    if a is b:
        return a
    if a._kind != b._kind:
        return a if a._kind > b._kind else b
    return _BY_NUMPY[numpy.promote_types(a.numpy, b.numpy)]


promote_pair = _promote_pair


def result_type(dimensioned: list[dtype], zero_dim: list[dtype], scalars: list[Any]) -> dtype:
    """PyTorch's result type: dimensioned tensors first, then 0-dim tensors, then Python numbers.

    A lower group only matters when it is of a higher kind (bool < int < float) than what
    the groups above it give.
    """
    result: dtype | None = None
    for group in (dimensioned, zero_dim):
        if not group:
            continue
        promoted = group[0]
        for other in group[1:]:
            promoted = _promote_pair(promoted, other)
        if result is None:
            result = promoted
        elif promoted._kind > result._kind:
            result = promoted
    if scalars:
        kind = max(kind_of_scalar(s) for s in scalars)
        if result is None or kind > result._kind:
            result = _DEFAULT_FOR_KIND[kind]
    assert result is not None
    return result


class _NamedConstant(metaclass=CNamed):
    """A module-level constant that prints and pickles as ``autograd_kit.<name>``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"autograd_kit.{self.name}"

    def __reduce__(self) -> str:
        return self.name


class layout(_NamedConstant):  # noqa: N801 - PyTorch's name
    """How a tensor's elements are laid out in memory: always ``strided`` in the kit."""

    __module__ = "autograd_kit"


strided = layout("strided")


class memory_format(_NamedConstant):  # noqa: N801 - PyTorch's name
    """In which order a tensor's dimensions lie in memory: row-major (``contiguous_format``),
    ``preserve_format`` (keep the input's order, as a clone does), ``channels_last`` and
    ``channels_last_3d`` (images and volumes stored pixel by pixel: memory_formats.py)."""

    __module__ = "autograd_kit"


for _type in (dtype, layout, memory_format):
    c_named(_type, f"autograd_kit.{_type.__qualname__}")
contiguous_format = memory_format("contiguous_format")
preserve_format = memory_format("preserve_format")
channels_last = memory_format("channels_last")
channels_last_3d = memory_format("channels_last_3d")


def check_memory_format(value: Any) -> None:
    """PyTorch's TypeError for a ``memory_format=`` that is no memory format."""
    if value is not None and not isinstance(value, memory_format):
        raise TypeError(f"memory_format must be a memory_format, not {type(value).__name__}")


def _g(value: float) -> str:
    """C's %g (six significant digits), as PyTorch prints finfo/iinfo."""
    return f"{value:g}"


_NO_TYPE: Any = object()


def _info_dtype(function: str, requested: Any) -> dtype:
    """The dtype that ``finfo(type)`` / ``iinfo(type)`` asks about: a kit dtype or a Python
    type (``float`` is float64), else PyTorch's TypeError naming the argument."""
    if requested is _NO_TYPE:
        raise TypeError(f'{function}() missing 1 required positional arguments: "type"')
    if isinstance(requested, dtype) or requested in (builtins.float, builtins.int,
                                                     builtins.bool):
        kind = resolve(requested)
        assert kind is not None
        return kind
    raise TypeError(f"{function}(): argument 'type' (position 1) must be autograd_kit.dtype, "
                    f"not {type(requested).__name__}")


class _Info(metaclass=CNamed):
    """What finfo and iinfo share: equal when about the same dtype, unhashable, and read
    only once made, as PyTorch's are."""

    dtype: str

    def _set(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise read_only(self, name)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.dtype == self.dtype  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        raise TypeError(f"unhashable type: 'autograd_kit.{type(self).__name__}'")


class finfo(_Info):  # noqa: N801 - PyTorch's name
    """Machine limits of a floating point dtype: ``finfo(float32).eps`` …"""

    __module__ = "autograd_kit"

    def __init__(self, type: Any = _NO_TYPE) -> None:  # noqa: A002 - PyTorch's argument name
        kind = default_float() if type is _NO_TYPE else _info_dtype("finfo", type)
        if not kind.is_floating_point:
            raise TypeError("torch.finfo() requires a floating point input type. Use "
                            "torch.iinfo to handle 'torch.finfo'")
        info = numpy.finfo(kind.numpy)
        self._set(bits=builtins.int(info.bits), dtype=kind.name, eps=builtins.float(info.eps),
                  max=builtins.float(info.max), min=builtins.float(info.min),
                  tiny=builtins.float(info.tiny), smallest_normal=builtins.float(info.tiny),
                  resolution=10.0 ** -builtins.int(info.precision))

    def __repr__(self) -> str:
        return (f"finfo(resolution={_g(self.resolution)}, min={_g(self.min)}, "
                f"max={_g(self.max)}, eps={_g(self.eps)}, smallest_normal="
                f"{_g(self.smallest_normal)}, tiny={_g(self.tiny)}, dtype={self.dtype})")


class iinfo(_Info):  # noqa: N801 - PyTorch's name
    """Limits of an integer dtype: ``iinfo(int32).max`` …"""

    __module__ = "autograd_kit"

    def __init__(self, type: Any = _NO_TYPE) -> None:  # noqa: A002 - PyTorch's argument name
        kind = _info_dtype("iinfo", type)
        if kind is bool_:
            raise TypeError("torch.bool is not supported by torch.iinfo")
        if kind.is_floating_point:
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo "
                            "to handle 'torch.iinfo'")
        info = numpy.iinfo(kind.numpy)
        self._set(bits=builtins.int(info.bits), dtype=kind.name, max=builtins.int(info.max),
                  min=builtins.int(info.min))

    def __repr__(self) -> str:
        return f"iinfo(min={_g(self.min)}, max={_g(self.max)}, dtype={self.dtype})"


c_named(finfo, "autograd_kit.finfo")
c_named(iinfo, "autograd_kit.iinfo")


def through_float(data: Any, target: Any) -> Any:
    """``data`` ready to be cast to the NumPy dtype ``target``. PyTorch makes a float16 from
    a double through a float (c10::Half is built from a float), so a float64 array becomes
    float32 first; NumPy's direct cast rounds once, and a value close to halfway between two
    float16s can land on the other one (``tensor(x, dtype=float64).half()``)."""
    if target == numpy.float16 and data.dtype == numpy.float64:
        return data.astype(numpy.float32)
    return data
