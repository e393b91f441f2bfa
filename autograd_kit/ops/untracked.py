"""Arithmetic outside any graph: ``+ - * /`` and ``mm`` straight on the arrays when nothing is
recorded.

Most arithmetic that records nothing runs inside backward: a rule such as Mul's
``grad * b`` computes with tensors (so that ``create_graph=True`` can record it), and without
``create_graph`` grad mode is off there. Optimizer steps and ``no_grad`` code are the same.
For the plain case—two float32/float64 CPU tensors of one dtype and a shape that needs no
broadcasting check, or a tensor and a Python float—`Function.apply` would only build a node
it then throws away. Here the result is computed as that operation's ``forward`` computes it
(same arrays, same NumPy operation, so the same bits) and wrapped as a new tensor.

Anything else (GPU arrays, mixed dtypes, broadcasting, integer tensors, inference mode, an
input that requires grad while grad mode is on) returns None, and the caller takes the full
path with its checks and errors.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy

from .. import grad_mode
from ..tensor import Tensor

_FLOATS = (numpy.dtype("float32"), numpy.dtype("float64"))


def _arrays(a: Any, b: Any, elementwise: bool = True) -> tuple[Any, Any] | None:
    """``a``'s array and ``b``'s array (or float) when ``a ∘ b`` needs no node, else None
    (``elementwise``: the shapes must also be equal, or one of them 0-dim)."""
    if not isinstance(a, Tensor):
        return None
    state = grad_mode.state
    enabled = state.enabled  # (read once: the flag is per thread, a little dearer)
    # (recorded: the full path; inference mode: the full path marks its results)
    if enabled and a._requires_grad or state.inference:
        return None
    x = a._data
    if type(x) is not numpy.ndarray or x.dtype not in _FLOATS:
        return None
    if type(b) is float:
        if enabled and a.requires_grad:
            return None
        return x, b
    if not isinstance(b, Tensor):
        return None
    y = b._data
    if type(y) is not numpy.ndarray or y.dtype != x.dtype:
        return None
    if elementwise and y.shape != x.shape and x.ndim and y.ndim:  # (0-dim: broadcasts)
        return None
    if enabled and (a.requires_grad or b.requires_grad):
        return None
    return x, y


def _untracked(compute: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Tensor | None]:
    def run(a: Any, b: Any) -> Tensor | None:
        operands = _arrays(a, b)
        if operands is None:
            return None
        out = compute(*operands)
        if type(out) is not numpy.ndarray:  # (NumPy gives a scalar for 0-dim operands)
            out = numpy.asarray(out)
        return Tensor._make(out)

    run.__doc__ = f"``{compute.__name__}(a, b)`` as a new tensor, or None (see the module)."
    return run


add = _untracked(operator.add)
sub = _untracked(operator.sub)
mul = _untracked(operator.mul)
div = _untracked(operator.truediv)


def mm(a: Any, b: Any) -> Tensor | None:
    """``a @ b`` for two matrices as `Mm`'s forward computes it, or None (see the module;
    here both must be 2-D with matching inner sizes above 1: an inner size of 1 goes through
    `Mm`, which keeps a -0 that BLAS would lose)."""
    operands = _arrays(a, b, elementwise=False)
    if operands is None or type(operands[1]) is float:
        return None
    x, y = operands
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[0] or x.shape[1] == 1:
        return None
    return Tensor._make(x @ y)
