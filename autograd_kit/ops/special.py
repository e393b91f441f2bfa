"""More elementwise functions: log1p, expm1, exp2, rsqrt, erf.

log1p and expm1 stay accurate near 0, where ``log(1 + x)`` and ``exp(x) - 1`` lose digits.
erf is computed here without SciPy: a power series for |x| ≤ 3 and a continued fraction for
the tail beyond (both accurate to ~1e-15 in float64); a NumPy float64 array takes the C
library's erf instead, as PyTorch's CPU float64 erf agrees with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy

from .arithmetic import AddNumber, MulNumber
from .sleef_float32 import cpu_float32, rounded_once
from .unary import Elementwise, half_in_float32


class Log1p(Elementwise):
    """y = ln(1 + x)      dy/dx = 1 / (1 + x)   →  grad_x = grad / (x + 1)"""

    node_name = "Log1PBackward0"
    compute = staticmethod(lambda xp, x: cpu_float32("log1p", xp, x, lambda xp, x: xp.log1p(x)))
    divisor = staticmethod(lambda x: AddNumber.apply(x, 1))  # (PyTorch's C++ x + 1)


class Expm1(Elementwise):
    """y = eˣ - 1      dy/dx = eˣ = y + 1"""

    node_name = "Expm1Backward0"
    uses = "y"
    compute = staticmethod(rounded_once("expm1"))
    derivative = staticmethod(lambda y: AddNumber.apply(y, 1))


class Exp2(Elementwise):
    """y = 2ˣ      dy/dx = 2ˣ · ln 2 = y · ln 2"""

    node_name = "Exp2Backward0"
    uses = "y"
    compute = staticmethod(rounded_once("exp2"))

    @staticmethod
    def backward(ctx: Any, grad: Any) -> Any:
        """(grad · y) · ln 2, in PyTorch's order: under create_graph the last node is the
        product with a number (MulBackward1)."""
        (y,) = ctx.saved_tensors
        return MulNumber.apply(grad * y, math.log(2.0))


class Rsqrt(Elementwise):
    """y = 1/√x      dy/dx = -½ x^(-3/2) = -½ y³"""

    node_name = "RsqrtBackward0"
    uses = "y"
    compute = staticmethod(half_in_float32(lambda xp, x: 1 / xp.sqrt(x)))
    derivative = staticmethod(lambda y: -0.5 * y * y * y)

    @staticmethod
    def backward(ctx: Any, grad: Any) -> Any:
        """(-½ grad) · y³, PyTorch's grouping, y³ first (C++ evaluates the right operand of
        ``-0.5 * grad * result.pow(3)`` first: its nodes come first under create_graph)."""
        (y,) = ctx.saved_tensors
        cube = y.pow(3)
        return MulNumber.apply(grad, -0.5) * cube


def libm_float64(function: Callable[[float], float], data: Any) -> Any:
    """``function`` (the C library's ``math.erf``, ``math.erfc``) on each value of a float64
    array: PyTorch's CPU float64 erf and erfc agree with it to the last bit for about 97%
    and 82% of values; the series below is only accurate to ~1e-15 (several bits)."""
    return numpy.asarray(numpy.frompyfunc(function, 1, 1)(data), dtype=numpy.float64)


def erf_float(xp: Any, data: Any) -> Any:
    """erf for `Erf`: the C library's for a NumPy float64 array, else `erf_array`."""
    if xp is numpy and data.dtype == numpy.float64:
        return libm_float64(math.erf, data)
    return erf_array(data, xp)


def erf_array(data: Any, xp: Any) -> Any:
    """erf of a float array, computed in float64 and returned in the input's dtype.

    |x| ≤ 3:  erf(x) = 2/√π · Σₙ (-1)ⁿ x^(2n+1) / (n! (2n+1))
    |x| > 3:  erfc(x) = e^(-x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + 2/(x + …)))))
    """
    x = data.astype("float64")
    small = xp.clip(x, -3.0, 3.0)
    square = small * small
    term, total = small, small.copy()
    for n in range(1, 80):
        term = term * (-square / n)
        total = total + term / (2 * n + 1)
    series = total * (2 / math.sqrt(math.pi))
    big = xp.maximum(xp.abs(x), 3.0)
    fraction = big
    for k in range(60, 0, -1):
        fraction = big + (k / 2) / fraction
    tail = xp.exp(-big * big) / (math.sqrt(math.pi) * fraction)
    out = xp.where(xp.abs(x) <= 3.0, series, xp.sign(x) * (1.0 - tail))
    return out.astype(data.dtype, copy=False)


class Erf(Elementwise):
    """y = erf(x) = 2/√π ∫₀ˣ e^(-t²) dt      dy/dx = 2/√π · e^(-x²)"""

    node_name = "ErfBackward0"
    compute = staticmethod(erf_float)
    derivative_first = True  # (PyTorch: 2/√π · exp(-x²) · grad)
    derivative = staticmethod(
        lambda x: MulNumber.apply((-(x.pow(2))).exp(), 2 / math.sqrt(math.pi)))
