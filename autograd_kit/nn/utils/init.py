"""``skip_init``: a module built without running its parameters' initialization."""

from __future__ import annotations

import inspect
from typing import Any

from ..module import Module

__all__ = ["skip_init"]


def skip_init(module_cls: type, *args: Any, **kwargs: Any) -> Any:
    """``module_cls(*args, **kwargs)`` whose parameters are left uninitialized (PyTorch builds
    it on the 'meta' device and then allocates empty tensors; the kit allocates them
    directly)."""
    if not issubclass(module_cls, Module):  # (not a class: issubclass's TypeError)
        raise RuntimeError(f"Expected a Module; got {module_cls}")
    if "device" not in inspect.signature(module_cls).parameters:
        raise RuntimeError("Module must support a 'device' arg to skip initialization")
    device = kwargs.pop("device", "cpu")
    return module_cls(*args, **kwargs).to_empty(device=device)
