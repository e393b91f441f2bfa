"""``torch.triangular_solve(b, A)``: the older triangular solve (``linalg.solve_triangular``
replaced it), returning ``(solution, cloned_coefficient)``.

Its solve is a substitution, row by row, as LAPACK's ``trsm`` does: a zero on A's diagonal
gives inf and NaN rather than an error.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..function import Function
from ..memory_overlap import _outside_the_kit
from ..scalar_warning import warn_once_with
from ..tensor import Tensor
from .decompositions import _named
from .linalg_more import _broadcast_batches, _mask
from .preserved_layout import column_major

triangular_solve_result = _named("triangular_solve", ["solution", "cloned_coefficient"])

DEPRECATION = (
    "torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be "
    "removed in a future PyTorch release.\ntorch.linalg.solve_triangular has its arguments "
    "reversed and does not return a copy of one of the inputs.\nX = torch.triangular_solve(B, "
    "A).solution\nshould be replaced with\nX = torch.linalg.solve_triangular(A, B). (Triggered "
    "internally at /__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:2273.)")


def substitute(xp: Any, a: Any, b: Any, upper: bool, unitriangular: bool) -> Any:
    """X with A X = B for triangular A (batches broadcast; both are returned so), one row
    of X at a time: xᵢ = (bᵢ - Σ_{j beyond i} aᵢⱼ xⱼ) / aᵢᵢ (no division when
    ``unitriangular``)."""
    a, b = _broadcast_batches(xp, a, b)
    x = xp.zeros(b.shape, dtype=b.dtype)
    n = a.shape[-1]
    for i in range(n - 1, -1, -1) if upper else range(n):
        done = slice(i + 1, n) if upper else slice(0, i)
        row = b[..., i, :] - (a[..., i:i + 1, done] @ x[..., done, :])[..., 0, :]
        x[..., i, :] = row if unitriangular else row / a[..., i, i:i + 1]
    return x, a


class TriangularSolve(Function):
    """(X, M) = (A⁻¹B, a copy of A), with A's upper or lower triangle (Aᵀ when ``transpose``)

    grad_B = A⁻ᵀ G_X (the transposed solve),
    grad_A = -(grad_B Xᵀ) (transpose: -(X grad_Bᵀ)), kept on A's triangle, + G_M
    """

    node_name = "TriangularSolveBackward0"

    @staticmethod
    def forward(ctx: Any, b: Tensor, a: Tensor, upper: bool, transpose: bool,
                unitriangular: bool) -> Any:
        xp, matrix = a._xp, a._data
        if transpose:
            matrix = xp.swapaxes(matrix, -1, -2)
        x, wide_a = substitute(xp, matrix, b._data, upper != transpose, unitriangular)
        x = column_major(xp, x)  # (LAPACK's layout, as the clone's)
        cloned = xp.swapaxes(wide_a, -1, -2) if transpose else wide_a
        ctx.flags = (upper, transpose, unitriangular)
        ctx.save_for_backward(a, x)
        return x, column_major(xp, cloned.copy())

    @staticmethod
    def backward(ctx: Any, grad_x: Tensor, grad_m: Tensor | None) -> tuple[Any, ...]:
        a, x = ctx.saved_tensors
        upper, transpose, unitriangular = ctx.flags
        grad_b = TriangularSolve.apply(grad_x, a, upper, not transpose, unitriangular)[0]
        grad_a = None
        if ctx.needs_input_grad[1]:
            outer = -(x @ grad_b.mT) if transpose else -(grad_b @ x.mT)
            grad_a = _mask(outer, upper, unitriangular)
            grad_a = grad_a if grad_m is None else grad_a + grad_m
        return (grad_b if ctx.needs_input_grad[0] else None), grad_a, None, None, None


def triangular_solve(input: Tensor, A: Tensor, upper: bool = True,  # noqa: A002, N803
                     transpose: bool = False, unitriangular: bool = False) -> Any:
    """X with A X = ``input`` (b), A upper (default) or lower triangular, and a copy of A
    (deprecated: see ``linalg.solve_triangular``)."""
    warn_once_with(DEPRECATION, stacklevel=_outside_the_kit())
    b = input
    if b.dim() < 2:
        raise RuntimeError("torch.triangular_solve: Expected b to have at least 2 dimensions, "
                           f"but it has {b.dim()} dimensions instead")
    if A.dim() < 2 or A.shape[-1] != A.shape[-2]:
        rows, columns = (A.shape[-2], A.shape[-1]) if A.dim() >= 2 else (1, A.shape[-1])
        raise RuntimeError(f"A must be batches of square matrices, but they are {rows} by "
                           f"{columns} matrices")
    if A.shape[-1] != b.shape[-2]:
        raise RuntimeError("Incompatible matrix sizes for triangular_solve: each A matrix is "
                           f"{A.shape[-2]} by {A.shape[-1]} but each b matrix is "
                           f"{b.shape[-2]} by {b.shape[-1]}")
    if b.dtype != A.dtype:
        raise RuntimeError("Expected b and A to have the same dtype, but found b of type "
                           f"{dtypes.scalar_type_word(b.dtype.name)} and A of type "
                           f"{dtypes.scalar_type_word(A.dtype.name)} instead.")
    if not b.is_floating_point():
        raise NotImplementedError('"triangular_solve_cpu" not implemented for '
                                  f"'{dtypes.scalar_type_word(b.dtype.name)}'")
    return triangular_solve_result(*TriangularSolve.apply(b, A, upper, transpose,
                                                          unitriangular))
