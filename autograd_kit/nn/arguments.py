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
