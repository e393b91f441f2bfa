"""`AdamW`: Adam with decoupled weight decay (Loshchilov & Hutter)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .adam import Adam


class AdamW(Adam):
    """Adam whose weight decay shrinks the parameters directly instead of adding to g::

        p ← p · (1 - lr · weight_decay)              (decoupled decay, first)
        m ← β₁ m + (1 - β₁) g,   v ← β₂ v + (1 - β₂) g²
        p ← p - lr / (1 - β₁ᵗ) · m / (√v / √(1 - β₂ᵗ) + eps)

    With plain Adam the decay term passes through the √v scaling; here it does not.
    Default ``weight_decay=0.01``. (As in PyTorch, this is ``Adam(...,
    decoupled_weight_decay=True)``.)
    """

    _state_defaults = tuple((key, True if key == "decoupled_weight_decay" else value)
                            for key, value in Adam._state_defaults)

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 1e-2, amsgrad: bool = False, *, maximize: bool = False,
                 foreach: bool | None = None, capturable: bool = False,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize,
                         foreach=foreach, capturable=capturable,
                         differentiable=differentiable, fused=fused,
                         decoupled_weight_decay=True)
