"""The fused walk of a small float32 matrix product, as MKL takes it for some shapes on
processors other than Intel's (see small_gemm.py): each value of x @ w is

    fma(x₂, w₂, fma(x₁, w₁, x₀·w₀)), …

each step one fused multiply-add, x·w + total rounded once to float32.

NumPy has no fused multiply-add, but the product of two float32s is exact in float64, so
each step is the float64 sum p + total rounded to float32. Rounding twice (to float64, then
to float32) equals rounding once except where the float64 sum lies exactly halfway between
two floats; those rare values are done again with the exact `fma` of sleef_float32.py.

The chain cannot be split (each step rounds what the previous one left), so it takes a few
NumPy calls per step. A chain of 2 or 3 steps makes each step's products as it goes
(`DoubleRounded`); a longer one makes all the products at once and then takes two calls a
step: the float64 sum, in place, and its rounding to float32 (about 3 times faster for 64
steps, slower for 2 or 3).
"""

from __future__ import annotations

from typing import Any

import numpy

from .sleef_float32 import DoubleRounded, _halfway, fma, some

f32, f64 = numpy.float32, numpy.float64


SHORT_CHAIN = 3  # the most terms added one product at a time (see the module)


def fused_in_turn(x: numpy.ndarray, w: numpy.ndarray) -> numpy.ndarray:
    """fma(x₂, w₂, fma(x₁, w₁, x₀·w₀)), … for float32 x (n×k) and w (k×m): a new n×m
    float32 array (x₀·w₀ alone rounded to float32 for k = 1)."""
    k = x.shape[1]
    if k <= SHORT_CHAIN:
        total, values = _short_chain(x, w)
    else:
        total, values = _long_chain(x, w)
    if values is not None:  # (the values where a float64 sum lay halfway, done exactly)
        total[values] = _exactly(x, w, values)
    return total


def _short_chain(x: numpy.ndarray, w: numpy.ndarray) -> tuple[numpy.ndarray, Any]:
    """The chain with each step's products made as it goes; and the n×m mask of the values
    to do again exactly (None if none)."""
    (n, k), m = x.shape, w.shape[1]
    wide_x, wide_w = x.astype(f64), w.astype(f64)  # (float64 products of float32s are exact)
    chain = DoubleRounded(max(k - 1, 1), (n, m))
    total = x[:, :1] * w[:1]
    for j in range(1, k):
        total = chain(wide_x[:, j:j + 1], wide_w[j:j + 1], total)
    return total, chain.suspects() if k > 1 else None


def _long_chain(x: numpy.ndarray, w: numpy.ndarray) -> tuple[numpy.ndarray, Any]:
    """The chain with all the products made at once, (k, n, m) in float64; each step's float64
    sum is written over its products and rounded to float32. Also the mask of `_short_chain`."""
    products = numpy.multiply(x.T[:, :, None], w[:, None, :], dtype=f64)  # (exact)
    total, add = products[0].astype(f32), numpy.add
    for sums in products[1:]:
        add(sums, total, sums)
        total = sums.astype(f32)
    halfway = _halfway(products[1:])
    return total, halfway.any(axis=0) if some(halfway) else None


def _exactly(x: numpy.ndarray, w: numpy.ndarray, values: numpy.ndarray) -> numpy.ndarray:
    """The chain of `fused_in_turn` with the exact `fma`, for the values where ``values``
    (an n×m mask) is set: one row of x and one column of w each."""
    rows, columns = numpy.nonzero(values)
    xs, ws = x[rows], w[:, columns].T
    exact = xs[:, 0] * ws[:, 0]
    for j in range(1, x.shape[1]):
        exact = fma(xs[:, j], ws[:, j], exact)
    return exact
