"""PyTorch's in-place updates with its roundings, so that parameters match bit for bit.

On the CPU PyTorch's ``add_(b, alpha=α)``, ``addcmul_``, ``addcdiv_`` and ``lerp_`` end in
one fused multiply-add (a·b + c rounded once), and the scalar (α, ``value``, ``weight``) is
first rounded to the tensor's dtype. NumPy rounds the product and then the sum, which drifts
from PyTorch in the last bit, and over a few optimizer steps in the printed digits. For
float32 the fused step is computed in float64 (a float32 product is exact there) and rounded
once. For float64 the product's rounding error is recovered exactly (Dekker's product and
Knuth's sum) and added back, which rounds as a fused multiply-add but for rare ties; other
dtypes keep NumPy's two roundings.

On a GPU (real CuPy arrays of one float dtype and shape) each update is one fused CUDA kernel
from `autograd_kit.gpu_kernels` computing the same formula to the same bits: one read of each
input, one write, no float64 scratch array and no read-back to the host. Everything else
(NumPy, the test suite's CuPy stand-in, mixed dtypes, broadcasting) takes the array code below.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import backend, gpu_kernels
from ..ops.sleef_float32 import cpu_loop

# float64 scratch arrays, one per shape: a fresh large array each step costs more than the
# arithmetic (the memory is new to the process every time), so the wide steps reuse these.
_SCRATCH: dict[tuple[Any, tuple[int, ...]], Any] = {}

_FLOAT32 = numpy.dtype("float32")
_HALF = numpy.dtype("float16")
HALF_BLOCK = 32  # float16 values PyTorch's add loop widens at a time (AVX-512 and AVX2 alike)
# below this many elements a fresh float64 product is cheaper than finding the scratch array
# (and small enough to be served from the allocator's cache, not from new memory)
_SMALL = 4096


def _product(x: Any, scale: float, other: Any = None) -> Any:
    """``scale · x (· other)`` in float64 (exact for float32 values), in a scratch array."""
    if other is not None and getattr(other, "shape", x.shape) != x.shape:  # broadcasting:
        return scale * x.astype("float64") * other  # a fresh array of the result's shape
    if isinstance(x, numpy.generic):  # (NumPy's arithmetic on 0-d arrays gives scalars)
        x = numpy.asarray(x)
    xp = backend.module_of(x)
    key = (type(x), x.shape)
    out = _SCRATCH.get(key)
    if out is None:
        out = _SCRATCH[key] = xp.empty(x.shape, dtype="float64")
    if type(x) is numpy.ndarray and x.dtype is _FLOAT32:
        out[...] = x  # (exact; a copy and then a float64 product beat NumPy's mixed loop)
        out *= scale
    else:
        xp.multiply(x, scale, out=out, dtype="float64")
    if other is not None:
        xp.multiply(out, other, out=out, dtype="float64")
    return out


def _fused(a: Any, product: Any, sign: float = 1.0) -> Any:
    """``a + sign · product`` in float64 (``product`` from `_product`, overwritten);
    assigning it to a float32 array, or ``astype``, rounds it once."""
    if product.shape != a.shape:  # (a broadcast operand: a fresh array of the result's shape)
        return a.astype("float64") + sign * product
    if sign != 1.0:
        product *= sign
    product += a
    return product


def _wide(a: Any) -> bool:
    return getattr(a, "dtype", None) is not None and a.dtype.name == "float32"


def _split(x: Any) -> tuple[Any, Any]:
    """x = hi + lo, each with at most 26 significant bits (Veltkamp)."""
    t = 134217729.0 * x  # 2**27 + 1
    hi = t - (t - x)
    return hi, x - hi


def _fma64(a: Any, x: Any, y: Any) -> Any:
    """a + x·y for float64 arrays, the product's rounding error added back."""
    p = x * y
    xh, xl = _split(x)
    yh, yl = _split(y)
    err = ((xh * yh - p) + xh * yl + xl * yh) + xl * yl  # x·y = p + err exactly
    s = a + p
    back = s - a
    tail = (a - (s - back)) + (p - back)  # a + p = s + tail exactly
    out = s + (tail + err)
    finite = (abs(p) < 1e300) & (abs(a) < 1e300)  # (the splits overflow near the top)
    return out if bool(finite.all()) else a + p


def _double(a: Any) -> bool:
    return getattr(a, "dtype", None) is not None and a.dtype.name == "float64"


def _scalar(a: Any, value: float) -> Any:
    """``value`` as PyTorch passes it to the kernel: rounded to the tensor's dtype."""
    return a.dtype.type(value)


def numpy_float32_pair(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are NumPy float32 arrays of one shape: an optimizer's usual
    update (no GPU, no broadcasting), which `add_scaled_` does with fewer checks."""
    return (type(a) is numpy.ndarray and type(b) is numpy.ndarray
            and a.dtype is _FLOAT32 and b.dtype is _FLOAT32 and a.shape == b.shape)


def add_scaled_float32_(a: Any, b: Any, alpha: float) -> None:
    """a += α·b for NumPy float32 arrays of one shape, rounded as `add_scaled_` rounds:
    α·b in float64 (exact), the sum in float64, then rounded once into ``a``."""
    if alpha == 1:
        numpy.add(a, b, out=a)
    elif a.size < _SMALL:  # (float64 operands: NumPy adds in float64 and rounds into a;
        wide = b.astype(numpy.float64)  # a copy then an in-place product: no dtype argument)
        wide *= float(_FLOAT32.type(alpha))
        numpy.add(a, wide, out=a)
    else:  # (for large arrays three plain passes beat one add that casts on the way out)
        a[...] = _fused(a, _product(b, float(_FLOAT32.type(alpha))))


def _half_pair(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are C-contiguous NumPy float16 arrays of one shape."""
    return (type(a) is numpy.ndarray and type(b) is numpy.ndarray and a.dtype is _HALF
            and b.dtype is _HALF and a.shape == b.shape and a.flags.c_contiguous
            and b.flags.c_contiguous)


def _half_add_scaled(a: Any, b: Any, alpha: float) -> Any:
    """a + α·b for float16 arrays as PyTorch's CPU loop computes it, α rounded to float16:
    each whole block of `HALF_BLOCK` values widened to float32, a + α·b there, rounded once;
    the values left over (in each thread's chunk) in float16 arithmetic: α·b rounded, then
    the sum."""
    half_alpha = _HALF.type(alpha)
    wide_alpha = _FLOAT32.type(half_alpha)
    return cpu_loop(lambda x, y: x.astype(_FLOAT32) + wide_alpha * y.astype(_FLOAT32),
                    lambda x, y: x + half_alpha * y, a, b, block=HALF_BLOCK, dtype=_HALF)


def _half(*arrays: Any) -> bool:
    """Whether these are NumPy float16 arrays: PyTorch's CPU kernels of ``mul_``, ``div``,
    ``lerp_``, ``addcmul_`` and ``addcdiv_`` compute them as float32 ones (the number read
    as a float32, the float32 roundings and fused steps) and round the result to float16."""
    return all(type(a) is numpy.ndarray and a.dtype is _HALF for a in arrays)


def divided(a: Any, value: float) -> Any:
    """``a / value`` for a number: PyTorch reads the number as a float32 for a float16 ``a``
    (NumPy would round it to float16 first)."""
    if _half(a):
        return (a.astype(_FLOAT32) / _FLOAT32.type(value)).astype(_HALF)
    return a / value


def scale_(a: Any, factor: float) -> None:
    """``a.mul_(factor)`` in place. PyTorch's CPU kernel reads the number as a float32 and
    rounds a float16 product once (NumPy would round the number to float16 first)."""
    if _half(a):
        a[...] = a.astype(_FLOAT32) * _FLOAT32.type(factor)
    else:
        a *= factor


def add_scaled(a: Any, b: Any, alpha: float) -> Any:
    """``a.add(b, alpha=α)``: a + α·b, one rounding."""
    if gpu_kernels.fusable(a, b):
        return gpu_kernels.add_scaled(a, b, alpha)
    if alpha == 1:
        return a + b
    if _half_pair(a, b):
        return _half_add_scaled(a, b, alpha)
    if _double(a) and _double(b):
        return _fma64(a, b, alpha)
    if not _wide(a):
        return a + alpha * b
    return _fused(a, _product(b, float(_scalar(a, alpha)))).astype(a.dtype)


def add_scaled_(a: Any, b: Any, alpha: float) -> None:
    """``a.add_(b, alpha=α)`` in place."""
    if numpy_float32_pair(a, b):
        add_scaled_float32_(a, b, alpha)
    elif gpu_kernels.fusable(a, b, inplace=True):
        gpu_kernels.add_scaled(a, b, alpha, out=a)
    elif alpha != 1 and _wide(a) and a.shape == b.shape:
        a[...] = _fused(a, _product(b, float(_scalar(a, alpha))))
    else:
        a[...] = add_scaled(a, b, alpha)


def addcmul(a: Any, b: Any, c: Any, value: float = 1.0) -> Any:
    """``a.addcmul(b, c, value=v)``: a + (v·b)·c, the last step fused."""
    if gpu_kernels.fusable(a, b, c):
        return gpu_kernels.addcmul(a, b, c, value)
    if _double(a) and _double(b) and _double(c):
        return _fma64(a, b if value == 1 else value * b, c)
    if _half(a, b, c):  # (the float32 step, then rounded to float16)
        return addcmul(*(x.astype(_FLOAT32) for x in (a, b, c)), value).astype(_HALF)
    if not _wide(a):
        return a + value * b * c
    scaled = b if value == 1 else _scalar(a, value) * b
    return _fused(a, _product(scaled, 1.0, c)).astype(a.dtype)


def addcmul_(a: Any, b: Any, c: Any, value: float = 1.0) -> None:
    """``a.addcmul_(b, c, value=v)`` in place."""
    if gpu_kernels.fusable(a, b, c, inplace=True):
        gpu_kernels.addcmul(a, b, c, value, out=a)
    else:
        a[...] = addcmul(a, b, c, value)


def addcdiv_(a: Any, b: Any, c: Any, value: float = 1.0) -> None:
    """``a.addcdiv_(b, c, value=v)``: a + (v·b)/c (the division leaves nothing to fuse)."""
    if _half(a, b, c):  # (in float32, one rounding)
        a[...] = a.astype(_FLOAT32) + (_FLOAT32.type(value) * b.astype(_FLOAT32)
                                       / c.astype(_FLOAT32))
        return
    scaled = b if value == 1 else (_scalar(a, value) if _wide(a) else value) * b
    a += scaled / c


def lerp_(a: Any, end: Any, weight: float) -> None:
    """``a.lerp_(end, w)``: a + w·(end - a) for |w| < 0.5, else end - (end - a)·(1 - w),
    each fused, with 1 - w taken in the tensor's dtype (exact at both ends)."""
    if gpu_kernels.fusable(a, end, inplace=True):
        gpu_kernels.lerp_(a, end, weight)
        return
    if _half(a, end):  # (the float32 step, then rounded to float16)
        wide = a.astype(_FLOAT32)
        lerp_(wide, end.astype(_FLOAT32), weight)
        a[...] = wide
        return
    diff = end - a
    if _double(a) and _double(end):
        fused = _fma64(a, diff, weight) if abs(weight) < 0.5 else _fma64(end, diff, -(1 - weight))
        a[...] = fused
        return
    if not _wide(a):
        if abs(weight) < 0.5:
            a += weight * diff
        else:
            a[...] = end - diff * (1 - weight)
        return
    w = _scalar(a, weight)
    if abs(weight) < 0.5:
        a[...] = _fused(a, _product(diff, float(w)))
    else:
        rest = float(a.dtype.type(1) - w)
        a[...] = _fused(end, _product(diff, rest), -1.0)


def lerp(a: Any, end: Any, weight: Any) -> Any:
    """``torch.lerp(a, end, weight)`` for a weight *array* (of a's dtype, broadcasting), as
    PyTorch's CPU kernel: element by element `lerp_`'s two fused forms, chosen by |w| < 0.5."""
    xp = backend.module_of(a)
    diff = end - a
    small = abs(weight) < 0.5
    rest = weight.dtype.type(1) - weight  # (in the weight's dtype, as lerp_ takes it)
    if _double(a):
        return xp.where(small, _fma64(a, diff, weight), _fma64(end, diff, -rest))
    if not _wide(a):
        return xp.where(small, a + weight * diff, end - diff * rest)
    wide = diff.astype("float64")
    return xp.where(small, a + wide * weight, end - wide * rest).astype(a.dtype)
