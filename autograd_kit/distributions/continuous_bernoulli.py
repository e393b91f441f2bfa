"""`ContinuousBernoulli(probs λ | logits)`: a density on [0, 1] shaped like a Bernoulli
(Loaiza-Ganem & Cunningham 2019), the right likelihood for [0, 1]-valued pixels in a VAE.

    p(x) = C(λ) λˣ (1 - λ)¹⁻ˣ,   C(λ) = 2 atanh(1 - 2λ) / (1 - 2λ)  (C(½) = 2)
    log p(x) = -BCEWithLogits(logit λ, x) + log C(λ)
    rsample: the inverse cdf at u ~ U[0, 1)
Near λ = ½ (inside `lims`) the formulas are replaced by their Taylor expansions.
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation, grad_mode
from ..nn.functional import binary_cross_entropy_with_logits
from ..ops import where
from ..tensor import Size, Tensor
from . import constraints
from .bernoulli import check_one_parameter
from .exp_family import ExponentialFamily
from .utils import (
    broadcast_all,
    clamp_probs,
    is_number,
    lazy_property,
    logits_to_probs,
    probs_to_logits,
)


class ContinuousBernoulli(ExponentialFamily):
    """Continuous Bernoulli distribution given by `probs` or `logits` (but not both)."""

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.unit_interval
    _mean_carrier_measure = 0
    has_rsample = True

    def __init__(
        self,
        probs: Tensor | float | None = None,
        logits: Tensor | float | None = None,
        lims: tuple[float, float] = (0.499, 0.501),
        validate_args: bool | None = None,
    ) -> None:
        check_one_parameter(probs, logits)
        if probs is not None:
            is_scalar = is_number(probs)
            (self.probs,) = broadcast_all(probs)
            if validate_args is not None:
                if not self.arg_constraints["probs"].check(self.probs).all():
                    raise ValueError("The parameter probs has invalid values")
            self.probs = clamp_probs(self.probs)
        else:
            is_scalar = is_number(logits)
            (self.logits,) = broadcast_all(logits)
        self._param = self.probs if probs is not None else self.logits
        batch_shape = Size() if is_scalar else self._param.size()
        self._lims = lims
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> ContinuousBernoulli:
        new = self._get_checked_instance(ContinuousBernoulli, _instance)
        new._lims = self._lims
        batch_shape = Size(batch_shape)
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(batch_shape)
            new._param = new.probs
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(batch_shape)
            new._param = new.logits
        super(ContinuousBernoulli, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _new(self, *args: Any, **kwargs: Any) -> Tensor:
        return self._param.new(*args, **kwargs)

    def _outside_unstable_region(self) -> Tensor:
        """λ <= lims[0] or λ > lims[1]: where the closed forms are accurate."""
        return self.probs.le(self._lims[0]) | self.probs.gt(self._lims[1])

    def _cut_probs(self) -> Tensor:
        """λ, replaced by lims[0] inside the unstable region."""
        inside = self._lims[0] * creation.ones_like(self.probs)
        return where(self._outside_unstable_region(), self.probs, inside)

    def _cont_bern_log_norm(self) -> Tensor:
        """log C(λ) = log|log(1 - λ) - log λ| - log|1 - 2λ| (Taylor: log 2 + 4/3 x + … )."""
        cut_probs = self._cut_probs()
        below_half = where(cut_probs.le(0.5), cut_probs, creation.zeros_like(cut_probs))
        above_half = where(cut_probs.ge(0.5), cut_probs, creation.ones_like(cut_probs))
        log_norm = ((-cut_probs).log1p() - cut_probs.log()).abs().log() - where(
            cut_probs.le(0.5), (-2.0 * below_half).log1p(), (2.0 * above_half - 1.0).log()
        )
        x = (self.probs - 0.5).pow(2)
        taylor = math.log(2.0) + (4.0 / 3.0 + 104.0 / 45.0 * x) * x
        return where(self._outside_unstable_region(), log_norm, taylor)

    @property
    def mean(self) -> Tensor:
        """λ/(2λ - 1) + 1/(log(1 - λ) - log λ)."""
        cut_probs = self._cut_probs()
        mus = cut_probs / (2.0 * cut_probs - 1.0) + 1.0 / (
            (-cut_probs).log1p() - cut_probs.log()
        )
        x = self.probs - 0.5
        taylor = 0.5 + (1.0 / 3.0 + 16.0 / 45.0 * x.pow(2)) * x
        return where(self._outside_unstable_region(), mus, taylor)

    @property
    def stddev(self) -> Tensor:
        return self.variance.sqrt()

    @property
    def variance(self) -> Tensor:
        """λ(λ - 1)/(1 - 2λ)² + 1/(log(1 - λ) - log λ)²."""
        cut_probs = self._cut_probs()
        variances = cut_probs * (cut_probs - 1.0) / (1.0 - 2.0 * cut_probs).pow(2) + 1.0 / (
            (-cut_probs).log1p() - cut_probs.log()
        ).pow(2)
        x = (self.probs - 0.5).pow(2)
        taylor = 1.0 / 12.0 - (1.0 / 15.0 - 128.0 / 945.0 * x) * x
        return where(self._outside_unstable_region(), variances, taylor)

    @lazy_property
    def logits(self) -> Tensor:
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self) -> Tensor:
        return clamp_probs(logits_to_probs(self.logits, is_binary=True))

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    def sample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        shape = self._extended_shape(sample_shape)
        u = creation.rand(shape, dtype=self.probs.dtype, device=self.probs.device)
        with grad_mode.no_grad():
            return self.icdf(u)

    def rsample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """icdf(u), u ~ U[0, 1)."""
        shape = self._extended_shape(sample_shape)
        u = creation.rand(shape, dtype=self.probs.dtype, device=self.probs.device)
        return self.icdf(u)

    def log_prob(self, value: Tensor) -> Tensor:
        """-BCEWithLogits(logits, x) + log C(λ)."""
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        bce = binary_cross_entropy_with_logits(logits, value, reduction="none")
        return -bce + self._cont_bern_log_norm()

    def cdf(self, value: Tensor) -> Tensor:
        """(λˣ (1 - λ)¹⁻ˣ + λ - 1)/(2λ - 1), clamped to 0 below 0 and 1 above 1."""
        if self._validate_args:
            self._validate_sample(value)
        cut_probs = self._cut_probs()
        cdfs = (
            cut_probs.pow(value) * (1.0 - cut_probs).pow(1.0 - value) + cut_probs - 1.0
        ) / (2.0 * cut_probs - 1.0)
        unbounded = where(self._outside_unstable_region(), cdfs, value)
        above = where(value.ge(1.0), creation.ones_like(value), unbounded)
        return where(value.le(0.0), creation.zeros_like(value), above)

    def icdf(self, value: Tensor) -> Tensor:
        """(log1p(-λ + u(2λ - 1)) - log1p(-λ)) / (log λ - log1p(-λ))."""
        cut_probs = self._cut_probs()
        numerator = (-cut_probs + value * (2.0 * cut_probs - 1.0)).log1p() - (-cut_probs).log1p()
        inverse = numerator / (cut_probs.log() - (-cut_probs).log1p())
        return where(self._outside_unstable_region(), inverse, value)

    def entropy(self) -> Tensor:
        """E[x](log(1 - λ) - log λ) - log C(λ) - log(1 - λ)."""
        log_probs0 = (-self.probs).log1p()
        log_probs1 = self.probs.log()
        return self.mean * (log_probs0 - log_probs1) - self._cont_bern_log_norm() - log_probs0

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.logits,)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        """log|expm1(θ)| - log|θ| (Taylor near θ = 0)."""
        outside = x.le(self._lims[0] - 0.5) | x.gt(self._lims[1] - 0.5)
        cut = where(outside, x, (self._lims[0] - 0.5) * creation.ones_like(x))
        log_norm = cut.expm1().abs().log() - cut.abs().log()
        taylor = 0.5 * x + x.pow(2) / 24.0 - x.pow(4) / 2880.0
        return where(outside, log_norm, taylor)
