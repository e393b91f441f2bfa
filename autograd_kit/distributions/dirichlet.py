"""`Dirichlet(concentration α)`: random probability vectors (points of the simplex).

    log p(x) = Σ_i (α_i - 1) log x_i + log Γ(α₀) - Σ_i log Γ(α_i),  α₀ = Σ_i α_i
    mean α/α₀,  variance α(α₀ - α)/(α₀²(α₀ + 1))
    H = Σ log Γ(α_i) - log Γ(α₀) - (K - α₀) ψ(α₀) - Σ (α_i - 1) ψ(α_i)
Samples come from `_sample_dirichlet` (PyTorch's sampler and stream); rsample's gradient
with respect to α is PyTorch's implicit reparameterisation (`dirichlet_backward`).
"""

from __future__ import annotations

from typing import Any

from .. import ops
from ..autograd.function import Function, once_differentiable, python_function
from ..dirichlet_grad import dirichlet_backward
from ..nn.functional import one_hot
from ..sampling import sample_dirichlet
from ..tensor import Size, Tensor
from . import constraints
from .exp_family import ExponentialFamily


class _Dirichlet(Function):
    """A Dirichlet sample as an operation of its own, as PyTorch records it
    (``_DirichletBackward``); backward: `dirichlet_backward` (implicit reparameterisation)."""

    @staticmethod
    def forward(ctx: Any, concentration: Tensor) -> Tensor:
        x = sample_dirichlet(concentration)
        ctx.save_for_backward(x, concentration)
        return x

    @staticmethod
    @once_differentiable
    def backward(ctx: Any, grad_output: Tensor) -> Tensor:
        x, concentration = ctx.saved_tensors
        return dirichlet_backward(x, concentration, grad_output)


python_function(_Dirichlet)
_Dirichlet_backward = dirichlet_backward  # (PyTorch's name for it, in this module)


class Dirichlet(ExponentialFamily):
    """Dirichlet distribution over the last dim of `concentration`."""

    arg_constraints = {"concentration": constraints.independent(constraints.positive, 1)}
    support = constraints.simplex
    has_rsample = True

    def __init__(self, concentration: Tensor, validate_args: bool | None = None) -> None:
        if concentration.dim() < 1:
            raise ValueError("`concentration` parameter must be at least one-dimensional.")
        self.concentration = concentration
        batch_shape, event_shape = concentration.shape[:-1], concentration.shape[-1:]
        super().__init__(batch_shape, event_shape, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Dirichlet:
        new = self._get_checked_instance(Dirichlet, _instance)
        batch_shape = Size(batch_shape)
        new.concentration = self.concentration.expand(batch_shape + self.event_shape)
        super(Dirichlet, new).__init__(batch_shape, self.event_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def rsample(self, sample_shape: Any = ()) -> Tensor:
        shape = self._extended_shape(sample_shape)
        return _Dirichlet.apply(self.concentration.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """Σ xlogy(α - 1, x) + lgamma(α₀) - Σ lgamma(α)."""
        if self._validate_args:
            self._validate_sample(value)
        return (
            ops.xlogy(self.concentration - 1.0, value).sum(-1)
            + self.concentration.sum(-1).lgamma()
            - self.concentration.lgamma().sum(-1)
        )

    @property
    def mean(self) -> Tensor:
        """α/α₀."""
        return self.concentration / self.concentration.sum(-1, True)

    @property
    def mode(self) -> Tensor:
        """(α - 1)/(α₀ - K) clamped; one-hot at the largest α when every α < 1."""
        concentrationm1 = (self.concentration - 1).clamp(min=0.0)
        mode = concentrationm1 / concentrationm1.sum(-1, True)
        mask = (self.concentration < 1).all(dim=-1)
        mode[mask] = one_hot(mode[mask].argmax(dim=-1), concentrationm1.shape[-1]).to(mode)
        return mode

    @property
    def variance(self) -> Tensor:
        """α(α₀ - α)/(α₀²(α₀ + 1))."""
        con0 = self.concentration.sum(-1, True)
        return self.concentration * (con0 - self.concentration) / (con0.pow(2) * (con0 + 1))

    def entropy(self) -> Tensor:
        k = self.concentration.size(-1)
        a0 = self.concentration.sum(-1)
        return (
            self.concentration.lgamma().sum(-1)
            - a0.lgamma()
            - (k - a0) * a0.digamma()
            - ((self.concentration - 1.0) * self.concentration.digamma()).sum(-1)
        )

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.concentration,)

    def _log_normalizer(self, x: Tensor) -> Tensor:
        """Σ lgamma(θ) - lgamma(Σθ)."""
        return x.lgamma().sum(-1) - x.sum(-1).lgamma()
