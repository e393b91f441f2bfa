"""`LKJCholesky(dim, concentration η)`: Cholesky factors L of random correlation matrices,
with density ∝ det(L Lᵀ)^(η - 1) (Lewandowski, Kurowicka & Joe 2009).

    log p(L) = Σ_{i>=1} (2(η - 1) + dim - i - 1) log L_ii - log normaliser
Sampling draws Beta variables (the onion method), as PyTorch does.
"""

from __future__ import annotations

import math
from typing import Any

from .. import creation, ops
from ..namespace_more import mvlgamma
from ..tensor import Size, Tensor
from . import constraints
from .beta import Beta
from .distribution import Distribution
from .utils import broadcast_all


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


class LKJCholesky(Distribution):
    """LKJ distribution over the Cholesky factors of `dim` x `dim` correlation matrices."""

    arg_constraints = {"concentration": constraints.positive}
    support = constraints.corr_cholesky

    def __init__(
        self, dim: int, concentration: Tensor | float = 1.0, validate_args: bool | None = None
    ) -> None:
        if dim < 2:
            raise ValueError(
                f"Expected dim to be an integer greater than or equal to 2. Found dim={dim}."
            )
        self.dim = dim
        (self.concentration,) = broadcast_all(concentration)
        batch_shape = self.concentration.size()
        marginal_conc = self.concentration + 0.5 * (self.dim - 2)
        offset = creation.arange(
            self.dim - 1, dtype=self.concentration.dtype, device=self.concentration.device
        )
        offset = ops.cat([offset.new_zeros((1,)), offset])
        beta_conc1 = offset + 0.5
        beta_conc0 = marginal_conc.unsqueeze(-1) - 0.5 * offset
        self._beta = Beta(beta_conc1, beta_conc0)
        super().__init__(batch_shape, Size((dim, dim)), validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> LKJCholesky:
        new = self._get_checked_instance(LKJCholesky, _instance)
        batch_shape = Size(batch_shape)
        new.dim = self.dim
        new.concentration = self.concentration.expand(batch_shape)
        new._beta = self._beta.expand(batch_shape + (self.dim,))
        super(LKJCholesky, new).__init__(batch_shape, self.event_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def sample(self, sample_shape: Any = Size()) -> Tensor:  # noqa: B008
        """The onion method, as PyTorch vectorizes it: w = √y · (the strictly lower rows of a
        normal sample, each made unit length; the first row 0), y ~ the Beta variables, and
        the diagonal √(1 - Σ w²) (clamped to tiny)."""
        kit = _kit()
        y = self._beta.sample(sample_shape).unsqueeze(-1)
        u_normal = kit.randn(self._extended_shape(sample_shape), dtype=y.dtype,
                             device=y.device).tril(-1)
        u_hypersphere = u_normal / u_normal.norm(dim=-1, keepdim=True)
        u_hypersphere[..., 0, :].fill_(0.0)  # (the first row's 0/0)
        w = kit.sqrt(y) * u_hypersphere
        eps = kit.finfo(w.dtype).tiny
        diag_elems = kit.clamp(1 - kit.sum(w**2, dim=-1), min=eps).sqrt()
        w += kit.diag_embed(diag_elems)
        return w

    def log_prob(self, value: Tensor) -> Tensor:
        """Σ_i (2(η - 1) + dim - i) log L_ii (i = 2 … dim) - log normaliser."""
        if self._validate_args:
            self._validate_sample(value)
        diag_elems = value.diagonal(dim1=-1, dim2=-2)[..., 1:]
        order = creation.arange(2, self.dim + 1, device=self.concentration.device)
        order = 2 * (self.concentration - 1).unsqueeze(-1) + self.dim - order
        unnormalized_log_pdf = (order * diag_elems.log()).sum(dim=-1)
        dm1 = self.dim - 1
        alpha = self.concentration + 0.5 * dm1
        denominator = alpha.lgamma() * dm1
        numerator = mvlgamma(alpha - 0.5, dm1)
        pi_constant = 0.5 * dm1 * math.log(math.pi)
        return unnormalized_log_pdf - (pi_constant + numerator - denominator)
