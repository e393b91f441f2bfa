"""How Tensor methods read their arguments as PyTorch does: NumPy's ``axis=`` for ``dim=``,
a varargs method's one argument given by name (``x.view(size=(2, 3))``), and the TypeError
for an argument of the wrong type."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


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
