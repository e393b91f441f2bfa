"""The historical ``Variable``: before PyTorch 0.4 a Variable wrapped a tensor to record
operations. Tensors now do that themselves; this shim teaches the modern spelling."""

from __future__ import annotations

import warnings
from typing import Any

from ..tensor import Tensor


def Variable(data: Any, requires_grad: bool = False, volatile: bool = False) -> Tensor:  # noqa: N802
    """``Variable(t, requires_grad=True)`` → the tensor itself, with a warning that explains."""
    warnings.warn(
        "Variable is deprecated: Tensor and Variable were merged, so every tensor records "
        "operations itself. Write `t.requires_grad_()` or `tensor(..., requires_grad=True)` "
        "instead of `Variable(t, requires_grad=True)`.",
        DeprecationWarning,
        stacklevel=2,
    )
    if volatile:
        warnings.warn(
            "volatile was removed and now has no effect. Use `with autograd_kit.no_grad():` "
            "instead.",
            UserWarning,
            stacklevel=2,
        )
    if not isinstance(data, Tensor):
        raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
    out = data.detach()  # as in PyTorch: a new leaf sharing the data
    if requires_grad:
        out.requires_grad_(True)
    return out
