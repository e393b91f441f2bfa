"""Optimizer hooks: functions run around ``step()``, ``state_dict()`` and
``load_state_dict()``, as PyTorch's optimizers have them.

- step pre-hooks ``hook(optimizer, args, kwargs)`` (``args`` starting with the optimizer) may
  return ``(new_args, new_kwargs)``;
  post-hooks ``hook(optimizer, args, kwargs)`` see the finished step. The global ones
  (`register_optimizer_step_pre_hook`, …) run for every optimizer: pre-hooks global first,
  post-hooks global last.
- state_dict pre-hooks ``hook(optimizer)``; post-hooks ``hook(optimizer, state_dict)`` may
  return a replacement state_dict.
- load_state_dict pre-hooks ``hook(optimizer, state_dict)`` may return a replacement;
  post-hooks ``hook(optimizer)``.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from itertools import chain
from typing import Any

from ..hooks import RemovableHandle

Hook = Callable[..., Any]
_global_pre_hooks: OrderedDict[int, Hook] = OrderedDict()
_global_post_hooks: OrderedDict[int, Hook] = OrderedDict()
_NOT_PICKLED = ("_optimizer_hooks", "step", "_opt_called")


def register_optimizer_step_pre_hook(hook: Hook) -> RemovableHandle:
    """Run ``hook(optimizer, args, kwargs)`` before every optimizer's ``step``."""
    return RemovableHandle(_global_pre_hooks, hook)


def register_optimizer_step_post_hook(hook: Hook) -> RemovableHandle:
    """Run ``hook(optimizer, args, kwargs)`` after every optimizer's ``step``."""
    return RemovableHandle(_global_post_hooks, hook)


def with_step_hooks(step: Callable[..., Any]) -> Callable[..., Any]:
    """``step`` with the registered pre- and post-hooks run around it."""
    @functools.wraps(step)
    def hooked(*args: Any, **kwargs: Any) -> Any:
        self = args[0]  # the hooks see the optimizer among the arguments, as in PyTorch
        if not (_global_pre_hooks or _global_post_hooks or self.__dict__.get("_optimizer_hooks")):
            return step(*args, **kwargs)  # (no hook was ever registered: nothing to run)
        for hook in chain(_global_pre_hooks.values(), self._hooks("step_pre").values()):
            result = hook(self, args, kwargs)
            if result is not None:
                if not (isinstance(result, tuple) and len(result) == 2):
                    raise RuntimeError(f"{step} must return None or a tuple of (new_args, "
                                       f"new_kwargs), but got {result}.")
                args, kwargs = result
        out = step(*args, **kwargs)
        for hook in chain(self._hooks("step_post").values(), _global_post_hooks.values()):
            hook(self, args, kwargs)
        return out

    hooked._with_hooks = True  # type: ignore[attr-defined]
    return hooked


def _own_step(cls: type) -> Callable[..., Any]:
    """The inherited ``step`` (without its hooks) under the class's own name."""
    inherited = getattr(cls.step, "__wrapped__", cls.step)  # type: ignore[attr-defined]

    def step(self: Any, closure: Callable[[], Any] | None = None) -> Any:
        return inherited(self, closure)

    step.__qualname__, step.__module__ = f"{cls.__qualname__}.step", cls.__module__
    step.__doc__ = inherited.__doc__
    return step


class OptimizerHooks:
    """The hook half of `Optimizer`: the tables (made on first use) and their registration;
    every ``step`` a subclass defines gets the step hooks run around it."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        step = cls.__dict__.get("step")
        if step is None and cls.__module__.startswith(__package__ + ".") \
                and getattr(cls, "step", None) is not None \
                and cls.step.__qualname__ == "Optimizer.step":  # type: ignore[attr-defined]
            step = _own_step(cls)  # the kit's optimizers: ``SGD.step``, as PyTorch names it
        if step is not None and not getattr(step, "_with_hooks", False):
            cls.step = with_step_hooks(step)  # type: ignore[attr-defined]

    def __getstate__(self) -> dict[str, Any]:
        """What pickling (and ``copy.deepcopy``) keeps: not the hooks, nor what a learning
        rate scheduler put on the instance (its wrapper of ``step``, which calls the original
        optimizer, and ``_opt_called``); PyTorch's optimizers keep only ``defaults``,
        ``state`` and ``param_groups``."""
        return {k: v for k, v in self.__dict__.items() if k not in _NOT_PICKLED}

    def _hooks(self, kind: str) -> OrderedDict[int, Hook]:
        tables = self.__dict__.setdefault("_optimizer_hooks", {})
        return tables.setdefault(kind, OrderedDict())

    def _added(self, kind: str, hook: Hook, prepend: bool = False) -> RemovableHandle:
        hooks = self._hooks(kind)
        handle = RemovableHandle(hooks, hook)
        if prepend:
            hooks.move_to_end(handle.id, last=False)
        return handle

    def register_step_pre_hook(self, hook: Hook) -> RemovableHandle:
        return self._added("step_pre", hook)

    def register_step_post_hook(self, hook: Hook) -> RemovableHandle:
        return self._added("step_post", hook)

    def register_state_dict_pre_hook(self, hook: Hook, prepend: bool = False) -> RemovableHandle:
        return self._added("state_dict_pre", hook, prepend)

    def register_state_dict_post_hook(self, hook: Hook,
                                      prepend: bool = False) -> RemovableHandle:
        return self._added("state_dict_post", hook, prepend)

    def register_load_state_dict_pre_hook(self, hook: Hook,
                                          prepend: bool = False) -> RemovableHandle:
        return self._added("load_state_dict_pre", hook, prepend)

    def register_load_state_dict_post_hook(self, hook: Hook,
                                           prepend: bool = False) -> RemovableHandle:
        return self._added("load_state_dict_post", hook, prepend)
