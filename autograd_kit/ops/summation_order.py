"""Floating-point sums added in PyTorch's CPU order, so results match bit for bit.

Floating-point addition is not associative: ``(a + b) + c`` and ``a + (b + c)`` can differ in
the last bit, and over thousands of values the differences add up. NumPy sums with *pairwise*
summation; PyTorch's CPU kernel (``aten/src/ATen/native/cpu/SumKernel.cpp``, ``cascade_sum``)
uses another order, so the same float32 numbers can give a different ``loss.item()``. This
module reproduces PyTorch's order with whole-array NumPy operations.

PyTorch's building blocks (float32 accumulates in float32, float64 in float64):

* **cascade** (``multi_row_sum``) sums ``n`` values in blocks of ``L = 2**max(4, ⌈log2 n⌉ // 4)``
  values, each block added one by one from 0. Block sums are added one by one into a level-1
  accumulator, which is emptied into level 2 every ``L`` blocks; level 2 into level 3 every
  ``L²`` blocks. The leftover values (less than a block) are added one by one from 0 and
  finally ``leftover + level1 + level2 + level3``. Several columns are summed side by side,
  each with its own accumulators.
* **row sum** (``row_sum``) reads a row as a ``(-1, 4)`` array (4 independent accumulators for
  instruction-level parallelism), cascades down each of the 4 columns, adds the few values
  that do not fill a row of 4 into the first, then ``s0 + s1 + s2 + s3``.
* **contiguous rows** (sum over the last dim, or of everything): the row is read in SIMD
  vectors of ``W`` lanes (32 bytes: 8 float32 / 4 float64); the vectors
  get a row sum (lane by lane), then ``0 + the last n % W values one by one + lane 0 + … +
  lane W-1``. Rows shorter than ``W`` get a plain row sum.
* **columns** (sum over another dim): groups of ``4·W`` neighbouring columns are cascaded down
  side by side, then groups of ``W`` and single columns get a row sum each (down the column).
* **big full sums** (32768 values or more, several threads): each thread sums its contiguous
  chunk as above, then the per-thread results are summed the same way.

Every result is finally added to an output that starts at 0, so a sum of ``-0.0`` is ``0.0``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..global_settings import get_num_threads

GRAIN_SIZE = 32768  # at::internal::GRAIN_SIZE: below this PyTorch reduces on one thread


# PyTorch's sum kernel works on 32-byte SIMD vectors (AVX2 width; its AVX512 build of this
# kernel is not the one dispatched), so 8 float32 or 4 float64 lanes.
VECTOR_BYTES = 32


def _lanes(dtype: Any) -> int:
    return VECTOR_BYTES // np.dtype(dtype).itemsize


def one_by_one(values: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    """``start + v[0] + v[1] + …`` along axis 0, left to right (start defaults to 0). Small
    blocks take the last row of a running sum (NumPy's ``cumsum`` adds strictly in order, in
    the data's type: one call); big ones a loop of whole-row additions (no big temporary)."""
    rows = values.shape[0]
    if rows == 0:
        return np.zeros(values.shape[1:], values.dtype) if start is None else start.copy()
    first = values[0] + (values.dtype.type(0) if start is None else start)  # (-0.0 → 0.0)
    if rows == 1:
        return first
    if values.size <= _RUNNING_SUM_LIMIT:
        running = values.copy()
        running[0] = first
        return np.cumsum(running, axis=0)[-1]
    for i in range(1, rows):
        first += values[i]
    return first


_RUNNING_SUM_LIMIT = 1 << 16  # values: above this the loop is cheaper than the temporary


def cascade(values: np.ndarray) -> np.ndarray:
    """PyTorch's ``multi_row_sum``: the 4-level cascade down axis 0, each column on its own."""
    n = values.shape[0]
    ceil_log2 = 1 if n <= 2 else int(n - 1).bit_length()
    step = 1 << max(4, ceil_log2 // 4)
    levels = []  # partial sums still held in levels 1, 2 (emptied upward every `step` items)
    sums = values
    while len(levels) < 3 and sums.shape[0] >= step:  # (an empty level adds only zeros)
        full = sums.shape[0] // step * step
        levels.append(sums[full:])
        grouped = sums[:full].reshape((full // step, step) + sums.shape[1:])
        sums = one_by_one(grouped.swapaxes(0, 1))
    levels.append(sums)
    # leftover values + leftover block sums + leftover groups + the top level, in that order
    total = one_by_one(levels[0])
    for level in levels[1:]:
        total = total + one_by_one(level)
    return total


def row_sum(values: np.ndarray) -> np.ndarray:
    """PyTorch's ``row_sum`` down axis 0: 4 interleaved cascades, then s0 + s1 + s2 + s3."""
    n = values.shape[0]
    full = n // 4 * 4
    parts = cascade(values[:full].reshape((n // 4, 4) + values.shape[1:]))
    first = one_by_one(values[full:], parts[0])
    return ((first + parts[1]) + parts[2]) + parts[3]


def inner_sum(rows: np.ndarray) -> np.ndarray:
    """Sum each row of a 2-D array (rows contiguous) as ``vectorized_inner_sum`` does."""
    count, n = rows.shape
    width = _lanes(rows.dtype)
    if n < width:
        return row_sum(rows.T)
    vectors = n // width
    body = rows[:, :vectors * width].reshape(count, vectors, width)
    lanes = row_sum(body.swapaxes(0, 1))  # (count, width)
    total = one_by_one(rows[:, vectors * width:].T)
    return one_by_one(lanes.T, total)


def outer_sum(block: np.ndarray) -> np.ndarray:
    """Sum down axis 0 of ``(n, …, columns)`` as ``*_outer_sum`` does (columns contiguous)."""
    columns = block.shape[-1]
    width = _lanes(block.dtype) if columns >= _lanes(block.dtype) else 1
    grouped = columns // (4 * width) * 4 * width
    out = np.empty(block.shape[1:], block.dtype)
    out[..., :grouped] = cascade(block[..., :grouped])
    out[..., grouped:] = row_sum(block[..., grouped:])
    return out


def full_sum(flat: np.ndarray) -> np.ndarray:
    """Sum of a 1-D contiguous array as ``torch.sum`` (split over threads when large)."""
    n = flat.shape[0]
    most = get_num_threads()  # (PyTorch's thread count: set_num_threads changes it too)
    threads = min(most, -(-n // GRAIN_SIZE))
    if n < GRAIN_SIZE or threads <= 1:
        return inner_sum(flat[None, :])[0]
    chunk = -(-n // threads)
    partial = np.zeros(most, flat.dtype)
    for t, begin in enumerate(range(0, n, chunk)):
        partial[t] += inner_sum(flat[None, begin:begin + chunk])[0]
    return inner_sum(partial[None, :])[0]


def _memory_order(data: np.ndarray) -> tuple[int, ...] | None:
    """The axis order that makes ``data`` C-contiguous (a transposed view), or None."""
    axes = sorted(range(data.ndim), key=lambda a: (-data.strides[a], a))
    view = data.transpose(axes)
    return tuple(axes) if view.flags.c_contiguous else None


def torch_order_sum(data: np.ndarray, dims: tuple[int, ...] | None,
                    keepdim: bool) -> np.ndarray | None:
    """``data`` summed over ``dims`` in PyTorch's order, or None where that order is not known.

    Covered (float32/float64): everything summed, of a contiguous or transposed array; dims
    side by side (one dim, or a run like ``(1, 2)``) summed, of a C-contiguous array.
    """
    if (not isinstance(data, np.ndarray) or data.dtype not in (np.float32, np.float64)
            or data.size == 0):
        return None
    kept = [s for d, s in enumerate(data.shape) if dims is not None and d not in dims]
    shape = tuple(1 if dims is None or d in dims else s for d, s in enumerate(data.shape))
    out_shape = shape if keepdim else tuple(kept)
    if all(data.shape[d] == 1 for d in dims or ()) and dims is not None and kept:
        return (data + data.dtype.type(0)).reshape(out_shape)  # nothing is added up
    if int(np.prod(kept, dtype=np.int64)) == 1:  # one output value: a full sum
        order = _memory_order(data)  # PyTorch reads a transposed tensor in memory order
        if order is None:
            return None
        return np.asarray(full_sum(data.transpose(order).reshape(-1))).reshape(out_shape)
    if not data.flags.c_contiguous:  # PyTorch's loop order differs there: NumPy's order
        return None
    first, last = dims[0], dims[-1]
    if last - first + 1 != len(dims):  # reduced dims not side by side: NumPy's order
        return None
    before = int(np.prod(data.shape[:first], dtype=np.int64))
    after = int(np.prod(data.shape[last + 1:], dtype=np.int64))
    n = int(np.prod(data.shape[first:last + 1], dtype=np.int64))
    if after == 1:
        out = inner_sum(data.reshape(before, n))
    else:
        out = outer_sum(data.reshape(before, n, after).transpose(1, 0, 2))
    return out.reshape(out_shape)


def sum_like_torch(data: Any, dims: tuple[int, ...] | None, keepdim: bool) -> Any:
    """``data.sum(dims)`` in PyTorch's order where it is known (see above), else NumPy's."""
    out = torch_order_sum(data, dims, keepdim)
    return data.sum(axis=dims, keepdims=keepdim) if out is None else out


def mean_like_torch(data: Any, dims: tuple[int, ...] | None, keepdim: bool) -> Any:
    """PyTorch's CPU mean: the sum above divided by the count, in the data's type."""
    out = torch_order_sum(data, dims, keepdim)
    if out is None:
        return data.mean(axis=dims, keepdims=keepdim)
    count = data.size // max(out.size, 1)
    return out / data.dtype.type(count)
