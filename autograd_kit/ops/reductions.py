"""Reductions: sum, mean, max/min, norm, and the softmax family.

A reduction's gradient spreads the arriving gradient back over the values that were reduced:
every value contributed to a sum (gradient 1 each), to a mean (1/n each), and only the
largest value to a max.
"""

from __future__ import annotations

import math
from typing import Any

from .. import dtypes
from ..function import Function
from ..node_saved_values import given_dim, given_dims, input_numel, input_sizes
from ..tensor import Tensor, _wrap_dim
from . import norm_float32, softmax_float32
from .arithmetic import DivNumber
from .norm_order import check_identity, sequential_norm
from .operands import kernel_error, saved_indices_output
from .preserved_layout import row_major_result
from .shape import Expand
from .summation_layout import cast_keeping_layout
from .summation_order import mean_like_torch, sum_like_torch
from .written_in_place import written_in_place


def normalize_dims(dim: Any, ndim: int) -> tuple[int, ...] | None:
    """``dim`` as a sorted tuple of non-negative axes (None: all of them).

    A 0-dim tensor accepts dim 0 or -1 and has no axis to reduce; an empty ``dim``, as
    ``sum(())``, reduces everything (PyTorch's rules).
    """
    if dim is None:
        return None
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    if not dims:
        return None if ndim else ()
    axes = [_wrap_dim(d, ndim) for d in dims]
    if len(set(axes)) != len(axes):
        twice = next(a for a in axes if axes.count(a) > 1)
        raise RuntimeError(f"dim {twice} appears multiple times in the list of dims")
    return tuple(sorted(axes)) if ndim else ()


def expand_back(grad: Tensor, shape: tuple[int, ...], dims: tuple[int, ...] | None,
                keepdim: bool) -> Tensor:
    """Put the reduced dimensions back into ``grad`` (as size 1) and expand it to ``shape``.

    A 0-dim ``grad`` of a reduction over everything (``dims`` None) expands to any shape as
    it is; dims named by the caller are put back first, as PyTorch's sum_backward does.
    """
    if dims is not None and not keepdim and len(shape):
        for d in dims:
            grad = grad.unsqueeze(d)
    return Expand.apply(grad, shape)  # (grad.expand(shape), its sizes known to be ints)


def unsqueeze_back(grad: Tensor, ndim: int, dims: tuple[int, ...] | None,
                   keepdim: bool) -> Tensor:
    """``grad`` with the reduced dimensions put back as size 1 (PyTorch's
    unsqueeze_multiple), left to broadcast against the input rather than expanded."""
    if keepdim or not ndim or dims is None:  # (None: everything reduced, nothing to add)
        return grad
    for d in dims:
        grad = grad.unsqueeze(d)
    return grad


class Sum(Function):
    """out = Σ x  (over ``dim``, or everything)

    ∂out/∂xᵢ = 1  →  grad_x = grad, expanded back over the summed dimensions
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "SumBackward0"
    saved_options: dict[str, Any] = {"self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any = None, keepdim: bool = False,
                dtype: Any = None) -> Any:
        data = x._data
        ctx.shape, ctx.keepdim, ctx.dim, ctx.input_dtype = data.shape, keepdim, dim, x.dtype
        ctx.dims = dims = None if dim is None else normalize_dims(dim, data.ndim)
        if dtype is None:
            if data.dtype.kind not in "bui":  # floats added in PyTorch's order
                return sum_like_torch(data, dims, keepdim)  # (summation_order.py)
            dtype = dtypes.int64  # PyTorch sums integers and bools as int64
        elif dtype.is_floating_point and data.dtype.kind in "buif":
            # PyTorch sums x.to(dtype) (laid out as to() lays it out) in its order
            return sum_like_torch(cast_keeping_layout(data, dtype.numpy), dims, keepdim)
        # sum(dtype=…): computed in that type (NumPy would widen small integers again)
        return data.astype(dtype.numpy).sum(axis=ctx.dims, keepdims=keepdim, dtype=dtype.numpy)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        grad_x = expand_back(grad, ctx.shape, ctx.dims, ctx.keepdim)
        if grad_x.dtype != ctx.input_dtype:  # summed in another type: back to the input's
            grad_x = grad_x.to(ctx.input_dtype)
        return grad_x, None, None, None


class SumDim(Sum):
    __doc__ = Sum.__doc__
    node_name = "SumBackward1"
    saved_options = {"dim": given_dims("dim"), "keepdim": None, "self_sym_sizes": input_sizes()}


class Mean(Function):
    """out = (1/n) Σ x

    ∂out/∂xᵢ = 1/n  →  grad_x = grad / n, expanded back over the averaged dimensions
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "MeanBackward0"
    saved_options: dict[str, Any] = {"self_sym_numel": input_numel(),
                                     "self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any = None, keepdim: bool = False,
                dtype: dtypes.dtype | None = None) -> Any:
        which, checked = ("Optional", dtype) if dtype is not None else ("Input", x.dtype)
        if not checked.is_floating_point:
            raise RuntimeError(
                f"mean(): could not infer output dtype. {which} dtype must be either a "
                f"floating point or complex dtype. Got: {dtypes.scalar_type_word(checked.name)}"
            )
        ctx.shape, ctx.keepdim, ctx.input_dtype = x._data.shape, keepdim, x.dtype
        ctx.dim, ctx.dims = dim, normalize_dims(dim, x._data.ndim)
        data = x._data if dtype is None else cast_keeping_layout(x._data, dtype.numpy)  # (x.to)
        out = mean_like_torch(data, ctx.dims, keepdim)  # PyTorch's order: sum / n
        ctx.count = x._data.size // max(out.size, 1) if x._data.size else 0
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        # (PyTorch's: sum's backward, then .div_(n): DivBackward1 under create_graph)
        grad_x = DivNumber.apply(expand_back(grad, ctx.shape, ctx.dims, ctx.keepdim), ctx.count)
        if grad_x.dtype != ctx.input_dtype:  # averaged in another type: back to the input's
            grad_x = grad_x.to(ctx.input_dtype)
        return grad_x, None, None, None


class MeanDim(Mean):
    __doc__ = Mean.__doc__
    node_name = "MeanBackward1"
    saved_options = {"dim": given_dims("dim"), "keepdim": None,
                     "self_sym_numel": input_numel(), "self_sym_sizes": input_sizes()}


class MaxAll(Function):
    """out = max of all values

    ∂out/∂xᵢ = 1 for the largest value (shared evenly when several tie), 0 elsewhere
    """

    node_name = "MaxBackward1"
    reduce = "max"

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        if x._data.size == 0:
            raise RuntimeError(
                f"{cls.reduce}(): Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        out = getattr(x._data, cls.reduce)()
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        x, out = ctx.saved_tensors
        return evenly_distributed(grad, x, out)


def evenly_distributed(grad: Tensor, x: Tensor, out: Tensor) -> Tensor:
    """The gradient of a value picked from all of x (max(), min(), median()), as PyTorch's
    evenly_distribute_backward records it: the k values equal to it (the NaNs, when it is
    NaN) share it:  grad_x = zeros.masked_fill(mask, grad / k)   (MaskedFillBackward1 under
    ``create_graph``; ``mask * (grad / k)`` on a GPU, as PyTorch's CUDA path)."""
    from .selection import MaskedFillTensor

    mask = x.isnan() if bool(out._xp.isnan(out._data)) else x == out
    share = grad / mask.sum()
    if x.device.type != "cpu":
        return mask * share
    return written_in_place(MaskedFillTensor.apply(grad.new_zeros(x.shape), mask._data, share))


class MinAll(MaxAll):
    """out = min of all values

    ∂out/∂xᵢ = 1 for the smallest value (shared evenly when several tie), 0 elsewhere
    """

    node_name = "MinBackward1"
    reduce = "min"


class MaxDim(Function):
    """values, indices = max over ``dim``

    ∂values/∂x = 1 at each chosen index, 0 elsewhere   →  the gradient goes to the index
    """

    node_name = "MaxBackward0"
    reduce = "argmax"
    saved_tensor_names = ("indices",)
    saved_options = {"dim": given_dim("dim"), "keepdim": None, "self_sym_sizes": input_sizes()}

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, dim: int, keepdim: bool = False) -> Any:
        xp, data = x._xp, x._data
        axis = _wrap_dim(dim, data.ndim)
        if data.ndim and data.shape[axis] == 0:
            raise IndexError(
                f"{cls.reduce[3:]}(): Expected reduction dim {axis} to have non-zero size."
            )
        if data.ndim == 0:
            indices = xp.zeros((), dtype="int64")
            values = data.copy()
        else:
            indices = getattr(data, cls.reduce)(axis=axis, keepdims=True)
            values = xp.take_along_axis(data, indices, axis=axis)
            if not keepdim:
                indices, values = indices.squeeze(axis), values.squeeze(axis)
        ctx.shape, ctx.axis, ctx.keepdim, ctx.dim = data.shape, axis, keepdim, dim
        indices = Tensor._make(indices.astype("int64", copy=False))
        saved_indices_output(ctx, indices)
        ctx.mark_non_differentiable(indices)
        return values, indices

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _unused: Any = None) -> tuple[Tensor, None, None]:
        (indices,) = ctx.saved_tensors
        from .scatter import scattered_back

        indices = indices._data
        if not ctx.keepdim and ctx.shape:  # (a 0-dim x: zeros(()).scatter(0, index, grad))
            indices = indices.reshape(indices.shape[:ctx.axis] + (1,) + indices.shape[ctx.axis:])
            grad = grad.unsqueeze(ctx.axis)
        return scattered_back(grad, ctx.shape, ctx.axis, indices), None, None


class MinDim(MaxDim):
    """values, indices = min over ``dim``

    ∂values/∂x = 1 at each chosen index, 0 elsewhere   →  the gradient goes to the index
    """

    node_name = "MinBackward0"
    reduce = "argmin"


class Norm(Function):
    """out = (Σ |x|^p)^(1/p)   (p = 2: the Euclidean length)

    ∂out/∂x = sign(x) · |x|^(p-1) / out^(p-1)   (p = 2: x / out; p = 1: sign(x));
    0 where out = 0, and 0 where x = 0 (for p < 1, |x|^(p-1) is infinite there);
    p = 0 counts the non-zeros, which is flat: no gradient at all (None), as in PyTorch
    """

    result_layout = row_major_result  # (over a dim: see Function)
    node_name = "LinalgVectorNormBackward0"
    saved_options = {"dim": given_dims("dim"), "keepdim": None, "ord": "p"}

    @staticmethod
    def forward(ctx: Any, x: Tensor, p: float = 2, dim: Any = None, keepdim: bool = False) -> Any:
        xp, data = x._xp, x._data
        if not x.dtype.is_floating_point:
            raise RuntimeError(
                "linalg.vector_norm: Expected a floating point or complex tensor as input. "
                f"Got {dtypes.scalar_type_word(x.dtype.name)}"
            )
        check_identity(data.shape, p, dim)
        dims = normalize_dims(dim, data.ndim)
        magnitude = xp.abs(data)
        if p == float("inf"):
            out = magnitude.max(axis=dims, keepdims=keepdim)
        elif p == -float("inf"):
            out = magnitude.min(axis=dims, keepdims=keepdim)
        elif p == 0:  # how many values are not zero
            out = (magnitude != 0).sum(axis=dims, keepdims=keepdim).astype(data.dtype)
        elif _one_value_each(data.shape, dims):  # PyTorch: |x| itself (no x^p to under- or
            out = magnitude.sum(axis=dims, keepdims=keepdim)  # overflow), whatever p is
        elif p == 2:
            out = norm_float32.norm2(data, dims, keepdim)  # (PyTorch's order, float32)
            if out is None:
                out = xp.sqrt((data * data).sum(axis=dims, keepdims=keepdim))
        else:  # (PyTorch's order of summing, where it is followed: see norm_order)
            out = sequential_norm(data, p, dims, keepdim)
            if out is None:
                out = (magnitude**p).sum(axis=dims, keepdims=keepdim) ** (1.0 / p)
        ctx.save_for_backward(x, out)
        ctx.p, ctx.dims, ctx.keepdim, ctx.shape = p, dims, keepdim, data.shape
        ctx.dim = dim
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        """PyTorch's norm_backward step by step (so ``create_graph`` records its nodes), with
        g and ‖x‖ given back their reduced dims:  p = 1: sgn(x)·g;  p = 2: g·(x/‖x‖), 0 where
        ‖x‖ = 0;  p = ±∞: sgn(x)·(g/k)·[|x| = ‖x‖] (k such values);  p < 1:
        sgn(x)|x|^(p-1)·g·‖x‖^(1-p), 0 at x = 0;  else x|x|^(p-2)·g/‖x‖^(p-1), 0 where ‖x‖ = 0."""
        p = ctx.p
        x, norm = ctx.saved_tensors  # (checked first: freed, or changed in place)
        if p == 0:  # a count of non-zeros is flat: PyTorch sends no gradient at all (None)
            return None, None, None, None
        grad = unsqueeze_back(grad, len(ctx.shape), ctx.dims, ctx.keepdim)
        norm = unsqueeze_back(norm, len(ctx.shape), ctx.dims, ctx.keepdim)
        return norm_backward(grad, x, p, norm, ctx.dims), None, None, None


def _one_value_each(shape: tuple[int, ...], dims: Any) -> bool:
    """Whether a reduction over ``dims`` (None: all) takes exactly one value per output."""
    return math.prod(shape if dims is None else (shape[d] for d in dims)) == 1


def norm_backward(grad: Tensor, x: Tensor, p: float, norm: Tensor, dims: Any) -> Tensor:
    """PyTorch's norm_backward (p ≠ 0), grad and norm already shaped like x's reduced dims
    (``dims``, None: all)."""
    if p == 1:
        return x.sgn() * grad
    if p == 2:
        return grad * (x / norm).masked_fill(norm == 0, 0)
    if abs(p) == float("inf"):
        magnitude = x.abs()
        mask = (magnitude == norm) | magnitude.isnan()
        every = tuple(range(x.ndim)) if dims is None else dims
        return x.sgn() * ((grad / mask.sum(every, keepdim=True)) * mask)
    if p < 1:
        scaled = x.sgn() * (x.abs() ** (p - 1)).masked_fill(x == 0, 0)
        return scaled * grad * norm ** (1 - p)
    scaled = x.sgn() * x.abs() ** (p - 1) if p < 2 else x * x.abs() ** (p - 2)
    return scaled * (grad / norm ** (p - 1)).masked_fill(norm == 0, 0)


def _softmax_axis(x: Tensor, dim: int, name: str) -> int:
    """The axis of a softmax; integer and bool inputs have no kernel in PyTorch (which names
    its kernel for the last dimension apart from the others)."""
    axis = _wrap_dim(dim, x._data.ndim)
    if not x.dtype.is_floating_point:
        kernel = "lastdim_kernel_impl" if axis == x._data.ndim - 1 else "kernel_impl"
        raise kernel_error(f"{name}_{kernel}", x.dtype)
    return axis


def _shifted(data: Any, axis: int) -> Any:
    """x - max(x) along ``axis``: softmax is unchanged by the shift, and e^x cannot overflow."""
    return data - data.max(axis=axis, keepdims=True) if data.size else data



class NormOverDims(Norm):
    """The same norm, as ATen's ``norm(x, p, dim, keepdim)`` that pairwise_distance calls:
    PyTorch names its node NormBackward1 (``x.norm(p, dim)`` is a LinalgVectorNormBackward0)."""

    node_name = "NormBackward1"
    saved_options = {"dim": given_dims("dim"), "keepdim": None, "p": "p"}

class Softmax(Function):
    """yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)   (along ``dim``)

    ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ - yⱼ)   →  grad_x = y * (grad - Σ(grad * y))
    """

    result_layout = row_major_result  # (PyTorch: a row-major result whatever x's layout)
    node_name = "SoftmaxBackward0"
    saved_options = {"dim": given_dim("dim")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Any:
        axis = _softmax_axis(x, dim, "softmax")
        if softmax_float32.applies(x._data, axis=axis, any_axis=True):  # (PyTorch's bits)
            y = softmax_float32.softmax(x._data, axis)
        else:
            e = x._xp.exp(_shifted(x._data, axis))
            y = e / e.sum(axis=axis, keepdims=True)
        ctx.save_for_backward(y)
        ctx.axis, ctx.dim = axis, dim
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (y,) = ctx.saved_tensors
        return SoftmaxBackwardData.apply(grad, y, ctx.axis), None


class SoftmaxBackwardData(Function):
    """out = y * (g - Σ(g * y))   (softmax's backward rule as one operation, as in PyTorch)

    ∂out/∂g: the same operation on the arriving gradient G   →  y * (G - Σ(G * y))
    ∂out/∂y = g * G - Σ(y * g) * G - g * Σ(y * G)   (PyTorch's
    softmax_double_backward, in its order)
    """

    node_name = "SoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, y: Tensor, axis: int) -> Any:
        ctx.save_for_backward(grad, y)
        ctx.axis = axis
        g, s = grad._data, y._data
        if softmax_float32.applies(g, s, axis=axis, any_axis=g.ndim and g.shape[axis] <= 512):
            return softmax_float32.softmax_backward(g, s, axis)  # (a long other dim: the
        return s * (g - (g * s).sum(axis=axis, keepdims=True))   # formula, a step per value)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, Any, None]:
        grad, y = ctx.saved_tensors
        axis = ctx.axis
        needs_grad, needs_y = ctx.needs_input_grad[:2]
        # (grad_output's first, as PyTorch's generated code: its node comes first)
        grad_grad = SoftmaxBackwardData.apply(gg, y, axis) if needs_grad else None
        grad_y = None
        if needs_y:  # (the terms made last to first, as PyTorch's compiled C++ makes them)
            third = grad * (y * gg).sum(axis, keepdim=True)
            second = (y * grad).sum(axis, keepdim=True) * gg
            grad_y = grad * gg - second - third
        return grad_grad, grad_y, None


class LogSoftmax(Function):
    """yᵢ = xᵢ - log Σⱼ e^(xⱼ)   (along ``dim``)

    ∂yᵢ/∂xⱼ = δᵢⱼ - softmax(x)ⱼ   →  grad_x = grad - e^y * Σ grad
    """

    result_layout = row_major_result  # (PyTorch: empty_like(x.contiguous()))
    node_name = "LogSoftmaxBackward0"
    saved_options = {"dim": given_dim("dim")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Any:
        xp = x._xp
        axis = _softmax_axis(x, dim, "log_softmax")
        if softmax_float32.applies(x._data, axis=axis, any_axis=True):  # (PyTorch's bits)
            y = softmax_float32.log_softmax(x._data, axis)
        else:
            shifted = _shifted(x._data, axis)
            y = shifted - xp.log(xp.exp(shifted).sum(axis=axis, keepdims=True))
        ctx.save_for_backward(y)
        ctx.axis, ctx.dim = axis, dim
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (y,) = ctx.saved_tensors
        return LogSoftmaxBackwardData.apply(grad, y, ctx.axis), None


class LogSoftmaxBackwardData(Function):
    """out = g - e^y * Σ g   (log_softmax's backward rule as one operation, as in PyTorch)

    ∂out/∂g  →  G - Σ(G * e^y)
    ∂out/∂y  →  -Σ g * e^y * G   (in PyTorch's order)
    """

    node_name = "LogSoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, y: Tensor, axis: int) -> Any:
        ctx.save_for_backward(grad, y)
        ctx.axis = axis
        g = grad._data
        if softmax_float32.applies(g, y._data, axis=axis, any_axis=True):
            return softmax_float32.log_softmax_backward(g, y._data, axis)
        return g - y._xp.exp(y._data) * g.sum(axis=axis, keepdims=True)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, Any, None]:
        grad, y = ctx.saved_tensors
        axis = ctx.axis
        needs_grad, needs_y = ctx.needs_input_grad[:2]
        # (grad_output's first; each formula takes its own e^y, as PyTorch's, and within a
        # product the right operand is made first, as its compiled C++ makes it)
        grad_grad = gg - (gg * y.exp()).sum(axis, keepdim=True) if needs_grad else None
        grad_y = None
        if needs_y:
            e = y.exp()
            grad_y = -grad.sum(axis, keepdim=True) * e * gg
        return grad_grad, grad_y, None
