"""PyTorch's float32 2-norm along the last dim (or of a whole contiguous tensor), to the last
bit: the loop of its ``norm`` kernel (``binary_kernel_reduce_lastdim``), which differs from
``sum``'s order.

For each row x of n values: 8 running sums, one per lane of an AVX2 vector, take x·x a vector
at a time (a product rounded, then added: no fused multiply-add); the lanes are added left to
right; the last n % 8 values follow one by one, the first 4 of them (when there are 4 or more)
as a rounded square then an addition, the rest as one fused multiply-add each (the code the
compiler made of that loop); then the square root.
"""

from __future__ import annotations

from typing import Any

import numpy

from .norm_order import half_in_float32
from .sleef_float32 import fma

f32 = numpy.float32
LANES = 8


def _sum_of_squares(rows: numpy.ndarray) -> numpy.ndarray:
    n = rows.shape[-1]
    full = n - n % LANES
    lanes = numpy.zeros(rows.shape[:-1] + (LANES,), f32)
    for start in range(0, full, LANES):
        block = rows[..., start:start + LANES]
        lanes += block * block
    total = lanes[..., 0].copy()
    for j in range(1, LANES):
        total += lanes[..., j]
    plain = 4 if n - full >= 4 else 0
    for d in range(full, n):
        v = rows[..., d]
        total = total + v * v if d - full < plain else fma(v, v, total)
    return total


def norm2(data: Any, dims: tuple[int, ...] | None, keepdim: bool) -> Any:
    """‖x‖₂ over ``dims`` as PyTorch computes it, for a C-contiguous float32 NumPy array
    reduced over its last dim or over everything; None otherwise (the caller's formula).
    float16 is summed in float32 and rounded once, as PyTorch accumulates it."""
    if type(data) is numpy.ndarray and data.dtype == numpy.float16:
        return half_in_float32(data, lambda wide: norm2(wide, dims, keepdim),
                               lambda wide: numpy.sqrt((wide * wide).sum(axis=dims,
                                                                         keepdims=keepdim)))
    if not (type(data) is numpy.ndarray and data.dtype == f32 and data.flags.c_contiguous
            and data.size and data.ndim):
        return None
    every = dims is None or sorted(dims) == list(range(data.ndim))
    if every:
        out = numpy.sqrt(_sum_of_squares(data.reshape(1, -1)))[0]
        return out.reshape((1,) * data.ndim) if keepdim else out
    if tuple(dims) != (data.ndim - 1,):
        return None
    out = numpy.sqrt(_sum_of_squares(data))
    return out[..., None] if keepdim else out
