"""Dot products summed in lanes, as MKL's kernels add them on processors other than Intel's
(see small_gemm.py: `_lane_walk` for ``nn.Linear``'s x @ weight.t(), `_one_output` for one
output column).

A vector register holds W products side by side ("lanes"): lane i sums the products
i, i + W, i + 2W, … one after the other. At the end the lanes are folded in halves,
(l₀ + l₄) + (l₂ + l₆) + ((l₁ + l₅) + (l₃ + l₇)) for W = 8, and the last k % W products
(fewer than a register) are added one after the other.

Before that, MKL adds the first few products one after the other until x's row reaches an
address of 16 bytes (a float32 row of an odd length starts 4, 8 or 12 bytes past one), and
that head goes into lane 0.
"""

from __future__ import annotations

import numpy

ALIGNED = 16  # the address (bytes) from which MKL reads x's row a register at a time


def lane_sums(products: numpy.ndarray, width: int, block: int = 0) -> numpy.ndarray:
    """The sums along the last axis in ``width`` lanes, folded in halves, then the last
    k % width terms in turn (a -0 sum may stay -0); ``block``: the lanes take only whole
    blocks of that many terms (a multiple of ``width``), the rest is added in turn."""
    *outer, k = products.shape
    whole = k - k % (block or width)
    lanes = numpy.zeros((*outer, width), products.dtype)
    if whole:  # accumulate adds the rounds in turn, lane by lane
        rounds = products[..., :whole].reshape(*outer, whole // width, width)
        lanes = numpy.add.accumulate(rounds, axis=-2)[..., -1, :]
    while lanes.shape[-1] > 1:  # the lanes folded in halves
        half = lanes.shape[-1] // 2
        lanes = lanes[..., :half] + lanes[..., half:]
    total = lanes[..., 0]
    for j in range(whole, k):  # (fewer terms than a block left)
        total = total + products[..., j]
    return total


def head_in_lanes(products: numpy.ndarray, head: int, lanes: int,
                  block: int = 0) -> numpy.ndarray:
    """Each row's sum (along the last axis): its first ``head`` terms in turn into lane 0 of
    ``lanes`` lanes that take the next terms in whole rounds of ``lanes`` (or blocks of
    ``block``: `lane_sums`; ``lanes`` 0: all terms in turn). ``products`` is a scratch
    array: it is written over."""
    if not products.size:  # (no rows)
        return products.sum(axis=-1)
    if not lanes:
        return numpy.add.accumulate(products, axis=-1)[..., -1]
    if not head:
        return lane_sums(products, lanes, block)
    total = numpy.add.accumulate(products[..., :head], axis=-1)[..., -1]
    rest = products[..., head:]
    rest[..., 0] = total + rest[..., 0]
    return lane_sums(rest, lanes, block)


def heads_before_aligned(x: numpy.ndarray) -> numpy.ndarray:
    """For each row of a row-major x, how many of its values come before the first one at an
    address of `ALIGNED` bytes (0 when the row starts at one)."""
    starts = x.ctypes.data + numpy.arange(x.shape[0]) * x.strides[0]
    return (-starts % ALIGNED) // x.itemsize


def rows_in_lanes(products: numpy.ndarray, heads: numpy.ndarray, lanes: int) -> numpy.ndarray:
    """The sums along the last axis of ``products`` (rows, columns, k), each row's first
    ``heads[row]`` terms in turn into lane 0 (`head_in_lanes`): rows × columns."""
    rows, columns, k = products.shape
    if not (rows and columns):
        return numpy.zeros((rows, columns), products.dtype)
    first = int(heads[0])
    if (heads == first).all():  # (one kind of row, as when k is a multiple of 4: no sorting)
        return head_in_lanes(products.reshape(-1, k).copy(), min(first, k),
                             lanes).reshape(rows, columns)
    total = numpy.empty((rows, columns), products.dtype)
    for head in numpy.unique(heads).tolist():
        these = heads == head
        chosen = products[these].reshape(-1, k)  # (a copy: head_in_lanes writes over it)
        total[these] = head_in_lanes(chosen, min(head, k), lanes).reshape(-1, columns)
    return total
