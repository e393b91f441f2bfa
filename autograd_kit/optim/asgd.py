"""`ASGD`: averaged stochastic gradient descent."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..tensor import Tensor
from ._common import (
    as_default_dtype,
    check_args,
    check_capturable,
    count_step,
    gradient,
    scalar_state,
    tensor_rate,
    zeros_state,
)
from ._fused import add_scaled, add_scaled_, addcmul_
from .optimizer import Optimizer, bump
from .recorded_steps import recorded_asgd


class ASGD(Optimizer):
    """PyTorch's update, for each parameter p with gradient g at step t = 1, 2, …::

        g ← g + weight_decay · p                      (if weight_decay ≠ 0)
        p ← p (1 - λ η) - η g                         (η = eta, starts at lr)
        a ← a + μ (p - a)   (or a ← p while μ = 1)    (ax: the average, starts at 0)
        η ← lr / (1 + λ lr t)^α;   μ ← 1 / max(1, t - t0)

    ``eta`` and ``mu`` are float32 tensors in the state, as in PyTorch.

    With ``foreach=True`` PyTorch's multi-tensor step computes the same update its own way,
    which rounds differently: p ← p - η (g + λ p) (one fused multiply-add), a ← a + μ (p - a)
    even while μ = 1, and the new η in the step's dtype, one tensor operation at a time:
    lr · (1 / (1 + (λ lr) t)^α).
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("foreach", None), ("maximize", False), ("differentiable", False),
                       ("capturable", False))
    _tensor_steps = True

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, lambd: float = 1e-4,
                 alpha: float = 0.75, t0: float = 1e6, weight_decay: float = 0,
                 foreach: bool | None = None, maximize: bool = False,
                 differentiable: bool = False, capturable: bool = False) -> None:
        check_args(lr, weight_decay=weight_decay)
        defaults = {"lr": lr, "lambd": lambd, "alpha": alpha, "t0": t0,
                    "weight_decay": weight_decay, "foreach": foreach, "maximize": maximize,
                    "differentiable": differentiable, "capturable": capturable}
        super().__init__(params, defaults)

    def _state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's state (begun on its first step), once the checks have passed."""
        check_capturable(p, group, held="params, mus, etas, and state_steps")
        state = self.state[p]
        if not state:
            state["step"] = scalar_state(p, 0.0, on_parameter_device=True)  # as PyTorch's
            state["eta"] = scalar_state(p, float(group["lr"]), on_parameter_device=True)
            state["mu"] = scalar_state(p, 1.0, on_parameter_device=True)
            state["ax"] = zeros_state(p)
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            recorded_asgd(self, group)
            return
        lambd = group["lambd"]
        for p, grad in self._with_grads(group):
            state = self._state(p, group)
            step = count_step(state)
            g = gradient(p, grad, group)
            if group.get("foreach"):
                _multi_tensor_update(p, g, state, group)
                continue
            eta = float(state["eta"]._data)
            data, ax = p._data, state["ax"]._data
            data *= 1 - lambd * eta
            add_scaled_(data, g, -eta)
            bump(p)
            bump(p)
            if float(state["mu"]._data) != 1:
                ax += (data - ax) * state["mu"]._data
            else:
                ax[...] = data
            bump(state["ax"])
            self._next_eta_and_mu(state, group, step)

    @staticmethod
    def _next_eta_and_mu(state: dict[str, Any], group: dict[str, Any], step: float) -> None:
        """η ← lr / (1 + λ lr t)^α and μ ← 1 / max(1, t - t0), rounded to the default dtype
        (PyTorch's ``torch.as_tensor`` of each) and copied into their state tensors."""
        lambd, alpha = group["lambd"], group["alpha"]
        state["eta"]._data[...] = as_default_dtype(_new_eta(group["lr"], lambd, alpha, step))
        state["mu"]._data[...] = as_default_dtype(1 / max(1, step - group["t0"]))
        bump(state["eta"])
        bump(state["mu"])


def _multi_tensor_update(p: Any, g: Any, state: dict[str, Any], group: dict[str, Any]) -> None:
    """PyTorch's ``_multi_tensor_asgd`` for one parameter (``g`` already has the weight
    decay): ``p.addcmul_(g + λ p, η, value=-1)``, ``ax.addcmul_(p - ax, μ)``, then η from
    the step tensor (``lr / x`` is ``x.reciprocal() * lr`` there) and μ as a Python float."""
    lr, lambd, alpha, t0 = float(group["lr"]), group["lambd"], group["alpha"], group["t0"]
    data, ax = p._data, state["ax"]._data
    eta, mu = state["eta"]._data, state["mu"]._data
    addcmul_(data, add_scaled(g, data, lambd), eta.astype(data.dtype), -1.0)
    bump(p)
    addcmul_(ax, data - ax, mu.astype(ax.dtype))
    bump(state["ax"])
    step = state["step"]._data
    kind = step.dtype.type  # (float32, or float64 under a float64 default dtype)
    base = kind(1) + kind(lambd * lr) * step
    powered = kind(float(base) ** alpha)  # (a 0-dim pow: in double, rounded once)
    eta[...] = (kind(1) / powered) * kind(lr)
    mu[...] = as_default_dtype(1 / max(1, float(step) - t0))
    bump(state["eta"])
    bump(state["mu"])


def _new_eta(lr: Any, lambd: float, alpha: float, step: float) -> float:
    """lr / (1 + λ lr t)^α; with a tensor learning rate PyTorch computes it with tensor
    operations in the tensor's dtype (float32 for ``torch.tensor(0.01)``), one rounding
    each (a 0-dim pow: in double, rounded once)."""
    if not isinstance(lr, Tensor):
        return lr / ((1 + lambd * lr * step) ** alpha)
    rate = tensor_rate(lr)
    kind = type(rate)
    base = kind(1) + kind(kind(lambd) * rate) * kind(step)
    return float(rate / kind(float(base) ** alpha))
