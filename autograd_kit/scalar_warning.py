"""PyTorch's warning when a tensor that requires grad becomes a Python number.

``float(loss)``, ``complex(x)``, ``math.floor(x)`` and ``tensor([a, b])`` made of such tensors
read values that no gradient can flow back through. PyTorch warns about it once per process
(``TORCH_WARN_ONCE``): a training loop that appends ``float(loss)`` every step warns on the
first step only. ``int(x)`` and ``x.item()`` do not warn, nor does anything under ``no_grad``.
After ``set_warn_always(True)``, these warnings (and the others given once, below) come every
time, and do not count as given.
"""

from __future__ import annotations

import warnings
from typing import Any

from .global_settings import is_warn_always_enabled


def triggered_at(message: str, source: str) -> str:
    """``message`` as PyTorch's warnings from its C++ code end: with where in PyTorch's source
    it was given (``source``: a file below PyTorch's checkout, and the line)."""
    return f"{message} (Triggered internally at /__w/pytorch/pytorch/{source}.)"


MESSAGE = triggered_at("Converting a tensor with requires_grad=True to a scalar may lead to "
                       "unexpected behavior.\nConsider using tensor.detach() first.",
                       "torch/csrc/autograd/generated/python_variable_methods.cpp:822")

_warned = False
_given: set[str] = set()


def warn_once(tensor: Any = None) -> None:
    """Give the warning unless it was given before in this process. It points at the first
    line outside the kit, the learner's, as PyTorch's does, however many of the kit's
    functions the call went through (``tensor([x])`` reached through ``FloatTensor``,
    ``new_tensor`` or ``as_tensor``). Not for a ``tensor`` that requires grad only as the
    kit's forward AD carries tangents (PyTorch's dual of a plain tensor does not)."""
    global _warned
    if _warned and not is_warn_always_enabled():
        return
    from .autograd.forward_ad import helpers_only
    from .memory_overlap import _outside_the_kit  # (it imports the tensor, which imports us)

    if tensor is not None and helpers_only(tensor):
        return
    if not is_warn_always_enabled():
        _warned = True
    warnings.warn(MESSAGE, UserWarning, stacklevel=_outside_the_kit())


def first_time(key: str) -> bool:
    """Whether a warning PyTorch gives with ``TORCH_WARN_ONCE`` (``key`` names it) is to be
    given now: the first time in the process, and every time under ``set_warn_always(True)``
    (which does not count as given)."""
    if is_warn_always_enabled():
        return True
    if key in _given:
        return False
    _given.add(key)
    return True


def warn_once_with(message: str, stacklevel: int, key: str | None = None,
                   source: str | None = None) -> None:
    """A UserWarning that PyTorch gives with ``TORCH_WARN_ONCE`` (once per process, whatever
    the Python warning filters say): given unless ``message`` (or another with the same
    ``key``: one call site of PyTorch's for several messages) was given before
    (``x.T`` on a tensor of other than 2 dims, ``T``/``mT``/``H``/``mH``/``adjoint()`` on a
    0-dim tensor). ``source``: where in PyTorch's C++ code it is given (see `triggered_at`)."""
    if not first_time(message if key is None else key):
        return
    if source is not None:
        message = triggered_at(message, source)
    warnings.warn(message, UserWarning, stacklevel=stacklevel + 1)


def where_condition(condition: Any, a: Any, b: Any) -> Any:
    """``where(condition, a, b)``'s condition: a uint8 one is read as ``condition != 0``, with
    PyTorch's once-only deprecation warning (``where(condition)`` alone takes it as it is)."""
    if condition.dtype.name != "uint8" or (a is None and b is None):
        return condition
    from .memory_overlap import _outside_the_kit  # (the learner's line, however called)

    warn_once_with("where received a uint8 condition tensor. This behavior is deprecated and "
                   "will be removed in a future version of PyTorch. Use a boolean condition "
                   "instead.", stacklevel=_outside_the_kit(),
                   source="aten/src/ATen/native/TensorCompare.cpp:621")
    return condition != 0


def forget() -> None:
    """As if no warn-once warning had been given (for tests: each starts like a new process)."""
    global _warned
    _warned = False
    _given.clear()
