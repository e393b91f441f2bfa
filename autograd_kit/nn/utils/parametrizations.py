"""``nn.utils.parametrizations``: `spectral_norm`, `weight_norm` (and `orthogonal`, in
``orthogonal.py``) written as
parametrizations (see ``parametrize.py``): the module keeps ``parametrizations.weight.original``
(or ``original0`` = g and ``original1`` = v) and computes ``weight`` from it on every read.
"""

from __future__ import annotations

from ... import grad_mode
from ...tensor import Tensor
from .. import functional_norm as FN
from ..module import Module
from . import parametrize
from .orthogonal import orthogonal
from .spectral_norm import transposed_conv_dim, weight_as_matrix
from .weight_norm import _weight_norm, norm_except_dim

__all__ = ["orthogonal", "spectral_norm", "weight_norm"]


class _SpectralNorm(Module):
    """W ↦ W / σ(W), σ = uᵀ W v from power iteration (u ← Wv/‖Wv‖, v ← Wᵀu/‖Wᵀu‖, fifteen
    steps at first, then ``n_power_iterations`` per training read); a 1-D weight is just
    normalized. The gradient flows through σ with u, v held fixed (∂σ/∂W = u vᵀ)."""

    def __init__(self, weight: Tensor, n_power_iterations: int = 1, dim: int = 0,
                 eps: float = 1e-12) -> None:
        super().__init__()
        ndim = weight.dim()
        if dim >= ndim or dim < -ndim:
            raise IndexError("Dimension out of range (expected to be in range of "
                             f"[-{ndim}, {ndim - 1}] but got {dim})")
        if n_power_iterations <= 0:
            raise ValueError("Expected n_power_iterations to be positive, but got "
                             f"n_power_iterations={n_power_iterations}")
        self.dim = dim if dim >= 0 else dim + ndim
        self.eps = eps
        if ndim > 1:
            self.n_power_iterations = n_power_iterations
            matrix = weight_as_matrix(weight.detach(), self.dim)
            h, w = matrix.shape
            u, v = matrix.new_empty(h).normal_(0, 1), matrix.new_empty(w).normal_(0, 1)
            self.register_buffer("_u", FN.normalize(u, dim=0, eps=self.eps))
            self.register_buffer("_v", FN.normalize(v, dim=0, eps=self.eps))
            self._power_method(matrix, 15)

    def _power_method(self, matrix: Tensor, n_power_iterations: int) -> None:
        with grad_mode.no_grad():
            for _ in range(n_power_iterations):
                self._u = FN.normalize(matrix.mv(self._v), dim=0, eps=self.eps, out=self._u)
                self._v = FN.normalize(matrix.t().mv(self._u), dim=0, eps=self.eps,
                                       out=self._v)

    def forward(self, weight: Tensor) -> Tensor:
        if weight.dim() == 1:
            return FN.normalize(weight, dim=0, eps=self.eps)
        matrix = weight_as_matrix(weight, self.dim)
        if self.training:
            self._power_method(matrix, self.n_power_iterations)
        u, v = self._u.clone(), self._v.clone()
        return weight / u.dot(matrix.mv(v))

    def right_inverse(self, value: Tensor) -> Tensor:
        return value


def spectral_norm(module: Module, name: str = "weight", n_power_iterations: int = 1,
                  eps: float = 1e-12, dim: int | None = None) -> Module:
    """Register `_SpectralNorm` on ``module.<name>``: it reads as W / σ(W)."""
    weight = getattr(module, name, None)
    if not isinstance(weight, Tensor):
        raise ValueError(f"Module '{module}' has no parameter or buffer with name '{name}'")
    dim = transposed_conv_dim(module, dim)
    parametrize.register_parametrization(
        module, name, _SpectralNorm(weight, n_power_iterations, dim, eps))
    return module


class _WeightNorm(Module):
    """(g, v) ↦ g · v / ‖v‖ (the norm over every dimension but ``dim``); right_inverse:
    W ↦ (‖W‖, W)."""

    def __init__(self, dim: int | None = 0) -> None:
        super().__init__()
        self.dim = -1 if dim is None else dim

    def forward(self, weight_g: Tensor, weight_v: Tensor) -> Tensor:
        return _weight_norm(weight_v, weight_g, self.dim)

    def right_inverse(self, weight: Tensor) -> tuple[Tensor, Tensor]:
        return norm_except_dim(weight, 2, self.dim), weight


def weight_norm(module: Module, name: str = "weight", dim: int | None = 0) -> Module:
    """Register `_WeightNorm` on ``module.<name>``: learned as a length g (``original0``) and
    a direction v (``original1``)."""
    parametrize.register_parametrization(module, name, _WeightNorm(dim), unsafe=True)

    def old_names(state_dict: dict, prefix: str, *args: object) -> None:
        """A state_dict saved with the older ``nn.utils.weight_norm`` (``<name>_g``,
        ``<name>_v``) loads into original0 and original1."""
        g_key, v_key = f"{prefix}{name}_g", f"{prefix}{name}_v"
        if g_key in state_dict and v_key in state_dict:
            state_dict[f"{prefix}parametrizations.{name}.original0"] = state_dict.pop(g_key)
            state_dict[f"{prefix}parametrizations.{name}.original1"] = state_dict.pop(v_key)

    module._register_load_state_dict_pre_hook(old_names)
    return module
