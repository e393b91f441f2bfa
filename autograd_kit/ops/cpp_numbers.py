"""Arithmetic with a number, recorded as PyTorch's C++ derivative formulas record it.

A backward rule run under ``create_graph=True`` is recorded, so its graph shows how the rule
was written. PyTorch writes its rules in C++ (``FunctionsManual.cpp``, ``derivatives.yaml``),
where a number on either side of an operator is not the Python operator's ``Rsub`` or ``Mul``
of a wrapped number:

=====================  ============================================  =====================
C++ in the rule        what ATen runs                                node recorded
=====================  ============================================  =====================
``t + c``, ``c + t``   ``t.add(c)``                                  ``AddBackward1``
``t * c``, ``c * t``   ``t.mul(c)``                                  ``MulBackward1``
``t - c``              ``t.sub(c)``                                  ``SubBackward1``
``c - t``              ``empty_like(t).fill_(c).sub_(t)``            ``SubBackward0`` (None, t)
``c / t``              ``empty_like(t).fill_(c).div_(t)``            ``DivBackward0`` (None, t)
=====================  ============================================  =====================

The values are those of the same arithmetic on arrays: a constant filled with c (in t's
dtype) is exactly what the number gives. An integer t (which never requires grad, so
nothing is recorded) takes the plain operators, which promote as PyTorch does (an integer
times 0.5 is a float). ``t / c`` needs nothing here: see `arithmetic.DivNumber`
(DivBackward1).
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from .arithmetic import AddNumber, MulNumber, SubNumber


def filled(number: Any, like: Tensor) -> Tensor:
    """A constant holding ``number`` in ``like``'s dtype (0-dim: it broadcasts to like's
    shape, as ``empty_like(t).fill_(c)`` has it)."""
    return Tensor._make(like._xp.full((), number, dtype=like._data.dtype))


def _floating(t: Tensor) -> bool:
    return t._data.dtype.kind in "fc"


def number_minus(number: Any, t: Tensor) -> Tensor:
    """c - t as C++ writes it:  SubBackward0 with edges (None, t)      ∂/∂t = -1"""
    return filled(number, t) - t if _floating(t) else number - t


def number_over(number: Any, t: Tensor) -> Tensor:
    """c / t as C++ writes it:  DivBackward0 with edges (None, t)      ∂/∂t = -c / t²

    An integer or bool t is refused, as by PyTorch's in-place ``div_``: its true quotient
    (a float) cannot be written into ``empty_like(t)`` (addcdiv's rule for tensor1, when
    tensor2 holds integers)."""
    if _floating(t):
        return filled(number, t) / t
    from ..dtypes import get_default_dtype, scalar_type_word

    raise RuntimeError(f"result type {scalar_type_word(get_default_dtype().name)} can't be "
                       f"cast to the desired output type {scalar_type_word(t.dtype.name)}")


def plus_number(t: Tensor, number: Any) -> Tensor:
    """t + c (or c + t) as C++ writes it:  AddBackward1      ∂/∂t = 1"""
    return AddNumber.apply(t, number) if _floating(t) else t + number


def minus_number(t: Tensor, number: Any) -> Tensor:
    """t - c as C++ writes it:  SubBackward1      ∂/∂t = 1"""
    return SubNumber.apply(t, number) if _floating(t) else t - number


def times_number(t: Tensor, number: Any) -> Tensor:
    """t · c (or c · t) as C++ writes it:  MulBackward1      ∂/∂t = c"""
    return MulNumber.apply(t, number) if _floating(t) else t * number
