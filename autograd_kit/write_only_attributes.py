"""Attributes a custom Function's ``ctx`` takes but never gives back, as PyTorch's C++ base
class does: ``ctx.materialize_grads = False`` works, reading ``ctx.materialize_grads`` raises
AttributeError (so ``hasattr(ctx, 'materialize_grads')`` is False)."""

from __future__ import annotations

from typing import Any


class WriteOnly:
    """A write-only attribute, kept in ``stored`` (where the kit itself reads it)."""

    def __init__(self, stored: str) -> None:
        self.stored = stored

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        raise AttributeError(f"attribute '{self.name}' of 'autograd_kit._C._FunctionBase' "
                             "objects is not readable")

    def __set__(self, instance: Any, value: Any) -> None:
        setattr(instance, self.stored, value)
