"""Python's operators on tensors give way on a TypeError, as PyTorch's do.

PyTorch's operator methods (``__add__``, ``__iadd__``, ``__rsub__``, ``__eq__``, …) turn a
TypeError from reading their arguments into ``NotImplemented``: Python then tries the other
operand, and says itself what no side takes (``x += 'a'``: ``unsupported operand type(s) for
+=: 'Tensor' and 'str'``, where the kit's ``add_`` named its argument). It also keeps Python 2's
names: ``__div__``/``__idiv__``/``__rdiv__`` (``div``, ``div_`` and ``__rtruediv__``),
``__long__`` (``int(x)``) and ``__nonzero__`` (``bool(x)``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

# the in-place operators, whose methods (add_, …) refuse a wrong operand with a TypeError
# (the others return NotImplemented for it themselves)
GIVING_WAY = ("__iand__", "__ior__", "__ixor__", "__ilshift__", "__irshift__")
# ... and those that are the in-place methods themselves, as the methods are in the end (with
# their checks of the operand: ``x //= [1, 2]`` is refused as ``x.floor_divide_([1, 2])`` is)
IN_PLACE = {"__iadd__": "add_", "__isub__": "sub_", "__imul__": "mul_", "__itruediv__": "div_",
            "__ifloordiv__": "floor_divide_", "__imod__": "remainder_", "__ipow__": "pow_"}


def giving_way(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``method`` returning ``NotImplemented`` where it would raise a TypeError."""
    @functools.wraps(method)
    def operator(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except TypeError:
            return NotImplemented

    operator.__name__ = operator.__qualname__ = name
    return operator


def _without_arguments(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``method`` as PyTorch's built-in ``name``, which takes no arguments."""
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs:
            raise TypeError(f"TensorBase.{name}() takes no keyword arguments")
        if args:
            raise TypeError(f"TensorBase.{name}() takes no arguments ({len(args)} given)")
        return method(self)

    call.__name__ = call.__qualname__ = name
    return call


def install(cls: type) -> None:
    """Give ``cls`` (the Tensor class) PyTorch's giving way, and Python 2's names."""
    for name in GIVING_WAY:
        method = getattr(cls, name, None)
        if method is not None:
            setattr(cls, name, giving_way(method, name))
    for name, method_name in IN_PLACE.items():
        setattr(cls, name, giving_way(getattr(cls, method_name), name))
    cls.__div__ = giving_way(cls.div, "__div__")  # type: ignore[attr-defined]
    cls.__idiv__ = giving_way(cls.div_, "__idiv__")  # type: ignore[attr-defined]
    cls.__rdiv__ = giving_way(cls.__rtruediv__, "__rdiv__")  # type: ignore[attr-defined]
    cls.__long__ = _without_arguments(cls.__int__, "__long__")  # type: ignore[attr-defined]
    cls.__nonzero__ = _without_arguments(cls.__bool__, "__nonzero__")  # type: ignore[attr-defined]
