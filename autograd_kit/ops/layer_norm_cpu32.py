"""PyTorch's CPU layer norm of float32 NumPy rows, forward and backward, to the last bit.

PyTorch's kernel (``aten/src/ATen/native/cpu/layer_norm_kernel.cpp``, registered without an
AVX-512 build, so vectors of 8 floats on any machine here) works row by row on the (M, N)
matrix of rows to normalize:

* statistics (``RowwiseMoments``, ``moments_utils.h``): Welford's algorithm run in 8 lanes,
  a vector of 8 values at a time, over chunks of 16 vectors; the chunks' (count, mean, M2)
  merged pairwise in a cascade (a binary counter of partial results); the values left over
  after the last whole vector (N mod 8) added one by one by scalar Welford; then the 8
  lanes merged into that scalar result one after the other. σ² = M2 / N.
  Merging (n_a, μ_a, M2_a) into (n, μ, M2), with c = n_a / (n + n_a) and δ = μ_a - μ:
  μ ← μ + c·δ;  M2 ← M2 + M2_a + (δ·c)·(δ·n), the rounding (which products and sums are fused
  multiply-adds) as measured against PyTorch 2.13 here (`_merge`).
* r = 1 / √(σ² + ε) in float;  y = ((x - μ) · r) · w + b, the last step fused (without
  a weight, y = (x - μ) · r + b fused).
* backward, per row: ds = Σ dy·x·w, db = Σ dy·w (vectorised sums, `lane_sum`);
  b' = (db·μ - ds)·r³/N, c' = -b'·μ - db·r/N;  ∂L/∂x = (b'·x + r·dy·w) + c' (the first
  difference, c' and b'·x + … each a fused multiply-add);
  ∂L/∂w = Σ_rows dy·(r·x - r·μ) and ∂L/∂b = Σ_rows dy, each thread adding its own block of
  rows in float, the threads' sums then added.

The loops below run over the vectors of a row (at most N/8 steps), never over the rows:
all rows move together, as NumPy arrays.
"""

from __future__ import annotations

from typing import Any

import numpy

from ..cpu_capability import AVX2_FLOAT_LANES
from ..global_settings import get_num_threads
from .sleef_float32 import _halfway, fma, some
from .softmax_float32 import lane_sum

f32 = numpy.float32
LANES = AVX2_FLOAT_LANES  # (the kernel has no AVX-512 build: 8 floats to a vector)
CHUNK = 16  # vectors per chunk of the cascade (``kChunkSize``)


# Beyond these sizes the emulation's cost (Python steps along a row and down the rows, and
# fused multiply-adds made of several NumPy passes) grows past a few times that of the plain
# formulas, so normalization.py keeps its plain formulas there (close, not bit for bit).
MAX_ROW = 512  # values in one row (N)
MAX_VALUES = 65536  # values in all (M·N)


def applies(rows: int, size: int, *arrays: Any) -> bool:
    """True for some rows (``rows``) of some values each (``size``), within the sizes above,
    when every array given (None skipped) is a float32 NumPy array: the kernel reproduced."""
    return (0 < size <= MAX_ROW and 0 < rows * size <= MAX_VALUES
            and all(a is None or (type(a) is numpy.ndarray and a.dtype == f32) for a in arrays))


def _merge(part: tuple[Any, Any, Any], into: tuple[Any, Any, Any], vector: bool
           ) -> tuple[Any, Any, Any]:
    """Welford's merge of ``part`` = (n_a, μ_a, M2_a) into ``into`` = (n, μ, M2) (``AddMoments``,
    or ``AddMomentsVec`` for lanes: ``vector``), rounded as PyTorch's build here rounds it."""
    n_add, mean_add, m2_add = part
    n, mean, m2 = into
    total = n + n_add
    c = f32(0) if total == 0 else f32(n_add) / f32(total)
    delta = mean_add - mean
    if vector:
        return total, mean + c * delta, fma(delta * c, delta * f32(n), m2 + m2_add)
    return total, fma(c, delta, mean), m2 + fma(delta * delta * c, f32(n), m2_add)


def _chunk(vectors: Any) -> tuple[int, Any, Any]:
    """Welford over one chunk of vectors (rows, k, 8), lane by lane: (k, μ, M2)."""
    mean = numpy.zeros_like(vectors[:, 0])
    m2 = numpy.zeros_like(mean)
    for j in range(vectors.shape[1]):
        x = vectors[:, j]
        delta = x - mean
        if j & (j + 1):
            mean = fma(delta, f32(1) / f32(j + 1), mean)
        else:  # (1/(j + 1) a power of two: the product is exact, the sum rounded once)
            mean = mean + delta * (f32(1) / f32(j + 1))
        m2 = fma(delta, x - mean, m2)
    return vectors.shape[1], mean, m2


def row_moments(x: Any) -> tuple[Any, Any]:
    """(μ, σ²) of each row of the float32 matrix ``x``, as PyTorch's ``RowwiseMoments``."""
    rows, size = x.shape
    whole = size // LANES
    chunks = -(-whole // CHUNK)
    depth = 1 if chunks <= 2 else int(chunks - 1).bit_length()  # (``CeilLog2``)
    empty = (0, numpy.zeros((rows, LANES), f32), numpy.zeros((rows, LANES), f32))
    stack = [empty] * depth
    vectors = x[:, :whole * LANES].reshape(rows, whole, LANES)
    for i in range(chunks):
        stack[0] = _merge(_chunk(vectors[:, i * CHUNK:(i + 1) * CHUNK]), stack[0], True)
        mask, level = i + 1, 1
        while level < depth and mask & 1 == 0:  # (a binary counter: carry upwards)
            stack[level] = _merge(stack[level - 1], stack[level], True)
            stack[level - 1] = empty
            mask, level = mask >> 1, level + 1
    for level in range(1, depth):
        stack[0] = _merge(stack[level], stack[0], True)
    count, mean, m2 = 0, numpy.zeros(rows, f32), numpy.zeros(rows, f32)
    for i in range(whole * LANES, size):  # (the values after the last whole vector)
        value = x[:, i]
        delta = value - mean
        count += 1
        mean = mean + delta / f32(count)
        m2 = m2 + delta * (value - mean)
    lanes = stack[0]
    for lane in range(LANES):
        count, mean, m2 = _merge((whole, lanes[1][:, lane], lanes[2][:, lane]),
                                 (count, mean, m2), False)
    return mean, m2 / f32(size)


def forward(x: Any, weight: Any, bias: Any, eps: float) -> tuple[Any, Any, Any]:
    """(y, μ, r) of layer norm over the rows of the float32 matrix ``x`` (weight, bias: rows'
    length, or None), r = 1/√(σ² + ε)."""
    with numpy.errstate(all="ignore"):  # (inf and nan pass through, as in PyTorch)
        return _forward(x, weight, bias, eps)


def _forward(x: Any, weight: Any, bias: Any, eps: float) -> tuple[Any, Any, Any]:
    mean, var = row_moments(x)
    rstd = f32(1) / numpy.sqrt(var + f32(eps))
    centred = x - mean[:, None]
    if weight is None and bias is not None:  # (y = (x - μ)·r + b, fused)
        return fma(centred, rstd[:, None], bias), mean, rstd
    scaled = centred * rstd[:, None]
    if bias is None:  # (PyTorch adds a missing bias's 0: a -0.0 comes out 0.0)
        return (scaled if weight is None else scaled * weight) + f32(0), mean, rstd
    return fma(scaled, weight, bias), mean, rstd


def _thread_blocks(terms: Any) -> Any:
    """The rows split as PyTorch's ``parallel_for`` splits them among its threads: (per,
    threads, N), each thread a block of ceil(M / threads) consecutive rows, the last block
    padded with -0 (which leaves any running sum as it is, a -0 sum too)."""
    m, size = terms.shape
    per = -(-m // max(min(get_num_threads(), m), 1))
    blocks = -(-m // per)
    padded = numpy.full((blocks * per, size), -0.0, terms.dtype)
    padded[:m] = terms
    return padded.reshape(blocks, per, size).transpose(1, 0, 2)


def _sum_of_blocks(terms: Any) -> Any:
    """Σ over the rows as PyTorch's threads add them: each its block of rows, one after the
    other, in float (a cumulative sum: never NumPy's pairwise order), then the blocks' sums
    added in order. PyTorch's sums start from +0, so that a sum of -0 terms is +0."""
    per_block = numpy.cumsum(_thread_blocks(terms), axis=0, dtype=f32)[-1]
    return numpy.cumsum(per_block, axis=0, dtype=f32)[-1] + f32(0)  # (from +0, as PyTorch's)


def _fused_sum_of_blocks(u: Any, v: Any) -> Any:
    """Σ u·v over the rows as `_sum_of_blocks`, each step a fused multiply-add acc + u·v
    (rounded once). The products are exact in float64; each step adds one in float64 and
    rounds to float32: one rounding, except where the float64 sum lay exactly halfway
    between two floats and was itself rounded (TwoSum finds what it lost). Those rare
    columns are redone with `fma`."""
    products = numpy.multiply(u, v, dtype=numpy.float64)
    rounded = products.astype(f32)
    if (rounded == products).all():  # (exact products, as with a gradient of ones: plain sums)
        return _sum_of_blocks(rounded)
    products = _thread_blocks(products)
    sums = numpy.empty(products.shape)
    before = numpy.empty(products.shape, f32)  # (the running sum before each step)
    acc = numpy.full(products.shape[1:], -0.0, f32)
    for i in range(products.shape[0]):
        before[i] = acc
        numpy.add(products[i], acc, out=sums[i])
        acc = sums[i].astype(f32)
    halfway = _halfway(sums)
    if some(halfway):
        with numpy.errstate(invalid="ignore", over="ignore"):
            kept = sums - products
            lost = (products - (sums - kept)) + (before - kept)
        redo = (halfway & (lost != 0) & numpy.isfinite(sums)).any(axis=0)
        if some(redo):
            exact = numpy.full(products.shape[1:], -0.0, f32)[redo]
            for i in range(products.shape[0]):
                exact = fma(products[i][redo], f32(1), exact)
            acc[redo] = exact
    return numpy.cumsum(acc, axis=0, dtype=f32)[-1] + f32(0)  # (from +0: a -0 sum is +0)


def backward(grad: Any, x: Any, mean: Any, rstd: Any, weight: Any,
             needs: tuple[bool, bool, bool]) -> tuple[Any, Any, Any]:
    """(∂L/∂x, ∂L/∂w, ∂L/∂b) of layer norm over the rows of ``x`` (None where not needed, or
    where there is no weight), rounded as PyTorch's kernel rounds them."""
    with numpy.errstate(all="ignore"):
        return _backward(grad, x, mean, rstd, weight, needs)


def _backward(grad: Any, x: Any, mean: Any, rstd: Any, weight: Any,
              needs: tuple[bool, bool, bool]) -> tuple[Any, Any, Any]:
    size = x.shape[1]
    a = rstd[:, None]
    grad_x = grad_w = grad_b = None
    if needs[0]:
        if weight is None:
            ds = lane_sum(grad * x, (grad, x), LANES)
            db = lane_sum(grad, None, LANES)
        else:
            w = numpy.broadcast_to(weight, x.shape)
            ds = lane_sum(grad * x * weight, (grad * x, w), LANES)
            db = lane_sum(grad * weight, (grad, w), LANES)
        scale = f32(1) / f32(size)
        b = fma(db, mean, -ds) * rstd * rstd * rstd * scale
        c = fma(-b, mean, -(db * rstd * scale))
        dy_term = a * grad * weight if weight is not None else a * grad
        grad_x = fma(b[:, None], x, dy_term) + c[:, None]
    if needs[1] and weight is not None:
        x_hat = fma(a, x, (-rstd * mean)[:, None])
        grad_w = _fused_sum_of_blocks(grad, x_hat)
    if needs[2]:
        grad_b = _sum_of_blocks(grad)
    return grad_x, grad_w, grad_b
