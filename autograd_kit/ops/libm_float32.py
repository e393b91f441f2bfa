"""float32 sinh, cosh, atanh, asinh and acosh with PyTorch's CPU bits: the C library's own.

PyTorch has no vectorised asinh or acosh: every value goes through ``std::asinh(float)``, the
C library's ``asinhf``. For sinh, cosh and atanh its loop uses SLEEF on whole blocks of 32
values and the C library's ``sinhf``/``coshf``/``atanhf`` for the rest of each thread's chunk
(a tensor of 5 values never reaches SLEEF). The C library's float functions are good to about
an ulp but not correctly rounded, so NumPy's float32 answers differed from PyTorch's in 20%
to 45% of the values. Here the same C functions are called, value by value, through
`ctypes` (that is slow only for large tensors, which mostly take the block path); SLEEF's
blocks are matched by the float64 result rounded once (all but about 2 values in 1,000).
Where the C library cannot be loaded, every value takes that float64 route.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from typing import Any

import numpy

from .sleef_float32 import correctly_rounded, cpu_loop

f32 = numpy.float32


def _load_c_library() -> Any:
    path = ctypes.util.find_library("m")  # (libm.so.6 on Linux; the system library on macOS)
    try:
        return ctypes.CDLL(path) if path else None
    except OSError:
        return None


_LIBM = _load_c_library()


def _c_float_function(name: str) -> Any:
    """The C function ``float name(float)`` as a NumPy ufunc on Python floats, or None."""
    function = getattr(_LIBM, name, None) if _LIBM is not None else None
    if function is None:
        return None
    function.restype, function.argtypes = ctypes.c_float, [ctypes.c_float]
    return numpy.frompyfunc(function, 1, 1)


def _in_c(c_name: str, numpy_function: Any) -> Callable[[numpy.ndarray], numpy.ndarray]:
    """float32 array → the C library's ``c_name`` of each value (float64 rounded once if the
    library is missing). A float32 value converts to a C float exactly, and back."""
    ufunc = _c_float_function(c_name)

    def values(x: numpy.ndarray) -> numpy.ndarray:
        if ufunc is None or not x.size:
            return correctly_rounded(numpy_function, x)
        return ufunc(x.astype(numpy.float64)).astype(f32)

    return values


def pytorch_float32(numpy_name: str, blocks: bool) -> Callable[..., Any]:
    """A ``compute(xp, x)`` giving PyTorch's float32 CPU bits for ``numpy_name`` (``blocks``:
    SLEEF on blocks of 32, the C library on the rest; otherwise the C library throughout).
    Other dtypes and CuPy arrays use ``xp.<numpy_name>`` itself."""
    numpy_function = getattr(numpy, numpy_name)
    c_name = numpy_name.replace("arc", "a") + "f"  # arcsinh → asinhf, sinh → sinhf
    scalar = _in_c(c_name, numpy_function)

    def vector(x: numpy.ndarray) -> numpy.ndarray:
        return correctly_rounded(numpy_function, x)

    def compute(xp: Any, x: Any) -> Any:
        if xp is not numpy or x.dtype != f32:
            return getattr(xp, numpy_name)(x)
        if blocks:
            return cpu_loop(vector, scalar, x)
        out = numpy.empty_like(x)  # (the input's layout, as NumPy's own ufunc would give)
        out[...] = scalar(x.reshape(-1)).reshape(x.shape)
        return out

    return compute
