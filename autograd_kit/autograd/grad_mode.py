"""``autograd.grad_mode``: where PyTorch keeps the grad-mode switches (the kit's live in
``autograd_kit/grad_mode.py``)."""

from ..grad_mode import (
    _unsafe_preserve_version_counter,
    enable_grad,
    enforce_grad_layout_policy,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
    set_multithreading_enabled,
)

__all__ = ["enable_grad", "enforce_grad_layout_policy", "inference_mode", "is_grad_enabled",
           "is_inference_mode_enabled",
           "no_grad", "set_grad_enabled", "set_multithreading_enabled",
           "_unsafe_preserve_version_counter"]
