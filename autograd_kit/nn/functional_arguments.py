"""PyTorch's argument-parser errors for ints and tuples of ints (``kernel_size=2.0``,
``num_classes=3.0``…), raised before the kit's own code would fail in another way.

PyTorch's C++ functions check their arguments' types first::

    max_pool2d(): argument 'kernel_size' (position 2) must be tuple of ints, not float
    max_pool2d(): argument 'kernel_size' (position 2) must be tuple of ints, but found element
        of type float at pos 0
    max_pool2d(): argument 'kernel_size' failed to unpack the object at pos 2 with error
        "type must be tuple of ints,but got float"            (a later element: pos = index + 1)
    one_hot(): argument 'num_classes' (position 2) must be int, not float

An int there may be a Python int, a NumPy integer or a one-element integer tensor; a bool is
refused in the first place of a tuple (and as a plain int) but taken after it.
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from .arguments import type_name


def _is_int(value: Any, bool_ok: bool) -> bool:
    if isinstance(value, bool):
        return bool_ok
    if isinstance(value, Tensor):
        return value.numel() == 1 and not value.is_floating_point() and not value.is_complex()
    return hasattr(value, "__index__")


def _where(name: str, position: int | None) -> str:
    return f"argument '{name}'" + (f" (position {position})" if position else "")


def check_ints(op: str, name: str, position: int | None, value: Any,
               scalar_ok: bool = True) -> None:
    """``value`` is an int (if ``scalar_ok``) or a tuple/list of ints, or PyTorch's TypeError."""
    if isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            if _is_int(item, bool_ok=i > 0):
                continue
            if i == 0:
                raise TypeError(f"{op}(): {_where(name, position)} must be tuple of ints, but "
                                f"found element of type {type_name(item)} at pos 0")
            raise TypeError(f"{op}(): argument '{name}' failed to unpack the object at pos "
                            f"{i + 1} with error \"type must be tuple of ints,but got "
                            f"{type_name(item)}\"")
    elif not (scalar_ok and _is_int(value, bool_ok=False)):
        raise TypeError(f"{op}(): {_where(name, position)} must be tuple of ints, not "
                        f"{type_name(value)}")


def check_int(op: str, name: str, position: int | None, value: Any) -> None:
    """``value`` is an int, or PyTorch's TypeError."""
    if not _is_int(value, bool_ok=False):
        raise TypeError(f"{op}(): {_where(name, position)} must be int, not {type_name(value)}")


def divisor_override_int(op: str, value: Any, position: int | None = None) -> int | None:
    """An average pool's ``divisor_override`` as an int (a one-integer tensor read), or None;
    ``2.0`` is PyTorch's TypeError (a module passes it as the 7th argument, so its message
    names the position)."""
    if value is None:
        return None
    check_int(op, "divisor_override", position, value)
    return int(value)


def check_pool_arguments(op: str, kernel_size: Any, stride: Any, padding: Any,
                         dilation: Any = 1, padding_position: int | None = 4) -> None:
    """A pooling function's kernel_size (2), stride (3, None = the kernel), padding (4) and
    dilation (5), as PyTorch checks them."""
    check_ints(op, "kernel_size", 2, kernel_size)
    if stride is not None:
        check_ints(op, "stride", 3, stride)
    check_ints(op, "padding", padding_position, padding)
    check_ints(op, "dilation", 5, dilation)


def number(op: str, name: str, position: int | None, value: Any) -> Any:
    """``value`` as PyTorch takes a Number (a one-element tensor read as its value), or
    PyTorch's TypeError."""
    if isinstance(value, Tensor) and value.numel() == 1:
        return value.item()
    if isinstance(value, (int, float, complex)) or hasattr(value, "__float__"):
        return value
    raise TypeError(f"{op}(): {_where(name, position)} must be Number, not {type_name(value)}")


def real(op: str, name: str, position: int | None, value: Any) -> float:
    """``value`` as PyTorch takes a float (an int too; a 0-dim tensor that requires no grad),
    or PyTorch's TypeError."""
    if (isinstance(value, Tensor) and value.ndim == 0 and not value.requires_grad
            and not value.is_complex()):
        return float(value.item())
    if isinstance(value, (int, float)) or (hasattr(value, "__float__")
                                           and not isinstance(value, (complex, Tensor))):
        return float(value)
    raise TypeError(f"{op}(): {_where(name, position)} must be float, not {type_name(value)}")


def text(op: str, name: str, position: int | None, value: Any) -> str:
    """``value`` as a str, or PyTorch's TypeError."""
    if not isinstance(value, str):
        raise TypeError(f"{op}(): {_where(name, position)} must be str, not {type_name(value)}")
    return value


def truth(op: str, name: str, position: int | None, value: Any) -> bool:
    """``value`` as PyTorch takes a bool (not even a NumPy bool), or PyTorch's TypeError."""
    if isinstance(value, bool):
        return bool(value)
    raise TypeError(f"{op}(): {_where(name, position)} must be bool, not {type_name(value)}")
