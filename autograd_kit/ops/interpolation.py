"""Linear interpolation: lerp(start, end, weight) = start + weight · (end - start)."""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..tensor import Tensor
from .cpp_numbers import number_minus, times_number
from .operands import arrays, check_same_device, common_dtype, kernel_error
from .preserved_layout import operands_layout, tensors_layout


def check_lerp(start: Tensor, end: Tensor, weight: Any) -> None:
    """PyTorch's checks: end (and a weight tensor of 1 or more dimensions) in start's own
    dtype, a floating one."""
    named = [("end", end)] + ([("weight", weight)] if isinstance(weight, Tensor) and weight.ndim
                              else [])
    for name, t in named:
        if t.dtype != start.dtype:
            word = dtypes.C_TYPES.get
            raise RuntimeError(f"expected dtype {word(start.dtype.name)} for `{name}` but got "
                               f"dtype {word(t.dtype.name)}")
    if not start.dtype.is_floating_point:
        how = "tensor" if isinstance(weight, Tensor) else "scalar"
        raise kernel_error(f"lerp_kernel_{how}", start.dtype)


class Lerp(Function):
    """out = start + w · (end - start)   (w a number)

    ∂out/∂start = 1 - w,  ∂out/∂end = w   (products with a number, as PyTorch's C++ rule
    records them: MulBackward1)
    """

    node_name = "LerpBackward0"
    result_layout = tensors_layout  # (its operands' layout; the weight is no operand)
    saved_options: dict[str, Any] = {"weight": None}

    @staticmethod
    def forward(ctx: Any, start: Tensor, end: Tensor, weight: Any) -> Any:
        check_same_device(start, end)
        check_lerp(start, end, weight)
        ctx.weight = weight
        x, y = arrays(start, end)
        if type(x) is not numpy.ndarray:
            return x + weight * (y - x)
        from ..optim._fused import lerp_  # (PyTorch's two fused forms, by the weight's size)

        half = x.dtype == numpy.float16  # (PyTorch computes float16 in float32, weight too)
        if half:
            x, y = x.astype(numpy.float32), y.astype(numpy.float32)
        out = numpy.broadcast_to(x, numpy.broadcast_shapes(x.shape, y.shape)).copy()
        lerp_(out, y, weight)
        return out.astype(numpy.float16) if half else out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        w = ctx.weight
        needs = ctx.needs_input_grad
        grad_end = times_number(grad, w) if needs[1] else None  # (end's first: see `Mul`)
        return times_number(grad, 1 - w) if needs[0] else None, grad_end, None


class LerpTensor(Function):
    """out = start + w · (end - start)   (w a tensor)

    ∂out/∂start = 1 - w,  ∂out/∂end = w,  ∂out/∂w = end - start   (1 - w as C++ writes it:
    SubBackward0)
    """

    node_name = "LerpBackward1"
    result_layout = operands_layout  # (its operands' layout, see Function)
    saved_tensor_names = ("self", "end", "weight")  # (PyTorch's _saved_end, _saved_weight)

    @staticmethod
    def forward(ctx: Any, start: Tensor, end: Tensor, weight: Tensor) -> Any:
        check_same_device(start, end)
        check_same_device(start, weight)
        check_lerp(start, end, weight)
        for_w = ctx.needs_input_grad[2]  # (start and end: kept only for w's gradient)
        ctx.save_for_backward(start if for_w else None, end if for_w else None, weight)
        dtype = common_dtype(start, end, weight).numpy  # (a 0-dim weight of another dtype)
        x, y, w = (v.astype(dtype, copy=False) for v in (*arrays(start, end), weight._data))
        if type(x) is not numpy.ndarray:
            return x + w * (y - x)
        from ..optim._fused import lerp  # (PyTorch's two fused forms, element by element)

        half = x.dtype == numpy.float16  # (PyTorch computes float16 in float32)
        if half:
            x, y, w = (v.astype(numpy.float32) for v in (x, y, w))
        out = lerp(x, y, w)
        return out.astype(numpy.float16) if half else out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, Any]:
        start, end, w = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_end = grad * w if needs[1] else None  # (end's first, PyTorch's order: see `Mul`)
        grad_start = grad * number_minus(1, w) if needs[0] else None
        grad_w = grad * (end - start) if needs[2] else None
        return grad_start, grad_end, grad_w
