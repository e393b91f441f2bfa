"""Linear interpolation: lerp(start, end, weight) = start + weight · (end - start)."""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor
from .operands import arrays, check_same_device


class Lerp(Function):
    """out = start + w · (end - start)   (w a number)

    ∂out/∂start = 1 - w,  ∂out/∂end = w
    """

    node_name = "LerpBackward0"

    @staticmethod
    def forward(ctx: Any, start: Tensor, end: Tensor, weight: Any) -> Any:
        check_same_device(start, end)
        ctx.weight = weight
        x, y = arrays(start, end)
        return x + weight * (y - x)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        w = ctx.weight
        needs = ctx.needs_input_grad
        return grad * (1 - w) if needs[0] else None, grad * w if needs[1] else None, None


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
        return grad_start, grad_end, grad_w
