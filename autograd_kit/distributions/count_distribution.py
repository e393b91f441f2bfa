"""The parameters shared by Binomial and NegativeBinomial: a count of trials and a success
probability, given as ``probs`` or ``logits`` (exactly one), broadcast together."""

from __future__ import annotations

from typing import Any

from ..tensor import Size, Tensor
from .bernoulli import check_one_parameter
from .distribution import Distribution
from .utils import (
    binary_logits,
    binary_probs,
    broadcast_all,
)


class CountAndProbability(Distribution):
    """``total_count`` (in the probability's dtype) and ``probs`` or ``logits``; ``expand``
    expands whichever of them exist, as PyTorch's classes each do."""

    def __init__(
        self,
        total_count: Tensor | float = 1,
        probs: Tensor | None = None,
        logits: Tensor | None = None,
        validate_args: bool | None = None,
    ) -> None:
        check_one_parameter(probs, logits)
        if probs is not None:
            self.total_count, self.probs = broadcast_all(total_count, probs)
            self.total_count = self.total_count.type_as(self.probs)
        else:
            self.total_count, self.logits = broadcast_all(total_count, logits)
            self.total_count = self.total_count.type_as(self.logits)
        self._param = self.probs if probs is not None else self.logits
        super().__init__(self._param.size(), validate_args=validate_args)

    logits, probs = binary_logits, binary_probs  # (lazy: see utils)

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    def _family(self) -> type[CountAndProbability]:
        """The public class this instance belongs to (Binomial, NegativeBinomial)."""
        return next(c for c in type(self).__mro__ if CountAndProbability in c.__bases__)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Any:
        new = self._get_checked_instance(self._family(), _instance)
        batch_shape = Size(batch_shape)
        new.total_count = self.total_count.expand(batch_shape)
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(batch_shape)
            new._param = new.probs
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(batch_shape)
            new._param = new.logits
        Distribution.__init__(new, batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _new(self, *args: Any, **kwargs: Any) -> Tensor:
        return self._param.new(*args, **kwargs)
