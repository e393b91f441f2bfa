"""Matrix decompositions and what is built on them, with PyTorch's backward rules:
slogdet, solve, eigh, svd / svdvals, qr, cholesky (``torch.linalg``; logdet and
slogdet also as ``torch.``). Each gradient is written with tensor operations, so it can be
differentiated again.

    (sign, ln|det A|):  grad_A = grad_logabsdet · A⁻ᵀ
    X = A⁻¹B:           grad_B = A⁻ᵀ grad,  grad_A = -grad_B Xᵀ
    A = V diag(L) Vᵀ:   grad_A = V (diag(grad_L) + skew(Vᵀ grad_V) / (Lⱼ - Lᵢ)) Vᵀ
    A = U diag(S) Vh:   grad_A = U (diag(grad_S) + …) Vh   (distinct singular values)
    A = QR:             grad_A = (grad_Q + Q copyltu(M)) R⁻ᵀ,  M = R grad_Rᵀ - grad_Qᵀ Q
    A = LLᵀ:            grad_A = sym(L⁻ᵀ Φ(Lᵀ grad_L) L⁻¹),  Φ = lower triangle, half diagonal
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import numpy

from .. import dtypes
from ..backend import to_host
from ..function import Function
from ..grad_mode import is_grad_enabled
from ..struct_sequence import struct_sequence
from ..tensor import Tensor
from .cpp_numbers import times_number
from .lu_substitution import inverse_transpose_times
from .preserved_layout import column_major


class _LinAlgError(RuntimeError):
    """A matrix the operation cannot handle (singular for ``inv``), as PyTorch's."""


LinAlgError = _LinAlgError


def checked(xp: Any, compute: Callable[[], Any], a: Any) -> Any:
    """``compute()``, a factorization, inverse or solve of the matrices ``a``, raising
    ``numpy.linalg.LinAlgError`` when it fails, whatever the array module. NumPy raises it
    itself; CuPy only inside ``cupyx.errstate(linalg='raise')``, and otherwise returns inf or
    NaN silently, so on a module that is not NumPy a finite ``a`` whose result is not finite
    has failed too."""
    if xp is numpy:
        return compute()
    with _raising(xp):
        out = compute()
    parts = out if isinstance(out, tuple) else (out,)
    if bool(xp.isfinite(a).all()) and not all(bool(xp.isfinite(p).all()) for p in parts):
        raise numpy.linalg.LinAlgError("the factorization failed (a non-finite result)")
    return out


@contextlib.contextmanager
def _raising(xp: Any) -> Iterator[None]:
    """CuPy's ``cupyx.errstate(linalg='raise')`` (cupyx imported only for CuPy itself)."""
    if getattr(xp, "__name__", "") != "cupy":
        yield
        return
    import cupyx

    with cupyx.errstate(linalg="raise"):
        yield


def _named(name: str, fields: list[str]) -> type:
    """PyTorch's ``torch.return_types.<name>`` with ``fields`` (see `struct_sequence`)."""
    return struct_sequence(name, fields)


slogdet_result = _named("slogdet", ["sign", "logabsdet"])
linalg_slogdet_result = _named("linalg_slogdet", ["sign", "logabsdet"])
eigh_result = _named("linalg_eigh", ["eigenvalues", "eigenvectors"])
svd_result = _named("linalg_svd", ["U", "S", "Vh"])
qr_result = _named("linalg_qr", ["Q", "R"])


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


def check_square(a: Tensor, name: str, kernel: str | None = None, prefix: str = "linalg.") -> None:
    shape = a._data.shape
    if len(shape) < 2:
        raise RuntimeError(f"{prefix}{name}: The input tensor A must have at least 2 "
                           "dimensions.")
    if shape[-1] != shape[-2]:
        raise RuntimeError(f"{prefix}{name}: A must be batches of square matrices, but they "
                           f"are {shape[-2]} by {shape[-1]} matrices")
    _check_float(a, name, kernel, prefix)


def _check_float(a: Tensor, name: str, kernel: str | None = None,
                 prefix: str = "linalg.") -> None:
    if a.dtype.is_floating_point:
        return
    if kernel is not None:
        from .operands import kernel_error

        raise kernel_error(kernel, a.dtype)
    raise RuntimeError(f"{prefix}{name}: Expected a floating point or complex tensor as "
                       f"input. Got {dtypes.scalar_type_word(a.dtype.name)}")


def _t(x: Tensor) -> Tensor:
    return x.transpose(-2, -1)


def _eye_like(n: int, like: Tensor) -> Tensor:
    return _kit().eye(n, dtype=like.dtype, device=like.device)


def _diag_embed(v: Tensor) -> Tensor:
    return v.unsqueeze(-1) * _eye_like(v.shape[-1], v)


class Slogdet(Function):
    """sign, ln|det A|      grad_A = grad_logabsdet · A⁻ᵀ   (sign has no gradient)"""

    node_name = "LinalgSlogdetBackward0"
    saved_tensor_names = ("A", "LU", "pivots", "sign")

    @staticmethod
    def forward(ctx: Any, a: Tensor) -> Any:
        check_square(a, "slogdet")
        from ..linalg import det_factors

        xp, dtype = a._xp, a._data.dtype
        # as PyTorch: the LU factors of Aᵀ when A is contiguous (as for det), then
        # sign = sign(P) · Π sign(Uᵢᵢ) and ln|det A| = Σ ln|Uᵢᵢ|
        diagonal, lu, pivots, sign = det_factors(a)
        sign = xp.asarray(sign * xp.sign(diagonal).prod(axis=-1), dtype=dtype)
        logs = Tensor._make(xp.abs(diagonal)).log()._data  # (PyTorch's float32 log)
        logabsdet = Tensor._make(logs).sum(-1)._data  # (in PyTorch's order of addition)
        ctx.save_for_backward(a, lu, pivots, sign)  # (sign: the output)
        ctx.set_materialize_grads(False)
        return sign, xp.asarray(logabsdet, dtype=dtype)

    @staticmethod
    def backward(ctx: Any, grad_sign: Any, grad_logabsdet: Any) -> Any:
        """No gradient at all when only the sign was used (PyTorch: A.grad stays None)."""
        if grad_logabsdet is None:
            return None
        a, lu, pivots, _ = ctx.saved_tensors
        if is_grad_enabled():  # create_graph: PyTorch's differentiable form, a solve
            return solve_with_diagonal(a, grad_logabsdet)
        if a.dtype.is_complex or not a.numel():
            return grad_logabsdet.unsqueeze(-1).unsqueeze(-1) * _t(_kit().linalg.inv(a))
        return inverse_transpose_times(a, lu, pivots, grad_logabsdet)


def solve_with_diagonal(a: Tensor, scale: Tensor) -> Tensor:
    """X with Aᵀ X = diag(scale)ᵀ, i.e. scale · A⁻ᵀ: PyTorch's det / slogdet backward when
    the graph is recorded (create_graph), as linalg.solve(A.mH, diag_embed(scale).mT)."""
    n = a.shape[-1]
    diagonal = _kit().diag_embed(scale.unsqueeze(-1).expand(*scale.shape, n)).mT
    return _kit().linalg.solve(a.mT, diagonal)


def slogdet(a: Tensor) -> Any:
    """(sign of det A, ln |det A|), as ``torch.slogdet``."""
    return slogdet_result(*Slogdet.apply(a))


def linalg_slogdet(a: Tensor) -> Any:
    return linalg_slogdet_result(*Slogdet.apply(a))


def logdet(a: Tensor) -> Tensor:
    """ln det A: NaN where det A < 0 (PyTorch: where(sign == -1, nan, logabsdet))."""
    check_square(a, "logdet", prefix="")
    sign, logabsdet = Slogdet.apply(a)
    return _kit().where(sign == -1, float("nan"), logabsdet)


class Solve(Function):
    """X = A⁻¹ B      grad_B = A⁻ᵀ grad,   grad_A = -grad_B Xᵀ"""

    node_name = "LinalgSolveExBackward0"
    saved_tensor_names = ("A", "LU", "pivots", "result")
    saved_options = {"left": "left"}

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor, vector: bool, left: bool = True) -> Any:
        from ..linalg import lu_factors

        xp = a._xp
        ctx.left = left
        matrix = a._data if left else xp.swapaxes(a._data, -1, -2)
        rhs = b._data[..., None] if vector else b._data
        rhs = rhs if left else xp.swapaxes(rhs, -1, -2)
        try:
            x = checked(xp, lambda: xp.linalg.solve(matrix, rhs), matrix)
        except Exception:
            from ..linalg import singular_element

            batch = singular_element(a._data)[0]
            raise LinAlgError(f"torch.linalg.solve: {batch}The solver failed because the input "
                              "matrix is singular.") from None
        # (LAPACK's layout; for XA = B that of Xᵀ, solved for: X is row-major, as in PyTorch;
        # a batch of vector solutions is laid out as PyTorch allocates it: as one matrix)
        x = x[..., 0] if vector else x
        x = column_major(xp, x) if left else xp.swapaxes(column_major(xp, x), -1, -2)
        ctx.vector = vector
        if True in ctx.needs_input_grad:  # (recorded: A's LU, which PyTorch's node also saves)
            lu, pivots, _ = lu_factors(xp, a._data)
            # (x: the output itself, differentiable again)
            ctx.save_for_backward(a, Tensor._make(lu), Tensor._make(pivots), x)
        return x

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        """As PyTorch's linalg_solve_backward: a vector b is solved as a column (then
        squeezed), and grad_A = -grad_B Xᵀ is a matrix product."""
        a, _, _, x = ctx.saved_tensors
        if ctx.vector:
            grad, x = grad.unsqueeze(-1), x.unsqueeze(-1)
        grad_b = Solve.apply(_t(a), grad, False, ctx.left)
        if not ctx.needs_input_grad[0]:
            grad_a = None
        elif ctx.left:
            grad_a = -(grad_b @ _t(x))
        else:  # X = B A⁻¹: grad_B = grad A⁻ᵀ, grad_A = -Xᵀ grad_B
            grad_a = -(_t(x) @ grad_b)
        if ctx.vector:
            grad_b = grad_b.squeeze(-1)
        return grad_a, grad_b if ctx.needs_input_grad[1] else None, None, None


def is_vector_rhs(a: Any, b: Any) -> bool:
    """Whether B of A X = B is a (batch of) vector(s): 1-D, or A's shape without its last
    dimension (PyTorch's ``linalg_solve_is_vector_rhs``); else a (batch of) matrices."""
    return b.ndim == 1 or tuple(b.shape) == tuple(a.shape[:-1])


def solve(a: Tensor, b: Tensor, *, left: bool = True) -> Tensor:
    check_square(a, "solve")
    if a.dtype != b.dtype:
        raise RuntimeError(
            "linalg.solve: Expected A and B to have the same dtype, but found A of type "
            f"{dtypes.scalar_type_word(a.dtype.name)} and B of type "
            f"{dtypes.scalar_type_word(b.dtype.name)} instead")
    n = a.shape[-1]
    vector = is_vector_rhs(a, b)
    rows = b.shape[-1] if vector else b.shape[-2]
    cols = 1 if vector else b.shape[-1]
    if (rows if left else cols) != n:  # (B a vector is a column: no XA = B for it)
        raise RuntimeError("linalg.solve: Incompatible shapes of A and B for the equation "
                           f"{'AX' if left else 'XA'} = B ({n}x{n} and {rows}x{cols})")
    if not left:
        return Solve.apply(a, b, False, False)
    return Solve.apply(a, b, vector)


class Eigh(Function):
    """L, V = eigenvalues (ascending) and eigenvectors of a symmetric A (one triangle read)

    grad_A = V (diag(grad_L) + skew(Vᵀ grad_V) / E) Vᵀ,  E_ij = L_j - L_i,
    skew(M) = (M - Mᵀ) / 2   (needs distinct eigenvalues when grad_V is used)
    """

    node_name = "LinalgEighBackward0"
    saved_tensor_names = ("eigenvalues", "eigenvectors")

    @staticmethod
    def forward(ctx: Any, a: Tensor, uplo: str) -> Any:
        values, vectors = a._xp.linalg.eigh(a._data, UPLO=uplo)
        vectors = column_major(a._xp, vectors)  # (LAPACK's layout)
        ctx.save_for_backward(values, vectors)
        ctx.set_materialize_grads(False)  # (PyTorch's rule has a shortcut without grad_V)
        return values, vectors

    @staticmethod
    def backward(ctx: Any, grad_l: Any, grad_v: Any) -> tuple[Any, None]:
        """As PyTorch's linalg_eig_backward (Hermitian case): with only grad_L,
        (V · grad_L) Vᵀ; else E = Lⱼ - Lᵢ (1 on the diagonal) and
        V ((skew(Vᵀ grad_V) / E) with grad_L on its diagonal) Vᵀ."""
        values, vectors = ctx.saved_tensors
        if grad_v is None:
            if grad_l is None:
                return None, None
            return (vectors * grad_l.unsqueeze(-2)) @ vectors.mT, None
        inner = vectors.mT @ grad_v
        inner = times_number(inner - inner.mT, 0.5)  # (C++'s 0.5 * t: MulBackward1)
        gaps = values.unsqueeze(-2) - values.unsqueeze(-1)
        gaps.diagonal(0, -2, -1).fill_(1.0)
        inner = inner.div_(gaps)
        if grad_l is not None:
            inner.diagonal(0, -2, -1).copy_(grad_l)
        return vectors @ (inner @ vectors.mT), None


def eigh(a: Tensor, UPLO: str = "L") -> Any:  # noqa: N803  (PyTorch's argument name)
    check_square(a, "eigh", "linalg_eigh_cpu")
    return eigh_result(*Eigh.apply(a, UPLO))


def eigvalsh(a: Tensor, UPLO: str = "L") -> Tensor:  # noqa: N803
    return eigh(a, UPLO).eigenvalues


class Svd(Function):
    """U, S, Vh with A = U diag(S) Vh   (see the module docstring; PyTorch's svd_backward).
    Gradients of unused outputs arrive as None: with only grad_S, grad_A = U diag(grad_S) Vh,
    which holds for repeated singular values too. U and Vh are this node's own outputs, so a
    second derivative flows back through them (svdvals is S of this node, as in PyTorch)."""

    node_name = "LinalgSvdBackward0"
    saved_tensor_names = ("U", "S", "Vh")
    saved_options = {"full_matrices": None, "S_sym_argsize_minus_1": "k"}

    @staticmethod
    def forward(ctx: Any, a: Tensor, full_matrices: bool) -> Any:
        u, s, vh = a._xp.linalg.svd(a._data, full_matrices=full_matrices)
        u, vh = column_major(a._xp, u), column_major(a._xp, vh)  # (LAPACK's layout)
        ctx.save_for_backward(u, s, vh)
        ctx.set_materialize_grads(False)
        ctx.full_matrices, ctx.k = full_matrices, s.shape[-1]
        return u, s, vh

    @staticmethod
    def backward(ctx: Any, g_u: Any, g_s: Any, g_vh: Any) -> tuple[Any, None]:
        u, s, vh = ctx.saved_tensors
        if g_u is None and g_s is None and g_vh is None:
            return None, None
        k = s.shape[-1]
        if ctx.full_matrices:  # (PyTorch narrows U and Vh to k columns / rows)
            u, vh = u.narrow(-1, 0, k), vh.narrow(-2, 0, k)
            g_u = None if g_u is None else g_u.narrow(-1, 0, k)
            g_vh = None if g_vh is None else g_vh.narrow(-2, 0, k)
        if g_s is None:
            g_s = s.new_zeros(s.shape)
        if g_u is not None or g_vh is not None:
            g_u = u.new_zeros(u.shape) if g_u is None else g_u
            g_vh = vh.new_zeros(vh.shape) if g_vh is None else g_vh
        return svd_backward(g_u, g_s, g_vh, u, s, vh), None


def svd_backward(g_u: Any, g_s: Tensor, g_vh: Any, u: Tensor, s: Tensor, vh: Tensor) -> Tensor:
    m, n = u.shape[-2], vh.shape[-1]
    if g_u is None and g_vh is None:  # only the singular values: U diag(grad_S) Vh, the
        if m >= n:                      # product taken on the smaller side, as PyTorch does
            return u @ (g_s.unsqueeze(-1) * vh)
        return (u * g_s.unsqueeze(-2)) @ vh
    u_gu = _t(u) @ g_u
    v_gv = vh @ _t(g_vh)
    s2 = s * s
    gaps = s2.unsqueeze(-2) - s2.unsqueeze(-1) + _eye_like(s.shape[-1], s)
    inner = ((u_gu - _t(u_gu)) * s.unsqueeze(-2) + s.unsqueeze(-1) * (v_gv - _t(v_gv))) / gaps
    inner = inner + _diag_embed(g_s)
    if m > n:
        g_u_sinv = g_u / s.unsqueeze(-2)
        return (u @ inner + g_u_sinv - u @ (_t(u) @ g_u_sinv)) @ vh
    if m < n:
        g_vh_sinv = g_vh / s.unsqueeze(-1)
        return u @ (inner @ vh + g_vh_sinv - (g_vh_sinv @ _t(vh)) @ vh)
    return u @ (inner @ vh)


def _check_matrix(a: Tensor, name: str) -> None:
    if a.ndim < 2:
        raise RuntimeError(f"linalg.{name}: The input tensor A must have at least 2 "
                           "dimensions.")
    _check_float(a, name)


def svd(a: Tensor, full_matrices: bool = True) -> Any:
    _check_matrix(a, "svd")
    return svd_result(*Svd.apply(a, full_matrices))


def svdvals(a: Tensor) -> Tensor:
    _check_matrix(a, "svd")
    return Svd.apply(a, False)[1]


class Qr(Function):
    """Q, R with A = QR (Q orthonormal columns, R upper triangular)

    m ≥ n: grad_A = (grad_Q + Q copyltu(M)) R⁻ᵀ, M = R grad_Rᵀ - grad_Qᵀ Q,
    copyltu(M) = the lower triangle of M mirrored onto the upper;
    m < n: A = [X | Y], R = [U | V]: the same for X = QU with grad_Q + Y grad_Vᵀ, grad_Y = Q grad_V
    """

    node_name = "LinalgQrBackward0"
    saved_tensor_names = ("Q", "R")
    saved_options = {"mode": None}

    @staticmethod
    def forward(ctx: Any, a: Tensor, mode: str) -> Any:
        xp = a._xp
        ctx.mode = mode
        ctx.set_materialize_grads(False)  # (PyTorch's rule skips an unused Q or R)
        if mode == "r":  # (no Q: an empty one stands in, saved as PyTorch saves it)
            q, r = xp.zeros((0,), dtype=a._data.dtype), xp.linalg.qr(a._data, mode="r")
        else:
            q, r = xp.linalg.qr(a._data, mode=mode)
        q, r = column_major(xp, q), column_major(xp, r)  # (LAPACK's layout)
        ctx.save_for_backward(q, r)
        return q, r

    @staticmethod
    def backward(ctx: Any, g_q: Tensor, g_r: Tensor) -> tuple[Tensor, None]:
        if ctx.mode == "r":
            raise RuntimeError(
                "The derivative of linalg.qr depends on Q, which is not computed when "
                "mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to "
                "differentiate through linalg.qr.")
        q, r = ctx.saved_tensors
        m, n = q.shape[-2], r.shape[-1]
        if ctx.mode == "complete" and m > n:
            raise RuntimeError("The QR decomposition is not differentiable when mode='complete' "
                               "and nrows > ncols.")
        if g_q is None and g_r is None:
            return None, None
        if m >= n:
            return _qr_tall_backward(g_q, g_r, q, r), None
        g_q = g_q if g_q is not None else q.new_zeros(q.shape)
        g_r = g_r if g_r is not None else r.new_zeros(r.shape)
        x_part, y_part = q @ r[..., :, :m], q @ r[..., :, m:]
        g_x = _qr_square_backward(g_q + y_part @ _t(g_r[..., :, m:]), g_r[..., :, :m], q,
                                  r[..., :, :m])
        from .. import cat

        del x_part
        return cat([g_x, q @ g_r[..., :, m:]], -1), None


def _qr_tall_backward(g_q: Any, g_r: Any, q: Tensor, r: Tensor) -> Tensor:
    """PyTorch's rule for m ≥ n (an unused Q or R gives None):
    M = grad_R Rᵀ - Qᵀ grad_Q,  B = Q syminvadj(triu(M)) + grad_Q,  grad_A = B R⁻ᵀ
    with syminvadj(X) = X + Xᵀ, its diagonal halved, and R⁻ᵀ a triangular solve."""
    from .linalg_more import SolveTriangular

    if g_q is None:
        m = g_r @ r.mT
    elif g_r is None:
        m = -(q.mT @ g_q)
    else:
        m = g_r @ r.mT - q.mT @ g_q
    m = m.triu()
    sym = m + m.mT
    sym.diagonal(0, -2, -1).mul_(0.5)
    b = q @ sym
    if g_q is not None:
        b = b + g_q
    return SolveTriangular.apply(r.mT, b, False, False, False)


def _qr_square_backward(g_q: Tensor, g_r: Tensor, q: Tensor, r: Tensor) -> Tensor:
    m = r @ _t(g_r) - _t(g_q) @ q
    lower = m.tril(-1)
    copyltu = lower + _t(lower) + _diag_embed(m.diagonal(0, -2, -1))
    return (g_q + q @ copyltu) @ _t(_kit().linalg.inv(r))


def qr(a: Tensor, mode: str = "reduced") -> Any:
    if mode not in ("reduced", "r", "complete"):
        raise RuntimeError(f"qr received unrecognized mode '{mode}' but expected one of "
                           "'reduced' (default), 'r', or 'complete'")
    _check_matrix(a, "qr")
    return qr_result(*Qr.apply(a, mode))


class Cholesky(Function):
    """L, lower triangular with A = L Lᵀ

    grad_A = sym(L⁻ᵀ Φ(Lᵀ grad) L⁻¹),  Φ = the lower triangle with its diagonal halved,
    sym(X) = (X + Xᵀ) / 2
    """

    node_name = "LinalgCholeskyExBackward0"
    error_name = "linalg.cholesky"  # (how its errors begin)
    saved_tensor_names = ("L",)
    saved_options = {"upper": None}

    @staticmethod
    def forward(ctx: Any, a: Tensor, upper: bool) -> Any:
        xp = a._xp
        try:
            low = checked(xp, lambda: xp.linalg.cholesky(a._data), a._data)
        except Exception:
            raise LinAlgError(_not_positive_definite(a, ctx._function.error_name)) from None
        ctx.upper = upper
        out = column_major(xp, xp.swapaxes(low, -1, -2) if upper else low)  # (LAPACK's)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        """As PyTorch's cholesky_backward: Φ = tril(Lᵀ grad), Φ = ½ (Φ + tril(Φ, -1)ᵀ), then
        two triangular solves, grad_A = L⁻ᵀ Φ L⁻¹."""
        from .linalg_more import SolveTriangular

        (low,) = ctx.saved_tensors
        if ctx.upper:
            low, grad = low.mT, grad.mT
        phi = low.mT.matmul(grad).tril()
        phi = times_number(phi + phi.tril(-1).mT, 0.5)  # (C++'s 0.5 * t: MulBackward1)
        phi = SolveTriangular.apply(low.mT, phi, True, True, False)
        return SolveTriangular.apply(low, phi, False, False, False), None


def partial_cholesky(matrix: Any) -> tuple[Any, int]:
    """LAPACK's potrf, column by column, for one matrix: (L, info). Where column k (from 1)
    meets lₖₖ² = aₖₖ - Σ lₖⱼ² ≤ 0, it stops with info = k: the columns before are L's, that
    diagonal holds the failed value, and the rest of the lower triangle is A's (as PyTorch's
    cholesky_ex returns it)."""
    low = matrix.copy()
    n = low.shape[-1]
    for k in range(n):
        pivot = low[k, k] - low[k, :k] @ low[k, :k]
        if not pivot > 0:
            low[k, k] = pivot
            return low, k + 1
        low[k, k] = pivot ** 0.5
        low[k + 1:, k] = (low[k + 1:, k] - low[k + 1:, :k] @ low[k, :k]) / low[k, k]
    return low, 0


def _not_positive_definite(a: Tensor, name: str) -> str:
    """PyTorch's message (``name``: the function's): the first failing matrix of a batch
    and its leading minor."""
    data = to_host(a._data).reshape(-1, *a.shape[-2:])
    for i, matrix in enumerate(data):
        info = partial_cholesky(matrix)[1]
        if info:
            batch = f"(Batch element {i}): " if a.ndim > 2 else ""
            return (f"{name}: {batch}The factorization could not be completed because "
                    f"the input is not positive-definite (the leading minor of order {info} is "
                    "not positive-definite).")
    return f"{name}: The factorization could not be completed."


def cholesky(a: Tensor, *, upper: bool = False) -> Tensor:
    check_square(a, "cholesky")
    return Cholesky.apply(a, upper)
