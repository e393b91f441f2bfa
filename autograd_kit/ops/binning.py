"""Statistics built from other operations, as PyTorch builds them (so the recorded nodes and
gradients are PyTorch's): nanmean, quantile / nanquantile, diff, trapezoid; and counting
without gradients: searchsorted, bucketize, bincount, histc.

    nanmean = nansum(x) / (number of values that are not NaN)
    quantile q: sort, then interpolate between the values at ranks ⌊q(n-1)⌋ and ⌈q(n-1)⌉
    diff = x[1:] - x[:-1] (n times);   trapezoid = Σ (y[k] + y[k+1]) / 2 · Δx
"""

from __future__ import annotations

import math
from typing import Any

from .. import dtypes
from ..tensor import Tensor, _wrap_dim
from .arithmetic import DivNumber, MulNumber
from .operands import kernel_error

_MODES = ("linear", "lower", "higher", "midpoint", "nearest")


def _ops() -> Any:
    import autograd_kit

    return autograd_kit


def nanmean(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """The mean of the values that are not NaN."""
    if not x.dtype.is_floating_point:
        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype "
                           f"but got {dtypes.scalar_type_word(x.dtype.name)}")
    kept = x.isnan().logical_not().sum(dim=dim, keepdim=keepdim) if dim is not None \
        else x.isnan().logical_not().sum()
    return _ops().nansum(x, dim, keepdim, dtype=dtype) / kept


def quantile(x: Tensor, q: Any, dim: Any = None, keepdim: bool = False, *,
             interpolation: str = "linear", ignore_nan: bool = False) -> Tensor:
    """The q-th quantiles of x (all of it, or along ``dim``), PyTorch's algorithm step by step."""
    ops = _ops()
    name = "quantile"  # PyTorch says quantile() for nanquantile too
    if x.numel() == 0:
        raise RuntimeError(f"{name}() input tensor must be non-empty")
    if x.dtype.name not in ("float32", "float64"):
        raise RuntimeError(f"{name}() input tensor must be either float or double dtype")
    if isinstance(q, Tensor):
        if q.ndim > 1:
            raise RuntimeError(f"{name}() q must be a scalar or 1D tensor")
        if q.dtype != x.dtype:
            raise RuntimeError(f"{name}() q tensor must be same dtype as the input tensor")
        values = q._data.reshape(-1)
        if values.size and (values.min() < 0 or values.max() > 1):
            raise RuntimeError(f"{name}() q values must be in the range [0, 1]")
    else:
        if not 0 <= q <= 1:
            raise RuntimeError(f"{name}() q must be in the range [0, 1] but got {q:g}")
        q = ops.scalar_tensor(q, dtype=x.dtype)
    if interpolation not in _MODES:
        raise RuntimeError(f"{name}() interpolation must be one of linear, lower, higher, "
                           f"midpoint or nearest, but got {interpolation}")
    shape = list(x.shape)
    if dim is None:
        sorted_ = x.reshape(-1).sort()[0]
        out_shape = [1] * x.ndim if keepdim else []
    else:
        axis = _wrap_dim(dim, max(x.ndim, 1))
        sorted_ = x.sort()[0] if axis == x.ndim - 1 else \
            x.unsqueeze(-1).transpose(axis, -1).sort()[0]
        out_shape = list(shape)
        if keepdim and out_shape:  # (a 0-dim x stays 0-dim)
            out_shape[axis] = 1
        elif out_shape:
            del out_shape[axis]
    sorted_ = sorted_.view((*out_shape, sorted_.shape[-1]))
    xp, data, last = x._xp, sorted_._data, sorted_.shape[-1] - 1
    # the ranks are recorded from q: with linear interpolation q gets a gradient, (above -
    # below)·(n - 1), as in PyTorch
    if ignore_nan:  # the rank among the values that are not NaN (0 when all are NaN)
        ranks = q * Tensor._make((~xp.isnan(data)).sum(-1, keepdims=True) - 1)
        ranks = ranks.masked_fill(ranks < 0, 0)
    else:  # a NaN anywhere: the last rank, so the quantile is NaN
        ranks = ops.where(Tensor._make(xp.isnan(data).any(-1, keepdims=True)), last, q * last)
    ranks_data = {"lower": xp.floor, "higher": xp.ceil, "nearest": xp.round}.get(
        interpolation, lambda r: r)(ranks._data)
    below = ranks_data.astype("int64")
    values = sorted_.gather(-1, Tensor._make(below))
    if interpolation in ("linear", "midpoint"):
        weights = ranks - Tensor._make(below) if interpolation == "linear" else \
            Tensor._make(xp.full_like(ranks_data, 0.5, dtype=data.dtype))
        above = sorted_.gather(-1, Tensor._make(xp.ceil(ranks_data).astype("int64")))
        values = values.lerp(above, weights)
    if q.ndim == 0:
        return values.squeeze_(-1)
    return values.unsqueeze_(0).transpose_(0, -1).squeeze_(-1)


def nanquantile(x: Tensor, q: Any, dim: Any = None, keepdim: bool = False, *,
                interpolation: str = "linear") -> Tensor:
    """quantile over the values that are not NaN."""
    return quantile(x, q, dim, keepdim, interpolation=interpolation, ignore_nan=True)


def diff(x: Tensor, n: int = 1, dim: int = -1, prepend: Any = None,
         append: Any = None) -> Tensor:
    """x[k+1] - x[k] along ``dim``, n times (after joining prepend and append)."""
    ops = _ops()
    if x.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    if n == 0:  # a copy (prepend and append left out), recorded as empty_like(x).copy_(x)
        from .filling import Copy

        return Copy.apply(Tensor._make(x._xp.empty_like(x._data)), x)
    axis = _wrap_dim(dim, x.ndim)
    if prepend is not None or append is not None:
        parts = [p for p in (prepend, x, append) if p is not None]
        x = ops.cat(parts, axis)
    for _ in range(n):
        size = x.shape[axis]
        if size == 0:
            break
        if x.dtype.name == "bool":
            x = ops.logical_xor(x.narrow(axis, 1, size - 1), x.narrow(axis, 0, size - 1))
        else:
            x = x.narrow(axis, 1, size - 1) - x.narrow(axis, 0, size - 1)
    return x


def trapezoid(y: Tensor, x: Any = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """∫ y by the trapezoidal rule along ``dim``: Σ (y[k] + y[k+1]) / 2 · Δx."""
    axis = _wrap_dim(dim, max(y.ndim, 1))
    size = y.shape[axis]
    if size == 0:  # (NumPy's answer: zeros of y's dtype, recording nothing)
        return _ops().zeros(y.shape[:axis] + y.shape[axis + 1:], dtype=y.dtype, device=y.device)
    if isinstance(x, Tensor):
        total = ((y.narrow(axis, 1, size - 1) + y.narrow(axis, 0, size - 1))
                 * spacing_along(y, x, axis, "trapezoid")).sum(axis)
        return halved(total)
    step = number_step(y, 1 if x is None and dx is None else (dx if dx is not None else x),
                       "trapezoid")
    ends = y.select(axis, 0) + y.select(axis, -1)
    if not y.dtype.is_floating_point:
        return (y.sum(axis) - ends * 0.5) * step
    # (PyTorch's node shows the step as a float: _saved_other 1.0 for dx=1)
    return MulNumber.apply(y.sum(axis) - MulNumber.apply(ends, 0.5), float(step))


def halved(total: Tensor) -> Tensor:
    """total / 2. as PyTorch's C++ divides by a number: DivBackward1, integers to floats."""
    return DivNumber.apply(total, 2.0) if total.dtype.is_floating_point else total / 2.0


def spacing_along(y: Tensor, x: Tensor, axis: int, who: str) -> Tensor:
    """Δx between y's samples along ``axis``, shaped to broadcast with y's differences (a 1-D
    x lies along ``axis``); PyTorch's checks of x, in its order."""
    if y.dtype.name == "bool" or x.dtype.name == "bool":
        raise RuntimeError(f"{who}: received a bool input for `x` or `y`, but bool is not "
                           "supported")
    if x.ndim == 1:
        if x.shape[0] != y.shape[axis]:
            raise RuntimeError(f"{who}: There must be one `x` value for each sample point")
        shape = [1] * y.ndim
        shape[axis] = x.shape[0]
        return diff(x.view(tuple(shape)), dim=axis)
    if x.ndim < y.ndim:  # (PyTorch views x only then)
        x = x.view((1,) * (y.ndim - x.ndim) + tuple(x.shape))
    return diff(x, dim=axis)


def number_step(y: Tensor, dx: Any, who: str) -> Any:
    """The constant step ``dx``, after PyTorch's checks (y not bool, dx a real number)."""
    if y.dtype.name == "bool":
        raise RuntimeError(f"{who}: received a bool input for `y`, but bool is not supported")
    if isinstance(dx, (bool, complex)):
        raise RuntimeError(f"{who}: Currently, we only support dx as a real number.")
    return dx


def _index_dtype(out_int32: bool) -> Any:
    return "int32" if out_int32 else "int64"


def _check_searchsorted(seq: Any, data: Any, right: bool, side: Any, sorter: Any) -> None:
    """PyTorch's checks of searchsorted's arguments, in its order and with its messages."""
    name = "torch.searchsorted():"
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(f"{name} side can only be 'left' or 'right' but got {side}")
        if right and side != "right":
            raise RuntimeError(f"{name} side and right can't be set to opposites, got side of "
                               f"{side} while right was True")
    if sorter is not None:
        if tuple(sorter.shape) != seq.shape:
            raise RuntimeError(f"{name} boundary and sorter must have the same size, but got "
                               f"boundary tensor {list(seq.shape)}and got sorter tensor "
                               f"{list(sorter.shape)}")
        if sorter.dtype.name != "int64":
            raise RuntimeError(f"{name} sorter must be a tensor of long dtype but got dtype "
                               f"{dtypes.scalar_type_word(sorter.dtype.name)}")
        order = sorter._data
        if order.size and (int(order.min()) < 0 or int(order.max()) >= order.shape[-1]):
            raise RuntimeError(f"{name} sorter index out of range")
    if data.ndim == 0 and seq.ndim != 1:
        raise RuntimeError(f"{name} input value can be a scalar only when boundaries tensor "
                           f"dimension is 1, but we got boundaries tensor dim({seq.ndim}) and "
                           f"input value's dim(0) numel(1)")
    if seq.ndim == 0:
        raise RuntimeError(f"{name} boundaries tensor should have positive dimension, but got "
                           "0 dimension")


def searchsorted(sorted_sequence: Tensor, values: Any, *, out_int32: bool = False,
                 right: bool = False, side: Any = None, sorter: Any = None) -> Tensor:
    """Where each value would go in the (last dimension of the) sorted sequence to keep it
    sorted: the first such place, or the last with ``right=True`` / ``side="right"``."""
    xp = sorted_sequence._xp
    scalar = not isinstance(values, Tensor)
    data = xp.asarray(values) if scalar else values._data
    seq = sorted_sequence._data
    _check_searchsorted(seq, data, right, side, sorter)
    if sorter is not None:
        seq = xp.take_along_axis(seq, sorter._data, axis=-1)
    which = "right" if right or side == "right" else "left"
    if seq.ndim == 1:
        out = xp.searchsorted(seq, data, side=which)
    else:
        if seq.shape[:-1] != data.shape[:-1]:
            raise RuntimeError(
                "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
                "dimensions of boundaries tensor and input value tensor must match, but we got "
                f"boundaries tensor {list(seq.shape)} and input value tensor {list(data.shape)}")
        count = math.prod(seq.shape[:-1])  # (rows: there may be none, or empty ones)
        rows, cuts = seq.reshape(count, seq.shape[-1]), data.reshape(count, data.shape[-1])
        out = xp.zeros(cuts.shape, dtype="int64")
        for i, (r, c) in enumerate(zip(rows, cuts)):
            out[i] = xp.searchsorted(r, c, side=which)
        out = out.reshape(data.shape)
    return Tensor._make(xp.asarray(out).astype(_index_dtype(out_int32)))


def bucketize(input: Any, boundaries: Tensor, *, out_int32: bool = False,  # noqa: A002
              right: bool = False) -> Tensor:
    """The bucket of each value: the index i with boundaries[i-1] < v ≤ boundaries[i]
    (``right=True``: boundaries[i-1] ≤ v < boundaries[i])."""
    if boundaries.ndim != 1:
        raise RuntimeError("boundaries tensor must be 1 dimension, but got dim("
                           f"{boundaries.ndim})")
    return searchsorted(boundaries, input, out_int32=out_int32, right=right)


def bincount(x: Tensor, weights: Any = None, minlength: int = 0) -> Tensor:
    """How often each non-negative integer occurs (or the sum of its weights). As PyTorch's
    kernel: a bool or float input is refused, and an empty one counts nothing (int64) even
    with weights."""
    if x.dtype.is_floating_point or x.dtype.name == "bool":
        raise kernel_error("bincount_cpu", x.dtype)
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    data = x._data
    if data.ndim != 1 or (data.size and data.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    xp = x._xp
    if weights is not None and data.size and (weights.dim() != 1
                                              or weights.numel() != data.size):
        raise RuntimeError("weights should be 1-d and have the same length as input")
    if weights is None or data.size == 0:
        return Tensor._make(xp.bincount(data, minlength=minlength).astype("int64"))
    kind = weights.dtype.name if weights.dtype.name in ("float32",) else "float64"
    out = xp.bincount(data, weights=weights._data.astype("float64"), minlength=minlength)
    return Tensor._make(out.astype(kind))


def histc(x: Tensor, bins: int = 100, min: Any = 0, max: Any = 0) -> Tensor:  # noqa: A002
    """A histogram of x's values in ``bins`` equal bins between min and max (the data's own
    range when both are 0); values outside are left out. PyTorch refuses a range that is not
    finite (a NaN or an infinity among the data, when they give it) and a min above the max."""
    if not x.dtype.is_floating_point:  # (for bools PyTorch's linspace of the bin edges, in
        # x's dtype, fails first)
        raise kernel_error("linspace_cpu" if x.dtype.name == "bool" else "histogram_cpu",
                           x.dtype)
    if bins <= 0:
        raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0")
    xp, data = x._xp, x._data
    low, high = float(min), float(max)
    if low == high and data.size:
        low, high = float(data.min()), float(data.max())
        if math.isnan(low) and data.size > 1:  # (PyTorch's aminmax gives NaN with its sign bit)
            low = high = -math.nan
    if low == high:
        low, high = low - 1, high + 1
    if not (math.isfinite(low) and math.isfinite(high)):
        raise RuntimeError(f"torch.histc: range of [{_shown(low)}, {_shown(high)}] is not finite")
    if not low < high:
        raise RuntimeError("torch.histc: max must be larger than min")
    inside = data[(data >= low) & (data <= high)].astype("float64")
    where = ((inside - low) * bins / (high - low)).astype("int64")
    where = xp.minimum(where, bins - 1)
    counts = xp.bincount(where, minlength=bins)[:bins]
    return Tensor._make(counts.astype(data.dtype))


def _shown(value: float) -> str:
    """A double as C++'s stream writes it (six significant digits; ``-nan`` with a sign)."""
    return ("-nan" if math.copysign(1, value) < 0 else "nan") if math.isnan(value) else (
        f"{value:g}")
