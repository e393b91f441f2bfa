"""`LowRankMultivariateNormal(loc, cov_factor W, cov_diag d)`: Σ = W Wᵀ + diag(d).

With W of shape k × m (m ≪ k), everything costs O(k m²) through the capacitance matrix
C = I + Wᵀ D⁻¹ W (Woodbury and the matrix determinant lemma):
    log det Σ = log det C + Σ log d,   xᵀ Σ⁻¹ x = xᵀ D⁻¹ x - ‖L_C⁻¹ Wᵀ D⁻¹ x‖²
    rsample:   x = μ + W ε_W + √d ⊙ ε_D
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation, linalg
from ..tensor import Size, Tensor
from ..tensor_queries import broadcast_tensors
from . import constraints
from .distribution import Distribution
from .multivariate_normal import batch_mahalanobis, batch_mv
from .utils import lazy_property, standard_normal


def _plus_identity(matrix: Tensor) -> Tensor:
    """M + I (PyTorch adds 1 to the diagonal in place; the values are the same)."""
    n = matrix.size(-1)
    return matrix + creation.eye(n, dtype=matrix.dtype, device=matrix.device)


def _batch_capacitance_tril(w: Tensor, d: Tensor) -> Tensor:
    """Cholesky factor of C = I + Wᵀ D⁻¹ W."""
    wt_dinv = w.mT / d.unsqueeze(-2)
    return linalg.cholesky(_plus_identity(wt_dinv.matmul(w)))


def _batch_lowrank_logdet(w: Tensor, d: Tensor, capacitance_tril: Tensor) -> Tensor:
    """log det Σ = 2 Σ log diag(L_C) + Σ log d."""
    return 2 * capacitance_tril.diagonal(dim1=-2, dim2=-1).log().sum(-1) + d.log().sum(-1)


def _batch_lowrank_mahalanobis(w: Tensor, d: Tensor, x: Tensor, capacitance_tril: Tensor) -> Tensor:
    """xᵀ Σ⁻¹ x = Σ x²/d - ‖L_C⁻¹ Wᵀ D⁻¹ x‖²."""
    wt_dinv_x = batch_mv(w.mT / d.unsqueeze(-2), x)
    return (x.pow(2) / d).sum(-1) - batch_mahalanobis(capacitance_tril, wt_dinv_x)


class LowRankMultivariateNormal(Distribution):
    """Multivariate normal with covariance `cov_factor @ cov_factor.mT + diag(cov_diag)`."""

    arg_constraints = {
        "loc": constraints.real_vector,
        "cov_factor": constraints.independent(constraints.real, 2),
        "cov_diag": constraints.independent(constraints.positive, 1),
    }
    support = constraints.real_vector
    has_rsample = True

    def __init__(
        self,
        loc: Tensor,
        cov_factor: Tensor,
        cov_diag: Tensor,
        validate_args: bool | None = None,
    ) -> None:
        if loc.dim() < 1:
            raise ValueError("loc must be at least one-dimensional.")
        event_shape = loc.shape[-1:]
        if cov_factor.dim() < 2:
            raise ValueError(
                "cov_factor must be at least two-dimensional, "
                "with optional leading batch dimensions"
            )
        if cov_factor.shape[-2:-1] != event_shape:
            raise ValueError(
                f"cov_factor must be a batch of matrices with shape {event_shape[0]} x m"
            )
        if cov_diag.shape[-1:] != event_shape:
            raise ValueError(f"cov_diag must be a batch of vectors with shape {event_shape}")
        try:
            loc_, self.cov_factor, cov_diag_ = broadcast_tensors(
                loc.unsqueeze(-1), cov_factor, cov_diag.unsqueeze(-1)
            )
        except RuntimeError as e:
            raise ValueError(
                f"Incompatible batch shapes: loc {loc.shape}, cov_factor {cov_factor.shape}, "
                f"cov_diag {cov_diag.shape}"
            ) from e
        self.loc = loc_[..., 0]
        self.cov_diag = cov_diag_[..., 0]
        self._unbroadcasted_cov_factor = cov_factor
        self._unbroadcasted_cov_diag = cov_diag
        self._capacitance_tril = _batch_capacitance_tril(cov_factor, cov_diag)
        super().__init__(self.loc.shape[:-1], event_shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> LowRankMultivariateNormal:
        new = self._get_checked_instance(LowRankMultivariateNormal, _instance)
        batch_shape = Size(batch_shape)
        loc_shape = batch_shape + self.event_shape
        new.loc = self.loc.expand(loc_shape)
        new.cov_diag = self.cov_diag.expand(loc_shape)
        new.cov_factor = self.cov_factor.expand(loc_shape + self.cov_factor.shape[-1:])
        new._unbroadcasted_cov_factor = self._unbroadcasted_cov_factor
        new._unbroadcasted_cov_diag = self._unbroadcasted_cov_diag
        new._capacitance_tril = self._capacitance_tril
        super(LowRankMultivariateNormal, new).__init__(
            batch_shape, self.event_shape, validate_args=False
        )
        new._validate_args = self._validate_args
        return new

    def _matrix_shape(self) -> Size:
        return self._batch_shape + self._event_shape + self._event_shape

    @property
    def mean(self) -> Tensor:
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc

    @lazy_property
    def variance(self) -> Tensor:
        """diag Σ = Σ_j W_ij² + d_i."""
        w, d = self._unbroadcasted_cov_factor, self._unbroadcasted_cov_diag
        return (w.pow(2).sum(-1) + d).expand(self._batch_shape + self._event_shape)

    @lazy_property
    def scale_tril(self) -> Tensor:
        """√d ⊙ chol(I + D^(-½) W Wᵀ D^(-½))."""
        sqrt_d = self._unbroadcasted_cov_diag.sqrt().unsqueeze(-1)
        dinvsqrt_w = self._unbroadcasted_cov_factor / sqrt_d
        k = _plus_identity(dinvsqrt_w.matmul(dinvsqrt_w.mT))
        return (sqrt_d * linalg.cholesky(k)).expand(self._matrix_shape())

    @lazy_property
    def covariance_matrix(self) -> Tensor:
        """W Wᵀ + diag(d)."""
        w = self._unbroadcasted_cov_factor
        covariance = w.matmul(w.mT) + self._unbroadcasted_cov_diag.diag_embed()
        return covariance.expand(self._matrix_shape())

    @lazy_property
    def precision_matrix(self) -> Tensor:
        """Woodbury: D⁻¹ - Aᵀ A, A = L_C⁻¹ Wᵀ D⁻¹."""
        wt_dinv = self._unbroadcasted_cov_factor.mT / self._unbroadcasted_cov_diag.unsqueeze(-2)
        a = linalg.solve_triangular(self._capacitance_tril, wt_dinv, upper=False)
        precision = self._unbroadcasted_cov_diag.reciprocal().diag_embed() - a.mT @ a
        return precision.expand(self._matrix_shape())

    def rsample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """μ + W ε_W + √d ⊙ ε_D."""
        shape = self._extended_shape(sample_shape)
        w_shape = shape[:-1] + self.cov_factor.shape[-1:]
        eps_w = standard_normal(w_shape, dtype=self.loc.dtype, device=self.loc.device)
        eps_d = standard_normal(shape, dtype=self.loc.dtype, device=self.loc.device)
        w, d = self._unbroadcasted_cov_factor, self._unbroadcasted_cov_diag
        return self.loc + batch_mv(w, eps_w) + d.sqrt() * eps_d

    def _log_det(self) -> Tensor:
        w, d = self._unbroadcasted_cov_factor, self._unbroadcasted_cov_diag
        return _batch_lowrank_logdet(w, d, self._capacitance_tril)

    def log_prob(self, value: Tensor) -> Tensor:
        """-½ (k log 2π + log det Σ + (x - μ)ᵀ Σ⁻¹ (x - μ))."""
        if self._validate_args:
            self._validate_sample(value)
        diff = value - self.loc
        w, d = self._unbroadcasted_cov_factor, self._unbroadcasted_cov_diag
        m = _batch_lowrank_mahalanobis(w, d, diff, self._capacitance_tril)
        return -0.5 * (self._event_shape[0] * math.log(2 * math.pi) + self._log_det() + m)

    def entropy(self) -> Tensor:
        """½ (k (1 + log 2π) + log det Σ)."""
        h = 0.5 * (self._event_shape[0] * (1.0 + math.log(2 * math.pi)) + self._log_det())
        return h if len(self._batch_shape) == 0 else h.expand(self._batch_shape)
