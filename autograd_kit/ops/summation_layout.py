"""PyTorch's summation order for any layout: transposed, permuted, sliced or expanded inputs.

``summation_order.py`` adds up C-contiguous arrays (and whole transposed ones) as PyTorch's CPU
kernel does. For other layouts PyTorch's order depends on the strides, because its
``TensorIterator`` (``aten/src/ATen/TensorIterator.cpp``) walks memory, not the logical shape:

1. **reorder**: the dims are sorted, fastest first. Reduced dims come before kept ones (the
   output has stride 0 there); reduced dims are sorted by the input's strides (an insertion
   sort; equal strides: the larger dim later; a stride 0 (expanded) decides nothing); kept
   dims by the output's strides, which is contiguous: so in their logical order, last first.
2. **coalesce**: neighbouring dims merge when ``size0 · stride0 == stride1`` for the input and
   the output alike (two reduced dims, or two kept dims next to each other in memory).
3. **loop**: ``cascade_sum`` (``SumKernel.cpp``) is called on the first two dims (``d0``,
   reduced, by ``d1``) for every index of the others. It picks one of four kernels:
   rows contiguous (``d0`` stride 1, at least W values: ``inner_sum`` of each row); columns
   contiguous (``d1`` stride 1, at least W columns: each column cascaded, in groups of
   ``4·W``, the columns after them ``row_sum``-ed); else strided rows (``d0`` stride smaller:
   ``row_sum`` of each row) or strided columns (columns cascaded in groups of 4, the rest
   ``row_sum``-ed). Each result is added to its output (which starts at 0): an output
   reached by several rows (``d1`` or an outer dim reduced too) adds them one by one, in
   the iterator's order.

Big reductions (``GRAIN_SIZE`` values or more, several threads) split the outermost kept dim
between threads; only the strided-columns kernel then sees other groups of 4 (each thread
groups its own columns). A big sum of everything is cut into one range of the iterator's
values per thread (``_threads_total``; a columns kernel, where an expanded dim is walked
first, groups each thread's whole rows from its first); where a thread's range spans several
planes of such a kernel, NumPy's order is kept here.

Here the data is first copied in the iterator's order (one NumPy copy), then added up with
``summation_order``'s whole-array helpers: no Python loop per value. Where every reduced dim
is expanded (stride 0: the gradient of ``out.sum()`` that a bias sums), each output adds
copies of one value: each distinct value is summed once, on a small array (``_copies_sum``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from ..global_settings import get_num_threads
from .preserved_layout import iterator_permutation
from .summation_columns import inner_sums_down, takes_columns
from .summation_order import (
    GRAIN_SIZE,
    VECTOR_BYTES,
    _one_level_cascade,
    cascade,
    chain,
    inner_sum,
    row_sum,
)


def cast_keeping_layout(data: np.ndarray, dtype: Any) -> np.ndarray:
    """``data`` in another dtype as PyTorch's ``x.to(dtype)`` lays it out (its reduction's
    order depends on that): its dims in the same memory order, without gaps (NumPy's
    ``order="K"``: a transposed array stays transposed); ``data`` itself in its own dtype."""
    return data if data.dtype == dtype else data.astype(dtype, order="K")


def forget_plans() -> None:
    """Drop the cached summers (``summation_order._summer``): a layout's plan here is split
    for the thread count of its time, so set_num_threads calls this when the count changes."""
    from .summation_order import _summer

    _summer.cache_clear()


def half_sum(data: np.ndarray, dims: tuple[int, ...] | None, keepdim: bool) -> np.ndarray:
    """A float16 sum as PyTorch's kernel: the values added in float32, the result rounded once
    to float16; but a big sum of everything split between threads rounds each thread's
    result to float16 first (its buffer has the output's dtype), then adds those."""
    from .summation_order import sum_like_torch

    wide = data.astype(np.float32)  # (order "K": the same memory order)
    threads, size = get_num_threads(), data.size
    everything = dims is None or len(set(dims)) == data.ndim
    if not (everything and size > GRAIN_SIZE and threads > 1):
        return sum_like_torch(wide, dims, keepdim).astype(np.float16)
    flat = wide.ravel(order="K")  # (the iterator's order)
    chunk = -(-size // min(threads, -(-size // GRAIN_SIZE)))
    partial = np.zeros(threads, np.float32)
    for thread, start in enumerate(range(0, size, chunk)):
        partial[thread] = np.float16(inner_sum(flat[start:start + chunk]) + np.float32(0))
    total = np.float16(inner_sum(partial) + np.float32(0))
    return np.full((1,) * data.ndim if keepdim else (), total, np.float16)


class _Dim(NamedTuple):
    """One dim of PyTorch's iterator: its size, the input's and the output's strides (in
    values; the output's is 0 where the dim is reduced)."""

    size: int
    stride: int
    out_stride: int


def iterator_dims(shape: tuple[int, ...], strides: tuple[int, ...],
                  reduced: frozenset[int]) -> list[_Dim]:
    """The dims PyTorch's reduction iterator walks, fastest first, after reordering and
    coalescing (dims of size 1 take part in the sort). ``strides`` in values."""
    return _walk(shape, strides, reduced)[0]


def _walk(shape: tuple[int, ...], strides: tuple[int, ...],
          reduced: frozenset[int]) -> tuple[list[_Dim], tuple[int, ...]]:
    """``iterator_dims``, and the array's dims in the order walked, slowest first (so that
    ``data.transpose(axes).reshape(sizes)`` views the data as the iterator walks it)."""
    out_stride, step = {}, 1
    for d in reversed(range(len(shape))):  # the output: contiguous over the kept dims
        out_stride[d] = 0 if d in reduced else step
        step *= 1 if d in reduced else shape[d]

    def should_swap(dim0: int, dim1: int) -> int:  # 1: dim0 goes after dim1
        out0, out1 = out_stride[dim0], out_stride[dim1]
        if (out0 == 0) != (out1 == 0):  # reduced dims first
            return 1 if out1 == 0 else -1
        for stride0, stride1 in ((out0, out1), (strides[dim0], strides[dim1])):
            if stride0 == 0 or stride1 == 0:  # (undecided: the next operand)
                continue
            if stride0 != stride1:
                return -1 if stride0 < stride1 else 1
            if shape[dim0] > shape[dim1]:
                return 1
        return 0

    perm = iterator_permutation(len(shape), should_swap)
    walked: list[_Dim] = []
    for d in perm:  # coalesced: a dim of size 1 merges with its neighbour (taking its strides)
        dim = _Dim(shape[d], strides[d], out_stride[d])
        if walked and (walked[-1].size == 1 or dim.size == 1 or all(
                walked[-1].size * first == then for first, then in (
                    (walked[-1].stride, dim.stride), (walked[-1].out_stride, dim.out_stride)))):
            strided = dim if walked[-1].size == 1 else walked[-1]
            walked[-1] = strided._replace(size=walked[-1].size * dim.size)
        else:
            walked.append(dim)
    return ([] if walked and walked[0].size == 1 else walked), tuple(reversed(perm))


def _product(sizes: Any) -> int:
    total = 1
    for size in sizes:
        total *= size
    return total


def _split_dim(walked: list[_Dim], threads: int) -> int:
    """``find_split_dim``: the outermost kept dim with a size of at least ``threads``, else
    the largest kept one (where a big reduction is shared out between threads)."""
    best = len(walked) - 1
    for index in range(len(walked) - 1, -1, -1):
        if walked[index].out_stride == 0:
            break
        if walked[index].size >= threads:
            return index
        if walked[index].size > walked[best].size:
            best = index
    return best


def _column_groups(columns: int, group: int, chunks: list[tuple[int, int]]
                   ) -> list[tuple[int, int, bool]]:
    """(start, stop, cascaded) runs of columns: in each chunk the columns of whole groups
    are cascaded side by side, the others summed by ``row_sum``."""
    runs = []
    for begin, end in chunks:
        grouped = begin + (end - begin) // group * group
        runs += [(begin, grouped, True), (grouped, end, False)]
    return [run for run in runs if run[0] < run[1]]


def layout_summer(shape: tuple[int, ...], strides: tuple[int, ...], char: str,
                  dims: tuple[int, ...] | None, keepdim: bool,
                  mean: bool) -> Callable[[np.ndarray], np.ndarray] | None:
    """The sum (or mean) over ``dims`` of arrays of this layout in PyTorch's order, or None
    where it is not known here (negative strides, a big sum of everything, no reduction)."""
    itemsize = np.dtype(char).itemsize
    if any(stride < 0 or stride % itemsize for stride in strides):
        return None
    reduced = frozenset(range(len(shape)) if dims is None else dims)
    walked, axes = _walk(shape, tuple(stride // itemsize for stride in strides), reduced)
    if not walked or walked[0].out_stride != 0:
        return None
    kept = [size for d, size in enumerate(shape) if d not in reduced]
    outputs, count = _product(kept), _product(shape) // max(_product(kept), 1)
    out_shape = tuple(1 if d in reduced else size for d, size in enumerate(shape)
                      ) if keepdim else tuple(kept)
    threads = get_num_threads()
    parallel = _product(shape) >= GRAIN_SIZE and threads > 1
    first = walked[0]
    second = walked[1] if len(walked) > 1 else _Dim(1, 0, 0)
    lanes = VECTOR_BYTES // itemsize
    if first.stride == 1 and first.size >= lanes:
        kernel, group = "rows contiguous", 0
    elif second.stride == 1 and second.size >= lanes:
        kernel, group = "columns", 4 * lanes
    elif first.stride < second.stride or len(walked) == 1:  # (one run: row_sum)
        kernel, group = "rows", 0
    else:
        kernel, group = "columns", 4
    chunks = [(0, second.size)]
    if (parallel and group == 4 and second.stride != 1
            and _split_dim(walked, threads) == 1):  # each thread groups its own columns
        step = -(-second.size // min(threads, second.size))
        chunks = [(start, min(start + step, second.size))
                  for start in range(0, second.size, step)]
    if parallel and outputs == 1 and group and len(walked) > 2:  # (columns cut in several
        return None  # planes per thread: not reproduced here)
    runs = _column_groups(second.size, group, chunks) if group else []
    # every column cascaded, under 256 rows (an expanded bias gradient): one NumPy pass or two
    one_level = runs == [(0, second.size, True)] and first.size < 256
    sizes = tuple(dim.size for dim in reversed(walked))  # slowest first (NumPy's order)
    # every value a reduced dim reaches is one copy (an expanded gradient): see `_copies_sum`
    alone = all(dim.out_stride for dim in walked[1:])  # one row per output (one 2-D call)
    copies = first.stride == 0 and alone
    trees = tuple(runs) if group else ((0, second.size, False),)
    known: dict[bytes, np.ndarray] = {}  # (`_copies_sum` of one value everywhere, by value)
    order = [i for i, dim in enumerate(reversed(walked[1:])) if dim.out_stride != 0]
    order += [i for i, dim in enumerate(reversed(walked[1:])) if dim.out_stride == 0]
    zero = np.dtype(char).type(0)
    divisor = np.dtype(char).type(count)
    summed_first = (len(sizes) - 1, *range(len(sizes) - 1))  # (np.moveaxis(-1, 0), cheaper)
    short_rows = takes_columns(first.size, _product(sizes[:-1]))  # (added as columns)

    def per_row(data: np.ndarray) -> np.ndarray:
        """What each 2-D kernel call adds to its output, per row (the first dim summed)."""
        view = data.transpose(axes).reshape(sizes)  # (a view: the dims merge in memory)
        if copies:
            return _copies_sum(view[..., 0].reshape(-1, second.size), first.size, trees, known)
        if kernel == "rows contiguous" and short_rows:  # (as columns: summation_columns.py)
            return inner_sums_down(np.ascontiguousarray(view.transpose(summed_first)
                                                        ).reshape(first.size, -1))
        if kernel == "rows contiguous":
            return inner_sum(np.ascontiguousarray(view).reshape(-1, first.size))
        # the summed dim first (gathered row by row first: NumPy copies that faster)
        down = np.ascontiguousarray(np.ascontiguousarray(view).transpose(summed_first))
        if kernel == "rows":
            return row_sum(down.reshape(first.size, -1))
        if one_level:  # (each column on its own: the columns of all rows side by side)
            return _one_level_cascade(down.reshape(first.size, -1), first.size // 16)
        down = down.reshape(first.size, -1, second.size)
        out = np.empty(down.shape[1:], down.dtype)
        for start, stop, cascaded in runs:
            out[:, start:stop] = (cascade if cascaded else row_sum)(down[:, :, start:stop])
        return out

    def summed(data: np.ndarray) -> np.ndarray:
        if parallel and outputs == 1:
            rows = data.transpose(axes).reshape(-1, first.size)
            total = _threads_total(rows, None if group else lambda: per_row(data), threads,
                                   first.stride == 1, group)
            return np.asarray(total / divisor if mean else total).reshape(out_shape)
        if alone:  # (one row per output, in the output's order)
            total = per_row(data) + zero
        else:
            rows = per_row(data).reshape(sizes[:-1]).transpose(order).reshape(outputs, -1)
            total = chain(np.ascontiguousarray(rows.T)) + zero  # (each output's rows in turn)
        total = np.asarray(total / divisor if mean else total)
        return total.reshape(out_shape)

    return summed


def _copies_sum(values: np.ndarray, n: int, trees: tuple[tuple[int, int, bool], ...],
                known: dict[bytes, np.ndarray]) -> np.ndarray:
    """Each row's sum where a row is ``n`` copies of one value (``values``: one per row, as
    ``(outer, columns)``; ``trees``: the columns ``cascade``-d or ``row_sum``-med). The same
    additions on ``n`` copies give the same result, so each value is summed once: a column
    expanded in ``values`` too (stride 0) is summed for its first row or column only, on a
    small contiguous array, and the result spread back. Where ``values`` is one value
    everywhere (the gradient of ``out.sum()``: ones), the result is kept in ``known`` by
    that value's bytes (read-only: a training step asks for the same one every time)."""
    key = None if any(values.strides) else values[0, 0].tobytes()
    if key in known:
        return known[key]
    out = np.empty(values.shape, values.dtype)
    for start, stop, cascaded in trees:
        run = values[:, start:stop]
        distinct = run[tuple(slice(0, 1) if step == 0 else slice(None) for step in run.strides)]
        copies = np.empty((n, *distinct.shape), values.dtype)
        copies[...] = distinct
        out[:, start:stop] = (cascade if cascaded else row_sum)(copies)
    if key is not None:
        if len(known) >= 8:  # (a few values per layout at most)
            known.clear()
        out.flags.writeable = False
        known[key] = out
    return out


def _threads_total(rows: np.ndarray, row_totals: Callable[[], np.ndarray] | None,
                   threads: int, contiguous: bool, group: int = 0) -> Any:
    """A big sum of everything in two passes (``two_pass_reduction``): the iterator's values,
    in its order (``rows``: each row a run of the summed dim, ``row_totals()`` their sums,
    asked for only when a thread has whole rows), are cut into one range per thread; a
    thread adds up its pieces one by one from 0 (a row cut by a range's ends is a piece
    summed alone), then the threads' results are added."""
    count, length = rows.shape
    size = count * length
    used = min(threads, -(-size // GRAIN_SIZE))
    chunk = -(-size // used)
    lanes = VECTOR_BYTES // rows.itemsize

    def piece(row: int, start: int, stop: int) -> Any:
        values = rows[row, start:stop]
        return inner_sum(values) if contiguous and stop - start >= lanes else row_sum(values)

    partial = np.zeros(threads, rows.dtype)  # (each thread's result, from 0)
    totals = None
    for thread, begin in enumerate(range(0, size, chunk)):
        end = min(begin + chunk, size)
        first_row, last_row = -(-begin // length), end // length  # whole rows between
        terms = [partial[thread:thread + 1]]
        if begin % length:  # the end of a row cut by the range's start
            row = begin // length
            terms.append(np.atleast_1d(piece(row, begin % length,
                                             min(length, begin % length + end - begin))))
        if first_row < last_row and row_totals is not None:
            if totals is None:  # (every row's sum, once)
                totals = row_totals()
            terms.append(totals[first_row:last_row])
        elif first_row < last_row:  # a columns kernel: this thread's whole rows, grouped
            grouped = first_row + (last_row - first_row) // group * group  # from its first
            terms += [cascade(rows[first_row:grouped].T), row_sum(rows[grouped:last_row].T)]
        if end % length and end // length >= first_row:  # the start of a row cut by its end
            terms.append(np.atleast_1d(piece(end // length, 0, end % length)))
        partial[thread] = np.add.accumulate(np.concatenate(terms).astype(rows.dtype))[-1]
    return row_sum(partial) + rows.dtype.type(0)
