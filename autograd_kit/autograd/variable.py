"""The historical ``Variable``: before PyTorch 0.4 a Variable wrapped a tensor to record
operations. Tensors now do that themselves, so ``Variable(t, requires_grad=True)`` simply
gives a new leaf sharing t's data (today's spelling: ``t.detach().requires_grad_()``), and
every tensor counts as a Variable (``isinstance(t, Variable)`` is True), as in PyTorch."""

from __future__ import annotations

import warnings
from typing import Any

from ..creation_sizes import c_type_name
from ..engine import queue_callback
from ..function import BackwardFunction, Function
from ..int_arguments import c_flag
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

    def __new__(cls, *args: Any, **kwargs: Any) -> Tensor:  # type: ignore[misc]
        warnings.warn(
            "Variable is deprecated: Tensor and Variable were merged, so every tensor records "
            "operations itself. Write `t.requires_grad_()` or `tensor(..., requires_grad=True)` "
            "instead of `Variable(t, requires_grad=True)`.",
            DeprecationWarning,
            stacklevel=2,
        )
        data, requires_grad, volatile, grad_fn, name = _arguments(args, kwargs)
        if volatile:
            warnings.warn(
                "volatile was removed and now has no effect. Use `with autograd_kit.no_grad():` "
                "instead.",
                UserWarning,
                stacklevel=2,
            )
        if volatile and requires_grad:
            raise ValueError("Variable can't be volatile and require_grad at the same time!")
        if grad_fn is not None and not _is_python_function(grad_fn):
            raise TypeError("_grad_fn has to be a Function object or None, but got "
                            f"{c_type_name(type(grad_fn))}")
        if data is None:  # Variable(): an empty tensor, as in PyTorch
            from ..creation import empty

            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got "
                            f"{c_type_name(type(data))}")
        if grad_fn is not None:
            raise RuntimeError(
                "_grad_fn argument to legacy Variable constructor is no longer supported.  "
                "Instead, please invoke your _grad_fn to produce a variable with it as the "
                "_grad_fn.")
        out = data.detach()  # as in PyTorch: a new leaf sharing the data
        if requires_grad:
            out._set_requires_grad(True, "Only Tensors of floating point and complex dtype")
        if name is not None:  # (PyTorch's ``name``: this object's alone, never copied)
            out._variable_name = name
        return out


_PARAMETERS = ("data", "requires_grad", "volatile", "_grad_fn", "name")


def _arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """``Variable``'s arguments read as PyTorch's C constructor reads them (CPython's
    ``PyArg_ParseTupleAndKeywords`` with the format ``|ObbOz``): ``requires_grad`` and
    ``volatile`` as unsigned bytes (anything with ``__index__``), ``name`` a str or None; an
    unknown keyword is reported only after the known arguments were read."""
    if len(args) + len(kwargs) > len(_PARAMETERS):
        raise TypeError(f"function takes at most {len(_PARAMETERS)} "
                        f"{'' if args else 'keyword '}arguments ({len(args) + len(kwargs)} given)")
    values: list[Any] = [None, False, False, None, None]
    for position, parameter in enumerate(_PARAMETERS):
        if parameter in kwargs and position < len(args):
            raise TypeError(f"argument for function given by name ('{parameter}') and "
                            f"position ({position + 1})")
        if position < len(args) or parameter in kwargs:
            value = args[position] if position < len(args) else kwargs[parameter]
            values[position] = _read(position, value)
    unknown = [keyword for keyword in kwargs if keyword not in _PARAMETERS]
    if unknown:
        raise TypeError(f"'{unknown[0]}' is an invalid keyword argument for this function")
    return tuple(values)


def _read(position: int, value: Any) -> Any:
    """One argument converted as its format letter says (``b``: a flag, ``z``: a name)."""
    if _PARAMETERS[position] in ("requires_grad", "volatile"):
        return c_flag(value)
    if _PARAMETERS[position] == "name" and not (value is None or isinstance(value, str)):
        raise TypeError(f"argument {position + 1} must be str or None, not "
                        f"{c_type_name(type(value))}")
    return value


def _is_python_function(value: Any) -> bool:
    """PyTorch's ``THPFunction_Check``: a custom Function (an instance of one) or its node."""
    return isinstance(value, Function) or (
        isinstance(value, BackwardFunction) and not value._builtin_rule)


class _ExecutionEngine:
    """PyTorch's ``Variable._execution_engine``: here only its ``queue_callback``."""

    def queue_callback(self, callback: Any) -> None:
        """Run ``callback()`` once the backward pass under way has run all its nodes."""
        queue_callback(callback)


Variable._execution_engine = _ExecutionEngine()  # type: ignore[attr-defined]


def variable(*args: Any, **kwargs: Any) -> Any:
    """``autograd.variable(...)``, the lower-case spelling of the old days: refused, as in
    PyTorch (it shadows this module's name there too: ``autograd.variable`` is this function)."""
    raise RuntimeError("autograd_kit.autograd.variable(...) is deprecated, use "
                       "autograd_kit.tensor(...) instead")
