"""``x[::2].lerp_(x[:3], 0.5)``, ``torch.neg(x[:3], out=x[::2])``: any elementwise operation
whose operand reads, with gaps, memory it is writing, in PyTorch's order.

PyTorch's kernels visit the written elements one at a time, in the order of their memory,
and read each operand element just before writing its own result (visiting_order.py has the
same for + - * / and copy_). So with ``x = arange(5.)``, ``x[::2].add_(x[:3], alpha=2)``
gives x[4] = 4 + 2·x[2] with x[2] already written (4): 12, where computing the whole result
first gives 8. The kit computes the operation once as usual (so autograd records it as
PyTorch does: its gradients are those of the operands' old values) and then writes the
values of `values_in_order` instead: the operation run on one element at a time.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy

from . import grad_mode
from .function import forward_only
from .inplace_checks import is_elementwise
from .tensor import Tensor
from .visiting_order import copied_in_order, in_memory_order, reads_what_it_writes

# the out= functions that compute each element of their result from the same element of
# their operands (broadcast), by PyTorch's name
ELEMENTWISE_OUT = frozenset((
    "add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "pow",
    "float_power", "atan2", "arctan2", "hypot", "fmod", "remainder", "lerp", "addcmul",
    "addcdiv", "clamp", "clip", "clamp_min", "clamp_max", "maximum", "minimum", "fmax",
    "fmin", "copysign", "xlogy", "nextafter", "ldexp", "logaddexp", "logaddexp2",
    "neg", "negative", "abs", "absolute", "exp2", "rsqrt", "reciprocal", "square", "sinh",
    "cosh", "asinh", "acosh", "atanh", "sigmoid", "frac", "nan_to_num"))
# (not exp, log, sqrt, sin, tanh, erf, floor, round, …: PyTorch computes those on a block of
# the operand read before any of it is written, as NumPy does)
# the in-place rules (by `inplace_checks.is_elementwise`'s names) that do the same
ELEMENTWISE_IN_PLACE = frozenset(("ClampTensor",))


def values_in_order(written: Any, call: Callable[..., Any], args: tuple[Any, ...],
                    kwargs: dict[str, Any] | None = None) -> Any:
    """The values an elementwise ``call(*args, **kwargs)`` leaves in ``written`` when it
    writes them element by element in memory order, each operand element read just before
    its own write (PyTorch's order); None when no tensor operand reads ``written``'s memory
    with gaps (or the one-element calls fail: the whole call then gives its own error). The
    elements are written in ``written`` and then put back: the caller writes them."""
    kwargs = kwargs or {}
    if type(written) is not numpy.ndarray or not written.flags.writeable or not any(
            isinstance(v, Tensor) and v._data is not written
            and reads_what_it_writes(written, v._data) for v in (*args, *kwargs.values())):
        return None
    kept = written.copy()
    try:
        return _one_by_one(written, call, args, kwargs)
    except Exception:  # noqa: BLE001 (the whole call raises PyTorch's error itself)
        return None
    finally:
        written[...] = kept


def _one_by_one(written: Any, call: Callable[..., Any], args: tuple[Any, ...],
                kwargs: dict[str, Any]) -> Any:
    def element(value: Any, piece: tuple[slice, ...]) -> Any:
        if not isinstance(value, Tensor):
            return value
        if value._data.ndim == 0:  # (stays 0-dim: it takes part in the result type so)
            return Tensor._make(value._data.copy())
        return Tensor._make(numpy.broadcast_to(value._data, written.shape)[piece].copy())

    with grad_mode.no_grad(), warnings.catch_warnings(), numpy.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for at in in_memory_order(written):
            piece = tuple(slice(i, i + 1) for i in at)  # (one element, its dims kept)
            new = call(*(element(a, piece) for a in args),
                       **{k: element(v, piece) for k, v in kwargs.items()})
            written[piece] = new._data
    return written.copy()


def in_order_values(target: Any, function: Any, others: tuple[Any, ...]) -> Any:
    """`values_in_order` of the in-place ``target <- function(target, *others)`` when
    ``function`` is elementwise (None otherwise, or when nothing reads target with gaps)."""
    data = target._data
    if forward_only or type(data) is not numpy.ndarray or not any(
            isinstance(o, Tensor) and type(o._data) is numpy.ndarray  # (another device's:
            and numpy.may_share_memory(data, o._data) for o in others):  # no shared memory)
        return None  # (the common case, first and quickly)
    if getattr(function, "copies", False):  # (a recorded copy_: its source was not read in
        source = others[0]  # order before)
        return copied_in_order(data, source._data) if isinstance(source, Tensor) else None
    if not (is_elementwise(function) or getattr(function, "__name__", None)
            in ELEMENTWISE_IN_PLACE):
        return None
    return values_in_order(data, function.apply, (target, *others))
