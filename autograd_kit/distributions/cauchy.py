"""`Cauchy(loc, scale)`: the ratio of two independent normals (no mean, no variance).

    log p(x) = -log π - log γ - log(1 + ((x - x₀)/γ)²)
    rsample:   x = x₀ + γ ε,  ε ~ Cauchy(0, 1)
    cdf atan((x - x₀)/γ)/π + ½,  H = log(4π) + log γ
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation
from ..tensor import Size, Tensor
from . import constraints
from .distribution import Distribution
from .utils import broadcast_all, is_number


class Cauchy(Distribution):
    """Cauchy distribution with median `loc` and half-width `scale`."""

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.real
    has_rsample = True

    def __init__(
        self, loc: Tensor | float, scale: Tensor | float, validate_args: bool | None = None
    ) -> None:
        self.loc, self.scale = broadcast_all(loc, scale)
        batch_shape = Size() if is_number(loc) and is_number(scale) else self.loc.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Cauchy:
        new = self._get_checked_instance(Cauchy, _instance)
        batch_shape = Size(batch_shape)
        new.loc = self.loc.expand(batch_shape)
        new.scale = self.scale.expand(batch_shape)
        super(Cauchy, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _full(self, fill: float) -> Tensor:
        shape = self._extended_shape()
        return creation.full(shape, fill, dtype=self.loc.dtype, device=self.loc.device)

    @property
    def mean(self) -> Tensor:
        """Undefined: nan."""
        return self._full(math.nan)

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def variance(self) -> Tensor:
        """Infinite."""
        return self._full(math.inf)

    def rsample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """x = x₀ + ε γ, ε from cauchy_()."""
        shape = self._extended_shape(sample_shape)
        eps = self.loc.new(shape).cauchy_()
        return self.loc + eps * self.scale

    def log_prob(self, value: Tensor) -> Tensor:
        """-log π - log γ - log1p(((x - x₀)/γ)²)."""
        if self._validate_args:
            self._validate_sample(value)
        z = (value - self.loc) / self.scale
        return -math.log(math.pi) - self.scale.log() - (z**2).log1p()

    def cdf(self, value: Tensor) -> Tensor:
        """atan((x - x₀)/γ)/π + ½."""
        if self._validate_args:
            self._validate_sample(value)
        return ((value - self.loc) / self.scale).atan() / math.pi + 0.5

    def icdf(self, value: Tensor) -> Tensor:
        """tan(π (p - ½)) γ + x₀."""
        return (math.pi * (value - 0.5)).tan() * self.scale + self.loc

    def entropy(self) -> Tensor:
        """log(4π) + log γ."""
        return math.log(4 * math.pi) + self.scale.log()
