"""`Wishart(df ν, covariance_matrix=Σ | precision_matrix=Σ⁻¹ | scale_tril=L)`: random
p×p positive definite matrices, X = Σ_k z_k z_kᵀ for ν draws z_k ~ N(0, Σ).

    log p(X) = -ν (p log 2 / 2 + Σ_i log L_ii) - log Γ_p(ν/2)
               + (ν - p - 1)/2 log det X - tr(Σ⁻¹ X)/2
    H = (p + 1)(p log 2 / 2 + Σ_i log L_ii) + log Γ_p(ν/2) - (ν - p - 1)/2 ψ_p(ν/2) + ν p/2
    mean ν Σ,  mode (ν - p - 1) Σ (nan where ν ≤ p + 1),  variance ν (Σ_ij² + Σ_ii Σ_jj)
rsample is Bartlett's decomposition: X = (L A)(L A)ᵀ, A lower triangular with
A_ii = √χ²(ν - i) and standard normals below the diagonal (PyTorch's draws, in its order,
and its "Singular sample detected." correction pass).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from .. import creation, linalg
from ..dtypes import finfo
from ..namespace_more import mvlgamma
from ..ops.arrange import tril_indices
from ..ops.cholesky_solves import cholesky_solve
from ..ops.products import einsum
from ..tensor import Size, Tensor
from ..tensor_queries import broadcast_shapes
from . import constraints
from .chi2 import Chi2
from .exp_family import ExponentialFamily
from .multivariate_normal import precision_to_scale_tril
from .utils import lazy_property

_LOG_2 = math.log(2)


def _mvdigamma(x: Tensor, p: int) -> Tensor:
    """ψ_p(x) = Σ_{i<p} ψ(x - i/2), the derivative of log Γ_p (defined for x > (p - 1)/2)."""
    if not x.gt((p - 1) / 2).all():
        raise AssertionError("Wrong domain for multivariate digamma function.")
    halves = creation.arange(p, dtype=x.dtype, device=x.device).div(2)
    return (x.unsqueeze(-1) - halves.expand(x.shape + (-1,))).digamma().sum(-1)


class Wishart(ExponentialFamily):
    """Wishart distribution with `df` degrees of freedom and scale Σ (or Σ⁻¹, or L)."""

    support = constraints.positive_definite
    has_rsample = True
    _mean_carrier_measure = 0

    @property
    def arg_constraints(self) -> dict[str, constraints.Constraint]:  # type: ignore[override]
        """The matrices' constraints, and ν > p - 1."""
        return {
            "covariance_matrix": constraints.positive_definite,
            "precision_matrix": constraints.positive_definite,
            "scale_tril": constraints.lower_cholesky,
            "df": constraints.greater_than(self.event_shape[-1] - 1),
        }

    def __init__(self, df: Tensor | float, covariance_matrix: Tensor | None = None,
                 precision_matrix: Tensor | None = None, scale_tril: Tensor | None = None,
                 validate_args: bool | None = None) -> None:
        given = [m is not None for m in (covariance_matrix, scale_tril, precision_matrix)]
        if sum(given) != 1:
            raise AssertionError("Exactly one of covariance_matrix or precision_matrix or "
                                 "scale_tril may be specified.")
        param = next(m for m in (covariance_matrix, precision_matrix, scale_tril)
                     if m is not None)
        if param.dim() < 2:
            raise ValueError("scale_tril must be at least two-dimensional, with optional "
                             "leading batch dimensions")
        if isinstance(df, Tensor):
            batch_shape = broadcast_shapes(param.shape[:-2], df.shape)
            self.df = df.expand(batch_shape)
        else:
            batch_shape = Size(param.shape[:-2])
            self.df = creation.tensor(df, dtype=param.dtype, device=param.device)
        event_shape = param.shape[-2:]
        p = event_shape[-1]
        if self.df.le(p - 1).any():
            raise ValueError(f"Value of df={df} expected to be greater than ndim - 1 = {p - 1}.")
        name = ("scale_tril" if scale_tril is not None else
                "covariance_matrix" if covariance_matrix is not None else "precision_matrix")
        setattr(self, name, param.expand(batch_shape + (-1, -1)))
        if self.df.lt(p).any():
            warnings.warn("Low df values detected. Singular samples are highly likely to occur "
                          "for ndim - 1 < df < ndim.", stacklevel=2)
        super().__init__(batch_shape, event_shape, validate_args=validate_args)
        self._batch_dims = [-(x + 1) for x in range(len(self._batch_shape))]
        if scale_tril is not None:
            self._unbroadcasted_scale_tril = scale_tril
        elif covariance_matrix is not None:
            self._unbroadcasted_scale_tril = linalg.cholesky(covariance_matrix)
        else:
            self._unbroadcasted_scale_tril = precision_to_scale_tril(precision_matrix)
        self._dist_chi2 = self._bartlett_chi2(batch_shape)

    def _bartlett_chi2(self, batch_shape: Size) -> Chi2:
        """χ²(ν - i) for i < p: the squared diagonal of Bartlett's factor."""
        factor = self._unbroadcasted_scale_tril
        steps = creation.arange(self._event_shape[-1], dtype=factor.dtype, device=factor.device)
        return Chi2(df=self.df.unsqueeze(-1) - steps.expand(batch_shape + (-1,)))

    def expand(self, batch_shape: Any, _instance: Any = None) -> Wishart:
        new = self._get_checked_instance(Wishart, _instance)
        batch_shape = Size(batch_shape)
        cov_shape = batch_shape + self.event_shape
        new._unbroadcasted_scale_tril = self._unbroadcasted_scale_tril.expand(cov_shape)
        new.df = self.df.expand(batch_shape)
        new._batch_dims = [-(x + 1) for x in range(len(batch_shape))]
        for name in ("covariance_matrix", "scale_tril", "precision_matrix"):
            if name in self.__dict__:
                setattr(new, name, getattr(self, name).expand(cov_shape))
        super(Wishart, new).__init__(batch_shape, self.event_shape, validate_args=False)
        new._dist_chi2 = new._bartlett_chi2(batch_shape)
        new._validate_args = self._validate_args
        return new

    def _matrix_shape(self) -> Size:
        return self._batch_shape + self._event_shape

    @lazy_property
    def scale_tril(self) -> Tensor:
        """L, expanded to the batch."""
        return self._unbroadcasted_scale_tril.expand(self._matrix_shape())

    @lazy_property
    def covariance_matrix(self) -> Tensor:
        """Σ = L Lᵀ."""
        factor = self._unbroadcasted_scale_tril
        return (factor @ factor.transpose(-2, -1)).expand(self._matrix_shape())

    @lazy_property
    def precision_matrix(self) -> Tensor:
        """Σ⁻¹, solved from L (cholesky_solve of the identity)."""
        factor = self._unbroadcasted_scale_tril
        eye = creation.eye(self._event_shape[-1], device=factor.device, dtype=factor.dtype)
        return cholesky_solve(eye, factor).expand(self._matrix_shape())

    def _per_matrix(self, values: Tensor) -> Tensor:
        """A batch-shaped tensor viewed as one 1×1 factor per matrix."""
        return values.view(self._batch_shape + (1, 1))

    @property
    def mean(self) -> Tensor:
        """ν Σ."""
        return self._per_matrix(self.df) * self.covariance_matrix

    @property
    def mode(self) -> Tensor:
        """(ν - p - 1) Σ, nan where ν ≤ p + 1."""
        factor = self.df - self.covariance_matrix.shape[-1] - 1
        factor[factor <= 0] = math.nan
        return self._per_matrix(factor) * self.covariance_matrix

    @property
    def variance(self) -> Tensor:
        """ν (Σ_ij² + Σ_ii Σ_jj)."""
        cov = self.covariance_matrix
        diagonal = cov.diagonal(dim1=-2, dim2=-1)
        outer = einsum("...i,...j->...ij", diagonal, diagonal)
        return self._per_matrix(self.df) * (cov.pow(2) + outer)

    def _bartlett_sampling(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """(L A)(L A)ᵀ: A's diagonal √χ² (at least eps), normals below it."""
        p = self._event_shape[-1]
        roots = self._dist_chi2.rsample(sample_shape).sqrt()
        noise = roots.clamp(min=finfo(roots.dtype).eps).diag_embed(dim1=-2, dim2=-1)
        i, j = tril_indices(p, p, offset=-1)
        noise[..., i, j] = creation.randn(Size(sample_shape) + self._batch_shape
                                          + (p * (p - 1) // 2,), dtype=noise.dtype,
                                          device=noise.device)
        chol = self._unbroadcasted_scale_tril @ noise
        return chol @ chol.transpose(-2, -1)

    def _checked(self, sample: Tensor) -> Tensor:
        """support.check per sample, folded over the batch with amax."""
        check = self.support.check(sample)
        return check.amax(self._batch_dims) if self._batch_shape else check

    def rsample(self, sample_shape: Any = Size(),  # noqa: B008
                max_try_correction: int | None = None) -> Tensor:
        """Bartlett samples, then PyTorch's correction pass: the samples it flags (its test
        is `support.check` itself, so every valid sample) are drawn again, with a
        "Singular sample detected." warning, up to ``max_try_correction`` (10) times."""
        max_try_correction = 10 if max_try_correction is None else max_try_correction
        sample_shape = Size(sample_shape)
        sample = self._bartlett_sampling(sample_shape)
        is_singular = self._checked(sample)
        if is_singular.any():
            warnings.warn("Singular sample detected.", stacklevel=2)
            for _ in range(max_try_correction):
                sample_new = self._bartlett_sampling(is_singular[is_singular].shape)
                sample[is_singular] = sample_new
                is_singular[is_singular.clone()] = ~self._checked(sample_new)
                if not is_singular.any():
                    break
        return sample

    def log_prob(self, value: Tensor) -> Tensor:
        """-ν (p log 2/2 + Σ log L_ii) - log Γ_p(ν/2) + (ν - p - 1)/2 log|X| - tr(Σ⁻¹X)/2."""
        if self._validate_args:
            self._validate_sample(value)
        nu, p = self.df, self._event_shape[-1]
        factor = self._unbroadcasted_scale_tril
        return (
            -nu * (p * _LOG_2 / 2 + factor.diagonal(dim1=-2, dim2=-1).log().sum(-1))
            - mvlgamma(nu / 2, p=p)
            + (nu - p - 1) / 2 * linalg.slogdet(value).logabsdet
            - cholesky_solve(value, factor).diagonal(dim1=-2, dim2=-1).sum(dim=-1) / 2
        )

    def entropy(self) -> Tensor:
        """(p + 1)(p log 2/2 + Σ log L_ii) + log Γ_p(ν/2) - (ν - p - 1)/2 ψ_p(ν/2) + ν p/2."""
        nu, p = self.df, self._event_shape[-1]
        factor = self._unbroadcasted_scale_tril
        return (
            (p + 1) * (p * _LOG_2 / 2 + factor.diagonal(dim1=-2, dim2=-1).log().sum(-1))
            + mvlgamma(nu / 2, p=p)
            - (nu - p - 1) / 2 * _mvdigamma(nu / 2, p=p)
            + nu * p / 2
        )

    @property
    def _natural_params(self) -> tuple[Tensor, Tensor]:
        """(-Σ⁻¹/2, (ν - p - 1)/2)."""
        p = self._event_shape[-1]
        return -self.precision_matrix / 2, (self.df - p - 1) / 2

    def _log_normalizer(self, x: Tensor, y: Tensor) -> Tensor:
        """(y + (p + 1)/2)(p log 2 - log|-2x|) + log Γ_p(y + (p + 1)/2)."""
        p = self._event_shape[-1]
        return ((y + (p + 1) / 2) * (-linalg.slogdet(-2 * x).logabsdet + _LOG_2 * p)
                + mvlgamma(y + (p + 1) / 2, p=p))
