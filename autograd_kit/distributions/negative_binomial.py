"""`NegativeBinomial(total_count r, probs p | logits l)`: successes before r failures.

    log p(k) = r log(1 - p) + k log p + lgamma(r + k) - lgamma(k + 1) - lgamma(r)
    mean r p/(1 - p) = r eˡ,  variance mean/(1 - p)
Sampling is a Gamma-Poisson mixture (`_standard_gamma`, then `poisson`).
"""

from __future__ import annotations

from typing import Any

from ..grad_mode import no_grad
from ..nn.functional import logsigmoid
from ..sampling import poisson
from ..tensor import Size, Tensor
from . import constraints
from .count_distribution import CountAndProbability
from .gamma import Gamma
from .utils import lazy_property


class NegativeBinomial(CountAndProbability):
    """Negative binomial with `total_count` failures and success `probs` (or `logits`)."""

    arg_constraints = {
        "total_count": constraints.greater_than_eq(0),
        "probs": constraints.half_open_interval(0.0, 1.0),
        "logits": constraints.real,
    }
    support = constraints.nonnegative_integer

    def __init__(self, total_count: Tensor | float, probs: Tensor | None = None,
                 logits: Tensor | None = None, validate_args: bool | None = None) -> None:
        super().__init__(total_count, probs, logits, validate_args)

    @property
    def mean(self) -> Tensor:
        """r eˡ."""
        return self.total_count * self.logits.exp()

    @property
    def mode(self) -> Tensor:
        """max(⌊(r - 1) eˡ⌋, 0)."""
        return ((self.total_count - 1) * self.logits.exp()).floor().clamp(min=0.0)

    @property
    def variance(self) -> Tensor:
        """mean / sigmoid(-l)."""
        return self.mean / (-self.logits).sigmoid()

    @lazy_property
    def _gamma(self) -> Gamma:
        return Gamma(
            concentration=self.total_count, rate=(-self.logits).exp(), validate_args=False
        )

    def sample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """A Gamma-Poisson mixture: a rate from Gamma(r, e^l), then a Poisson count."""
        with no_grad():
            return poisson(self._gamma.sample(sample_shape=sample_shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """r logsigmoid(-l) + k logsigmoid(l) - (lgamma(k + 1) + lgamma(r) - lgamma(r + k))."""
        if self._validate_args:
            self._validate_sample(value)
        log_unnormalized_prob = self.total_count * logsigmoid(-self.logits) + value * logsigmoid(
            self.logits
        )
        log_normalization = (
            -(self.total_count + value).lgamma()
            + (1.0 + value).lgamma()
            + self.total_count.lgamma()
        )
        log_normalization = log_normalization.masked_fill(self.total_count + value == 0.0, 0.0)
        return log_unnormalized_prob - log_normalization
