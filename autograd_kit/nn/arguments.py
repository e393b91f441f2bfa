"""PyTorch's errors for an argument that is not a tensor (a NumPy array or a list passed to a
layer is a common first mistake): ``relu(): argument 'input' (position 1) must be Tensor, not
numpy.ndarray``, or, for the functions PyTorch writes as a method call, ``'list' object has no
attribute 'softmax'``."""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor

_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class written in Python


def type_name(value: Any) -> str:
    """The type's name as CPython prints it (``tp_name``): ``list``, ``numpy.ndarray``, or a
    Python class's own name."""
    kind = type(value)
    if kind.__flags__ & _HEAP_TYPE or kind.__module__ == "builtins":
        return kind.__name__
    return f"{kind.__module__}.{kind.__name__}"


def require_tensor(op: str, value: Any, name: str = "input", position: int = 1) -> None:
    """PyTorch's TypeError when ``value`` (the ``op``'s argument ``name``) is not a tensor."""
    if not isinstance(value, Tensor):
        raise TypeError(f"{op}(): argument '{name}' (position {position}) must be Tensor, not "
                        f"{type_name(value)}")


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
