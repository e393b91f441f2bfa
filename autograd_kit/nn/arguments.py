"""PyTorch's errors for an argument that is not a tensor (a NumPy array or a list passed to a
layer is a common first mistake): ``relu(): argument 'input' (position 1) must be Tensor, not
numpy.ndarray``, or, for the functions PyTorch writes as a method call, ``'list' object has no
attribute 'softmax'``."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from ..creation_sizes import c_type_name
from ..grad_mode import is_grad_enabled
from ..tensor import Tensor


def type_name(value: Any) -> str:
    """The type's name as CPython prints it (``tp_name``): ``list``, ``numpy.ndarray``, or a
    Python class's own name."""
    return c_type_name(type(value))


def require_tensor(op: str, value: Any, name: str = "input", position: int = 1) -> None:
    """PyTorch's TypeError when ``value`` (the ``op``'s argument ``name``) is not a tensor."""
    if not isinstance(value, Tensor):
        raise TypeError(f"{op}(): argument '{name}' (position {position}) must be Tensor, not "
                        f"{type_name(value)}")


def refuse_requires_grad(function: str, **values: Tensor | None) -> None:
    """PyTorch's error for an argument that ``function`` has no derivative for, given while
    grad mode is on and requiring grad (checked before the function's kernel checks)."""
    for name, value in values.items():
        if value is not None and value.requires_grad and is_grad_enabled():
            raise RuntimeError(f"The function '{function}' is not differentiable with respect "
                               f"to argument '{name}'. This input cannot have requires_grad "
                               "True.")


def require_optional_tensors(op: str, position: int, **values: Any) -> None:
    """PyTorch's TypeError for the first of ``values`` (optional tensor arguments, in the
    order of ``op``'s signature from ``position`` on) that is neither None nor a tensor:
    ``batch_norm(): argument 'weight' (position 2) must be Tensor, not bool``."""
    for offset, (name, value) in enumerate(values.items()):
        if value is not None:
            require_tensor(op, value, name, position + offset)


def require_method(value: Any, method: str) -> None:
    """The AttributeError of ``value.method()`` when ``value`` is not a tensor."""
    if not isinstance(value, Tensor):
        raise AttributeError(f"'{type_name(value)}' object has no attribute '{method}'")


# the C++ names of the dtypes, as PyTorch's kernels print them in some messages
_CPP_TYPES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int32": "int",
              "int64": "long int", "int16": "short int", "int8": "signed char",
              "uint8": "unsigned char", "bool": "bool", "complex64": "c10::complex<float>",
              "complex128": "c10::complex<double>"}


def cpp_type(t: Tensor) -> str:
    """``float``, ``double``, ``long int``…: a tensor's dtype as a C++ type name."""
    return _CPP_TYPES.get(t.dtype.name, t.dtype.name)


_CONV_SIGNATURES = (
    " * (Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, tuple of "
    "ints padding = 0, tuple of ints dilation = 1, int groups = 1)",
    " * (Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, str padding "
    "= \"valid\", tuple of ints dilation = 1, int groups = 1)")


def _described(value: Any) -> str:
    """A value's type as PyTorch's argument parser describes a mismatch: ``list of [float]``,
    ``tuple of (int, int)``, ``Parameter``."""
    if isinstance(value, list):
        return "list of [" + ", ".join(type_name(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(type_name(v) for v in value)
        return "tuple of (" + inner + ("," if len(value) == 1 else "") + ")"
    return type_name(value)


def check_conv_arguments(op: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """PyTorch's TypeError for a conv1d/2d/3d call whose input is not a tensor (a list or a
    NumPy array given to ``nn.Conv2d``): its parser lists both signatures, and, when all seven
    arguments were given by position, marks each argument that is not a plain Tensor."""
    given = args[0] if args else kwargs.get("input")
    if isinstance(given, Tensor) and not (len(args) == 7 and not _whole_sizes(args[3:])):
        return  # (all seven by position: what nn.Conv2d passes, a float padding included)
    if not args and "input" not in kwargs:
        return
    got = [type_name(a) for a in args] + [f"{k}={type_name(v)}" for k, v in kwargs.items()]
    lines = [f"{op}() received an invalid combination of arguments - got ({', '.join(got)}), "
             "but expected one of:"]
    # (PyTorch marks the input and the weight unless they are plain tensors, and all others)
    marks = ", ".join("Tensor" if i < 2 and type(a) is Tensor else f"!{_described(a)}!"
                      for i, a in enumerate(args))
    for signature in _CONV_SIGNATURES:
        lines.append(signature)
        if len(args) == 7 and not kwargs:
            lines.append("      didn't match because some of the arguments have invalid types: "
                         f"({marks})")
    raise TypeError("\n".join(lines) + "\n")


def _whole_sizes(options: tuple[Any, ...]) -> bool:
    """Whether (stride, padding, dilation, groups) are whole numbers (a padding may also be a
    word, 'same' or 'valid'), as PyTorch's parser takes them."""
    *sizes, groups = options
    for size in sizes:
        values = size if isinstance(size, (tuple, list)) else (size,)
        if not (isinstance(size, str) or all(isinstance(v, int) for v in values)):
            return False
    return isinstance(groups, int)


# functionals that are PyTorch C++ builtins: their parser checks the input's type before it
# counts the arguments (the others are Python functions: a missing argument comes first)
_BUILTINS = frozenset({
    "pixel_shuffle", "pixel_unshuffle", "channel_shuffle", "cosine_similarity",
    "pairwise_distance", "bilinear", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "avg_pool1d", "avg_pool3d", "adaptive_avg_pool1d", "threshold_", "pdist", "relu_", "elu_",
    "celu_", "selu_", "leaky_relu_", "hardtanh_", "rrelu_", "prelu",
    "scaled_dot_product_attention"})


def tensor_input(op: str, name: str = "input") -> Callable[[Any], Any]:
    """Decorate a functional whose first argument ``name`` must be a tensor: a list, a NumPy
    array or None there gets PyTorch's TypeError (``max_pool1d(): argument 'input' (position 1)
    must be Tensor, not list``) before anything reads it."""
    def wrap(function: Any) -> Any:
        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if (args or name in kwargs) and (op in _BUILTINS or _bound(function, args, kwargs)):
                value = args[0] if args else kwargs[name]
                if not args and op in _BUILTINS and not isinstance(value, Tensor):
                    raise TypeError(f"{op}(): argument '{name}' must be Tensor, not "
                                    f"{type_name(value)}")  # (by keyword: no position)
                require_tensor(op, value, name)
            return function(*args, **kwargs)
        return checked
    return wrap


def _bound(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    """Whether the call gives every argument (else Python's own "missing ... argument" comes
    first, as it does in PyTorch's Python functionals)."""
    try:
        inspect.signature(function).bind(*args, **kwargs)
    except TypeError:
        return False
    return True


def size_read_first(function: Any) -> Any:
    """Decorate a functional that PyTorch writes in Python starting with ``input.size()``
    (adaptive pools, instance_norm, max_unpool): a non-tensor input fails there, with Python's
    own error (``'list' object has no attribute 'size'``; for a NumPy array, whose ``size`` is
    a number, ``'int' object is not callable``)."""
    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if args and not isinstance(args[0], Tensor) and _bound(function, args, kwargs):
            args[0].size()
        return function(*args, **kwargs)
    return checked
