"""More running (prefix) operations: cumprod, cummax, cummin, logcumsumexp.

Output i depends on the inputs 0 … i along ``dim``, so input j's gradient collects the
arriving gradients of every later output i ≥ j, each times ∂outᵢ/∂xⱼ.
"""

from __future__ import annotations

from typing import Any

import numpy

from ..function import Function
from ..grad_mode import is_grad_enabled
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim
from .joining import Cat
from .operands import kernel_error, saved_indices_output
from .preserved_layout import row_major
from .results import cummax_result, cummin_result
from .scan import accumulated
from .selection import along_axis_key


def _later_sum(values: Tensor, axis: int) -> Tensor:
    """Σ_{i ≥ j} valuesᵢ for every j: a cumsum run backwards."""
    return values.flip(axis).cumsum(axis).flip(axis)


class Cumprod(Function):
    """yᵢ = x₀ · x₁ ⋯ xᵢ   (along ``dim``)

    ∂yᵢ/∂xⱼ = Π_{k ≤ i, k ≠ j} xₖ  (i ≥ j)  →  grad_xⱼ = Σ_{i ≥ j} gradᵢ · yᵢ / xⱼ  when no
    x is 0. With zeros, PyTorch's two rules (which give the same numbers for finite x, but
    not the same NaN and ∞ beside an ∞): a first-order one (_zeros_first_order) and, under
    create_graph, one whose own derivative is the second one (_zeros_differentiable).
    """

    node_name = "CumprodBackward0"
    saved_options = {"dim": given_dim("dim")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, dtype: Any = None) -> Any:
        data = x._data
        ctx.axis, ctx.dim = _wrap_dim(dim, data.ndim), dim
        ctx.input_dtype = x.dtype
        if dtype is not None:
            data = data.astype(dtype.numpy)
        elif data.dtype.kind in "biu" and data.dtype != "int64":
            data = data.astype("int64")  # PyTorch multiplies integers and bools as int64
        out = data.copy() if data.ndim == 0 else accumulated(
            data, lambda wide: wide.cumprod(axis=ctx.axis))
        ctx.save_for_backward(x, out)
        ctx.has_zero = bool((x._data == 0).any())
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        x, out = ctx.saved_tensors
        axis = ctx.axis
        if x.numel() <= 1 or x.shape[axis] == 1:  # y = x: PyTorch reads neither x nor y (and
            # gives no y/x = ∞/∞ = NaN at an x of ∞)
            return grad if grad.dtype == ctx.input_dtype else grad.to(ctx.input_dtype), None, None
        if not ctx.has_zero:
            grad_x = _later_sum(out * grad, axis) / x  # (PyTorch's w = output * grad)
        elif is_grad_enabled():
            grad_x = _zeros_differentiable(x, grad, axis)
        else:
            grad_x = _zeros_first_order(x, out, grad, axis)
        if grad_x.dtype != ctx.input_dtype:
            grad_x = grad_x.to(ctx.input_dtype)
        return grad_x, None, None


def _zeros_first_order(x: Tensor, out: Tensor, grad: Tensor, axis: int) -> Tensor:
    """Cumprod's gradient with zeros in x, in O(n) (PyTorch's, when no graph is built). With
    z₁ the first zero along ``axis`` and z₂ the second (or the end):
    j < z₁:  Σ_{j ≤ i < z₁} gradᵢ · yᵢ / xⱼ;    j > z₁:  0;
    j = z₁:  y_{z₁-1} · Σ_{z₁ ≤ i < z₂} gradᵢ · Π_{z₁ < k ≤ i} xₖ   (y₋₁ = 1)."""
    from . import where

    zeros_seen = (x == 0).cumsum(axis)
    before, first_run = zeros_seen == 0, zeros_seen == 1
    first_zero = first_run & (x == 0)
    grad_x = where(before, _later_sum((out * grad).masked_fill(~before, 0), axis) / x, 0)
    grad_x = grad_x.to(grad.dtype)  # (PyTorch fills a zero tensor of grad's dtype)
    run = x.masked_fill(~(first_run & ~first_zero), 1).cumprod(axis)
    at_zero = (run * grad.masked_fill(~first_run, 0)).sum(axis, keepdim=True)
    index = first_run.max(axis, keepdim=True).indices  # (the first zero, where there is one)
    before_zero = out.gather(axis, (index - 1).clamp(min=0)).masked_fill(index == 0, 1)
    return where(first_zero, at_zero * before_zero, grad_x)


def _zeros_differentiable(x: Tensor, grad: Tensor, axis: int) -> Tensor:
    """Cumprod's gradient with zeros in x, as a graph whose derivative is the second
    derivative (PyTorch's O(n²) rule under create_graph): for each position k,
    grad_xₖ = Σ_{i ≥ k} gradᵢ · (Π_{j < k} xⱼ) · (Π_{k < j ≤ i} xⱼ), written into a zero
    tensor slice by slice (CopySlices nodes, as in PyTorch)."""
    n, xp = x.shape[axis], x._xp
    grad_x = Tensor._make(xp.zeros(x.shape, dtype=grad._data.dtype))
    grad_x._version_counter[0] += 1  # (PyTorch's at::zeros there is empty + zero_: a write)
    one = Tensor._make(xp.ones((1,), dtype=grad._data.dtype))
    ones = one.expand(*x.shape[:axis], 1, *x.shape[axis + 1:])
    for k in range(n):
        if k == 0:
            omitted = Cat.apply(axis, ones, x.narrow(axis, 1, n - 1).cumprod(axis))
        else:
            omitted = x.narrow(axis, 0, k).prod(axis, keepdim=True)
            if k < n - 1:
                after = x.narrow(axis, k + 1, n - k - 1).cumprod(axis)
                omitted = Cat.apply(axis, omitted, omitted.expand_as(after) * after)
        grad_x.select(axis, k).copy_((grad.narrow(axis, k, n - k) * omitted).sum(axis))
    return grad_x


class Logcumsumexp(Function):
    """yᵢ = log Σ_{j ≤ i} exp(xⱼ)

    ∂yᵢ/∂xⱼ = exp(xⱼ - yᵢ)  (i ≥ j; at most 1, so it never overflows)
    →  grad_xⱼ = Σ_{i ≥ j} gradᵢ · exp(xⱼ - yᵢ)
               = exp(rlcse(ln grad⁺ - y) + x) - exp(rlcse(ln grad⁻ - y) + x)
    with rlcse a logcumsumexp from the end and grad± the positive / negative gradients
    (PyTorch's logcumsumexp_backward, so sums happen in log space as there).
    """

    node_name = "LogcumsumexpBackward0"
    saved_options = {"dim": given_dim("dim")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Any:
        data = x._data
        if data.dtype.kind not in "fc":
            raise kernel_error("logcumsumexp_out_cpu", x.dtype)
        ctx.axis, ctx.dim = _wrap_dim(dim, data.ndim), dim
        out = data.copy() if data.ndim == 0 else accumulated(
            data, lambda wide: running_logaddexp(x._xp, wide, ctx.axis))
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        from . import where

        x, out = ctx.saved_tensors
        if grad.ndim == 0 or grad.numel() == 0:
            return grad, None
        dim, xp = ctx.dim, grad._xp
        lowest = Tensor._make(xp.asarray(xp.finfo(grad._data.dtype).min, grad._data.dtype))
        log_abs = grad.abs().log()
        positive, negative = where(grad > 0, log_abs, lowest), where(grad < 0, log_abs, lowest)

        def from_the_end(t: Tensor) -> Tensor:
            return Logcumsumexp.apply(t.flip(dim), dim).flip(dim)

        return ((from_the_end(positive - out) + x).exp()
                - (from_the_end(negative - out) + x).exp()), None


def running_logaddexp(xp: Any, data: Any, axis: int) -> Any:
    """yᵢ = logaddexp(yᵢ₋₁, xᵢ), y₀ = x₀ along ``axis``: NumPy's ``logaddexp.accumulate``.
    CuPy's ufuncs accumulate only add and multiply, so elsewhere the same pairwise steps run as
    a loop over the positions (no exp of large values: -inf and inf come out as in PyTorch)."""
    if xp is numpy:
        return numpy.logaddexp.accumulate(data, axis=axis)
    moved = xp.moveaxis(data, axis, 0)
    out = moved.copy()
    for i in range(1, moved.shape[0]):
        out[i] = xp.logaddexp(out[i - 1], moved[i])
    return xp.moveaxis(out, 0, axis)


class Cummax(Function):
    """values, indices = the running maximum along ``dim`` and where it was reached (the
    latest position on ties)

    Each value is one input value: grad_x = zeros; grad_x[indices] += grad
    """

    node_name = "CummaxBackward0"
    saved_tensor_names = ("self", "indices")
    saved_options = {"dim": given_dim("dim")}
    better = staticmethod(lambda new, best: new >= best)

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, dim: int) -> Any:
        xp, data = x._xp, x._data
        ctx.shape, ctx.dim = data.shape, dim
        if data.ndim == 0 and dim not in (-1, 0):  # (PyTorch's own words for a 0-dim x)
            raise IndexError(f"{cls.__name__.lower()}(): Expected reduction dim -1 or 0 for "
                             f"scalar but got {dim}")
        axis = _wrap_dim(dim, data.ndim)
        if data.ndim == 0:
            ctx.key = (Ellipsis,)
            indices = Tensor._make(xp.zeros((), dtype="int64"))
            saved_indices_output(ctx, indices, x)  # (PyTorch keeps both: changing x in place
            ctx.mark_non_differentiable(indices)  # breaks backward)
            return data.copy(), indices
        moved = xp.moveaxis(data, axis, 0)
        best = xp.zeros(moved.shape[1:], dtype="int64")
        order = xp.empty(moved.shape, dtype="int64")
        best_values = moved[0] if moved.shape[0] else None  # (an empty dim: nothing to run)
        for i in range(moved.shape[0]):
            value = moved[i]
            # PyTorch: take xᵢ when it is NaN, or better than a best that is not NaN
            take = xp.isnan(value) | (~xp.isnan(best_values) & cls.better(value, best_values))
            best = xp.where(take, i, best)
            best_values = xp.where(take, value, best_values)
            order[i] = best
        order = xp.moveaxis(order, 0, axis)
        ctx.key = along_axis_key(order, axis, xp)
        indices = Tensor._make(order.copy())
        saved_indices_output(ctx, indices, x)
        ctx.mark_non_differentiable(indices)
        return row_major(xp, data[ctx.key]), indices  # (row-major, as PyTorch's)

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _unused: Any = None) -> tuple[Tensor, None]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        from .scatter import scattered_back, scattered_back_to_0_dim

        if len(ctx.shape) == 0:  # (PyTorch: zeros(()).scatter(0, index, grad))
            return scattered_back_to_0_dim(grad, add=True), None

        axis = _wrap_dim(ctx.dim, len(ctx.shape))
        return scattered_back(grad, ctx.shape, axis, ctx.key[axis], add=True), None


class Cummin(Cummax):
    """values, indices = the running minimum along ``dim`` (latest position on ties)

    grad_x = zeros; grad_x[indices] += grad
    """

    node_name = "CumminBackward0"
    better = staticmethod(lambda new, best: new <= best)


def cumprod(x: Tensor, dim: int, *, dtype: Any = None) -> Tensor:
    from .scan import scan_dtype

    return Cumprod.apply(x, dim, scan_dtype("cumprod_out_cpu", dtype, x, dim))


def logcumsumexp(x: Tensor, dim: int) -> Tensor:
    return Logcumsumexp.apply(x, dim)


def cummax(x: Tensor, dim: int) -> Any:
    return cummax_result(*Cummax.apply(x, dim))


def cummin(x: Tensor, dim: int) -> Any:
    return cummin_result(*Cummin.apply(x, dim))
