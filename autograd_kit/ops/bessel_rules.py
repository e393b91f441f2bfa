"""Modified Bessel functions of the first kind, orders 0 and 1, plain and scaled by e^(-|x|)
(``torch.i0``, ``torch.special.i0e / i1 / i1e``), without SciPy.

    i0(x) = I₀(x)                 d/dx = I₁(x)
    i0e(x) = e^(-|x|) I₀(x)       d/dx = i1e(x) - sign(x) · i0e(x)
    i1(x) = I₁(x)                 d/dx = I₀(x) - I₁(x)/x         (½ at 0)
    i1e(x) = e^(-|x|) I₁(x)       d/dx = i0e(x) - i1e(x) · (sign(x) + 1/x)   (½ at 0)

Values: the power series Iᵥ(x) = Σₖ (x/2)^(2k+ν) / (k! (k+ν)!) for |x| < 20, and beyond it
the asymptotic series e^(-x) Iᵥ(x) ≈ 1/√(2πx) · Σₖ (-1)ᵏ Πⱼ₌₁ᵏ (4ν² - (2j-1)²) / (k! (8x)ᵏ),
both in float64 (about 1e-15 relative).
"""

from __future__ import annotations

import math
from typing import Any

from ..tensor import Tensor
from .unary import Elementwise, ElementwiseXY

_SERIES_LIMIT = 20.0


def scaled_bessel_array(order: int, data: Any, xp: Any) -> Any:
    """e^(-|x|) Iᵥ(|x|) for ν = ``order`` (0 or 1), in float64."""
    x = xp.abs(data.astype("float64"))
    small = xp.minimum(x, _SERIES_LIMIT)
    quarter = small * small / 4
    term = (small / 2) ** order
    series = term
    for k in range(1, 90):
        term = term * quarter / (k * (k + order))
        series = series + term
    series = series * xp.exp(-small)
    big = xp.maximum(x, _SERIES_LIMIT)
    mu = 4.0 * order * order
    term = xp.ones(x.shape)
    tail = term
    for k in range(1, 40):
        term = term * -(mu - (2 * k - 1) ** 2) / (k * 8 * big)
        tail = tail + term
    tail = tail / xp.sqrt(2 * math.pi * big)
    return xp.where(x < _SERIES_LIMIT, series, tail)


def bessel_array(order: int, scaled: bool, data: Any, xp: Any) -> Any:
    """Iᵥ(x) (or e^(-|x|) Iᵥ(x) when ``scaled``) in the input's float type; I₁ is odd."""
    out = scaled_bessel_array(order, data, xp)
    if not scaled:
        out = out * xp.exp(xp.abs(data.astype("float64")))
    if order == 1:
        out = xp.where(data < 0, -out, out)
    return out.astype(data.dtype, copy=False)


class I0(Elementwise):
    """y = I₀(x)      dy/dx = I₁(x)"""

    node_name = "I0Backward0"
    compute = staticmethod(lambda xp, x: bessel_array(0, False, x, xp))
    derivative = staticmethod(lambda x: I1.apply(x))


class I0e(ElementwiseXY):
    """y = e^(-|x|) I₀(x)      dy/dx = i1e(x) - sgn(x) · y"""

    node_name = "SpecialI0EBackward0"
    compute = staticmethod(lambda xp, x: bessel_array(0, True, x, xp))

    @staticmethod
    def derivative(x: Tensor, y: Tensor) -> Tensor:
        correction = x.sgn() * y  # (PyTorch: sgn; first, as C++ evaluates a - b's right
        return I1e.apply(x) - correction  # operand first, so its nodes come first)


def _near_zero_guarded(x: Tensor, slope: Any) -> Tensor:
    """PyTorch's i1 / i1e backward guard: the slope formula evaluated at x (at eps where
    |x| ≤ eps), then ½, the limit at 0, put back there with a where."""
    from . import where

    eps = float(x._xp.finfo(x._data.dtype).eps)
    not_tiny = x.abs() > eps
    safe = where(not_tiny, x, Tensor._make(x._xp.asarray(eps, x._data.dtype)))
    return where(not_tiny, slope(safe), Tensor._make(x._xp.asarray(0.5, x._data.dtype)))


class I1(ElementwiseXY):
    """y = I₁(x)      dy/dx = I₀(x) - I₁(x)/x   (½ at x = 0)"""

    node_name = "SpecialI1Backward0"
    compute = staticmethod(lambda xp, x: bessel_array(1, False, x, xp))

    @staticmethod
    def derivative(x: Tensor, y: Tensor) -> Tensor:
        def slope(safe: Tensor) -> Tensor:
            over_x = y * safe.reciprocal()  # (first: C++ evaluates a - b's right operand
            return I0.apply(safe) - over_x  # first, so its nodes come first)

        return _near_zero_guarded(x, slope)


class I1e(ElementwiseXY):
    """y = e^(-|x|) I₁(x)      dy/dx = i0e(x) - y · (sign(x) + 1/x)   (½ at x = 0)"""

    node_name = "SpecialI1EBackward0"
    compute = staticmethod(lambda xp, x: bessel_array(1, True, x, xp))

    @staticmethod
    def derivative(x: Tensor, y: Tensor) -> Tensor:
        def slope(safe: Tensor) -> Tensor:
            reciprocal = safe.reciprocal()  # (C++'s order: right operands first, see `I1`)
            correction = y * (safe.sgn() + reciprocal)
            return I0e.apply(safe) - correction

        return _near_zero_guarded(x, slope)
