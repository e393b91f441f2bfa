"""How `Function.apply` lines up its arguments with ``forward``'s: arguments given by name
put in order, and (for a Function with ``setup_context``) defaults filled in."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

POSITIONAL_OR_KEYWORD = inspect.Parameter.POSITIONAL_OR_KEYWORD


def in_order(function: Any, args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """``apply(x, k=2)`` as ``apply(x, 2)``: the arguments in ``forward``'s order. Only
    arguments that may be given by position may be named (PyTorch's apply passes forward
    positions only: a keyword-only one, or one for ``**kwargs``, is refused)."""
    parameters = inspect.signature(function.forward).parameters
    for name in kwargs if function._checked else ():  # (a learner's Function)
        if name not in parameters and function._has_setup_context and not any(
                p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
            continue  # (refused by the binding below: inspect's own words, as PyTorch's)
        if name not in parameters or parameters[name].kind is not POSITIONAL_OR_KEYWORD:
            raise TypeError(f"forward() got an unexpected keyword argument '{name}'")
    if function._has_setup_context:  # (PyTorch binds these too: inspect's words)
        return inspect.signature(function.forward).bind(*args, **kwargs).args
    try:  # (forward's first is ctx; PyTorch calls it: Python's words, naming forward())
        return inspect.signature(function.forward).bind(None, *args, **kwargs).args[1:]
    except TypeError:  # (calling it fails as bind did, before it runs)
        try:
            function.forward(None, *args, **kwargs)
        except TypeError as error:  # (a keyword's error names forward() alone)
            name = function.forward.__qualname__ if kwargs else "\0"
            raise TypeError(str(error).replace(name, "forward")) from None
        raise


def with_defaults(forward: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, ...]:
    """All of ``forward``'s arguments, defaults filled in (what ``setup_context`` receives)."""
    bound = inspect.signature(forward).bind(*args)
    bound.apply_defaults()
    return bound.args
