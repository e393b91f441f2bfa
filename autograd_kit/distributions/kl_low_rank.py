"""KL divergences involving LowRankMultivariateNormal (Σ = W Wᵀ + D):

    KL(p ‖ q) = ½ (log det Σq - log det Σp + tr(Σq⁻¹ Σp) + (μq - μp)ᵀ Σq⁻¹ (μq - μp) - k)

with tr(Σq⁻¹ Σp) expanded through Woodbury, Σq⁻¹ = Dq⁻¹ - Aᵀ A, A = L_C⁻¹ Wqᵀ Dq⁻¹,
so nothing k x k is inverted.
"""

from __future__ import annotations

from .. import linalg
from ..tensor import Tensor
from ..tensor_queries import broadcast_shapes
from .kl import register_kl
from .kl_pairs import _batch_trace_xxt
from .lowrank_multivariate_normal import (
    LowRankMultivariateNormal,
    _batch_lowrank_mahalanobis,
)
from .multivariate_normal import MultivariateNormal, batch_mahalanobis


def _check_event_shapes(p: object, q: object, what: str) -> None:
    if p.event_shape != q.event_shape:  # type: ignore[attr-defined]
        raise ValueError(
            f"KL-divergence between two {what} with"
            "                          different event shapes cannot be computed"
        )


def _woodbury_a(q: LowRankMultivariateNormal) -> Tensor:
    """A = L_C⁻¹ Wqᵀ Dq⁻¹ (so that Σq⁻¹ = Dq⁻¹ - Aᵀ A)."""
    q_wt_dinv = q._unbroadcasted_cov_factor.mT / q._unbroadcasted_cov_diag.unsqueeze(-2)
    return linalg.solve_triangular(q._capacitance_tril, q_wt_dinv, upper=False)


def _low_rank_mahalanobis(q: LowRankMultivariateNormal, diff: Tensor) -> Tensor:
    return _batch_lowrank_mahalanobis(
        q._unbroadcasted_cov_factor, q._unbroadcasted_cov_diag, diff, q._capacitance_tril
    )


@register_kl(LowRankMultivariateNormal, LowRankMultivariateNormal)
def _kl_lowrankmultivariatenormal_lowrankmultivariatenormal(
    p: LowRankMultivariateNormal, q: LowRankMultivariateNormal
) -> Tensor:
    _check_event_shapes(p, q, "Low Rank Multivariate Normals")
    term1 = q._log_det() - p._log_det()
    term3 = _low_rank_mahalanobis(q, q.loc - p.loc)
    a = _woodbury_a(q)
    p_w, p_d = p._unbroadcasted_cov_factor, p._unbroadcasted_cov_diag
    q_d = q._unbroadcasted_cov_diag
    term21 = (p_d / q_d).sum(-1)
    term22 = _batch_trace_xxt(p_w * q_d.rsqrt().unsqueeze(-1))
    term23 = _batch_trace_xxt(a * p_d.sqrt().unsqueeze(-2))
    term24 = _batch_trace_xxt(a.matmul(p_w))
    term2 = term21 + term22 - term23 - term24
    return 0.5 * (term1 + term2 + term3 - p.event_shape[0])


@register_kl(MultivariateNormal, LowRankMultivariateNormal)
def _kl_multivariatenormal_lowrankmultivariatenormal(
    p: MultivariateNormal, q: LowRankMultivariateNormal
) -> Tensor:
    _check_event_shapes(p, q, "(Low Rank) Multivariate Normals")
    term1 = q._log_det() - 2 * p._half_log_det()
    term3 = _low_rank_mahalanobis(q, q.loc - p.loc)
    a = _woodbury_a(q)
    p_tril = p._unbroadcasted_scale_tril
    term21 = _batch_trace_xxt(p_tril * q._unbroadcasted_cov_diag.rsqrt().unsqueeze(-1))
    term22 = _batch_trace_xxt(a.matmul(p_tril))
    return 0.5 * (term1 + (term21 - term22) + term3 - p.event_shape[0])


@register_kl(LowRankMultivariateNormal, MultivariateNormal)
def _kl_lowrankmultivariatenormal_multivariatenormal(
    p: LowRankMultivariateNormal, q: MultivariateNormal
) -> Tensor:
    _check_event_shapes(p, q, "(Low Rank) Multivariate Normals")
    term1 = 2 * q._half_log_det() - p._log_det()
    term3 = batch_mahalanobis(q._unbroadcasted_scale_tril, q.loc - p.loc)
    combined_batch_shape = broadcast_shapes(
        q._unbroadcasted_scale_tril.shape[:-2], p._unbroadcasted_cov_factor.shape[:-2]
    )
    n = p.event_shape[0]
    q_scale_tril = q._unbroadcasted_scale_tril.expand(combined_batch_shape + (n, n))
    p_cov_factor = p._unbroadcasted_cov_factor.expand(
        combined_batch_shape + (n, p.cov_factor.size(-1))
    )
    p_cov_diag = p._unbroadcasted_cov_diag.sqrt().diag_embed().expand(combined_batch_shape + (n, n))
    term21 = _batch_trace_xxt(linalg.solve_triangular(q_scale_tril, p_cov_factor, upper=False))
    term22 = _batch_trace_xxt(linalg.solve_triangular(q_scale_tril, p_cov_diag, upper=False))
    return 0.5 * (term1 + (term21 + term22) + term3 - p.event_shape[0])
