"""More of ``torch.linalg`` with its backward rules: vdot, matrix_exp, solve_triangular,
lstsq, eig (real spectra only: the kit has no complex dtype), and the LU family
(lu_factor, lu, lu_solve). Each gradient is written with tensor operations, so it can be
differentiated again.

    s = Σ xᵢyᵢ (vdot):          grad_x = grad · y,  grad_y = grad · x
    E = exp(A):                 grad_A = [exp([[Aᵀ, G], [0, Aᵀ]])] upper-right block
    AX = B, A triangular:       grad_B = A⁻ᵀ G,  grad_A = -(grad_B Xᵀ) on A's triangle
    X = A⁺B (least squares):    grad_B = A⁺ᵀ G,  grad_A = pinv's rule with grad_{A⁺} = G Bᵀ
    A = V diag(L) V⁻¹:          grad_A = V⁻ᵀ (diag(gL) + (VᵀgV - VᵀV diag(VᵀgV)) / E) Vᵀ,
                                E_ij = L_j - L_i
    A = P L U:                  grad_A = P L⁻ᵀ (tril₋₁(Lᵀ gL) + triu(gU Uᵀ)) U⁻ᵀ  (square A)
    X = U⁻¹L⁻¹PᵀB (lu_solve):   H = U⁻ᵀG,  grad_U = -triu(H Xᵀ),  grad_L = -tril₋₁(L⁻ᵀ H Xᵀ Uᵀ),
                                grad_B = P L⁻ᵀ H
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import numpy

from ..function import Function
from ..tensor import Tensor
from .decompositions import LinAlgError, _named, _t, checked
from .linalg import Dot
from .preserved_layout import column_major, row_major
from .pseudo_inverse import Pinv

eig_result = _named("linalg_eig", ["eigenvalues", "eigenvectors"])
lu_result = _named("linalg_lu", ["P", "L", "U"])
lu_factor_result = _named("linalg_lu_factor", ["LU", "pivots"])
lstsq_result = _named("linalg_lstsq", ["solution", "residuals", "rank", "singular_values"])


class Vdot(Dot):
    """s = Σ xᵢyᵢ (x conjugated, which changes nothing for real tensors)

    ∂s/∂x = y,   ∂s/∂y = x
    """

    node_name = "VdotBackward0"
    saved_tensor_names = ("self", "other")  # (dot's second is "tensor")

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        """As dot's, y's gradient first (PyTorch's order for vdot, not dot's: see `Mul`)."""
        x, y = ctx.saved_tensors
        grad_y = grad * x if ctx.needs_input_grad[1] else None
        return grad * y if ctx.needs_input_grad[0] else None, grad_y


def _eye(xp: Any, n: int, data: Any) -> Any:
    return xp.broadcast_to(xp.eye(n, dtype=data.dtype), data.shape[:-2] + (n, n))


def matrix_exp_array(data: Any, xp: Any) -> Any:
    """exp(A) by scaling and squaring: exp(A) = exp(A / 2ˢ)^(2ˢ), with ‖A / 2ˢ‖₁ ≤ ½ and
    the Taylor series Σ Mᵏ/k! (20 terms) for the small matrix."""
    a = data.astype("float64")
    n = a.shape[-1]
    largest = float(xp.abs(a).sum(axis=-2).max()) if a.size else 0.0
    s = max(0, math.ceil(math.log2(largest)) + 1) if largest > 0 else 0
    m = a / (2.0 ** s)
    term = _eye(xp, n, a)
    total = term.copy()
    for k in range(1, 21):
        term = (term @ m) / k
        total = total + term
    for _ in range(s):
        total = total @ total
    return total.astype(data.dtype, copy=False)


class MatrixExp(Function):
    """E = exp(A) = Σ Aᵏ/k!

    grad_A = the upper-right n×n block of exp([[Aᵀ, G], [0, Aᵀ]]) (the Fréchet derivative of
    exp at Aᵀ in the direction G, which is the adjoint of the one at A)
    """

    node_name = "LinalgMatrixExpBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor) -> Any:
        ctx.save_for_backward(a)
        return matrix_exp_array(a._data, a._xp)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        from ..ops import cat

        (a,) = ctx.saved_tensors
        n = a.shape[-1]
        at = _t(a)
        top = cat([at, grad], -1)
        bottom = cat([at * 0.0, at], -1)
        return MatrixExp.apply(cat([top, bottom], -2))[..., :n, n:]


def triangle(a: Any, upper: bool, unitriangular: bool) -> Any:
    """The upper or lower triangle of the array ``a``, its diagonal set to 1 when
    ``unitriangular``."""
    xp = _module(a)
    part = xp.triu(a) if upper else xp.tril(a)
    if unitriangular:
        n = a.shape[-1]
        part = part * (1 - xp.eye(n, dtype=a.dtype)) + xp.eye(n, dtype=a.dtype)
    return part


def _module(array: Any) -> Any:
    from ..backend import module_of

    return module_of(array)


def _mask(g: Tensor, upper: bool, unitriangular: bool) -> Tensor:
    """The gradient kept on the entries of A the solve reads: its triangle (without the
    diagonal when that is taken as 1)."""
    if upper:
        return g.triu(1 if unitriangular else 0)
    return g.tril(-1 if unitriangular else 0)


class SolveTriangular(Function):
    """X = A⁻¹B (left) or B A⁻¹ (right), A triangular

    left:   grad_B = A⁻ᵀ G,  grad_A = -(grad_B Xᵀ) on A's triangle
    right:  grad_B = G A⁻ᵀ,  grad_A = -(Xᵀ grad_B) on A's triangle
    """

    node_name = "LinalgSolveTriangularBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor, upper: bool, left: bool,
                unitriangular: bool) -> Any:
        xp = a._xp
        matrix = triangle(a._data, upper, unitriangular)
        rhs = b._data
        if not left:  # X A = B  ⇔  Aᵀ Xᵀ = Bᵀ
            matrix, rhs = xp.swapaxes(matrix, -1, -2), xp.swapaxes(rhs, -1, -2)
        matrix, rhs = _broadcast_batches(xp, matrix, rhs)
        x = checked(xp, lambda: xp.linalg.solve(matrix, rhs), matrix)
        x = column_major(xp, x if left else xp.swapaxes(x, -1, -2))  # (LAPACK's layout)
        ctx.flags = (upper, left, unitriangular)
        ctx.save_for_backward(a, x)
        return x.astype(b._data.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None, None]:
        a, x = ctx.saved_tensors
        upper, left, unitriangular = ctx.flags
        grad_b = SolveTriangular.apply(_t(a), grad, not upper, left, unitriangular)
        grad_a = None
        if ctx.needs_input_grad[0]:
            outer = -(grad_b @ _t(x)) if left else -(_t(x) @ grad_b)
            grad_a = _mask(outer, upper, unitriangular)
        return grad_a, grad_b if ctx.needs_input_grad[1] else None, None, None, None


def _broadcast_batches(xp: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """Both arrays with their batch dimensions broadcast together (a shape computation)."""
    batch = numpy.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    return (xp.broadcast_to(a, batch + a.shape[-2:]), xp.broadcast_to(b, batch + b.shape[-2:]))


class Lstsq(Function):
    """X = A⁺B, the least-squares solution of AX ≈ B, and (when ``residuals``) the squared
    residuals rₖ = ‖AXₖ - Bₖ‖² of each column (else an empty output, still recorded)

    from X:  grad_B = A⁺ᵀ G,   grad_A = pinv's rule (see `Pinv`) with grad_{A⁺} = G Bᵀ
    from r:  grad_B = -2 (AX - B) diag(g_r),   grad_A = 2 (AX - B) diag(g_r) Xᵀ
    (X is optimal, so r changes with A and B only through the residual AX - B)
    (A⁺ is computed again in backward, by the recorded pinv, so the rule differentiates)
    """

    node_name = "LinalgLstsqBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor, rcond: float, residuals: bool,
                vector: bool) -> Any:
        xp = a._xp
        p = xp.linalg.pinv(a._data, rcond=rcond).astype(a._data.dtype, copy=False)
        ctx.save_for_backward(a, b)
        ctx.rcond, ctx.vector = rcond, vector
        ctx.set_materialize_grads(False)  # (an unused output adds nothing, as in PyTorch)
        rhs = b._data[..., None] if vector else b._data  # (a vector B: one column)
        solution = (p @ rhs).astype(rhs.dtype, copy=False)
        squares = (((a._data @ solution - rhs) ** 2).sum(axis=-2) if residuals else
                   xp.zeros((0,), dtype=solution.dtype))
        # (LAPACK's layout: the first rows of a column-major buffer of max(m, n) rows)
        m, n = a.shape[-2:]
        buffer = column_major(xp, xp.zeros((*solution.shape[:-2], max(m, n), solution.shape[-1]),
                                           dtype=solution.dtype))
        buffer[..., :n, :] = solution
        return buffer[..., :n, 0] if vector else buffer[..., :n, :], squares

    @staticmethod
    def backward(ctx: Any, grad: Any, grad_residuals: Any) -> tuple[Any, ...]:
        from ..linalg import pinv

        a, b = ctx.saved_tensors
        if ctx.vector:
            b, grad = b.unsqueeze(-1), None if grad is None else grad.unsqueeze(-1)
        p = pinv(a, rtol=ctx.rcond)
        needs_a, needs_b = ctx.needs_input_grad[:2]
        grad_a = grad_b = None
        if grad is not None:
            grad_b = _t(p) @ grad if needs_b else None
            if needs_a:
                grad_a = Pinv.backward(SimpleNamespace(saved_tensors=(a, p)), grad @ _t(b))[0]
        if grad_residuals is not None and grad_residuals.numel():
            x = p @ b
            weighted = (a @ x - b) * grad_residuals.unsqueeze(-2)
            if needs_a:
                from_r = 2 * weighted @ _t(x)
                grad_a = from_r if grad_a is None else grad_a + from_r
            if needs_b:
                grad_b = -2 * weighted if grad_b is None else grad_b - 2 * weighted
        if ctx.vector and grad_b is not None:
            grad_b = grad_b.squeeze(-1)
        return grad_a, grad_b, None, None, None


def real_eig_arrays(a: Tensor, name: str) -> tuple[Any, Any]:
    """The eigenvalues and unit eigenvectors of a real square matrix, when they are real."""
    xp = a._xp
    if not hasattr(xp.linalg, "eig"):
        raise NotImplementedError(f"autograd_kit.linalg.{name}: this array module has no "
                                  "general eigendecomposition (CuPy has only eigh)")
    values, vectors = xp.linalg.eig(a._data)
    if bool((values.imag != 0).any()):
        raise RuntimeError(f"autograd_kit.linalg.{name}: the matrix has complex eigenvalues, "
                           "and autograd_kit has no complex dtype (PyTorch returns a "
                           "complex tensor here)")
    dtype = a._data.dtype
    return values.real.astype(dtype), vectors.real.astype(dtype)


class Eig(Function):
    """A = V diag(L) V⁻¹ (real L and V)

    grad_A = V⁻ᵀ (diag(gL) + (VᵀgV - VᵀV diag(VᵀgV)) / E) Vᵀ,  E_ij = L_j - L_i
    (off the diagonal; the columns of V have unit length, hence the projection). With only
    the eigenvalues asked for (``eigvals``): grad_A = V⁻ᵀ diag(gL) Vᵀ.
    """

    node_name = "LinalgEigBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor) -> Any:
        values, vectors = real_eig_arrays(a, "eig")
        ctx.save_for_backward(values, vectors)  # the outputs themselves: differentiable again
        return values, vectors

    @staticmethod
    def backward(ctx: Any, grad_l: Any, grad_v: Any) -> Tensor:
        from ..linalg import solve

        values, vectors = ctx.saved_tensors
        n = values.shape[-1]
        eye = Tensor._make(vectors._xp.eye(n, dtype=vectors._data.dtype))
        middle = (grad_l.unsqueeze(-1) * eye) if grad_l is not None else 0.0
        if grad_v is not None:
            vg = _t(vectors) @ grad_v
            vg = vg - (_t(vectors) @ vectors) * (vg * eye).sum(-2, keepdim=True)
            gap = values.unsqueeze(-2) - values.unsqueeze(-1)
            off = vg / (gap + eye) * (1 - eye)
            middle = off + middle
        return solve(_t(vectors), middle @ _t(vectors))


def lu_factor_array(data: Any, xp: Any) -> tuple[Any, Any]:
    """Gaussian elimination with partial pivoting, as LAPACK's getrf: L (unit diagonal, below)
    and U (on and above the diagonal) in one matrix, and the 1-based pivot rows (int32)."""
    rows_count, cols_count = data.shape[-2:]
    batch_size = int(numpy.prod(data.shape[:-2], dtype="int64"))
    m = data.reshape(batch_size, rows_count, cols_count).astype(data.dtype, copy=True)
    batch, steps = m.shape[0], min(rows_count, cols_count)
    every = xp.arange(batch)
    pivots = xp.zeros((batch, steps), dtype="int32")
    for k in range(steps):
        p = k + xp.abs(m[:, k:, k]).argmax(axis=1)
        pivots[:, k] = p + 1
        top = m[every, k].copy()
        m[every, k] = m[every, p]
        m[every, p] = top
        pivot = m[:, k, k]
        m[:, k + 1:, k] = m[:, k + 1:, k] / xp.where(pivot == 0, 1, pivot)[:, None]
        m[:, k + 1:, k + 1:] -= m[:, k + 1:, k, None] * m[:, None, k, k + 1:]
    return (m.reshape(data.shape), pivots.reshape(data.shape[:-2] + (steps,)))


def permutation_array(pivots: Any, rows: int, xp: Any, dtype: Any) -> Any:
    """P with A = P L U, from getrf's pivots (row k was swapped with row pivots[k] - 1)."""
    batch_size = int(numpy.prod(pivots.shape[:-1], dtype="int64"))
    flat = pivots.reshape(batch_size, pivots.shape[-1]).astype("int64") - 1
    batch = flat.shape[0]
    every = xp.arange(batch)
    order = xp.broadcast_to(xp.arange(rows), (batch, rows)).copy()
    for k in range(flat.shape[-1]):
        other = flat[:, k]
        here = order[:, k].copy()
        order[:, k] = order[every, other]
        order[every, other] = here
    eye = xp.eye(rows, dtype=dtype)
    return xp.swapaxes(eye[order], -1, -2).reshape(pivots.shape[:-1] + (rows, rows))


def _split(lu: Any) -> tuple[Any, Any]:
    """L (m×k, unit lower) and U (k×n, upper) of a packed m×n LU matrix, k = min(m, n)
    (tensors or arrays)."""
    m, n = lu.shape[-2:]
    k = min(m, n)
    if isinstance(lu, Tensor):
        eye = Tensor._make(lu._xp.eye(m, k, dtype=lu._data.dtype))
        return lu[..., :, :k].tril(-1) + eye, lu[..., :k, :].triu()
    xp = _module(lu)
    return xp.tril(lu[..., :, :k], -1) + xp.eye(m, k, dtype=lu.dtype), xp.triu(lu[..., :k, :])


def lu_backward(p: Tensor, low: Tensor, up: Tensor, grad_l: Any, grad_u: Any) -> Tensor:
    """grad_A = P L⁻ᵀ (tril₋₁(Lᵀ gL) + triu(gU Uᵀ)) U⁻ᵀ, for A = P L U square; PyTorch's
    linalg_lu_backward for the others:
    wide (m < n, U = [U₁ U₂]):  [L⁻ᵀ (tril₋₁((Lᵀ gL - triu(gU) Uᵀ) U₁⁻ᵀ) + triu(gU₁)),
                                 L⁻ᵀ gU₂], times P
    tall (m > n, L = [L₁; L₂]): [L₁⁻ᵀ triu(gU Uᵀ - Lᵀ gL) + gL₁; gL₂] U⁻ᵀ, times P,
                                 with gL₁ its strictly lower part
    """
    m, n = low.shape[-2], up.shape[-1]
    k = min(m, n)
    if m == n:
        phi = 0.0
        if grad_l is not None:
            phi = (_t(low) @ grad_l).tril(-1)
        if grad_u is not None:
            phi = phi + (grad_u @ _t(up)).triu()
        inner = SolveTriangular.apply(_t(low), phi, True, True, True)
        return p @ SolveTriangular.apply(_t(up), inner, False, False, False)
    from autograd_kit import cat, zeros_like

    if m < n:
        u1 = up[..., :, :k]
        grad_a: Any = _t(low) @ grad_l if grad_l is not None else None
        if grad_u is not None:
            term = grad_u.triu() @ _t(up)
            grad_a = -term if grad_a is None else grad_a - term
        grad_a = SolveTriangular.apply(_t(u1), grad_a.tril(-1), False, False, False)
        if grad_u is not None:
            grad_a = cat([grad_a + grad_u[..., :, :k].triu(), grad_u[..., :, k:]], -1)
        grad_a = SolveTriangular.apply(_t(low), grad_a, True, True, True)
        if grad_u is None:
            grad_a = cat([grad_a, zeros_like(up[..., :, k:])], -1)
        return p @ grad_a
    l1 = low[..., :k, :]
    if grad_l is not None:  # (L₁ is unit lower: only gL₁'s strict lower part counts)
        grad_l = cat([grad_l[..., :k, :].tril(-1), grad_l[..., k:, :]], -2)
    grad_a = grad_u @ _t(up) if grad_u is not None else None
    if grad_l is not None:
        term = _t(low) @ grad_l
        grad_a = -term if grad_a is None else grad_a - term
    grad_a = SolveTriangular.apply(_t(l1), grad_a.triu(), True, True, True)
    if grad_l is not None:
        grad_a = cat([grad_a + grad_l[..., :k, :].tril(-1), grad_l[..., k:, :]], -2)
    grad_a = SolveTriangular.apply(_t(up), grad_a, False, False, False)
    if grad_l is None:
        grad_a = cat([grad_a, zeros_like(low[..., k:, :])], -2)
    return p @ grad_a


class LuFactor(Function):
    """LU (packed) and pivots with A = P L U

    grad_A = P L⁻ᵀ (tril₋₁(Lᵀ gL) + triu(gU Uᵀ)) U⁻ᵀ,  gL = tril₋₁(grad_LU), gU = triu(grad_LU)
    """

    node_name = "LinalgLuFactorExBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor) -> Any:
        lu, pivots = lu_factor_array(a._data, a._xp)
        lu = column_major(a._xp, lu)  # (LAPACK's layout)
        pivots = Tensor._make(pivots)  # a tensor already, so it can be marked
        ctx.save_for_backward(lu, pivots)  # the outputs themselves: differentiable again
        ctx.mark_non_differentiable(pivots)
        return lu, pivots

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _grad_pivots: Any = None) -> Tensor:
        lu, pivots = ctx.saved_tensors
        p = Tensor._make(permutation_array(pivots._data, lu.shape[-2], lu._xp, lu._data.dtype))
        low, up = _split(lu)
        k = min(lu.shape[-2:])
        return lu_backward(p, low, up, grad[..., :, :k].tril(-1), grad[..., :k, :].triu())


class Lu(Function):
    """P, L, U with A = P L U

    grad_A = P L⁻ᵀ (tril₋₁(Lᵀ gL) + triu(gU Uᵀ)) U⁻ᵀ
    """

    node_name = "LinalgLuBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor) -> Any:
        xp = a._xp
        lu, pivots = lu_factor_array(a._data, xp)
        p = permutation_array(pivots, a.shape[-2], xp, a._data.dtype)
        low, up = _split(lu)
        p = Tensor._make(row_major(xp, p))  # a tensor already, so it can be marked
        ctx.save_for_backward(p, low, up)  # the outputs themselves: differentiable again
        ctx.mark_non_differentiable(p)
        return p, low, up

    @staticmethod
    def backward(ctx: Any, _grad_p: Any, grad_l: Any, grad_u: Any) -> Tensor:
        p, low, up = ctx.saved_tensors
        return lu_backward(p, low, up, grad_l, grad_u)


class LuSolve(Function):
    """X = U⁻¹ L⁻¹ Pᵀ B, from A's packed LU and pivots (``left=False``: X A = B; ``adjoint``:
    Aᵀ in place of A)

    grad_B = lu_solve(LU, pivots, G, left, not adjoint)   (Aᵀ in place of A: the other one)
    grad_LU, as PyTorch's linalg_lu_solve_LU, with op(M) = M when ``left``, else Mᵀ:
    left ≠ adjoint:  R = U⁻ᵀ (-op(G) op(X)ᵀ),        grad_LU = tril₋₁(L⁻ᵀ R Uᵀ) + triu(R)
    left = adjoint:  R = (-Pᵀ op(X) op(G)ᵀ P) L⁻ᵀ,   grad_LU = tril₋₁(R) + triu(Lᵀ R U⁻ᵀ)
    """

    node_name = "LinalgLuSolveBackward0"
    non_inputs = (1,)  # (the pivots: integers, no edge in PyTorch's node)
    saved_tensor_names = (None, "LU", "result")  # (None: the permutation, the kit's own)
    saved_options = {"left": None, "adjoint": None, "pivots": None}

    @staticmethod
    def forward(ctx: Any, lu: Tensor, pivots: Tensor, b: Tensor, left: bool = True,
                adjoint: bool = False) -> Any:
        xp = lu._xp
        p = permutation_array(pivots._data, lu.shape[-2], xp, lu._data.dtype)
        low, up = _split(lu._data)
        matrix, rhs = p @ low @ up, b._data
        if not left:  # XA = B is Aᵀ Xᵀ = Bᵀ
            rhs = xp.swapaxes(rhs, -1, -2)
        if adjoint != (not left):
            matrix = xp.swapaxes(matrix, -1, -2)
        matrix, rhs = _broadcast_batches(xp, matrix, rhs)
        x = checked(xp, lambda: xp.linalg.solve(matrix, rhs), matrix).astype(b._data.dtype)
        # (LAPACK's layout; for XA = B that of Xᵀ, solved for: X is row-major, as in PyTorch)
        x = column_major(xp, x) if left else xp.swapaxes(column_major(xp, x), -1, -2)
        ctx.left, ctx.adjoint, ctx.pivots = left, adjoint, pivots
        ctx.save_for_backward(Tensor._make(p), lu, x)  # x: the output itself
        return x

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, Any, None, None]:
        p, lu, x = ctx.saved_tensors
        grad_lu = grad_b = None
        if ctx.needs_input_grad[0]:
            grad_lu = _lu_solve_lu_grad(ctx.left, ctx.adjoint, p, lu, x, grad)
        if ctx.needs_input_grad[2]:  # (PyTorch's: a lu_solve, so its values and layout)
            grad_b = LuSolve.apply(lu, ctx.pivots, grad, ctx.left, not ctx.adjoint)
        return grad_lu, None, grad_b, None, None


def _lu_solve_lu_grad(left: bool, adjoint: bool, p: Tensor, lu: Tensor, x: Tensor,
                      grad: Tensor) -> Tensor:
    """LuSolve's gradient for LU, in PyTorch's steps (see `LuSolve`)."""
    low, up = _split(lu)
    if left != adjoint:
        r = SolveTriangular.apply(_t(up), -((grad if left else _t(grad)) @ (
            _t(x) if left else x)), False, True, False)
        below = SolveTriangular.apply(_t(low), r @ _t(up), True, True, True).tril(-1)
        return below + r.triu()
    r = -(_t(p) @ (x if left else _t(x)) @ (_t(grad) if left else grad) @ p)
    r = SolveTriangular.apply(_t(low), r, True, False, True)
    above = SolveTriangular.apply(_t(up), _t(low) @ r, False, False, False).triu()
    return r.tril(-1) + above


__all__ = ["Eig", "LinAlgError", "Lstsq", "Lu", "LuFactor", "LuSolve", "MatrixExp",
           "SolveTriangular", "Vdot"]
