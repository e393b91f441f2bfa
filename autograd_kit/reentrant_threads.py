"""Deeply nested (reentrant) backward passes continue on a fresh thread.

A custom Function's ``backward`` may itself call ``backward()`` or ``autograd.grad()``: a
*reentrant* backward pass, run inside the outer one. Each level nests the engine's frames
on the same thread, so a chain of a few hundred levels would exhaust Python's recursion
limit. PyTorch's engine escapes this: once a thread is ``MAX_DEPTH`` reentrant passes deep,
the next pass runs on another thread (from a pool), which starts with an empty stack and a
copy of the caller's thread-local state (grad mode, saved-tensor hooks, ...), while the
caller waits for it. The kit does the same, with a new thread each time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

MAX_DEPTH = 60  # (PyTorch's engine: torch/csrc/autograd/engine.h)


class _Depth(threading.local):
    passes = 0  # backward passes running on this thread, one inside the other


_depth = _Depth()


def run_backward_pass(run: Callable[[], None]) -> None:
    """``run()`` (one whole backward pass) here, or on a new thread when this thread is
    already ``MAX_DEPTH`` passes deep; its error, if any, is raised here either way."""
    if _depth.passes < MAX_DEPTH:
        _depth.passes += 1
        try:
            run()
        finally:
            _depth.passes -= 1
        return
    carry_over = _thread_state()
    errors: list[BaseException] = []

    def worker() -> None:
        _set_thread_state(carry_over)
        try:
            run_backward_pass(run)
        except BaseException as error:  # noqa: BLE001 (handed to the waiting caller)
            errors.append(error)

    thread = threading.Thread(target=worker, name="autograd_kit reentrant backward")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def _thread_state() -> tuple:
    """This thread's settings that PyTorch carries over to the thread running a pass."""
    from . import grad_mode, saved_tensor
    from .utils.checkpoint import GraphExecGroup

    mode = grad_mode.state
    hooks = saved_tensor.thread_hooks
    return (mode.enabled, mode.inference, mode.layout_enforced, list(hooks.stack),
            list(hooks.disabled), getattr(GraphExecGroup._current, "group", None))


def _set_thread_state(carried: tuple) -> None:
    from . import grad_mode, saved_tensor
    from .utils.checkpoint import GraphExecGroup

    mode = grad_mode.state
    hooks = saved_tensor.thread_hooks
    (mode.enabled, mode.inference, mode.layout_enforced, hooks.stack, hooks.disabled,
     group) = carried
    if group is not None:
        GraphExecGroup._current.group = group
