"""``unique`` (the distinct values, with where each element went and how often) and
``isclose`` / ``allclose`` (elementwise |a - b| ≤ atol + rtol·|b|).

Neither has a derivative: ``unique`` of a tensor that requires grad records a node whose
backward raises PyTorch's NotImplementedError, and ``isclose`` gives booleans.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..function import Function
from ..tensor import Tensor, _wrap_dim, typename
from ..transform_captures import refuse_batched_read
from .membership import check_zero_sizes_selected
from .operands import check_broadcast, check_same_device
from .preserved_layout import operands_layout


class Unique(Function):
    """values = the distinct values of x, sorted      (no derivative, as in PyTorch)"""

    node_name = "Unique2Backward0"
    forward_ad_missing = "_unique2"  # (PyTorch has no forward-mode formula)
    derivative_name = "_unique2"

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any) -> Any:
        xp, data = x._xp, x._data
        if dim is None:
            values, inverse, counts = xp.unique(data.reshape(-1), return_inverse=True,
                                                return_counts=True, equal_nan=False)
            inverse = inverse.reshape(data.shape)
        else:
            axis = _wrap_dim(dim, data.ndim)
            check_zero_sizes_selected(data.shape, axis)
            if data.size == 0:  # (no slices: each result empty, as in PyTorch)
                values, inverse, counts = data.copy(), xp.zeros(0, "int64"), xp.zeros(0, "int64")
            else:
                values, inverse, counts = xp.unique(data, return_inverse=True,
                                                    return_counts=True, axis=axis,
                                                    equal_nan=False)
            inverse = inverse.reshape(-1)
        extra = (Tensor._make(inverse.astype("int64")), Tensor._make(counts.astype("int64")))
        ctx.mark_non_differentiable(*extra)
        return values, *extra

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise NotImplementedError(f"the derivative for '{Unique.derivative_name}' is not "
                                  "implemented.")


class UniqueDim(Unique):
    __doc__ = Unique.__doc__
    node_name = "UniqueDimBackward0"
    forward_ad_missing = "unique_dim"

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise NotImplementedError("the derivative for 'unique_dim' is not implemented.")


def unique(x: Tensor, sorted: bool = True, return_inverse: bool = False,  # noqa: A002
           return_counts: bool = False, dim: Any = None) -> Any:
    """The distinct values (always sorted on the CPU, as PyTorch's are), and optionally the
    position of each element among them and how many times each occurs."""
    refuse_batched_read(x, "_unique2")  # (under vmap)
    rule = Unique if dim is None else UniqueDim
    values, inverse, counts = rule.apply(x, dim)
    if dim is None and x._data.ndim == 0:  # (x's shape: a tensor of its own, not a view)
        inverse = Tensor._make(inverse._data.reshape(()))
    out = (values,) + ((inverse,) if return_inverse else ()) + \
        ((counts,) if return_counts else ())
    return out[0] if len(out) == 1 else out


def isclose(a: Tensor, b: Any, rtol: float = 1e-05, atol: float = 1e-08,
            equal_nan: bool = False) -> Tensor:
    """True where |a - b| ≤ atol + rtol·|b| (equal infinities too; NaNs only with
    ``equal_nan``). PyTorch builds it as ``a == b`` widened in place by ``|=`` (once, and
    once more for equal NaNs of a float dtype): the result's version is 1 or 2."""
    if not isinstance(b, Tensor):
        raise TypeError("isclose(): argument 'other' (position 2) must be Tensor, not "
                        f"{typename(b)}")
    if a.dtype != b.dtype:
        raise RuntimeError(f"{dtypes.scalar_type_word(a.dtype.name)} did not match "
                           f"{dtypes.scalar_type_word(b.dtype.name)}")
    for name, tolerance in (("rtol", rtol), ("atol", atol)):
        if tolerance < 0:
            raise RuntimeError(f"{name} must be greater than or equal to zero, but got "
                               f"{tolerance:g}")
    check_same_device(a, b)
    check_broadcast(a.shape, b.shape)
    xp = a._xp
    x, y = a._data, b._data
    if x.dtype.kind == "b":
        values = xp.asarray(x == y)
    else:
        values = xp.asarray(xp.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan))
    out = Tensor._make(operands_layout(values, (a, b)))  # (a == b's layout)
    out._version_counter[0] = 2 if equal_nan and x.dtype.kind == "f" else 1
    return out


def allclose(a: Tensor, b: Any, rtol: float = 1e-05, atol: float = 1e-08,
             equal_nan: bool = False) -> bool:
    """isclose everywhere (same dtypes, shapes that broadcast)."""
    if not isinstance(b, Tensor):
        raise TypeError("allclose(): argument 'other' (position 2) must be Tensor, not "
                        f"{typename(b)}")
    check_broadcast(a.shape, b.shape)
    return bool(isclose(a, b, rtol, atol, equal_nan)._data.all())
