"""Reading a factory's size arguments as PyTorch does: ``f(2, 3)``, ``f((2, 3))`` and
``f(size=...)``, with PyTorch's errors for a missing size, a size that is not whole numbers,
and a negative one."""

from __future__ import annotations

from typing import Any

import numpy

from .tensor import Tensor


def _size_argument(shape: tuple[Any, ...], size: Any, name: str) -> tuple[Any, ...]:
    """The size given as ``f(2, 3)``, ``f((2, 3))`` or ``f(size=...)``; none at all, or both,
    is PyTorch's TypeError (``f(())`` is a 0-dim tensor)."""
    if size is not None:
        if shape:
            raise TypeError(f"{name}() got multiple values for argument 'size'")
        return keyword_size(size, name)
    if not shape:
        raise TypeError(f'{name}() missing 1 required positional arguments: "size"')
    return shape


def keyword_size(size: Any, name: str) -> tuple[Any, ...]:
    """``f(size=...)`` as ``_shape`` reads it: PyTorch takes only a sequence by name there
    (``zeros(size=2)`` is an error, unlike ``zeros(2)``), and says so, without a position,
    when the value or its first element is not an int."""
    if not isinstance(size, (tuple, list)) or (size and not _is_whole(size[0])):
        raise TypeError(f"{name}(): argument 'size' must be tuple of ints, not "
                        f"{c_type_name(type(size))}")
    return (size,)


def _shape(size: tuple[Any, ...], name: str = "empty") -> tuple[int, ...]:
    """``f(2, 3)`` and ``f((2, 3))`` both mean the shape (2, 3); PyTorch's errors for sizes
    that are not whole numbers or are negative (``name`` is the function, for the message)."""
    packed = len(size) == 1 and isinstance(size[0], (tuple, list))
    if packed:
        size = tuple(size[0])
    for position, value in enumerate(size):
        if not _is_whole(value):
            raise _bad_size(name, position, c_type_name(type(value)), packed, len(size))
    shape = tuple(int(s) for s in size)
    for s in shape:
        if s < 0:
            if name == "zeros":
                raise RuntimeError("zeros: Dimension size must be non-negative.")
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {s}: {list(shape)}"
            )
    return shape


def _bad_size(name: str, position: int, kind: str, packed: bool, count: int) -> TypeError:
    """PyTorch's TypeError for a size element that is not an int, which depends on where it
    sits: alone, first in a tuple, first of several arguments, or further along."""
    if position:
        return TypeError(f"{name}(): argument 'size' failed to unpack the object at pos "
                         f'{position + 1} with error "type must be tuple of ints,but got {kind}"')
    if packed:
        return TypeError(f"{name}(): argument 'size' (position 1) must be tuple of ints, but "
                         f"found element of type {kind} at pos 0")
    if count > 1:
        return too_many_positional(name, 1, count)
    return TypeError(f"{name}(): argument 'size' (position 1) must be tuple of ints, not {kind}")


def too_many_positional(name: str, takes: int, given: int) -> TypeError:
    """PyTorch's parser's TypeError for more positional arguments than a function takes
    (``full() takes 2 positional arguments but 3 were given``)."""
    return TypeError(f"{name}() takes {takes} positional argument{'s' if takes > 1 else ''} "
                     f"but {given} were given")


def _is_whole(value: Any) -> bool:
    """An int, a NumPy integer, or a tensor holding one integer."""
    if isinstance(value, Tensor):
        return value.numel() == 1 and not value.dtype.is_floating_point
    return isinstance(value, (int, numpy.integer)) and not isinstance(value, bool)


def c_type_name(kind: type) -> str:
    """A type's name as PyTorch's argument errors show it (C's ``tp_name``): classes written
    in Python by their name alone, built-in types of other modules as ``module.name``, and
    the kit's stand-ins for PyTorch's C types by their C-level name (``autograd_kit.dtype``,
    set by `dtypes.c_named`)."""
    heap_type = bool(kind.__flags__ & (1 << 9))
    if heap_type or kind.__module__ == "builtins":
        return type.__dict__["__name__"].__get__(kind)
    return f"{kind.__module__}.{kind.__name__}"
