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
GIVING_WAY = ("__iadd__", "__isub__", "__imul__", "__itruediv__", "__ipow__", "__iand__",
              "__ior__", "__ixor__", "__ilshift__", "__irshift__")
# ... and those to be the in-place methods as they are in the end, with their checks of the
# operand (``x //= [1, 2]`` is refused as ``x.floor_divide_([1, 2])`` is; the others keep the
# method without its checks: ``x += y`` runs often)
IN_PLACE = {"__ifloordiv__": "floor_divide_", "__imod__": "remainder_"}


def giving_way(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``method`` (of one operand) returning ``NotImplemented`` where it would raise a
    TypeError, or is given no operand."""
    @functools.wraps(method)
    def operator(self: Any, other: Any = _NO_OPERAND, **kwargs: Any) -> Any:
        if other is _NO_OPERAND:
            return NotImplemented
        try:
            return method(self, other, **kwargs)
        except TypeError:
            return NotImplemented

    operator.__name__ = operator.__qualname__ = name
    return operator


_NO_OPERAND = object()


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
