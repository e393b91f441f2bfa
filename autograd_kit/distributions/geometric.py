"""`Geometric(probs=p)` / `(logits=l)`: the number of failures before the first success.

    P(X = k) = (1 - p)^k p,   log p(k) = k log(1 - p) + log p
    sample:  ⌊log u / log(1 - p)⌋,  u ~ U[tiny, 1)
    mean 1/p - 1,  variance (1/p - 1)/p,  H = BCEWithLogits(l, p) / p
"""

from __future__ import annotations

from typing import Any

from .. import creation, grad_mode
from ..dtypes import contiguous_format, finfo
from ..nn.functional import binary_cross_entropy_with_logits
from ..tensor import Size, Tensor
from . import constraints
from .bernoulli import check_one_parameter
from .distribution import Distribution
from .utils import (
    binary_logits,
    binary_probs,
    broadcast_all,
    is_number,
)


class Geometric(Distribution):
    """Geometric distribution with success probability `probs` (or `logits`)."""

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.nonnegative_integer

    def __init__(
        self,
        probs: Tensor | float | None = None,
        logits: Tensor | float | None = None,
        validate_args: bool | None = None,
    ) -> None:
        check_one_parameter(probs, logits)
        if probs is not None:
            (self.probs,) = broadcast_all(probs)
        else:
            (self.logits,) = broadcast_all(logits)
        given = probs if probs is not None else logits
        batch_shape = Size() if is_number(given) else given.size()
        super().__init__(batch_shape, validate_args=validate_args)
        if self._validate_args and probs is not None:
            self._check_positive()

    def _check_positive(self) -> None:
        """p > 0 (p = 0 would never succeed): PyTorch's extra check and message."""
        value = self.probs
        valid = value > 0
        if not valid.all():
            raise ValueError(
                "Expected parameter probs "
                f"({type(value).__name__} of shape {tuple(value.shape)}) "
                f"of distribution {self!r} "
                f"to be positive but found invalid values:\n{value.data[~valid]}"
            )

    def expand(self, batch_shape: Any, _instance: Any = None) -> Geometric:
        new = self._get_checked_instance(Geometric, _instance)
        batch_shape = Size(batch_shape)
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(batch_shape)
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(batch_shape)
        super(Geometric, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    @property
    def mean(self) -> Tensor:
        """1/p - 1."""
        return 1.0 / self.probs - 1.0

    @property
    def mode(self) -> Tensor:
        return creation.zeros_like(self.probs)

    @property
    def variance(self) -> Tensor:
        """(1/p - 1) / p."""
        return (1.0 / self.probs - 1.0) / self.probs

    logits, probs = binary_logits, binary_probs  # (lazy: see utils)

    def sample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """⌊log u / log(1 - p)⌋ with u ~ U[tiny, 1)."""
        shape = self._extended_shape(sample_shape)
        tiny = finfo(self.probs.dtype).tiny
        with grad_mode.no_grad():
            u = self.probs.new(shape).uniform_(tiny, 1)
            return (u.log() / (-self.probs).log1p()).floor()

    def log_prob(self, value: Tensor) -> Tensor:
        """k log(1 - p) + log p (0 · log 0 taken as 0 when p = 1 and k = 0)."""
        if self._validate_args:
            self._validate_sample(value)
        value, probs = broadcast_all(value, self.probs)
        probs = probs.clone(memory_format=contiguous_format)
        probs[(probs == 1) & (value == 0)] = 0
        return value * (-probs).log1p() + self.probs.log()

    def entropy(self) -> Tensor:
        """BCEWithLogits(l, p) / p."""
        bce = binary_cross_entropy_with_logits(self.logits, self.probs, reduction="none")
        return bce / self.probs
