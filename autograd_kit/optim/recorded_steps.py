"""``differentiable=True`` steps of NAdam, RAdam, Rprop and ASGD, recorded.

With ``differentiable=True`` PyTorch runs its single-tensor step with grad mode on, as tensor
operations, so that the step can be differentiated: through gradients computed with
``create_graph=True``, through parameters that are not leaves, through a learning rate that
requires grad. Each function here replays that step operation by operation with the kit's
own tensor operations, so that the graph (the parameter's ``grad_fn``) and the values are
PyTorch's. (Adam's is in ``adam_differentiable.py``; the other optimizers keep theirs beside
their plain step.) Each takes the optimizer, whose ``_state(p, group)`` checks the settings
and begins a parameter's state, and one parameter group.
"""

from __future__ import annotations

from typing import Any

from .. import grad_mode
from ..tensor import Tensor
from ._common import count_step, recorded_gradient


def _negated_and_decayed(p: Tensor, grad: Tensor, group: dict[str, Any]) -> Tensor:
    """``-g`` for ``maximize``; then the weight decay: ``p.mul_(1 - lr · wd)`` when
    decoupled, else ``g.add(p, alpha=wd)`` (the gradient returned)."""
    grad = -grad if group["maximize"] else grad
    weight_decay = group["weight_decay"]
    if weight_decay != 0:
        if group.get("decoupled_weight_decay"):
            p.mul_(1 - group["lr"] * weight_decay)
        else:
            grad = grad.add(p, alpha=weight_decay)
    return grad


def recorded_nadam(optimizer: Any, group: dict[str, Any]) -> None:
    """PyTorch's ``_single_tensor_nadam`` with ``differentiable=True``: the two step sizes
    multiply the gradient and the first moment as tensors (from the float32 ``mu_product``)::

        μₜ = β₁ (1 - ½ · 0.96^(t · momentum_decay));   Π ← Π · μₜ      (mu_product)
        d = √(v / (1 - β₂ᵗ)) + eps
        p.addcdiv_(g · (-lr (1 - μₜ) / (1 - Π)), d)
        p.addcdiv_(m · (-lr μₜ₊₁ / (1 - Π μₜ₊₁)), d)
    """
    lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
    momentum_decay = group["momentum_decay"]
    with grad_mode.enable_grad():
        for p, grad in optimizer._with_grads(group):
            state = optimizer._state(p, group)
            step = count_step(state)
            grad = _negated_and_decayed(p, grad, group)
            mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * momentum_decay)))
            mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
            mu_product, exp_avg = state["mu_product"], state["exp_avg"]
            mu_product.mul_(mu)
            exp_avg.lerp_(grad, 1 - beta1)
            state["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            denom = state["exp_avg_sq"].div(1 - beta2**step).sqrt().add(eps)
            mu_product_next = mu_product * mu_next
            p.addcdiv_(grad * (-lr * (1.0 - mu) / (1.0 - mu_product)), denom)
            p.addcdiv_(exp_avg * (-lr * mu_next / (1.0 - mu_product_next)), denom)


def recorded_radam(optimizer: Any, group: dict[str, Any]) -> None:
    """PyTorch's ``_single_tensor_radam`` with ``differentiable=True``::

        m̂ = m / (1 - β₁ᵗ);   ρₜ = ρ∞ - 2t β₂ᵗ / (1 - β₂ᵗ)
        p.add_(m̂ · lr · √(1 - β₂ᵗ) / (√v + eps) · r, alpha=-1)   when ρₜ > 5 (r: rectification)
        p.add_(m̂ · lr, alpha=-1)                                   otherwise
    """
    from .radam import rectification

    lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
    with grad_mode.enable_grad():
        for p, grad in optimizer._with_grads(group):
            state = optimizer._state(p, group)
            step = count_step(state)
            grad = _negated_and_decayed(p, grad, group)
            exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
            exp_avg.lerp_(grad, 1 - beta1)
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            bias_correction2 = 1 - beta2**step
            corrected = exp_avg / (1 - beta1**step)
            rect = rectification(beta2, step)
            if rect > 0:
                adaptive = (bias_correction2**0.5) / exp_avg_sq.sqrt().add(eps)
                p.add_(corrected * lr * adaptive * rect, alpha=-1.0)
            else:
                p.add_(corrected * lr, alpha=-1.0)


def recorded_rprop(optimizer: Any, group: dict[str, Any]) -> None:
    """PyTorch's ``_single_tensor_rprop`` with ``differentiable=True``: the factors are
    written into the sign by masked assignment, the gradient zeroed the same way::

        s = sign(g · g_prev);  s[s > 0] = eta₊;  s[s < 0] = eta₋;  s[s == 0] = 1
        Δ.mul_(s).clamp_(step_min, step_max);   g[s == eta₋] = 0
        p.addcmul_(sign(g), Δ, value=-1);   g_prev.copy_(g)
    """
    etaminus, etaplus = group["etas"]
    step_size_min, step_size_max = group["step_sizes"]
    with grad_mode.enable_grad():
        for p, grad in optimizer._with_grads(group):
            state = optimizer._state(p, group)
            count_step(state)
            grad = -grad if group["maximize"] else grad
            prev, step_size = state["prev"], state["step_size"]
            sign = grad.mul(prev.clone()).sign()
            sign[sign.gt(0)] = etaplus
            sign[sign.lt(0)] = etaminus
            sign[sign.eq(0)] = 1
            step_size.mul_(sign).clamp_(step_size_min, step_size_max)
            grad = grad.clone()
            grad[sign.eq(etaminus)] = 0
            p.addcmul_(grad.sign(), step_size, value=-1)
            prev.copy_(grad)


def recorded_asgd(optimizer: Any, group: dict[str, Any]) -> None:
    """PyTorch's ``_single_tensor_asgd`` with ``differentiable=True`` (η and μ read as
    Python floats, the average ``ax`` recorded too)::

        p.mul_(1 - λ η);  p.add_(g, alpha=-η)
        ax.add_(p.sub(ax).mul_(μ))     (ax.copy_(p) while μ = 1)
    """
    lambd = group["lambd"]
    with grad_mode.enable_grad():
        for p, grad in optimizer._with_grads(group):
            state = optimizer._state(p, group)
            step = count_step(state)
            grad = recorded_gradient(p, grad, group)
            eta = float(state["eta"]._data)
            p.mul_(1 - lambd * eta)
            p.add_(grad, alpha=-eta)
            ax, mu = state["ax"], state["mu"]
            if float(mu._data) != 1:
                ax.add_(p.sub(ax).mul_(mu))
            else:
                ax.copy_(p)
            optimizer._next_eta_and_mu(state, group, step)
