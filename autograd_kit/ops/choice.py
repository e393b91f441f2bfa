"""Operations that pick values: where, maximum, minimum, clamp between tensors.

The gradient goes to whichever input was picked. For maximum/minimum a tie splits it in
half, as PyTorch does.
"""

from __future__ import annotations

from typing import Any

from .. import backend, dtypes
from ..function import Function
from ..tensor import Tensor
from .arithmetic import DivNumber
from .broadcast import sum_to
from .operands import (
    arrays,
    as_array_like,
    check_argument_devices,
    check_broadcast,
    check_broadcast_in_order,
    check_same_device,
    common_dtype,
    is_cpu_scalar,
    kept_index,
    kernel_error,
    number_for,
    shape_of,
)
from .preserved_layout import operands_layout
from .signed_zero_ties import zero_ties
from .unary import keep_ties


class Where(Function):
    """out = a where cond else b

    ∂out/∂a = cond,  ∂out/∂b = not cond
    →  grad_a = grad where cond else 0,  grad_b = 0 where cond else grad
    (selected, not multiplied by the mask: an infinite gradient times 0 would be nan)
    """

    node_name = "WhereBackward0"
    result_layout = staticmethod(  # (its operands' layout, the condition first, see Function)
        lambda values, args: operands_layout(values, (args[2], *args[:2])))
    numbers_are_inputs = True
    saved_tensor_names = ("condition",)
    non_inputs = (2,)  # the condition: saved (``_saved_condition``), no edge

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any, condition: Any) -> Any:
        # the caller's condition tensor is saved, as PyTorch saves it: backward fails once the
        # graph is freed or the condition was changed in place (an array gets a new tensor)
        check_broadcast_in_order(condition.shape, shape_of(a), shape_of(b))
        condition, kept = kept_index(condition)
        ctx.save_for_backward(kept)
        if not isinstance(a, Tensor) and not isinstance(b, Tensor):  # where(cond, 1., 0.)
            xp = backend.module_of(condition)
            kind = dtypes.result_type([], [], [a, b]).numpy
            return xp.where(condition, xp.asarray(a, dtype=kind), xp.asarray(b, dtype=kind))
        like = a if isinstance(a, Tensor) else b
        if isinstance(a, Tensor) and isinstance(b, Tensor):
            check_same_device(a, b)
            x, y = arrays(a, b)  # a CPU scalar beside a GPU tensor is copied over
            like = b if is_cpu_scalar(a) else a
        else:  # one number: both sides in the result type (int tensor, 2.5 -> float32)
            dtype = common_dtype(a, b).numpy
            a, b = (v if isinstance(v, Tensor) else number_for(v, dtype, 'float32')
                    for v in (a, b))
            x = as_array_like(a, like).astype(dtype, copy=False)
            y = as_array_like(b, like).astype(dtype, copy=False)
        return like._xp.where(condition, x, y)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        (condition,) = ctx.saved_tensors  # (checked: freed, or changed in place; a tensor,
        # so the gradients are laid out as the condition first, see result_layout)
        grad_b = Where.apply(0.0, grad, condition) if ctx.needs_input_grad[1] else None
        grad_a = Where.apply(grad, 0.0, condition) if ctx.needs_input_grad[0] else None
        return grad_a, grad_b, None  # (b's first: PyTorch's order, see `Mul`)


class Maximum(Function):
    """out = max(a, b) elementwise

    ∂out/∂a = 1 where a > b, ½ where a == b, 0 elsewhere (and the mirror image for b)
    """

    node_name = "MaximumBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    pick = staticmethod(lambda x, y: x > y)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        check_same_device(a, b)
        ctx.save_for_backward(a, b)
        x, y = arrays(a, b)
        return zero_ties(backend.module_of(y).maximum(x, y), x, y)  # (PyTorch's ±0 ties)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors

        def split() -> Tensor:
            """Ties share the gradient (C++'s grad / 2: a division by a number,
            DivBackward1), laid out as the condition a == b (where's first operand)."""
            return Where.apply(DivNumber.apply(grad, 2), grad, a == b)

        # PyTorch's formulas, one per input: ``where(...).masked_fill_(...)``, in place
        # (b's first: PyTorch's order, see `Mul`)
        grad_b = split().masked_fill_(cls.pick(a, b), 0) if ctx.needs_input_grad[1] else None
        grad_a = split().masked_fill_(cls.pick(b, a), 0) if ctx.needs_input_grad[0] else None
        return grad_a, grad_b


class Minimum(Maximum):
    """out = min(a, b) elementwise

    ∂out/∂a = 1 where a < b, ½ where a == b, 0 elsewhere (and the mirror image for b)
    """

    node_name = "MinimumBackward0"
    pick = staticmethod(lambda x, y: x < y)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        check_same_device(a, b)
        ctx.save_for_backward(a, b)
        x, y = arrays(a, b)
        return zero_ties(backend.module_of(y).minimum(x, y), x, y)  # (PyTorch's ±0 ties)


class ClampTensor(Function):
    """out = min(max(x, low), high) with tensor bounds (either may be None), broadcast

    grad_x = grad where low ≤ x ≤ high;  grad_low = grad where x < low (and low < high);
    grad_high = grad where x > high (or high < low: high wins), each summed to its shape
    """

    node_name = "ClampBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    kernel = "clamp_Tensor"  # PyTorch's name for it, in its device error
    optional_inputs = (1, 2)
    saved_tensor_names: tuple[str | None, ...] = ("self", "min", "max")

    @staticmethod
    def forward(ctx: Any, x: Tensor, low: Tensor | None, high: Tensor | None) -> Any:
        bounds = [b for b in (low, high) if b is not None]
        check_argument_devices(ctx._function.kernel, self=x, min=low, max=high)
        for bound in bounds:
            if bound._data.shape != x._data.shape:
                check_broadcast(x._data.shape, bound._data.shape)
        dtype = common_dtype(x, *bounds).numpy
        if dtype.kind == "b" and len(bounds) == 2:  # (one bound: PyTorch's maximum/minimum)
            raise kernel_error(f"clamp_{x.device.type}", dtypes.bool_)
        ctx.save_for_backward(x, low, high)
        xp = x._xp
        data = out = x._data.astype(dtype, copy=False)
        if low is not None:
            out = xp.maximum(out, low._data.astype(dtype, copy=False))
        if high is not None:
            out = xp.minimum(out, high._data.astype(dtype, copy=False))
        return keep_ties(xp, data, out)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, Any]:
        x, low, high = ctx.saved_tensors
        keep = None
        if low is not None:
            keep = x >= low
        if high is not None:
            keep = x <= high if keep is None else keep & (x <= high)
        grad_low = grad_high = None  # (the bounds' first: PyTorch's order, see `Mul`)
        if low is not None and ctx.needs_input_grad[1]:
            below = x < low if high is None else (x < low) & (low < high)
            grad_low = sum_to(grad.where(below, 0.0), low.shape)
        if high is not None and ctx.needs_input_grad[2]:
            above = x > high if low is None else (x > high) | (high < low)
            grad_high = sum_to(grad.where(above, 0.0), high.shape)
        grad_x = sum_to(grad.where(keep, 0.0), x.shape) if ctx.needs_input_grad[0] else None
        return grad_x, grad_low, grad_high


class ClampMinTensor(ClampTensor):
    """out = max(x, low)   (``clamp_min`` with a tensor)      grad_x = grad where x ≥ low"""

    node_name = "ClampMinBackward1"
    optional_inputs = ()  # (the missing bound is no input: PyTorch's node has two edges)
    kernel = "clamp_min_Tensor"
    saved_tensor_names = ("self", "min", None)


class ClampMaxTensor(ClampTensor):
    """out = min(x, high)   (``clamp_max`` with a tensor)      grad_x = grad where x ≤ high"""

    node_name = "ClampMaxBackward1"
    optional_inputs = ()  # (the missing bound is no input: PyTorch's node has two edges)
    kernel = "clamp_max_Tensor"
    saved_tensor_names = ("self", None, "max")
