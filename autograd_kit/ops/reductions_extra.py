"""More reductions: prod, var/std, logsumexp, trace.

As for sum and mean (reductions.py), each gradient is the arriving gradient expanded back
over the reduced values, times how much each value moved the result.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy

from ..function import Function
from ..grad_mode import is_grad_enabled
from ..memory_overlap import _outside_the_kit
from ..node_saved_values import given_dim, given_dims, input_sizes
from ..scalar_warning import triggered_at
from ..tensor import Tensor, _wrap_dim
from .arithmetic import MulNumber
from .joining import Cat
from .preserved_layout import row_major_result
from .product_order import torch_order_prod
from .reductions import normalize_dims, unsqueeze_back
from .sleef_float32 import cpu_float32
from .summation_order import mean_like_torch, plain_mean, sum_like_torch
from .welford import square_sum_in_order, welford


def _integer_as_int64(data: Any) -> Any:
    return data.astype("int64") if data.dtype.kind in "biu" and data.dtype != "int64" else data


class Prod(Function):
    """out = Π x  (over ``dim``, or everything)

    ∂out/∂xᵢ = Π_{j≠i} xⱼ  = out / xᵢ when no value is 0. With a 0 among the values, the
    product of the others is formed directly, as (product of those before i) · (product of
    those after i): two exclusive running products, so that the rule stays differentiable.
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "ProdBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any = None, keepdim: bool = False,
                dtype: Any = None) -> Any:
        """``dtype``: the product is taken in that type (x is not converted in the graph:
        the gradient is turned back into x's dtype, as PyTorch's engine does)."""
        ctx.shape, ctx.keepdim, ctx.dim = x._data.shape, keepdim, dim
        ctx.dims = None if dim is None else (_wrap_dim(dim, max(x._data.ndim, 1)),)
        if ctx.dims is not None and x._data.ndim == 0:
            ctx.dims = None
        data = x._data if dtype is None else x._data.astype(dtype.numpy, copy=False)
        out = torch_order_prod(data, ctx.dims, keepdim)  # (None: NumPy's order is it)
        if out is None:
            out = _integer_as_int64(data).prod(axis=ctx.dims, keepdims=keepdim)
        out = x._xp.asarray(out if dtype is None else out.astype(dtype.numpy, copy=False))
        ctx.save_for_backward(x, out)  # the output itself (differentiable under create_graph)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        x, out = ctx.saved_tensors
        grad_x = Prod.gradient(ctx, grad, x if x.dtype == out.dtype else x.to(out.dtype), out)
        return (grad_x if grad_x.dtype == x.dtype else grad_x.to(x.dtype)), None, None, None

    @staticmethod
    def gradient(ctx: Any, grad: Tensor, x: Tensor, out: Tensor) -> Tensor:
        """PyTorch's prod_backward(grad, self.to(grad's dtype), result)."""
        if x.ndim == 0:  # the product of one number is that number
            return grad
        dims, ndim = ctx.dims, len(ctx.shape)  # (PyTorch's: unsqueezed, then broadcast)
        grad = unsqueeze_back(grad, ndim, dims, ctx.keepdim)
        zeros = int((x._data == 0).sum())
        if not zeros:
            return grad * (unsqueeze_back(out, ndim, dims, ctx.keepdim) / x)
        if dims is None and zeros > 1 and not is_grad_enabled():  # PyTorch's shortcut: every
            return x.new_zeros(ctx.shape)  # Π of others holds a 0 (even beside ∞)
        if dims is None:
            others = grad * _product_of_others(x.reshape(-1), 0)  # (PyTorch: then viewed)
            return others.reshape(ctx.shape)
        return grad * _product_of_others(x, dims[0])


def _product_of_others(x: Tensor, dim: int) -> Tensor:
    """Π_{j≠i} xⱼ along ``dim`` for each i, without dividing (PyTorch's
    prod_safe_zeros_backward): the running product of the values before i times the running
    product of the values after i."""
    ones = Tensor._make(x._xp.ones_like(x.narrow(dim, 0, 1)._data))
    before = Cat.apply(dim, ones, x.narrow(dim, 0, x.shape[dim] - 1)).cumprod(dim)
    after = Cat.apply(dim, ones, x.narrow(dim, 1, x.shape[dim] - 1).flip(dim))
    return before * after.cumprod(dim).flip(dim)


class ProdDim(Prod):
    __doc__ = Prod.__doc__
    node_name = "ProdBackward1"
    saved_options = {"dim": given_dim("dim"), "keepdim": None}


def _check_floating(x: Tensor) -> None:
    if not x.dtype.is_floating_point:
        raise RuntimeError("std and var only support floating point and complex dtypes")


def centered(x: Tensor, dims: Any) -> Tensor:
    """x - x̄, the mean taken over ``dims`` (None: all of x), recorded as tensor operations
    (the (xᵢ - x̄) factor of var's and std's derivatives)."""
    dims = dims if dims is not None else tuple(range(x.ndim))
    return x - x.mean(dims, keepdim=True) if dims else x - x


class Var(Function):
    """out = Σ (x - x̄)² / (N - correction)   (correction 1: the unbiased estimate)

    ∂out/∂xᵢ = 2 (xᵢ - x̄) / (N - correction)   (the x̄ terms cancel: Σ (xⱼ - x̄) = 0)
    With N ≤ correction over the whole tensor, PyTorch's factor is a constant ∞ (NaN at x̄).
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "VarBackward0"
    saved_options = {"correction": None, "dim": given_dims("dim"), "keepdim": None}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any, correction: float, keepdim: bool) -> Any:
        ctx.save_for_backward(x)
        return variance(ctx, x, dim, correction, keepdim).astype(x._data.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        (x,) = ctx.saved_tensors
        return var_backward(ctx, grad, x), None, None, None


def variance(ctx: Any, x: Tensor, dim: Any, correction: float | None,
             keepdim: bool) -> Any:
    """Σ (x - x̄)² / (N - correction) over ``dim``, keeping what backward needs on ``ctx``.
    A float32 CPU tensor is summed in float64, as PyTorch's CPU kernel does (Welford in
    double): the result, rounded once to float32 by the caller, is PyTorch's."""
    _check_floating(x)
    data = x._data
    dims = normalize_dims(dim, data.ndim)
    ctx.shape, ctx.dims, ctx.keepdim, ctx.dim = data.shape, dims, keepdim, dim
    ctx.correction = correction  # None: var() without arguments, as PyTorch shows it
    correction = 1 if correction is None else correction
    count = data.size // max(data.mean(axis=dims).size, 1) if data.size else 0
    ctx.divisor = count - correction
    ctx.whole = dim is None or data.ndim == 0  # PyTorch's own backward path for these
    if ctx.divisor <= 0:
        warn_no_freedom('std' if ctx._function is Std else 'var')
    cpu_float = type(data) is numpy.ndarray and data.dtype in (numpy.float32, numpy.float64)
    if cpu_float and data.size and data.size // max(count, 1) == 1:
        # one result: PyTorch's all-reduce takes the mean as torch.mean gives it (in x's
        # dtype), then Σ (x - mean)² in double (a constant can so get a tiny variance)
        mean = numpy.float64(mean_like_torch(data, None, False))
        total = numpy.asarray(square_sum_in_order(data, mean)).reshape(
            [1] * data.ndim if keepdim else [s for d, s in enumerate(data.shape)
                                             if dims is not None and d not in dims])
        with _quiet(x._xp):
            return total / numpy.float64(max(ctx.divisor, 0))
    moments = welford(data, dims)
    if moments is not None:  # PyTorch's Welford, value by value
        spread = moments[1] if keepdim else moments[1].squeeze(dims)
        with _quiet(x._xp):
            return spread / numpy.float64(max(ctx.divisor, 0))
    if type(data) is numpy.ndarray and data.dtype.kind == "f":
        data = data.astype(numpy.float64)  # (float32/16 summed in double: PyTorch's Welford)
    centered = data - plain_mean(data, dims, True)
    with _quiet(x._xp):
        # fewer values than the correction: PyTorch divides by 0 (∞), not by a negative
        return (centered * centered).sum(axis=dims, keepdims=keepdim) / max(ctx.divisor, 0)


def warn_no_freedom(name: str) -> None:
    """PyTorch's warning for a variance over no more values than the correction, at the
    learner's line (``name``: var, std, var_mean or std_mean)."""
    warnings.warn(
        triggered_at(f"{name}(): degrees of freedom is <= 0. Correction should be strictly "
                     "less than the reduction factor (input numel divided by output numel).",
                     "aten/src/ATen/native/ReduceOps.cpp:1861"),
        UserWarning,
        stacklevel=_outside_the_kit(),
    )


def var_backward(ctx: Any, grad: Tensor, x: Tensor) -> Tensor:
    """PyTorch's var_backward step by step (its nodes under ``create_graph``):
    (2 / (N - correction)) · g · (x - x̄), g given back its reduced dims (for x of 2+ dims);
    over a whole tensor with N ≤ correction: g · (∞, NaN where x = x̄)."""
    if ctx.whole:
        if ctx.divisor <= 0:
            return grad * no_freedom(x)
        return MulNumber.apply(grad, 2.0 / ctx.divisor) * (x - x.mean())
    if x.ndim > 1:
        grad = unsqueeze_back(grad, x.ndim, ctx.dims, ctx.keepdim)
    scale = 2.0 / ctx.divisor if ctx.divisor else math.inf  # no degrees of freedom: nan
    return MulNumber.apply(grad, scale) * centered(x, ctx.dims)


def no_freedom(x: Tensor) -> Tensor:
    """var's factor over a whole tensor with N ≤ correction, as PyTorch: a constant ∞ (NaN
    where xᵢ = x̄) in place of the formula's ±∞."""
    with _quiet(x._xp):
        return Tensor._make(x._xp.asarray(x._xp.abs(x._data - plain_mean(x._data)) * math.inf))


class Std(Function):
    """out = √var(x)

    ∂out/∂xᵢ = (xᵢ - x̄) / ((N - correction) · out)   (taken as 0 where out = 0)
    With N ≤ correction over the whole tensor: grad / (2 out) times var's constant factor.
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "StdBackward0"
    saved_options = Var.saved_options

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any, correction: float, keepdim: bool) -> Any:
        out = x._xp.sqrt(variance(ctx, x, dim, correction, keepdim))
        out = out.astype(x._data.dtype, copy=False)  # (the root taken before rounding)
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        """PyTorch's std_backward: var's rule for g / (2·out), taken as 0 where out = 0."""
        x, out = ctx.saved_tensors
        with _quiet(x._xp):
            # (C++ 2 * result: MulBackward1)
            grad_var = (grad / MulNumber.apply(out, 2)).masked_fill(out == 0, 0)
        return var_backward(ctx, grad_var, x), None, None, None


class _quiet:
    """NumPy's divide warnings off (0/0 → nan is the intended result, as in PyTorch)."""

    def __init__(self, xp: Any) -> None:
        self.state = xp.errstate(divide="ignore", invalid="ignore") if hasattr(
            xp, "errstate") else None

    def __enter__(self) -> None:
        if self.state is not None:
            self.state.__enter__()

    def __exit__(self, *exc: Any) -> None:
        if self.state is not None:
            self.state.__exit__(*exc)


class Logsumexp(Function):
    """out = log Σ eˣ   (along ``dim``; computed as m + log Σ e^(x - m), m = max x)

    ∂out/∂xᵢ = e^(xᵢ) / Σ eˣ = e^(xᵢ - out)   (the softmax)
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "LogsumexpBackward0"
    saved_options = {"dim": given_dims("dim"), "keepdim": None}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any, keepdim: bool = False) -> Any:
        xp = x._xp
        data = x._data if x._data.dtype.kind in "fc" else x._data.astype("float32")
        dims = normalize_dims(dim, data.ndim)
        ctx.shape, ctx.dims, ctx.keepdim, ctx.dim = data.shape, dims, keepdim, dim
        if not isinstance(dim, int) and not len(dim) and data.size and data.ndim and not keepdim:
            # PyTorch's logsumexp(x, ()) fails so: its result keeps the dims, its out has none
            raise RuntimeError(f"output with shape [] doesn't match the broadcast shape "
                               f"{[1] * data.ndim}")
        if data.size == 0:
            out = xp.log(xp.exp(data).sum(axis=dims, keepdims=keepdim))
        else:
            m = data.max(axis=dims, keepdims=True)
            m = xp.where(xp.isfinite(m), m, xp.zeros_like(m))  # all -inf (or inf): no shift
            exp, log = (lambda v: cpu_float32("exp", xp, v, lambda xp, v: xp.exp(v)),
                        lambda v: cpu_float32("log", xp, v, lambda xp, v: xp.log(v)))
            total = sum_like_torch(exp(data - m), dims, True)  # (PyTorch's order and kernels)
            out = log(total) + m
            if not keepdim:
                out = out.squeeze(axis=dims) if dims is not None else out.reshape(())
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        x, out = ctx.saved_tensors
        ndim = len(ctx.shape)  # (PyTorch's: unsqueezed, then broadcast)
        back = unsqueeze_back(out, ndim, ctx.dims, ctx.keepdim)
        return unsqueeze_back(grad, ndim, ctx.dims, ctx.keepdim) * (x - back).exp(), None, None


class Trace(Function):
    """out = Σᵢ xᵢᵢ   (a matrix's diagonal)

    ∂out/∂xᵢⱼ = 1 where i = j, else 0   →  grad_x = grad · I
    """

    node_name = "TraceBackward0"
    saved_options = {"self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        data = x._data
        if data.ndim != 2:
            raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {data.ndim}")
        ctx.shape = data.shape
        return _integer_as_int64(data).trace()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        """Recorded as PyTorch's trace_backward: grad written at every (m+1)-th place of
        n·m zeros, then viewed as n×m (ViewBackward0 over IndexFillBackward1). Only the
        min(n, m) places of the diagonal: on a tall matrix every (m+1)-th place up to n·m
        would run past the diagonal's end into rows below it."""
        from .scatter import IndexFillTensor

        n, m = ctx.shape
        diagonal = grad._xp.arange(0, min(n, m) * (m + 1), m + 1)
        flat = IndexFillTensor.apply(grad.new_zeros((n * m,)), 0, diagonal, grad)
        return flat.view(n, m)


def nuclear_norm(x: Tensor, dim: Any = (-2, -1), keepdim: bool = False) -> Tensor:
    """‖A‖_* = Σ σᵢ, the sum of the singular values of the matrices over ``dim``: PyTorch's
    ``linalg.matrix_norm(x, 'nuc', dim, keepdim)`` (the two dimensions permuted last, the
    singular values, a sum; no rule of its own)."""
    from ..linalg import matrix_norm

    if isinstance(dim, bool):  # (PyTorch's other overload: nuclear_norm(x, keepdim))
        dim, keepdim = (-2, -1), dim
    return matrix_norm(x, "nuc", dim, keepdim)
