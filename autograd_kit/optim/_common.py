"""Small pieces the newer optimizers share: state tensors, ``lerp_``, argument checks."""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..tensor import Tensor
from . import _fused as fused
from .optimizer import bump, check_foreach_differentiable, check_lr


def scalar_state(p: Tensor, value: float, on_parameter_device: bool = False) -> Tensor:
    """A 0-dim state tensor (``step``, ``mu_product``, ``eta``…) of PyTorch's scalar dtype:
    float32, or float64 when the default dtype is float64. It lives on the CPU, as PyTorch
    keeps it (reading a step count then needs no wait for the GPU), unless asked otherwise."""
    name = "float64" if dtypes.get_default_dtype() is dtypes.float64 else "float32"
    xp = p._xp if on_parameter_device else numpy
    return Tensor._make(xp.asarray(value, dtype=name))


def as_default_dtype(value: float) -> Any:
    """``torch.as_tensor(value)`` for a Python float: the value rounded to the default dtype
    (float32 unless changed), as PyTorch's optimizers round a new η or μ before copying it
    into a state tensor (which is float64 after loading into a float64 model)."""
    return numpy.dtype(dtypes.get_default_dtype().numpy).type(value)


def zeros_state(p: Tensor) -> Tensor:
    """A state tensor of zeros shaped like the parameter."""
    return Tensor._make(p._xp.zeros_like(p._data))


def begun_and_counted(state: dict[str, Any], p: Tensor, *zeros: str) -> float:
    """A step for a parameter: on its first, its state begins (``step`` 0, then a zeros
    tensor for each of ``zeros``, in that order: the order of its state_dict); then
    ``step += 1``. The new step, as a Python float."""
    return count_step(begun(state, p, *zeros))


def begun(state: dict[str, Any], p: Tensor, *zeros: str) -> dict[str, Any]:
    """``state``, begun if empty: ``step`` 0, then a zeros tensor for each of ``zeros``."""
    if not state:
        state["step"] = scalar_state(p, 0.0)
        for name in zeros:
            state[name] = zeros_state(p)
    return state


def count_step(state: dict[str, Any]) -> float:
    """``state['step'] += 1``; the new step as a Python float."""
    state["step"]._data += 1
    bump(state["step"])
    return float(state["step"]._data)


def lerp_(t: Tensor, end: Any, weight: float) -> None:
    """``t.lerp_(end, weight)``, with PyTorch's two formulas (exact at both ends)."""
    fused.lerp_(t._data, end, weight)
    bump(t)


def gradient(p: Tensor, grad: Tensor, group: dict[str, Any]) -> Any:
    """The gradient's array, negated for ``maximize``, plus ``weight_decay · p`` (L2)."""
    g = -grad._data if group.get("maximize", False) else grad._data
    weight_decay = group.get("weight_decay", 0)
    if weight_decay != 0 and not group.get("decoupled_weight_decay", False):
        g = fused.add_scaled(g, p._data, weight_decay)
    return g


def recorded_gradient(p: Tensor, grad: Tensor, group: dict[str, Any]) -> Tensor:
    """`gradient` as tensor operations, for ``differentiable=True`` (recorded in grad mode):
    ``-g`` for ``maximize``, then ``g.add(p, alpha=weight_decay)``."""
    grad = -grad if group["maximize"] else grad
    if group["weight_decay"] != 0:
        grad = grad.add(p, alpha=group["weight_decay"])
    return grad


def decay_decoupled(p: Tensor, group: dict[str, Any]) -> None:
    """``p.mul_(1 - lr · weight_decay)`` when ``decoupled_weight_decay`` (AdamW's way)."""
    weight_decay = group.get("weight_decay", 0)
    if weight_decay != 0 and group.get("decoupled_weight_decay", False):
        p._data *= float(1 - times_lr(weight_decay, group["lr"]))
        bump(p)


def tensor_rate(lr: Tensor) -> Any:
    """A tensor learning rate's value as a NumPy scalar of the type PyTorch's arithmetic
    with it gives (``lr * 0.5``, ``lr / x``): its own floating dtype (float32 for
    ``torch.tensor(0.01)``), the default dtype for an integer one. Any 1-element shape
    (``torch.tensor([0.01])``) is read as its one value."""
    value = lr._data.reshape(())[()]
    if not numpy.issubdtype(value.dtype, numpy.floating):
        return as_default_dtype(value)
    return value


def times_lr(number: float, lr: Any) -> Any:
    """number · lr; for a tensor lr a 0-dim product in its dtype, as PyTorch's (float32 for
    ``torch.tensor(0.01)``), which later arithmetic keeps."""
    if not isinstance(lr, Tensor):
        return number * lr
    rate = tensor_rate(lr)
    return type(rate)(number) * rate


def lr_over(lr: Any, number: float) -> float:
    """lr / number; for a tensor lr PyTorch divides the 0-dim tensor, so the quotient is
    rounded to its dtype (float32 for ``torch.tensor(0.01)``)."""
    if not isinstance(lr, Tensor):
        return lr / number
    rate = tensor_rate(lr)
    return float(rate / type(rate)(number))


def to_scalar(value: Any) -> Any:
    """A 1-element tensor hyperparameter as a 0-dim tensor (PyTorch keeps it a tensor)."""
    if isinstance(value, Tensor) and value.dim() != 0:
        return value.squeeze()
    return value


_NOT_CHECKED: Any = object()  # an argument the optimizer does not have


def check_args(lr: Any, eps: Any = _NOT_CHECKED, betas: Any = _NOT_CHECKED,
               weight_decay: Any = _NOT_CHECKED) -> None:
    """PyTorch's checks of the usual arguments, in PyTorch's order (a None among them fails
    as PyTorch's comparison with it does)."""
    check_lr(lr)
    if not 0.0 <= lr:
        raise ValueError(f"Invalid learning rate: {lr}")
    if eps is not _NOT_CHECKED and not 0.0 <= eps:
        raise ValueError(f"Invalid epsilon value: {eps}")
    if betas is not _NOT_CHECKED:
        for i in (0, 1):
            if not 0.0 <= betas[i] < 1.0:
                raise ValueError(f"Invalid beta parameter at index {i}: {betas[i]}")
    if weight_decay is not _NOT_CHECKED and not 0.0 <= weight_decay:
        raise ValueError(f"Invalid weight_decay value: {weight_decay}")


CAPTURABLE_DEVICES = "['cuda', 'xpu', 'hpu', 'privateuseone', 'xla']"


def check_capturable(p: Tensor, group: dict[str, Any], held: str = "params and state_steps",
                     devices: str = CAPTURABLE_DEVICES, foreach_held: str | None = None,
                     foreach_xla: bool = False) -> None:
    """PyTorch's error at ``step()`` for ``capturable=True`` with a parameter on the CPU.
    With ``foreach=True`` most optimizers' multi-tensor code leaves out ``'xla'`` (not when
    ``foreach_xla``) and some word the held tensors differently (``foreach_held``). The
    fused kernels do not check (Adam's ``fused=True, capturable=True`` steps on the CPU)."""
    if group.get("capturable") and p.device.type == "cpu" and not group.get("fused"):
        if group.get("foreach"):
            held = foreach_held or held
            devices = devices if foreach_xla else devices.replace(", 'xla'", "")
        raise AssertionError(f"If capturable=True, {held} must be on supported devices: "
                             f"{devices}.")
    check_foreach_differentiable(group)


def check_fused(defaults: dict[str, Any]) -> None:
    """PyTorch's errors for ``fused=True`` with ``differentiable`` or ``foreach``."""
    if defaults.get("fused"):
        if defaults.get("differentiable"):
            raise RuntimeError("`fused` does not support `differentiable`")
        if defaults.get("foreach"):
            raise RuntimeError("`fused` and `foreach` cannot be `True` together.")
