"""``angle``: the argument of a number in the complex plane; for the kit's real numbers,
π for negative values and 0 otherwise (NaN stays NaN)."""

from __future__ import annotations

import math
from typing import Any

from . import dtypes
from .function import Function
from .ops.operands import zero_gradient
from .tensor import Tensor


class Angle(Function):
    """y = angle(x) = π if x < 0 else 0     dy/dx = 0 (for real x)"""

    node_name = "AngleBackward0"
    saved_tensor_names = ("self",)

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        xp, data = x._xp, x._data
        kind = x.dtype if x.dtype.is_floating_point else dtypes.get_default_dtype()
        ctx.save_for_backward(x)
        values = xp.where(data < 0, math.pi, 0.0)
        values = xp.where(xp.isnan(data), data, values) if data.dtype.kind == "f" else values
        return values.astype(kind.numpy)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        ctx.saved_tensors  # noqa: B018  (checked, as PyTorch: freed, or changed in place)
        return zero_gradient(grad)


def angle(input: Tensor) -> Tensor:  # noqa: A002
    """The argument of each value: π for negative values, 0 otherwise."""
    return Angle.apply(input)
