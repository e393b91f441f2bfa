"""`Categorical(probs=p)` or `Categorical(logits=l)`: one draw from K classes {0, …, K-1}.

probs are normalised along the last dim (p / Σp); logits likewise (l - logsumexp(l)).

    log p(k) = logits[k],   H = -Σ_k p_k log p_k,   mean/variance: nan (not defined)
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation
from ..dtypes import finfo, long
from ..ops.inplace_more import multinomial
from ..tensor import Size, Tensor
from ..tensor_queries import broadcast_tensors
from . import constraints
from .bernoulli import check_one_parameter
from .distribution import Distribution
from .utils import lazy_property, logits_to_probs, probs_to_logits


def _at_least_1d(param: Tensor, name: str) -> None:
    if param.dim() < 1:
        raise ValueError(f"`{name}` parameter must be at least one-dimensional.")


class Categorical(Distribution):
    """Categorical distribution over the last dim of `probs` or `logits` (but not both)."""

    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}
    has_enumerate_support = True

    def __init__(
        self,
        probs: Tensor | None = None,
        logits: Tensor | None = None,
        validate_args: bool | None = None,
    ) -> None:
        check_one_parameter(probs, logits)
        if probs is not None:
            _at_least_1d(probs, "probs")
            self.probs = probs / probs.sum(-1, keepdim=True)
        else:
            _at_least_1d(logits, "logits")
            self.logits = logits - logits.logsumexp(dim=-1, keepdim=True)
        self._param = self.probs if probs is not None else self.logits
        self._num_events = self._param.size()[-1]
        batch_shape = self._param.size()[:-1] if self._param.ndimension() > 1 else Size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Categorical:
        new = self._get_checked_instance(Categorical, _instance)
        batch_shape = Size(batch_shape)
        param_shape = batch_shape + Size((self._num_events,))
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(param_shape)
            new._param = new.probs
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(param_shape)
            new._param = new.logits
        new._num_events = self._num_events
        super(Categorical, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _new(self, *args: Any, **kwargs: Any) -> Tensor:
        return self._param.new(*args, **kwargs)

    @constraints.dependent_property(is_discrete=True, event_dim=0)
    def support(self) -> constraints.Constraint:
        """integer_interval(0, K - 1)."""
        return constraints.integer_interval(0, self._num_events - 1)

    @lazy_property
    def logits(self) -> Tensor:
        """log p (clamped)."""
        return probs_to_logits(self.probs)

    @lazy_property
    def probs(self) -> Tensor:
        """softmax(logits)."""
        return logits_to_probs(self.logits)

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    def _nan_full(self) -> Tensor:
        return creation.full(
            self._extended_shape(), math.nan, dtype=self.probs.dtype, device=self.probs.device
        )

    @property
    def mean(self) -> Tensor:
        return self._nan_full()

    @property
    def mode(self) -> Tensor:
        """argmax_k p_k."""
        return self.probs.argmax(dim=-1)

    @property
    def variance(self) -> Tensor:
        return self._nan_full()

    def sample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """torch.multinomial(p, n, replacement=True) over the flattened batch, reshaped."""
        if not isinstance(sample_shape, Size):
            sample_shape = Size(sample_shape)
        probs_2d = self.probs.reshape(-1, self._num_events)
        samples_2d = multinomial(probs_2d, sample_shape.numel(), True).T
        return samples_2d.reshape(self._extended_shape(sample_shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """logits[value], gathered along the last dim (broadcast against the batch)."""
        if self._validate_args:
            self._validate_sample(value)
        value = value.long().unsqueeze(-1)
        value, log_pmf = broadcast_tensors(value, self.logits)
        value = value[..., :1]
        return log_pmf.gather(-1, value).squeeze(-1)

    def entropy(self) -> Tensor:
        """-Σ_k p_k log p_k (logits clamped at the dtype's min so 0 · -inf gives 0)."""
        min_real = finfo(self.logits.dtype).min
        logits = self.logits.clamp(min=min_real)
        return -(logits * self.probs).sum(-1)

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """arange(K) shaped (K,) + (1,) * len(batch_shape), expanded if asked."""
        values = creation.arange(self._num_events, dtype=long, device=self._param.device)
        values = values.view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1,) + self._batch_shape)
        return values
