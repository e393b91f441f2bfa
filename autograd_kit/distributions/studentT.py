"""`StudentT(df ν, loc μ, scale σ)`: heavy-tailed; a Normal whose variance is uncertain.

    log p(x) = -(ν + 1)/2 log(1 + y²/ν) - log σ - ½ log ν - ½ log π - lgamma(ν/2)
               + lgamma((ν + 1)/2),   y = (x - μ)/σ
    rsample:   x = μ + σ ε / √(Z/ν),  ε ~ N(0, 1), Z ~ χ²(ν)
"""

from __future__ import annotations

import math
from typing import Any

from ..dtypes import contiguous_format
from ..tensor import Size, Tensor
from . import constraints
from .chi2 import Chi2
from .distribution import Distribution
from .utils import broadcast_all, standard_normal


class StudentT(Distribution):
    """Student's t distribution with `df` degrees of freedom, `loc` and `scale`."""

    arg_constraints = {
        "df": constraints.positive,
        "loc": constraints.real,
        "scale": constraints.positive,
    }
    support = constraints.real
    has_rsample = True

    @property
    def mean(self) -> Tensor:
        """μ (nan for ν <= 1)."""
        m = self.loc.clone(memory_format=contiguous_format)
        m[self.df <= 1] = math.nan
        return m

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def variance(self) -> Tensor:
        """σ² ν/(ν - 2) for ν > 2; inf for 1 < ν <= 2; nan for ν <= 1."""
        m = self.df.clone(memory_format=contiguous_format)
        big = self.df > 2
        m[big] = self.scale[big].pow(2) * self.df[big] / (self.df[big] - 2)
        m[(self.df <= 2) & (self.df > 1)] = math.inf
        m[self.df <= 1] = math.nan
        return m

    def __init__(
        self,
        df: Tensor | float,
        loc: Tensor | float = 0.0,
        scale: Tensor | float = 1.0,
        validate_args: bool | None = None,
    ) -> None:
        self.df, self.loc, self.scale = broadcast_all(df, loc, scale)
        self._chi2 = Chi2(self.df)
        super().__init__(self.df.size(), validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> StudentT:
        new = self._get_checked_instance(StudentT, _instance)
        batch_shape = Size(batch_shape)
        new.df = self.df.expand(batch_shape)
        new.loc = self.loc.expand(batch_shape)
        new.scale = self.scale.expand(batch_shape)
        new._chi2 = self._chi2.expand(batch_shape)
        super(StudentT, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def rsample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        shape = self._extended_shape(sample_shape)
        x = standard_normal(shape, dtype=self.df.dtype, device=self.df.device)
        z = self._chi2.rsample(sample_shape)
        return self.loc + self.scale * (x * (z / self.df).rsqrt())

    def log_prob(self, value: Tensor) -> Tensor:
        if self._validate_args:
            self._validate_sample(value)
        y = (value - self.loc) / self.scale
        z = (
            self.scale.log()
            + 0.5 * self.df.log()
            + 0.5 * math.log(math.pi)
            + (0.5 * self.df).lgamma()
            - (0.5 * (self.df + 1.0)).lgamma()
        )
        return -0.5 * (self.df + 1.0) * (y**2.0 / self.df).log1p() - z

    def entropy(self) -> Tensor:
        """log σ + (ν + 1)/2 (ψ((ν + 1)/2) - ψ(ν/2)) + ½ log ν + log B(ν/2, ½)."""
        half_df = 0.5 * self.df
        half_df1 = 0.5 * (self.df + 1)
        lbeta = half_df.lgamma() + math.lgamma(0.5) - half_df1.lgamma()
        return (
            self.scale.log()
            + half_df1 * (half_df1.digamma() - half_df.digamma())
            + 0.5 * self.df.log()
            + lbeta
        )
