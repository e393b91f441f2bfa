"""`NAdam`: Adam with Nesterov momentum (and a momentum schedule)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..tensor import Tensor
from ._common import (
    check_args,
    check_capturable,
    count_step,
    decay_decoupled,
    gradient,
    lerp_,
    scalar_state,
    tensor_rate,
    zeros_state,
)
from ._fused import addcdiv_, addcmul_, divided, scale_
from .optimizer import Optimizer, bump
from .recorded_steps import recorded_nadam


class NAdam(Optimizer):
    """PyTorch's update, for each parameter p with gradient g at step t = 1, 2, …::

        g ← g + weight_decay · p        (or p ← p (1 - lr · weight_decay) if decoupled)
        μₜ = β₁ (1 - ½ · 0.96^(t · momentum_decay)),  Πₜ = μ₁ ⋯ μₜ  (mu_product)
        m ← β₁ m + (1 - β₁) g;   v ← β₂ v + (1 - β₂) g²
        d = √(v / (1 - β₂ᵗ)) + eps      (foreach=True: √v / √(1 - β₂ᵗ) + eps, as PyTorch's
                                         multi-tensor step, which can differ in the last bit)
        p ← p - lr (1 - μₜ) / (1 - Πₜ) · g / d - lr μₜ₊₁ / (1 - Πₜ μₜ₊₁) · m / d

    As in PyTorch ``mu_product`` is a float32 tensor in the state.
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("maximize", False), ("foreach", None), ("capturable", False),
                       ("differentiable", False), ("decoupled_weight_decay",
                       False))
    _tensor_steps = True

    def __init__(self, params: Iterable[Any], lr: float = 2e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, momentum_decay: float = 4e-3,
                 decoupled_weight_decay: bool = False, *, foreach: bool | None = None,
                 maximize: bool = False, capturable: bool = False,
                 differentiable: bool = False) -> None:
        check_args(lr, eps, betas, weight_decay)
        if not 0.0 <= momentum_decay:
            raise ValueError(f"Invalid momentum_decay value: {momentum_decay}")
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "momentum_decay": momentum_decay,
                    "decoupled_weight_decay": decoupled_weight_decay, "maximize": maximize,
                    "foreach": foreach, "capturable": capturable,
                    "differentiable": differentiable}
        super().__init__(params, defaults)

    def _state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's state (begun on its first step), once the checks have passed."""
        check_capturable(p, group, held="params, mu_products and state_steps",
                         foreach_held="params, mu_products, and state_steps")
        state = self.state[p]
        if not state:
            state["step"] = scalar_state(p, 0.0)
            state["mu_product"] = scalar_state(p, 1.0)
            state["exp_avg"] = zeros_state(p)
            state["exp_avg_sq"] = zeros_state(p)
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            recorded_nadam(self, group)
            return
        (beta1, beta2), eps = group["betas"], group["eps"]
        momentum_decay = group["momentum_decay"]
        for p, grad in self._with_grads(group):
            state = self._state(p, group)
            step = count_step(state)
            decay_decoupled(p, group)
            g = gradient(p, grad, group)
            mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * momentum_decay)))
            mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
            state["mu_product"]._data *= mu
            bump(state["mu_product"])
            mu_product = float(state["mu_product"]._data)
            lerp_(state["exp_avg"], g, 1 - beta1)
            v = state["exp_avg_sq"]._data
            scale_(v, beta2)
            addcmul_(v, g, g, 1 - beta2)
            bump(state["exp_avg_sq"])
            bump(state["exp_avg_sq"])
            if group.get("foreach"):  # PyTorch's multi-tensor step: √v / √(1 - β₂ᵗ)
                denom = divided(p._xp.sqrt(v), (1 - beta2**step) ** 0.5)
            else:
                denom = p._xp.sqrt(divided(v, 1 - beta2**step))
            denom += eps
            data = p._data
            mu_product_next = mu_product * mu_next
            size_g, size_m = _step_sizes(group, mu, mu_next, mu_product, mu_product_next)
            addcdiv_(data, g, denom, size_g)
            addcdiv_(data, state["exp_avg"]._data, denom, size_m)
            bump(p)
            bump(p)


def _step_sizes(group: dict[str, Any], mu: float, mu_next: float, mu_product: float,
                mu_product_next: float) -> tuple[float, float]:
    """-lr (1 - μₜ) / (1 - Πₜ) and -lr μₜ₊₁ / (1 - Πₜ μₜ₊₁). With a tensor learning rate
    PyTorch's single-tensor step computes them as tensors in its dtype (float32 for
    ``torch.tensor(0.01)``), one rounding per operation; its multi-tensor step reads the
    tensor's value first."""
    lr = group["lr"]
    if not isinstance(lr, Tensor) or group.get("foreach"):
        lr = float(lr)
        return (-lr * (1.0 - mu) / (1.0 - mu_product),
                (-lr * mu_next) / (1.0 - mu_product_next))
    rate = -tensor_rate(lr)
    kind = type(rate)
    return (float(kind(rate * kind(1.0 - mu)) / kind(1.0 - mu_product)),
            float(kind(rate * kind(mu_next)) / kind(1.0 - mu_product_next)))
