"""Questions about values, answered with bool tensors outside the graph: all, any, isnan,
isinf, isfinite (and argsort, whose int64 positions carry no gradient either).

No gradient flows through a yes/no answer, so none of these records a node.
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from .operands import ensure_array
from .preserved_layout import preserved_copy
from .reductions import normalize_dims


def _reduce_bool(x: Tensor, how: str, dim: Any, keepdim: bool) -> Tensor:
    data = x._data
    nothing = dim is not None and not isinstance(dim, int) and not len(dim)
    axes = () if nothing else normalize_dims(dim, data.ndim)  # all(x, ()): no reduction
    if axes is not None and data.ndim == 0:
        axes = None
    result = ensure_array(getattr(data.astype(bool, copy=False), how)(axis=axes,
                                                                      keepdims=keepdim), x._xp)
    if data.dtype == "uint8":  # PyTorch keeps uint8 (its old boolean type) for these
        result = result.astype("uint8")
    return Tensor._make(result)


def all(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """True where every value (along ``dim``) is non-zero."""
    return _reduce_bool(x, "all", dim, keepdim)


def any(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """True where at least one value (along ``dim``) is non-zero."""
    return _reduce_bool(x, "any", dim, keepdim)


def _test(x: Tensor, how: str) -> Tensor:
    data = x._data
    if data.dtype.kind in "biu":  # whole numbers are never nan or inf (PyTorch's
        out = preserved_copy(x._xp, data, bool)  # zeros_like or ones_like, laid out like x)
        out[...] = how == "isfinite"
        return Tensor._make(out)
    return Tensor._make(ensure_array(getattr(x._xp, how)(data), x._xp))


def isnan(x: Tensor) -> Tensor:
    return _test(x, "isnan")


def isinf(x: Tensor) -> Tensor:
    return _test(x, "isinf")


def isfinite(x: Tensor) -> Tensor:
    return _test(x, "isfinite")


def argsort(x: Tensor, dim: int = -1, descending: bool = False, stable: bool = False) -> Tensor:
    """The int64 positions that sort ``x`` along ``dim`` (ties keep their order)."""
    from ..tensor import _wrap_dim
    from .preserved_layout import laid_out_like
    from .selection import argsort_array

    data = x._data
    axis = _wrap_dim(dim, data.ndim)  # (a 0-dim x takes -1 or 0)
    if data.ndim == 0:
        return Tensor._make(x._xp.zeros((), dtype="int64"))
    order = argsort_array(data, axis, descending)
    return Tensor._make(laid_out_like(x._xp, order.astype("int64", copy=False), data))  # (x's
    # layout, as PyTorch's sort fills it)
