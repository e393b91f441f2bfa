"""PyTorch's float32 exp, log, tanh, sin, cos and sigmoid on the CPU, to the last bit.

Why the last bit differs: a float32 result is a rounding of the true value, and libraries
differ in how hard they try to find the nearest float. NumPy's own float32 exp, log, tanh,
sin and cos are fast SIMD approximations, off by one unit in the last place (ulp) for
between 5% and 30% of inputs. The difference is invisible in ``print(t)`` (4 decimals) but
shows in ``.item()``, ``.tolist()`` and ``==``.

What PyTorch (CPU, x86) does, and what is reproduced here:

* exp, log, tanh, sin, cos call Intel MKL's vector math (``vsExp`` …, high-accuracy mode),
  whose algorithm is not public. Its results are the correctly rounded ones for all but a
  few inputs, so here f is computed in float64 and rounded once to float32
  (``correctly_rounded``). Measured over a million float32 values spanning the whole range,
  this leaves exp 0.9%, log 0.01%, tanh 0.35%, sin 3.4%, cos 4.1% of values one ulp away
  from PyTorch (NumPy float32: 29%, 4.7%, 18%, 9.9%, 12.5%).
* sin keeps NumPy's float32 result. Neither it nor the correctly rounded one reproduces
  MKL's bits (about 10% and 3% of values differ), and on PyTorch's own tutorial that fits
  sin(x) with a polynomial, NumPy's is the one that prints PyTorch's numbers.
* sigmoid is PyTorch's own loop: blocks of 32 values go through 1 / (1 + exp(0 - x)) with
  the SLEEF library's vector exp (``Sleef_expf16_u10``: range reduction, a degree-6
  polynomial, each step a fused multiply-add, one rounding for a·b + c), and the last
  n % 32 values through the scalar 1 / (1 + expf(-x)) of the C library (glibc). Both are
  reproduced operation by operation: identical for every value measured.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy

f32 = numpy.float32
f64 = numpy.float64


def fma(a: object, b: object, c: object) -> numpy.ndarray:
    """a·b + c rounded once to float32, as the FMA instruction does.

    a·b of two floats is exact in float64; the sum p + c is then rounded to float64 and again
    to float32. That double rounding only errs when the float64 sum falls exactly halfway
    between two floats while the part lost in float64 (``error``, found exactly by TwoSum) is
    not zero: then the sum is nudged one float64 step towards the lost part first."""
    p = numpy.asarray(a, f64) * numpy.asarray(b, f64)
    c = numpy.asarray(c, f64)
    s = numpy.asarray(p + c)
    halfway = (s.view(numpy.uint64) & numpy.uint64(0x1FFFFFFF)) == numpy.uint64(0x10000000)
    if halfway.any():  # (rare: only then is the lost part needed)
        with numpy.errstate(invalid="ignore", over="ignore"):
            v = s - p
            error = (p - (s - v)) + (c - v)
            nudge = halfway & (error != 0) & numpy.isfinite(s)
            toward = numpy.where(error > 0, numpy.inf, -numpy.inf)
            s = numpy.where(nudge, numpy.nextafter(s, toward), s)
    return s.astype(f32)


def _float(x: object) -> numpy.ndarray:
    return numpy.asarray(x, f32)


def _polynomial(x: numpy.ndarray, coefficients: tuple[float, ...]) -> numpy.ndarray:
    """Horner's rule with one FMA per step, highest degree first."""
    u = numpy.full_like(x, f32(coefficients[0]))
    for c in coefficients[1:]:
        u = fma(u, x, f32(c))
    return u


def _round_to_int(x: numpy.ndarray) -> numpy.ndarray:
    """vrint to int32 (nearest, ties to even); out-of-range and NaN lanes give 0 here (their
    result is replaced afterwards, as in SLEEF)."""
    with numpy.errstate(invalid="ignore"):
        x = numpy.where(numpy.abs(x) < f32(2 ** 30), x, f32(0))
    return numpy.rint(x).astype(numpy.int32)


def _pow2(q: numpy.ndarray) -> numpy.ndarray:
    return ((q + 0x7F).astype(numpy.int32) << 23).view(f32)


def _ldexp2(x: numpy.ndarray, q: numpy.ndarray) -> numpy.ndarray:
    """x·2^q as two multiplications by 2^(q>>1) and 2^(q - (q>>1))."""
    half = q >> 1
    with numpy.errstate(over="ignore", under="ignore", invalid="ignore"):
        return (x * _pow2(half)) * _pow2(q - half)


R_LN2 = f32(1.442695040888963407359924681001892137426645954152985934135449406931)
L2U = f32(0.693145751953125)
L2L = f32(1.428606765330187045e-06)


def sleef_exp(x: numpy.ndarray) -> numpy.ndarray:
    """``Sleef_expf16_u10``: x = q·ln2 + s (ln2 in two parts), a degree-6 polynomial for eˢ,
    then scaled by 2^q; below -104 gives 0, above 100 gives inf."""
    d = _float(x)
    with numpy.errstate(invalid="ignore", over="ignore"):
        q = _round_to_int(d * R_LN2)
        qf = q.astype(f32)
        s = fma(qf, -L2U, d)
        s = fma(qf, -L2L, s)
        u = _polynomial(s, (0.000198527617612853646278381, 0.00139304355252534151077271,
                            0.00833336077630519866943359, 0.0416664853692054748535156,
                            0.166666671633720397949219, 0.5))
        u = f32(1) + fma(s * s, u, s)
        u = _ldexp2(u, q)
        u = numpy.where(d < f32(-104), f32(0), u)
        u = numpy.where(d > f32(100), f32(numpy.inf), u)
        return numpy.where(numpy.isnan(d), d, u).astype(f32)


# SLEEF's float32 log (``Sleef_logf16_u10``, AVX-512 build), which PyTorch's vectorised kernels
# call (log_softmax's log of the sum). It keeps some results as "double-float" pairs (hi, lo):
# a float plus a much smaller float holding what hi could not, to carry ~48 bits through the
# few steps where the error would otherwise show.

def _two_sum(x: Any, y: Any) -> tuple[Any, Any]:
    """x + y as a pair (s, error), exactly (Knuth's TwoSum, SLEEF's dfadd2)."""
    s = x + y
    v = s - x
    return s, (x - (s - v)) + (y - v)


def _pair_times(hi: Any, lo: Any, y: Any) -> tuple[Any, Any]:
    """(hi, lo) · y as a pair, the error of hi·y recovered by an FMA (SLEEF's dfmul)."""
    s = hi * y
    return s, fma(lo, y, fma(hi, y, -s))


def _pair_divide(n_hi: Any, n_lo: Any, d_hi: Any, d_lo: Any) -> tuple[Any, Any]:
    """(n_hi, n_lo) / (d_hi, d_lo) as a pair (SLEEF's dfdiv with FMAs)."""
    t = f32(1) / d_hi
    s = n_hi * t
    u = fma(t, n_hi, -s)
    v = fma(-d_lo, t, fma(-d_hi, t, f32(1)))
    return s, fma(s, v, fma(n_lo, t, u))


def _log_series(e: Any, x_hi: Any, x_lo: Any) -> Any:
    """e·ln2 + 2·atanh(x) for the pair x = (x_hi, x_lo): 2x + x³·(a cubic in x²), summed
    in double-float steps and rounded once (the shared end of SLEEF's log and log1p)."""
    s_hi, s_lo = _pair_times(f32(0.69314718246459960938), f32(-1.904654323148236017e-09), e)
    x2 = x_hi * x_hi
    t = fma(fma(f32(0.3027294874), x2, f32(0.3996108174)), x2, f32(0.6666694880))
    hi = s_hi + x_hi * f32(2)  # (hi, lo) += 2·x, then += x³·t, as SLEEF's dfadd
    lo = (((s_hi - hi) + x_hi * f32(2)) + s_lo) + x_lo * f32(2)
    term = (x2 * x_hi) * t
    total = hi + term
    lo = ((hi - total) + term) + lo
    return (total + lo).astype(f32)


def _exponent(d: Any) -> Any:
    """vgetexp(d · 4/3): ⌊log2⌋ of the scaled value, so that d / 2^e lies in [0.75, 1.5)."""
    return (numpy.frexp(d * f32(1 / 0.75))[1] - 1).astype(f32)


def sleef_log(x: numpy.ndarray) -> numpy.ndarray:
    """``Sleef_logf16_u10``: x = m·2^e with m in [0.75, 1.5), then
    ln x = e·ln2 + 2·atanh((m-1)/(m+1))."""
    d = _float(x)
    with numpy.errstate(all="ignore"):
        e = _exponent(d)
        mantissa = (numpy.frexp(d)[0] * 2).astype(f32)  # vgetmant to [0.75, 1.5)
        m = numpy.where(mantissa >= f32(1.5), mantissa * f32(0.5), mantissa)
        r = _log_series(e, *_pair_divide(*_two_sum(f32(-1), m), *_two_sum(f32(1), m)))
        r = numpy.where(d == f32(0), f32(-numpy.inf), r)
        r = numpy.where(numpy.isposinf(d), f32(numpy.inf), r)
        return numpy.where((d < 0) | numpy.isnan(d), f32(numpy.nan), r).astype(f32)


def sleef_log1p(x: numpy.ndarray) -> numpy.ndarray:
    """``Sleef_log1pf16_u10``: 1 + x = 2^e·(1 + m) with m = x·2^-e + (2^-e - 1) (one fused
    multiply-add, no rounding of 1 + x), then ln(1 + x) = e·ln2 + 2·atanh(m / (2 + m))."""
    d = _float(x)
    with numpy.errstate(all="ignore"):
        e = _exponent(d + f32(1))
        e = numpy.where(numpy.isposinf(e), f32(128), e)
        scale = numpy.ldexp(f32(1), -numpy.where(numpy.isfinite(e), e, 0).astype(numpy.int32))
        m = fma(d, scale, scale - f32(1))
        two = f32(2) + m  # the pair 2 + m, as SLEEF's dfadd (|2| ≥ |m|)
        r = _log_series(e, *_pair_divide(m, f32(0), two, (f32(2) - two) + m))
        r = numpy.where(d > f32(1e38), f32(numpy.inf), r)
        r = numpy.where((d < f32(-1)) | numpy.isnan(d), f32(numpy.nan), r)
        r = numpy.where(d == f32(-1), f32(-numpy.inf), r)
        return numpy.where((d == 0) & numpy.signbit(d), f32(-0.0), r).astype(f32)


# glibc's expf (what PyTorch's scalar fallback ``std::exp`` calls): x·32/ln2 = k + r, then
# 2^(k/32) from a table times a cubic in r, all in float64, rounded once to float32.
_EXP2F_TABLE = numpy.array([
    0x3FF0000000000000, 0x3FEFD9B0D3158574, 0x3FEFB5586CF9890F, 0x3FEF9301D0125B51,
    0x3FEF72B83C7D517B, 0x3FEF54873168B9AA, 0x3FEF387A6E756238, 0x3FEF1E9DF51FDEE1,
    0x3FEF06FE0A31B715, 0x3FEEF1A7373AA9CB, 0x3FEEDEA64C123422, 0x3FEECE086061892D,
    0x3FEEBFDAD5362A27, 0x3FEEB42B569D4F82, 0x3FEEAB07DD485429, 0x3FEEA47EB03A5585,
    0x3FEEA09E667F3BCD, 0x3FEE9F75E8EC5F74, 0x3FEEA11473EB0187, 0x3FEEA589994CCE13,
    0x3FEEACE5422AA0DB, 0x3FEEB737B0CDC5E5, 0x3FEEC49182A3F090, 0x3FEED503B23E255D,
    0x3FEEE89F995AD3AD, 0x3FEEFF76F2FB5E47, 0x3FEF199BDD85529C, 0x3FEF3720DCEF9069,
    0x3FEF5818DCFBA487, 0x3FEF7C97337B9B5F, 0x3FEFA4AFA2A490DA, 0x3FEFD0765B6E4540,
], dtype=numpy.uint64)
_INV_LN2_N = float.fromhex("0x1.71547652b82fep+0") * 32
_EXPF_POLY = (float.fromhex("0x1.c6af84b912394p-5") / 32 ** 3,
              float.fromhex("0x1.ebfce50fac4f3p-3") / 32 ** 2,
              float.fromhex("0x1.62e42ff0c52d6p-1") / 32)


def scalar_exp(x: numpy.ndarray) -> numpy.ndarray:
    """glibc's ``expf``: nearly always the correctly rounded eˣ (within 0.502 ulp)."""
    x = _float(x)
    xd = numpy.clip(numpy.nan_to_num(x.astype(f64)), -104.0, 89.0)
    z = _INV_LN2_N * xd
    kd = numpy.rint(z)
    ki = kd.astype(numpy.int64).view(numpy.uint64)
    r = z - kd
    entry = _EXP2F_TABLE[(ki % numpy.uint64(32)).astype(numpy.intp)]
    s = (entry + (ki << numpy.uint64(47))).view(f64)
    y = (_EXPF_POLY[0] * r + _EXPF_POLY[1]) * (r * r) + (_EXPF_POLY[2] * r + 1)
    with numpy.errstate(over="ignore", under="ignore"):
        y = (y * s).astype(f32)
    y = numpy.where(x > float.fromhex("0x1.62e42ep6"), f32(numpy.inf), y)
    y = numpy.where(x < float.fromhex("-0x1.9fe368p6"), f32(0), y)
    return numpy.where(numpy.isnan(x), x, y).astype(f32)


VECTOR_BLOCK = 32  # PyTorch's AVX-512 loops take 2 vectors of 16 floats at a time


def sigmoid(x: numpy.ndarray) -> numpy.ndarray:
    """PyTorch's sigmoid on a float32 tensor: whole blocks of 32 values go through the
    vectorised 1 / (1 + exp(0 - x)) with SLEEF's exp; the rest through the scalar
    1 / (1 + std::exp(-x)). Each step is rounded to float32."""
    return cpu_loop(lambda v: f32(1) / (sleef_exp(f32(0) - v) + f32(1)),
                    lambda v: f32(1) / (f32(1) + scalar_exp(-v)), _float(x))


GRAIN_SIZE = 32768  # at::internal::GRAIN_SIZE: below it, one thread does all


def _chunks(n: int, grain: int) -> list[int]:
    """Where ``at::parallel_for`` splits n values between threads (chunk starts)."""
    from ..global_settings import get_num_threads

    threads = min(get_num_threads(), -(-n // grain)) if n > grain else 1
    size = -(-n // max(threads, 1)) if n else 1
    return list(range(0, n, size)) + [n] if n else [0]


def cpu_loop(vector: Callable[..., Any], scalar: Callable[..., Any], *arrays: Any,
             grain: int = GRAIN_SIZE, block: int = VECTOR_BLOCK) -> Any:
    """``vector`` on the whole blocks of ``block`` values of each thread's chunk (32 for
    most kernels, one vector of 16 for some), ``scalar`` on the rest, in the arrays' memory
    order (float32 NumPy arrays of one shape)."""
    last = arrays[-1]  # (the input x: the loop follows its layout in memory)
    axes = numpy.argsort([-abs(stride) for stride in last.strides], kind="stable")
    shape = last.transpose(axes).shape
    flat = [numpy.ascontiguousarray(a.transpose(axes)).reshape(-1) for a in arrays]
    n = flat[0].size
    out = numpy.empty(n, f32)
    bounds = _chunks(n, grain)
    with numpy.errstate(all="ignore"):
        for begin, end in zip(bounds[:-1], bounds[1:]):
            split = end - (end - begin) % block
            if split > begin:
                out[begin:split] = vector(*[a[begin:split] for a in flat])
            if end > split:
                out[split:end] = scalar(*[a[split:end] for a in flat])
    return out.reshape(shape).transpose(numpy.argsort(axes))


def correctly_rounded(function: Any, x: numpy.ndarray) -> numpy.ndarray:
    """f(x) computed in float64 and rounded once to float32: the nearest float to the true
    value in all but astronomically rare cases (PyTorch's MKL results agree for most inputs)."""
    with numpy.errstate(all="ignore"):
        return function(_float(x).astype(f64)).astype(f32)


_CPU_FLOAT32 = {
    "exp": lambda x: correctly_rounded(numpy.exp, x),
    "log": lambda x: correctly_rounded(numpy.log, x),
    "log1p": sleef_log1p,
    "tanh": lambda x: correctly_rounded(numpy.tanh, x),
    "sin": numpy.sin,  # (see the module's docstring)
    "cos": lambda x: correctly_rounded(numpy.cos, x),
    "sigmoid": sigmoid,
}


def cpu_float32(name: str, xp: Any, x: Any, otherwise: Any) -> Any:
    """PyTorch's CPU result of ``name`` for a NumPy float32 array; ``otherwise(xp, x)`` for
    other dtypes and for arrays of another library (CuPy)."""
    if xp is numpy and getattr(x, "dtype", None) == numpy.float32:
        return _CPU_FLOAT32[name](x)
    return otherwise(xp, x)
