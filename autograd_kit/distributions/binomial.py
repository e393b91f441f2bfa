"""`Binomial(total_count n, probs p | logits l)`: successes in n independent coin flips.

    log p(k) = log n! - log k! - log (n - k)! + k l - n log(1 + e^l)
    mean n p,  variance n p (1 - p),  mode min(⌊(n + 1) p⌋, n)
Samples come from `binomial` (PyTorch's sampler on its random stream).
"""

from __future__ import annotations

from typing import Any

from .. import creation
from ..grad_mode import no_grad
from ..sampling import binomial
from ..tensor import Size, Tensor
from . import constraints
from .count_distribution import CountAndProbability


def _clamp_by_zero(x: Tensor) -> Tensor:
    """max(x, 0) with gradient ½ at 0: (clamp(x, min=0) + x - clamp(x, max=0)) / 2."""
    return (x.clamp(min=0) + x - x.clamp(max=0)) / 2


class Binomial(CountAndProbability):
    """Binomial distribution with `total_count` trials and success `probs` (or `logits`)."""

    arg_constraints = {
        "total_count": constraints.nonnegative_integer,
        "probs": constraints.unit_interval,
        "logits": constraints.real,
    }
    has_enumerate_support = True

    @constraints.dependent_property(is_discrete=True, event_dim=0)
    def support(self) -> constraints.Constraint:
        """integer_interval(0, n)."""
        return constraints.integer_interval(0, self.total_count)

    @property
    def mean(self) -> Tensor:
        """n p."""
        return self.total_count * self.probs

    @property
    def mode(self) -> Tensor:
        """min(⌊(n + 1) p⌋, n)."""
        return ((self.total_count + 1) * self.probs).floor().clamp(max=self.total_count)

    @property
    def variance(self) -> Tensor:
        """n p (1 - p)."""
        return self.total_count * self.probs * (1 - self.probs)

    def sample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        shape = self._extended_shape(sample_shape)
        with no_grad():
            return binomial(self.total_count.expand(shape), self.probs.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """log C(n, k) + k l - n log(1 + e^l), written stably in l."""
        if self._validate_args:
            self._validate_sample(value)
        log_factorial_n = (self.total_count + 1).lgamma()
        log_factorial_k = (value + 1).lgamma()
        log_factorial_nmk = (self.total_count - value + 1).lgamma()
        normalize_term = (
            self.total_count * _clamp_by_zero(self.logits)
            + self.total_count * (-self.logits.abs()).exp().log1p()
            - log_factorial_n
        )
        return value * self.logits - log_factorial_k - log_factorial_nmk - normalize_term

    def _homogeneous_count(self, what: str) -> int:
        total_count = int(self.total_count.max())
        if not self.total_count.min() == total_count:
            raise NotImplementedError(f"Inhomogeneous total count not supported by `{what}`.")
        return total_count

    def entropy(self) -> Tensor:
        """-Σ_k p(k) log p(k) over k = 0 … n."""
        self._homogeneous_count("entropy")
        log_prob = self.log_prob(self.enumerate_support(False))
        return -(log_prob.exp() * log_prob).sum(0)

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """0, 1, …, n along dim 0."""
        total_count = self._homogeneous_count("enumerate_support")
        values = creation.arange(
            1 + total_count, dtype=self._param.dtype, device=self._param.device
        )
        values = values.view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1,) + self._batch_shape)
        return values
