"""`Bernoulli(probs=p)` or `Bernoulli(logits=l)`: one coin flip, P(X = 1) = p = sigmoid(l).

    log p(x) = x log p + (1 - x) log(1 - p) = -BCEWithLogits(l, x)
    H = -p log p - (1 - p) log(1 - p),   mean p,   variance p (1 - p)

There is no rsample (a discrete sample has no gradient); learn through `log_prob` with the
score-function (REINFORCE) estimator instead.
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation, grad_mode
from ..nn.functional import binary_cross_entropy_with_logits
from ..ops.inplace_more import bernoulli
from ..tensor import Size, Tensor
from . import constraints
from .exp_family import ExponentialFamily
from .utils import (
    binary_logits,
    binary_probs,
    broadcast_all,
    is_number,
)


def check_one_parameter(probs: Any, logits: Any) -> None:
    """Exactly one of `probs` and `logits` is given (PyTorch's message otherwise)."""
    if (probs is None) == (logits is None):
        raise ValueError("Either `probs` or `logits` must be specified, but not both.")


class Bernoulli(ExponentialFamily):
    """Bernoulli distribution given by `probs` or `logits` (but not both)."""

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.boolean
    has_enumerate_support = True
    _mean_carrier_measure = 0

    def __init__(
        self,
        probs: Tensor | float | None = None,
        logits: Tensor | float | None = None,
        validate_args: bool | None = None,
    ) -> None:
        check_one_parameter(probs, logits)
        if probs is not None:
            is_scalar = is_number(probs)
            (self.probs,) = broadcast_all(probs)
        else:
            is_scalar = is_number(logits)
            (self.logits,) = broadcast_all(logits)
        self._param = self.probs if probs is not None else self.logits
        batch_shape = Size() if is_scalar else self._param.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Bernoulli:
        new = self._get_checked_instance(Bernoulli, _instance)
        batch_shape = Size(batch_shape)
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(batch_shape)
            new._param = new.probs
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(batch_shape)
            new._param = new.logits
        super(Bernoulli, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _new(self, *args: Any, **kwargs: Any) -> Tensor:
        return self._param.new(*args, **kwargs)

    @property
    def mean(self) -> Tensor:
        return self.probs

    @property
    def mode(self) -> Tensor:
        """1 where p > ½, 0 where p < ½, nan at p = ½."""
        mode = (self.probs >= 0.5).to(self.probs)
        mode[self.probs == 0.5] = math.nan
        return mode

    @property
    def variance(self) -> Tensor:
        """p (1 - p)."""
        return self.probs * (1 - self.probs)

    logits, probs = binary_logits, binary_probs  # (lazy: see utils)

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    def sample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """torch.bernoulli(p) expanded to the sample shape (no graph)."""
        shape = self._extended_shape(sample_shape)
        with grad_mode.no_grad():
            return bernoulli(self.probs.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """x log p + (1 - x) log(1 - p), as -BCEWithLogits(logits, x)."""
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        return -binary_cross_entropy_with_logits(logits, value, reduction="none")

    def entropy(self) -> Tensor:
        """-p log p - (1 - p) log(1 - p), as BCEWithLogits(logits, p)."""
        return binary_cross_entropy_with_logits(self.logits, self.probs, reduction="none")

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """tensor([0., 1.]) shaped (2,) + (1,) * len(batch_shape), expanded if asked."""
        values = creation.arange(2, dtype=self._param.dtype, device=self._param.device)
        values = values.view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1,) + self._batch_shape)
        return values

    @property
    def _natural_params(self) -> tuple[Tensor]:
        """θ = logit(p)."""
        return (self.probs.logit(),)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        """F(θ) = log(1 + e^θ)."""
        return x.exp().log1p()
