"""How Tensor methods read their arguments as PyTorch does: NumPy's ``axis=`` for ``dim=``,
a varargs method's one argument given by name (``x.view(size=(2, 3))``), and the TypeError
for an argument of the wrong type."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy

from .call_errors import fits_pytorch_call, renamed_copy

NUMPY_NAMES = {"axis": "dim", "keepdims": "keepdim"}


def accepts_axis(reduction: Callable[..., Any], method: bool = True) -> Callable[..., Any]:
    """Let a method (or a ``torch.*`` function, ``method=False``) take NumPy's ``axis=`` and
    ``keepdims=`` as other names for ``dim=`` and ``keepdim=``, and give PyTorch's TypeErrors
    for arguments that do not fit (see call_errors.py), as PyTorch's argument parser does."""
    return fits_pytorch_call(reduction, method, aliases=NUMPY_NAMES)


# PyTorch's Tensor methods written in Python: their TypeErrors say ``Tensor.split()``
WRITTEN_IN_PYTHON = frozenset({
    "split", "norm", "unique", "unique_consecutive", "stft", "istft", "lu", "unflatten",
    "resize", "resize_as", "dim_order", "share_memory_", "is_shared", "storage_type",
    "to_sparse_coo", "module_load", "backward", "register_hook",
    "register_post_accumulate_grad_hook", "storage", "solve", "lstsq", "eig", "symeig"})


# PyTorch's other names for the same methods (and for their in-place versions)
OTHER_NAMES = (("absolute", "abs"), ("negative", "neg"), ("multiply", "mul"),
               ("divide", "div"), ("true_divide", "div"), ("subtract", "sub"), ("greater", "gt"),
               ("greater_equal", "ge"), ("less", "lt"), ("less_equal", "le"),
               ("not_equal", "ne"), ("swapaxes", "transpose"), ("swapdims", "transpose"),
               ("clip", "clamp"), ("arcsin", "asin"), ("arccos", "acos"), ("arctan", "atan"),
               ("arctan2", "atan2"), ("arcsinh", "asinh"), ("arccosh", "acosh"),
               ("arctanh", "atanh"))


def add_other_names(cls: type) -> None:
    """``x.multiply(y)`` is ``x.mul(y)``, ``x.clip_(0)`` is ``x.clamp_(0)``, …"""
    for alias, name in OTHER_NAMES:
        for suffix in ("", "_"):
            if hasattr(cls, name + suffix) and not hasattr(cls, alias + suffix):
                setattr(cls, alias + suffix, getattr(cls, name + suffix))


def name_methods_as_pytorch(cls: type) -> None:
    """Python's own TypeErrors name a method by its qualified name; PyTorch's methods are
    built in (``roll() got an unexpected keyword argument 'axis'``), except the few written
    in Python (``Tensor.split() …``). Give ``cls``'s methods (and what they wrap) those names."""
    for method in list(vars(cls).values()):
        name = getattr(method, "__name__", None)
        while callable(method) and name is not None:
            method.__qualname__ = f"Tensor.{name}" if name in WRITTEN_IN_PYTHON else name
            method = getattr(method, "__wrapped__", None)


def name_python_written(cls: type) -> None:
    """PyTorch's methods written in Python are named ``Tensor.<name>`` in Python's own
    TypeErrors (``Tensor.dim_order() takes 1 positional argument but 2 were given``), wherever
    the kit defines them (a helper class, a lambda, a function shared with ``torch.*``): give
    ``cls`` a copy of each so named, the original left as it is."""
    import types

    for name in WRITTEN_IN_PYTHON:
        method = getattr(cls, name, None)
        if not isinstance(method, types.FunctionType) or (
                method.__qualname__ == f"Tensor.{name}"):
            continue
        setattr(cls, name, renamed_copy(method, name, f"Tensor.{name}"))


REDUCTIONS = ("sum", "mean", "max", "min", "argmax", "argmin", "amax", "amin", "prod", "std",
              "var", "all", "any", "logsumexp", "count_nonzero", "norm")
# other methods with a dim, which take NumPy's axis= too (as PyTorch's argument parser does)
ALONG_A_DIM = ("sort", "argsort", "cumsum", "cumprod", "cummax", "cummin", "logcumsumexp",
               "softmax", "log_softmax", "unsqueeze", "squeeze", "topk", "kthvalue", "median",
               "mode", "unbind", "chunk", "index_select", "gather", "narrow", "select",
               "nansum", "nanmean", "aminmax", "quantile", "nanquantile")


def take_numpy_names(cls: type) -> None:
    """``axis=`` and ``keepdims=`` for the methods of ``cls`` that take a dim."""
    for name in REDUCTIONS + ALONG_A_DIM:
        if name in vars(cls):
            setattr(cls, name, accepts_axis(getattr(cls, name)))
    if "squeeze" in vars(cls):  # (squeeze_ lives on TensorLayout: wrapped there)
        cls.squeeze = several_dims(cls.squeeze)  # type: ignore[attr-defined]


def several_dims(method: Callable[..., Any]) -> Callable[..., Any]:
    """``x.squeeze(0, 2)`` as ``x.squeeze((0, 2))``: PyTorch's parser reads a method's only
    list given as varargs, when the first is an int (the others are checked as the tuple's)."""
    @functools.wraps(method)
    def read(self: Any, *args: Any, **kwargs: Any) -> Any:
        if len(args) > 1 and not kwargs and isinstance(args[0], (int, numpy.integer)) and (
                type(args[0]) is not bool):
            args = (args,)
        return method(self, *args, **kwargs)

    return read


def or_keyword(method: str, name: str, args: tuple[Any, ...], keyword: Any) -> tuple[Any, ...]:
    """The sizes of ``x.view(2, 3)`` or of ``x.view(size=(2, 3))``: PyTorch's varargs
    methods also take their one argument by name (but not both ways at once), and need it."""
    if keyword is None:
        if not args and method != "view":  # (view() may be given a dtype= instead)
            raise TypeError(f'{method}() missing 1 required positional arguments: "{name}"')
        return args
    if args and method == "view":
        raise TypeError("view() received an invalid combination of arguments - got ("
                        + "".join(f"{type(a).__name__}, " for a in args)
                        + f"size={type(keyword).__name__}), but expected one of:\n"
                        " * (autograd_kit.dtype dtype)\n * (tuple of ints size)\n")
    if args:
        raise TypeError(f"{method}() got multiple values for argument '{name}'")
    from .signature_parser import check  # (PyTorch's errors for what is no tuple of ints)

    check(method, (f"int[] {name}",), (), {name: keyword})
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
    return isinstance(value, _tensor_type())


@functools.cache
def _tensor_type() -> type:
    """The Tensor class, imported on first use (tensor.py imports this module), then kept:
    an import inside a function costs about a microsecond on every call."""
    from .tensor import Tensor

    return Tensor


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


def input_not_tensor(method: str, args: tuple[Any, ...], forms: list[str]) -> TypeError:
    """PyTorch's TypeError when a function's first argument, a Tensor in every form, is
    something else (``torch.eq(2, x)``): the forms alone, without "didn't match" lines."""
    got = ", ".join(_type_name(a) for a in args)
    return TypeError(f"{method}() received an invalid combination of arguments - got ({got}), "
                     "but expected one of:\n" + "".join(f" * ({form})\n" for form in forms))


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


def addc_arguments(method: str, tensor1: Any, tensor2: Any, value: Any,
                   position: int = 1) -> tuple[Any, Any, Any]:
    """addcmul/addcdiv's (tensor1, tensor2, value=) if they are two tensors and a number,
    else PyTorch's TypeError (before any in-place check). ``position``: tensor1's place,
    1 for a method (``x.addcmul_(t1, t2)``), 2 for the function."""
    value = number_argument(method, "value", value)
    return (tensor_argument(method, "tensor1", tensor1, position),
            tensor_argument(method, "tensor2", tensor2, position + 1), value)


def number_argument(method: str, name: str, value: Any) -> Any:
    """``value`` if it is a number (``alpha=``), else PyTorch's TypeError. PyTorch's parser
    takes a 0-dim tensor as the number it holds (``tensor(0.5)``: 0.5, a float) unless it
    needs grad."""
    if is_number(value):
        return value
    if _is_tensor(value) and value.ndim == 0 and not value.requires_grad:
        return value.item()
    raise TypeError(f"{method}(): argument '{name}' must be Number, not {_type_name(value)}")


def other_operand(method: str, value: Any) -> Any:
    """A tensor or a number (a Python one or a NumPy scalar) for ``x.add(other)`` …, else
    PyTorch's TypeError."""
    if _is_tensor(value) or isinstance(value, (int, float, complex, numpy.generic)):
        return value
    raise TypeError(argument_error(method, "other", value))
