"""Statistics: nansum, std_mean / var_mean, aminmax, median, nanmedian, kthvalue, mode.

Sums and means send the gradient back to every value they read (nansum skips the NaNs);
var and std as in reductions_extra.py; the order statistics (median, kthvalue, mode) pick one
value, so its gradient goes back to the position it came from, and aminmax shares it among
ties as amax/amin do.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..node_saved_values import given_dim, given_dims, input_sizes
from ..tensor import Tensor, _wrap_dim
from .arithmetic import MulNumber
from .cpp_selection import first_of_equals, mode_position
from .more_functions import NOT_GIVEN, split_correction
from .operands import saved_indices_output
from .preserved_layout import row_major_result
from .quick_select import kth_positions
from .reductions import expand_back, normalize_dims
from .reductions_extra import _quiet, var_backward, warn_no_freedom
from .results import (
    aminmax_result,
    kthvalue_result,
    median_result,
    mode_result,
    nanmedian_result,
)
from .selection import along_axis_key
from .summation_order import plain_mean, sum_like_torch
from .welford import welford


class Nansum(Function):
    """out = Σ x over ``dim`` with NaNs counted as 0

    ∂out/∂xᵢ = 1 where xᵢ is not NaN, else 0  →  grad_x = grad expanded · (x is not NaN)
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "NansumBackward0"
    saved_options = {"dim": given_dims("dim"), "keepdim": None}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any, keepdim: bool, dtype: Any) -> Any:
        data = x._data
        dims = normalize_dims(dim, data.ndim) or None
        ctx.shape, ctx.dims, ctx.keepdim, ctx.dim = data.shape, dims, keepdim, dim
        ctx.save_for_backward(x)  # (PyTorch keeps x: changing it in place breaks backward)
        ctx.kept = x._xp.asarray(~x._xp.isnan(data))  # (an array for 0-dim data too)
        ctx.input_dtype = x.dtype
        if dtype is not None:
            data = data.astype(dtype.numpy)
        elif data.dtype.kind in "biu":
            data = data.astype("int64")
        if type(data) is numpy.ndarray and data.dtype.kind == "f" and min(data.strides,
                                                                           default=0) >= 0:
            # (PyTorch's nansum adds in its sum's order, skipping the NaNs)
            return sum_like_torch(_nan_as_zero(data), dims and tuple(dims), keepdim)
        return x._xp.nansum(data, axis=dims, keepdims=keepdim)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        ctx.saved_tensors  # noqa: B018  (checked, as PyTorch: freed, or changed in place)
        grad_x = expand_back(grad, ctx.shape, ctx.dims, ctx.keepdim) * Tensor._make(ctx.kept)
        return grad_x.to(ctx.input_dtype), None, None, None


def _nan_as_zero(data: numpy.ndarray) -> numpy.ndarray:
    """A copy of ``data`` with its NaNs replaced by 0, laid out with data's own strides (the
    order of PyTorch's sum depends on them)."""
    span = sum((size - 1) * step for size, step in zip(data.shape, data.strides))
    memory = numpy.empty(span // data.itemsize + 1 if data.size else 0, data.dtype)
    filled = numpy.lib.stride_tricks.as_strided(memory, data.shape, data.strides)
    numpy.copyto(filled, data)
    filled[numpy.isnan(filled)] = 0
    return filled


class VarMean(Function):
    """var, mean = the variance (Σ (x - x̄)² / (N - correction)) and the mean x̄, together

    ∂var/∂xᵢ = 2 (xᵢ - x̄) / (N - correction),   ∂x̄/∂xᵢ = 1 / N
    (N ≤ correction over the whole tensor: var's constant factor, see reductions_extra.Var)
    """

    node_name = "VarMeanBackward0"
    name = "var_mean"
    saved_tensor_names: tuple[str | None, ...] = ("self",)
    saves_spread = False  # var's rule reads x alone (var may change in place, as in PyTorch)
    saved_options = {"correction": None, "dim": given_dims("dim"), "keepdim": None}

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, dim: Any, correction: float, keepdim: bool) -> Any:
        if not x.dtype.is_floating_point:
            raise RuntimeError(f"{cls.name} only support floating point and complex dtypes")
        data = x._data
        dims = normalize_dims(dim, data.ndim)
        ctx.shape, ctx.dims, ctx.keepdim, ctx.dim = data.shape, dims, keepdim, dim
        ctx.correction = correction  # (None: var_mean(x) alone, as PyTorch shows it)
        correction = 1 if correction is None else correction
        dtype = data.dtype
        moments = welford(data, dims)  # PyTorch's Welford, value by value (None: elsewhere)
        if type(data) is numpy.ndarray and dtype.kind == "f":  # PyTorch: in double
            data = data.astype(numpy.float64)
        mean = plain_mean(data, dims, True) if moments is None else moments[0]
        count = data.size // max(mean.size, 1) if data.size else 0
        ctx.count, ctx.divisor = count, count - correction
        if ctx.divisor <= 0:
            warn_no_freedom(cls.name)
        ctx.whole = dim is None or data.ndim == 0
        if moments is None:
            centered = data - mean
            total = (centered * centered).sum(axis=dims, keepdims=keepdim)
        else:
            total = moments[1] if keepdim else moments[1].reshape(
                [s for d, s in enumerate(data.shape) if dims is not None and d not in dims])
        with _quiet(x._xp):  # (no degrees of freedom: ∞ or NaN, quietly, as in PyTorch)
            var = total / max(ctx.divisor, 0)
        mean = mean if keepdim else mean.reshape(var.shape)
        spread = cls.spread_of(x._xp, var).astype(dtype, copy=False)
        ctx.save_for_backward(*((x, spread) if cls.saves_spread else (x,)))
        ctx.set_materialize_grads(False)  # (an unused output adds nothing, as in PyTorch)
        return spread, mean.astype(dtype, copy=False)

    @staticmethod
    def spread_of(xp: Any, var: Any) -> Any:
        """The first output, from the variance: var itself (std_mean takes its root)."""
        return var

    @staticmethod
    def spread_gradient(grad: Tensor, kept: list[Tensor]) -> Tensor:
        """The gradient var's rule receives: grad itself (std_mean: grad / (2 std), with
        the std it kept)."""
        return grad

    @classmethod
    def backward(cls, ctx: Any, grad_spread: Any, grad_mean: Any) -> tuple[Any, ...]:
        """PyTorch's var_mean_backward / std_mean_backward: var's (or std's) rule for the
        first output, mean's for the second, added when both were used."""
        x, *kept = ctx.saved_tensors
        grad_x = None
        if grad_spread is not None:
            grad_x = var_backward(ctx, cls.spread_gradient(grad_spread, kept), x)
        if grad_mean is not None:
            from .arithmetic import DivNumber

            averaged = DivNumber.apply(
                expand_back(grad_mean, ctx.shape, ctx.dims, ctx.keepdim), ctx.count)
            grad_x = averaged if grad_x is None else grad_x + averaged
        return grad_x, None, None, None


class StdMean(VarMean):
    """std, mean = √var and the mean x̄, together

    ∂std/∂xᵢ = (xᵢ - x̄) / ((N - correction) · std),   ∂x̄/∂xᵢ = 1 / N
    """

    node_name = "StdMeanBackward0"
    name = "std_mean"
    saved_tensor_names = ("self", "result0")
    saves_spread = True

    @staticmethod
    def spread_of(xp: Any, var: Any) -> Any:
        return xp.sqrt(var)

    @staticmethod
    def spread_gradient(grad: Tensor, kept: list[Tensor]) -> Tensor:
        """grad / (2 std), 0 where std = 0 (std's rule)."""
        spread = kept[0]
        with _quiet(grad._xp):
            return (grad / MulNumber.apply(spread, 2)).masked_fill(spread == 0, 0)


class Aminmax(Function):
    """min, max = the smallest and largest values over ``dim`` (or everything)

    Ties share the gradient, as for amin / amax: grad_x = grad_min / k · (x == min) + …
    """

    node_name = "AminmaxBackward0"
    saved_tensor_names = ("self", "min", "max")
    saved_options = {"dim": given_dim("dim"), "keepdim": None}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any, keepdim: bool) -> Any:
        data = x._data
        if dim is None and data.size == 0:
            raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as "
                               "the operation has no identity.")
        if dim is not None and data.ndim and data.shape[_wrap_dim(dim, data.ndim)] == 0:
            raise IndexError(f"aminmax: Expected reduction dim {_wrap_dim(dim, data.ndim)} to "
                             "have non-zero size.")
        dims = None if dim is None or data.ndim == 0 else (_wrap_dim(dim, data.ndim),)
        if dim is not None and data.ndim == 0:
            _wrap_dim(dim, 0)
        low = row_major_result(data.min(axis=dims, keepdims=keepdim), ())  # (new tensors,
        high = row_major_result(data.max(axis=dims, keepdims=keepdim), ())  # as PyTorch's)
        ctx.shape, ctx.dims, ctx.keepdim, ctx.dim = data.shape, dims, keepdim, dim
        ctx.save_for_backward(x, low, high)
        ctx.set_materialize_grads(False)  # (an unused output adds nothing, as in PyTorch)
        return low, high

    @staticmethod
    def backward(ctx: Any, grad_low: Any, grad_high: Any) -> tuple[Any, None, None]:
        """amin's rule for min plus amax's for max (restore_reduced_dims, as PyTorch)."""
        from .extrema import restore_reduced_dims

        x, low, high = ctx.saved_tensors
        grad_x = None
        for grad, value in ((grad_low, low), (grad_high, high)):
            if grad is None:
                continue
            restored = (ctx.shape, ctx.dims, ctx.keepdim, ctx.dim)
            chosen = x == restore_reduced_dims(value, *restored)
            count = chosen.sum(ctx.dims, keepdim=True) if ctx.dims else chosen.sum()
            part = restore_reduced_dims(grad, *restored) / count * chosen
            grad_x = part if grad_x is None else grad_x + part
        return grad_x, None, None


def nan_filled(dtype: Any) -> Any:
    """What PyTorch's fill with NaN leaves in a tensor of ``dtype`` (the median of nothing):
    NaN, or for integers the x86 conversion of NaN (the lowest int64 or int32; the narrower
    ones convert through int32 and keep its low bits, 0)."""
    if dtype.kind in "fc":
        return float("nan")
    if dtype.itemsize >= 4 and dtype.kind == "i":
        return numpy.iinfo(dtype).min
    return 0


class Median(Function):
    """out = the middle value of all of x (the lower of the two middle ones for an even count)

    The values equal to it share the gradient: grad_x = grad / k · (x == out)
    """

    node_name = "MedianBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        data = x._data.reshape(-1)
        if data.size == 0:
            out = x._xp.asarray(nan_filled(data.dtype), dtype=data.dtype)
        elif data.dtype.kind in "fc" and bool(x._xp.isnan(data).any()):
            out = x._xp.asarray(float("nan"), dtype=data.dtype)
        else:
            out = x._xp.sort(data)[(data.size - 1) // 2]
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        from .reductions import evenly_distributed

        x, out = ctx.saved_tensors
        return evenly_distributed(grad, x, out)  # (the tied values share it, as PyTorch)


class Nanmedian(Median):
    """out = the middle value of x's non-NaN values (NaN only when every value is NaN)

    The values equal to it share the gradient: grad_x = grad / k · (x == out)
    """

    node_name = "NanmedianBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        data = x._data.reshape(-1)
        if data.dtype.kind in "fc":
            data = data[~x._xp.isnan(data)]
        if data.size == 0:
            out = x._xp.asarray(nan_filled(data.dtype), dtype=x._data.dtype)
        else:
            out = x._xp.sort(data)[(data.size - 1) // 2]
        ctx.save_for_backward(x, out)
        return out


class PickAlongDim(Function):
    """values, indices = one value picked along ``dim`` (by the rule ``pick`` of a subclass)

    Each value is one input value: grad_x = zeros; grad_x[indices] = grad
    """

    saved_tensor_names = ("indices",)
    saved_options = {"dim": given_dim("dim"), "keepdim": None, "self_sym_sizes": input_sizes()}
    word = "median"  # (the function's name in PyTorch's messages)

    @staticmethod
    def pick(xp: Any, data: Any, axis: int, k: int) -> Any:
        """The chosen positions along ``axis`` (the axis kept with size 1)."""
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, dim: int, keepdim: bool, k: int = 0) -> Any:
        xp, data = x._xp, x._data
        ctx.shape, ctx.dim, ctx.keepdim = data.shape, dim, keepdim
        if data.ndim == 0:
            _wrap_dim(dim, 0)
            cls.pick(xp, data.reshape(1), 0, k)  # (as for one value: kthvalue's k must be 1)
            ctx.key = (Ellipsis,)
            indices = Tensor._make(xp.zeros((), dtype="int64"))
            saved_indices_output(ctx, indices)
            ctx.mark_non_differentiable(indices)
            return data.copy(), indices
        axis = ctx.axis = _wrap_dim(dim, data.ndim)
        if data.shape[axis] == 0:
            raise IndexError(f"{cls.word}(): Expected reduction dim {axis} to have non-zero size.")
        order = cls.pick(xp, data, axis, k).astype("int64")
        ctx.key = along_axis_key(order, axis, xp)
        values = data[ctx.key]
        if not keepdim:
            values, order = values.squeeze(axis), order.squeeze(axis)
        values = row_major_result(values, ())  # (a new tensor, whatever x's layout)
        indices = Tensor._make(order.copy())
        saved_indices_output(ctx, indices)
        ctx.mark_non_differentiable(indices)
        return values, indices

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _unused: Any = None) -> tuple[Tensor, None, None, None]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        from .scatter import scattered_back, scattered_back_to_0_dim

        if len(ctx.shape) == 0:  # (PyTorch: zeros(()).scatter(0, index, grad))
            return scattered_back_to_0_dim(grad), None, None, None

        if grad.ndim < len(ctx.shape):  # keepdim=False: the picked dimension back, size 1
            grad = grad.unsqueeze(ctx.axis)
        return scattered_back(grad, ctx.shape, ctx.axis, ctx.key[ctx.axis]), None, None, None


def _sorted_position(xp: Any, data: Any, axis: int, position: int) -> Any:
    """The original positions of the ``position``-th smallest values along ``axis`` (NaNs
    sort last, as in PyTorch), with ``axis`` kept as size 1."""
    order = data.argsort(axis=axis, kind="stable")
    return xp.take(order, [position], axis=axis)


class MedianDim(PickAlongDim):
    """values, indices = the middle values along ``dim`` (the lower one for an even count)

    grad_x = zeros; grad_x[indices] = grad
    """

    node_name = "MedianBackward1"

    @staticmethod
    def pick(xp: Any, data: Any, axis: int, k: int) -> Any:
        n = data.shape[axis]
        chosen = _sorted_position(xp, data, axis, (n - 1) // 2)
        if data.dtype.kind in "fc":  # a NaN anywhere in the row: the (first) NaN is picked
            nan = xp.isnan(data)
            first_nan = xp.expand_dims(nan.argmax(axis=axis), axis)
            chosen = xp.where(xp.expand_dims(nan.any(axis=axis), axis), first_nan, chosen)
        return chosen


class NanmedianDim(PickAlongDim):
    """values, indices = the middle non-NaN values along ``dim`` (the lower one for an even
    count; a row of NaNs gives the NaN std::nth_element leaves first, as PyTorch)

    grad_x = zeros; grad_x[indices] = grad
    """

    node_name = "NanmedianBackward1"

    @staticmethod
    def pick(xp: Any, data: Any, axis: int, k: int) -> Any:
        order = data.argsort(axis=axis, kind="stable")  # NaNs last
        n = data.shape[axis]
        counted = (~xp.isnan(data)).sum(axis=axis, keepdims=True) if data.dtype.kind in "fc" \
            else xp.full([1 if d == axis else s for d, s in enumerate(data.shape)], n)
        picked = xp.take_along_axis(order, xp.maximum(counted - 1, 0) // 2, axis=axis)
        return xp.where(counted > 0, picked, first_of_equals(n))


class Kthvalue(PickAlongDim):
    """values, indices = the k-th smallest values along ``dim`` (k counts from 1; among ties,
    the position PyTorch's quickselect settles on)

    grad_x = zeros; grad_x[indices] = grad
    """

    node_name = "KthvalueBackward0"
    word = "kthvalue"

    @staticmethod
    def pick(xp: Any, data: Any, axis: int, k: int) -> Any:
        if not 1 <= k <= data.shape[axis]:
            raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {axis}")
        return kth_positions(xp, data, axis, k - 1)


_STABLE_SORT_SIZE = 16  # std::sort sorts up to 16 pairs by insertion: equal ones keep order


class Mode(PickAlongDim):
    """values, indices = the most frequent value along ``dim`` (the smallest such value, at
    its last position)

    grad_x = zeros; grad_x[indices] = grad
    """

    node_name = "ModeBackward0"
    word = "mode"

    @staticmethod
    def pick(xp: Any, data: Any, axis: int, k: int) -> Any:
        moved = xp.moveaxis(data, axis, -1)
        flat = moved.reshape(-1, moved.shape[-1])
        picked = xp.empty(flat.shape[0], dtype="int64")
        for row in range(flat.shape[0]):
            values = flat[row]
            if len(values) > _STABLE_SORT_SIZE or bool(xp.isnan(values).any()):
                picked[row] = mode_position(values.tolist())  # (std::sort's own order)
                continue
            unique, counts = xp.unique(values, return_counts=True)
            best = unique[int(counts.argmax())]  # the smallest among the most frequent
            picked[row] = int(xp.nonzero(values == best)[0][-1])
        picked = picked.reshape(moved.shape[:-1] + (1,))
        return xp.moveaxis(picked, -1, axis)


# ---- the functions ---------------------------------------------------------------------------

def nansum(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    return Nansum.apply(x, dim, keepdim, dtypes.resolve(dtype) if dtype is not None else None)


def var_mean(x: Tensor, dim: Any = NOT_GIVEN, unbiased: Any = None, keepdim: bool = False, *,
             correction: Any = None) -> tuple[Tensor, Tensor]:
    dim, correction = split_correction(dim, unbiased, correction)
    return VarMean.apply(x, dim, correction, keepdim)


def std_mean(x: Tensor, dim: Any = NOT_GIVEN, unbiased: Any = None, keepdim: bool = False, *,
             correction: Any = None) -> tuple[Tensor, Tensor]:
    dim, correction = split_correction(dim, unbiased, correction)
    return StdMean.apply(x, dim, correction, keepdim)


def aminmax(x: Tensor, *, dim: Any = None, keepdim: bool = False) -> Any:
    return aminmax_result(*Aminmax.apply(x, dim, keepdim))


def _no_bool(x: Tensor, kernel: str) -> None:
    """PyTorch has no kernel for these on bools (``"median_cpu" not implemented for 'Bool'``)."""
    if x.dtype.name == "bool":
        from .operands import kernel_error

        raise kernel_error(kernel, x.dtype)


def median(x: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    _no_bool(x, "median_cpu" if dim is None else "median_out")
    if dim is None:
        return Median.apply(x)
    return median_result(*MedianDim.apply(x, dim, keepdim))


def nanmedian(x: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    """median that ignores NaN (NaN only where every value is NaN)."""
    _no_bool(x, "median_cpu" if dim is None else "median_out")
    if dim is None:
        return Nanmedian.apply(x)
    return nanmedian_result(*NanmedianDim.apply(x, dim, keepdim))


def kthvalue(x: Tensor, k: int, dim: int = -1, keepdim: bool = False) -> Any:
    _no_bool(x, "kthvalue_cpu")
    return kthvalue_result(*Kthvalue.apply(x, dim, keepdim, int(k)))


def mode(x: Tensor, dim: int = -1, keepdim: bool = False) -> Any:
    return mode_result(*Mode.apply(x, dim, keepdim))
