"""`ExponentialFamily`: distributions with density p(x; θ) = exp(<t(x), θ> - F(θ) + k(x)).

θ are the natural parameters, t(x) the sufficient statistic, F the log normaliser and k the
carrier measure. The entropy follows from F alone (a Bregman divergence), computed here
with the kit's own autograd: H = F(θ) - <θ, ∇F(θ)> - E[k(X)].
"""

from __future__ import annotations

from .. import autograd
from ..tensor import Tensor
from .distribution import Distribution


class ExponentialFamily(Distribution):
    """Base class of exponential-family distributions (Normal, Bernoulli, Exponential)."""

    @property
    def _natural_params(self) -> tuple[Tensor, ...]:
        """The natural parameters θ."""
        raise NotImplementedError

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """The log normaliser F(θ)."""
        raise NotImplementedError

    @property
    def _mean_carrier_measure(self) -> float:
        """E[k(X)]."""
        raise NotImplementedError

    def entropy(self) -> Tensor:
        """H = F(θ) - Σ θ·∂F/∂θ - E[k(X)] (gradients by autograd, with create_graph)."""
        result: Tensor | float = -self._mean_carrier_measure
        nparams = [p.detach().requires_grad_() for p in self._natural_params]
        lg_normal = self._log_normalizer(*nparams)
        gradients = autograd.grad(lg_normal.sum(), nparams, create_graph=True)
        result += lg_normal
        for np_, g in zip(nparams, gradients):
            result -= (np_ * g).reshape(self._batch_shape + (-1,)).sum(-1)
        return result
