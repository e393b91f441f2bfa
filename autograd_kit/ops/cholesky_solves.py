"""Solving with a Cholesky factor: ``cholesky_solve`` and ``cholesky_inverse``.

With A = L Lᵀ (or Uᵀ U with ``upper=True``) given by its factor, both work from the factor
alone, as PyTorch's rules do (its backward formulas, cholesky_solve_backward and
cholesky_inverse_backward):

    X = A⁻¹ B:    grad_B = A⁻¹ G,   S = grad_B Xᵀ + (grad_B Xᵀ)ᵀ,   grad_L = -S L  (upper: -U S)
    Y = A⁻¹:      S = Y (G + Gᵀ) Y,                                 grad_L = -S L  (upper: -U S)
"""

from __future__ import annotations

from typing import Any

import numpy

from ..backend import to_host
from ..function import Function
from ..tensor import Tensor
from .decompositions import LinAlgError, check_square
from .preserved_layout import column_major


def _matrix_of(factor: Any, upper: bool, xp: Any) -> Any:
    """A = L Lᵀ (or Uᵀ U) from the factor's triangle."""
    if upper:
        u = xp.triu(factor)
        return xp.swapaxes(u, -1, -2) @ u
    low = xp.tril(factor)
    return low @ xp.swapaxes(low, -1, -2)


def _zero_diagonal_message(factor: Tensor) -> str:
    """PyTorch's error for a factor with a zero on its diagonal (the first such matrix of a
    batch)."""
    data = to_host(factor._data)
    n = data.shape[-1]
    diagonal = numpy.diagonal(data, axis1=-2, axis2=-1).reshape(-1, n)
    for i, row in enumerate(diagonal):
        zeros = numpy.flatnonzero(row == 0)
        if zeros.size:
            batch = f"(Batch element {i}): " if factor.ndim > 2 else ""
            return (f"cholesky_inverse: {batch}The diagonal element {int(zeros[0]) + 1} is zero, "
                    "the inversion could not be completed because the input matrix is singular.")
    return "cholesky_inverse: the inversion could not be completed."


def _substitutions(xp: Any, factor: Any, b: Any, upper: bool) -> Any:
    """(L Lᵀ)⁻¹ B by forward then back substitution, dividing by the diagonal as LAPACK does
    (a zero there gives inf and nan, no error)."""
    low = xp.swapaxes(xp.triu(factor), -1, -2) if upper else xp.tril(factor)
    n = low.shape[-1]
    with numpy.errstate(divide="ignore", invalid="ignore"):
        y = xp.zeros(numpy.broadcast_shapes(low.shape[:-1] + (1,), b.shape), dtype=b.dtype)
        for i in range(n):
            acc = b[..., i, :] - xp.einsum("...k,...kj->...j", low[..., i, :i], y[..., :i, :])
            y[..., i, :] = acc / low[..., i, i, None]
        x = xp.zeros_like(y)
        for i in reversed(range(n)):
            acc = y[..., i, :] - xp.einsum("...k,...kj->...j", low[..., i + 1:, i],
                                           x[..., i + 1:, :])
            x[..., i, :] = acc / low[..., i, i, None]
    return x


def _times_factor(s: Tensor, factor: Tensor, upper: bool) -> Tensor:
    """-S L (lower) or -U S (upper): the factor's gradient from the symmetric S."""
    return -factor.matmul(s) if upper else -s.matmul(factor)


class CholeskySolve(Function):
    """X = (L Lᵀ)⁻¹ B      grad_B = (L Lᵀ)⁻¹ G,   grad_L = -(grad_B Xᵀ + X grad_Bᵀ) L"""

    node_name = "CholeskySolveBackward0"
    saved_tensor_names = ("input2", "self", "result")
    saved_options = {"upper": None}

    @staticmethod
    def forward(ctx: Any, b: Tensor, factor: Tensor, upper: bool) -> Any:
        xp = b._xp
        try:
            x = xp.linalg.solve(_matrix_of(factor._data, upper, xp), b._data)
        except Exception:  # a zero on the factor's diagonal: LAPACK's potrs divides by it
            x = _substitutions(xp, factor._data, b._data, upper)
        x = column_major(xp, x)  # (LAPACK's layout)
        ctx.upper = upper
        ctx.save_for_backward(factor, b, x)
        return x.astype(b._data.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        factor, _, x = ctx.saved_tensors
        grad_b = CholeskySolve.apply(grad, factor, ctx.upper)
        common = grad_b.matmul(x.mT)
        common = common + common.mT
        return grad_b, _times_factor(common, factor, ctx.upper), None


class CholeskyInverse(Function):
    """Y = (L Lᵀ)⁻¹      grad_L = -(Y (G + Gᵀ) Y) L"""

    node_name = "CholeskyInverseBackward0"
    saved_tensor_names = ("self", "result")

    @staticmethod
    def forward(ctx: Any, factor: Tensor, upper: bool) -> Any:
        xp = factor._xp
        try:
            y = xp.linalg.inv(_matrix_of(factor._data, upper, xp))
        except Exception:  # numpy.linalg.LinAlgError: PyTorch names the first zero diagonal
            raise LinAlgError(_zero_diagonal_message(factor)) from None
        y = column_major(xp, y)  # (LAPACK's layout)
        ctx.upper = upper
        ctx.save_for_backward(factor, y)
        return y.astype(factor._data.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        factor, y = ctx.saved_tensors
        common = y.matmul((grad + grad.mT).matmul(y))
        return _times_factor(common, factor, ctx.upper), None


def cholesky_solve(b: Tensor, factor: Tensor, upper: bool = False) -> Tensor:
    """X with (L Lᵀ) X = B, from the Cholesky factor L (or U with ``upper=True``)."""
    if b.ndim < 2:
        raise RuntimeError(f"b should have at least 2 dimensions, but has {b.ndim} dimensions "
                           "instead")
    if factor.ndim < 2:
        raise RuntimeError(f"u should have at least 2 dimensions, but has {factor.ndim} "
                           "dimensions instead")
    if factor.shape[-1] != factor.shape[-2]:
        raise RuntimeError("A must be batches of square matrices, but they are "
                           f"{factor.shape[-2]} by {factor.shape[-1]} matrices")
    return CholeskySolve.apply(b, factor, upper)


def cholesky_inverse(factor: Tensor, upper: bool = False) -> Tensor:
    """(L Lᵀ)⁻¹ from the Cholesky factor L (or U with ``upper=True``)."""
    check_square(factor, "cholesky_inverse", "cholesky_inverse_out_cpu", prefix="")
    return CholeskyInverse.apply(factor, upper)
