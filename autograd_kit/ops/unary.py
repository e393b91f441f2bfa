"""Elementwise functions of one tensor: exp, log, sqrt, sin, cos, tanh, sigmoid, relu, abs, clamp.

Each rule multiplies the arriving gradient by the function's derivative at the input (or,
where it is cheaper, at the saved output: exp, tanh and sigmoid reuse what forward computed).
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor


def float_data(a: Tensor) -> Any:
    """Integer inputs to exp, log, … compute in the default float type, as in PyTorch."""
    data = a._data
    return data if data.dtype.kind in "fc" else data.astype("float32")


class Exp(Function):
    """y = exp(x)      dy/dx = exp(x) = y   →  grad_x = grad * y"""

    node_name = "ExpBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        y = x._xp.exp(float_data(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return grad * y


class Log(Function):
    """y = ln(x)       dy/dx = 1/x   →  grad_x = grad / x"""

    node_name = "LogBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        ctx.save_for_backward(x)
        return x._xp.log(float_data(x))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        return grad / x


class Sqrt(Function):
    """y = √x          dy/dx = 1/(2√x) = 1/(2y)   →  grad_x = grad / (2 * y)"""

    node_name = "SqrtBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        y = x._xp.sqrt(float_data(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return grad / (2 * y)


class Sin(Function):
    """y = sin(x)      dy/dx = cos(x)   →  grad_x = grad * cos(x)"""

    node_name = "SinBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        ctx.save_for_backward(x)
        return x._xp.sin(float_data(x))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        return grad * x.cos()


class Cos(Function):
    """y = cos(x)      dy/dx = -sin(x)   →  grad_x = -grad * sin(x)"""

    node_name = "CosBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        ctx.save_for_backward(x)
        return x._xp.cos(float_data(x))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        return -grad * x.sin()


class Tanh(Function):
    """y = tanh(x)     dy/dx = 1 - tanh²(x) = 1 - y²   →  grad_x = grad * (1 - y²)"""

    node_name = "TanhBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        y = x._xp.tanh(float_data(x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return grad * (1 - y * y)


class Sigmoid(Function):
    """y = σ(x) = 1 / (1 + e^(-x))      dy/dx = σ(x)(1 - σ(x)) = y(1 - y)"""

    node_name = "SigmoidBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        xp, data = x._xp, float_data(x)
        # Written so that neither branch overflows: e^(-|x|) is at most 1.
        e = xp.exp(-xp.abs(data))
        y = xp.where(data >= 0, 1 / (1 + e), e / (1 + e)).astype(data.dtype, copy=False)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return grad * y * (1 - y)


class Relu(Function):
    """y = max(x, 0)   dy/dx = 1 where x > 0, else 0   →  grad_x = grad * (y > 0)"""

    node_name = "ReluBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        y = x._xp.maximum(x._data, 0).astype(x._data.dtype, copy=False)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return grad * (y > 0)


class Abs(Function):
    """y = |x|         dy/dx = sign(x)   (0 at x = 0)   →  grad_x = grad * sign(x)"""

    node_name = "AbsBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        ctx.save_for_backward(x)
        return x._xp.abs(x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        return grad * x.sign()


class Sign(Function):
    """y = sign(x)     dy/dx = 0 (almost everywhere)"""

    node_name = "SignBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        return x._xp.sign(x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return grad * 0


class Reciprocal(Function):
    """y = 1/x         dy/dx = -1/x² = -y²   →  grad_x = -grad * y²"""

    node_name = "ReciprocalBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        y = 1 / float_data(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return -grad * y * y


class Clamp(Function):
    """y = min(max(x, low), high)      dy/dx = 1 where low ≤ x ≤ high, else 0"""

    node_name = "ClampBackward1"

    @staticmethod
    def forward(ctx: Any, x: Tensor, low: Any, high: Any) -> Any:
        if low is None and high is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        ctx.save_for_backward(x)
        ctx.low, ctx.high = low, high
        out = x._xp.clip(x._data, low, high)
        return out.astype(x._data.dtype, copy=False) if x.dtype.is_floating_point else out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        (x,) = ctx.saved_tensors
        inside = x == x  # all True, then narrowed by each bound that is given
        if ctx.low is not None:
            inside = inside & (x >= ctx.low)
        if ctx.high is not None:
            inside = inside & (x <= ctx.high)
        return grad * inside, None, None
