"""``x.view(...)``: a shape (with PyTorch's TypeErrors for sizes that are not ints) or a
dtype (the same memory read as another type, a new leaf sharing x's version counter)."""

from __future__ import annotations

from typing import Any

from .. import dtypes, grad_mode
from ..int_arguments import is_index
from ..tensor import Tensor
from ..tensor_arguments import _type_name, shown_argument
from .shape import as_shape, view


def view_method(x: Tensor, args: tuple[Any, ...], dtype: Any = None) -> Tensor:
    """``x.view(2, 3)``, ``x.view((2, 3))`` or ``x.view(dtype)``, with PyTorch's TypeErrors
    for anything else."""
    if dtype is not None and not args:
        args = (dtype,)
    elif dtype is not None or not args or len(args) > 1 and (
            isinstance(args[0], bool) or any(isinstance(a, (tuple, list)) for a in args)):
        got = ", ".join(type(a).__name__ for a in args)
        got += ", dtype=autograd_kit.dtype" if dtype is not None else ""
        raise TypeError(f"view() received an invalid combination of arguments - got ({got}), "
                        "but expected one of:\n * (autograd_kit.dtype dtype)\n * (tuple of ints "
                        "size)\n")
    if len(args) == 1 and dtypes.is_dtype_argument(args[0]):  # (x.view(int) too: int64)
        return view_as_dtype(x, dtypes.resolve(args[0]))
    shape = as_shape(args)
    if len(args) > 1 or shape is not args:
        _check_first_size(args, shape)
    check_sizes("view", "size", shape)
    return view(x, shape)


def check_keywords(args: tuple[Any, ...], keywords: dict[str, Any]) -> None:
    """PyTorch's TypeError for keywords that fit neither of view's forms (``keywords``: the
    call's, in their order): one that neither form has (``x.view(shape=(2, 3))``), both
    ``size=`` and ``dtype=``, a ``size=`` that is no tuple of ints (``size=2``, ``size='a'``)
    or a ``dtype=`` that is no dtype. Its parser lists the forms and the keywords in the
    reverse of their order; when one keyword is all the call has, it says under each form why
    that form did not match."""
    if not (keywords.keys() - {"size", "dtype"} or not args and _misfit(keywords)):
        return

    def named(value: Any) -> str:
        return "autograd_kit.dtype" if isinstance(value, dtypes.dtype) else _type_name(value)

    got = [named(a) for a in args]
    got += [f"{k}={named(v)}" for k, v in reversed(keywords.items())]
    shown = "(" + ", ".join(got) + (", )" if not args else ")")
    lines = [f"view() received an invalid combination of arguments - got {shown}, but "
             "expected one of:"]
    only = next(iter(keywords)) if not args and len(keywords) == 1 else None
    for form, own in (("(autograd_kit.dtype dtype)", "dtype"), ("(tuple of ints size)", "size")):
        lines.append(f" * {form}")
        if only == own:
            lines.append("      didn't match because some of the arguments have invalid types: "
                         f"(!{own}={_listed(keywords[own])}!, )")
        elif only is not None:
            lines.append(f"      didn't match because some of the keywords were incorrect: {only}")
    raise TypeError("\n".join(lines) + "\n")


def _misfit(keywords: dict[str, Any]) -> bool:
    """Whether keywords alone fit neither form: both given, a size that is no sequence
    starting with an int, or a dtype (given) that is no dtype."""
    if len(keywords) > 1:
        return True
    if "size" in keywords:
        size = keywords["size"]
        return not isinstance(size, (tuple, list)) or bool(size) and not is_index(size[0])
    return keywords["dtype"] is not None and not dtypes.is_dtype_argument(keywords["dtype"])


def _listed(value: Any) -> str:
    """A value as the parser's "didn't match" line shows it (``tuple of (float,)``)."""
    if isinstance(value, tuple) and type(value) is tuple and len(value) == 1:
        return f"tuple of ({type(value[0]).__name__},)"
    return shown_argument(value)


def _check_first_size(args: tuple[Any, ...], sizes: Any) -> None:
    """PyTorch's parser gives up on the size overload when the first size is no int:
    ``view(2.0, 2)`` and ``view((2.0, 2))`` list the overloads (a later size that is no int
    is `check_sizes`' 'failed to unpack')."""
    if not sizes or is_index(sizes[0]):
        return
    names = [_type_name(a) for a in sizes]
    if len(args) > 1:
        raise TypeError(f"view() received an invalid combination of arguments - got "
                        f"({', '.join(names)}), but expected one of:\n * (autograd_kit.dtype "
                        "dtype)\n * (tuple of ints size)\n")
    inner = ", ".join(names) + ("," if len(names) == 1 else "")
    shown = f"tuple of ({inner})" if isinstance(args[0], tuple) else f"list of [{', '.join(names)}]"
    why = f"      didn't match because some of the arguments have invalid types: (!{shown}!)\n"
    raise TypeError(f"view() received an invalid combination of arguments - got "
                    f"({type(args[0]).__name__}), but expected one of:\n * (autograd_kit.dtype "
                    f"dtype)\n{why} * (tuple of ints size)\n{why}")


def check_sizes(method: str, argument: str, sizes: Any) -> None:
    """Each size must be an integer (a 0-dim integer tensor will do)."""
    if len(sizes) == 1 and not is_index(sizes[0]):
        got = _type_name(sizes[0])
        raise TypeError(
            f"{method}() received an invalid combination of arguments - got ({got}), but "
            f"expected one of:\n * (autograd_kit.dtype dtype)\n      didn't match because some "
            f"of the arguments have invalid types: (!{got}!)\n * (tuple of ints size)\n      "
            f"didn't match because some of the arguments have invalid types: (!{got}!)\n")
    for position, size in enumerate(sizes, start=1):
        if not (is_index(size) or isinstance(size, bool)):
            raise TypeError(
                f"{method}(): argument '{argument}' failed to unpack the object at pos "
                f"{position} with error \"type must be tuple of ints,but got "
                f"{type(size).__name__}\"")


def view_as_dtype(x: Tensor, dtype: Any) -> Tensor:
    """The same memory read as another dtype: a new leaf that shares x's memory and version,
    as ``x.detach()`` does (PyTorch records nothing: no gradient flows through the
    reinterpretation)."""
    data, new = x._data, dtype.numpy
    old_word, new_word = dtypes.scalar_type_word(x.dtype.name), dtypes.scalar_type_word(
        dtype.name)
    if new.itemsize != data.itemsize:  # (PyTorch's checks, in its order)
        reason = f"to view {old_word} as {new_word} (different element sizes)"
        if data.ndim == 0:
            raise RuntimeError(f"self.dim() cannot be 0 {reason}")
        ratio, steps = new.itemsize // data.itemsize, x.stride()  # (ratio 0: to a smaller
        if ratio and data.shape[-1] % ratio:  # type, whose elements always fit)
            raise RuntimeError(f"self.size(-1) must be divisible by {ratio} {reason}, but "
                               f"got {data.shape[-1]}")
        if ratio and x.storage_offset() % ratio:
            raise RuntimeError(f"self.storage_offset() must be divisible by {ratio} {reason}, "
                               f"but got {x.storage_offset()}")
        if steps[-1] != 1:
            raise RuntimeError(f"self.stride(-1) must be 1 {reason}, but got {steps[-1]}")
        for axis, step in enumerate(steps[:-1]):
            if ratio and step % ratio:
                raise RuntimeError(f"self.stride({axis}) must be divisible by {ratio} {reason}, "
                                   f"but got {step}")
    if grad_mode.state.inference and not x._inference:  # (inside inference_mode, of a normal
        out = Tensor._make(data.view(new))  # tensor: PyTorch's is an inference tensor, not
        out._inference = True  # a view, its versions not counted)
        return out
    out = x.detach()  # (an alias as detach() gives: views of x see changes made through it)
    out._data = data.view(new)
    if out._inference and not grad_mode.state.inference:  # (of an inference tensor, outside
        out._inference = out._inference_counted = False  # inference_mode: a normal tensor)
    return out
