"""`Muon`: momentum, then the update orthogonalised by a Newton-Schulz iteration (2-D only).

For each 2-D parameter p with gradient g (μ = momentum)::

    b ← b.lerp(g, 1 - μ)                    (b = μ b + (1 - μ) g, from zeros)
    u ← g.lerp(b, μ)  if nesterov  else  b
    O ← NS(u)                               ≈ U Vᵀ where u = U S Vᵀ (singular values → ~1)
    p ← p · (1 - lr · weight_decay)         (decoupled weight decay)
    p ← p - lr' · O                         lr' = lr · √max(1, rows/cols)   ('original')
                                                  lr · 0.2 · √max(rows, cols) ('match_rms_adamw')

NS runs in bfloat16, as PyTorch's does: X ← u / ‖u‖ (wide: the transpose of a tall u), then
``ns_steps`` times  A = X Xᵀ,  B = b·A + c·A A,  X ← a·X + B X  (coefficients a, b, c). The kit
has no bfloat16 tensors, so the arrays are float32 rounded to bfloat16 after each operation
(`_bfloat16`), which gives PyTorch's bits in nearly every case.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy

from .. import backend
from ..tensor import Tensor
from . import _fused as fused
from ._common import tensor_rate, zeros_state
from .optimizer import Optimizer, bump, check_lr

_COEFFICIENTS = (3.4445, -4.7750, 2.0315)


def _bfloat16(x: Any, xp: Any = numpy) -> Any:
    """float32 values rounded to the nearest bfloat16 (ties to even), kept as float32."""
    bits = xp.ascontiguousarray(x, dtype=xp.float32).view(xp.uint32)
    rounded = (bits + xp.uint32(0x7FFF) + ((bits >> 16) & xp.uint32(1))) & xp.uint32(0xFFFF0000)
    return rounded.view(xp.float32)


def _orthogonalized(update: Any, coefficients: tuple[float, float, float], steps: int,
                    eps: float) -> Any:
    """PyTorch's ``_zeropower_via_newtonschulz`` (see the module's docstring)."""
    if steps >= 100:
        raise ValueError("Number of steps must be less than 100 for computational efficiency")
    if update.ndim != 2:
        raise ValueError("Input tensor gradient must be a 2D matrix")
    if len(coefficients) != 3:
        raise ValueError("Coefficients must be a tuple of exactly 3 values")
    xp = backend.module_of(update)
    a, b, c = (numpy.float32(k) for k in coefficients)
    tall = update.shape[0] > update.shape[1]
    x = _bfloat16(update.T if tall else update, xp)
    norm = _bfloat16(xp.sqrt(xp.sum(x * x, dtype=xp.float32)), xp)
    x = _bfloat16(x / xp.maximum(norm, _bfloat16(xp.asarray(eps, dtype=xp.float32), xp)), xp)
    for _ in range(steps):
        gram = _bfloat16(x @ x.T, xp)
        mixed = _bfloat16(b * gram + c * (gram @ gram), xp)
        x = _bfloat16(a * x + mixed @ x, xp)
    return x.T if tall else x


def _lr_ratio(adjust_lr_fn: str | None, shape: tuple[int, ...]) -> float:
    """lr' / lr for a parameter of this shape (see the module's docstring)."""
    rows, cols = shape[:2]
    if adjust_lr_fn is None or adjust_lr_fn == "original":
        return math.sqrt(max(1, rows / cols))
    if adjust_lr_fn == "match_rms_adamw":
        return 0.2 * math.sqrt(max(rows, cols))
    return 1.0


def _decay_and_lr(lr: Any, weight_decay: float, ratio: float) -> tuple[float, float]:
    """(1 - lr · weight_decay, lr · ratio); with a tensor learning rate PyTorch computes both
    with 0-dim tensor operations, each rounded to the tensor's dtype (float32)."""
    if not isinstance(lr, Tensor):
        return 1 - lr * weight_decay, lr * ratio
    rate = tensor_rate(lr)
    kind = type(rate)
    return float(kind(1) - rate * kind(weight_decay)), float(rate * kind(ratio))


class Muon(Optimizer):
    """PyTorch's Muon (see the module's docstring); biases and other non-2-D parameters
    belong to another optimizer (AdamW, …)."""

    _tensor_hyperparameters = ("ns_steps",)  # (a count: a tensor fails as in PyTorch)

    def __init__(self, params: Iterable[Any], lr: float = 1e-3, weight_decay: float = 0.1,
                 momentum: float = 0.95, nesterov: bool = True,
                 ns_coefficients: tuple[float, float, float] = _COEFFICIENTS,
                 eps: float = 1e-7, ns_steps: int = 5, adjust_lr_fn: str | None = None) -> None:
        check_lr(lr)
        if not 0.0 <= lr:
            raise ValueError(f"Learning rate should be >= 0 but is: {lr}")
        if not 0.0 <= momentum:
            raise ValueError(f"momentum should be >= 0 but is: {momentum}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"weight decay should be >= 0 but is: {weight_decay}")
        if adjust_lr_fn is not None and adjust_lr_fn not in ("original", "match_rms_adamw"):
            raise ValueError(f"Adjust learning rate function {adjust_lr_fn} is not supported")
        defaults = {"lr": lr, "weight_decay": weight_decay, "momentum": momentum,
                    "nesterov": nesterov, "ns_coefficients": ns_coefficients, "eps": eps,
                    "ns_steps": ns_steps, "adjust_lr_fn": adjust_lr_fn}
        super().__init__(params, defaults)
        for group in self.param_groups:
            for p in group["params"]:
                if p.ndim != 2:
                    raise ValueError("Muon only supports 2D parameters whereas we found a "
                                     f"parameter with size: {p.size()}")

    def _update_group(self, group: dict[str, Any]) -> None:
        momentum = group["momentum"]
        for p, grad in self._with_grads(group):
            if p.is_complex():
                raise RuntimeError("Muon does not support complex parameters")
            state = self.state[p]
            if "momentum_buffer" not in state:
                state["momentum_buffer"] = zeros_state(grad)
            buf = state["momentum_buffer"]
            fused.lerp_(buf._data, grad._data, 1 - momentum)
            bump(buf)
            update = buf._data
            if group["nesterov"]:
                update = grad._data.copy()
                fused.lerp_(update, buf._data, momentum)
            ortho = _orthogonalized(update, group["ns_coefficients"], group["ns_steps"],
                                    group["eps"])
            decay, lr = _decay_and_lr(group["lr"], group["weight_decay"],
                                      _lr_ratio(group["adjust_lr_fn"], tuple(p.shape)))
            p._data *= decay
            bump(p)  # (p.mul_, then p.add_: two in-place updates)
            fused.add_scaled_(p._data, ortho.astype(p._data.dtype), -lr)
            bump(p)


Muon.__module__ = "autograd_kit.optim"  # where PyTorch names its home (torch.optim.Muon)

__all__ = ["Muon"]
