"""PyTorch's CPU ``topk``: the C++ standard library's selection and sorting, replayed.

``topk`` fills a row of (value, position) pairs and calls ``std::partial_sort`` (when
64·k ≤ n) or ``std::nth_element`` followed by ``std::sort`` of the first k - 1 pairs
(``sorted=True``). These compare values only, so among equal values the positions come out
in whatever order the algorithms' swaps leave them: not a stable sort's order. This module
follows GCC's libstdc++ step by step (introselect, introsort with insertion sort below 16
elements, heaps for partial_sort), so that ties and ``sorted=False`` give PyTorch's indices.
"""

from __future__ import annotations

import math
from collections.abc import Callable

Pair = tuple[float, int]
Less = Callable[[Pair, Pair], bool]


def before(largest: bool) -> Less:
    """PyTorch's comparison: NaN first, then larger values (or smaller when not ``largest``)."""
    if largest:
        return lambda a, b: (math.isnan(a[0]) and not math.isnan(b[0])) or a[0] > b[0]
    return lambda a, b: (not math.isnan(a[0]) and math.isnan(b[0])) or a[0] < b[0]


def _log2(n: int) -> int:
    return n.bit_length() - 1


# ---- heaps (std::make_heap, std::pop_heap, std::sort_heap) ----------------------------------

def _adjust_heap(q: list, first: int, hole: int, length: int, value: Pair, less: Less) -> None:
    top, child = hole, hole
    while child < (length - 1) // 2:
        child = 2 * (child + 1)
        if less(q[first + child], q[first + child - 1]):
            child -= 1
        q[first + hole] = q[first + child]
        hole = child
    if length % 2 == 0 and child == (length - 2) // 2:
        child = 2 * (child + 1)
        q[first + hole] = q[first + child - 1]
        hole = child - 1
    parent = (hole - 1) // 2
    while hole > top and less(q[first + parent], value):
        q[first + hole] = q[first + parent]
        hole, parent = parent, (parent - 1) // 2
    q[first + hole] = value


def _pop_heap(q: list, first: int, last: int, result: int, less: Less) -> None:
    value = q[result]
    q[result] = q[first]
    _adjust_heap(q, first, 0, last - first, value, less)


def _heap_select(q: list, first: int, middle: int, last: int, less: Less) -> None:
    length = middle - first
    if length >= 2:
        for parent in range((length - 2) // 2, -1, -1):
            _adjust_heap(q, first, parent, length, q[first + parent], less)
    for i in range(middle, last):
        if less(q[i], q[first]):
            _pop_heap(q, first, middle, i, less)


def partial_sort(q: list, first: int, middle: int, last: int, less: Less) -> None:
    """std::partial_sort: the smallest ``middle - first`` pairs, in order, at the front."""
    _heap_select(q, first, middle, last, less)
    while middle - first > 1:
        middle -= 1
        _pop_heap(q, first, middle, middle, less)


# ---- partitioning and insertion sort ---------------------------------------------------------

def _partition_pivot(q: list, first: int, last: int, less: Less) -> int:
    """The median of (first + 1, middle, last - 1) moved to ``first``, then the rest split
    around it (std::__unguarded_partition_pivot)."""
    a, b, c = first + 1, first + (last - first) // 2, last - 1
    if less(q[a], q[b]):
        median = b if less(q[b], q[c]) else (c if less(q[a], q[c]) else a)
    else:
        median = a if less(q[a], q[c]) else (c if less(q[b], q[c]) else b)
    q[first], q[median] = q[median], q[first]
    lo, hi, pivot = first + 1, last, q[first]
    while True:
        while less(q[lo], pivot):
            lo += 1
        hi -= 1
        while less(pivot, q[hi]):
            hi -= 1
        if not lo < hi:
            return lo
        q[lo], q[hi] = q[hi], q[lo]
        lo += 1


def _linear_insert(q: list, last: int, less: Less) -> None:
    value, nxt = q[last], last - 1
    while less(value, q[nxt]):
        q[last] = q[nxt]
        last, nxt = nxt, nxt - 1
    q[last] = value


def _insertion_sort(q: list, first: int, last: int, less: Less) -> None:
    for i in range(first + 1, last):
        if less(q[i], q[first]):  # the new smallest: everything before it moves up one
            value = q[i]
            q[first + 1:i + 1] = q[first:i]
            q[first] = value
        else:
            _linear_insert(q, i, less)


def nth_element(q: list, nth: int, less: Less) -> None:
    """std::nth_element on the whole list (introselect)."""
    first, last = 0, len(q)
    if nth == last:
        return
    depth = 2 * _log2(last - first)
    while last - first > 3:
        if depth == 0:
            _heap_select(q, first, nth + 1, last, less)
            q[first], q[nth] = q[nth], q[first]
            return
        depth -= 1
        cut = _partition_pivot(q, first, last, less)
        if cut <= nth:
            first = cut
        else:
            last = cut
    _insertion_sort(q, first, last, less)


def sort(q: list, first: int, last: int, less: Less) -> None:
    """std::sort of ``q[first:last]`` (introsort, then insertion sort)."""
    if first == last:
        return
    _introsort_loop(q, first, last, 2 * _log2(last - first), less)
    if last - first > 16:
        _insertion_sort(q, first, first + 16, less)
        for i in range(first + 16, last):
            _linear_insert(q, i, less)
    else:
        _insertion_sort(q, first, last, less)


def _introsort_loop(q: list, first: int, last: int, depth: int, less: Less) -> None:
    while last - first > 16:
        if depth == 0:
            partial_sort(q, first, last, last, less)
            return
        depth -= 1
        cut = _partition_pivot(q, first, last, less)
        _introsort_loop(q, cut, last, depth, less)
        last = cut


def topk_positions(values: list, k: int, largest: bool, sorted_: bool) -> list[int]:
    """The positions PyTorch's CPU topk reports for one row (its ``topk_impl_loop``)."""
    if k == 0:
        return []
    q: list[Pair] = [(float(v), i) for i, v in enumerate(values)]
    less = before(largest)
    if k * 64 <= len(q):
        partial_sort(q, 0, k, len(q), less)
    else:
        nth_element(q, k - 1, less)
        if sorted_:
            sort(q, 0, k - 1, less)
    return [i for _, i in q[:k]]


def first_of_equals(n: int) -> int:
    """Where std::nth_element(first, first, last) leaves, at the front, the position of a row
    of n values that all compare equivalent (nanmedian of a row of NaNs)."""
    q: list[Pair] = [(math.nan, i) for i in range(n)]
    nth_element(q, 0, lambda a, b: False)
    return q[0][1]


def mode_position(values: list[float]) -> int:
    """PyTorch's CPU ``mode`` of a row: (value, position) pairs sorted with ``std::sort`` by
    ``a < b`` (not stable past 16 pairs, so which equal pair ends a run depends on the sort's
    steps; false whenever NaN is involved, so NaNs stay where the algorithm leaves them),
    then the longest run of equal neighbours wins (the first such run; a NaN is a run of its
    own), at the position of the run's last pair."""
    q = [(v, k) for k, v in enumerate(values)]
    sort(q, 0, len(q), lambda a, b: a[0] < b[0])
    best, best_count, count = 0, 0, 0
    for i, (value, position) in enumerate(q):
        count += 1
        if i == len(q) - 1 or value != q[i + 1][0]:
            if count > best_count:
                best, best_count = position, count
            count = 0
    return best
