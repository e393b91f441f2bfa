"""`Adagrad`: per-element learning rates that shrink with the sum of past squared gradients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import grad_mode
from ..tensor import Tensor
from ._common import (
    check_fused,
    count_step,
    lr_over,
    recorded_gradient,
    scalar_state,
    to_scalar,
)
from ._fused import add_scaled, addcdiv_, addcmul_
from .optimizer import Optimizer, bump, check_foreach_differentiable, check_lr


class Adagrad(Optimizer):
    """PyTorch's update, for each parameter p with gradient g at step t = 1, 2, …::

        g ← g + weight_decay · p                      (if weight_decay ≠ 0)
        lr_t = lr / (1 + (t - 1) · lr_decay)
        s ← s + g²                                    (starts at initial_accumulator_value)
        p ← p - lr_t · g / (√s + eps)

    As in PyTorch the state (``step``, ``sum``) is created for every parameter at once, in
    the constructor.
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("foreach", None), ("maximize", False), ("differentiable", False), ("fused",
                       None))
    _tensor_steps = True

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, lr_decay: float = 0,
                 weight_decay: float = 0, initial_accumulator_value: float = 0,
                 eps: float = 1e-10, foreach: bool | None = None, *, maximize: bool = False,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        check_lr(lr)
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= lr_decay:
            raise ValueError(f"Invalid lr_decay value: {lr_decay}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= initial_accumulator_value:
            raise ValueError(
                f"Invalid initial_accumulator_value value: {initial_accumulator_value}"
            )
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        defaults = {"lr": lr, "lr_decay": lr_decay, "eps": eps, "weight_decay": weight_decay,
                    "initial_accumulator_value": initial_accumulator_value,
                    "foreach": foreach, "maximize": maximize,
                    "differentiable": differentiable, "fused": fused}
        super().__init__(params, defaults)
        check_fused(defaults)
        for group in self.param_groups:
            for p in group["params"]:
                self._init_state(p)

    def _init_state(self, p: Tensor) -> None:
        """``step`` (a CPU tensor of PyTorch's scalar dtype) and ``sum``, filled with the
        optimizer's ``initial_accumulator_value`` (PyTorch's defaults', also for a group
        added later, whatever that group says)."""
        state = self.state[p]
        state["step"] = scalar_state(p, 0.0)
        state["sum"] = Tensor._make(
            p._xp.full_like(p._data, self.defaults["initial_accumulator_value"]))

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            self._update_recorded(group)
            return
        lr, lr_decay, eps = group["lr"], group["lr_decay"], group["eps"]
        if group.get("fused"):  # (PyTorch's fused kernel reads a tensor lr as a double)
            lr = float(lr)
        weight_decay, maximize = group["weight_decay"], group["maximize"]
        for p, grad in self._with_grads(group):
            check_foreach_differentiable(group)
            if not self.state.get(p):  # (a parameter added by add_param_group)
                self._init_state(p)
            state = self.state[p]
            state["step"]._data += 1
            bump(state["step"])
            step = float(state["step"]._data)
            g = -grad._data if maximize else grad._data
            if weight_decay != 0:
                g = add_scaled(g, p._data, weight_decay)
            clr = lr_over(lr, 1 + (step - 1) * lr_decay)  # (a tensor lr: in its dtype)
            s = state["sum"]._data
            addcmul_(s, g, g)
            bump(state["sum"])
            std = p._xp.sqrt(s)
            std += eps
            addcdiv_(p._data, g, std, -clr)
            bump(p)

    def _update_recorded(self, group: dict[str, Any]) -> None:
        """``differentiable=True``: PyTorch's single-tensor step replayed with the kit's
        tensor operations in grad mode, so that it is recorded (the parameter's grad_fn is
        ``AddcdivBackward0``; gradients flow to what the parameter and gradient came from)::

            s.addcmul_(g, g);   p.addcdiv_(g, s.sqrt() + eps, value=-lr_t)
        """
        lr, lr_decay, eps = to_scalar(group["lr"]), group["lr_decay"], group["eps"]
        with grad_mode.enable_grad():
            for p, grad in self._with_grads(group):
                check_foreach_differentiable(group)
                if not self.state.get(p):
                    self._init_state(p)
                state = self.state[p]
                step = count_step(state)
                grad = recorded_gradient(p, grad, group)
                clr = lr / (1 + (step - 1) * lr_decay)
                state["sum"].addcmul_(grad, grad, value=1)
                p.addcdiv_(grad, state["sum"].sqrt() + eps, value=-clr)
