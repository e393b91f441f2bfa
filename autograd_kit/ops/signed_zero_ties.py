"""Which zero PyTorch's CPU maximum/minimum return when +0 meets -0.

The two zeros compare equal, so the result is whichever operand the kernel hands back on a
tie: the scalar loop (``std::max``-like) gives the first operand ``a``; the vector loop
(``_mm256_max_ps(a, b)`` and friends) gives the second, ``b``. TensorIterator runs the
vector loop two vectors (2 × 32 bytes: these kernels run their AVX2 build on an AVX-512
machine too, see cpu_capability.py) at a time over each contiguous row of the
output (operands contiguous along it, or one number repeated), from the start of each
thread's piece of it, and the scalar loop on what is left; rows with a strided operand run
the scalar loop only. (NumPy gives ``b`` for float32 and float64, ``a`` for float16.)
"""

from __future__ import annotations

from typing import Any

import numpy

from ..cpu_capability import AVX2_FLOAT_LANES

_GRAIN = 32768  # at::internal::GRAIN_SIZE
# bytes the vector loop takes at a time: two AVX2 vectors (maximum/minimum have no AVX-512 build)
BLOCK_BYTES = 2 * AVX2_FLOAT_LANES * 4


def zero_ties(out: Any, x: Any, y: Any) -> Any:
    """``out`` (NumPy's maximum or minimum of x and y) with PyTorch's zero where x and y are
    zeros of different signs."""
    if type(out) is not numpy.ndarray or out.dtype.kind != "f" or x.dtype != y.dtype or (
            x.dtype != out.dtype) or not out.size:
        return out
    a, b = numpy.broadcast_to(x, out.shape), numpy.broadcast_to(y, out.shape)
    ties = (a == 0) & (b == 0) & (numpy.signbit(a) != numpy.signbit(b))
    if not ties.any():
        return out
    vector = _vector_positions(a, b, out.itemsize)
    fixed = numpy.where(ties, numpy.where(vector, b, a), out)
    return fixed.astype(out.dtype, copy=False).reshape(out.shape)


def _row_length(a: Any, b: Any) -> int:
    """The length of the output rows the vector loop runs along (0: none), as
    TensorIterator coalesces the trailing dims where both operands step through memory
    contiguously or stay on one number."""
    length, steps = 1, [a.itemsize, a.itemsize]
    for dim in range(a.ndim - 1, -1, -1):
        size = a.shape[dim]
        if size == 1:
            continue
        fits = all(arr.strides[dim] in (0, step) if length == 1 else
                   arr.strides[dim] == step for arr, step in zip((a, b), steps))
        if not fits:
            return length if length > 1 else 0
        steps = [arr.strides[dim] * size for arr in (a, b)]
        length *= size
    return length


def _vector_positions(a: Any, b: Any, itemsize: int) -> Any:
    """Where (in the output's row-major order) PyTorch's vector loop computes."""
    from ..global_settings import get_num_threads

    n, row = a.size, _row_length(a, b)
    if row < 2:
        return numpy.zeros(a.shape, bool)
    block = BLOCK_BYTES // itemsize
    threads = min(get_num_threads(), -(-n // _GRAIN)) if n > _GRAIN else 1
    size = -(-n // threads)
    i = numpy.arange(n)
    chunk_start = i // size * size
    chunk_end = numpy.minimum(chunk_start + size, n)
    piece_start = numpy.maximum(chunk_start, i // row * row)
    piece_end = numpy.minimum(chunk_end, (i // row + 1) * row)
    whole = (piece_end - piece_start) // block * block
    return ((i - piece_start) < whole).reshape(a.shape)
