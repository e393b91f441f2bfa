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
* sigmoid is PyTorch's own loop: blocks of 32 values (AVX-512; 16 with AVX2) go through
  1 / (1 + exp(0 - x)) with the SLEEF library's vector exp (``Sleef_expf16_u10``: range
  reduction, a degree-6 polynomial, each step a fused multiply-add, one rounding for
  a·b + c), and the values left over through the scalar 1 / (1 + expf(-x)) of the C
  library (glibc). Both are reproduced operation by operation: identical for every value
  measured.
Speed on small arrays: chains of FMAs run as float64 products and sums rounded to float32
(`DoubleRounded`), which differs from one rounding only where a float64 sum lies exactly
halfway between two floats; those few lanes are recomputed with the exact `fma`
(`fused_then_checked`). Masks for inf, nan and out-of-range values run only when the largest
size says one may be there, and below 87 in size (eˣ neither overflows nor underflows) the
cores run without NumPy's ``errstate`` (about 1 µs to enter and leave, as much as three small
array operations; the underflow of a tiny intermediate value is one NumPy ignores unless told
otherwise). Constants are 0-d arrays (`constant`), and each NumPy call combines arrays of one
dtype where it can: on a few hundred values the cost of a call is mostly its overhead, which
a NumPy scalar or a mixed-dtype operand adds to. Checked against the step-by-step version on
all 2^32 float32 inputs (exp, and glibc's expf): the same bits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy

from ..cpu_capability import FLOAT_LANES
from .preserved_layout import iterator_layout, preserved_order

f32 = numpy.float32
f64 = numpy.float64
i32 = numpy.int32


def constant(value: Any, dtype: Any = f32) -> numpy.ndarray:
    """``value`` as a 0-d array of ``dtype``, for a constant used in array operations.

    NumPy combines a 0-d array with an array of the same dtype as fast as two arrays; a NumPy
    scalar it converts on every call (about 0.15 µs more per operation, a third of the cost
    of an operation on 200 values). The types and bits of the results are the same. (Never
    update such a constant in place: it is shared.)"""
    return numpy.array(value, dtype)


def some(mask: numpy.ndarray) -> bool:
    """Whether any value of a boolean array is True (``count_nonzero`` takes half the time of
    ``mask.any()`` on a few hundred values)."""
    return numpy.count_nonzero(mask) > 0


def fma(a: object, b: object, c: object) -> numpy.ndarray:
    """a·b + c rounded once to float32, as the FMA instruction does.

    a·b of two floats is exact in float64; the sum p + c is then rounded to float64 and again
    to float32. That double rounding only errs when the float64 sum falls exactly halfway
    between two floats while the part lost in float64 (``error``, found exactly by TwoSum) is
    not zero: then the sum is nudged one float64 step towards the lost part first."""
    p = numpy.multiply(a, b, dtype=f64)
    s = p + c  # (float64, whatever c's float type)
    halfway = _halfway(s)
    if some(halfway):  # (rare: only there is the lost part needed, found where it is)
        scalar = numpy.ndim(s) == 0
        s = numpy.array(s, f64, ndmin=1)  # (a copy: s may be a scalar)
        at = numpy.nonzero(halfway.reshape(s.shape))
        ps, ss = numpy.broadcast_to(p, s.shape)[at], s[at]
        cs = numpy.broadcast_to(numpy.asarray(c, f64), s.shape)[at]
        with numpy.errstate(invalid="ignore", over="ignore"):
            v = ss - ps
            error = (ps - (ss - v)) + (cs - v)
            nudge = (error != 0) & numpy.isfinite(ss)
            toward = numpy.where(error > 0, numpy.inf, -numpy.inf)
            s[at] = numpy.where(nudge, numpy.nextafter(ss, toward), ss)
        s = s[0] if scalar else s
    return s.astype(f32)


_LOW_BITS, _HALF_ULP = constant(0x1FFFFFFF, numpy.uint64), constant(0x10000000, numpy.uint64)
_FLOAT64 = numpy.dtype(f64)


def _halfway(s: numpy.ndarray) -> numpy.ndarray:
    """Where a float64 lies exactly halfway between two float32s (its 29 extra bits 100…0)."""
    return (numpy.asarray(s).view(numpy.uint64) & _LOW_BITS) == _HALF_ULP


class DoubleRounded:
    """A fast stand-in for `fma` in a chain of ``steps`` fused multiply-adds on arrays of one
    shape: a·b + c in float64, rounded to float32 (twice rounded, no checks). Every float64
    sum is kept, and ``suspects()`` names the lanes where one of them lay exactly halfway
    between two floats: the only lanes where this can differ from `fma` (recompute those).

    Faster when b is a float64 array holding float32 values (`widened`): the product then
    needs no ``dtype`` argument, which costs NumPy about as much as the product itself."""

    def __init__(self, steps: int, shape: tuple[int, ...]) -> None:
        self.sums, self.used = numpy.empty((steps, *shape)), 0

    def __call__(self, a: Any, b: Any, c: Any) -> numpy.ndarray:
        s = self.sums[self.used]
        if getattr(b, "dtype", None) is _FLOAT64:  # (a·b exact in float64 either way)
            numpy.multiply(a, b, out=s)
        else:
            numpy.multiply(a, b, out=s, dtype=f64)
        s += c
        self.used += 1
        return s.astype(f32)

    def suspects(self) -> numpy.ndarray | None:
        """The lanes to recompute with `fma` (a boolean mask of the shape), None if none."""
        halfway = _halfway(self.sums[:self.used])
        return halfway.any(axis=0) if some(halfway) else None


def fused_then_checked(core: Callable[..., numpy.ndarray], steps: int,
                       *arrays: numpy.ndarray) -> numpy.ndarray:
    """``core(fma, *arrays)`` for float32 arrays of one shape: first with `DoubleRounded`
    multiply-adds (fast), then, on the rare lanes where that may differ from one rounding,
    again with the exact `fma`. Bit-identical to ``core(fma, *arrays)``."""
    shape, flat = arrays[0].shape, [a.reshape(-1) for a in arrays]
    fused = DoubleRounded(steps, flat[0].shape)
    out = core(fused, *flat)
    lanes = fused.suspects()
    if lanes is not None:
        out[lanes] = core(fma, *[a[lanes] for a in flat])
    return out.reshape(shape)


def _float(x: object) -> numpy.ndarray:
    return numpy.asarray(x, f32)


def _polynomial(fma: Callable[..., Any], x: numpy.ndarray,
                coefficients: tuple[numpy.float32, ...]) -> numpy.ndarray:
    """Horner's rule with one FMA per step, highest degree first."""
    u = fma(coefficients[0], x, coefficients[1])
    for c in coefficients[2:]:
        u = fma(u, x, c)
    return u


def widened(a: numpy.ndarray) -> numpy.ndarray:
    """A float32 array's values in a float64 array (exact), for `DoubleRounded`'s fast path."""
    return a.astype(f64)


R_LN2 = f32(1.442695040888963407359924681001892137426645954152985934135449406931)
L2U = f32(0.693145751953125)
L2L = f32(1.428606765330187045e-06)
_LN2_SUM = f64(L2U) + f64(L2L)  # exact: L2U has 14 significant bits, L2L ends at 2^-43
_EXP_COEFFICIENTS = (0.000198527617612853646278381, 0.00139304355252534151077271,
                     0.00833336077630519866943359, 0.0416664853692054748535156,
                     0.166666671633720397949219, 0.5)
# the float32 coefficients, held in float64 0-d arrays: the polynomial runs on float64 arrays
_EXP_POLYNOMIAL = tuple(constant(f32(c), f64) for c in _EXP_COEFFICIENTS)
_R_LN2, _MINUS_LN2_SUM, _ONE = constant(R_LN2), constant(-_LN2_SUM, f64), constant(1)
_EXP_LOW, _EXP_HIGH = f32(-104), f32(100)
_QUIET = f32(87)  # for |x| ≤ 87, eˣ is a normal float: no overflow, no underflow, no warning


def _largest_size(d: numpy.ndarray) -> Any:
    """max |d| (nan if some value is nan): one test of the range, both ends at once."""
    return numpy.maximum.reduce(numpy.abs(d), axis=None)


def sleef_exp(x: numpy.ndarray) -> numpy.ndarray:
    """``Sleef_expf16_u10``: x = q·ln2 + s (ln2 in two parts), a degree-6 polynomial for eˢ,
    then scaled by 2^q; below -104 gives 0, above 100 gives inf, nan stays nan."""
    d = _float(x)
    if d.size == 0:
        return d.copy()
    if _largest_size(d) <= _QUIET:  # (False for nan)
        return fused_then_checked(_sleef_exp_core, 6, d)
    with numpy.errstate(invalid="ignore", over="ignore", under="ignore"):
        if bool(d.min() >= _EXP_LOW) and bool(d.max() <= _EXP_HIGH):  # (False for nan)
            return fused_then_checked(_sleef_exp_core, 6, d)
        u = fused_then_checked(_sleef_exp_core, 6,
                               numpy.where((d >= _EXP_LOW) & (d <= _EXP_HIGH), d, f32(0)))
        u[d < _EXP_LOW] = 0
        u[d > _EXP_HIGH] = numpy.inf
        return numpy.where(numpy.isnan(d), d, u)


def _sleef_exp_core(fma: Callable[..., Any], d: numpy.ndarray) -> numpy.ndarray:
    """SLEEF's exp for -104 ≤ d ≤ 100, step by step:

    q = rint(d·(1/ln2));  s = fma(q, -L2L, fma(q, -L2U, d));  u = P(s) (Horner, FMAs);
    u = 1 + fma(s·s, u, s);  eᵈ = u·2^q.

    Here the two reduction steps are one float64 expression rounded once: for |q| ≤ 151,
    q·L2U and d - q·L2U are exact in float32 (Sterbenz), and d - q·(L2U + L2L) is exact in
    float64, so its one rounding is what the two FMAs give. u·2^q is one rounding (ldexp),
    as SLEEF's two multiplications by 2^⌊q/2⌋ and 2^(q - ⌊q/2⌋) are (the first is exact).
    (For |d| > 87 the result may overflow or underflow: the caller silences the warning.)"""
    q = numpy.rint(d * _R_LN2)
    reduced = q * _MINUS_LN2_SUM  # -q·(L2U + L2L) in float64, exact
    reduced += d
    s = reduced.astype(f32)
    wide_s = widened(s)
    u = _polynomial(fma, wide_s, _EXP_POLYNOMIAL)
    u = fma(s * s, u, wide_s)
    u += _ONE
    return numpy.ldexp(u, q.astype(numpy.int32))


# SLEEF's float32 log (``Sleef_logf16_u10``, AVX-512 build), which PyTorch's vectorised kernels
# call (log_softmax's log of the sum). It keeps some results as "double-float" pairs (hi, lo):
# a float plus a much smaller float holding what hi could not, to carry ~48 bits through the
# few steps where the error would otherwise show. Its fused multiply-adds that round in
# float64 run through `fused_then_checked`, as exp's do; the others are exact in float64
# (`_float64`), and need no check.

def _float64(a: Any, b: Any, c: Any) -> numpy.ndarray:
    """a·b + c for floats a, b, c where it is exact in float64, rounded once to float32: an FMA
    whose result needs no check (see `fma`)."""
    p = numpy.multiply(a, b, dtype=f64)
    p += c
    return p.astype(f32)


def _pair_times(fma: Callable[..., Any], hi: Any, lo: Any, y: Any) -> tuple[Any, Any]:
    """(hi, lo) · y as a pair, the error of hi·y recovered by an FMA (SLEEF's dfmul); that
    error, hi·y - s, is exact in float64 (hi·y has at most 48 bits, s is it rounded)."""
    s = hi * y
    return s, fma(lo, y, _float64(hi, y, -s))


def _pair_divide(fma: Callable[..., Any], n_hi: Any, d_hi: Any, d_lo: Any) -> tuple[Any, Any]:
    """(n_hi, 0) / (d_hi, d_lo) as a pair (SLEEF's dfdiv with FMAs):

    t = 1/d_hi,  s = n_hi·t,  u = fma(t, n_hi, -s),  v = fma(-d_lo, t, fma(-d_hi, t, 1)),
    lo = fma(s, v, fma(n_lo, t, u)) with n_lo = 0, so fma(0, t, u) = u + 0.

    For log's and log1p's pairs (1.75 ≤ d_hi < 4, |d_lo| ≤ 2^-23, a multiple of 2^-48 or
    d_lo = n_hi), u and both steps of v are exact in float64: t·n_hi - s is the error of a
    product, 1 - d_hi·t a multiple of 2^-49 below 2^-22, and -d_lo·t + that a multiple of
    2^-74 (or d_lo·t alone) below 2^-21. Only lo's multiply-add is rounded in float64."""
    t = f32(1) / d_hi
    s = n_hi * t
    u = _float64(t, n_hi, -s)
    v = numpy.multiply(d_hi, t, dtype=f64)
    numpy.subtract(1, v, out=v)
    v = _float64(-d_lo, t, v.astype(f32))
    return s, fma(s, v, u + f32(0))


_LN2_HI_LO = (f32(0.69314718246459960938), f32(-1.904654323148236017e-09))
_ATANH_POLYNOMIAL = (f32(0.3027294874), f32(0.3996108174), f32(0.6666694880))


def _log_series(fma: Callable[..., Any], e: Any, x_hi: Any, x_lo: Any) -> Any:
    """e·ln2 + 2·atanh(x) for the pair x = (x_hi, x_lo): 2x + x³·(a cubic in x²), summed
    in double-float steps and rounded once (the shared end of SLEEF's log and log1p)."""
    s_hi, s_lo = _pair_times(fma, *_LN2_HI_LO, e)
    x2 = x_hi * x_hi
    t = _polynomial(fma, x2, _ATANH_POLYNOMIAL)
    twice = x_hi * f32(2)
    hi = s_hi + twice  # (hi, lo) += 2·x, then += x³·t, as SLEEF's dfadd
    lo = (((s_hi - hi) + twice) + s_lo) + x_lo * f32(2)
    term = (x2 * x_hi) * t
    total = hi + term
    lo = ((hi - total) + term) + lo
    return (total + lo).astype(f32)


def _exponent(d: Any) -> Any:
    """vgetexp(d · 4/3): ⌊log2⌋ of the scaled value, so that d / 2^e lies in [0.75, 1.5)."""
    return (numpy.frexp(d * _FOUR_THIRDS)[1] - 1).astype(f32)


_FOUR_THIRDS = f32(1 / 0.75)
_MANTISSA, _HALF_MANTISSA = i32(0x007FFFFF), i32(0x00400000)
_LOG_HIGH = f32(2.0 ** 127)  # below it, d·4/3 is finite
_TINY = f32(numpy.finfo(f32).tiny)  # the smallest normal float


def _biased_exponent(d: numpy.ndarray) -> numpy.ndarray:
    """The exponent field of d · 4/3 (normal and finite): vgetexp of it is this minus 127."""
    return (d * _FOUR_THIRDS).view(i32) >> i32(23)


def sleef_log(x: numpy.ndarray) -> numpy.ndarray:
    """``Sleef_logf16_u10``: x = m·2^e with m in [0.75, 1.5), then
    ln x = e·ln2 + 2·atanh((m-1)/(m+1)).

    When every value is normal, positive and below 2^127 (seen from the minimum and
    maximum), e and m come from the bits: e = the exponent field of x·4/3 minus 127, and m
    is x's mantissa with the exponent of 1 (of ½ when the mantissa is 1.5 or more)."""
    d = _float(x)
    if d.size and bool(d.min() >= _TINY) and bool(d.max() < _LOG_HIGH):  # (False for nan)
        e = (_biased_exponent(d) - i32(127)).astype(f32)
        bits = d.view(i32) & _MANTISSA
        bits |= numpy.where(bits >= _HALF_MANTISSA, i32(0x3F000000), i32(0x3F800000))
        return fused_then_checked(_sleef_log_core, 4, e, bits.view(f32))
    with numpy.errstate(all="ignore"):
        e = _exponent(d)
        mantissa = (numpy.frexp(d)[0] * 2).astype(f32)  # vgetmant to [0.75, 1.5)
        m = numpy.where(mantissa >= f32(1.5), mantissa * f32(0.5), mantissa)
        r = fused_then_checked(_sleef_log_core, 4, e, m)
        r = numpy.where(d == f32(0), f32(-numpy.inf), r)
        r = numpy.where(numpy.isposinf(d), f32(numpy.inf), r)
        return numpy.where((d < 0) | numpy.isnan(d), f32(numpy.nan), r).astype(f32)


def _sleef_log_core(fma: Callable[..., Any], e: Any, m: Any) -> Any:
    """e·ln2 + 2·atanh((m - 1) / (m + 1)), the quotient a pair from SLEEF's pairs (TwoSum)
    -1 + m and 1 + m. For m in [0.75, 1.5) these are (m - 1, 0) (exact, Sterbenz) and
    (p, m - (p - 1)), p = 1 + m rounded (p - 1 is exact, so TwoSum's other terms are 0)."""
    p = f32(1) + m
    return _log_series(fma, e, *_pair_divide(fma, m - f32(1), p, m - (p - f32(1))))


_LOG1P_HIGH = f32(1e38)  # up to it, (1 + x)·4/3 is finite: the bits give e (fast path)


def sleef_log1p(x: numpy.ndarray) -> numpy.ndarray:
    """``Sleef_log1pf16_u10``: 1 + x = 2^e·(1 + m) with m = x·2^-e + (2^-e - 1) (one fused
    multiply-add, no rounding of 1 + x), then ln(1 + x) = e·ln2 + 2·atanh(m / (2 + m)).

    When every value lies in (-1, 1e38] (seen from the minimum and maximum), 1 + x is
    normal and e and 2^-e come from the bits of (1 + x)·4/3, and the masks for inf, nan and
    x ≤ -1 are skipped (-0 keeps its sign: it is looked for only when some value is 0)."""
    d = _float(x)
    if d.size and bool(d.min() > f32(-1)) and bool(d.max() <= _LOG1P_HIGH):  # (no nan)
        biased = _biased_exponent(d + f32(1))
        e = (biased - i32(127)).astype(f32)
        scale = ((i32(254) - biased) << i32(23)).view(f32)  # 2^-e (e from -24 to 126)
        r = fused_then_checked(_sleef_log1p_core, 4, d, e, scale)
        if numpy.count_nonzero(d) < d.size:
            r = numpy.where(d == 0, d, r)  # (log1p(-0) = -0)
        return r
    with numpy.errstate(all="ignore"):
        e = _exponent(d + f32(1))
        # (1 + x)·4/3 overflows above about 2.55e38: its exponent field reads 255, e = 128
        # (SLEEF's ilogb2k), and 2^-128 is still a float32 (a subnormal): the result is finite
        e = numpy.where(numpy.isinf((d + f32(1)) * _FOUR_THIRDS), f32(128), e)
        scale = numpy.ldexp(f32(1), -numpy.where(numpy.isfinite(e), e, 0).astype(numpy.int32))
        r = fused_then_checked(_sleef_log1p_core, 4, d, e, scale)
        r = numpy.where(numpy.isposinf(d), f32(numpy.inf), r)
        r = numpy.where((d < f32(-1)) | numpy.isnan(d), f32(numpy.nan), r)
        r = numpy.where(d == f32(-1), f32(-numpy.inf), r)
        return numpy.where((d == 0) & numpy.signbit(d), f32(-0.0), r).astype(f32)


def _sleef_log1p_core(fma: Callable[..., Any], d: Any, e: Any, scale: Any) -> Any:
    """m = fma(d, 2^-e, 2^-e - 1), then e·ln2 + 2·atanh(m / (2 + m)), 2 + m as a pair.

    m's multiply-add is exact in float64 (for -1 < d ≤ 1e38): with e = 0 it adds 0; else
    d·2^-e and 2^-e - 1 (rounded) are both multiples of 2^-48 and below 2 in size."""
    m = _float64(d, scale, scale - f32(1))
    two = f32(2) + m  # the pair 2 + m, as SLEEF's dfadd (|2| ≥ |m|)
    return _log_series(fma, e, *_pair_divide(fma, m, two, (f32(2) - two) + m))


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
_INV_LN2_N = constant(float.fromhex("0x1.71547652b82fep+0") * 32, f64)
_EXPF_POLY = tuple(constant(c, f64) for c in (float.fromhex("0x1.c6af84b912394p-5") / 32 ** 3,
                                              float.fromhex("0x1.ebfce50fac4f3p-3") / 32 ** 2,
                                              float.fromhex("0x1.62e42ff0c52d6p-1") / 32))
_ONE_64 = constant(1, f64)
_LAST_5_BITS, _TO_EXPONENT = constant(31, numpy.uint64), constant(47, numpy.uint64)


_EXPF_LOW = f32(float.fromhex("-0x1.9fe368p6"))  # below: 0
_EXPF_HIGH = f32(float.fromhex("0x1.62e42ep6"))  # above: inf


def scalar_exp(x: numpy.ndarray) -> numpy.ndarray:
    """glibc's ``expf``: nearly always the correctly rounded eˣ (within 0.502 ulp)."""
    x = _float(x)
    if x.size and _largest_size(x) <= _QUIET:  # (no nan, no overflow or underflow)
        return _glibc_expf_core(x.astype(f64))
    with numpy.errstate(over="ignore", under="ignore", invalid="ignore"):
        if x.size and bool(x.min() >= _EXPF_LOW) and bool(x.max() <= _EXPF_HIGH):  # (no nan)
            return _glibc_expf_core(x.astype(f64))
        y = _glibc_expf_core(numpy.clip(numpy.nan_to_num(x.astype(f64)), -104.0, 89.0))
        y = numpy.where(x > _EXPF_HIGH, f32(numpy.inf), y)
        y = numpy.where(x < _EXPF_LOW, f32(0), y)
        return numpy.where(numpy.isnan(x), x, y).astype(f32)


def _glibc_expf_core(xd: numpy.ndarray) -> numpy.ndarray:
    """eˣ for float64 x in [-104, 89]: z = x·32/ln2 = k + r (k = rint(z)),
    eˣ = 2^(k/32) · (c₀r³ + c₁r² + c₂r + 1), 2^(k/32) = table[k mod 32] · 2^⌊k/32⌋, and
    the polynomial summed as (c₀r + c₁)·r² + (c₂r + 1). (The caller silences the warnings of
    overflow and underflow, possible beyond 87 in size.)"""
    z = xd * _INV_LN2_N
    kd = numpy.rint(z)
    ki = kd.astype(numpy.int64).view(numpy.uint64)
    scale = _EXP2F_TABLE.take(ki & _LAST_5_BITS)
    scale += ki << _TO_EXPONENT  # (adds ⌊k/32⌋ to the exponent)
    r = z - kd
    y = r * _EXPF_POLY[0]
    y += _EXPF_POLY[1]
    y *= r * r
    r *= _EXPF_POLY[2]
    r += _ONE_64
    y += r
    y *= scale.view(f64)
    return y.astype(f32)


VECTOR_BLOCK = 2 * FLOAT_LANES  # PyTorch's loops take 2 vectors at a time (AVX-512: 32 floats)


_ZERO = constant(0)


def sigmoid(x: numpy.ndarray) -> numpy.ndarray:
    """PyTorch's sigmoid on a float32 tensor: whole blocks of `VECTOR_BLOCK` values go
    through the vectorised 1 / (exp(0 - x) + 1) with SLEEF's exp; the rest through the scalar
    1 / (1 + std::exp(-x)). Each step is rounded to float32.

    Here the loop fills one array with both exps, and 1 / (e + 1) then runs once on all of
    it (e + 1 and 1 + e are the same sum). 0 - x and -x differ only in the sign of zeros and
    nans, which is kept: exp(±0) = 1 either way, and a nan passes through with its sign.
    (The warnings silenced are those of signalling nans, which 0 - x and e + 1 quieten.)"""
    x = _float(x)
    if 0 < x.size <= GRAIN_SIZE and x.flags.c_contiguous and _largest_size(x) <= _QUIET:
        e = _quiet_negated_exps(x.reshape(-1)).reshape(x.shape)
    else:
        with numpy.errstate(invalid="ignore"):  # (one errstate: the loop's is left out)
            e = cpu_loop(lambda v: sleef_exp(_ZERO - v), lambda v: scalar_exp(-v), x,
                         quiet=False)
            e += _ONE  # (a signalling nan may still be in e: quietened here, silently)
            return numpy.divide(_ONE, e, out=e)
    e += _ONE
    return numpy.divide(_ONE, e, out=e)


def _quiet_negated_exps(x: numpy.ndarray) -> numpy.ndarray:
    """`cpu_loop`'s exps for `sigmoid` (SLEEF's on whole blocks, glibc's on the rest)
    in the usual case, a flat float32 array of one thread's chunk with |x| ≤ 87 (no nan):
    the same cores on the same values, without what the general case needs. There, no step
    can overflow or be invalid (no ``errstate``), the range is known (neither exp tests it
    again), and -x serves both parts (0 - x differs from it only for zeros and nans, and
    exp(±0) = 1). About a fifth of the sigmoid of a few hundred values."""
    d = -x
    n = d.size
    split = n - n % VECTOR_BLOCK
    if split == n:
        return fused_then_checked(_sleef_exp_core, 6, d)
    tail = _glibc_expf_core(d[split:].astype(f64))
    if not split:
        return tail
    out = numpy.empty(n, f32)
    out[:split] = fused_then_checked(_sleef_exp_core, 6, d[:split])
    out[split:] = tail
    return out


GRAIN_SIZE = 32768  # at::internal::GRAIN_SIZE: below it, one thread does all


def _chunks(n: int, grain: int) -> list[int]:
    """Where ``at::parallel_for`` splits n values between threads (chunk starts)."""
    from ..global_settings import get_num_threads

    threads = min(get_num_threads(), -(-n // grain)) if n > grain else 1
    size = -(-n // max(threads, 1)) if n else 1
    return list(range(0, n, size)) + [n] if n else [0]


def cpu_loop(vector: Callable[..., Any], scalar: Callable[..., Any], *arrays: Any,
             grain: int = GRAIN_SIZE, block: int = VECTOR_BLOCK, quiet: bool = True,
             dtype: Any = f32) -> Any:
    """``vector`` on the whole blocks of ``block`` values of each thread's chunk (two
    vectors for most kernels, one for some), ``scalar`` on the rest, in the arrays' memory
    order (NumPy arrays of one shape; the result's ``dtype``: float32 unless given). ``quiet``:
    NumPy's floating-point warnings silenced around the loop (False when both parts silence
    their own: ``errstate`` costs about 1 µs to enter and leave)."""
    if quiet:
        with numpy.errstate(all="ignore"):
            return cpu_loop(vector, scalar, *arrays, grain=grain, block=block, quiet=False,
                            dtype=dtype)
    last = arrays[-1]  # (the input x: the loop follows its layout in memory, as PyTorch's)
    if last.flags.c_contiguous:  # (memory order is the flat order; size-1 axes aside)
        axes, shape = None, last.shape
        flat = [a.reshape(-1) for a in arrays]
    else:  # (TensorIterator's order: an expanded dimension keeps its place)
        axes = preserved_order(last.shape, last.strides)[::-1]
        shape = last.transpose(axes).shape
        flat = [numpy.ascontiguousarray(a.transpose(axes)).reshape(-1) for a in arrays]
    n = flat[0].size
    out = numpy.empty(n, dtype)
    bounds = _chunks(n, grain) if n > grain else (0, n)
    for begin, end in zip(bounds[:-1], bounds[1:]):
        split = end - (end - begin) % block
        if split > begin:
            out[begin:split] = vector(*[a[begin:split] for a in flat])
        if end > split:
            out[split:end] = scalar(*[a[split:end] for a in flat])
    out = out.reshape(shape)
    out = out if axes is None else out.transpose(numpy.argsort(axes))
    return out if 1 not in last.shape else iterator_layout(numpy, out, list(arrays))


def correctly_rounded(function: Any, x: numpy.ndarray) -> numpy.ndarray:
    """f(x) computed in float64 and rounded once to float32: the nearest float to the true
    value in all but astronomically rare cases (PyTorch's MKL results agree for most inputs)."""
    with numpy.errstate(all="ignore"):
        out = function(_float(x).astype(f64)).astype(f32)
    return out if x.flags.c_contiguous else iterator_layout(numpy, out, [x])


def rounded_once(name: str) -> Callable[..., Any]:
    """A ``compute(xp, *arrays)`` for ``xp.<name>`` that gives PyTorch's float32 CPU bits more
    often: on NumPy float32 arrays, ``name`` in float64 rounded once to float32; on other
    dtypes and on CuPy, ``xp.<name>`` itself.

    For tan, atan, log2, log10, expm1 and exp2 this agrees with PyTorch on all but a few
    values in ten thousand (NumPy's own float32: 5% to 40% of values one ulp away); for asin,
    acos and atan2 on all but 5% to 15% (NumPy's: 25% to 40%).
    """
    def compute(xp: Any, *arrays: Any) -> Any:
        function = getattr(xp, name)
        if xp is numpy and all(getattr(a, "dtype", None) == f32 for a in arrays):
            with numpy.errstate(all="ignore"):
                out = function(*[a.astype(f64) for a in arrays]).astype(f32)
            return out if len(arrays) > 1 or arrays[0].flags.c_contiguous else (
                iterator_layout(numpy, out, [arrays[0]]))
        return function(*arrays)

    compute.__name__ = name
    return compute


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
        out = _CPU_FLOAT32[name](x)
        return out if x.flags.c_contiguous else iterator_layout(numpy, out, [x])  # (PyTorch's)
    return otherwise(xp, x)
