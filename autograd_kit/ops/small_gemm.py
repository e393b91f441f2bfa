"""Small matrix products (``x @ w``, and ``x @ w + bias`` for ``nn.Linear``) in the order
PyTorch's BLAS (Intel MKL) adds them, so that their results match PyTorch to the last bit.

MKL picks a different kernel for each matrix shape, and for each processor: its fastest
kernels run only on Intel's processors, and other processors get plainer ones. Its kernels
are not public, so matrix products generally differ from PyTorch's in the last bit. A few
shapes that lessons use all the time follow a simple pattern, measured with PyTorch 2.13
(MKL 2024.2) on random inputs, signed zeros, infinities and nans:

On an Intel processor (AVX-512):

* one input feature, several outputs (``Linear(1, m)``, the first layer of a net fitting a
  curve): each value is one fused multiply-add, x·w + b rounded once;
* two input features, one output (``Linear(2, 1)``, logistic regression on points in the
  plane): rows in whole groups of 4 take fma(x₁, w₁, x₀·w₀) + b; the last n % 4 rows
  (all rows when n < 4) take (x₀·w₀ + x₁·w₁) + b.

On other processors (measured on an AMD EPYC), for an n×k by k×m product with k ≤ 3
(float32 or float64):

* with at most 11 columns, or at most 3 rows: each value is the products added one after
  the other, x₀·w₀ + x₁·w₁ + …, each step rounded (then + b);
* otherwise (float32 only): the same walk with fused multiply-adds, fma(x₁, w₁, x₀·w₀), …
  (up to 4096 results: beyond, the kit keeps NumPy's faster product);
* for any k ≥ 4: a row-major w of 2, 3, 4 or 8 columns (float32; float64: 2, 4, 6, 8 or 10)
  times a row- or column-major x, the products added one after the other too (up to 4096
  products: beyond, NumPy's faster product); so too in float32 for k < 8 and up to 11
  columns, and with up to 3 rows (see `_plain_for`);
* for k ≥ 4 (float32), at least 12 columns and 4, 8 or at least 12 rows, either layout:
  the fused walk above (see `_fused_walk`);
* for k ≥ 4 (float32): x @ weight.t() (``nn.Linear``) with 2 to 11 outputs (any number
  with up to 3 rows), any k: each value summed in 4 or 8 lanes, then the lanes folded
  (see `_lane_walk`; float64: 4 or 8 outputs, in 2 lanes);
* one output column (``nn.Linear(k, 1)``, MKL's gemv) with k ≥ 4 (n % 4 rows: up to 19,
  float64 9): rows added term by term, some in lanes (`_one_output`);
* one row times a row-major matrix, or a column-major matrix times one column, for any k:
  the matrix walked column by column, x₀·w₀ + x₁·w₁ + … (as ``mv`` below);
* a -0 sum comes out +0 (the sum starts from 0), also before a bias is added (a -0 bias
  then leaves +0), except with one row, one column or k = 1 (nn.Linear's x @ weight.t()
  with n, m or k = 1 keeps -0 + -0 = -0).

Matrix @ vector (``mv``) on other processors: a column-major matrix (``w.t()`` of a
row-major w) is walked column by column, y = a₀·v₀ + a₁·v₁ + … for any k; a row-major one
the same way for k ≤ 4; a -0 sum comes out +0.

Batched products (``bmm``, ``baddbmm``, ``matmul`` of stacks) with fewer than 400
multiply-adds per matrix (k·n·m < 400) do not reach MKL at all: PyTorch's own loop adds the
products term by term from 0, x₀·w₀ + x₁·w₁ + …, on every processor (``baddbmm_cpu_kernel``
in aten/src/ATen/native/LinearAlgebra.cpp). Larger ones go to MKL one matrix at a time, in the
orders above.

``torch.addmm(input, x, w, beta=β, alpha=α)`` of row-major x and w on other processors adds
to β·input term by term (see `_walk_from`).

Dot products of vectors (``dot``, ``vdot``, ``inner``, ``matmul`` of two vectors) have an
order of their own, four registers of lanes: see `dot`.

Other shapes keep NumPy's product.
"""

from __future__ import annotations

from typing import Any

import numpy

from ..cpu_capability import vendor
from .sleef_float32 import fma
from .small_gemm_fused import fused_in_turn
from .small_gemm_lanes import ALIGNED, head_in_lanes, heads_before_aligned, rows_in_lanes

f32, f64 = numpy.float32, numpy.float64
ROW_GROUP = 4
INTEL = vendor() == "GenuineIntel"
LONGEST_SUM = 3  # the largest inner size k whose order is known on other processors
PLAIN_UP_TO_COLUMNS, PLAIN_UP_TO_ROWS = 11, 3
FUSED_UP_TO = 4096  # the most results computed with exact fused multiply-adds


def addmm(bias: Any, x: Any, w: Any, beta: Any = 1, alpha: Any = 1) -> Any:
    """``β·bias + α·(x @ w)`` (x: n×k, w: k×m) in MKL's order for the shapes above, else
    None."""
    if not (type(x) is numpy.ndarray and type(w) is numpy.ndarray
            and type(bias) is numpy.ndarray and x.dtype == w.dtype == bias.dtype):
        return None
    if (x.flags.c_contiguous and w.flags.c_contiguous and not INTEL
            and (w.shape[0] > 1 or x.shape[0] > 1 or w.strides[0] >= w.strides[1] * w.shape[1])):
        exact = _walk_from(bias, x, w, beta, alpha)  # (torch.addmm of row-major matrices;
        # for one row times one row, only a w laid out row by row: PyTorch reads w of
        # strides (1, 1) as column-major and adds it in another order)
        if exact is not None:
            return exact
    if beta != 1 or alpha != 1:
        return None
    if INTEL:
        return _intel_addmm(bias, x, w)
    if w.strides[0] != w.itemsize:  # (measured for nn.Linear's w = weight.t() only)
        return None
    product = _walk(x, w, vectors=False) if x.shape[1] <= LONGEST_SUM else _long_sum(x, w)
    if product is None:
        return None
    if min(x.shape[0], x.shape[1], w.shape[1]) > 1:  # (the sum starts from +0: -0 is +0)
        product += 0
    product += bias
    return product


def addbmm(data: Any, x: Any, w: Any, beta: Any, alpha: Any) -> Any:
    """``β·input + α·Σᵢ xᵢ @ wᵢ`` as PyTorch adds it: one `addmm` after the other into the
    result (β for the first only), each in MKL's order; None where one is not known."""
    if not (type(x) is numpy.ndarray and type(w) is numpy.ndarray and len(x)):
        return None
    total = numpy.broadcast_to(data, (x.shape[1], w.shape[2]))
    for i, (matrix, other) in enumerate(zip(x, w)):
        total = addmm(total, matrix, other, beta if i == 0 else 1, alpha)
        if total is None:
            return None
    return total


LONGEST_SUM_FROM_BIAS = 4  # the largest k measured for `_walk_from`


def _walk_from(bias: numpy.ndarray, x: numpy.ndarray, w: numpy.ndarray, beta: Any,
               alpha: Any) -> numpy.ndarray | None:
    """β·bias + α·(x @ w) for row-major x and w on processors other than Intel's, as MKL
    adds it there: from β·bias (0 when β = 0), the terms (α·xⱼ)·wⱼ one after the other,
    for k ≤ 4 and m ≥ 2, with at most 3 rows or 11 columns (or k = 1); else None."""
    (n, k), m = x.shape, w.shape[1]
    if (x.dtype.char not in "fd" or not 0 < k <= LONGEST_SUM_FROM_BIAS or m < 2
            or (n > PLAIN_UP_TO_ROWS and m > PLAIN_UP_TO_COLUMNS and k > 1)):
        return None
    kind = x.dtype.type
    beta, alpha = kind(beta), kind(alpha)
    with numpy.errstate(all="ignore"):
        if beta == 0:  # (MKL does not read bias then: a nan in it does not spread)
            total = numpy.zeros((n, m), x.dtype)
        else:
            total = numpy.broadcast_to(bias, (n, m)) * beta
        scaled = x if alpha == 1 else alpha * x
        for j in range(k):
            total += scaled[:, j:j + 1] * w[j:j + 1]
    return total


def mm(x: Any, w: Any) -> Any:
    """``x @ w`` (x: n×k, w: k×m, k ≥ 2) in MKL's order for the shapes above, else None."""
    if INTEL or x.shape[1] < 2 or not (type(x) is numpy.ndarray and type(w) is numpy.ndarray
                                       and x.dtype == w.dtype):
        return None
    (n, k), m = x.shape, w.shape[1]
    if k > LONGEST_SUM and n != 1 and m != 1:  # (the usual large product: decided at once)
        return None if n * k * m > LONG_WALK_UP_TO else _long_sum(x, w)
    product = None  # (one column, or one row times weight.t(): MKL's gemv)
    if k > LONGEST_SUM and m == 1:
        product = _one_output(x, w)
    elif k > LONGEST_SUM and w.strides[0] == w.itemsize:
        product = _one_row(x, w)
    if product is None:  # (a column-major x times one column: `_walk`'s column walk)
        product = _walk(x, w)
    if product is not None:
        product += 0  # (the sum starts from +0: a -0 sum is +0)
    return product


# the numbers of columns of a row-major w for which MKL adds x @ w term by term for any k
# on other processors (measured for k from 4 to 1024 and up to 80 rows, row- or column-major
# x, signed zeros, infinities and nans; other widths mix in other orders)
PLAIN_COLUMNS = {"f": (2, 3, 4, 8), "d": (2, 4, 6, 8, 10)}
LONG_WALK_UP_TO = 4096  # the most products n·k·m added term by term (beyond: NumPy's product)


def _plain_for(n: int, k: int, m: int, kind: str) -> bool:
    """Whether MKL adds x @ w (n×k by a row-major k×m w, k ≥ 4) term by term on processors
    other than Intel's: for `PLAIN_COLUMNS`, and in float32 also with k < 8 and up to 11
    columns, and with up to 3 rows for k < 8 or for 4, 5 or a multiple of 4 columns
    (measured with PyTorch 2.13 on this AMD EPYC: 3,000 random products of such shapes, up
    to 299 inner terms, 149 columns and 99 rows, signed zeros and infinities)."""
    if m in PLAIN_COLUMNS.get(kind, ()):
        return True
    few_rows = n <= PLAIN_UP_TO_ROWS and (k < LANES or m <= 5 or m % 4 == 0)
    return kind == "f" and (few_rows or k < LANES and m <= PLAIN_UP_TO_COLUMNS)


def _long_walk(x: numpy.ndarray, w: numpy.ndarray) -> numpy.ndarray | None:
    """x @ w with k ≥ 4 on processors other than Intel's, for a row-major w whose number of
    columns is one of `PLAIN_COLUMNS` and a row- or column-major x (``x @ w``, and
    ``a.t() @ grad`` in backward): the products added one after the other from +0,
    x₀·w₀ + x₁·w₁ + …; None for other shapes, and past `LONG_WALK_UP_TO` products."""
    (n, k), m = x.shape, w.shape[1]
    if (not _plain_for(n, k, m, x.dtype.char) or n * k * m > LONG_WALK_UP_TO
            or not w.flags.c_contiguous or not (x.flags.c_contiguous or x.flags.f_contiguous)):
        return None
    with numpy.errstate(all="ignore"):  # (inf·0 is nan, as in MKL's sum, without a warning)
        return _in_turn(x.T[:, :, None] * w[:, None, :], axis=0)


def _long_sum(x: numpy.ndarray, w: numpy.ndarray) -> numpy.ndarray | None:
    """x @ w with k ≥ 4 on processors other than Intel's, by the first of `_long_walk`,
    `_lane_walk` and `_fused_walk` that knows its shape and layout; else None."""
    if x.shape[0] * x.shape[1] * w.shape[1] > LONG_WALK_UP_TO:  # (the usual large product,
        return None  # which none of them takes: decided at once, every training step)
    walks = ((_one_output,) if w.shape[1] == 1 else (_one_row,) if x.shape[0] == 1
             else (_long_walk, _lane_walk, _fused_walk))
    for walk in walks:
        product = walk(x, w)
        if product is not None:
            return product
    return None


# MKL's gemv (one output column) on other processors: how many first terms H of a row's
# sum go in turn into lane 0 and in how many lanes L the next L go (the rest then in turn),
# by dtype, rows (in whole groups of 4, or the last n % 4) and k ((k, 0): all in turn; a k
# not listed: not known)
ONE_OUTPUT_LANES = {
    ("f", True): {4: (4, 0)},  # (k > 4: see `_one_output_order`)
    ("f", False): {k: (k, 0) for k in range(4, 12)},  # (k ≥ 12: see `_one_output_order`)
    ("d", True): {4: (4, 0)},  # (k > 4: see `_one_output_order`)
    ("d", False): {k: (k, 0) for k in range(4, 10)},
}


GROUP_LANES = {"f": 4, "d": 2}  # the lanes of columns in whole groups of 4


def _one_output(x: numpy.ndarray, w: numpy.ndarray) -> numpy.ndarray | None:
    """x @ w for one output column (w: k×1, k ≥ 4; ``nn.Linear(k, 1)``'s x @ weight.t(), and
    x @ w of a k×1 w) and a row-major x, on processors other than Intel's (MKL's gemv).
    With pⱼ = xⱼ·wⱼ, a row's sum adds its first H terms in turn into lane 0 of L lanes that
    take the next in rounds of L, folds the lanes in halves, adds the rest in turn: for H = k - 4
    and L = 4, ((p₀ + … + p₍ₖ₋₄₎) + p₍ₖ₋₂₎) + (p₍ₖ₋₃₎ + p₍ₖ₋₁₎). H and L by
    `_one_output_order` (rows in whole groups of 4: L = 4 (float64: 2), H from 1 to L, any
    k > 4; the last n % 4 rows: every term in turn up to k = 11, then in float32 H = 4 and
    L = 8 taking whole blocks of 8 terms, but 4 lanes for each block of 8 in the second of
    those rows). A -0 sum stays -0, but with lanes and in float64's groups of 4 rows, whose
    sums start from +0.
    (Measured with PyTorch 2.13 on this AMD EPYC: 15,000 random F.linear with and without
    bias and x @ w, up to 39 rows and 99 terms, signed zeros and infinities, no mismatch.)
    None for other shapes, for an x not at an address of 16 bytes (a view from a row's middle:
    MKL then adds the first terms apart), and past `LONG_WALK_UP_TO` products."""
    (n, k), kind = x.shape, x.dtype.char
    if (w.shape[1] != 1 or kind not in "fd" or k < 4 or n * k > LONG_WALK_UP_TO
            or not x.flags.c_contiguous or w.strides[0] != w.itemsize
            or x.ctypes.data % ALIGNED):  # (MKL peels terms up to an aligned address first)
        return None
    grouped = n - n % ROW_GROUP
    orders = [_one_output_order(kind, True, k) if grouped else (k, 0),
              _one_output_order(kind, False, k) if grouped < n else (k, 0)]
    if None in orders or n == 1 and orders[1][1]:  # (one row in lanes: 1×k @ k×1 is a dot
        return None  # product, which MKL adds in another order)
    total = numpy.empty(n, x.dtype)
    with numpy.errstate(all="ignore"):  # (inf·0 is nan, as in MKL's sum, without a warning)
        for in_groups, rows, (head, lanes) in zip(
                (True, False), (slice(0, grouped), slice(grouped, n)), orders):
            total[rows] = head_in_lanes(x[rows] * w[:, 0], head, lanes)
            if lanes or kind == "d" and in_groups:  # (these start from +0: -0 is +0)
                total[rows] += 0
        if orders[1][1] == LANES and grouped + 1 < n:  # the second of the last rows: each
            second = x[grouped + 1:grouped + 2] * w[:, 0]  # block of 8 terms in 4 lanes
            total[grouped + 1] = head_in_lanes(second, orders[1][0], QUARTER, LANES)[0] + 0
    return total.reshape(n, 1)


def _one_row(x: numpy.ndarray, w: numpy.ndarray) -> numpy.ndarray | None:
    """x @ w for one row of x and w = weight.t() of a row-major weight (``nn.Linear`` on one
    sample), on processors other than Intel's: MKL's gemv of weight times x, the order of
    `_one_output` with weight as its matrix (measured with PyTorch 2.13 on this AMD EPYC:
    600 random F.linear of one row, 2 to 39 outputs, k up to 99, float32 and float64,
    signed zeros and infinities: every shape `_one_output` knows, no mismatch); else None."""
    product = _one_output(w.T, x.T)
    return None if product is None else product.reshape(1, -1)


LAST_ROWS_IN_LANES_FROM = 12  # the k from which float32's last n % 4 rows sum in lanes


def _one_output_order(kind: str, in_groups: bool, k: int) -> tuple[int, int] | None:
    """(H, L) of `_one_output` for rows in whole groups of 4 or not (groups of 4 with k > 4:
    L = 4 (float64: 2) and H = (k - 1) % L + 1, measured for k up to 255; the last n % 4
    rows in float32 with k ≥ 12: H = 4, L = 8, measured for k up to 129), else None."""
    if in_groups and k > QUARTER:
        return (k - 1) % GROUP_LANES[kind] + 1, GROUP_LANES[kind]
    if not in_groups and kind == "f" and k >= LAST_ROWS_IN_LANES_FROM:
        return QUARTER, LANES
    return ONE_OUTPUT_LANES[kind, in_groups].get(k)


FUSED_ROWS = (4, 8)  # the numbers of rows under `FUSED_ANY_ROWS_FROM` that `_fused_walk` knows
FUSED_ANY_ROWS_FROM = 12


def _fused_walk(x: numpy.ndarray, w: numpy.ndarray) -> numpy.ndarray | None:
    """x @ w with k ≥ 4 on processors other than Intel's, float32, at least 12 columns, and
    4, 8 or at least 12 rows (each of x and w row- or column-major: ``x @ w``,
    ``x @ weight.t()`` in nn.Linear, and both gradients): the products walked with fused
    multiply-adds, fma(x₂, w₂, fma(x₁, w₁, x₀·w₀)), …, then +0, as for k ≤ 3 (`_walk`).
    (Measured with PyTorch 2.13 on this AMD EPYC: 1,200 random products, k up to 89, up to
    129 columns and 79 rows, signed zeros and infinities; with 5 to 7 or 9 to 11 rows MKL
    takes other orders past a few columns: on 2 threads it splits the rows between them, and
    the last rows take other kernels; on one thread, torch.set_num_threads(1), those rows
    walk fused too.) None for other shapes, and past `LONG_WALK_UP_TO` products."""
    (n, k), m = x.shape, w.shape[1]
    if (x.dtype != f32 or k < 4 or m <= PLAIN_UP_TO_COLUMNS
            or not (n >= FUSED_ANY_ROWS_FROM or n in FUSED_ROWS) or n * k * m > LONG_WALK_UP_TO
            or not all(a.flags.c_contiguous or a.flags.f_contiguous for a in (x, w))):
        return None
    with numpy.errstate(all="ignore"):  # (inf·0 is nan, as in MKL's sum, without a warning)
        total = fused_in_turn(x, w)
        total += 0
    return total


LANES = 8  # float32 products MKL sums side by side there (one AVX register)
QUARTER = 4  # columns in whole groups of 4 sum in 4 lanes instead
DOUBLE_LANE_COLUMNS = (4, 8)  # float64: the numbers of columns summed in 2 lanes


def _lane_walk(x: numpy.ndarray, w: numpy.ndarray) -> numpy.ndarray | None:
    """x @ w with k ≥ 4 on processors other than Intel's, for a row-major float32 x of at
    least 2 rows and w = weight.t() of a row-major weight (``nn.Linear``) of 2 to 11 outputs
    (any number with 2 or 3 rows), any k. Each value is a dot product of a row of x and a
    row of weight, which MKL adds in W lanes (small_gemm_lanes.py): W = 4 for the columns in
    whole groups of 4, W = 8 for the last m % 4 columns; lane i sums the products i, i + W,
    i + 2W, … one after the other; the lanes are folded in halves, (l₀ + l₄) + (l₂ + l₆) +
    ((l₁ + l₅) + (l₃ + l₇)); then the last products are added one after the other (with
    fewer than W, all of them, from +0); a -0 sum is +0. A row of x that starts 4, 8 or 12
    bytes past an address of 16 bytes (k not a multiple of 4) first adds its 3, 2 or 1 first
    products in turn, into lane 0. (Measured with PyTorch 2.13 on this AMD EPYC: any number
    of rows, k up to 256, signed zeros and infinities; 3,000 more random cases for k not a
    multiple of 4, no mismatch.) In float64, 4 or 8 outputs (any multiple of 4 with 2 or 3
    rows) sum in 2 lanes the same way, with a head of 1 for a row 8 bytes past 16. None for
    other shapes, and past `LONG_WALK_UP_TO` products."""
    (n, k), m = x.shape, w.shape[1]
    if x.dtype == f64:  # (float64: 4 or 8 outputs (more with up to 3 rows), in 2 lanes)
        known = m % QUARTER == 0 and (m in DOUBLE_LANE_COLUMNS or n <= PLAIN_UP_TO_ROWS)
    else:
        known = x.dtype == f32 and 1 < m and (m <= PLAIN_UP_TO_COLUMNS or n <= PLAIN_UP_TO_ROWS)
    if (not known or n < 2 or k < 4 or n * k * m > LONG_WALK_UP_TO
            or not w.T.flags.c_contiguous or not x.flags.c_contiguous):
        return None
    grouped, heads = m - m % QUARTER, heads_before_aligned(x)
    with numpy.errstate(all="ignore"):  # (inf·0 is nan, as in MKL's sum, without a warning)
        products = x[:, None, :] * w.T[None, :, :]  # (n, m, k): row i of x times row j
        total = numpy.empty((n, m), x.dtype)
        total[:, :grouped] = rows_in_lanes(products[:, :grouped], heads,
                                           GROUP_LANES[x.dtype.char])
        total[:, grouped:] = rows_in_lanes(products[:, grouped:], heads, LANES)
        total += 0
    return total


LONGEST_ROW_DOT = 4  # the largest k whose order is known for mv of a row-major matrix


def mv(a: Any, v: Any) -> Any:
    """``a @ v`` (a: n×k, v: k) in MKL's order for the shapes above, else None."""
    if INTEL or not (type(a) is numpy.ndarray and type(v) is numpy.ndarray
                     and a.dtype == v.dtype and a.dtype.char in "fd"):
        return None
    (n, k) = a.shape
    column_major = n > 1 and a.strides[0] == a.itemsize
    if not (0 < k and (column_major or k <= LONGEST_ROW_DOT)):
        return None
    return _in_turn(a * v, axis=1)


NAIVE_BELOW = 400  # multiply-adds per matrix under which PyTorch's bmm runs its own loop


def bmm(x: Any, w: Any) -> Any:
    """``x @ w`` for stacks of matrices (x: b×n×k, w: b×k×m) in PyTorch's order where it is
    known (see the module), else None."""
    if not (type(x) is numpy.ndarray and type(w) is numpy.ndarray and x.dtype == w.dtype
            and x.dtype.char in "fd" and x.size and w.size):
        return None
    (_, n, k), m = x.shape, w.shape[2]
    if k * n * m < NAIVE_BELOW:
        return _in_turn(x[:, :, :, None] * w[:, None, :, :], axis=2)
    if k == 1:
        return None
    products = [mm(a, b) for a, b in zip(x, w)]
    return None if any(p is None for p in products) else numpy.stack(products)


def _walk(x: numpy.ndarray, w: numpy.ndarray, vectors: bool = True) -> numpy.ndarray | None:
    """x₀·w₀ + x₁·w₁ + … term by term (fused where MKL fuses), on processors other than
    Intel's; None for a shape or dtype whose order is not known. (``vectors``: whether a
    product with one row or one column may take `mv`'s walk; measured for ``mm`` only.)"""
    (n, k), m = x.shape, w.shape[1]
    if vectors and k and x.dtype.char in "fd":
        if n == 1 < m and w.strides[1] == w.itemsize:  # one row times a row-major matrix:
            return _in_turn(x.T * w, axis=0).reshape(1, m)  # MKL walks it as `mv` does
        if m == 1 < n and x.strides[0] == x.itemsize:  # a column-major matrix times one
            return _in_turn(x * w.T, axis=1).reshape(n, 1)  # column: the same walk
    fused = m > PLAIN_UP_TO_COLUMNS and n > PLAIN_UP_TO_ROWS
    if not 0 < k <= LONGEST_SUM or x.dtype != f32 and (fused or x.dtype != f64):
        return None
    if fused and n * m > FUSED_UP_TO:  # (an exact fma costs a few NumPy passes in float64:
        return None  # past this many values, NumPy's product is kept, for its speed)
    if fused:  # (each step a fused multiply-add, fma(x₁, w₁, x₀·w₀), …: small_gemm_fused.py)
        return fused_in_turn(x, w)
    total = x[:, :1] * w[:1]  # (each step rounded, x₀·w₀ + x₁·w₁ + …)
    for j in range(1, x.shape[1]):
        total += x[:, j:j + 1] * w[j:j + 1]
    return total


def _intel_addmm(bias: numpy.ndarray, x: numpy.ndarray, w: numpy.ndarray) -> Any:
    """The two float32 shapes measured on an Intel processor (see the module), else None."""
    (n, k), m = x.shape, w.shape[1]
    if not ((k == 1 and m > 1 and n >= 2) or (k == 2 and m == 1)) or x.dtype != f32:
        return None
    if k == 1:
        return fma(x, w, numpy.broadcast_to(bias, (n, m)))
    first = x[:, :1] * w[0]
    out = fma(x[:, 1:], w[1], first)  # (a fresh array: the rows' own order is written in)
    grouped = n - n % ROW_GROUP if n >= ROW_GROUP else 0
    if grouped < n:  # (only the last n % 4 rows are computed the plain way)
        out[grouped:] = first[grouped:] + x[grouped:, 1:] * w[1]
    return out + bias


LONGEST_DOT = 4000  # the most terms whose order was measured for `dot` (MKL may split more)
LONGEST_STRIDED_DOUBLE_DOT = 8  # float64 vectors with other strides: the order up to here


def dot(x: Any, y: Any) -> Any:
    """``x · y`` of two vectors in MKL's order (a 0-dim array), else None.

    Measured on other processors than Intel's for unit strides, any length up to 4000: the
    products go into four registers of W lanes (W = 4 in float32, 2 in float64), each lane
    a sum from +0 taken in turn, B = 4W terms a round; what is left after the rounds goes,
    2W terms (float32: W into the first register, W into the second; float64: both into
    the first), then W terms, into the first register, and the last n % W into its lane 0
    one by one. Then ((r₀ + r₁) + r₂) + r₃ lane by lane, and the lanes folded in halves:
    float32 (l₀ + l₂) + (l₁ + l₃), float64 l₀ + l₁. (So up to 3 float32 terms, or 2 float64
    ones, are added one after the other from +0; a -0 sum is +0.) With other strides, float32
    terms are added one after the other from +0 (any length up to 4000), float64 ones as
    above (measured up to 8 terms). On Intel processors only the plain walk of up to 3
    float32 terms is known.
    """
    if not (type(x) is numpy.ndarray and type(y) is numpy.ndarray and x.dtype == y.dtype
            and x.dtype.char in "fd" and x.ndim == y.ndim == 1 and x.size == y.size):
        return None
    n = x.size
    if INTEL:
        return _plain_dot(x, y) if n <= 3 and x.dtype == f32 else None
    if n > LONGEST_DOT:
        return None
    if n > 1 and not x.strides == y.strides == (x.itemsize,):  # (MKL's strided kernels)
        if x.dtype == f32:
            return _plain_dot(x, y)
        if n > LONGEST_STRIDED_DOUBLE_DOT:
            return None
    lanes = 4 if x.dtype == f32 else 2
    width = 4 * lanes  # (the four registers side by side)
    rounds = n // width
    with numpy.errstate(all="ignore"):  # (inf - inf is nan, as in MKL, without a warning)
        products = x * y
        if rounds > 1:  # (accumulate adds the rounds in turn, column by column)
            rows = products[:rounds * width].reshape(rounds, width)
            sums = numpy.add.accumulate(rows, axis=0)[-1]
        else:
            sums = products[:width].copy() if rounds else numpy.zeros(width, x.dtype)
        start = rounds * width
        for columns in _leftover_steps(n - start, lanes):  # (into the first registers)
            sums[:columns] += products[start:start + columns]
            start += columns
        registers = sums.reshape(4, lanes)
        total = registers[0] + registers[1]
        total += registers[2]
        total += registers[3]
        while total.size > 1:  # the lanes folded in halves
            total = total[:total.size // 2] + total[total.size // 2:]
        total += 0  # (each sum starts from +0: a -0 sum is +0; a -0 lane, not started from
    return total.reshape(())  # +0 above, only ever meets other -0s, so this is enough)


def _leftover_steps(rest: int, lanes: int) -> list[int]:
    """How `dot` adds its last ``rest`` terms (fewer than a round) into the first registers:
    the count of terms each step adds, from lane 0 of the first register on."""
    steps = [2 * lanes] if lanes == 4 else [lanes, lanes]  # float32: W into each of the
    steps = steps if rest >= 2 * lanes else []  # first two registers; float64: W and W
    steps += [lanes] * (rest % (2 * lanes) >= lanes)  # into the first
    return steps + [1] * (rest % lanes)  # then one by one into its lane 0


def _plain_dot(x: numpy.ndarray, y: numpy.ndarray) -> numpy.ndarray:
    """x₀·y₀ + x₁·y₁ + … one term after the other, from +0 (a 0-dim array)."""
    if not x.size:
        return numpy.zeros((), x.dtype)
    with numpy.errstate(all="ignore"):
        return _in_turn(x * y, axis=0)


def _in_turn(terms: numpy.ndarray, axis: int) -> numpy.ndarray:
    """The terms added one after the other along ``axis``, each partial sum rounded, from +0
    (a -0 sum is +0): a new row-major array without that axis (0-dim for a vector).
    (NumPy's ``add.accumulate`` adds along an axis one value at a time, never in pairs; its
    last partial sum is the total.)"""
    partial_sums = numpy.add.accumulate(terms, axis=axis)
    total = numpy.array(numpy.moveaxis(partial_sums, axis, 0)[-1], order="C")
    total += 0
    return total


ADDR_GROUP = {"f": 16, "d": 8}  # the values PyTorch's addr computes at once, by dtype


def addr(data: Any, v1: Any, v2: Any, beta: Any, alpha: Any) -> Any:
    """``β·input + α·(v1 ⊗ v2)`` in the order of PyTorch's own addr loop (on every processor),
    else None. Each value is, with β = 0, (α·v1ᵢ)·v2ⱼ; otherwise, along each row (along the
    column when v2 has one value), the values in whole groups of 16 (float32; float64: 8)
    take fma(α·v1ᵢ, v2ⱼ, β·input), the last ones fma(β, input, (α·v1ᵢ)·v2ⱼ) (the compiler
    fuses one product of each). Measured with PyTorch 2.13 on random inputs."""
    if not (type(data) is type(v1) is type(v2) is numpy.ndarray
            and data.dtype == v1.dtype == v2.dtype and v1.dtype.char in "fd"):
        return None
    kind, (n, m) = v1.dtype.type, (v1.size, v2.size)
    if n * m > FUSED_UP_TO:  # (exact fmas cost a few NumPy passes: past this many values,
        return None  # NumPy's faster sum is kept)
    beta, alpha = kind(beta), kind(alpha)
    given = numpy.broadcast_to(data, (n, m))
    if n > 1 and m > 1 and 0 < given.strides[0] < given.strides[1]:
        return None  # (input column-major: PyTorch's loop walks it column by column)
    with numpy.errstate(all="ignore"):
        scaled = numpy.broadcast_to((alpha * v1)[:, None], (n, m))
        vector = numpy.broadcast_to(v2, (n, m))
        if beta == 0:
            return scaled * vector
        # the loop runs along each row (v1's value the same all along it), or along the
        # column when v2 has one value; it takes whole groups at once where input's values,
        # and v2's (or v1's), lie next to each other there
        inner = (given.strides[1], v2.strides[0]) if m > 1 else (given.strides[0], v1.strides[0])
        run = m if m > 1 else n
        grouped = run - run % ADDR_GROUP[v1.dtype.char]
        if inner != (v1.itemsize, v1.itemsize):
            grouped = 0
        groups, rest = ((numpy.s_[:, :grouped], numpy.s_[:, grouped:]) if m > 1 else
                        (numpy.s_[:grouped], numpy.s_[grouped:]))
        out = numpy.empty((n, m), v1.dtype)
        if grouped:
            out[groups] = _fused(scaled[groups], vector[groups], beta * given[groups])
        if grouped < run:
            out[rest] = _fused(beta, given[rest], scaled[rest] * vector[rest])
    return out


def _fused(a: Any, b: Any, c: Any) -> numpy.ndarray:
    """a·b + c rounded once (float64: the product's error added back, which is exact but for
    rare ties; where that gives an infinity, a nan or a zero, a·b + c, which is then exact
    and keeps the sign of a zero)."""
    if c.dtype == f32:
        return fma(a, b, c)
    from ..random import fused_multiply_add

    a, b, c = numpy.broadcast_arrays(numpy.asarray(a, f64), b, c)
    out = fused_multiply_add(a, b, c)
    plain = a * b + c
    return numpy.where(numpy.isfinite(out) & (out != 0), out, plain)
