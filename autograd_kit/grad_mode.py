"""Switching the recording of operations on and off: `no_grad`, `enable_grad`, `set_grad_enabled`.

While recording is off, operations compute their values but build no graph, so results do
not require grad. The engine itself turns recording off while it runs backward, unless
``create_graph=True`` asks for the backward computation to be recorded too.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import threading
import warnings
from collections.abc import Callable, Generator
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class _State(threading.local):
    """Per thread, as in PyTorch: a thread started inside ``no_grad()`` records. A new
    thread starts from the class defaults (recording on); reading a flag is one attribute
    lookup, cheap enough to do on every operation."""

    enabled = True
    inference = False  # inside ``inference_mode()``
    layout_enforced = True  # ``enforce_grad_layout_policy``: .grad laid out as its leaf


state = _State()
inference_tensors_made = False  # True once inference_mode() was entered (see has_normal_input)


def has_normal_input(args: tuple[Any, ...], numbers_count: bool) -> bool:
    """Whether some argument is a normal tensor, not an inference tensor (one level into
    lists). PyTorch records an operation on inference tensors, outside inference_mode, only
    when one is: an inference tensor has no autograd key. A number counts when PyTorch wraps
    it as a tensor (``numbers_count``: + - * / and where)."""
    for arg in args:
        flag = getattr(arg, "_inference", None)
        if flag is False or flag is None and (
                numbers_count and type(arg) in (int, float, bool)
                or type(arg) in (list, tuple) and has_normal_input(arg, numbers_count)):
            return True
    return False


def is_grad_enabled() -> bool:
    """True while operations are being recorded for backward."""
    return state.enabled


def is_inference_mode_enabled() -> bool:
    """True inside ``inference_mode()`` (not inside a plain ``no_grad()``)."""
    return state.inference


@contextlib.contextmanager
def inference_off() -> Generator[None, None, None]:
    """Inference mode off for the block, recording left as it is: PyTorch's function
    transforms (grad, vjp, jvp, jacrev, jacfwd) differentiate even inside inference_mode."""
    previous = state.inference
    state.inference = False
    try:
        yield
    finally:
        state.inference = previous


CLASS_DECORATION_WARNING = (
    "Decorating classes is deprecated and will be disabled in future versions. You should "
    "only decorate functions or methods. To preserve the current behavior of class "
    "decoration, you can directly decorate the `__init__` method and nothing else.")


def context_decorator(func: F, context: Callable[[], Any]) -> F:
    """``func`` run inside a fresh ``context()`` on every call (PyTorch's function of this
    name: its wrapper, ``decorate_context``, is what a callable without a name of its own,
    such as a ``functools.partial``, is called after decoration).

    A generator function gets the mode each time it runs, between its ``yield``s, and the
    caller's mode back while it is paused (PyTorch's decorators do the same). A class is
    still accepted, with PyTorch's FutureWarning: calling it builds an instance in the mode.
    """
    if inspect.isclass(func):
        warnings.warn(CLASS_DECORATION_WARNING, FutureWarning, stacklevel=3)
        cls = func
        func = lambda *args, **kwargs: cls(*args, **kwargs)  # type: ignore[assignment]  # noqa: E731
    if inspect.isgeneratorfunction(func):
        return _wrap_generator(func, context)

    @functools.wraps(func)
    def decorate_context(*args: Any, **kwargs: Any) -> Any:
        with context():
            return func(*args, **kwargs)

    return decorate_context  # type: ignore[return-value]


def _wrap_generator(func: F, context: Callable[[], Any]) -> F:
    """A generator function run in ``context()`` between its ``yield``s (PyTorch's names)."""

    @functools.wraps(func)
    def generator_context(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
        inner = func(*args, **kwargs)
        resume: Callable[[], Any] = lambda: inner.send(None)  # noqa: E731
        while True:
            with context():
                try:
                    value = resume()
                except StopIteration as stop:
                    return stop.value
            try:
                sent = yield value
            except GeneratorExit:  # close(): the generator cleans up in its mode too
                with context():
                    inner.close()
                raise
            except BaseException as error:  # throw(): raised inside, in its mode
                resume = functools.partial(inner.throw, error)
            else:
                resume = functools.partial(inner.send, sent)

    return generator_context  # type: ignore[return-value]


class _NoParamDecoratorContextManager:
    """Shared machinery: a context manager that is also a decorator (with or without ())."""

    mode: bool = True

    def __new__(cls, orig_func: Callable[..., Any] | None = None,  # type: ignore[no-untyped-def]
                **options: Any):
        self = super().__new__(cls)  # (options, e.g. inference_mode(mode=False): __init__'s)
        if orig_func is not None:  # a bare decorator: @no_grad (anything else: as PyTorch)
            self.__init__()
            return self(orig_func)
        return self

    def __init__(self, orig_func: Any = None) -> None:
        pass

    def __enter__(self) -> None:  # (PyTorch keeps one previous mode: the same object entered
        self.prev = state.enabled  # twice, nested, restores the inner block's mode at exit)
        state.enabled = self.mode

    def __exit__(self, *exc: object) -> None:
        state.enabled = self.prev

    def __call__(self, func: F) -> F:
        return context_decorator(func, self.clone)

    def clone(self) -> _NoParamDecoratorContextManager:
        return self.__class__()


class no_grad(_NoParamDecoratorContextManager):
    """Inside ``with no_grad():`` nothing is recorded: ``(x * 2).requires_grad`` is False."""

    mode = False

    def __init__(self, orig_func: Any = None) -> None:
        self.prev = False  # (as PyTorch's, before it is entered)


class enable_grad(_NoParamDecoratorContextManager):
    """Turn recording back on inside a ``no_grad`` block."""

    mode = True


class _SetNow:
    """A setting changed as soon as the object is made (so a plain call works), put back
    when a ``with`` block exits; as a decorator, put back at once and set again around each
    call (a `clone` per call). Subclasses say where the setting lives (``_read``/``_write``).
    The attributes are PyTorch's: ``prev`` and ``mode``."""

    def __init__(self, mode: bool) -> None:
        self.prev, self.mode = self._read(), mode
        self._write(mode)

    @staticmethod
    def _read() -> bool:
        raise NotImplementedError

    @staticmethod
    def _write(mode: bool) -> None:
        raise NotImplementedError

    def __enter__(self) -> None:  # (set when made, as in PyTorch)
        pass

    def __exit__(self, *exc: object) -> None:
        self._write(self.prev)

    def __call__(self, func: F) -> F:
        self._write(self.prev)  # a decorator must not change the mode at definition
        return context_decorator(func, self.clone)

    def clone(self) -> _SetNow:
        """A new one with the same mode (which, as in PyTorch, sets the mode now)."""
        return self.__class__(self.mode)


class set_grad_enabled(_SetNow):
    """``set_grad_enabled(False)``: recording off at once (as a call) or for a ``with`` block."""

    def __init__(self, mode: bool) -> None:
        if not isinstance(mode, bool):
            from .creation_sizes import c_type_name

            raise TypeError("set_grad_enabled(): argument 'enabled' (position 1) must be bool, "
                            f"not {c_type_name(type(mode))}")
        super().__init__(mode)

    @staticmethod
    def _read() -> bool:
        return state.enabled

    @staticmethod
    def _write(mode: bool) -> None:
        state.enabled = mode

    def __enter__(self) -> None:  # (again: an object made earlier may be entered later)
        state.enabled = self.mode

    def __repr__(self) -> str:
        return f"{type(self).__module__}.{type(self).__name__}(mode={self.mode})"


class set_multithreading_enabled(_SetNow):
    """``set_multithreading_enabled(False)``: run backward on the calling thread (a call, a
    ``with`` block or a decorator). The kit's backward always does, so this only keeps the
    setting, for ``with`` blocks written for PyTorch."""

    enabled = True

    @staticmethod
    def _read() -> bool:
        return set_multithreading_enabled.enabled

    @staticmethod
    def _write(mode: bool) -> None:
        set_multithreading_enabled.enabled = mode


class enforce_grad_layout_policy(_SetNow):
    """``enforce_grad_layout_policy(False)`` (a call, a ``with`` block or a decorator): a
    gradient nobody else holds becomes a leaf's ``.grad`` as it is, though laid out unlike the
    leaf (PyTorch otherwise copies it into the leaf's layout), and the warning about a
    ``.grad`` laid out unlike its leaf is not given. Per thread, as in PyTorch."""

    def __init__(self, enable: bool = True) -> None:
        if not isinstance(enable, bool):
            from .creation_sizes import c_type_name

            raise TypeError("set_grad_layout_enforcement_enabled(): argument 'enabled' "
                            f"(position 1) must be bool, not {c_type_name(type(enable))}")
        super().__init__(enable)

    @staticmethod
    def _read() -> bool:
        return state.layout_enforced

    @staticmethod
    def _write(mode: bool) -> None:
        state.layout_enforced = mode


class _unsafe_preserve_version_counter:
    """PyTorch's escape hatch: in-place changes made inside the block leave ``tensors``'
    ``_version`` as it was when the object was made, hiding them from autograd's check of
    saved tensors (wrong gradients follow if a saved value really changed)."""

    def __init__(self, tensors: Any) -> None:
        from .tensor import Tensor

        self.tensors = (tensors,) if isinstance(tensors, Tensor) else tensors
        if not isinstance(self.tensors, tuple):
            raise AssertionError("Expected tensors to be a tuple")
        self.prev_versions = tuple(t._version for t in self.tensors)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        for tensor, version in zip(self.tensors, self.prev_versions):
            tensor._version_counter[0] = version


def is_multithreading_enabled() -> bool:
    """Whether backward may use worker threads (see `set_multithreading_enabled`)."""
    return set_multithreading_enabled.enabled


class _InferenceModeGuard:
    """One entry into inference mode (``mode``) or out of it (``not mode``): the modes seen
    on entry come back at `end`, or when the guard is dropped without it (as PyTorch's C++
    guard does when its Python owner is collected)."""

    def __init__(self, mode: bool) -> None:
        self.previous: tuple[bool, bool] | None = (state.enabled, state.inference)
        state.enabled, state.inference = not mode, mode

    def end(self) -> None:
        if self.previous is not None:
            state.enabled, state.inference = self.previous
            self.previous = None

    __del__ = end


class inference_mode(_NoParamDecoratorContextManager):
    """PyTorch's faster cousin of ``no_grad`` for inference: recording is off and
    `is_inference_mode_enabled()` is True. ``inference_mode(False)`` switches both back on
    for its block (recording on, inference mode off), even inside ``no_grad``, as in PyTorch.

    Tensors made inside are *inference tensors* (``t.is_inference()``), as in PyTorch:
    autograd refuses to save them for backward, and outside the mode they may not be
    changed in place or given ``requires_grad=True``. ``t.clone()`` gives a normal tensor.
    """

    def __new__(cls, mode: Any = True):  # type: ignore[no-untyped-def]
        if isinstance(mode, bool):  # inference_mode(), inference_mode(False)
            return object.__new__(cls)
        return cls()(mode)  # used as a bare decorator: @inference_mode

    def __init__(self, mode: bool = True) -> None:
        super().__init__()
        self.mode = mode  # (PyTorch's attribute)

    def __enter__(self) -> None:
        global inference_tensors_made
        inference_tensors_made = inference_tensors_made or self.mode
        # As PyTorch's: a guard per entry, held by the object (entered again, the previous
        # guard is dropped and so ends at once; `inference_mode().__enter__()` without ``with``
        # ends when the object is collected, at once in CPython).
        self._inference_mode_context = _InferenceModeGuard(self.mode)

    def __exit__(self, *exc: object) -> None:
        self._inference_mode_context.end()

    def clone(self) -> inference_mode:
        return self.__class__(self.mode)


# PyTorch's classes live in torch.autograd.grad_mode, and print with that path.
for _switch in (no_grad, enable_grad, set_grad_enabled, inference_mode,
                set_multithreading_enabled, _unsafe_preserve_version_counter,
                enforce_grad_layout_policy):
    _switch.__module__ = "autograd_kit.autograd.grad_mode"
