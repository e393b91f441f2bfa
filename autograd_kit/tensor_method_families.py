"""Tensor methods made by rule rather than written one by one, and the modules they reach.

- ``x.name(...)`` as ``ops.name(x, ...)`` (`method_of`);
- ``x.name_(...)``, the in-place twin: ``ops.name(x, ...)`` written into x, recorded as the
  out-of-place function is (`inplace_of`, `OutOfPlace`), or with the op's own in-place rule
  (`inplace_elementwise`);
- ``apply_inplace``, and `module`: the kit's modules that need the Tensor class themselves
  (``ops``, ``inplace``, ``tensor_queries``, ``ops.inplace_more``), imported on first use and
  then kept (an import statement costs about a microsecond each time it runs).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from typing import Any


@functools.cache
def module(name: str) -> Any:
    """``autograd_kit.<name>`` (``"ops"``, ``"inplace"``, …), imported on first use."""
    return importlib.import_module(f"{__package__}.{name}")


def apply_inplace(target: Any, function: Any, *others: Any) -> Any:
    """``target <- function(target, *others)`` (see inplace.apply_inplace)."""
    return module("inplace").apply_inplace(target, function, *others)


def check_leaf(target: Any, *others: Any) -> None:
    """PyTorch's autograd refuses an in-place change of a leaf that requires grad (or of a
    view it may not change) before the op's own checks of its arguments' dtypes, shapes and
    values run: call this first in a method whose rule checks them."""
    module("inplace").check_inplace_allowed(target, others)


_ARGUMENT_ERROR = re.compile(r"\w+\(\): argument '(\w+)' \(position (\d+)\)")


def told_as_method(error: TypeError, method: str) -> TypeError:
    """A function's TypeError for an argument after the tensor, as PyTorch's method says it:
    the method's name, positions counted without the tensor (``hypot_(): argument 'other'
    (position 1)``, not ``hypot(): ... (position 2)``); any other error as it is."""
    found = _ARGUMENT_ERROR.match(str(error))
    if found is None or int(found.group(2)) < 2:
        return error
    return TypeError(f"{method}(): argument '{found.group(1)}' (position "
                     f"{int(found.group(2)) - 1}){str(error)[found.end():]}")


def told_as_function(error: TypeError, name: str) -> TypeError:
    """A method's TypeError for one of its arguments, as PyTorch's function ``name`` says it
    (``torch.index_put_(x, i, 1)``: positions counted with the tensor, one more)."""
    found = _ARGUMENT_ERROR.match(str(error))
    if found is None or not str(error).startswith(f"{name}()"):
        return error
    return TypeError(f"{name}(): argument '{found.group(1)}' (position "
                     f"{int(found.group(2)) + 1}){str(error)[found.end():]}")


def method_of(name: str) -> Callable[..., Any]:
    """``x.name(...)``: the function ``name`` with x as its first argument."""
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(module("ops"), name)(self, *args, **kwargs)
        except TypeError as error:
            told = told_as_method(error, name)
            if told is error:
                raise
            raise told from None

    method.__name__ = method.__qualname__ = name
    return method


class OutOfPlace:
    """An out-of-place function used as the rule of an in-place method: ``apply_inplace``
    records ``ops.<name>(x, *args)`` as usual and writes the result into x, so ``y.sin_()``
    gets ``SinBackward0`` and bumps y's version, exactly as ``y = y.sin()`` would record."""

    def __init__(self, name: str, keywords: dict[str, Any]) -> None:
        self.name, self.keywords = name, keywords

    def apply(self, *args: Any) -> Any:
        return getattr(module("ops"), self.name)(*args, **self.keywords)


def inplace_of(name: str) -> Callable[..., Any]:
    """``x.<name>_(*args)``: ``ops.<name>(x, *args)`` written into x."""
    def method(self: Any, *args: Any, **keywords: Any) -> Any:
        if name in ("cumsum", "cumprod"):  # (written in x's own dtype)
            module("ops.scan").check_running_inplace(name, self, keywords.get("dtype"),
                                                     args[0] if args else keywords.get("dim"))
            keywords = {**keywords, "dtype": self.dtype}  # (a bool x, 0-dim or empty, stays)
        try:
            return apply_inplace(self, OutOfPlace(name, keywords), *args)
        except TypeError as error:
            told = told_as_method(error, name + "_")
            if told is error:
                raise
            raise told from None

    method.__name__ = method.__qualname__ = name + "_"
    return method


def inplace_elementwise(name: str) -> Callable[..., Any]:
    """``x.name_()`` with its own in-place rule: PyTorch records these differently from the
    out-of-place function (``AtanhBackward1``, whose derivative it does not implement)."""
    def method(self: Any) -> Any:
        return apply_inplace(self, module("ops")._extra.hyperbolic.RULES[name])

    method.__name__ = method.__qualname__ = name + "_"
    return method


# x.index_put(...), x.gcd(y), …: functions of ops taken as methods
FUNCTIONS_AS_METHODS = (
    "index_put", "masked_select", "masked_scatter", "scatter_reduce", "take_along_dim",
    "asinh", "acosh", "atanh", "erfinv", "erfc", "logit", "gcd", "lcm", "nanmean", "quantile",
    "nanquantile", "diff", "bincount", "histc", "rot90", "fliplr", "flipud", "tensor_split",
    "hsplit", "vsplit", "dsplit", "logdet", "slogdet")
# x.sin_(), x.cumsum_(0), x.lerp_(end, w), …: PyTorch's in-place twins of the functions
RECORDED_AS_OUT_OF_PLACE = (
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "log2", "log10", "log1p",
    "expm1", "exp2", "rsqrt", "erf", "frac", "sgn", "fmod", "clamp_min", "clamp_max", "lerp",
    "cumsum", "cumprod", "xlogy", "hypot", "atan2")
WITH_OWN_INPLACE_RULE = ("asinh", "acosh", "atanh", "erfinv", "erfc")


def add_families(cls: type) -> None:
    """Give ``cls`` the methods above (an in-place twin only where it has none of its own)."""
    for name in FUNCTIONS_AS_METHODS:
        setattr(cls, name, method_of(name))
    for name in RECORDED_AS_OUT_OF_PLACE:
        if not hasattr(cls, name + "_"):
            setattr(cls, name + "_", inplace_of(name))
    for name in WITH_OWN_INPLACE_RULE:
        setattr(cls, name + "_", inplace_elementwise(name))
