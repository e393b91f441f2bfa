"""`SGD`: stochastic gradient descent with momentum, dampening, Nesterov and weight decay."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..tensor import Tensor
from . import sgd_fused
from ._common import check_fused
from ._fused import add_scaled, add_scaled_, add_scaled_float32_, numpy_float32_pair, scale_
from .lr_reading import lr_as_float, sgd_first_use
from .optimizer import Optimizer, bump, check_lr
from .sgd_differentiable import differentiable_sgd_group


class SGD(Optimizer):
    """PyTorch's update, for each parameter p with gradient g (μ = momentum, τ = dampening)::

        g ← g + weight_decay · p                        (if weight_decay ≠ 0)
        b ← g            on the first step               (if μ ≠ 0)
        b ← μ b + (1 - τ) g   afterwards
        g ← g + μ b  if nesterov  else  b
        p ← p - lr · g                                   (p + lr · g if maximize)
    """

    _foreach_unrecordable = False  # (PyTorch's multi-tensor SGD can be recorded)

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("nesterov", False), ("maximize", False), ("foreach", None),
                       ("differentiable", False), ("fused", False))

    def __init__(self, params: Iterable[Any], lr: float = 1e-3, momentum: float = 0,
                 dampening: float = 0, weight_decay: float = 0, nesterov: bool = False, *,
                 maximize: bool = False, foreach: bool | None = None,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        check_lr(lr)
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        defaults = {"lr": lr, "momentum": momentum, "dampening": dampening,
                    "weight_decay": weight_decay, "nesterov": nesterov, "maximize": maximize,
                    "foreach": foreach, "differentiable": differentiable, "fused": fused}
        super().__init__(params, defaults)
        check_fused(defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):  # recorded
            differentiable_sgd_group(self, group)
            return
        lr, momentum = lr_as_float(group, sgd_first_use), group["momentum"]
        dampening, weight_decay = group["dampening"], group["weight_decay"]
        nesterov, maximize = group["nesterov"], group["maximize"]
        plain = not maximize and weight_decay == 0 and dampening == 0 and not nesterov
        fused = group["fused"]
        for p, grad in self._with_grads(group):
            if fused and sgd_fused.fusable(p._data, grad._data):
                self._fused_update(p, grad._data, group)
                continue
            if plain and self._plain_float32_update(p, grad._data, lr, momentum):
                continue
            g = -grad._data if maximize else grad._data
            if weight_decay != 0:
                g = add_scaled(g, p._data, weight_decay)
            if momentum != 0:
                state = self.state[p]
                buf = state.get("momentum_buffer")
                if buf is None:  # (an array copy: NumPy's arithmetic on 0-d arrays gives scalars)
                    buf = state["momentum_buffer"] = Tensor._make(p._xp.array(g))
                else:
                    data = buf._data
                    scale_(data, momentum)
                    add_scaled_(data, g, 1 - dampening)
                    bump(buf)  # (buf.mul_(μ).add_(g, alpha=1 - τ): two in-place updates)
                    bump(buf)
                g = add_scaled(g, buf._data, momentum) if nesterov else buf._data
            add_scaled_(p._data, g, -lr)
            bump(p)

    def _fused_update(self, p: Tensor, grad: Any, group: dict[str, Any]) -> None:
        """``fused=True`` on the CPU: PyTorch's fused kernel's roundings (`sgd_fused`); the
        momentum buffer is kept in place, and no ``_version`` counts the change."""
        state = self.state[p]
        buf = state.get("momentum_buffer")
        new = sgd_fused.sgd_step(p._data, grad, None if buf is None else buf._data, group)
        if new is None:  # (no momentum)
            return
        if buf is None:
            state["momentum_buffer"] = Tensor._make(new)
        else:
            buf._data[...] = new

    def _plain_float32_update(self, p: Tensor, g: Any, lr: float, momentum: float) -> bool:
        """The usual case of the update above (no weight decay, dampening, Nesterov or
        maximize; NumPy float32 parameter, gradient and momentum buffer of one shape), with
        the same NumPy operations in the same order, so the same bits, but without the
        general path's dispatch, which costs more than the arithmetic on a small layer::

            b ← μ·b + g    (μ·b rounded to float32, as ``mul_``; then the float32 sum)
            p ← p - lr·b   (in float64, rounded once: `add_scaled_float32_`)

        False (nothing done) when the arrays are not of that kind."""
        if not numpy_float32_pair(p._data, g):
            return False
        if momentum != 0:
            state = self.state[p]
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = Tensor._make(g.copy())
            elif numpy_float32_pair(buf._data, g):
                data = buf._data
                data *= momentum
                data += g  # (add_scaled_ with α = 1 - dampening = 1: NumPy's float32 sum)
                bump(buf)  # (mul_ and add_)
                bump(buf)
            else:  # (a loaded buffer of another dtype: the general path)
                return False
            g = buf._data
        add_scaled_float32_(p._data, g, -lr)
        bump(p)
        return True
