"""`Gamma(concentration α, rate β)`: waiting time for α events at rate β.

    log p(x) = α log β + (α - 1) log x - β x - log Γ(α)
    mean α/β,  variance α/β²,  mode max((α - 1)/β, 0)
    H = α - log β + log Γ(α) + (1 - α) ψ(α)
Samples come from `_standard_gamma` (PyTorch's sampler, its stream and its reparameterised
gradient dx/dα).
"""

from __future__ import annotations

from typing import Any

from .. import creation, dtypes, ops
from .. import special as special_functions
from ..sampling import standard_gamma
from ..tensor import Size, Tensor
from . import constraints
from .exp_family import ExponentialFamily
from .utils import broadcast_all, is_number


class Gamma(ExponentialFamily):
    """Gamma distribution with shape `concentration` and inverse scale `rate`."""

    arg_constraints = {"concentration": constraints.positive, "rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True
    _mean_carrier_measure = 0

    def __init__(
        self,
        concentration: Tensor | float,
        rate: Tensor | float,
        validate_args: bool | None = None,
    ) -> None:
        self.concentration, self.rate = broadcast_all(concentration, rate)
        scalar = is_number(concentration) and is_number(rate)
        batch_shape = Size() if scalar else self.concentration.size()
        super().__init__(batch_shape, validate_args=validate_args)

    @property
    def mean(self) -> Tensor:
        """α/β."""
        return self.concentration / self.rate

    @property
    def mode(self) -> Tensor:
        """max((α - 1)/β, 0)."""
        return ((self.concentration - 1) / self.rate).clamp(min=0)

    @property
    def variance(self) -> Tensor:
        """α/β²."""
        return self.concentration / self.rate.pow(2)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Gamma:
        new = self._get_checked_instance(Gamma, _instance)
        batch_shape = Size(batch_shape)
        new.concentration = self.concentration.expand(batch_shape)
        new.rate = self.rate.expand(batch_shape)
        super(Gamma, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def rsample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """x = X / β with X ~ Gamma(α, 1), kept above the dtype's smallest normal number."""
        shape = self._extended_shape(sample_shape)
        value = standard_gamma(self.concentration.expand(shape)) / self.rate.expand(shape)
        value.detach().clamp_(min=dtypes.finfo(value.dtype).tiny)  # (outside the graph)
        return value

    def log_prob(self, value: Any) -> Tensor:
        """xlogy(α, β) + xlogy(α - 1, x) - β x - lgamma(α)."""
        value = creation.as_tensor(value, dtype=self.rate.dtype, device=self.rate.device)
        if self._validate_args:
            self._validate_sample(value)
        return (
            ops.xlogy(self.concentration, self.rate)
            + ops.xlogy(self.concentration - 1, value)
            - self.rate * value
            - self.concentration.lgamma()
        )

    def entropy(self) -> Tensor:
        """α - log β + lgamma(α) + (1 - α) ψ(α)."""
        alpha = self.concentration
        return alpha - self.rate.log() + alpha.lgamma() + (1.0 - alpha) * alpha.digamma()

    @property
    def _natural_params(self) -> tuple[Tensor, Tensor]:
        """θ = (α - 1, -β)."""
        return (self.concentration - 1, -self.rate)

    def _log_normalizer(self, x: Tensor, y: Tensor) -> Tensor:
        """F(θ) = lgamma(θ₁ + 1) + (θ₁ + 1) log(-1/θ₂)."""
        return (x + 1).lgamma() + (x + 1) * (-y.reciprocal()).log()

    def cdf(self, value: Tensor) -> Tensor:
        """The regularised lower incomplete gamma P(α, β x)."""
        if self._validate_args:
            self._validate_sample(value)
        return special_functions.gammainc(self.concentration, self.rate * value)
