"""a·b + c on float64 arrays rounded once, as the FMA instruction PyTorch's vectorized
kernels use (``vec::fmadd``): NumPy has no fused multiply-add, and a·b + c rounded twice
differs in the last bit about one time in four.

The product's rounding error is found exactly by Dekker's split (each factor cut into two
halves of 26 bits, whose products are exact), the sum's by Knuth's TwoSum; adding both
errors back before the last rounding gives the fused result (but in rare halfway cases,
where the errors' own sum is rounded first). Where the product or the sum is not finite,
the split means nothing: there a·b + c is what the FMA gives too.
"""

from __future__ import annotations

from typing import Any

import numpy

_SPLIT = 134217729.0  # 2^27 + 1 (Veltkamp's constant for float64's 53 bits)


def _halves(a: Any) -> tuple[Any, Any]:
    """a = high + low, each with at most 26 significant bits (their products are exact)."""
    t = _SPLIT * a
    high = t - (t - a)
    return high, a - high


def fma64(a: Any, b: Any, c: Any) -> Any:
    """a·b + c with one rounding (float64 arrays, or broadcastable: a small operand, such as
    batch norm's per-channel scale, is split once, not once per element)."""
    a, b, c = (numpy.asarray(v, dtype=numpy.float64) for v in (a, b, c))
    with numpy.errstate(over="ignore", invalid="ignore"):
        product = a * b
        a_high, a_low = _halves(a)
        b_high, b_low = _halves(b)
        product_error = (((a_high * b_high - product) + a_high * b_low + a_low * b_high)
                         + a_low * b_low)
        total = product + c
        back = total - product
        sum_error = (product - (total - back)) + (c - back)
        fused = total + (sum_error + product_error)
        finite = numpy.isfinite(fused)
        finite &= numpy.isfinite(product)
    if finite.all():
        return fused
    return numpy.where(finite, fused, total)
