"""a·b + c on float64 arrays rounded once, as the FMA instruction PyTorch's vectorized
kernels use (``vec::fmadd``): NumPy has no fused multiply-add, and a·b + c rounded twice
differs in the last bit about one time in four.

The product's rounding error is found exactly by Dekker's split (each factor cut into two
halves of 26 bits, whose products are exact), the sum's by Knuth's TwoSum; adding both
errors back before the last rounding gives the fused result (but in rare halfway cases,
where the errors' own sum is rounded first). Where the product or the sum is not finite,
the split means nothing: there a·b + c is what the FMA gives too.

Large arrays go through in blocks of `_BLOCK` values, each block's twenty-odd operations
written into the same few scratch arrays: the same operations in the same order (so the same
bits), but on data that stays in the cache, with no fresh array per operation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

_SPLIT = 134217729.0  # 2^27 + 1 (Veltkamp's constant for float64's 53 bits)
_BLOCK = 16384  # values per block (its scratch arrays stay in the cache)


def _halves(a: Any) -> tuple[Any, Any]:
    """a = high + low, each with at most 26 significant bits (their products are exact)."""
    t = _SPLIT * a
    high = t - (t - a)
    return high, a - high


def fma64(a: Any, b: Any, c: Any) -> Any:
    """a·b + c with one rounding (float64 arrays, or broadcastable: a small operand, such as
    batch norm's per-channel scale, is split once, not once per element)."""
    a, b, c = (numpy.asarray(v, dtype=numpy.float64) for v in (a, b, c))
    if max(a.size, b.size, c.size) > 2 * _BLOCK:
        return _fma64_in_blocks(a, b, c)
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


def _fma64_in_blocks(a: Any, b: Any, c: Any) -> Any:
    """`fma64` of large arrays, block by block (NumPy's buffered iterator hands out the blocks
    and lays the result out as a ufunc would), each step of the formula in a scratch array; a
    factor smaller than the result (broadcast) is split once, here, not in every block."""
    size = numpy.broadcast_shapes(a.shape, b.shape, c.shape)
    size = int(numpy.prod(size))
    with numpy.errstate(over="ignore", invalid="ignore"):
        halves = [_halves(v) if v.size < size else () for v in (a, b)]
    operands = (a, b, c, *halves[0], *halves[1], None)
    blocks = numpy.nditer(operands, ("external_loop", "buffered", "zerosize_ok"),
                          (("readonly",),) * (len(operands) - 1) + (("writeonly", "allocate"),),
                          buffersize=_BLOCK)
    scratch = numpy.empty((8, _BLOCK))
    a_split, b_split = (slice(3, 3 + len(halves[0])),
                        slice(3 + len(halves[0]), 3 + len(halves[0]) + len(halves[1])))
    with blocks, numpy.errstate(over="ignore", invalid="ignore"):
        for parts in blocks:
            out = parts[-1]
            n = out.shape[0]
            _fma64_block(parts[0], parts[1], parts[2], out, parts[a_split], parts[b_split],
                         *(s[:n] for s in scratch))
        return blocks.operands[-1]


def _fma64_block(a: Any, b: Any, c: Any, out: Any, a_halves: tuple, b_halves: tuple,
                 product: Any, a_high: Any, a_low: Any, b_high: Any, b_low: Any, error: Any,
                 first: Any, second: Any) -> None:
    """`fma64`'s formula on one block, written into ``out`` (the other arrays are scratch;
    ``a_halves`` and ``b_halves`` are the factors' halves where already split, else empty)."""
    mul, sub, add = numpy.multiply, numpy.subtract, numpy.add
    mul(a, b, out=product)
    if a_halves:
        a_high, a_low = a_halves
    else:
        _halves_into(a, a_high, a_low, first, second)
    if b_halves:
        b_high, b_low = b_halves
    else:
        _halves_into(b, b_high, b_low, first, second)
    # product_error = ((a_high·b_high - product) + a_high·b_low + a_low·b_high) + a_low·b_low
    mul(a_high, b_high, out=error)
    sub(error, product, out=error)
    for left, right in ((a_high, b_low), (a_low, b_high), (a_low, b_low)):
        mul(left, right, out=first)
        add(error, first, out=error)
    total, back = first, second
    add(product, c, out=total)
    sub(total, product, out=back)
    # sum_error = (product - (total - back)) + (c - back), into out
    sub(total, back, out=out)
    sub(product, out, out=out)
    sub(c, back, out=back)
    add(out, back, out=out)
    add(out, error, out=out)
    add(total, out, out=out)  # fused = total + (sum_error + product_error)
    if not math.isfinite(out.sum()):  # (a product that is not finite makes fused NaN)
        finite = numpy.isfinite(out)
        finite &= numpy.isfinite(product)
        numpy.copyto(out, total, where=~finite)


def _halves_into(v: Any, high: Any, low: Any, first: Any, second: Any) -> None:
    """`_halves` of ``v`` written into ``high`` and ``low`` (``first``, ``second``: scratch)."""
    numpy.multiply(_SPLIT, v, out=first)
    numpy.subtract(first, v, out=second)
    numpy.subtract(first, second, out=high)
    numpy.subtract(v, high, out=low)
