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

How this is kept fast (the order above is unchanged by any of it):

* ``np.add.reduce`` down axis 0 adds row after row, each column on its own, when the last
  axis is contiguous and holds 2 values or more: NumPy sums pairwise only along its innermost
  loop, which is then that last axis. Other layouts use ``np.add.accumulate`` (strictly left
  to right) or, for big arrays, a loop of row additions; big strided views are copied first
  (see ``chain``). Runs of 4 vectors are cascaded as rows of ``4·W`` columns side by side.
* The start ``0`` of each running sum is left out and added once, at the very end: a sum is
  ``-0.0`` only when every term is ``-0.0``, so ``0 + a + b`` and ``a + b`` differ at most in
  the sign of a zero, and the final ``0 + …`` makes every zero ``0.0`` in both.
* How an array of a given shape, layout and ``dims`` is cut up (memory order, the 2-D or 3-D
  view, the output shape) is worked out once and cached (``_frame``), and bound into a
  function per layout, dtype and ``dims`` (``_summer``, bounded caches). A small full sum (one
  cascade level at most) also keeps its cuts (``_RowPlan``, ``_row_summer``) and a column sum
  under 256 rows its own (``_columns_summer``): a few NumPy calls, no Python steps between.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

from ..global_settings import get_num_threads

GRAIN_SIZE = 32768  # at::internal::GRAIN_SIZE: below this PyTorch reduces on one thread


# PyTorch's sum kernel works on 32-byte SIMD vectors (AVX2 width; its AVX512 build of this
# kernel is not the one dispatched), so 8 float32 or 4 float64 lanes.
VECTOR_BYTES = 32

_RUNNING_SUM_LIMIT = 1 << 16  # values: above this a loop is cheaper than a running sum
_COPY_FROM = 1 << 12  # values: a strided view this big, in runs shorter than _SHORT_RUN,
_SHORT_RUN = 64  # is copied before it is added up (NumPy then adds long runs)
_FEW_ROWS = 16  # (unless it has this many rows or fewer: see ``chain``)
_ZERO = {"f": np.float32(0), "d": np.float64(0)}  # the output PyTorch adds the result to
_ITEMSIZE = {"f": 4, "d": 8}


def _lanes(dtype: Any) -> int:
    return VECTOR_BYTES // np.dtype(dtype).itemsize


def chain(values: np.ndarray) -> np.ndarray:
    """``v[0] + v[1] + …`` along axis 0, left to right, without the start 0 (see the module
    notes; at least one row; a view of ``values`` when it has one row). ``np.add.reduce``
    adds row after row when NumPy's innermost loop is not the summed axis: when the last axis
    is contiguous and holds 2 values or more (views of C-contiguous arrays: no other axis has
    so small a stride). A big strided view is copied first (NumPy's loop then runs over whole
    rows), or added row by row if it has few rows; a column takes a running sum, in order.
    """
    rows = values.shape[0]
    if rows == 1:
        return values[0]
    if rows == 2:
        return values[0] + values[1]
    few_strided = False  # (few rows of a big strided view: added in turn, none copied)
    if values.ndim > 1 and values.shape[-1] > 1:
        if (values.size >= _COPY_FROM and values.shape[-1] < _SHORT_RUN
                and not values.flags.c_contiguous):
            few_strided = rows <= _FEW_ROWS
            values = values if few_strided else np.ascontiguousarray(values)
        if values.strides[-1] == values.itemsize and not few_strided:
            return np.add.reduce(values, axis=0)
    if values.size <= _RUNNING_SUM_LIMIT and not few_strided:
        return np.add.accumulate(values, axis=0)[-1]
    total = np.add(values[0], values[1], order="C" if few_strided else "K")  # (as if copied)
    for i in range(2, rows):
        total += values[i]
    return total


def one_by_one(values: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    """``start + v[0] + v[1] + …`` along axis 0, left to right (start defaults to 0; a
    ``-0.0`` total is then ``0.0``). Always a new array."""
    if values.shape[0] == 0:
        return np.zeros(values.shape[1:], values.dtype) if start is None else start.copy()
    if start is None:
        return chain(values) + values.dtype.type(0)
    if values.shape[0] <= 4:
        total = start + values[0]
        for value in values[1:]:
            total = total + value
        return total
    return chain(np.concatenate((np.asarray(start, values.dtype)[None], values)))


def _block_length(n: int) -> int:
    """``L = 2**max(4, ⌈log2 n⌉ // 4)``: the cascade's block length for ``n`` values."""
    ceil_log2 = 1 if n <= 2 else (n - 1).bit_length()
    return 1 << max(4, ceil_log2 // 4)


def cascade(values: np.ndarray) -> np.ndarray:
    """PyTorch's ``multi_row_sum``: the 4-level cascade down axis 0, each column on its own."""
    n = values.shape[0]
    if n == 0:
        return np.zeros(values.shape[1:], values.dtype)
    step = 16 if n <= 1 << 19 else _block_length(n)  # (2**max(4, 19 // 4) = 16)
    if n < step:  # a single block
        return chain(values)
    columns = values.shape[1:]
    # leftover values + leftover block sums + leftover groups + the top level, in that
    # order (a level that leaves nothing over adds only a zero: skipped)
    parts = []
    sums = values
    for _ in range(3):  # levels 1, 2, 3
        rows = sums.shape[0]
        if rows < step:
            break
        full = rows // step * step
        if full < rows:
            parts.append(chain(sums[full:]))
        if full == step:  # a single block: its sum is the top level
            sums = sums[:step]
            break
        blocks = sums[:full].reshape((full // step, step) + columns)
        sums = chain(blocks.swapaxes(0, 1))  # each block added one by one
    parts.append(chain(sums))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def row_sum(values: np.ndarray) -> np.ndarray:
    """PyTorch's ``row_sum`` down axis 0: 4 interleaved cascades, then s0 + s1 + s2 + s3."""
    n = values.shape[0]
    if n < 4:  # the 4 cascades are empty (zeros): the few values into s0, one by one
        return chain(values) if n else np.zeros(values.shape[1:], values.dtype)
    full = n // 4 * 4
    parts = cascade(values[:full].reshape((n // 4, 4) + values.shape[1:]))
    if full == n:
        return chain(parts)  # ((s0 + s1) + s2) + s3
    first = parts[0]
    for value in values[full:]:  # the values that do not fill a row of 4, into s0
        first = first + value
    return ((first + parts[1]) + parts[2]) + parts[3]


def inner_sum(rows: np.ndarray) -> np.ndarray:
    """Sum each row of ``(count, n)`` as ``vectorized_inner_sum`` does (rows contiguous); a
    single row may come as ``(n,)`` (fewer dimensions for NumPy: faster).

    A row is read as W-lane vectors; ``row_sum`` down the vectors keeps 4 accumulators per
    lane (vectors 4r, 4r+1, 4r+2, 4r+3), so each run of 4 vectors is one row of ``4·W``
    columns cascaded side by side. Then, per lane, s0 (+ the last vectors that do not fill a
    run of 4) + s1 + s2 + s3; finally ``0 + the last n % W values + lane 0 + … + lane W-1``.
    (``swapaxes(0, -2)`` brings the vectors' axis first, and does nothing for one row.)
    """
    lead, n = rows.shape[:-1], rows.shape[-1]
    width = VECTOR_BYTES // rows.itemsize
    if n < width:
        return row_sum(rows.T)
    vectors = n // width
    if vectors < 4:  # the 4 cascades are empty: the vectors into s0, one by one
        body = rows[..., :vectors * width].reshape((*lead, vectors, width))
        lanes = chain(body.swapaxes(0, -2))
    else:
        fours = vectors // 4 * 4
        runs = rows[..., :fours * width].reshape((*lead, vectors // 4, 4 * width))
        parts = cascade(runs.swapaxes(0, -2)).reshape((*lead, 4, width))  # s0 … s3 per lane
        if fours == vectors:
            lanes = chain(parts.swapaxes(0, -2))  # ((s0 + s1) + s2) + s3
        else:
            first = parts[..., 0, :]
            for start in range(fours * width, vectors * width, width):
                first = first + rows[..., start:start + width]
            lanes = ((first + parts[..., 1, :]) + parts[..., 2, :]) + parts[..., 3, :]
    if vectors * width < n:
        lanes = np.concatenate((rows[..., vectors * width:], lanes), axis=-1)
    if lanes.ndim == 1:  # one row: its running sum (lanes.T would be lanes itself)
        return np.add.accumulate(lanes)[-1]
    return chain(lanes.T)  # 0 + the last n % W values + lane 0 + … + lane W-1, per row


class _RowPlan(NamedTuple):
    """One contiguous row added up as ``inner_sum`` does, its cuts worked out once. Only for
    rows whose runs of 4 vectors make less than 16 blocks of 16 (``4 ≤ vectors``, ``runs <
    256``: up to 8191 float32 or 4095 float64 values), so that the cascade has one level at
    most: the runs that do not fill a block, then the block sums (each block one by one)."""

    width: int  # W: lanes per vector
    runs: int  # runs of 4 vectors: the (runs, 4·W) grid cascaded side by side
    blocks: int  # whole blocks of 16 runs
    extra: tuple[int, ...]  # where the vectors after the last run of 4 start (into s0)
    body: int  # vectors · W: where the last n % W values start


def _row_plan(n: int, itemsize: int) -> _RowPlan | None:
    width = VECTOR_BYTES // itemsize
    vectors = n // width
    runs = vectors // 4
    if vectors < 4 or runs >= 16 * 16:
        return None
    extra = tuple(range(runs * 4 * width, vectors * width, width))
    return _RowPlan(width, runs, runs // 16, extra, vectors * width)


def _small_row_sum(row: np.ndarray, plan: _RowPlan) -> np.ndarray:
    """``inner_sum(row)`` on its ``_RowPlan``: the same additions, fewer Python steps (``row``
    may come in any shape whose row-major order is the row's: a loss's (64, 10))."""
    return _row_summer(plan)(row)


@lru_cache(maxsize=256)
def _row_summer(plan: _RowPlan) -> Callable[[np.ndarray], Any]:
    """``_small_row_sum`` for one plan, its cuts bound in (in a training step this code runs
    cold: every NumPy view or Python step made costs a fraction of a microsecond).

    When the runs of 4 vectors take every value, one reshape makes the grid of runs.
    """
    width, runs, blocks, extra, body = plan
    cut = runs * 4 * width
    grid_shape = (runs, 4 * width)
    lanes_shape = (4, width)
    ends = tuple((start, start + width) for start in extra)
    whole = cut == body and not extra  # the runs take every vector
    if blocks == 0 and runs == 1:  # one run: s0 … s3 are its 4 vectors (a view: not written)
        def cascaded(grid: np.ndarray) -> np.ndarray:
            return grid[0]
    elif blocks == 0:
        def cascaded(grid: np.ndarray) -> np.ndarray:
            return _rows_down(grid)
    else:
        def cascaded(grid: np.ndarray) -> np.ndarray:
            return _one_level_cascade(grid, blocks)

    def total(row: np.ndarray) -> Any:
        if whole and body == row.size:
            parts = cascaded(row.reshape(grid_shape)).reshape(lanes_shape)
        else:
            if row.ndim != 1:
                row = row.reshape(-1)
            parts = cascaded(row[:cut].reshape(grid_shape)).reshape(lanes_shape)
        if ends:
            first = parts[0]
            for start, stop in ends:  # the vectors after the last run of 4, into s0
                first = first + row[start:stop]
            lanes = ((first + parts[1]) + parts[2]) + parts[3]
        else:
            lanes = np.add.reduce(parts, 0)  # ((s0 + s1) + s2) + s3
        if body < row.size:  # (row is 1-D here)
            lanes = np.concatenate((row[body:], lanes))
        return np.add.accumulate(lanes)[-1]  # 0 + the last n % W values + lane 0 + …

    return total


def _one_level_cascade(grid: np.ndarray, blocks: int) -> np.ndarray:
    """``cascade(grid)`` down axis 0 with less than 16 ``blocks`` of 16 rows (one level at
    most): the rows after the whole blocks, added one by one, then the sum of the block sums
    (each block added one by one). ``grid``: a view of a C-contiguous array whose last axis
    is whole and holds 2 values or more (NumPy then adds row after row, see ``chain``)."""
    whole = blocks * 16
    if blocks == 0:  # less than a block
        return _rows_down(grid)
    if blocks == 1:  # a single block: its sum is the top level
        sums = np.add.reduce(grid[:16], 0)
    else:
        blocked = grid[:whole].reshape((blocks, 16) + grid.shape[1:])
        sums = _rows_down(np.add.reduce(blocked, 1))
    return sums if whole == grid.shape[0] else _rows_down(grid[whole:]) + sums


def _rows_down(rows: np.ndarray) -> np.ndarray:
    """``chain`` of the rows of a C-contiguous 2-D array: ``np.add.reduce`` down axis 0 adds
    them one after another (NumPy's innermost loop runs along each row)."""
    count = rows.shape[0]
    if count == 1:
        return rows[0]
    if count == 2:
        return rows[0] + rows[1]
    return np.add.reduce(rows, 0)


def outer_sum(block: np.ndarray) -> np.ndarray:
    """Sum down axis 0 of ``(n, …, columns)`` as ``*_outer_sum`` does (columns contiguous)."""
    columns = block.shape[-1]
    width = _lanes(block.dtype) if columns >= _lanes(block.dtype) else 1
    grouped = columns // (4 * width) * 4 * width
    if grouped == columns:
        return cascade(block)
    if grouped == 0:
        return row_sum(block)
    out = np.empty(block.shape[1:], block.dtype)
    out[..., :grouped] = cascade(block[..., :grouped])
    out[..., grouped:] = row_sum(block[..., grouped:])
    return out


@lru_cache(maxsize=256)
def _columns_summer(n: int, columns: int, itemsize: int) -> Callable[[np.ndarray], Any] | None:
    """``outer_sum`` of a C-contiguous ``(n, columns)`` block, its cuts bound in, for n below
    256 rows (one cascade level: a bias gradient); None for other sizes. The columns after
    the groups of ``4·W`` get ``row_sum``: 4 interleaved one-level cascades down the rows
    ``4r + k`` (a ``(n // 4, 4, rest)`` view), then ``((s0 (+ the last n % 4 rows) + s1) + s2)
    + s3``; a single such column (or n < 4) takes ``row_sum`` itself."""
    lanes = VECTOR_BYTES // itemsize
    width = lanes if columns >= lanes else 1
    grouped = columns // (4 * width) * 4 * width
    rest, quarter = columns - grouped, n // 4
    if n >= 256 or (rest and grouped and (rest == 1 or n < 4)):
        return None
    if not rest:
        return lambda block: _one_level_cascade(block, n // 16)
    if rest == 1 or n < 4:  # (no grouped columns either)
        return row_sum
    blocks, full, view = quarter // 16, quarter * 4, (quarter, 4, rest)
    leftover = tuple(range(full, n))

    def rest_sum(values: np.ndarray) -> np.ndarray:
        parts = _one_level_cascade(values[:full].reshape(view), blocks)  # s0 … s3
        if not leftover:
            return np.add.reduce(parts, 0)  # ((s0 + s1) + s2) + s3
        first = parts[0]
        for row in leftover:  # the rows that do not fill a row of 4, into s0
            first = first + values[row]
        return ((first + parts[1]) + parts[2]) + parts[3]

    if not grouped:
        return rest_sum

    def total(block: np.ndarray) -> np.ndarray:
        out = np.empty(columns, block.dtype)
        out[:grouped] = _one_level_cascade(block[:, :grouped], n // 16)
        out[grouped:] = rest_sum(block[:, grouped:])
        return out

    return total


def full_sum(flat: np.ndarray) -> np.ndarray:
    """Sum of a 1-D contiguous array as ``torch.sum`` (split over threads when large)."""
    n = flat.shape[0]
    if n <= GRAIN_SIZE:  # one chunk: one thread
        return inner_sum(flat)
    most = get_num_threads()  # (PyTorch's thread count: set_num_threads changes it too)
    threads = min(most, -(-n // GRAIN_SIZE))
    if threads <= 1:
        return inner_sum(flat)
    chunk = -(-n // threads)
    whole = n // chunk  # chunks of full length, summed side by side as rows
    partial = np.zeros(most, flat.dtype)  # each thread's result, added to its 0
    partial[:whole] += inner_sum(flat[:whole * chunk].reshape(whole, chunk))
    if whole * chunk < n:
        partial[whole] += inner_sum(flat[whole * chunk:])
    return inner_sum(partial)


def _is_c_contiguous(shape: tuple[int, ...], strides: tuple[int, ...], itemsize: int) -> bool:
    """NumPy's C-contiguity flag from the layout alone (dims of size 1 do not count)."""
    expected = itemsize
    for size, stride in zip(reversed(shape), reversed(strides)):
        if size != 1 and stride != expected:
            return False
        expected *= size
    return True


class _Frame(NamedTuple):
    """How ``torch_order_sum`` cuts up arrays of one shape and layout for one ``dims``.

    kind: ``"copy"`` (nothing is added up), ``"full"`` (one output value: ``full_sum`` of the
    array read in memory order; ``"row"`` when it fits one thread: ``inner_sum`` of it, or
    ``"small"``: the same on the ``_RowPlan`` in ``row``),
    ``"rows"`` (``inner_sum`` of the ``(before, n)`` view), ``"columns"`` (``outer_sum`` of
    the ``(before, n, after)`` view, n moved first; ``(n, after)`` when before is 1), or
    ``"gaps"`` / ``"strided gaps"`` (reduced dims apart: see `_gaps_frame`).
    """

    kind: str
    axes: tuple[int, ...] | None  # "full": the transpose into memory order (None: as it is)
    view: tuple[int, ...]  # the 1-D / 2-D / 3-D shape to read the data as
    out_shape: tuple[int, ...]
    row: _RowPlan | None = None


@lru_cache(maxsize=1024)
def _frame(shape: tuple[int, ...], strides: tuple[int, ...], itemsize: int,
           dims: tuple[int, ...] | None, keepdim: bool) -> _Frame | None:
    """The ``_Frame`` for this layout and ``dims``, or None where PyTorch's order is unknown."""
    kept = [s for d, s in enumerate(shape) if dims is not None and d not in dims]
    reduced = tuple(1 if dims is None or d in dims else s for d, s in enumerate(shape))
    out_shape = reduced if keepdim else tuple(kept)
    if dims is not None and kept and all(shape[d] == 1 for d in dims):
        return _Frame("copy", None, (), out_shape)
    if all(s == 1 for s in kept):  # one output value: a full sum
        # PyTorch reads a transposed tensor in memory order
        axes = tuple(sorted(range(len(shape)), key=lambda a: (-strides[a], a)))
        ordered = [shape[a] for a in axes], [strides[a] for a in axes]
        if not _is_c_contiguous(*ordered, itemsize):
            return None
        axes = None if axes == tuple(range(len(shape))) else axes
        size = _product(shape)  # (up to GRAIN_SIZE values: one thread, one row)
        if size > GRAIN_SIZE:
            return _Frame("full", axes, (size,), out_shape)
        row = _row_plan(size, itemsize)
        return _Frame("row" if row is None else "small", axes, (size,), out_shape, row)
    if not _is_c_contiguous(shape, strides, itemsize):  # PyTorch's loop order differs there
        return None
    first, last = dims[0], dims[-1]
    if last - first + 1 != len(dims):  # reduced dims not side by side (x.mean((0, 2, 3)))
        return _gaps_frame(shape, dims, out_shape)
    return _run_frame(shape, first, last, out_shape)


def _run_frame(shape: tuple[int, ...], first: int, last: int,
               out_shape: tuple[int, ...]) -> _Frame:
    """The frame for the reduced dims ``first`` … ``last`` (side by side, or with only dims
    of size 1 between them) of a C-contiguous array."""
    before, n, after = (_product(shape[:first]), _product(shape[first:last + 1]),
                        _product(shape[last + 1:]))
    if after == 1:
        return _Frame("rows", None, (before, n), out_shape)
    return _Frame("columns", None, (n, after) if before == 1 else (before, n, after), out_shape)


def _gaps_frame(shape: tuple[int, ...], dims: tuple[int, ...],
                out_shape: tuple[int, ...]) -> _Frame | None:
    """The frame for reduced dims with kept dims between them, of a C-contiguous array (as
    `_run_frame` when, leaving out dims of size 1, the reduced ones are side by side).

    PyTorch's TensorIterator moves the reduced dims innermost (smallest stride first): the
    innermost run of reduced dims is a row, summed as ``inner_sum`` does when it ends at the
    last dim (contiguous) or as ``row_sum`` down a strided column otherwise; the other reduced
    dims then count rows, and each output adds its rows one by one, in memory order.
    ``view`` is (outputs, rows per output, row length) after the ``axes`` transpose."""
    sized = [d for d in range(len(shape)) if shape[d] != 1]
    reduced = [d for d in dims if shape[d] != 1]
    start = sized.index(reduced[-1])
    while start and sized[start - 1] in dims:
        start -= 1
    run = sized[start:sized.index(reduced[-1]) + 1]
    outer = [d for d in reduced if d not in run]
    if not outer:
        return _run_frame(shape, run[0], run[-1], out_shape)
    kept = [d for d in range(len(shape)) if d not in dims]
    units = [d for d in dims if shape[d] == 1]
    view = (_product(tuple(shape[d] for d in kept)), _product(tuple(shape[d] for d in outer)),
            _product(tuple(shape[d] for d in run)))
    contiguous = all(shape[d] == 1 for d in range(run[-1] + 1, len(shape)))
    return _Frame("gaps" if contiguous else "strided gaps", tuple(kept + outer + run + units),
                  view, out_shape)


def _product(sizes: tuple[int, ...]) -> int:
    total = 1
    for size in sizes:
        total *= size
    return total


def torch_order_sum(data: np.ndarray, dims: tuple[int, ...] | None,
                    keepdim: bool) -> np.ndarray | None:
    """``data`` summed over ``dims`` in PyTorch's order, or None where that order is not known.

    Covered (float32/float64): everything summed, of a contiguous or transposed array; dims
    side by side (one dim, or a run like ``(1, 2)``) or apart (``(0, 2, 3)``) summed, of a
    C-contiguous array.
    """
    if not isinstance(data, np.ndarray) or data.dtype.char not in _ZERO or data.size == 0:
        return None
    if dims is not None and type(dims) is not tuple:
        dims = tuple(dims)
    summer = _summer(data.shape, data.strides, data.dtype.char, dims, bool(keepdim), False)
    return None if summer is None else summer(data)


Summer = Callable[[np.ndarray], Any]


@lru_cache(maxsize=1024)
def _summer(shape: tuple[int, ...], strides: tuple[int, ...], char: str,
            dims: tuple[int, ...] | None, keepdim: bool, mean: bool) -> Summer | None:
    """The sum (or, with ``mean``, the mean) of arrays of this layout and dtype over ``dims``,
    as a function with every cut bound in (None where PyTorch's order is unknown): a training
    step sums the same shapes again and again, so this is worked out once per layout."""
    if char not in _ZERO or 0 in shape:
        return None
    frame = _frame(shape, strides, _ITEMSIZE[char], dims, keepdim)
    if frame is None:  # another layout (transposed, sliced, expanded): summation_layout.py
        from .summation_layout import layout_summer
        return layout_summer(shape, strides, char, dims, keepdim, mean)
    zero, out_shape = _ZERO[char], frame.out_shape
    total_of = _total_of(frame, _ITEMSIZE[char])
    if frame.kind == "small" and not out_shape:  # a scalar total: scalar arithmetic
        if not mean:
            return lambda data: np.asarray(total_of(data) + zero)
        divisor = zero.dtype.type(_product(shape))
        return lambda data: (total_of(data) + zero) / divisor

    def summed(data: np.ndarray) -> np.ndarray:
        out = np.asarray(total_of(data) + zero)  # (0 + …: never a -0.0 total)
        return out if out.shape == out_shape else out.reshape(out_shape)

    if not mean:
        return summed
    divisor = zero.dtype.type(_product(shape) // max(_product(out_shape), 1))
    return lambda data: summed(data) / divisor


def _total_of(frame: _Frame, itemsize: int) -> Callable[[np.ndarray], Any]:
    """The sum before PyTorch's final ``0 + …``, for the cuts of ``frame``."""
    kind, axes, view = frame.kind, frame.axes, frame.view
    if kind == "small":  # (the most common: a loss; read in memory order, see above)
        row_total = _row_summer(frame.row)
        if axes is None:
            return row_total
        return lambda data: row_total(data.transpose(axes))
    if kind == "row" or kind == "full":
        add_up = inner_sum if kind == "row" else full_sum
        if axes is None:
            return lambda data: add_up(data.reshape(view))
        return lambda data: add_up(data.transpose(axes).reshape(view))
    if kind == "rows":  # (many short rows: added as columns, see summation_columns.py)
        from .summation_columns import rows_summer
        return rows_summer(view)
    if kind == "columns":
        if len(view) == 2:
            columns = _columns_summer(*view, itemsize) or outer_sum
            return lambda data: columns(data.reshape(view))
        return lambda data: outer_sum(data.reshape(view).transpose(1, 0, 2))
    if kind in ("gaps", "strided gaps"):
        outputs, count, n = view
        row_total = inner_sum if kind == "gaps" else (lambda rows: row_sum(rows.T))
        return lambda data: chain(row_total(data.transpose(axes).reshape(outputs * count, n))
                                  .reshape(outputs, count).T)  # (each output's rows in turn)
    return lambda data: data  # "copy": nothing is added up


def sum_like_torch(data: Any, dims: tuple[int, ...] | None, keepdim: bool) -> Any:
    """``data.sum(dims)`` in PyTorch's order where it is known (see above), else NumPy's.
    float16 values are added in float32 and the sum rounded once, as PyTorch's kernel does
    (NumPy adds the rows of a column sum in float16, each step rounded)."""
    if type(data) is np.ndarray and data.dtype == np.float16:  # (summation_layout.py)
        from .summation_layout import half_sum
        return half_sum(data, dims, keepdim)
    if type(data) is np.ndarray and (dims is None or type(dims) is tuple):
        summer = _summer(data.shape, data.strides, data.dtype.char, dims, bool(keepdim), False)
        if summer is not None:
            return summer(data)
    out = torch_order_sum(data, dims, keepdim)
    return data.sum(axis=dims, keepdims=keepdim) if out is None else out


def mean_like_torch(data: Any, dims: tuple[int, ...] | None, keepdim: bool) -> Any:
    """PyTorch's CPU mean: the sum above divided by the count, in the data's type."""
    if type(data) is np.ndarray and (dims is None or type(dims) is tuple):
        summer = _summer(data.shape, data.strides, data.dtype.char, dims, bool(keepdim), True)
        if summer is not None:
            return summer(data)
    out = torch_order_sum(data, dims, keepdim)
    if out is None:
        return plain_mean(data, dims, keepdim)
    count = data.size // max(out.size, 1)
    return out / data.dtype.type(count)


def plain_mean(data: Any, dims: Any = None, keepdim: bool = False) -> Any:
    """``data.mean(dims)`` (NumPy's), quietly NaN over no values, as PyTorch's mean of an empty
    tensor (NumPy would warn 'Mean of empty slice' and 'invalid value encountered')."""
    if data.size:
        return data.mean(axis=dims, keepdims=keepdim)
    total = data.sum(axis=dims, keepdims=keepdim)
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / total.dtype.type(0)
