"""``out=`` for the factories: ``torch.zeros(3, out=z)``, ``torch.arange(5, out=z)``, … fill
``z`` and return it; and their ``layout=`` and ``pin_memory=`` keywords.

As in PyTorch, ``out`` chooses the dtype (a different ``dtype=`` is an error), is resized
silently when its shape differs (``arange`` warns when its number of elements differs), its
version goes up by one, and its ``requires_grad`` is set to the call's (``False`` unless
given). An ``out`` that requires grad is refused while grad mode is on: a factory's result
has no history to keep.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

from . import dtypes, grad_mode
from .creation_sizes import c_type_name
from .tensor import Tensor

RANGE_WARNING = (
    "The number of elements in the out tensor of shape {old} is {count} which does not match "
    "the computed number of elements {new}. Note that this may occur as a result of rounding "
    "error. The out tensor will be resized to a tensor of shape ({new},). (Triggered "
    "internally at /__w/pytorch/pytorch/aten/src/ATen/native/RangeFactories.cpp:199.)"
)

_RESIZED_BY_NAME = ("empty", "randn")  # PyTorch resizes ``out`` first in these two
# factories with several signatures: a bad argument gives "invalid combination" instead
_OVERLOADED = ("arange", "eye", "linspace", "logspace", "rand", "randn", "randint", "randperm",
               "normal")


_ALL = ("out", "layout", "pin_memory")


def add_factory_out(namespace: dict[str, Any], names: tuple[str, ...],
                    keywords: tuple[str, ...] = _ALL) -> None:
    """Give each factory in ``names`` (found in a module's globals) PyTorch's ``keywords``:
    ``out=``, and ``layout=`` / ``pin_memory=`` (checked: the kit's tensors are strided and
    never pinned)."""
    for name in names:
        namespace[name] = with_factory_out(namespace[name], name, keywords)


def with_factory_out(function: Callable[..., Any], name: str,
                     keywords: tuple[str, ...] = _ALL) -> Callable[..., Any]:
    """``function`` (a factory: it takes ``dtype=``) with PyTorch's ``keywords``."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if name == "tensor" and not args and "data" not in kwargs:  # (its parser's words)
            raise TypeError('tensor() missing 1 required positional arguments: "data"')
        named = dict(kwargs)  # (as given: PyTorch's listings name them in that order)
        given = {key: kwargs.pop(key) for key in keywords if key in kwargs}
        check_layout_and_pinning(name, given.get("layout"), given.get("pin_memory", False))
        flag = kwargs.get("requires_grad", False)
        if flag is None and name != "tensor":  # (only tensor()'s parser refuses None)
            flag = False
        if not isinstance(flag, bool) and name not in _OVERLOADED:
            raise TypeError(f"{name}(): argument 'requires_grad' must be bool, not "
                            f"{c_type_name(type(flag))}")
        out = given.get("out")
        try:
            if out is None:
                return function(*args, **kwargs)
            return fill_out(function, name, out, args, kwargs)
        except TypeError as error:
            if named:  # (an argument given by name: PyTorch names no position, and its
                from .call_errors import labelled_if_named, unplaced_if_named

                unplaced_if_named(error, name, named)  # listings name it)
                labelled_if_named(error, name, args, named)
            raise

    return call


def check_layout_and_pinning(name: str, layout: Any, pin_memory: Any) -> None:
    """``layout=`` must be a layout (the kit has only ``strided``); ``pin_memory=True``
    needs a GPU allocator, which PyTorch refuses without one, as the kit does."""
    if layout is not None and not isinstance(layout, dtypes.layout):
        raise TypeError(f"{name}(): argument 'layout' must be autograd_kit.layout, not "
                        f"{c_type_name(type(layout))}")
    if not isinstance(pin_memory, bool):
        raise TypeError(f"{name}(): argument 'pin_memory' must be bool, not "
                        f"{c_type_name(type(pin_memory))}")
    if pin_memory:
        raise RuntimeError("pin_memory=True requires a CUDA or other accelerator backend; no "
                           "pinned memory allocator is available on this system.")


def fill_out(function: Callable[..., Any], name: str, out: Any, args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> Tensor:
    """Make ``function(*args, **kwargs)`` in ``out``'s dtype and write it into ``out``."""
    if not isinstance(out, Tensor):
        raise TypeError(f"{name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    _check_dtype(kwargs.pop("dtype", None), out)
    requires_grad = kwargs.pop("requires_grad", False)
    if out._requires_grad and name in _RESIZED_BY_NAME:
        raise RuntimeError("cannot resize variables that require grad")
    if out._requires_grad and grad_mode.state.enabled:
        raise RuntimeError(f"aten::{name}(): functions with out=... arguments don't support "
                           "automatic differentiation, but one of the arguments requires grad.")
    if not any(isinstance(a, Tensor) for a in args):  # (normal's tensor forms take no dtype)
        kwargs["dtype"] = out.dtype
    result = function(*args, **kwargs)
    if name == "arange" and out._data.size not in (0, result._data.size):
        warnings.warn(RANGE_WARNING.format(old=list(out.shape), count=out._data.size,
                                           new=result._data.size), UserWarning, stacklevel=3)
    _write(out, result._data, keep_values=name == "empty")
    if out.is_leaf and out._requires_grad != requires_grad:  # PyTorch sets it, True or False
        out.requires_grad_(requires_grad)
    return out


def _check_dtype(requested: Any, out: Tensor) -> None:
    wanted = dtypes.resolve(requested)
    if wanted is not None and wanted != out.dtype:
        raise RuntimeError(f"dtype {dtypes.scalar_type_word(wanted.name)} does not match dtype "
                           f"of out parameter ({dtypes.scalar_type_word(out.dtype.name)})")


def _write(out: Tensor, values: Any, keep_values: bool) -> None:
    """``out`` takes ``values`` (in place when the shapes agree); its version goes up."""
    if values.shape != out._data.shape:
        out._data = values.astype(out._data.dtype, copy=True)
    elif not keep_values:
        out._data[...] = values
    out._version_counter[0] += 1
    from .inplace import check_not_inference  # (PyTorch writes into an inference out=
    check_not_inference(out)  # first, then refuses)
