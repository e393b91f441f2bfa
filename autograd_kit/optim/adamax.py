"""`Adamax`: Adam with the infinity norm in place of the second moment."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import grad_mode
from ..ops import amax, cat
from ..tensor import Tensor
from ._common import (
    begun_and_counted,
    check_args,
    check_capturable,
    gradient,
    lerp_,
    lr_over,
    recorded_gradient,
    to_scalar,
)
from ._fused import addcdiv_, scale_
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

    def _state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's state (made on its first step), after the capturable check;
        ``step`` counted."""
        check_capturable(p, group)
        state = self.state[p]
        begun_and_counted(state, p, "exp_avg", "exp_inf")
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            self._update_recorded(group)
            return
        (beta1, beta2), eps = group["betas"], group["eps"]
        for p, grad in self._with_grads(group):
            state = self._state(p, group)
            step = float(state["step"]._data)
            g = gradient(p, grad, group)
            lerp_(state["exp_avg"], g, 1 - beta1)
            u = state["exp_inf"]._data
            scale_(u, beta2)
            p._xp.maximum(u, p._xp.abs(g) + eps, out=u)
            bump(state["exp_inf"])  # (u.mul_(β₂), then the maximum written into u)
            bump(state["exp_inf"])
            clr = _step_size(group, 1 - beta1**step)
            addcdiv_(p._data, state["exp_avg"]._data, u, -clr)
            bump(p)


    def _update_recorded(self, group: dict[str, Any]) -> None:
        """``differentiable=True``: PyTorch's single-tensor step replayed with the kit's
        tensor operations in grad mode, so that it is recorded (its u = max(β₂ u, |g| + eps)
        is an amax over the two stacked, which shares the gradient between ties)::

            m.lerp_(g, 1 - β₁);   u.copy_(amax(cat([u.mul_(β₂)[None], (|g| + eps)[None]]), 0))
            p.addcdiv_(m, u, value=-lr / (1 - β₁ᵗ))
        """
        (beta1, beta2), eps = group["betas"], group["eps"]
        lr = to_scalar(group["lr"])  # (a tensor lr: 0-dim)
        with grad_mode.enable_grad():
            for p, grad in self._with_grads(group):
                state = self._state(p, group)
                grad = recorded_gradient(p, grad, group)
                exp_avg, exp_inf = state["exp_avg"], state["exp_inf"]
                exp_avg.lerp_(grad, 1 - beta1)
                stacked = cat([exp_inf.mul_(beta2).unsqueeze(0),
                               grad.abs().add_(eps).unsqueeze_(0)], 0)
                exp_inf.copy_(amax(stacked, 0, keepdim=False))
                step = float(state["step"]._data)
                clr = lr / (1 - beta1**step)
                p.addcdiv_(exp_avg, exp_inf, value=-clr)


def _step_size(group: dict[str, Any], bias_correction: float) -> float:
    """lr / (1 - β₁ᵗ). With a tensor learning rate PyTorch's single-tensor step divides the
    tensor, so the quotient is rounded to its dtype (float32 for ``torch.tensor(0.01)``); its
    multi-tensor step reads the tensor's value first and divides Python floats."""
    lr = group["lr"]
    return lr_over(float(lr) if group.get("foreach") else lr, bias_correction)
