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
"""

from __future__ import annotations

from typing import Any

import numpy

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
_LN2 = float.fromhex("0x1.62e42fefa39efp-1")
_A0, _A1, _A2 = (float.fromhex(h) for h in
                 ("-0x1.00ea348b88334p-2", "0x1.5575b0be00b6ap-2", "-0x1.ffffef20a4123p-2"))
_OFF = 0x3F330000


def logf(x: Any) -> numpy.ndarray:
    """glibc's ``logf`` on a float32 array (see the module's docstring)."""
    x = numpy.asarray(x, f32)
    normal = (x >= f32(numpy.finfo(f32).tiny)) & numpy.isfinite(x)
    scaled = numpy.where(normal, x, numpy.abs(x) * f32(2.0 ** 23) + f32(1e-45))  # subnormals
    ix = scaled.view(numpy.uint32).astype(numpy.int64) - numpy.where(normal, 0, 23 << 23)
    tmp = ix - _OFF
    i = (tmp >> 19) % 16
    k = tmp >> 23  # (an arithmetic shift, as in C)
    z = (ix - (tmp & ~0x7FFFFF)).astype(numpy.uint32).view(f32).astype(f64)
    r = z * _INV_C[i] - 1
    y0 = _LOG_C[i] + k * _LN2
    r2 = r * r
    y = _A1 * r + _A2
    y = _A0 * r2 + y
    y = (y * r2 + (y0 + r)).astype(f32)
    with numpy.errstate(divide="ignore", invalid="ignore"):
        special = numpy.log(x)  # 0 → -inf, < 0 and NaN → NaN, inf → inf (as glibc)
    return numpy.where((x > 0) & numpy.isfinite(x), y, special).astype(f32)


_LN2_HI, _LN2_LO = f32(6.9313812256e-01), f32(9.0580006145e-06)
_LP = [f32(c) for c in (6.6666668653e-01, 4.0000000596e-01, 2.8571429849e-01,
                        2.2222198546e-01, 1.8183572590e-01, 1.5313838422e-01,
                        1.4798198640e-01)]


def log1pf(x: Any) -> numpy.ndarray:
    """glibc's ``log1pf`` on a float32 array (see the module's docstring)."""
    x = numpy.asarray(x, f32)
    hx = x.view(i32).astype(numpy.int64)
    ax = hx & 0x7FFFFFFF
    with numpy.errstate(all="ignore"):
        near_zero = (hx > 0) | (hx <= numpy.int64(numpy.array(0xBE95F61F, numpy.uint32).view(i32)))
        direct = (hx < 0x3ED413D7) & near_zero  # -0.2929 < x < 0.41422: f = x, k = 0
        u = f32(1) + x
        hu_big = hx >= 0x5A000000
        u = numpy.where(hu_big, x, u)
        hu = u.view(i32).astype(numpy.int64)
        k = (hu >> 23) - 127
        c = numpy.where(k > 0, f32(1) - (u - x), x - (u - f32(1))) / u
        c = numpy.where(hu_big, f32(0), c)
        hu = hu & 0x007FFFFF
        low = hu < 0x3504F7
        k = numpy.where(low, k, k + 1)
        u = numpy.where(low, hu | 0x3F800000, hu | 0x3F000000).astype(numpy.uint32).view(f32)
        hu = numpy.where(low, hu, (0x00800000 - hu) >> 2)
        f = u - f32(1)
        f = numpy.where(direct, x, f)
        k = numpy.where(direct, 0, k)
        c = numpy.where(direct, f32(0), c)
        hu = numpy.where(direct, 1, hu)
        kf = k.astype(f32)
        hfsq = f32(0.5) * f * f
        # |f| < 2^-20 (hu == 0): a shorter series
        r_small = hfsq * (f32(1) - f32(0.66666666666666666) * f)
        small = numpy.where(k == 0, f - r_small,
                            kf * _LN2_HI - ((r_small - (kf * _LN2_LO + c)) - f))
        small = numpy.where(f == 0, numpy.where(k == 0, f32(0), kf * _LN2_HI + (c + kf * _LN2_LO)),
                            small)
        s = f / (f32(2) + f)
        z = s * s
        r = _LP[6]
        for coefficient in reversed(_LP[:6]):
            r = coefficient + z * r
        r = z * r
        general = numpy.where(k == 0, f - (hfsq - s * (hfsq + r)),
                              kf * _LN2_HI - ((hfsq - (s * (hfsq + r) + (kf * _LN2_LO + c))) - f))
        y = numpy.where(hu == 0, small, general)
        tiny = ax < 0x31000000  # |x| < 2^-29
        y = numpy.where(tiny, numpy.where(ax < 0x24800000, x, x - x * x * f32(0.5)), y)
        special = numpy.log1p(x.astype(f64)).astype(f32)  # -1 → -inf, < -1 → NaN, inf, NaN
        out_of_range = (x <= -1) | ~numpy.isfinite(x)
        return numpy.where(out_of_range, special, y).astype(f32)
