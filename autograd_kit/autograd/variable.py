"""The historical ``Variable``: before PyTorch 0.4 a Variable wrapped a tensor to record
operations. Tensors now do that themselves, so ``Variable(t, requires_grad=True)`` simply
gives a new leaf sharing t's data (today's spelling: ``t.detach().requires_grad_()``), and
every tensor counts as a Variable (``isinstance(t, Variable)`` is True), as in PyTorch."""

from __future__ import annotations

import warnings
from typing import Any

from ..engine import queue_callback
from ..tensor import Tensor


class _VariableMeta(type):
    """Makes ``isinstance(any_tensor, Variable)`` True: Tensor and Variable were merged."""

    def __instancecheck__(cls, other: Any) -> bool:
        return isinstance(other, Tensor)


class Variable(metaclass=_VariableMeta):
    """``Variable(t, requires_grad=True)`` → a new leaf sharing t's data (no wrapper object).

    The kit warns that Variable is deprecated (PyTorch is silent: the syllabus asks the kit
    to teach the modern spelling). ``volatile=True`` (the old way to turn recording off) only
    warns, as in PyTorch: use ``with no_grad():`` instead.
    """

    def __new__(cls, data: Any = None, requires_grad: bool = False,  # type: ignore[misc]
                volatile: bool = False) -> Tensor:
        warnings.warn(
            "Variable is deprecated: Tensor and Variable were merged, so every tensor records "
            "operations itself. Write `t.requires_grad_()` or `tensor(..., requires_grad=True)` "
            "instead of `Variable(t, requires_grad=True)`.",
            DeprecationWarning,
            stacklevel=2,
        )
        if volatile:
            warnings.warn(
                "volatile was removed and now has no effect. Use `with autograd_kit.no_grad():` "
                "instead.",
                UserWarning,
                stacklevel=2,
            )
        if volatile and requires_grad:
            raise ValueError("Variable can't be volatile and require_grad at the same time!")
        if data is None:  # Variable(): an empty tensor, as in PyTorch
            from ..creation import empty

            data = empty(0)
        if not isinstance(data, Tensor):
            from ..creation_sizes import c_type_name

            raise TypeError(f"Variable data has to be a tensor, but got "
                            f"{c_type_name(type(data))}")
        out = data.detach()  # as in PyTorch: a new leaf sharing the data
        if requires_grad:
            out._set_requires_grad(True, "Only Tensors of floating point and complex dtype")
        return out


class _ExecutionEngine:
    """PyTorch's ``Variable._execution_engine``: here only its ``queue_callback``."""

    def queue_callback(self, callback: Any) -> None:
        """Run ``callback()`` once the backward pass under way has run all its nodes."""
        queue_callback(callback)


Variable._execution_engine = _ExecutionEngine()  # type: ignore[attr-defined]
