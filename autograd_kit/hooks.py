"""What every ``register_*hook`` returns: a handle that takes the hook off again."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

_handle_ids = itertools.count()
_NO_HOOK: Any = object()  # (a handle made PyTorch's way, for a hook its caller files)


class RemovableHandle:
    """Adds ``hook`` to ``hooks`` and, on ``handle.remove()``, takes it off again.

    ``hooks`` is a list (a tensor's or a node's hooks) or a dict keyed by the handle's ``id``
    (a module's hooks, kept in order so that ``prepend=True`` can move one to the front).
    """

    __module__ = "autograd_kit.utils.hooks"  # its public home, as PyTorch shows it

    def __init__(self, hooks: list[Callable] | dict[int, Callable], hook: Any = _NO_HOOK, *,
                 extra_dict: Any = None) -> None:
        self.id = next(_handle_ids)
        self._hooks, self._hook = hooks, hook
        extras = [] if extra_dict is None else extra_dict
        self._extra = extras if isinstance(extras, list) else [extras]
        if hook is _NO_HOOK:  # PyTorch's own way: the caller files its hook under handle.id
            if any(type(d) is dict for d in [hooks, *self._extra]):  # (PyTorch keeps weak
                raise TypeError("cannot create weak reference to 'dict' object")  # references)
            return
        if isinstance(hooks, dict):
            hooks[self.id] = hook
        else:
            hooks.append(hook)

    def hooks_dict_ref(self) -> list[Callable] | dict[int, Callable]:
        """The table the hook is filed in (PyTorch keeps a weak reference to it, which
        gives the table when called: ``handle.hooks_dict_ref()``)."""
        return self._hooks

    def remove(self) -> None:
        if isinstance(self._hooks, dict):
            self._hooks.pop(self.id, None)
        elif self._hook in self._hooks:
            self._hooks.remove(self._hook)
        for extra in self._extra:
            extra.pop(self.id, None)

    def __enter__(self) -> RemovableHandle:
        """``with x.register_hook(h):`` keeps the hook for the block only."""
        return self

    def __exit__(self, *exc: Any) -> None:
        self.remove()
