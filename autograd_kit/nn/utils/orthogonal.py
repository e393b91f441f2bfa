"""``nn.utils.parametrizations.orthogonal``: keep a weight matrix orthogonal (QᵀQ = I, or
QQᵀ = I for a wide one) while the optimizer changes an unconstrained tensor X.

X is mapped to an orthogonal Q by one of three maps (PyTorch's):

- ``matrix_exp``: A = L - Lᵀ (L the lower triangle of X, skew-symmetric A), Q = exp(A);
- ``cayley``: Q = (I - A/2)⁻¹ (I + A/2);
- ``householder``: Q = H₁ ⋯ H_k, Hᵢ = I - τᵢ vᵢvᵢᵀ, vᵢ = (0, …, 1, X[i+1:, i]),
  τᵢ = 2 / ‖vᵢ‖², times the signs of X's diagonal.

With ``use_trivialization`` (the default) the result is multiplied by a fixed orthogonal
``base`` (the starting weight made orthogonal), and X starts at -I, where every map gives
the identity: the layer starts at its initial weight's orthogonal part. The gradient flows
through the map's tensor operations.
"""

from __future__ import annotations

from enum import Enum, auto
from typing import Any

from ... import creation, grad_mode, linalg, ops
from ...tensor import Tensor
from ..module import Module
from . import parametrize


class _OrthMaps(Enum):
    """The three maps, named as PyTorch names them (``orth.orthogonal_map`` is one of these)."""

    matrix_exp = auto()
    cayley = auto()
    householder = auto()


def _householder_product(a: Tensor, tau: Tensor) -> Tensor:
    """The first k columns of H₁ ⋯ H_k (LAPACK's orgqr), vᵢ with an implicit 1 at place i."""
    n, k = a.shape[-2], a.shape[-1]
    q = creation.eye(n, dtype=a.dtype).expand(*a.shape[:-2], n, n)
    unit = creation.eye(n, k, dtype=a.dtype)
    reflectors = a.tril(-1) + unit  # column i: vᵢ
    for i in reversed(range(k)):  # Q ← Hᵢ Q, last reflector first
        v = reflectors[..., :, i:i + 1]
        q = q - tau[..., i:i + 1].unsqueeze(-1) * (v @ (v.transpose(-2, -1) @ q))
    return q[..., :k]


def _make_orthogonal(a: Tensor) -> Tensor:
    """The Q of a = QR with R's diagonal made non-negative (a tall)."""
    q, r = linalg.qr(a)
    return q * r.diagonal(dim1=-2, dim2=-1).sgn().unsqueeze(-2)


def _householder_reflectors(q: Tensor) -> Tensor:
    """LAPACK's geqrf of a tall q: the reflectors vᵢ below the diagonal (Q = H₁ ⋯ H_k), R on
    and above it; the diagonal then holds R's signs, flipped where τᵢ = 0 (no reflection), so
    that the householder map gives back q's orthogonal factor."""
    xp = q._xp
    h, tau = xp.linalg.qr(q._data, mode="raw")  # h is the factored matrix, transposed
    a = xp.swapaxes(h, -1, -2).copy()
    k = min(a.shape[-2:])
    signs = xp.sign(a[..., range(k), range(k)])
    signs[tau == 0] *= -1
    a[..., range(k), range(k)] = signs
    return Tensor._make(a)


def _is_orthogonal(q: Tensor) -> bool:
    n, k = q.shape[-2], q.shape[-1]
    eps = 10.0 * n * (2.220446049250313e-16 if q.dtype.itemsize == 8 else 1.1920928955078125e-07)
    return bool((q.transpose(-2, -1) @ q - creation.eye(k, dtype=q.dtype)).abs().max() <= eps)


class _Orthogonal(Module):
    """X ↦ an orthogonal matrix (see the module docstring)."""

    def __init__(self, weight: Tensor, orthogonal_map: str, *,
                 use_trivialization: bool = True) -> None:
        super().__init__()
        self.shape = weight.shape
        self.orthogonal_map = orthogonal_map
        if use_trivialization:
            self.register_buffer("base", None)

    def forward(self, x: Tensor) -> Tensor:
        n, k = x.shape[-2], x.shape[-1]
        transposed = n < k
        if transposed:
            x, n, k = x.transpose(-2, -1), k, n
        if self.orthogonal_map in (_OrthMaps.matrix_exp, _OrthMaps.cayley):
            x = x.tril()
            if n != k:
                x = ops.cat([x, x.new_zeros(n, n - k).expand(*x.shape[:-2], -1, -1)], -1)
            a = x - x.transpose(-2, -1)
            if self.orthogonal_map == _OrthMaps.matrix_exp:
                q = a.matrix_exp()
            else:
                eye = creation.eye(n, dtype=a.dtype)
                q = linalg.solve(eye - a * 0.5, eye + a * 0.5)
            q = q[..., :k] if n != k else q
        else:
            a = x.tril(-1)
            tau = 2.0 / (1.0 + (a * a).sum(-2))
            q = _householder_product(a, tau)
            q = q * x.diagonal(dim1=-2, dim2=-1).int().unsqueeze(-2)
        if hasattr(self, "base"):
            q = self.base @ q
        return q.transpose(-2, -1) if transposed else q

    def right_inverse(self, q: Tensor) -> Tensor:
        """With trivialization: ``base`` becomes q made orthogonal, and X = -I. Without it
        (householder map only): X holds q's Householder reflectors, so that the map gives
        back q's orthogonal factor."""
        with grad_mode.no_grad():
            if q.shape != self.shape:
                raise ValueError(f"Expected a matrix or batch of matrices of shape "
                                 f"{self.shape}. Got a tensor of shape {q.shape}.")
            start = q
            n, k = q.shape[-2], q.shape[-1]
            transposed = n < k
            if transposed:
                q, n, k = q.transpose(-2, -1), k, n
            if not hasattr(self, "base"):
                if self.orthogonal_map != _OrthMaps.householder:
                    raise NotImplementedError("It is not possible to assign to the matrix "
                                              "exponential or the Cayley parametrizations when "
                                              "use_trivialization=False.")
                a = _householder_reflectors(q)
                return a.transpose(-2, -1) if transposed else a
            if n == k:
                q = q.clone() if _is_orthogonal(q) else _make_orthogonal(q)
            else:
                extra = creation.randn(*(tuple(q.shape[:-2]) + (n, n - k)), dtype=q.dtype)
                q = _make_orthogonal(ops.cat([q, extra], -1))
            self.base = q
            neg_eye = creation.zeros_like(start)
            neg_eye.diagonal(dim1=-2, dim2=-1).fill_(-1.0)
            return neg_eye


def orthogonal(module: Module, name: str = "weight", orthogonal_map: str | None = None, *,
               use_trivialization: bool = True) -> Module:
    """Register `_Orthogonal` on ``module.<name>``: it reads as an orthogonal matrix."""
    weight: Any = getattr(module, name, None)
    if not isinstance(weight, Tensor):
        raise ValueError(f"Module '{module}' has no parameter or buffer with name '{name}'")
    if weight.dim() < 2:
        raise ValueError("Expected a matrix or batch of matrices. Got a tensor of "
                         f"{weight.dim()} dimensions.")
    if orthogonal_map is None:
        orthogonal_map = "matrix_exp" if weight.shape[-2] == weight.shape[-1] else "householder"
    if orthogonal_map not in _OrthMaps.__members__:
        raise ValueError('orthogonal_map has to be one of "matrix_exp", "cayley", '
                         f'"householder". Got: {orthogonal_map}')
    orth = _Orthogonal(weight, _OrthMaps[orthogonal_map], use_trivialization=use_trivialization)
    parametrize.register_parametrization(module, name, orth, unsafe=True)
    return module


orthogonal.__module__ = "autograd_kit.nn.utils.parametrizations"  # its public home
