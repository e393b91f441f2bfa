"""Adam's ``differentiable=True`` step: PyTorch's single-tensor update, recorded.

With ``differentiable=True`` PyTorch runs the step with grad mode on and writes the update as
tensor operations, so that it can be differentiated: through the learning rate (a tensor that
requires grad), through gradients computed with ``create_graph=True``, and through parameters
that are not leaves. The bias corrections are then tensors computed from the float32 ``step``
tensor (1 - β₁ᵗ in float32, not in double), and the update is::

    step_size = lr / (1 - β₁ᵗ)                  (``lr / x`` is ``x.reciprocal() * lr``)
    denom = √v / (√(1 - β₂ᵗ) · -step_size) + eps / -step_size
    p.addcdiv_(m.clone(), denom)

which rounds differently from the plain step. The parameter's ``grad_fn`` is then
``AddcdivBackward0``. This module replays that code operation by operation with the kit's
own tensor operations, so the values and the graph are PyTorch's.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import grad_mode
from ..tensor import Tensor
from ._common import check_capturable


def differentiable_adam_group(optimizer: Any, group: dict[str, Any]) -> None:
    """One Adam step of ``group``, recorded (PyTorch's ``_single_tensor_adam`` with
    ``differentiable=True``)."""
    lr = group["lr"]
    if isinstance(lr, Tensor) and lr.dim() != 0:
        lr = lr.squeeze()
    beta1, beta2 = group["betas"]
    eps, weight_decay = group["eps"], group["weight_decay"]
    amsgrad, maximize = group["amsgrad"], group["maximize"]
    decoupled = group.get("decoupled_weight_decay", False)
    with grad_mode.enable_grad():
        for param, grad in optimizer._with_grads(group):
            check_capturable(param, group)
            state = optimizer.state[param]
            if not state:
                _init_state(param, state, amsgrad)
            grad = -grad if maximize else grad
            step_t = state["step"]
            step_t += 1
            if weight_decay != 0:
                if decoupled:
                    param.mul_(1 - lr * weight_decay)
                else:
                    grad = grad.add(param, alpha=weight_decay)
            exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
            exp_avg.lerp_(grad, 1 - beta1)
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            bias_correction1 = 1 - beta1**step_t
            bias_correction2 = 1 - beta2**step_t
            step_size_neg = (lr / bias_correction1).neg()
            bias_correction2_sqrt = bias_correction2.sqrt()
            second = exp_avg_sq
            if amsgrad:
                top = state["max_exp_avg_sq"]
                top.copy_(top.clone().maximum(exp_avg_sq))
                second = top
            denom = (second.sqrt() / (bias_correction2_sqrt * step_size_neg)).add_(
                eps / step_size_neg)
            param.addcdiv_(exp_avg.clone(), denom)


def _init_state(param: Tensor, state: dict[str, Any], amsgrad: bool) -> None:
    """PyTorch's fresh state: a float32 ``step`` on the CPU, zeros like the parameter
    (``torch.zeros_like(p, memory_format=torch.preserve_format)``: no graph)."""
    state["step"] = Tensor._make(numpy.zeros((), dtype="float32"))
    for name in ("exp_avg", "exp_avg_sq") + (("max_exp_avg_sq",) if amsgrad else ()):
        state[name] = Tensor._make(param._xp.zeros_like(param._data))

