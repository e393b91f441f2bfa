"""What ``register_hook`` returns: a handle that takes the hook off again."""

from __future__ import annotations

from collections.abc import Callable


class RemovableHandle:
    """Returned by ``register_hook``; ``handle.remove()`` takes the hook off again."""

    def __init__(self, hooks: list[Callable], hook: Callable) -> None:
        self._hooks, self._hook = hooks, hook

    def remove(self) -> None:
        if self._hook in self._hooks:
            self._hooks.remove(self._hook)

    def __enter__(self) -> RemovableHandle:
        """``with x.register_hook(h):`` keeps the hook for the block only."""
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()
