"""PyTorch's quickselect (CPU ``kthvalue``), so that ties pick the same position.

``kthvalue`` does not sort: it partitions a copy of the row around median-of-three pivots
until the k-th place is settled, and reports the original position of whatever value ends
there. Among equal values that is not always the first one, so a stable sort gives other
indices; this module replays the same swaps. NaN counts as larger than every number.
"""

from __future__ import annotations

import math
from typing import Any


def _greater(a: float, b: float) -> bool:
    """``a > b`` with NaN above every number (PyTorch's ``gt_or_nan``)."""
    return (math.isnan(a) and not math.isnan(b)) or a > b


def quick_select_position(values: list, k: int) -> int:
    """The original position that PyTorch's quickselect leaves at place ``k`` (from 0)."""
    arr, idx = [float(v) for v in values], list(range(len(values)))

    def swap(i: int, j: int) -> None:
        arr[i], arr[j] = arr[j], arr[i]
        idx[i], idx[j] = idx[j], idx[i]

    left, right = 0, len(arr) - 1
    while right > left:
        if right == left + 1:
            if _greater(arr[left], arr[right]):
                swap(left, right)
            break
        swap(left + (right - left) // 2, left + 1)  # median of three: left, left + 1, right
        if _greater(arr[left + 1], arr[right]):
            swap(left + 1, right)
        if _greater(arr[left], arr[right]):
            swap(left, right)
        if _greater(arr[left + 1], arr[left]):
            swap(left + 1, left)
        i, j, pivot = left + 1, right, arr[left]
        while True:
            i += 1
            while _greater(pivot, arr[i]):
                i += 1
            j -= 1
            while _greater(arr[j], pivot):
                j -= 1
            if j < i:
                break
            swap(i, j)
        swap(left, j)
        if j <= k:
            left = i
        if j >= k:
            right = j - 1
    return idx[k]


def kth_positions(xp: Any, data: Any, axis: int, k: int) -> Any:
    """The positions of the ``k``-th smallest values (from 0) along ``axis``, kept as size 1.

    A stable sort answers every row whose k-th value is unique; rows with ties are replayed
    through :func:`quick_select_position`.
    """
    order = data.argsort(axis=axis, kind="stable")
    chosen = xp.take(order, [k], axis=axis)
    value = xp.take_along_axis(data, chosen, axis=axis)
    same = data == value
    if data.dtype.kind in "fc":
        same = same | (xp.isnan(data) & xp.isnan(value))
    tied = same.sum(axis=axis, keepdims=True) > 1
    if not bool(tied.any()):
        return chosen
    moved_data, moved_chosen = xp.moveaxis(data, axis, -1), xp.moveaxis(chosen, axis, -1).copy()
    tied_rows = xp.moveaxis(tied, axis, -1)[..., 0]  # (0-dim for a 1-D tensor: its one row)
    for row in zip(*xp.nonzero(tied_rows)) if tied_rows.ndim else [()]:
        moved_chosen[row + (0,)] = quick_select_position(moved_data[row].tolist(), k)
    return xp.moveaxis(moved_chosen, -1, axis)
