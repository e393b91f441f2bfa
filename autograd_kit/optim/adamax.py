"""`Adamax`: Adam with the infinity norm in place of the second moment."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..tensor import Tensor
from ._common import (
    check_args,
    check_capturable,
    count_step,
    gradient,
    lerp_,
    scalar_state,
    zeros_state,
)
from .optimizer import Optimizer, bump


class Adamax(Optimizer):
    """PyTorch's update, for each parameter p with gradient g at step t = 1, 2, …::

        g ← g + weight_decay · p                      (if weight_decay ≠ 0)
        m ← β₁ m + (1 - β₁) g                         (exp_avg, starts at 0)
        u ← max(β₂ u, |g| + eps)                      (exp_inf, starts at 0)
        p ← p - lr / (1 - β₁ᵗ) · m / u
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("foreach", None), ("maximize", False), ("differentiable", False),
                       ("capturable", False))
    _tensor_steps = True

    def __init__(self, params: Iterable[Any], lr: float = 2e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, foreach: bool | None = None, *,
                 maximize: bool = False, differentiable: bool = False,
                 capturable: bool = False) -> None:
        check_args(lr, eps, betas, weight_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "foreach": foreach, "maximize": maximize,
                    "differentiable": differentiable, "capturable": capturable}
        super().__init__(params, defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        (beta1, beta2), eps = group["betas"], group["eps"]
        for p, grad in self._with_grads(group):
            check_capturable(p, group)
            state = self.state[p]
            if not state:
                state["step"] = scalar_state(p, 0.0)
                state["exp_avg"] = zeros_state(p)
                state["exp_inf"] = zeros_state(p)
            step = count_step(state)
            g = gradient(p, grad, group)
            lerp_(state["exp_avg"], g, 1 - beta1)
            u = state["exp_inf"]._data
            u *= beta2
            p._xp.maximum(u, p._xp.abs(g) + eps, out=u)
            bump(state["exp_inf"])  # (u.mul_(β₂), then the maximum written into u)
            bump(state["exp_inf"])
            clr = _step_size(group, 1 - beta1**step)
            p._data += (-clr * state["exp_avg"]._data) / u  # addcdiv_: (value · m) / u
            bump(p)


def _step_size(group: dict[str, Any], bias_correction: float) -> float:
    """lr / (1 - β₁ᵗ). With a tensor learning rate PyTorch's single-tensor step divides the
    tensor, so the quotient is rounded to its dtype (float32 for ``torch.tensor(0.01)``); its
    multi-tensor step reads the tensor's value first and divides Python floats."""
    lr = group["lr"]
    if isinstance(lr, Tensor) and not group.get("foreach"):
        kind = lr._data.dtype.type
        return float(kind(lr._data) / kind(bias_correction))
    return float(lr) / bias_correction
