"""How Tensor methods read their arguments as PyTorch does: NumPy's ``axis=`` for ``dim=``,
a varargs method's one argument given by name (``x.view(size=(2, 3))``), and the TypeError
for an argument of the wrong type."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy


def accepts_axis(reduction: Callable[..., Any]) -> Callable[..., Any]:
    """Let a reduction take NumPy's ``axis=`` as another name for ``dim=``, as PyTorch does."""

    @functools.wraps(reduction)
    def with_axis(*args: Any, axis: Any = None, **kwargs: Any) -> Any:
        if axis is not None:
            kwargs["dim"] = axis
        return reduction(*args, **kwargs)

    return with_axis


def or_keyword(method: str, name: str, args: tuple[Any, ...], keyword: Any) -> tuple[Any, ...]:
    """The sizes of ``x.view(2, 3)`` or of ``x.view(size=(2, 3))``: PyTorch's varargs
    methods also take their one argument by name (but not both ways at once)."""
    if keyword is None:
        return args
    if args and method == "view":
        raise TypeError("view() received an invalid combination of arguments - got ("
                        + "".join(f"{type(a).__name__}, " for a in args)
                        + f"size={type(keyword).__name__}), but expected one of:\n"
                        " * (autograd_kit.dtype dtype)\n * (tuple of ints size)\n")
    if args:
        raise TypeError(f"{method}() got multiple values for argument '{name}'")
    return (keyword,)


def as_sizes(args: tuple[Any, ...]) -> tuple[int, ...]:
    """``(2, 3)`` from ``x.reshape(2, 3)`` or ``x.reshape((2, 3))``."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(args[0])
    return tuple(args)


def argument_error(method: str, name: str, value: Any) -> str:
    """PyTorch's words for a first argument of the wrong type."""
    from .tensor import typename

    return f"{method}(): argument '{name}' (position 1) must be Tensor, not {typename(value)}"


def shown_argument(value: Any) -> str:
    """An argument as PyTorch's "didn't match" lines show it: ``list of [int, float]``,
    ``tuple of (int, int)``, ``str``, ``numpy.ndarray``."""
    from .creation import c_type_name

    if isinstance(value, list):
        return "list of [" + ", ".join(type(v).__name__ for v in value) + "]"
    if isinstance(value, tuple) and type(value) is tuple:
        return "tuple of (" + ", ".join(type(v).__name__ for v in value) + ")"
    return _type_name(value) if _is_tensor(value) else c_type_name(type(value))


def _is_tensor(value: Any) -> bool:
    from .tensor import Tensor

    return isinstance(value, Tensor)


def _type_name(value: Any) -> str:
    from .creation import c_type_name

    return "Tensor" if _is_tensor(value) else c_type_name(type(value))


def is_number(value: Any) -> bool:
    """A Python or NumPy number (what PyTorch's ``Number`` arguments take)."""
    return isinstance(value, (int, float, complex, numpy.number, numpy.bool_))


_KINDS: dict[str, Callable[[Any], bool]] = {"Tensor": _is_tensor, "Number": is_number,
                                            "int": lambda v: isinstance(v, int)}


def invalid_combination(method: str, args: tuple[Any, ...], forms: list[str]) -> TypeError:
    """PyTorch's TypeError when ``args`` fit none of ``forms`` (each like ``"Tensor mask,
    Number value"``): every form says which arguments did not fit, from the first misfit on."""
    lines = [f"{method}() received an invalid combination of arguments - got "
             f"({', '.join(_type_name(a) for a in args)}), but expected one of:"]
    for form in forms:
        kinds = [part.split()[0] for part in form.split(", ")]
        fits = [_KINDS[kind](arg) for kind, arg in zip(kinds, args)]
        first = fits.index(False) if False in fits else len(args)
        marked = [_type_name(a) if i < first else f"!{shown_argument(a)}!"
                  for i, a in enumerate(args)]
        lines.append(f" * ({form})")
        lines.append("      didn't match because some of the arguments have invalid types: "
                     f"({', '.join(marked)})")
    return TypeError("\n".join(lines) + "\n")


def tensor_or_number(method: str, name: str, value: Any) -> Any:
    """``value`` if it is a tensor or a number, else PyTorch's TypeError for a method with
    the two forms ``(Tensor name)`` and ``(Number name)`` (``eq``, ``pow``, ``fmod``, …)."""
    if _is_tensor(value) or is_number(value):
        return value
    raise invalid_combination(method, (value,), [f"Tensor {name}", f"Number {name}"])


def tensor_argument(method: str, name: str, value: Any, position: int = 1) -> Any:
    """``value`` if it is a tensor, else PyTorch's TypeError naming the argument."""
    if _is_tensor(value):
        return value
    from .tensor import typename

    raise TypeError(f"{method}(): argument '{name}' (position {position}) must be Tensor, "
                    f"not {typename(value)}")


def tensor_pair(method: str, args: tuple[Any, Any], first: str, second: str) -> tuple[Any, Any]:
    """``args`` if the first is a tensor and the second a tensor or a number
    (``masked_fill(mask, value)``, ``lerp(end, weight)``, ``where(condition, other)``), else
    PyTorch's TypeError listing both forms."""
    if _is_tensor(args[0]) and (_is_tensor(args[1]) or is_number(args[1])):
        return args
    raise invalid_combination(method, args, [f"Tensor {first}, Tensor {second}",
                                             f"Tensor {first}, Number {second}"])


def number_argument(method: str, name: str, value: Any) -> Any:
    """``value`` if it is a number (``alpha=``), else PyTorch's TypeError."""
    if is_number(value) or _is_tensor(value) and value.ndim == 0:
        return value
    raise TypeError(f"{method}(): argument '{name}' must be Number, not {_type_name(value)}")


def other_operand(method: str, value: Any) -> Any:
    """A tensor or a number (a Python one or a NumPy scalar) for ``x.add(other)`` …, else
    PyTorch's TypeError."""
    if _is_tensor(value) or isinstance(value, (int, float, complex, numpy.generic)):
        return value
    raise TypeError(argument_error(method, "other", value))
