"""Helpers around the engine, as ``torch.utils``: ``utils.data`` (datasets and loaders),
``utils.hooks`` (`RemovableHandle`) and ``utils.checkpoint`` (recompute in backward)."""

from . import checkpoint, data, hooks

__all__ = ["checkpoint", "data", "hooks"]
