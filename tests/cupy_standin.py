"""A CPU stand-in for CuPy, so CI (which has no GPU) still catches code that would break on one.

``StandinArray`` wraps a NumPy array but behaves like ``cupy.ndarray`` where it matters:

* it is *not* a ``numpy.ndarray``: ``numpy.asarray(x)``, ``numpy.exp(x)``, ``float_array + x``
  all raise ``TypeError``, exactly where CuPy refuses an implicit device-to-host copy;
* mixing it with a plain NumPy array in an operator or a module function raises ``TypeError``
  (CuPy: "Unsupported type <class 'numpy.ndarray'>");
* reductions and scalar indexing give 0-dim arrays, never NumPy scalars (as CuPy does);
* ``.get()`` copies to the host explicitly; ``.item()``, ``.tolist()``, ``bool()``, ``float()``
  work (they are explicit in CuPy too); ``.device.id`` says which GPU it is on.

``module`` is a module object with the part of CuPy's API the kit uses (``ndarray``,
``asarray``, ``zeros``, ``exp``, ``where``, ``add.at``, ``linalg.inv``, ``random.default_rng``,
``cuda.Device``, ``cuda.runtime.getDeviceCount``, dtypes …). Anything else is missing on
purpose: code that needs more of CuPy must add it here knowingly. Where CuPy is narrower than
NumPy, so is the stand-in: ufunc methods (``multiply.at``, ``logaddexp.accumulate`` raise
CuPy's NotImplementedError) and linear algebra (a singular matrix gives NaN, no error).

Register it with ``autograd_kit.backend.use_cuda_module(module)``; ``tests/conftest.py`` does.
"""

from __future__ import annotations

import contextlib
import operator
import types
from collections.abc import Callable, Iterator
from typing import Any

import numpy

IMPLICIT_MESSAGE = (
    "Implicit conversion to a NumPy array is not allowed. Please use `.get()` to construct a "
    "NumPy array explicitly."
)

_current_device = [0]
DEVICE_COUNT = [1]


class _Device:
    """``cupy.cuda.Device(n)``: ``.id``, and a context manager that makes it current."""

    def __init__(self, device: int | None = None) -> None:
        self.id = _current_device[0] if device is None else int(device)
        self._previous: list[int] = []

    def __enter__(self) -> _Device:
        if not 0 <= self.id < DEVICE_COUNT[0]:
            raise RuntimeError("cudaErrorInvalidDevice: invalid device ordinal")
        self._previous.append(_current_device[0])
        _current_device[0] = self.id
        return self

    def __exit__(self, *exc: Any) -> None:
        _current_device[0] = self._previous.pop()

    def use(self) -> None:
        _current_device[0] = self.id

    def synchronize(self) -> None:
        pass

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Device) and other.id == self.id

    def __hash__(self) -> int:
        return self.id

    def __repr__(self) -> str:
        return f"<CUDA Device {self.id}>"


class _Pointer:
    def __init__(self, ptr: int) -> None:
        self.ptr = ptr


def _check_device(array: StandinArray) -> None:
    """CuPy computes on the current device and refuses arrays that live on another one."""
    if array._device != _current_device[0]:
        raise ValueError(
            f"The device where the array resides ({array._device}) is different from the "
            f"current device ({_current_device[0]}). Peer access is unavailable."
        )


def _unwrap(value: Any) -> Any:
    """An operand for NumPy: stand-in arrays unwrapped, plain NumPy arrays refused."""
    if isinstance(value, StandinArray):
        _check_device(value)
        return value._a
    if isinstance(value, numpy.ndarray):
        raise TypeError(f"Unsupported type {type(value)}")
    if isinstance(value, (list, tuple)):
        return type(value)(_unwrap(v) for v in value)
    return value


def _wrap(result: Any) -> Any:
    """A NumPy result as stand-in arrays (scalars become 0-dim arrays, as in CuPy)."""
    if isinstance(result, numpy.ndarray):
        return StandinArray(result)
    if isinstance(result, numpy.generic):
        return StandinArray(numpy.asarray(result))
    if isinstance(result, tuple):
        return tuple(_wrap(r) for r in result)
    if isinstance(result, list):
        return [_wrap(r) for r in result]
    return result


def _call(function: Callable, *args: Any, **kwargs: Any) -> Any:
    return _wrap(function(*_unwrap(args), **{k: _unwrap(v) for k, v in kwargs.items()}))


class StandinArray:
    """A NumPy array on a pretend GPU: computes like NumPy, refuses to leave like CuPy."""

    __slots__ = ("_a", "_device")
    __array_ufunc__ = None  # numpy.exp(x) and numpy_array + x raise TypeError
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, array: numpy.ndarray, device: int | None = None) -> None:
        object.__setattr__(self, "_a", array)
        object.__setattr__(self, "_device", _current_device[0] if device is None else device)

    # ---- what CuPy refuses, and what it offers instead --------------------------------------
    def __array__(self, dtype: Any = None, copy: Any = None) -> numpy.ndarray:
        raise TypeError(IMPLICIT_MESSAGE)

    def get(self, stream: Any = None, order: str = "C", out: Any = None) -> numpy.ndarray:
        """An explicit copy to host memory (a plain NumPy array)."""
        return numpy.array(self._a, order=order)

    @property
    def device(self) -> _Device:
        return _Device(self._device)

    @property
    def data(self) -> _Pointer:
        return _Pointer(self._a.__array_interface__["data"][0])

    def item(self) -> Any:
        return self._a.item()

    def tolist(self) -> Any:
        return self._a.tolist()

    # ---- attributes and methods: NumPy's, with stand-in arrays in and out --------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self._a, name)
        if callable(value):
            def method(*args: Any, **kwargs: Any) -> Any:
                _check_device(self)
                return _call(value, *args, **kwargs)

            return method
        return _wrap(value) if isinstance(value, numpy.ndarray) else value

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "shape":
            self._a.shape = value  # raises AttributeError when no view is possible (as CuPy)
            return
        raise AttributeError(f"can't set attribute {name!r} of a stand-in array")

    def __getitem__(self, key: Any) -> Any:
        _check_device(self)
        return _call(self._a.__getitem__, key)

    def __setitem__(self, key: Any, value: Any) -> None:
        _check_device(self)
        self._a[_unwrap(key)] = _unwrap(value)

    def __len__(self) -> int:
        return len(self._a)

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    def __bool__(self) -> bool:
        return bool(self._a)

    def __float__(self) -> float:
        return float(self._a)

    def __int__(self) -> int:
        return int(self._a)

    def __index__(self) -> int:
        return operator.index(self._a)

    def __repr__(self) -> str:
        return repr(self._a)

    def __str__(self) -> str:
        return str(self._a)


def _binary(name: str) -> Callable[[StandinArray, Any], Any]:
    def method(self: StandinArray, other: Any) -> Any:
        if isinstance(other, numpy.ndarray) and not isinstance(other, StandinArray):
            raise TypeError(f"Unsupported type {type(other)}")
        _check_device(self)
        result = getattr(self._a, name)(_unwrap(other))
        return NotImplemented if result is NotImplemented else _wrap(result)

    method.__name__ = name
    return method


def _unary(name: str) -> Callable[[StandinArray], Any]:
    def method(self: StandinArray) -> Any:
        _check_device(self)
        return _wrap(getattr(self._a, name)())

    method.__name__ = name
    return method


for _op in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or",
            "xor", "lshift", "rshift"):
    setattr(StandinArray, f"__{_op}__", _binary(f"__{_op}__"))
    setattr(StandinArray, f"__r{_op}__", _binary(f"__r{_op}__"))
    setattr(StandinArray, f"__i{_op}__", _binary(f"__i{_op}__"))
for _op in ("eq", "ne", "lt", "le", "gt", "ge"):
    setattr(StandinArray, f"__{_op}__", _binary(f"__{_op}__"))
for _op in ("neg", "pos", "abs", "invert"):
    setattr(StandinArray, f"__{_op}__", _unary(f"__{_op}__"))


# ---- the module -------------------------------------------------------------------------------

# CuPy 14's ufunc methods, as a run on a GPU showed them: ``at`` only for add, maximum and
# minimum, each for some dtypes (no bool, int8, int16, uint8, uint16; maximum and minimum
# also no float16; they round float64 values through float32, so the stand-in does too);
# ``reduce`` and ``accumulate`` only for add and multiply. Anything else raises CuPy's
# NotImplementedError.
_INTEGERS = ("int32", "int64", "uint32", "uint64")
_AT = {"add": ("float16", "float32", "float64", *_INTEGERS),
       "maximum": ("float32", "float64", *_INTEGERS),
       "minimum": ("float32", "float64", *_INTEGERS)}
_REDUCE_ACCUMULATE = ("add", "multiply")


class _Ufunc:
    """A ufunc of the stand-in (``add(a, b)``, ``add.at(out, key, values)``, ``add.reduce``),
    with the methods CuPy has for it and no others."""

    def __init__(self, ufunc: numpy.ufunc) -> None:
        self._ufunc = ufunc
        self.__name__ = ufunc.__name__

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _call(self._ufunc, *args, **kwargs)

    def _missing(self, method: str) -> NotImplementedError:
        return NotImplementedError(f"`cupy_{self.__name__}.{method}` is not supported yet")

    def at(self, target: StandinArray, key: Any, values: Any) -> None:
        if self.__name__ not in _AT:
            raise self._missing("at")
        out = _unwrap(target)
        if out.dtype.name not in _AT[self.__name__]:
            raise TypeError(f"cupy.{self.__name__}.at only supports "
                            f"{', '.join(sorted(_AT[self.__name__]))} as data type")
        values = numpy.asarray(_unwrap(values))
        if self.__name__ != "add" and out.dtype == numpy.float64:
            values = values.astype(numpy.float32).astype(numpy.float64)
        self._ufunc.at(out, _unwrap(key), values)

    def reduce(self, *args: Any, **kwargs: Any) -> Any:
        if self.__name__ not in _REDUCE_ACCUMULATE:
            raise self._missing("reduce")
        return _call(self._ufunc.reduce, *args, **kwargs)

    def accumulate(self, *args: Any, **kwargs: Any) -> Any:
        if self.__name__ not in _REDUCE_ACCUMULATE:
            raise self._missing("accumulate")
        return _call(self._ufunc.accumulate, *args, **kwargs)


def _function(name: str) -> Callable[..., Any]:
    numpy_function = getattr(numpy, name)

    def function(*args: Any, **kwargs: Any) -> Any:
        return _call(numpy_function, *args, **kwargs)

    function.__name__ = name
    return function


def asarray(value: Any, dtype: Any = None, order: Any = None) -> StandinArray:
    """Host data (lists, numbers, NumPy arrays) copied to the current device; stand-in arrays
    kept (or copied, when they live on another device)."""
    if isinstance(value, StandinArray):
        if value._device == _current_device[0]:
            return value if dtype is None else value.astype(dtype, copy=False)
        return StandinArray(numpy.array(value._a, dtype=dtype))
    if isinstance(value, (list, tuple)) and any(isinstance(v, StandinArray) for v in value):
        raise TypeError("Unsupported type: a list of cupy arrays (use cupy.stack)")
    return StandinArray(numpy.array(value, dtype=dtype, order=order or "K"))


def array(value: Any, dtype: Any = None, copy: bool = True, order: Any = None) -> StandinArray:
    out = asarray(value, dtype=dtype, order=order)
    return StandinArray(out._a.copy()) if copy and out is value else out


class _Generator:
    """``cupy.random.default_rng(seed)``: the subset of ``cupy.random.Generator`` the kit uses."""

    _DTYPES = (numpy.float32, numpy.float64)

    def __init__(self, seed: Any = None) -> None:
        self._rng = numpy.random.default_rng(seed)

    def _float_dtype(self, dtype: Any) -> Any:
        if numpy.dtype(dtype) not in self._DTYPES:
            raise TypeError(f"Unsupported dtype {numpy.dtype(dtype)} for random")
        return dtype

    def random(self, size: Any = None, dtype: Any = numpy.float64, out: Any = None) -> Any:
        return _wrap(numpy.asarray(self._rng.random(size, dtype=self._float_dtype(dtype))))

    def standard_normal(self, size: Any = None, dtype: Any = numpy.float64,
                        out: Any = None) -> Any:
        values = self._rng.standard_normal(size, dtype=self._float_dtype(dtype))
        return _wrap(numpy.asarray(values))

    def integers(self, low: int, high: int | None = None, size: Any = None,
                 dtype: Any = numpy.int64, endpoint: bool = False) -> Any:
        values = self._rng.integers(low, high, size=size, dtype=dtype, endpoint=endpoint)
        return _wrap(numpy.asarray(values))

    def uniform(self, low: float = 0.0, high: float = 1.0, size: Any = None,
                dtype: Any = numpy.float64) -> Any:
        return _wrap(numpy.asarray(self._rng.uniform(low, high, size).astype(dtype)))


FUNCTIONS = (
    # creation
    "zeros", "ones", "full", "empty", "zeros_like", "ones_like", "full_like", "empty_like",
    "arange", "linspace", "eye", "identity",
    # elementwise
    "exp", "log", "log1p", "expm1", "sqrt", "sin", "cos", "tan", "tanh", "abs", "absolute",
    "sign", "negative", "square", "reciprocal", "power", "divide",
    "true_divide", "fmax", "fmin", "where", "clip", "isnan", "isinf",
    "isfinite", "floor", "ceil", "round", "trunc", "exp2", "tile", "logical_and", "logical_or",
    "logical_not", "arcsin", "arccos", "arctan", "sinh", "cosh", "log2", "log10",
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    # shapes and joining
    "reshape", "ravel", "transpose", "swapaxes", "moveaxis", "expand_dims", "squeeze",
    "broadcast_to", "broadcast_shapes", "ascontiguousarray", "tril", "triu", "concatenate",
    "stack", "split", "take", "take_along_axis", "flip",
    # reductions and linear algebra
    "sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "all", "any",
    "cumsum", "argsort", "sort", "searchsorted", "matmul", "dot", "tensordot", "einsum", "outer",
    "allclose", "isclose", "array_equal", "count_nonzero", "nonzero", "ix_", "result_type",
    "can_cast", "unravel_index", "unique",
)
UFUNCS = ("add", "subtract", "multiply", "maximum", "minimum", "logaddexp")
DTYPES = ("bool_", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64",
          "dtype", "integer", "floating", "generic", "number", "inf", "nan", "pi", "e", "newaxis",
          "iinfo", "finfo")


def _failing_silently(name: str) -> Callable[..., Any]:
    """``cupy.linalg.<name>``: as CuPy outside ``cupyx.errstate(linalg='raise')``, a matrix
    that cannot be factorized gives no error but NaN (the stand-in fills the whole result;
    CuPy leaves inf or NaN in the failed matrices)."""
    numpy_function = getattr(numpy.linalg, name)

    def run(a: numpy.ndarray, *args: Any, **kwargs: Any) -> Any:
        try:
            return numpy_function(a, *args, **kwargs)
        except numpy.linalg.LinAlgError:
            eye = numpy.broadcast_to(numpy.eye(a.shape[-1], dtype=a.dtype), a.shape)
            return numpy.full_like(numpy_function(eye, *args, **kwargs), numpy.nan)

    def function(*args: Any, **kwargs: Any) -> Any:
        return _call(run, *args, **kwargs)

    function.__name__ = name
    return function


LINALG = ("inv", "solve", "cholesky", "det", "slogdet", "eigh", "eigvalsh", "svd", "qr", "pinv",
          "norm", "matrix_rank")


def make_module(name: str = "cupy_standin") -> types.ModuleType:
    """A fresh module object standing in for ``cupy``."""
    module = types.ModuleType(name, __doc__)
    module.ndarray = StandinArray
    module.asarray = asarray
    module.array = array
    module.asnumpy = lambda a, stream=None: a.get() if isinstance(a, StandinArray) else (
        numpy.asarray(a)
    )
    for function_name in FUNCTIONS:
        setattr(module, function_name, _function(function_name))
    for ufunc_name in UFUNCS:
        setattr(module, ufunc_name, _Ufunc(getattr(numpy, ufunc_name)))
    for dtype_name in DTYPES:
        setattr(module, dtype_name, getattr(numpy, dtype_name))
    module.linalg = types.SimpleNamespace(
        **{name: _failing_silently(name) for name in LINALG})
    module.random = types.SimpleNamespace(default_rng=_Generator, Generator=_Generator)
    module.lib = types.SimpleNamespace(stride_tricks=types.SimpleNamespace(
        as_strided=lambda *args, **kwargs: _call(numpy.lib.stride_tricks.as_strided, *args,
                                                 **kwargs)))
    runtime = types.SimpleNamespace(getDeviceCount=lambda: DEVICE_COUNT[0])
    module.cuda = types.SimpleNamespace(
        Device=_Device,
        runtime=runtime,
        get_current_stream=lambda: types.SimpleNamespace(synchronize=lambda: None),
    )
    module.get_array_module = lambda *arrays: module if any(
        isinstance(a, StandinArray) for a in arrays
    ) else numpy
    module.is_standin = True
    return module


module = make_module()


@contextlib.contextmanager
def device_count(count: int) -> Iterator[None]:
    """Pretend to have ``count`` GPUs for the duration of a ``with`` block."""
    before = DEVICE_COUNT[0]
    DEVICE_COUNT[0] = count
    try:
        yield
    finally:
        DEVICE_COUNT[0] = before
