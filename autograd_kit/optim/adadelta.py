"""`Adadelta`: step sizes from running averages of squared gradients and squared updates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import grad_mode
from ..tensor import Tensor
from ._common import (
    begun_and_counted,
    check_args,
    check_capturable,
    gradient,
    recorded_gradient,
    to_scalar,
)
from ._fused import add_scaled_, addcmul_, scale_
from .optimizer import Optimizer, bump, check_lr


class Adadelta(Optimizer):
    """PyTorch's update, for each parameter p with gradient g (ρ = rho)::

        g ← g + weight_decay · p                      (if weight_decay ≠ 0)
        v ← ρ v + (1 - ρ) g²                          (square_avg, starts at 0)
        Δ = √(u + eps) / √(v + eps) · g
        u ← ρ u + (1 - ρ) Δ²                          (acc_delta, starts at 0)
        p ← p - lr · Δ
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("foreach", None), ("maximize", False), ("differentiable", False),
                       ("capturable", False))
    _tensor_steps = True

    def __init__(self, params: Iterable[Any], lr: float = 1.0, rho: float = 0.9,
                 eps: float = 1e-6, weight_decay: float = 0, foreach: bool | None = None, *,
                 capturable: bool = False, maximize: bool = False,
                 differentiable: bool = False) -> None:
        check_lr(lr)
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        check_args(lr, eps, weight_decay=weight_decay)
        defaults = {"lr": lr, "rho": rho, "eps": eps, "weight_decay": weight_decay,
                    "maximize": maximize, "capturable": capturable, "foreach": foreach,
                    "differentiable": differentiable}
        super().__init__(params, defaults)

    def _state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's state (made on its first step), after the capturable check;
        ``step`` counted."""
        check_capturable(p, group, devices="['cuda', 'xpu', 'hpu', 'privateuseone']")
        state = self.state[p]
        begun_and_counted(state, p, "square_avg", "acc_delta")
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            self._update_recorded(group)
            return
        lr, rho, eps = float(group["lr"]), group["rho"], group["eps"]
        for p, grad in self._with_grads(group):
            state = self._state(p, group)
            xp = p._xp
            g = gradient(p, grad, group)
            v, u = state["square_avg"]._data, state["acc_delta"]._data
            scale_(v, rho)
            addcmul_(v, g, g, 1 - rho)
            std = xp.sqrt(v + eps)
            delta = xp.sqrt(u + eps)
            delta /= std
            delta *= g
            scale_(u, rho)
            addcmul_(u, delta, delta, 1 - rho)
            for name in ("square_avg", "square_avg", "acc_delta", "acc_delta"):
                bump(state[name])  # mul_, then addcmul_
            add_scaled_(p._data, delta, -lr)
            bump(p)

    def _update_recorded(self, group: dict[str, Any]) -> None:
        """``differentiable=True``: PyTorch's single-tensor step replayed with the kit's
        tensor operations in grad mode, so that it is recorded::

            v.mul_(ρ).addcmul_(g, g, value=1 - ρ);  δ = √(u + eps) / √(v + eps) · g
            u.mul_(ρ).addcmul_(δ, δ, value=1 - ρ);  p.add_(δ, alpha=-lr)
        """
        lr, rho, eps = to_scalar(group["lr"]), group["rho"], group["eps"]
        with grad_mode.enable_grad():
            for p, grad in self._with_grads(group):
                state = self._state(p, group)
                grad = recorded_gradient(p, grad, group)
                square_avg, acc_delta = state["square_avg"], state["acc_delta"]
                square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
                std = square_avg.add(eps).sqrt_()
                delta = acc_delta.add(eps).sqrt_().clone()
                delta.div_(std).mul_(grad)
                acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
                p.add_(delta, alpha=-lr)
