"""`Adam`: adaptive moment estimation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy

from ..tensor import Tensor
from ._common import (
    check_args,
    check_capturable,
    check_fused,
    lr_over,
    times_lr,
    to_scalar,
)
from ._fused import add_scaled, addcdiv_, addcmul_, divided, lerp_, scale_
from .adam_differentiable import differentiable_adam_group
from .adam_fused import fused_half_step, fused_second_moment_, half_fused, scalar_tail
from .lr_reading import adam_first_use, lr_as_float
from .optimizer import Optimizer, bump

_TENSOR_LR_FOREACH = "lr as a Tensor is not supported for capturable=False and foreach=True"


class Adam(Optimizer):
    """PyTorch's update, for each parameter p with gradient g at step t = 1, 2, …::

        g ← g + weight_decay · p                     (if weight_decay ≠ 0; L2 penalty)
        p ← p · (1 - lr · weight_decay)              (instead, if decoupled_weight_decay:
                                                       AdamW's decoupled decay)
        m ← β₁ m + (1 - β₁) g                        (first moment, starts at 0)
        v ← β₂ v + (1 - β₂) g²                       (second moment, starts at 0)
        p ← p - lr / (1 - β₁ᵗ) · m / (√v / √(1 - β₂ᵗ) + eps)

    With ``amsgrad=True`` the running maximum of v is used in place of v.
    """

    # what a loaded state_dict lacking them gets (PyTorch's __setstate__)
    _state_defaults = (("amsgrad", False), ("maximize", False), ("foreach", None),
                       ("capturable", False), ("differentiable", False),
                       ("decoupled_weight_decay", False), ("fused", None))
    _tensor_steps = True
    _tensor_hyperparameters = ("betas",)

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, amsgrad: bool = False, *, maximize: bool = False,
                 foreach: bool | None = None, capturable: bool = False,
                 differentiable: bool = False, fused: bool | None = None,
                 decoupled_weight_decay: bool = False) -> None:
        if isinstance(lr, Tensor) and foreach and not capturable:
            raise ValueError(_TENSOR_LR_FOREACH)
        check_args(lr, eps, betas, weight_decay)
        if not (all(isinstance(beta, float) for beta in betas[:2])
                or all(isinstance(beta, Tensor) for beta in betas[:2])):
            raise ValueError("betas must be either both floats or both Tensors")
        for i, beta in enumerate(betas[:2]):
            if isinstance(beta, Tensor):
                if foreach and not capturable:
                    raise ValueError(f"betas[{i}] as a Tensor is not supported for "
                                     "capturable=False and foreach=True")
                if beta.numel() != 1:
                    raise ValueError(f"Tensor betas[{i}] must be 1-element")
        betas = tuple(to_scalar(beta) for beta in betas)
        defaults = {"lr": lr, "betas": tuple(betas), "eps": eps, "weight_decay": weight_decay,
                    "amsgrad": amsgrad, "maximize": maximize, "foreach": foreach,
                    "capturable": capturable, "differentiable": differentiable, "fused": fused,
                    "decoupled_weight_decay": decoupled_weight_decay}
        super().__init__(params, defaults)
        check_fused(defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        if group.get("differentiable"):  # recorded, with tensor bias corrections
            differentiable_adam_group(self, group)
            return
        lr, eps = lr_as_float(group, adam_first_use), group["eps"]
        # a tensor lr makes PyTorch's step size a float32 tensor (its fused kernel reads the
        # lr as a double and computes everything in double)
        lr_tensor = isinstance(group["lr"], Tensor) and not group.get("fused")
        beta1, beta2 = (float(beta) for beta in group["betas"])  # floats or 0-dim tensors
        weight_decay, amsgrad, maximize = group["weight_decay"], group["amsgrad"], group["maximize"]
        decoupled = group.get("decoupled_weight_decay", False)
        if (group.get("foreach") and lr_tensor and not group.get("capturable")
                and any(p.grad is not None for p in group["params"])):
            raise RuntimeError(_TENSOR_LR_FOREACH)  # (a tensor lr put in the group later)
        for p, grad in self._with_grads(group):
            check_capturable(p, group)
            state = self.state[p]
            xp, data = p._xp, p._data
            if not state:
                state["step"] = Tensor._make(numpy.zeros((), dtype="float32"))  # CPU, as PyTorch
                state["exp_avg"] = Tensor._make(xp.zeros_like(data))
                state["exp_avg_sq"] = Tensor._make(xp.zeros_like(data))
                if amsgrad:
                    state["max_exp_avg_sq"] = Tensor._make(xp.zeros_like(data))
            if half_fused(group, data):  # (float32 throughout, then rounded once)
                state["step"]._data += 1
                fused_half_step(data, grad._data, state, group, float(state["step"]._data),
                                decoupled)
                for name in state:
                    bump(state[name])
                bump(p)
                continue
            g = -grad._data if maximize else grad._data
            if weight_decay != 0 and decoupled:
                scale_(data, _decay_factor(group["lr"] if lr_tensor else lr, weight_decay))
                bump(p)
            elif weight_decay != 0:
                g = add_scaled(g, data, weight_decay)
            step_t = state["step"]
            step_t._data += 1
            step = float(step_t._data)
            m, v = state["exp_avg"]._data, state["exp_avg_sq"]._data
            tail = _fused_tail(group, v)
            lerp_(m, g, 1 - beta1)
            scale_(v, beta2)
            addcmul_(v, g, g, 1 - beta2)
            if tail is not None:
                fused_second_moment_(v, tail, g, beta2)
            for name in ("step", "exp_avg", "exp_avg_sq", "exp_avg_sq"):  # (v: mul_, addcmul_)
                bump(state[name])
            if amsgrad:
                top = state["max_exp_avg_sq"]._data
                xp.maximum(top, v, out=top)
                bump(state["max_exp_avg_sq"])
                v = top
            bias_correction1, bias_correction2_sqrt = _bias_corrections(group, step)
            step_size = _step_size(group["lr"] if lr_tensor else lr, bias_correction1)
            denom = divided(xp.sqrt(v), bias_correction2_sqrt)
            denom += eps
            addcdiv_(data, m, denom, -step_size)
            bump(p)


def _fused_tail(group: dict[str, Any], v: Any) -> Any:
    """The old values of the end of ``v`` that PyTorch's fused CPU step (float32, float64)
    rounds its own way (`adam_fused`), or None."""
    if not group.get("fused") or type(v) is not numpy.ndarray or v.dtype.name not in (
            "float32", "float64"):
        return None
    count = scalar_tail(v)
    return v.reshape(-1)[v.size - count:].copy() if count else None


def _bias_corrections(group: dict[str, Any], step: float) -> tuple[Any, float]:
    """(1 - β₁ᵗ, √(1 - β₂ᵗ)). With tensor betas PyTorch's step (not the fused one) computes
    them with 0-dim tensor operations in the betas' dtype (float32): so does the kit."""
    beta1, beta2 = group["betas"][:2]
    if group.get("fused") or not isinstance(beta1, Tensor):
        return 1 - float(beta1) ** step, (1 - float(beta2) ** step) ** 0.5
    return 1 - beta1.detach() ** step, float((1 - beta2.detach() ** step) ** 0.5)


def _step_size(lr: Any, bias_correction1: Any) -> float:
    """lr / (1 - β₁ᵗ): a 0-dim tensor division when the betas are tensors (above), a float32
    division when only the learning rate is one (PyTorch's step size is then a 0-dim float32
    tensor)."""
    if isinstance(bias_correction1, Tensor):
        return float(lr / bias_correction1)
    return lr_over(lr, bias_correction1)


def _decay_factor(lr: Any, weight_decay: float) -> float:
    """1 - lr · weight_decay; in the learning rate's own dtype when it is a tensor (PyTorch's
    0-dim arithmetic: float32 for ``torch.tensor(0.01)``)."""
    product = times_lr(weight_decay, lr)
    return float(type(product)(1) - product)
