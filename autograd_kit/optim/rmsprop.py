"""`RMSprop`: divide each gradient by a running root-mean-square of its recent values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy

from .. import grad_mode
from ..tensor import Tensor
from ._common import check_capturable, recorded_gradient, to_scalar
from ._fused import add_scaled, add_scaled_, addcdiv_, addcmul, addcmul_, lerp_, scale_
from .optimizer import Optimizer, bump, check_lr


class RMSprop(Optimizer):
    """PyTorch's update, for each parameter p with gradient g (α = alpha)::

        g ← g + weight_decay · p                      (if weight_decay ≠ 0)
        v ← α v + (1 - α) g²                          (square_avg, starts at 0)
        ḡ ← α ḡ + (1 - α) g                           (grad_avg, only if centered)
        s ← √(v - ḡ²) + eps  if centered  else  √v + eps
        b ← μ b + g / s;   p ← p - lr · b             (if momentum μ > 0; b starts at 0)
        p ← p - lr · g / s                            (otherwise)
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("momentum", 0), ("centered", False), ("foreach", None), ("maximize", False),
                       ("differentiable", False), ("capturable", False))
    _tensor_steps = True

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, alpha: float = 0.99,
                 eps: float = 1e-8, weight_decay: float = 0, momentum: float = 0,
                 centered: bool = False, capturable: bool = False,
                 foreach: bool | None = None, maximize: bool = False,
                 differentiable: bool = False) -> None:
        check_lr(lr)
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= momentum:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= alpha:
            raise ValueError(f"Invalid alpha value: {alpha}")
        defaults = {"lr": lr, "momentum": momentum, "alpha": alpha, "eps": eps,
                    "centered": centered, "weight_decay": weight_decay,
                    "capturable": capturable, "foreach": foreach, "maximize": maximize,
                    "differentiable": differentiable}
        super().__init__(params, defaults)

    def _state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's state, made on its first step; ``step`` counted."""
        state = self.state[p]
        if not state:
            xp, data = p._xp, p._data
            state["step"] = Tensor._make(numpy.zeros((), dtype="float32"))  # CPU, as PyTorch
            state["square_avg"] = Tensor._make(xp.zeros_like(data))
            if group["momentum"] > 0:
                state["momentum_buffer"] = Tensor._make(xp.zeros_like(data))
            if group["centered"]:
                state["grad_avg"] = Tensor._make(xp.zeros_like(data))
        state["step"]._data += 1
        bump(state["step"])
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            self._update_recorded(group)
            return
        lr, alpha, eps = float(group["lr"]), group["alpha"], group["eps"]
        weight_decay, momentum = group["weight_decay"], group["momentum"]
        centered, maximize = group["centered"], group["maximize"]
        for p, grad in self._with_grads(group):
            check_capturable(p, group, foreach_xla=True)
            state = self._state(p, group)
            xp, data = p._xp, p._data
            g = -grad._data if maximize else grad._data
            if weight_decay != 0:
                g = add_scaled(g, data, weight_decay)
            v = state["square_avg"]._data
            scale_(v, alpha)
            addcmul_(v, g, g, 1 - alpha)
            bump(state["square_avg"])  # two in-place changes: mul_, then addcmul_
            bump(state["square_avg"])
            if centered:
                g_avg = state["grad_avg"]._data
                lerp_(g_avg, g, 1 - alpha)
                bump(state["grad_avg"])
                avg = xp.sqrt(addcmul(v, g_avg, g_avg, -1))
            else:
                avg = xp.sqrt(v)
            avg += eps
            if momentum > 0:
                buf = state["momentum_buffer"]._data
                scale_(buf, momentum)
                addcdiv_(buf, g, avg)
                bump(state["momentum_buffer"])  # mul_, then addcdiv_
                bump(state["momentum_buffer"])
                add_scaled_(data, buf, -lr)
            else:
                addcdiv_(data, g, avg, -lr)
            bump(p)

    def _update_recorded(self, group: dict[str, Any]) -> None:
        """``differentiable=True``: PyTorch's single-tensor step replayed with the kit's
        tensor operations in grad mode, so that it is recorded::

            v.mul_(α).addcmul_(g, g, value=1 - α);   avg = √v + eps
            (centered: m.lerp_(g, 1 - α);  avg = √(v - m²) + eps)
            b.mul_(μ).addcdiv_(g, avg); p.add_(b, alpha=-lr)   or   p.addcdiv_(g, avg, value=-lr)
        """
        lr, alpha, eps = to_scalar(group["lr"]), group["alpha"], group["eps"]
        momentum = group["momentum"]
        with grad_mode.enable_grad():
            for p, grad in self._with_grads(group):
                check_capturable(p, group, foreach_xla=True)
                state = self._state(p, group)
                grad = recorded_gradient(p, grad, group)
                square_avg = state["square_avg"]
                square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
                if group["centered"]:
                    grad_avg = state["grad_avg"]
                    grad_avg.lerp_(grad, 1 - alpha)
                    avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
                else:
                    avg = square_avg.sqrt()
                avg = avg.add(eps)
                if momentum > 0:
                    buf = state["momentum_buffer"]
                    buf.mul_(momentum).addcdiv_(grad, avg)
                    p.add_(buf, alpha=-lr)
                else:
                    p.addcdiv_(grad, avg, value=-lr)
