"""``Tensor.random_``'s arguments as PyTorch reads them, and the range they give.

PyTorch's three forms::

    random_(*, generator=None)                     every value of the type (see below)
    random_(int to, *, generator=None)             [0, to)
    random_(int from, int? to, *, generator=None)  [from, to); to=None: [from, top]

``from`` and ``to`` may be given by name (``random_(to=10)``, ``random_(3, to=10)``). With
``to=None`` the top is the largest integer of the type: its maximum for an integer type, 1 for
bool, and 2^digits for a floating type (2^24 for float32, 2^53 for float64, 2^11 for float16),
every integer up to which the type holds exactly. Anything else is PyTorch's TypeError.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..creation_sizes import c_type_name
from ..int_arguments import is_int
from ..tensor import Tensor

_FORMS = (" * (*, torch.Generator generator = None)\n"
          " * (int from, int to, *, torch.Generator generator = None)\n"
          " * (int to, *, torch.Generator generator = None)\n")


def _type_name(value: Any) -> str:
    return "Tensor" if isinstance(value, Tensor) else c_type_name(type(value))


def _invalid(args: tuple[Any, ...], kwargs: dict[str, Any]) -> TypeError:
    """PyTorch's "invalid combination of arguments" for random_, with its note under the
    first form (which its listing reads as two arguments, ``*`` and ``generator``) when two
    arguments were given."""
    got = [_type_name(a) for a in args] + [f"{k}={_type_name(v)}" for k, v in kwargs.items()]
    text = ", ".join(got) + (", " if kwargs and not args else "")
    forms = _FORMS
    if len(args) + len(kwargs) == 2:
        wrong = [k for k in kwargs if k != "generator"]
        if wrong:
            note = "some of the keywords were incorrect: " + ", ".join(wrong)
        else:
            note = ("some of the arguments have invalid types: ("
                    + ", ".join(f"!{name}!" for name in got) + ")")
        first, rest = forms.split("\n", 1)
        forms = f"{first}\n      didn't match because {note}\n{rest}"
    return TypeError("random_() received an invalid combination of arguments - got "
                     f"({text}), but expected one of:\n{forms}")


def random_range(args: tuple[Any, ...], kwargs: dict[str, Any],
                 dtype: dtypes.dtype) -> tuple[int | None, int | None, bool]:
    """(from, to, given) for ``random_(*args, **kwargs)``: (None, None, False) for the whole
    type, else the half-open range [from, to); ``given`` is False when ``to`` was None (then
    read as the type's top + 1, and PyTorch does not compare it with ``from``)."""
    if len(args) > 2:
        raise TypeError(f"random_() takes 2 positional arguments but {len(args)} were given")
    named = dict(kwargs)
    if set(named) - {"from", "to"}:
        raise _invalid(args, kwargs)
    values = list(args)
    if len(values) == 2 and named or len(values) == 1 and "from" in named:
        raise _invalid(args, kwargs)
    if len(values) == 0 and "from" in named:
        values.append(named.pop("from"))
    if "to" in named:
        values.append(named.pop("to"))
    if "to" not in kwargs and "from" in kwargs:
        raise _invalid(args, kwargs)  # (from alone: no form takes it)
    if not values:
        return None, None, False
    if len(values) == 1:
        if not is_int(values[0]):
            raise _invalid(args, kwargs)
        return 0, int(values[0]), True
    low, high = values
    if not is_int(low) or not (high is None or is_int(high)):
        raise _invalid(args, kwargs)
    if high is None:
        return int(low), _top(dtype, int(low)) + 1, False
    return int(low), int(high), True


def _top(dtype: dtypes.dtype, low: int) -> int:
    """The largest value of ``random_(from, None)``, PyTorch's ``to_inc``."""
    if dtype.is_floating_point:
        top = 1 << (int(numpy.finfo(dtype.numpy).nmant) + 1)
        if top <= low <= float(numpy.finfo(dtype.numpy).max):  # (beyond: out of bounds)
            raise RuntimeError("random_ expects 'from' casted to dtype to be less than or equal "
                               f"to 'to_inc' casted to dtype, but got from={low} > to_inc={top}")
        return top
    if dtype is dtypes.bool_:
        return 1
    return int(numpy.iinfo(dtype.numpy).max)
