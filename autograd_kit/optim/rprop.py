"""`Rprop`: resilient backpropagation, steps that grow or shrink with the gradient's sign."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..creation import fill_number
from ..tensor import Tensor
from ._common import check_capturable, count_step, scalar_state, to_scalar, zeros_state
from .optimizer import Optimizer, bump, check_lr
from .recorded_steps import recorded_rprop


class Rprop(Optimizer):
    """PyTorch's update, for each element of a parameter p with gradient g::

        s = sign(g · g_prev)                          (g_prev starts at 0)
        η = eta₊ where s > 0,  eta₋ where s < 0,  1 where s = 0
        Δ ← clamp(Δ · η, step_min, step_max)          (step_size, starts at lr)
        g ← 0 where s < 0                             (no move just after a sign change)
        p ← p - sign(g) · Δ;   g_prev ← g
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("foreach", None), ("maximize", False), ("differentiable", False),
                       ("capturable", False))
    _tensor_steps = True
    _state_first_in_errors = False  # PyTorch's shape error names the gradient "tensor a"

    def __init__(self, params: Iterable[Any], lr: float = 1e-2,
                 etas: tuple[float, float] = (0.5, 1.2),
                 step_sizes: tuple[float, float] = (1e-6, 50), *, capturable: bool = False,
                 foreach: bool | None = None, maximize: bool = False,
                 differentiable: bool = False) -> None:
        check_lr(lr)
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        defaults = {"lr": lr, "etas": etas, "step_sizes": step_sizes, "foreach": foreach,
                    "maximize": maximize, "differentiable": differentiable,
                    "capturable": capturable}
        super().__init__(params, defaults)

    def _state(self, p: Tensor, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's state (begun on its first step), once the checks have passed."""
        check_capturable(p, group, foreach_xla=True)
        state = self.state[p]
        if not state:
            state["step"] = scalar_state(p, 0.0)
            state["prev"] = zeros_state(p)
            state["step_size"] = zeros_state(p)
            # (PyTorch's full_like(grad, lr): a tensor lr that requires grad is refused)
            state["step_size"]._data[...] = fill_number("full_like", to_scalar(group["lr"]))
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):
            recorded_rprop(self, group)
            return
        etaminus, etaplus = group["etas"]
        step_size_min, step_size_max = group["step_sizes"]
        for p, grad in self._with_grads(group):
            state = self._state(p, group)
            xp = p._xp
            count_step(state)
            g = -grad._data if group["maximize"] else grad._data
            prev, step_size = state["prev"]._data, state["step_size"]._data
            sign = xp.sign(g * prev)
            factor = xp.where(sign > 0, etaplus, xp.where(sign < 0, etaminus, 1))
            factor = factor.astype(step_size.dtype)
            step_size *= factor
            xp.clip(step_size, step_size_min, step_size_max, out=step_size)
            g = xp.where(factor == etaminus, 0, g).astype(g.dtype)
            p._data += -1 * xp.sign(g) * step_size
            prev[...] = g
            # (PyTorch's multi-tensor step keeps g in prev: copy_, neg_ for maximize, copy_)
            writes = 2 + bool(group["maximize"]) if group.get("foreach") else 1
            for name in ("step_size", "step_size") + ("prev",) * writes:
                bump(state[name])
            bump(p)
