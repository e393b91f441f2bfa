"""Elementwise functions of ``torch.special`` (and a few of ``torch``) that had no rule yet:
the normal distribution's ndtri and log_ndtr, erfcx, entr, xlog1py, sinc (deg2rad and
rad2deg live in pointwise_extra.py).

    ndtri(p) = Φ⁻¹(p)                 d/dp = √(2π) · e^(y²/2)          (y = ndtri(p))
    log_ndtr(x) = ln Φ(x)             d/dx = φ(x)/Φ(x) = e^(-x²/2 - log_ndtr(x)) / √(2π)
    erfcx(x) = e^(x²) erfc(x)         d/dx = 2x · erfcx(x) - 2/√π
    entr(x) = -x ln x  (0 at 0)       d/dx = -(1 + ln x)
    xlog1py(x, y) = x · ln(1 + y)     ∂/∂x = ln(1 + y)  (0 where x = 0, y ≤ -1),  ∂/∂y = x/(1 + y)
    sinc(x) = sin(πx)/(πx)  (1 at 0)  d/dx = (πx cos πx - sin πx) / (πx²)  (0 at 0)

Φ is the standard normal distribution function, Φ(x) = ½ erfc(-x/√2), φ its density.
"""

from __future__ import annotations

import math
from typing import Any

from ..function import Function
from ..tensor import Tensor
from .arithmetic import AddNumber, DivNumber, MulNumber, SubNumber
from .gamma_rules import by_number_position, two_operand_arrays
from .hyperbolic import erfc_array
from .preserved_layout import operands_layout
from .unary import Elementwise, ElementwiseXY, half_in_float32

_ROOT_PI = math.sqrt(math.pi)
_ROOT_2PI = math.sqrt(2 * math.pi)


def _erfc_fraction(z: Any, xp: Any) -> Any:
    """The continued fraction z + ½/(z + 1/(z + 3⁄2/(z + …))), with erfc(z) = e^(-z²)/(√π ·
    fraction) for z ≥ 3."""
    fraction = z
    for k in range(60, 0, -1):
        fraction = z + (k / 2) / fraction
    return fraction


def log_erfc_array(z: Any, xp: Any) -> Any:
    """ln erfc(z) in float64, keeping its digits where erfc(z) underflows (z > 3)."""
    big = xp.maximum(z, 3.0)
    tail = -big * big - xp.log(_ROOT_PI * _erfc_fraction(big, xp))
    return xp.where(z > 3.0, tail, xp.log(erfc_array(xp.minimum(z, 3.0), xp)))


def log_ndtr_array(data: Any, xp: Any) -> Any:
    """ln Φ(x) = ln(½ erfc(-x/√2)); for x > 0 as ln(1 - Φ(-x)) (log1p keeps its digits)."""
    x = data.astype("float64")
    lower = log_erfc_array(-x / math.sqrt(2), xp) - math.log(2)
    upper = xp.log1p(-0.5 * erfc_array(xp.maximum(x, 0.0) / math.sqrt(2), xp))
    return xp.where(x < 0, lower, upper).astype(data.dtype, copy=False)


def ndtri_array(data: Any, xp: Any) -> Any:
    """Φ⁻¹(p) by Newton's method on ln Φ(x) = ln q, q = min(p, 1 - p) (ln Φ is concave and
    increasing, so steps from x₀ = -√(-2 ln q) - 1, left of the root, rise to it), then
    Φ⁻¹(p) = -Φ⁻¹(1 - p) above ½. -inf at 0, inf at 1, nan outside [0, 1]."""
    p = data.astype("float64")
    inside = (p > 0) & (p < 1)
    q = xp.where(inside, xp.minimum(p, 1.0 - p), 0.5)
    target = xp.log(q)
    x = -xp.sqrt(-2 * target) - 1.0
    for _ in range(12):
        log_cdf = log_ndtr_array(x, xp)
        slope = xp.exp(-x * x / 2 - log_cdf) / _ROOT_2PI  # d ln Φ / dx = φ/Φ
        x = x - (log_cdf - target) / slope
    x = xp.where(p < 0.5, x, xp.where(p == 0.5, 0.0, -x))
    x = xp.where(p == 0, -math.inf, xp.where(p == 1, math.inf, x))
    x = xp.where(inside | (p == 0) | (p == 1), x, math.nan)
    return x.astype(data.dtype, copy=False)


def erfcx_array(data: Any, xp: Any) -> Any:
    """e^(x²) erfc(x): 1/(√π · fraction) for x > 3, where both factors would over/underflow."""
    x = data.astype("float64")
    big = xp.maximum(x, 3.0)
    small = xp.minimum(x, 3.0)
    out = xp.where(x > 3.0, 1.0 / (_ROOT_PI * _erfc_fraction(big, xp)),
                   xp.exp(small * small) * erfc_array(small, xp))
    return out.astype(data.dtype, copy=False)


def _entr_array(xp: Any, x: Any) -> Any:
    safe = xp.where(x > 0, x, 1)
    out = xp.where(x > 0, -x * xp.log(safe), xp.where(x == 0, 0, -math.inf))
    return xp.where(xp.isnan(x), x, out).astype(x.dtype, copy=False)


def _sinc_array(xp: Any, x: Any) -> Any:
    safe = xp.where(x == 0, 1, x) * math.pi
    return xp.where(x == 0, 1, xp.sin(safe) / safe).astype(x.dtype, copy=False)


class Ndtri(Elementwise):
    """y = Φ⁻¹(p)      dy/dp = √(2π) · e^(y²/2)"""

    node_name = "SpecialNdtriBackward0"
    uses = "y"
    compute = staticmethod(lambda xp, x: ndtri_array(x, xp))
    derivative = staticmethod(lambda y: _ROOT_2PI * (y * y / 2).exp())

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        """(grad · √(2π)) · exp(y² / 2), PyTorch's grouping."""
        (y,) = ctx.saved_tensors
        growth = DivNumber.apply(y.square(), 2).exp()  # (first: C++ evaluates a product's
        return MulNumber.apply(grad, _ROOT_2PI) * growth  # right operand first)


class LogNdtr(ElementwiseXY):
    """y = ln Φ(x)      dy/dx = e^(-x²/2 - y) / √(2π)"""

    node_name = "SpecialLogNdtrBackward0"
    compute = staticmethod(lambda xp, x: log_ndtr_array(x, xp))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        """(grad / √(2π)) · exp(-(y + x² / 2)), PyTorch's grouping."""
        x, y = ctx.saved_tensors
        decay = (y + DivNumber.apply(x.pow(2), 2)).neg().exp()  # (first: C++ evaluates a
        return DivNumber.apply(grad, _ROOT_2PI) * decay  # product's right operand first)


class Erfcx(ElementwiseXY):
    """y = e^(x²) erfc(x)      dy/dx = 2x · y - 2/√π"""

    node_name = "SpecialErfcxBackward0"
    compute = staticmethod(lambda xp, x: erfcx_array(x, xp))
    derivative_first = True  # (PyTorch: (2x · y - 2/√π) · grad)
    derivative = staticmethod(
        lambda x, y: SubNumber.apply(MulNumber.apply(x, 2.0) * y, 2 / _ROOT_PI))


class Entr(Elementwise):
    """y = -x ln x  (0 at 0, -inf below)      dy/dx = -(1 + ln x)"""

    node_name = "SpecialEntrBackward0"
    compute = staticmethod(_entr_array)
    derivative = staticmethod(lambda x: -AddNumber.apply(x.log(), 1))  # (C++ 1 + log x)


class Sinc(Elementwise):
    """y = sin(πx)/(πx)  (1 at 0)      dy/dx = (πx cos πx - sin πx) / (πx²)  (0 at 0)"""

    node_name = "SincBackward0"
    compute = staticmethod(half_in_float32(_sinc_array))

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        """As PyTorch's sinc_backward: where(πx² = 0, 0, grad · ((πx cos πx - sin πx) / πx²))
        (so a second derivative at 0 is NaN there too)."""
        from . import where

        (x,) = ctx.saved_tensors
        # (C++ x * M_PI: MulBackward1)
        angle, squared = MulNumber.apply(x, math.pi), MulNumber.apply(x * x, math.pi)
        sine = angle.sin()  # (first: C++ evaluates πx cos πx - sin πx's right operand first)
        out = grad * ((angle * angle.cos() - sine) / squared)
        return where(squared == 0.0, 0.0, out)


class Xlog1py(Function):
    """out = x · ln(1 + y)   (0 where x = 0, unless y is NaN)

    ∂out/∂x = ln(1 + y)  (0 where x = 0 and y ≤ -1),   ∂out/∂y = x / (1 + y)
    """

    node_name = "SpecialXlog1PyBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, x: Any, y: Any) -> Any:
        ctx.save_for_backward(x, y)
        xp, a, b = two_operand_arrays(x, y)
        out = a * xp.log1p(b)
        return xp.where((a == 0) & ~xp.isnan(b), 0, out).astype(out.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        x, y = ctx.saved_tensors
        needs_x, needs_y = ctx.needs_input_grad
        grad_x = grad_y = None
        if needs_y:  # (y's first, see `Mul`; C++'s y + 1 (AddBackward1) before grad * x)
            shifted = AddNumber.apply(y, 1)
            grad_y = grad * x / shifted
        if needs_x:
            grad_x = xlog1py(grad, y).masked_fill((x == 0) & (y <= -1), 0)
        return grad_x, grad_y


xlog1py = by_number_position(Xlog1py, "SpecialXlog1PyBackward1", "SpecialXlog1PyBackward2")
