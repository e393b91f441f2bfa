"""PyTorch's CPU variance, in its own order of operations, so that var, std, var_mean and
std_mean give its bits.

- Over some dimensions (several results), PyTorch runs Welford's algorithm in double for
  each result, the values taken in memory order:
      n ← n + 1,  δ = x - mean,  mean ← mean + δ / n,  M2 ← M2 + δ · (x - mean)
  then var = M2 / (n - correction) (var_mean's mean is Welford's mean). `welford`.
- Over everything (one result; var and std, not var_mean), it takes the mean as torch.mean
  gives it, then adds (x - mean)² in double one after another, in memory order, in blocks
  of the two innermost (coalesced) dimensions. `square_sum_in_order`.

A two-pass NumPy formula (centered values summed pairwise) differs in the last bits.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from .preserved_layout import preserved_order

LONGEST_LOOP = 1024  # values per result walked one by one (longer: NumPy's two passes, about
# 10 µs a value is too slow for a learner's loop; the bits then differ in the last place)


def _walked(data: Any, dims: tuple[int, ...]) -> tuple[Any, list[int]]:
    """``data`` in double, the kept dimensions first, then the reduced ones from outer to
    inner in memory order, those flattened into one last axis; and the kept shape."""
    outer_to_inner = preserved_order(data.shape, data.strides)[::-1]
    reduced = [d for d in outer_to_inner if d in dims]
    kept = [d for d in range(data.ndim) if d not in dims]
    kept_shape = [data.shape[d] for d in kept]
    moved = data.transpose(kept + reduced).astype(numpy.float64)
    count = math.prod(data.shape[d] for d in reduced)  # (not -1: kept_shape may hold a 0)
    return moved.reshape(*kept_shape, count), kept_shape


def welford(data: Any, dims: tuple[int, ...] | None) -> tuple[Any, Any] | None:
    """(mean, M2) over ``dims`` (None: all) in double, shaped with the reduced dimensions
    kept as size 1; None where the kit keeps NumPy's formula (not a CPU float array, no
    values, or more than LONGEST_LOOP values per result)."""
    if type(data) is not numpy.ndarray or data.dtype.kind != "f":
        return None
    dims = tuple(range(data.ndim)) if dims is None else dims
    count = math.prod(data.shape[d] for d in dims)
    if not count or count > LONGEST_LOOP:
        return None
    values, kept_shape = _walked(data, dims)
    values = numpy.ascontiguousarray(numpy.moveaxis(values, -1, 0))  # (one row per step)
    mean = numpy.zeros(kept_shape)
    m2 = numpy.zeros(kept_shape)
    delta = numpy.empty(kept_shape)
    step = numpy.empty(kept_shape)
    for i, x in enumerate(values):  # (in place: the same roundings, fewer arrays)
        numpy.subtract(x, mean, out=delta)
        numpy.divide(delta, float(i + 1), out=step)
        mean += step
        numpy.subtract(x, mean, out=step)
        step *= delta
        m2 += step
    kept_dims = [1 if d in dims else size for d, size in enumerate(data.shape)]
    return mean.reshape(kept_dims), m2.reshape(kept_dims)


def square_sum_in_order(data: Any, mean: float) -> float | None:
    """Σ (x - mean)² over all of ``data`` as PyTorch's all-reduce adds it (see above); None
    for what is not a CPU float array."""
    if type(data) is not numpy.ndarray or data.dtype.kind != "f":
        return None
    order = preserved_order(data.shape, data.strides)  # inner to outer
    block = _innermost_block(data, order)
    centered = data.transpose(order[::-1]).astype(numpy.float64).reshape(-1, block) - mean
    sums = numpy.add.accumulate(centered * centered, axis=1)[:, -1]
    return float(numpy.add.accumulate(sums)[-1])


def _innermost_block(data: Any, inner_to_outer: list[int]) -> int:
    """How many values one call of PyTorch's 2-D loop walks: the two innermost dimensions
    once neighbours that follow in memory are merged (all of a dense tensor)."""
    merged: list[int] = []  # sizes, inner to outer
    stride_next = None  # the stride the next dimension needs to merge
    for d in inner_to_outer:
        size, stride = data.shape[d], data.strides[d]
        if size == 1:
            continue
        if merged and stride == stride_next:
            merged[-1] *= size
        else:
            merged.append(size)
        stride_next = stride * size
    return max(math.prod(merged[:2]), 1)
