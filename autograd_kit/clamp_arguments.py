"""PyTorch's TypeError for bounds that neither of clamp's forms takes.

``x.clamp(min='a')`` would otherwise reach NumPy (``ufunc 'maximum' did not contain a loop``).
PyTorch's parser has two forms for clamp, clamp_ and clip, both bounds tensors or both numbers
(a 0-dim tensor beside a number counts as a number), and lists them when a call fits neither:
the arguments as given (keywords in the reverse of their order), and, when the call gives as
many as a form has, why it did not fit (the keywords, all named "incorrect", when there are
any; else every argument marked).
"""

from __future__ import annotations

import numbers
from typing import Any

_FORMS = ("(Tensor min = None, Tensor max = None)", "(Number min = None, Number max = None)")
_FUNCTION_FORMS = ("(Tensor input, Tensor min = None, Tensor max = None, *, Tensor out = None)",
                   "(Tensor input, Number min = None, Number max = None, *, Tensor out = None)")


def check_bounds(name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                 function: bool = False) -> None:
    """Raise PyTorch's TypeError if the bounds of the method ``name`` (``args`` and ``kwargs``
    as given, without the tensor) fit neither form; return for any other call. For the
    function (``function``, ``torch.clamp(x, ...)``) the listing starts with the tensor."""
    from .tensor import Tensor

    if len(args) > 2 or set(kwargs) - {"min", "max"} or (
            len(args) == 2 and kwargs) or (len(args) == 1 and "min" in kwargs):
        return  # (Python's own words for these, as before)
    bounds = [b for b in (*args, *kwargs.values()) if b is not None]
    fits = all(isinstance(b, (Tensor, numbers.Number)) for b in bounds)
    tensors = [b for b in bounds if isinstance(b, Tensor)]
    if fits and (len(tensors) in (0, len(bounds)) or not [b for b in tensors if b.ndim]):
        return
    shown = ["Tensor"] * function + [_type(a) for a in args]
    lines = [f"{name}() received an invalid combination of arguments - got "
             f"{_listed(shown, kwargs)}, but expected one of:"]
    for form in _FUNCTION_FORMS if function else _FORMS:
        lines.append(f" * {form}")
        if len(args) + len(kwargs) == 2 and not function:
            lines.append("      didn't match because some of the " + (
                "keywords were incorrect: " + ", ".join(reversed(kwargs)) if kwargs else
                "arguments have invalid types: " + _listed([f"!{_type(a)}!" for a in args],
                                                           {})))
    raise TypeError("\n".join(lines) + "\n")


def bounds(min: Any = None, max: Any = None) -> tuple[Any, Any, Any]:  # noqa: A002
    """clamp_'s rule and bounds (ops.clamp_rule) for its arguments as Python binds them."""
    from . import ops

    return ops.clamp_rule(min, max)


def _type(value: Any) -> str:
    from .tensor_arguments import _type_name

    return _type_name(value)


def _listed(shown: list[str], kwargs: dict[str, Any]) -> str:
    items = shown + [f"{k}={_type(v)}" for k, v in reversed(kwargs.items())]
    return "(" + ", ".join(items) + (", )" if kwargs and not shown else ")")
