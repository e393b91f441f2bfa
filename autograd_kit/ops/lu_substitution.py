"""Solving with a packed LU factorization as LAPACK's getrs does: row interchanges and two
triangular substitutions, with no check for a zero pivot (dividing by it gives inf or NaN,
as in PyTorch's ``linalg.lu_solve`` kernel, which det and slogdet's backward use when no
graph is recorded).

For M = P L U (L unit lower, U upper, both packed in ``lu``; ``pivots`` 1-based, as getrf
leaves them):

    M X = B:   Y = Pᵀ B,  L Z = Y (forward),  U X = Z (backward)
    Mᵀ X = B:  Uᵀ W = B (forward),  Lᵀ Z = W (backward),  X = P Z
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy

from ..tensor import Tensor
from .preserved_layout import column_major


def lu_substitute(xp: Any, lu: Any, pivots: Any, rhs: Any, transpose: bool = False) -> Any:
    """X with M X = B (``transpose``: Mᵀ X = B) for each matrix of a batch, laid out column
    by column as LAPACK writes it. ``lu``: (..., n, n), ``pivots``: (..., n), ``rhs``:
    (..., n, k) with the same batch dimensions."""
    n, k = lu.shape[-1], rhs.shape[-1]
    batch = int(numpy.prod(lu.shape[:-2]))
    factors = lu.reshape(batch, n, n)
    rows = pivots.reshape(batch, n).astype("int64") - 1
    x = rhs.reshape(batch, n, k).astype(lu.dtype, copy=True)
    with numpy.errstate(divide="ignore", invalid="ignore") if xp is numpy \
            else contextlib.nullcontext():
        if transpose:
            _upper_transposed(factors, x)
            _unit_lower_transposed(factors, x)
            _interchange(xp, x, rows, reversed(range(n)))
        else:
            _interchange(xp, x, rows, range(n))
            _unit_lower(factors, x)
            _upper(factors, x)
    return column_major(xp, x.reshape(rhs.shape))


def _interchange(xp: Any, x: Any, rows: Any, order: Any) -> None:
    """Swap row i with row pivots[i] of each matrix, for i in ``order`` (getrs's laswp)."""
    every = xp.arange(x.shape[0])
    for i in order:
        other = rows[:, i]
        kept = x[every, i].copy()
        x[every, i] = x[every, other]
        x[every, other] = kept


def _unit_lower(lu: Any, x: Any) -> None:
    """L Z = Y, column by column of L (its diagonal is 1)."""
    for i in range(lu.shape[-1]):
        x[:, i + 1:] -= lu[:, i + 1:, i, None] * x[:, i, None]


def _upper(lu: Any, x: Any) -> None:
    """U X = Z, from the last row up."""
    for i in reversed(range(lu.shape[-1])):
        x[:, i] /= lu[:, i, i, None]
        x[:, :i] -= lu[:, :i, i, None] * x[:, i, None]


def _upper_transposed(lu: Any, x: Any) -> None:
    """Uᵀ W = B: Uᵀ is lower triangular, so from the first row down."""
    for i in range(lu.shape[-1]):
        x[:, i] /= lu[:, i, i, None]
        x[:, i + 1:] -= lu[:, i, i + 1:, None] * x[:, i, None]


def _unit_lower_transposed(lu: Any, x: Any) -> None:
    """Lᵀ Z = W: Lᵀ is upper triangular with 1 on its diagonal, so from the last row up."""
    for i in reversed(range(lu.shape[-1])):
        x[:, :i] -= lu[:, i, :i, None] * x[:, i, None]


def inverse_transpose_times(a: Tensor, lu: Tensor, pivots: Tensor, scale: Tensor) -> Tensor:
    """scale · A⁻ᵀ from the LU that det / slogdet saved, as their backward without a graph
    in PyTorch: ``lu_solve(LU, pivots, diag_embed(scale))``. That LU is of Aᵀ when A is
    contiguous (then M X = D), else of A (then Mᵀ X = D); a zero pivot gives inf / NaN."""
    xp, n = a._xp, a.shape[-1]
    diagonal = xp.zeros((*scale.shape, n, n), dtype=lu._data.dtype)
    every = xp.arange(n)
    diagonal[..., every, every] = scale._data[..., None]
    return Tensor._make(lu_substitute(xp, lu._data, pivots._data, diagonal,
                                      transpose=not a.is_contiguous()))
