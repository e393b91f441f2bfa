"""``inner_sum`` of many rows at once, with the rows laid out as columns (faster in NumPy).

``summation_order.inner_sum`` adds up each row of a ``(count, n)`` array as PyTorch's
``vectorized_inner_sum`` does: a row is read as ``W``-lane vectors, runs of 4 vectors are
cascaded (``4·W`` columns side by side), then per lane ``((s0 + s1) + s2) + s3``, then
``0 + the last n % W values + lane 0 + … + lane W-1``. Done on the rows themselves, every
NumPy step works along a short axis (``W`` or ``4·W`` values) for each row: slow when there
are many rows. Here the same additions, in the same order, run on ``values``, the rows
copied as columns (``(n, count)``, C-contiguous): every step then adds whole rows of
``count`` values (``np.add.reduce`` down axis 0, row after row; see ``chain``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .summation_order import VECTOR_BYTES, cascade, chain, inner_sum, row_sum


def takes_columns(n: int, count: int) -> bool:
    """Whether ``count`` rows of ``n`` values are added faster as columns: short rows, not
    too many (the transposing copy of long rows, or of many, costs more than it saves)."""
    return n <= 128 and 2 <= count and n * count <= 1 << 17


def rows_summer(view: tuple[int, int]) -> Callable[[np.ndarray], np.ndarray]:
    """``inner_sum`` of a C-contiguous array's rows, read as ``view`` = (count, n)."""
    count, n = view
    if takes_columns(n, count):
        return lambda data: inner_sums_down(np.ascontiguousarray(data.reshape(view).T))
    return lambda data: inner_sum(data.reshape(view))


def inner_sums_down(values: np.ndarray) -> np.ndarray:
    """``inner_sum(values.T)``: each column of a C-contiguous ``(n, count)`` array added up
    as PyTorch adds a contiguous row (``count`` at least 2: NumPy then adds row after row).
    Without the start 0 (as ``inner_sum``)."""
    n, count = values.shape
    width = VECTOR_BYTES // values.itemsize
    if n < width:  # no whole vector: row_sum of the values
        return row_sum(values)
    vectors = n // width
    body = vectors * width
    if vectors < 4:  # the 4 cascades are empty: the vectors into s0, one by one
        lanes = chain(values[:body].reshape(vectors, width, count))
    else:
        fours = vectors // 4 * 4
        runs = values[:fours * width].reshape(vectors // 4, 4 * width, count)
        parts = cascade(runs).reshape(4, width, count)  # s0 … s3 per lane
        if fours == vectors:
            lanes = chain(parts)  # ((s0 + s1) + s2) + s3
        else:
            first = parts[0]
            for start in range(fours * width, body, width):  # the last vectors, into s0
                first = first + values[start:start + width]
            lanes = ((first + parts[1]) + parts[2]) + parts[3]
    if body < n:  # the last n % W values come first
        lanes = np.concatenate((values[body:], lanes))
    return chain(lanes)  # the last n % W values + lane 0 + … + lane W-1, per column
