"""Comparisons: elementwise ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` give bool tensors,
outside the graph (nothing to differentiate); ``equal`` is one Python bool."""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from .operands import arrays, as_operand, check_argument_devices, ensure_array
from .preserved_layout import operands_layout

OTHER_FORMS = ["Tensor input, Tensor other, *, Tensor out = None",
               "Tensor input, Number other, *, Tensor out = None"]  # (eq, lt, fmod, …)


def _compare(name: str, a: Any, b: Any) -> Tensor:
    if not isinstance(a, Tensor):  # (2 < x comes here as x > 2: only torch.lt(2, x))
        from ..tensor_arguments import input_not_tensor

        raise input_not_tensor(name.strip("_"), (a, b), OTHER_FORMS)
    a, b = as_operand(a), as_operand(b)
    x, y = arrays(a, b)
    tensor = a if isinstance(a, Tensor) else b
    return Tensor._make(operands_layout(ensure_array(getattr(x, name)(y), tensor._xp), (a, b)))


def eq(a: Any, b: Any) -> Tensor:
    return _compare("__eq__", a, b)


def ne(a: Any, b: Any) -> Tensor:
    return _compare("__ne__", a, b)


def lt(a: Any, b: Any) -> Tensor:
    return _compare("__lt__", a, b)


def le(a: Any, b: Any) -> Tensor:
    return _compare("__le__", a, b)


def gt(a: Any, b: Any) -> Tensor:
    return _compare("__gt__", a, b)


def ge(a: Any, b: Any) -> Tensor:
    return _compare("__ge__", a, b)


def equal(a: Tensor, b: Tensor) -> bool:
    check_argument_devices("_equal", self=a, other=b)
    return a.shape == b.shape and bool((a._data == b._data).all())
