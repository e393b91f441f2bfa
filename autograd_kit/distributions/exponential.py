"""`Exponential(rate)`: waiting times with rate λ (scale 1/λ).

    log p(x) = log λ - λ x   (x >= 0)
    rsample:   x = e / λ,  e ~ Exp(1)   (∂x/∂λ = -x/λ)
    cdf 1 - e^(-λx),  mean 1/λ,  variance 1/λ²,  H = 1 - log λ
"""

from __future__ import annotations

from typing import Any

from .. import creation
from ..tensor import Size, Tensor
from . import constraints
from .exp_family import ExponentialFamily
from .utils import broadcast_all, is_number


class Exponential(ExponentialFamily):
    """Exponential distribution with rate `rate`."""

    arg_constraints = {"rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True
    _mean_carrier_measure = 0

    def __init__(self, rate: Tensor | float, validate_args: bool | None = None) -> None:
        (self.rate,) = broadcast_all(rate)
        batch_shape = Size() if is_number(rate) else self.rate.size()
        super().__init__(batch_shape, validate_args=validate_args)

    @property
    def mean(self) -> Tensor:
        """1/λ."""
        return self.rate.reciprocal()

    @property
    def mode(self) -> Tensor:
        return creation.zeros_like(self.rate)

    @property
    def stddev(self) -> Tensor:
        """1/λ."""
        return self.rate.reciprocal()

    @property
    def variance(self) -> Tensor:
        """λ⁻²."""
        return self.rate.pow(-2)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Exponential:
        new = self._get_checked_instance(Exponential, _instance)
        batch_shape = Size(batch_shape)
        new.rate = self.rate.expand(batch_shape)
        super(Exponential, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def rsample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """x = e / λ, e ~ Exp(1) (PyTorch's exponential_ stream)."""
        shape = self._extended_shape(sample_shape)
        return self.rate.new(shape).exponential_() / self.rate

    def log_prob(self, value: Tensor) -> Tensor:
        """log λ - λ x."""
        if self._validate_args:
            self._validate_sample(value)
        return self.rate.log() - self.rate * value

    def cdf(self, value: Tensor) -> Tensor:
        """1 - e^(-λx)."""
        if self._validate_args:
            self._validate_sample(value)
        return 1 - (-self.rate * value).exp()

    def icdf(self, value: Tensor) -> Tensor:
        """-log(1 - p) / λ."""
        return -(-value).log1p() / self.rate

    def entropy(self) -> Tensor:
        """1 - log λ."""
        return 1.0 - self.rate.log()

    @property
    def _natural_params(self) -> tuple[Tensor]:
        """θ = -λ."""
        return (-self.rate,)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        """F(θ) = -log(-θ)."""
        return -(-x).log()
