"""More elementwise functions: fmax, fmin (maximum/minimum that skip NaN), deg2rad, rad2deg,
float_power (pow in float64).

fmax and fmin pick one input at each position, so the gradient goes to whichever was
picked; deg2rad and rad2deg multiply by a constant; float_power is pow on float64 copies
(recorded as ToCopyBackward0 then PowBackward*, as in PyTorch).
"""

from __future__ import annotations

import math
from typing import Any

from .. import dtypes
from ..function import Function
from ..tensor import Tensor
from .operands import arrays, as_operand, check_same_device
from .pointwise_more import _two_tensors
from .preserved_layout import operands_layout, tensors_layout
from .unary import float_array


class Fmax(Function):
    """out = max(a, b), but the other value where one of them is NaN

    ∂out/∂a = 1 where a ≥ b or b is NaN (ties go to a), else 0;   ∂out/∂b = the rest
    →  grad_a = grad where (a ≥ b or isnan(b)), else 0;  grad_b = 0 there, else grad
    """

    node_name = "FmaxBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    how = "fmax"
    picks_a = staticmethod(lambda a, b: a >= b)

    @classmethod
    def forward(cls, ctx: Any, a: Tensor, b: Tensor) -> Any:
        check_same_device(a, b)
        ctx.save_for_backward(a, b)
        x, y = arrays(a, b)
        out = getattr(a._xp, cls.how)(x, y)
        if x.dtype == y.dtype == out.dtype and out.dtype.kind == "f":  # ties (+0, -0) give a
            out = a._xp.where(x == y, x, out)
        return out

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        to_a = cls.picks_a(a, b) | b.isnan()
        needs_a, needs_b = ctx.needs_input_grad
        grad_b = grad.masked_fill(to_a, 0) if needs_b else None  # (b's first: see `Mul`)
        return grad.masked_fill(~to_a, 0) if needs_a else None, grad_b


class Fmin(Fmax):
    """out = min(a, b), but the other value where one of them is NaN

    ∂out/∂a = 1 where a ≤ b or b is NaN (ties go to a), else 0;   ∂out/∂b = the rest
    """

    node_name = "FminBackward0"
    how = "fmin"
    picks_a = staticmethod(lambda a, b: a <= b)


class Scale(Function):
    """out = x · factor   (integers give the default float type)

    ∂out/∂x = factor   →  grad_x = grad · factor
    """

    factor = 1.0
    result_layout = staticmethod(tensors_layout)  # (x's, as TensorIterator lays it out)

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        data = float_array(x._data)
        return data * data.dtype.type(cls.factor)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        return grad * cls.factor


class Deg2Rad(Scale):
    """out = x · π/180      ∂out/∂x = π/180"""

    node_name = "Deg2RadBackward0"
    factor = math.pi / 180


class Rad2Deg(Scale):
    """out = x · 180/π      ∂out/∂x = 180/π"""

    node_name = "Rad2DegBackward0"
    factor = 180 / math.pi


# ---- the functions -------------------------------------------------------------------------

def fmax(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002 - PyTorch's argument names
    """The larger value at each position, ignoring NaN where only one value is NaN."""
    return Fmax.apply(*_two_tensors("fmax", input, other))


def fmin(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """The smaller value at each position, ignoring NaN where only one value is NaN."""
    return Fmin.apply(*_two_tensors("fmin", input, other))


def deg2rad(input: Tensor) -> Tensor:  # noqa: A002
    return Deg2Rad.apply(input)


def rad2deg(input: Tensor) -> Tensor:  # noqa: A002
    return Rad2Deg.apply(input)


def float_power(input: Any, exponent: Any) -> Tensor:  # noqa: A002
    """input ** exponent computed in float64: tensors are copied to float64 first
    (ToCopyBackward0, where their dtype differs), numbers taken as floats."""
    from . import pow as power

    input, exponent = as_operand(input), as_operand(exponent)
    if not isinstance(input, Tensor) and not isinstance(exponent, Tensor):
        got = f"({type(input).__name__}, {type(exponent).__name__})"
        raise TypeError(
            f"float_power() received an invalid combination of arguments - got {got}, but "
            "expected one of:\n * (Tensor input, Tensor exponent, *, Tensor out = None)\n"
            " * (Number self, Tensor exponent, *, Tensor out = None)\n"
            " * (Tensor input, Number exponent, *, Tensor out = None)\n")
    return power(*(v.to(dtypes.float64) if isinstance(v, Tensor) else float(v)
                   for v in (input, exponent)))


def float_power_(x: Tensor, exponent: Any) -> Tensor:
    """``x.float_power_(e)``: only a float64 x can hold the result."""
    if x.dtype != dtypes.float64:
        raise RuntimeError(f"the base given to float_power_ has dtype "
                           f"{dtypes.scalar_type_word(x.dtype.name)} but the operation's result "
                           "requires dtype Double")
    exponent = as_operand(exponent)
    return x.pow_(exponent.to(dtypes.float64) if isinstance(exponent, Tensor)
                  else float(exponent))

