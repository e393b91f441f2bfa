"""The values of a floating-point ``arange``, to the last bit of PyTorch's CPU kernel.

PyTorch does not compute ``start + i * step`` for every element. Its kernel
(``RangeFactoriesKernel.cpp``) fills the output with SIMD vectors of 32 bytes (8 float32,
4 float64, 16 float16 lanes), two vectors per turn; each vector starts from

    base = (scalar type) fma(step, i, start)          in the accumulation type

and its lanes are ``fma(k, step, base)`` (k = 0 … lanes - 1), rounded to the scalar type
(the compiler fuses each multiply-add). What is left after the last pair of vectors is
``fma(step, i, start)`` one element at a time. So
``arange(-1, 1, 0.1)`` has -2.9802e-09 at index 10 (base -0.2 rounded to float32, plus
2 * 0.1), not the -2.2204e-16 of float64 arithmetic.

The accumulation type is float64 for float32 and float64, float32 for float16. Ranges longer
than PyTorch's grain (32768) are split among threads in its kernel; they are computed here
as one piece.
"""

from __future__ import annotations

from typing import Any

import numpy

from .random import fused_multiply_add


def float_arange(xp: Any, start: float, step: float, count: int, dtype: Any) -> Any:
    """``count`` values of ``arange(start, …, step)`` as ``dtype`` (a NumPy float dtype)."""
    dtype = numpy.dtype(dtype)
    acc = numpy.float32 if dtype == numpy.float16 else numpy.float64
    lanes = 32 // dtype.itemsize
    vectorized = count // (2 * lanes) * (2 * lanes)
    start, step = acc(start), acc(step)
    index = xp.arange(count, dtype=acc)
    scalar = fused_multiply_add(index[vectorized:], step, start).astype(dtype)  # one at a time
    bases = fused_multiply_add(index[:vectorized:lanes], step, start).astype(dtype).astype(acc)
    lane = xp.broadcast_to(xp.arange(lanes, dtype=acc), (len(bases), lanes))
    vector = fused_multiply_add(lane, step, bases[:, None]).astype(dtype).reshape(-1)
    return xp.concatenate([vector, scalar])
