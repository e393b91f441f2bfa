"""PyTorch functions that are other operations under another name or a short composition:
argwhere, msort, fix, ravel, signbit, isneginf, isposinf. No rule of their own: the graph
records the operation each one is made of (SortBackward0, TruncBackward0, ViewBackward0, …),
as in PyTorch. Each is also a Tensor method (``x.msort()``).
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from ..tensor_operators import TensorOperators


def argwhere(x: Tensor) -> Tensor:
    """The indices of the non-zero values, one row each (``nonzero(x)``)."""
    return x.nonzero()


def msort(x: Tensor) -> Tensor:
    """x sorted along its first dimension (``sort(x, dim=0).values``)."""
    return x.sort(0).values


def fix(x: Tensor) -> Tensor:
    """Rounded toward zero (``trunc``)."""
    return x.trunc()


def ravel(x: Tensor) -> Tensor:
    """The values as one dimension: ``contiguous().view(-1)``, as PyTorch.

    A tensor that is not contiguous is copied first (CloneBackward0), so the result is
    always contiguous, a view of x itself or of that copy (ViewBackward0)."""
    return x.contiguous().view(-1)


def signbit(x: Tensor) -> Tensor:
    """True where the sign bit is set (negative values, -0.0 and -inf included)."""
    return Tensor._make(x._xp.asarray(x._xp.signbit(x._data)))


def isneginf(x: Tensor) -> Tensor:
    return x.isinf() & (x < 0)


def isposinf(x: Tensor) -> Tensor:
    return x.isinf() & (x > 0)


NAMES = ("argwhere", "msort", "fix", "ravel", "signbit", "isneginf", "isposinf")


def as_method(function: Any) -> Any:
    """``function(tensor, ...)`` as a Tensor method (``tensor.function(...)``)."""
    def method(self: Tensor, *args: Any, **kwargs: Any) -> Any:
        return function(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = function.__name__
    method.__doc__ = function.__doc__
    return method


for _name in NAMES:
    if not hasattr(TensorOperators, _name):
        setattr(TensorOperators, _name, as_method(globals()[_name]))
