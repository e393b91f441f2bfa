"""``autograd_kit.autograd.function``: PyTorch's module of the same name.

`Function` itself lives in ``autograd_kit/function.py``; this module adds
`once_differentiable`, the decorator for a ``backward`` that is written without recording
(plain array code, say) and so cannot be differentiated again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .. import grad_mode
from ..creation import empty
from ..function import BackwardFunction, Function
from ..tensor import Tensor

ONCE_MESSAGE = (
    "trying to differentiate twice a function that was marked with @once_differentiable"
)


class _DelayedError(Function):
    """Passes gradients through unchanged, but refuses to be differentiated: its node
    (``<Error object …>``, as PyTorch names it) raises ``message`` when backward reaches it."""

    node_name = "Error"

    @staticmethod
    def forward(ctx: Any, message: str, *grads: Tensor) -> Any:
        ctx.message = message
        outputs = tuple(g.detach() for g in grads)
        return outputs if len(outputs) > 1 else outputs[0]

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise RuntimeError(ctx.message)


def delayed_error(message: str, grad: Tensor) -> Tensor:
    """``grad`` itself; when it is recorded (``create_graph=True``), passed through an
    ``Error`` node, so that differentiating it again raises ``message`` (PyTorch's
    DelayedError, for a backward formula that has no derivative of its own)."""
    return _DelayedError.apply(message, grad) if grad.requires_grad else grad


def once_differentiable(backward: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``backward`` with recording off.

    Under ``create_graph=True`` with gradients that require grad, the results come back
    attached to an ``Error`` node, so that differentiating them again raises instead of
    silently giving zero.
    """

    @functools.wraps(backward)
    def wrapper(ctx: Any, *grads: Any) -> Any:
        with grad_mode.no_grad():
            outputs = backward(ctx, *grads)
        if not grad_mode.is_grad_enabled():
            return outputs
        if not any(isinstance(g, Tensor) and g.requires_grad for g in grads):
            return outputs
        many = isinstance(outputs, tuple)
        values = outputs if many else (outputs,)
        if all(v is None for v in values):
            return outputs
        # one input per result, as PyTorch's DelayedError: a None result is an input that
        # needs no grad, so the Error node's next_functions hold None in its place
        inputs = [empty(0) if v is None else _alias_requiring_grad(v) for v in values]
        delayed = _DelayedError.apply(ONCE_MESSAGE, *inputs)
        delayed = delayed if isinstance(delayed, tuple) else (delayed,)
        results = tuple(d if isinstance(v, Tensor) else v for v, d in zip(values, delayed))
        return results if many else results[0]

    return wrapper


def _alias_requiring_grad(value: Any) -> Tensor:
    """A result of ``backward`` detached, then set to require grad, as PyTorch's
    once_differentiable does: a number fails there ('int' object has no attribute 'detach'),
    an integer tensor when set to require grad."""
    alias = value.detach()
    alias.requires_grad = True
    return alias


# PyTorch's names for the class of a custom Function's node, which is also its ``ctx``
# (``isinstance(ctx, FunctionCtx)`` and ``isinstance(y.grad_fn, BackwardCFunction)`` hold)
BackwardCFunction = FunctionCtx = BackwardFunction

# ``Function.apply(x)`` on the base class runs its forward, which says that forward must be
# written (PyTorch's NotImplementedError): the base class gets a node class, as each subclass
vars(Function)["__init_subclass__"].__func__(Function)


def python_function(function: type[Function]) -> type[Function]:
    """Mark a kit Function that PyTorch writes in Python (``_Dirichlet``, checkpoint's,
    CrossMapLRN2d's): its node shows PyTorch's module (``<…autograd.function._Dirichlet
    Backward object at …>``) and what it returns is checked as for a learner's Function."""
    function._checked = True
    function._node_class.__module__ = "autograd_kit.autograd.function"
    return function


class InplaceFunction(Function):
    """Kept for old code, as in PyTorch: a `Function` that remembers an ``inplace`` flag."""

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace


__all__ = ["BackwardCFunction", "BackwardFunction", "Function", "FunctionCtx",
           "InplaceFunction", "once_differentiable"]
