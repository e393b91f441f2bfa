"""PyTorch's TypeError for arguments that neither of clamp's forms takes.

``x.clamp(min='a')`` would otherwise reach NumPy (``ufunc 'maximum' did not contain a loop``).
PyTorch's parser has two forms for clamp, clamp_ and clip (and clip_), both bounds tensors or
both numbers (a 0-dim tensor beside a number counts as a number), and lists them, under the
name called, when a call fits neither (too many arguments, an unknown or repeated keyword, a
bound or an input of another type): the arguments as given (keywords in the reverse of their
order), and, for the methods and ``torch.clamp_(x, ...)``, when the call gives as many as a
form has, why it did not fit (the keywords, all named "incorrect", when there are any; else
every bound marked, and an input that is no tensor).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy

_FORMS = ("(Tensor min = None, Tensor max = None)", "(Number min = None, Number max = None)")
_FUNCTION_FORMS = ("(Tensor input, Tensor min = None, Tensor max = None, *, Tensor out = None)",
                   "(Tensor input, Number min = None, Number max = None, *, Tensor out = None)")
_INPLACE_FORMS = ("(Tensor input, Tensor min = None, Tensor max = None)",
                  "(Tensor input, Number min = None, Number max = None)")
# each kind of call: its forms, its arguments by position, by name only
_KINDS = {"method": (_FORMS, ("min", "max"), ()),
          "function": (_FUNCTION_FORMS, ("input", "min", "max"), ("out",)),
          "inplace": (_INPLACE_FORMS, ("input", "min", "max"), ())}


def check_bounds(name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                 kind: str = "method") -> None:
    """Raise PyTorch's TypeError if the arguments of ``name`` fit neither of its forms;
    return for any other call. ``kind``: "method" (``args`` without the tensor), "function"
    (``torch.clamp(x, ...)``, ``args`` with the tensor, ``out=`` among ``kwargs`` when given)
    or "inplace" (``torch.clamp_(x, ...)``)."""
    forms, positional, by_name = _KINDS[kind]
    if _fits(args, kwargs, positional, by_name):
        return
    shown = [_type(a) for a in args]
    lines = [f"{name}() received an invalid combination of arguments - got "
             f"{_listed(shown, kwargs)}, but expected one of:"]
    detailed = kind != "function" and len(args) + len(kwargs) == len(positional) and (
        len(args) <= len(positional))
    for form in forms:
        lines.append(f" * {form}")
        if detailed:
            lines.append("      didn't match because some of the " + (
                "keywords were incorrect: " + ", ".join(reversed(kwargs)) if kwargs else
                "arguments have invalid types: " + _listed(_marked(args, kind), {})))
    raise TypeError("\n".join(lines) + "\n")


def _fits(args: tuple[Any, ...], kwargs: dict[str, Any], positional: tuple[str, ...],
          by_name: tuple[str, ...]) -> bool:
    """Whether PyTorch's parser takes these arguments for one of clamp's forms."""
    from .tensor import Tensor

    if len(args) > len(positional):
        return False
    bound = dict(zip(positional, args))
    for key, value in kwargs.items():
        if key in bound or key not in positional + by_name:
            return False
        bound[key] = value
    if "input" in positional and not isinstance(bound.get("input"), Tensor):
        return False
    if bound.get("out") is not None and not isinstance(bound["out"], Tensor):
        return False
    bounds = [b for b in (bound.get("min"), bound.get("max")) if b is not None]
    fits = all(isinstance(b, (Tensor, numbers.Number)) for b in bounds)
    tensors = [b for b in bounds if isinstance(b, Tensor)]
    return fits and (len(tensors) in (0, len(bounds)) or not [b for b in tensors if b.ndim])


def _marked(args: tuple[Any, ...], kind: str) -> list[str]:
    """The arguments as a "didn't match" line shows them: every bound marked (the forms'
    bounds, optional, take nothing there), and the input when it is no tensor."""
    from .tensor import Tensor
    from .tensor_arguments import shown_argument

    return [_type(a) if i == 0 and kind != "method" and isinstance(a, Tensor) else
            f"!{shown_argument(a)}!" for i, a in enumerate(args)]


def bounds(x: Any, min: Any = None, max: Any = None) -> tuple[Any, Any, Any]:  # noqa: A002
    """clamp_'s rule and bounds (ops.clamp_rule) for its arguments as Python binds them
    (complex numbers refused as `real_bounds` says, for an in-place clamp of ``x``)."""
    from . import ops

    rule, min, max = ops.clamp_rule(min, max)
    if rule is ops._unary.Clamp:
        min, max = real_bounds(x, min, max, inplace=True)
    return rule, min, max


def real_bounds(x: Any, min: Any, max: Any, inplace: bool = False) -> tuple[Any, Any]:  # noqa: A002
    """clamp's number bounds for ``x``, refusing complex ones as PyTorch: a floating ``x``
    converts each to a double ("value cannot be converted to type double without overflow"
    unless its imaginary part is 0: then it is its real part); for any other ``x`` the
    result type is complex, which clamp does not support (or, in place, cannot be cast to
    ``x``'s type)."""
    if not any(isinstance(b, _COMPLEX) for b in (min, max)):
        return min, max
    if x.dtype.is_floating_point:
        if any(isinstance(b, _COMPLEX) and b.imag != 0 for b in (min, max)):
            raise RuntimeError("value cannot be converted to type double without overflow")
        return tuple(b.real if isinstance(b, _COMPLEX) else b for b in (min, max))
    if inplace:
        from .dtypes import C_TYPES, get_default_dtype

        word = "ComplexDouble" if get_default_dtype().name == "float64" else "ComplexFloat"
        raise RuntimeError(f"result type {word} can't be cast to the desired output type "
                           f"{C_TYPES.get(x.dtype.name, x.dtype.name)}")
    raise NotImplementedError("clamp is not supported for complex types")


def check_real_bound(bound: Any) -> None:
    """clamp_min and clamp_max refuse any complex number, even one with no imaginary part."""
    if isinstance(bound, _COMPLEX):
        raise NotImplementedError("clamp is not supported for complex types")


_COMPLEX = (complex, numpy.complexfloating)


def _type(value: Any) -> str:
    from .tensor_arguments import _type_name

    return _type_name(value)


def _listed(shown: list[str], kwargs: dict[str, Any]) -> str:
    items = shown + [f"{k}={_type(v)}" for k, v in reversed(kwargs.items())]
    return "(" + ", ".join(items) + (", )" if kwargs and not shown else ")")


def inplace_function(name: str) -> Callable[..., Any]:
    """``torch.clamp_(x, ...)`` (or ``torch.clip_``): ``x.clamp_(...)``, with PyTorch's listing
    of the function's forms for arguments that fit neither."""
    def function(*args: Any, **kwargs: Any) -> Any:
        check_bounds(name, args, kwargs, "inplace")
        rest = dict(kwargs)
        tensor = args[0] if args else rest.pop("input")
        return getattr(tensor, name)(*args[1:], **rest)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"``{name}(t, …)`` is ``t.{name}(…)``: changes t in place."
    return function
