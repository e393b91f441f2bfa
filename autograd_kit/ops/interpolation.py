"""Linear interpolation: lerp(start, end, weight) = start + weight · (end - start)."""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor
from .broadcast import unbroadcast
from .operands import arrays, check_same_device, shape_of


class Lerp(Function):
    """out = start + w · (end - start)   (w a number)

    ∂out/∂start = 1 - w,  ∂out/∂end = w
    """

    node_name = "LerpBackward0"

    @staticmethod
    def forward(ctx: Any, start: Tensor, end: Tensor, weight: Any) -> Any:
        check_same_device(start, end)
        ctx.weight = weight
        ctx.shapes = shape_of(start), shape_of(end)
        x, y = arrays(start, end)
        return x + weight * (y - x)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        w = ctx.weight
        shape_start, shape_end = ctx.shapes
        grad_start = unbroadcast(ctx, 0, grad * (1 - w), shape_start)
        grad_end = unbroadcast(ctx, 1, grad * w, shape_end)
        return grad_start, grad_end, None


class LerpTensor(Function):
    """out = start + w · (end - start)   (w a tensor)

    ∂out/∂start = 1 - w,  ∂out/∂end = w,  ∂out/∂w = end - start
    """

    node_name = "LerpBackward1"

    @staticmethod
    def forward(ctx: Any, start: Tensor, end: Tensor, weight: Tensor) -> Any:
        check_same_device(start, end)
        check_same_device(start, weight)
        ctx.save_for_backward(start, end, weight)
        x, y = arrays(start, end)
        return x + weight._data * (y - x)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, Any]:
        start, end, w = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_start = grad * (1 - w) if needs[0] else None
        grad_end = grad * w if needs[1] else None
        grad_w = grad * (end - start) if needs[2] else None
        return (unbroadcast(ctx, 0, grad_start, start.shape),
                unbroadcast(ctx, 1, grad_end, end.shape),
                unbroadcast(ctx, 2, grad_w, w.shape))
