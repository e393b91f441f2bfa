"""Switching the recording of operations on and off: `no_grad`, `enable_grad`, `set_grad_enabled`.

While recording is off, operations compute their values but build no graph, so results do
not require grad. The engine itself turns recording off while it runs backward, unless
``create_graph=True`` asks for the backward computation to be recorded too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class _State:
    enabled = True  # read on every operation: a plain class attribute is the cheapest flag


state = _State()


def is_grad_enabled() -> bool:
    """True while operations are being recorded for backward."""
    return state.enabled


class _GradModeContext:
    """Shared machinery: a context manager that is also a decorator (with or without ())."""

    mode: bool = True

    def __new__(cls, func: Callable[..., Any] | None = None):  # type: ignore[no-untyped-def]
        self = super().__new__(cls)
        if callable(func):  # used as a bare decorator: @no_grad
            self.__init__()
            return self(func)
        return self

    def __init__(self, func: Any = None) -> None:
        self.previous: list[bool] = []

    def __enter__(self) -> None:
        self.previous.append(state.enabled)
        state.enabled = self.mode

    def __exit__(self, *exc: object) -> None:
        state.enabled = self.previous.pop()

    def __call__(self, func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.__class__():
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    def clone(self) -> _GradModeContext:
        return self.__class__()


class no_grad(_GradModeContext):
    """Inside ``with no_grad():`` nothing is recorded: ``(x * 2).requires_grad`` is False."""

    mode = False


class enable_grad(_GradModeContext):
    """Turn recording back on inside a ``no_grad`` block."""

    mode = True


class set_grad_enabled:
    """``set_grad_enabled(False)``: recording off at once (as a call) or for a ``with`` block."""

    def __init__(self, mode: bool) -> None:
        self.previous = state.enabled
        self.mode = bool(mode)
        state.enabled = self.mode

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        state.enabled = self.previous

    def __call__(self, func: F) -> F:
        state.enabled = self.previous  # a decorator must not change the mode at definition
        mode = self.mode

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with set_grad_enabled(mode):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


class inference_mode(no_grad):
    """PyTorch's faster cousin of ``no_grad`` for inference; in the kit, the same thing."""
