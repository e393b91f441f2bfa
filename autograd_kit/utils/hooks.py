"""``utils.hooks``: PyTorch's home of `RemovableHandle`, what every ``register_*hook``
returns (the kit's class lives in ``autograd_kit/hooks.py``), and of the warning that a
tensor's hooks are not saved with it."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from ..hooks import RemovableHandle
from ..tensor_hooks import tensor_hooks_of

__all__ = ["RemovableHandle", "unserializable_hook", "warn_if_has_hooks"]


def unserializable_hook(f: Callable[..., Any]) -> Callable[..., Any]:
    """Mark ``f`` as a hook that is not meant to be saved: saving a tensor that has it
    registered (``register_hook``) then does not warn."""
    f.__torch_unserializable__ = True  # type: ignore[attr-defined]
    return f


def warn_if_has_hooks(tensor: Any) -> None:
    """Warn for each hook registered on ``tensor`` (``register_hook``), which saving the
    tensor leaves behind, unless marked with `unserializable_hook` (PyTorch's warning)."""
    for hook in tensor_hooks_of(tensor):
        if not hasattr(hook, "__torch_unserializable__"):
            warnings.warn(f"backward hook {hook!r} on tensor will not be serialized.  If this "
                          "is expected, you can decorate the function with "
                          "@autograd_kit.utils.hooks.unserializable_hook to suppress this "
                          "warning", stacklevel=2)
