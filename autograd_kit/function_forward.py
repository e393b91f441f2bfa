"""Running a Function's ``forward``: with grad mode off when the call is recorded (forward
itself is never recorded), on the inputs' GPU when they live on one, in either of the two
ways PyTorch lets a Function be written (``forward(ctx, *args)``, or ``forward(*args)`` then
``setup_context``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy

from . import backend, grad_mode
from .tensor import Tensor

if TYPE_CHECKING:
    from .function import BackwardFunction, Function


def run_forward(function: type[Function], ctx: BackwardFunction, args: tuple[Any, ...],
                quiet: bool) -> Any:
    """Run ``function.forward`` (``quiet``: with grad mode off), on the inputs' GPU when they
    live on one."""
    state = grad_mode.state
    enabled, state.enabled = state.enabled, state.enabled and not quiet
    try:
        gpu = _gpu_of(args)
        if gpu is None:
            return _forward_of(function, ctx, args)
        with backend.on_device(gpu):  # CuPy computes on the *current* GPU: make it the inputs'
            return _forward_of(function, ctx, args)
    finally:
        state.enabled = enabled


def _forward_of(function: type[Function], ctx: BackwardFunction, args: tuple[Any, ...]) -> Any:
    """``forward(ctx, *args)``, or ``forward(*args)`` then ``setup_context(ctx, args, output)``."""
    if not function._has_setup_context:
        return function.forward(ctx, *args)
    output = function.forward(*args)
    function.setup_context(ctx, args, output)
    return output


def _gpu_of(args: tuple[Any, ...]) -> backend.device | None:
    """The GPU the inputs live on, or None for CPU inputs (the first tensor decides)."""
    data = next((a._data for a in args if isinstance(a, Tensor)), None)
    if data is None or type(data) is numpy.ndarray:
        return None
    return backend.device_of(data)
