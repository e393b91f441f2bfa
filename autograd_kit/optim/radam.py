"""`RAdam`: Adam with the variance of the adaptive learning rate rectified."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy

from ..tensor import Tensor
from ._common import (
    begun,
    check_args,
    check_capturable,
    count_step,
    decay_decoupled,
    gradient,
    lerp_,
    tensor_rate,
)
from ._fused import addcmul_, scale_
from .optimizer import Optimizer, bump
from .recorded_steps import recorded_radam


class RAdam(Optimizer):
    """PyTorch's update, for each parameter p with gradient g at step t = 1, 2, …::

        g ← g + weight_decay · p        (or p ← p (1 - lr · weight_decay) if decoupled)
        m ← β₁ m + (1 - β₁) g;   v ← β₂ v + (1 - β₂) g²
        ρ∞ = 2 / (1 - β₂) - 1,   ρₜ = ρ∞ - 2 t β₂ᵗ / (1 - β₂ᵗ)
        m̂ = m / (1 - β₁ᵗ)
        if ρₜ > 5:  r = √((ρₜ - 4)(ρₜ - 2) ρ∞ / ((ρ∞ - 4)(ρ∞ - 2) ρₜ))
                    p ← p - m̂ · lr · √(1 - β₂ᵗ) / (√v + eps) · r
        else:       p ← p - m̂ · lr                       (plain momentum, early on)
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("foreach", None), ("maximize", False), ("differentiable", False),
                       ("decoupled_weight_decay", False), ("capturable",
                       False))
    _tensor_steps = True

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, decoupled_weight_decay: bool = False, *,
                 foreach: bool | None = None, maximize: bool = False,
                 capturable: bool = False, differentiable: bool = False) -> None:
        check_args(lr, eps, betas, weight_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "maximize": maximize, "foreach": foreach, "capturable": capturable,
                    "decoupled_weight_decay": decoupled_weight_decay,
                    "differentiable": differentiable}
        super().__init__(params, defaults)

    def _state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's state (begun on its first step), once the checks have passed."""
        check_capturable(p, group)
        return begun(self.state[p], p, "exp_avg", "exp_avg_sq")

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            recorded_radam(self, group)
            return
        lr, (beta1, beta2), eps = float(group["lr"]), group["betas"], group["eps"]
        for p, grad in self._with_grads(group):
            state = self._state(p, group)
            step = count_step(state)
            decay_decoupled(p, group)
            g = gradient(p, grad, group)
            lerp_(state["exp_avg"], g, 1 - beta1)
            v = state["exp_avg_sq"]._data
            scale_(v, beta2)  # (a float16 v: beta2 read as a float32, one rounding)
            addcmul_(v, g, g, 1 - beta2)
            bump(state["exp_avg_sq"])
            bump(state["exp_avg_sq"])
            if group.get("foreach"):
                _multi_tensor_update(p, state, group["lr"], beta1, beta2, eps, step)
                bump(p)
                continue
            bias_correction1 = 1 - beta1**step
            bias_correction2 = 1 - beta2**step
            corrected = state["exp_avg"]._data / bias_correction1
            rect = rectification(beta2, step)
            if rect > 0:
                root = p._xp.sqrt(v)
                root += eps
                # number / tensor is tensor.reciprocal() * number in PyTorch
                adaptive = (1 / root) * bias_correction2**0.5
                p._data -= corrected * lr * adaptive * rect
            else:
                p._data -= corrected * lr
            bump(p)


def rectification(beta2: float, step: float) -> float:
    """RAdam's rectification r = √((ρₜ - 4)(ρₜ - 2) ρ∞ / ((ρ∞ - 4)(ρ∞ - 2) ρₜ)), with
    ρ∞ = 2 / (1 - β₂) - 1 and ρₜ = ρ∞ - 2t β₂ᵗ / (1 - β₂ᵗ); 0 while ρₜ ≤ 5."""
    rho_inf = 2 / (1 - beta2) - 1
    rho_t = rho_inf - 2 * step * (beta2**step) / (1 - beta2**step)
    if rho_t <= 5:
        return 0.0
    return ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5


def _multi_tensor_update(p: Any, state: dict[str, Any], lr: Any, beta1: float, beta2: float,
                         eps: float, step: float) -> None:
    """PyTorch's ``_multi_tensor_radam`` (not capturable) for one parameter, which rounds
    differently from the single-tensor step: one factor per step,
    b = 1 / ((√v + eps) / (-√(1 - β₂ᵗ) · lr · r / (1 - β₁ᵗ))) - lr · [r = 0] / (1 - β₁ᵗ),
    then p ← p + m · b (fused), r being the rectification term (0 while ρₜ ≤ 5)."""
    rect = rectification(beta2, step)
    unrectified = 0 if rect > 0 else 1.0
    bias_correction1 = 1 - beta1**step
    # (a tensor lr: 0-dim tensors of its dtype, one rounding per operation)
    rate = tensor_rate(lr) if isinstance(lr, Tensor) else lr
    kind = type(rate)
    unrect_step_size = float(kind(rate * kind(unrectified)) / kind(bias_correction1)) * -1
    scaled = kind(kind(rate * kind(rect)) / kind(bias_correction1))
    bias_correction2 = float(kind((1 - beta2**step) ** 0.5) * scaled) * -1
    xp = p._xp
    buffer = xp.sqrt(state["exp_avg_sq"]._data)
    buffer += eps
    with numpy.errstate(divide="ignore"):  # (r = 0: √v / -0 is -inf, its reciprocal -0)
        buffer /= bias_correction2
        buffer = 1 / buffer
    buffer += unrect_step_size
    addcmul_(p._data, state["exp_avg"]._data, buffer)
