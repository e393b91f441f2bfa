"""The C library's float32 ``logf`` and ``log1pf`` (GNU libc 2.36), on NumPy arrays.

PyTorch's CPU kernels that are not vectorised call the C library's functions one value at a
time (``binary_cross_entropy`` calls ``std::log`` and ``std::log1p``). Those functions are
not correctly rounded: logf is off by one unit in the last place (ulp) for about 0.7% of
inputs, log1pf for about 8%. To give PyTorch's last bits, the kit runs the same algorithms:

* ``logf`` (Arm's optimized routine): x = 2^k · z with z near 1, a table of 16 points c
  near 1 with 1/c and ln c, then ln x = k·ln2 + ln c + log1p(z/c - 1), the last a cubic
  polynomial, all in double precision and rounded once to float32;
* ``log1pf`` (Sun's fdlibm, in float32 arithmetic): 1 + x = 2^k · (1 + f) with a correction
  term c for the rounding of 1 + x, then log1p(f) = f - (f²/2 - s(f²/2 + R(s²))) with
  s = f / (2 + f) and R a degree-7 polynomial; k·ln2 in two parts.

Speed on small arrays: when every value is in the usual range (checked from the minimum and
maximum), the masks for zeros, negatives, subnormals, inf and nan are skipped, and the rare
branches (|f| < 2^-20, |x| < 2^-29) run only on the lanes that need them; log1pf decides from
the minimum and maximum whether 1 + x must be reduced at all and whether any |x| is tiny, and
merges fdlibm's k = 0 branch into the general one. Constants are 0-d arrays (`constant`: no
conversion of a NumPy scalar on every call), steps write into arrays they made, and the usual
range needs no ``errstate`` (nothing can overflow or divide by zero there). `bce_logs` gives
binary_cross_entropy both logs from one look at the minimum and maximum. logf takes
1/c and ln c + k·ln2 from tables with one entry per exponent k and interval (4466 entries,
each computed as the step-by-step version computes it). Checked against the
plain step-by-step version on all 2^32 float32 inputs: the same bits.
"""

from __future__ import annotations

from typing import Any

import numpy

from .sleef_float32 import constant, some

f32 = numpy.float32
f64 = numpy.float64
i32 = numpy.int32

_LOGF_TABLE = [  # (1/c, ln c) for the 16 intervals
    ("0x1.661ec79f8f3bep+0", "-0x1.57bf7808caadep-2"),
    ("0x1.571ed4aaf883dp+0", "-0x1.2bef0a7c06ddbp-2"),
    ("0x1.49539f0f010bp+0", "-0x1.01eae7f513a67p-2"),
    ("0x1.3c995b0b80385p+0", "-0x1.b31d8a68224e9p-3"),
    ("0x1.30d190c8864a5p+0", "-0x1.6574f0ac07758p-3"),
    ("0x1.25e227b0b8eap+0", "-0x1.1aa2bc79c81p-3"),
    ("0x1.1bb4a4a1a343fp+0", "-0x1.a4e76ce8c0e5ep-4"),
    ("0x1.12358f08ae5bap+0", "-0x1.1973c5a611cccp-4"),
    ("0x1.0953f419900a7p+0", "-0x1.252f438e10c1ep-5"),
    ("0x1p+0", "0x0p+0"),
    ("0x1.e608cfd9a47acp-1", "0x1.aa5aa5df25984p-5"),
    ("0x1.ca4b31f026aap-1", "0x1.c5e53aa362eb4p-4"),
    ("0x1.b2036576afce6p-1", "0x1.526e57720db08p-3"),
    ("0x1.9c2d163a1aa2dp-1", "0x1.bc2860d22477p-3"),
    ("0x1.886e6037841edp-1", "0x1.1058bc8a07ee1p-2"),
    ("0x1.767dcf5534862p-1", "0x1.4043057b6ee09p-2"),
]
_INV_C = numpy.array([float.fromhex(a) for a, _ in _LOGF_TABLE])
_LOG_C = numpy.array([float.fromhex(b) for _, b in _LOGF_TABLE])
_LN2 = constant(float.fromhex("0x1.62e42fefa39efp-1"), f64)
_A0, _A1, _A2 = (constant(float.fromhex(h), f64) for h in
                 ("-0x1.00ea348b88334p-2", "0x1.5575b0be00b6ap-2", "-0x1.ffffef20a4123p-2"))
_OFF, _INDEX_SHIFT = constant(0x3F330000, i32), constant(19, i32)
_EXPONENT_BITS = constant(-0x800000, i32)
_SHIFT, _BIAS = constant(23, i32), constant(127, i32)  # a float32's exponent field
_ONE_64 = constant(1, f64)
_TINY, _HUGE = f32(numpy.finfo(f32).tiny), f32(numpy.finfo(f32).max)


def _extremes(x: numpy.ndarray) -> tuple[Any, Any]:
    """The least and the greatest value of a non-empty array (nan if one is nan)."""
    return numpy.minimum.reduce(x, axis=None), numpy.maximum.reduce(x, axis=None)


def logf(x: Any) -> numpy.ndarray:
    """glibc's ``logf`` on a float32 array (see the module's docstring)."""
    x = numpy.asarray(x, f32)
    if x.size == 0:
        return x.copy()
    return _logf(x.reshape(-1), *_extremes(x)).reshape(x.shape)


def _logf(x: numpy.ndarray, low: Any, high: Any) -> numpy.ndarray:
    """`logf` of a 1-D array whose least and greatest values are ``low`` and ``high``."""
    if low >= _TINY and high <= _HUGE:  # all normal, > 0 (False for nan)
        return _logf_core(x.view(i32))
    with numpy.errstate(divide="ignore", invalid="ignore"):  # (signalling nans too)
        normal = (x >= _TINY) & numpy.isfinite(x)
        scaled = numpy.where(normal, x, numpy.abs(x) * f32(2.0 ** 23) + f32(1e-45))  # subnormals
        y = _logf_core(scaled.view(i32) - numpy.where(normal, i32(0), i32(23 << 23)))
        special = numpy.log(x)  # 0 → -inf, < 0 and NaN → NaN, inf → inf (as glibc)
        return numpy.where((x > 0) & numpy.isfinite(x), y, special).astype(f32)


def _logf_core(ix: numpy.ndarray) -> numpy.ndarray:
    """ln x from the bits ix of x = 2^k·z (z in [0.7, 1.4), subnormals pre-scaled; a 1-D
    array): ln x = k·ln2 + ln c + log1p(r), r = z/c - 1,
    log1p(r) ≈ r + A₂r² + A₁r³ + A₀r⁴ (float64), summed as (A₀r² + (A₁r + A₂))·r² + (y₀ + r)
    with y₀ = ln c + k·ln2 (the tables' entry 16k + i, see `_BY_K_AND_INDEX`)."""
    tmp = ix - _OFF
    j = (tmp >> _INDEX_SHIFT).astype(numpy.intp)  # 16k + i (an arithmetic shift, as in C)
    j -= _FIRST_ENTRY
    tmp &= _EXPONENT_BITS
    z = numpy.subtract(ix, tmp, out=tmp).view(f32)
    r = z * _INV_C_BY_ENTRY.take(j)
    r -= _ONE_64
    y0 = _Y0_BY_ENTRY.take(j)
    r2 = r * r
    y = r * _A1
    y += _A2
    y += r2 * _A0
    y *= r2
    y0 += r
    y += y0
    return y.astype(f32)


def _by_k_and_index() -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """The first entry 16k + i (k: the exponent, i: the table's index) that `_logf_core` can
    meet, and for each entry from there 1/c and y₀ = ln c + k·ln2, computed as the step-by-
    step version does (k·ln2 rounded to float64, then the sum: the same bits). Bits from
    1 - 23·2^23 (a pre-scaled subnormal, or a special value the caller replaces) to
    0x7FFFFFFF (a nan) cover every input."""
    entries = (numpy.arange(1 - (23 << 23), 0x80000000, 1 << 19, dtype=numpy.int64)
               - int(_OFF)) >> int(_INDEX_SHIFT)
    entries = numpy.arange(entries.min() - 1, entries.max() + 2)
    k_ln2 = (entries >> 4).astype(f64)
    k_ln2 *= _LN2
    return entries[:1].astype(numpy.intp)[0], _INV_C[entries & 15], _LOG_C[entries & 15] + k_ln2


_FIRST_ENTRY, _INV_C_BY_ENTRY, _Y0_BY_ENTRY = _by_k_and_index()
_FIRST_ENTRY = constant(_FIRST_ENTRY, numpy.intp)


_LN2_HI, _LN2_LO = constant(6.9313812256e-01), constant(9.0580006145e-06)
_LP = [constant(c) for c in (6.6666668653e-01, 4.0000000596e-01, 2.8571429849e-01,
                             2.2222198546e-01, 1.8183572590e-01, 1.5313838422e-01,
                             1.4798198640e-01)]


_ZERO, _ONE, _HALF, _TWO = constant(0), constant(1), constant(0.5), constant(2)
_BIG = f32(2.0 ** 53)  # from here on, 1 + x rounds to x: u = x, c = 0
# (scalars where they are compared with the least or greatest value: a 0-d array would make
# each such test a NumPy operation)
_DIRECT_LOW, _DIRECT_HIGH = numpy.array([0xBE95F61F, 0x3ED413D7], numpy.uint32).view(f32)
_TINY_X = f32(2.0 ** -29)  # below it (in size): x - x²/2, or x
_SMALL_F = f32(3 * 2.0 ** -24)  # |f| < 2^-20 in fdlibm's test: f in [-3·2^-24, 0]


def log1pf(x: Any) -> numpy.ndarray:
    """glibc's ``log1pf`` on a float32 array (see the module's docstring)."""
    x = numpy.asarray(x, f32)
    if x.size == 0:
        return x.copy()
    return _log1pf(x.reshape(-1), *_extremes(x)).reshape(x.shape)


def _log1pf(x: numpy.ndarray, low: Any, high: Any) -> numpy.ndarray:
    """`log1pf` of a 1-D array (the steps write into their arrays: one axis, never 0-d) whose
    least and greatest values are ``low`` and ``high``. In the usual case nothing can
    overflow, divide by zero or be invalid (1 + x > 0): no ``errstate`` is needed (underflow,
    for tiny values, is one NumPy ignores unless told otherwise)."""
    if low > -1 and high < _BIG:  # the usual case (False for nan)
        return _log1pf_core(x, low, high, big=None)
    with numpy.errstate(all="ignore"):
        finite = (x > -1) & numpy.isfinite(x)
        clean = numpy.where(finite, x, _ZERO)
        y = _log1pf_core(clean, *_extremes(clean), big=x >= _BIG)
        special = numpy.log1p(x.astype(f64)).astype(f32)  # -1 → -inf, < -1 → NaN, inf, NaN
        return numpy.where(finite, y, special)


def _log1pf_core(x: numpy.ndarray, low: Any, high: Any,
                 big: numpy.ndarray | None) -> numpy.ndarray:
    """log1p(x) for -1 < x < inf (``low``, ``high``: the least and greatest x; ``big``: where
    x ≥ 2^53), fdlibm's steps in float32:

    1 + x = 2^k (1 + f),  c = the rounding error of u = 1 + x, divided by u;
    s = f / (2 + f),  R = z·(Lp1 + z·(Lp2 + … + z·Lp7)), z = s²,  hfsq = f²/2;
    log1p(x) = k·ln2_hi - ((hfsq - (s(hfsq + R) + (k·ln2_lo + c))) - f)   (f - (hfsq - s(hfsq + R))
    when k = 0), with a shorter series when |f| < 2^-20, and x - x²/2 (or x) when |x| < 2^-29.
    For -0.2929 < x < 0.41422 (``direct``): f = x, k = 0, c = 0.

    Fewer NumPy calls, same bits: direct lanes are found from ``low`` and ``high`` when all or
    none are, and the k = 0 form is the general one with c = 0 (k·ln2_hi = 0, and
    0 - (a - f) = f - a, as f ≠ 0 and s(hfsq + R) ≠ 0 there), so c is set to 0 where k = 0
    and the general form serves every lane. (Zero lies in the |x| < 2^-29 branch, which
    overrides whatever the other branches give, so +0 may count as direct here.)"""
    kf = c = small = None
    if low >= _DIRECT_LOW and high < _DIRECT_HIGH:  # every lane direct
        f = x
    else:
        f, kf, c, small = _reduce(x, high, big)  # (new arrays: changed in place here)
        direct = None
        if low < _DIRECT_HIGH and high >= _DIRECT_LOW:  # some lanes direct
            direct = _inside(x, low, high, _DIRECT_LOW, _DIRECT_HIGH)
            numpy.copyto(f, x, where=direct)
            numpy.copyto(kf, _ZERO, where=direct)
            if small is not None:
                small &= ~direct
        if high >= _DIRECT_HIGH:  # (k may be 0 outside the direct lanes)
            c = numpy.where(kf == _ZERO, _ZERO, c)
        elif direct is not None:  # below, the lanes reduced have u < √2/2: k ≤ -1
            numpy.copyto(c, _ZERO, where=direct)
    hfsq = _HALF * f * f
    s = f / (_TWO + f)
    z = s * s
    r = z * _LP[6]  # R = z·(Lp1 + z·(Lp2 + … + z·Lp7)), each step rounded to float32
    for coefficient in reversed(_LP[:6]):
        r += coefficient
        r *= z
    r += hfsq
    r *= s  # s·(hfsq + R)
    if kf is None:  # (k = 0)
        y = hfsq - r
        numpy.subtract(f, y, out=y)
    else:
        y = kf * _LN2_LO
        y += c
        y += r
        numpy.subtract(hfsq, y, out=y)
        y -= f
        numpy.subtract(kf * _LN2_HI, y, out=y)
        if small is not None:
            y[small] = _small_f(f[small], kf[small], c[small])
    if low < _TINY_X and high > -_TINY_X:  # some |x| may be below 2^-29
        ax = numpy.abs(x)
        tiny = ax < _TINY_X
        if some(tiny):
            y = numpy.where(tiny, numpy.where(ax < f32(2.0 ** -54), x, x - x * x * _HALF), y)
    return y


def _inside(x: numpy.ndarray, low: Any, high: Any, start: Any, stop: Any) -> numpy.ndarray:
    """Where start ≤ x < stop, for x whose least and greatest values are ``low`` and
    ``high``: a bound that every value meets needs no test."""
    if high < stop:
        return x >= start
    if low >= start:
        return x < stop
    inside = x >= start
    inside &= x < stop
    return inside


_CARRY = constant(0x00800000 - 0x003504F7, i32)  # into the exponent when the mantissa ≥ 0x3504F7
_MANTISSA, _HALF_ROOT2 = constant(0x007FFFFF, i32), constant(0x3F3504F7, i32)


def _reduce(x: numpy.ndarray, high: Any, big: numpy.ndarray | None) -> tuple[Any, Any, Any, Any]:
    """1 + x = 2^k (1 + f): (f, k as a float, c, where |f| < 2^-20 or None if nowhere).

    fdlibm takes u = 1 + x (x itself from 2^53 on), c = (1 - (u - x)) / u when u ≥ 2, else
    (x - (u - 1)) / u, and scales u into [√2/2, √2) by its mantissa hu: below 0x3504F7, u's
    exponent is set to 0 (k = u's exponent), else to -1 (k one more). Here both cases at once:
    adding 2^23 - 0x3504F7 to u's bits carries into the exponent exactly when hu ≥ 0x3504F7,
    so k is the exponent of that sum, and its mantissa plus 0x3F3504F7 gives the bits of
    1 + hu·2^-23, or of ½ + hu·2^-24 after a carry."""
    u = _ONE + x
    if big is not None:
        u = numpy.where(big, x, u)
    if high < 0.5:  # (then u < 2 everywhere)
        c = x - (u - _ONE)
    else:
        c = numpy.where(u >= _TWO, _ONE - (u - x), x - (u - _ONE))
    c /= u
    if big is not None:
        c = numpy.where(big, f32(0), c)
    bits = u.view(i32) + _CARRY
    k = bits >> _SHIFT
    k -= _BIAS
    bits &= _MANTISSA
    bits += _HALF_ROOT2
    f = bits.view(f32) - _ONE
    # fdlibm's |f| < 2^-20 test, on hu (0, or (2^23 - hu) >> 2 = 0 after u/2), is
    # -3·2^-24 ≤ f ≤ 0 (f = hu·2^-23, or -(2^23 - hu)·2^-24 after u/2)
    small = None
    if numpy.minimum.reduce(numpy.abs(f), axis=None) <= _SMALL_F:
        small = (f >= -_SMALL_F) & (f <= _ZERO)
    return f, k.astype(f32), c, (small if small is not None and some(small) else None)


def _small_f(f: Any, kf: Any, c: Any) -> Any:
    """log1p for |f| < 2^-20: R = hfsq·(1 - ⅔f), then f - R (k = 0) or
    k·ln2_hi - ((R - (k·ln2_lo + c)) - f); exactly k·ln2_hi + (c + k·ln2_lo) when f = 0."""
    r_small = _HALF * f * f * (_ONE - f32(0.66666666666666666) * f)
    y = numpy.where(kf == 0, f - r_small, kf * _LN2_HI - ((r_small - (kf * _LN2_LO + c)) - f))
    return numpy.where(f == 0, numpy.where(kf == 0, f32(0), kf * _LN2_HI + (c + kf * _LN2_LO)), y)


_LOG_FLOOR = constant(-100)  # PyTorch's floor for binary_cross_entropy's logs


def bce_logs(p: numpy.ndarray, low: Any, high: Any) -> tuple[numpy.ndarray, numpy.ndarray]:
    """binary_cross_entropy's two logs, max(logf(p), -100) and max(log1pf(-p), -100), of a
    float32 array p with values in [0, 1] or nan (``low``, ``high``: its least and greatest
    value, which the caller has looked at already): 1 - p's logarithm is fdlibm's log1p of
    -p, whose least and greatest values are -high and -low. ln 0 = -inf becomes -100.

    The floor is skipped where it cannot bite: for normal p (``low`` ≥ 2^-126, no nan),
    ln p ≥ -87.4, and for p < 1 (``high`` < 1, no nan), ln(1 - p) ≥ ln 2^-24 > -16.7."""
    if p.size == 0:
        return p.copy(), p.copy()
    flat = p.reshape(-1)
    log_p = _logf(flat, low, high)
    log_q = _log1pf(-flat, -high, -low)
    if not (low >= _TINY and high <= _HUGE):  # (True for nan)
        numpy.maximum(log_p, _LOG_FLOOR, out=log_p)  # (nan stays nan)
    if not high < 1:
        numpy.maximum(log_q, _LOG_FLOOR, out=log_q)
    return log_p.reshape(p.shape), log_q.reshape(p.shape)
