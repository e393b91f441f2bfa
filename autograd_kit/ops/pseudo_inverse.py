"""``linalg.pinv`` and ``linalg.matrix_rank``, with PyTorch's tolerances and forms.

Both cut off the singular values σ at or below tol = max(atol, rtol · σ_max), PyTorch's
``get_atol_rtol``: atol defaults to 0; rtol to ε · max(m, n) when atol is not given (or not
positive), else to 0. With ``hermitian=True`` the singular values are |λ| of ``eigh`` (which
reads the lower triangle only, and needs square matrices): A⁺ = U diag(1/λ) Uᵀ over the
kept λ. The older forms ``pinv(A, rcond, hermitian)`` (rtol = rcond, atol = 0) and
``matrix_rank(A, tol, hermitian)`` (atol = tol, rtol = 0) are PyTorch's too.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..tensor import Tensor

_UNSET: Any = object()


class Pinv(Function):
    """P = A⁺ (through the SVD, or ``eigh`` for ``hermitian=True``; small singular values cut
    off)

    grad_A = -Pᵀ G Pᵀ + (I - A P) Gᵀ P Pᵀ + Pᵀ P Gᵀ (I - P A)
    (for a matrix whose rank does not change nearby), grouped as PyTorch's pinv_backward
    with K = Gᵀ P (m ≤ n) or K = P Gᵀ (m > n) so that the products stay small
    """

    node_name = "LinalgPinvBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor, rtol: Any, atol: Any = None, hermitian: bool = False) -> Any:
        xp, data = a._xp, a._data
        if atol is None and not hermitian and numpy.ndim(rtol) == 0:
            p = xp.linalg.pinv(data, rcond=rtol)
        else:
            p = _pinv_with_tolerance(xp, data, atol, rtol, hermitian)
        p = p.astype(data.dtype, copy=False)
        ctx.save_for_backward(a, p)
        return p

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        a, p = ctx.saved_tensors
        pt, gt = p.mT, grad.mT
        if a.shape[-2] <= a.shape[-1]:
            k = gt.matmul(p)
            k_pt = k.matmul(pt)
            return (-(p.matmul(k)).mT + k_pt - (a.matmul(p)).matmul(k_pt)
                    + (pt.matmul(p)).matmul(gt - k.matmul(a))), None, None, None
        k = p.matmul(gt)
        pt_k = pt.matmul(k)
        return (-(k.matmul(p)).mT + (gt - a.matmul(k)).matmul(p).matmul(pt) + pt_k
                - pt_k.matmul(p).matmul(a)), None, None, None


def _cut(xp: Any, s: Any, largest: Any, atol: Any, rtol: Any) -> Any:
    """max(atol, rtol · σ_max), per matrix (atol and rtol may be batched)."""
    atol = xp.asarray(0.0 if atol is None else atol)[..., None]
    rtol = xp.asarray(rtol)[..., None]
    cut = xp.maximum(atol, rtol * largest)
    return cut.astype(s.dtype) if atol.ndim == 1 and rtol.ndim == 1 else cut


def _pinv_with_tolerance(xp: Any, data: Any, atol: Any, rtol: Any, hermitian: bool) -> Any:
    m, n = data.shape[-2:]
    if m == 0 or n == 0:
        return xp.zeros(data.shape[:-2] + (n, m), dtype=data.dtype)
    if hermitian:
        w, u = xp.linalg.eigh(data)
        size = xp.abs(w)
        cut = _cut(xp, w, size.max(axis=-1, keepdims=True), atol, rtol)
        inverse = xp.where(size > cut, 1 / w, 0).astype(data.dtype)
        return xp.matmul(u * inverse[..., None, :], xp.swapaxes(u, -1, -2))
    u, s, vt = xp.linalg.svd(data, full_matrices=False)
    cut = _cut(xp, s, s[..., :1], atol, rtol)
    inverse = xp.where(s > cut, 1 / s, 0).astype(data.dtype)
    return xp.matmul(xp.swapaxes(vt, -1, -2), inverse[..., None] * xp.swapaxes(u, -1, -2))


def _default_rtol(a: Tensor) -> float:
    return float(numpy.finfo(a._data.dtype).eps) * max(a.shape[-2:])


def _value(tolerance: Any) -> Any:
    """A tolerance as a number or an array (a tensor's values, in float64)."""
    if isinstance(tolerance, Tensor):
        return tolerance._data.astype("float64")
    return None if tolerance is None else float(tolerance)


def _tolerances(a: Tensor, atol: Any, rtol: Any) -> tuple[Any, Any]:
    """PyTorch's get_atol_rtol: (atol, rtol) with their defaults."""
    atol, rtol = _value(atol), _value(rtol)
    if rtol is None:
        rtol = _default_rtol(a)
        if atol is not None:
            rtol = numpy.where(numpy.asarray(atol) > 0, 0.0, rtol)
            rtol = float(rtol) if rtol.ndim == 0 else a._xp.asarray(rtol)
    return atol, rtol


def _check_square(a: Tensor) -> None:
    from .decompositions import check_square

    check_square(a, "eigh")


def _check_input(a: Tensor) -> None:
    if a.ndim < 2 or a.dtype.name not in ("float32", "float64"):
        shape = ", ".join(str(size) for size in a.shape)
        raise RuntimeError(f"linalg.pinv({dtypes.scalar_type_word(a.dtype.name)}{{[{shape}]}}): "
                           "expected a tensor with 2 or more dimensions of float, double, "
                           "cfloat or cdouble types")


def pinv(A: Tensor, rcond: Any = _UNSET, hermitian: bool = False, *,  # noqa: N803
         atol: Any = None, rtol: Any = None) -> Tensor:
    """A⁺, the pseudo-inverse (see the module docstring for the tolerances)."""
    _check_input(A)
    if rcond is not _UNSET:
        if atol is not None or rtol is not None:
            raise TypeError("linalg_pinv() received an invalid combination of arguments")
        atol, rtol = None, _value(rcond)
        atol_given = False
    else:
        atol_given = atol is not None
        atol, rtol = _tolerances(A, atol, rtol)
    if hermitian and A.numel():
        _check_square(A)
    if not atol_given and not hermitian and numpy.ndim(rtol) == 0:
        return Pinv.apply(A, rtol)
    return Pinv.apply(A, rtol, atol, hermitian)


def matrix_rank(A: Tensor, tol: Any = _UNSET, hermitian: bool = False, *,  # noqa: N803
                atol: Any = None, rtol: Any = None) -> Tensor:
    """How many singular values (|eigenvalues| for ``hermitian=True``) are above
    max(atol, rtol · the largest)."""
    from .decompositions import _check_matrix

    if A.ndim < 2:
        raise RuntimeError("torch.linalg.matrix_rank: The input tensor input must have at "
                           "least 2 dimensions.")
    if A.dtype.name not in ("float32", "float64"):
        raise RuntimeError("This function doesn't handle types other than float and double")
    _check_matrix(A, "matrix_rank")
    if tol is not _UNSET:
        if atol is not None or rtol is not None:
            raise TypeError("linalg_matrix_rank() received an invalid combination of arguments")
        atol, rtol = _value(tol), 0.0
    else:
        atol, rtol = _tolerances(A, atol, rtol)
    xp = A._xp
    if not A.numel():
        return Tensor._make(xp.zeros(A.shape[:-2], dtype="int64"))
    if hermitian:
        _check_square(A)
        s = xp.abs(xp.linalg.eigvalsh(A._data))
    else:
        s = xp.linalg.svd(A._data, compute_uv=False)
    cut = _cut(xp, s, s.max(axis=-1, keepdims=True), atol, rtol)
    return Tensor._make(xp.asarray((s > cut).sum(axis=-1), dtype="int64"))
