"""Inverse hyperbolic functions, erfinv, erfc and logit (elementwise, see unary.py), and the
integer functions gcd and lcm (no gradient).

    asinh(x) = ln(x + √(x² + 1))      d/dx = 1 / √(x² + 1)
    acosh(x) = ln(x + √(x² - 1))      d/dx = 1 / √(x² - 1)
    atanh(x) = ½ ln((1 + x)/(1 - x))  d/dx = 1 / (1 - x²)
    erfinv(y): erf(erfinv(y)) = y     d/dy = √π/2 · exp(erfinv(y)²)
    erfc(x) = 1 - erf(x)              d/dx = -2/√π · exp(-x²)
    logit(p) = ln(p / (1 - p))        d/dp = 1 / (p (1 - p))
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..tensor import Tensor
from .arithmetic import AddNumber, MulNumber
from .cpp_numbers import minus_number, number_minus
from .libm_float32 import pytorch_float32
from .operands import arrays, ensure_array, kernel_error
from .pointwise_more import _two_tensors
from .preserved_layout import operands_layout, tensors_layout
from .special import erf_array, libm_float64
from .unary import Elementwise, float_data


class Asinh(Elementwise):
    """y = asinh(x)     dy/dx = 1 / √(x² + 1)"""

    node_name = "AsinhBackward0"
    compute = staticmethod(pytorch_float32("arcsinh", blocks=False))
    derivative = staticmethod(lambda x: AddNumber.apply(x.pow(2), 1).rsqrt())  # (C++ x² + 1)


class Acosh(Elementwise):
    """y = acosh(x)     dy/dx = 1 / √(x² - 1)"""

    node_name = "AcoshBackward0"
    compute = staticmethod(pytorch_float32("arccosh", blocks=False))
    derivative = staticmethod(lambda x: minus_number(x * x, 1).rsqrt())  # (PyTorch: x·x - 1)


class Atanh(Elementwise):
    """y = atanh(x)     dy/dx = 1 / (1 - x²)"""

    node_name = "AtanhBackward0"
    compute = staticmethod(pytorch_float32("arctanh", blocks=True))
    # (PyTorch: grad / (1 - x²), its 1 a tensor: SubBackward0, not RsubBackward1)
    divisor = staticmethod(lambda x: Tensor._make(x._xp.ones((), x._data.dtype)) - x.pow(2))

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        """PyTorch's grad * 1 / (1 - x²): the divisor first (C++ evaluates an operator's right
        operand first), then grad * 1 (a MulBackward1 under create_graph)."""
        (x,) = ctx.saved_tensors
        divisor = cls.divisor(x)
        return MulNumber.apply(grad, 1) / divisor


def erfinv_array(data: Any, xp: Any) -> Any:
    """erfinv by Newton's method on erf (from a rational first guess), in float64."""
    y = data.astype("float64")
    inside = xp.abs(y) < 1
    safe = xp.where(inside, y, 0.0)
    w = xp.log((1.0 - safe) * (1.0 + safe))
    x = xp.sign(safe) * xp.sqrt(xp.sqrt((2 / (math.pi * 0.147) + w / 2) ** 2 - w / 0.147)
                               - (2 / (math.pi * 0.147) + w / 2))
    for _ in range(6):
        x = x - (erf_array(x, xp) - safe) / (2 / math.sqrt(math.pi) * xp.exp(-x * x))
    x = xp.where(y == 0, y, x)  # (erfinv(-0) is -0, as in PyTorch)
    x = xp.where(y == 1, math.inf, xp.where(y == -1, -math.inf, x))
    x = xp.where(xp.abs(y) > 1, math.nan, xp.where(xp.isnan(y), math.nan, x))
    return x.astype(data.dtype, copy=False)


def erfc_array(data: Any, xp: Any) -> Any:
    """erfc = 1 - erf, with the continued fraction for x > 3 so small values keep their digits
    (a NumPy float64 array: the C library's, as PyTorch's CPU float64 erfc)."""
    if xp is numpy and data.dtype == numpy.float64:
        return libm_float64(math.erfc, data)
    x = data.astype("float64")
    big = xp.maximum(x, 3.0)
    fraction = big
    for k in range(60, 0, -1):
        fraction = big + (k / 2) / fraction
    tail = xp.exp(-big * big) / (math.sqrt(math.pi) * fraction)
    out = xp.where(x > 3.0, tail, 1.0 - erf_array(x, xp))
    return out.astype(data.dtype, copy=False)


class Erfinv(Elementwise):
    """x = erfinv(y)     dx/dy = √π/2 · exp(x²)"""

    node_name = "ErfinvBackward0"
    compute = staticmethod(lambda xp, x: erfinv_array(x, xp))
    derivative_first = True  # (PyTorch: ½√π · exp(erfinv(y)²) · grad)
    derivative = staticmethod(
        lambda y: MulNumber.apply(y.erfinv().pow(2).exp(), math.sqrt(math.pi) / 2))


class Erfc(Elementwise):
    """y = erfc(x) = 1 - erf(x)      dy/dx = -2/√π · exp(-x²)"""

    node_name = "ErfcBackward0"
    compute = staticmethod(lambda xp, x: erfc_array(x, xp))
    derivative_first = True  # (PyTorch: -2/√π · exp(-x²) · grad)
    derivative = staticmethod(
        lambda x: MulNumber.apply((-(x.pow(2))).exp(), -2 / math.sqrt(math.pi)))


class Logit(Function):
    """y = ln(p / (1 - p)), p first clamped to [eps, 1 - eps] when eps is given

    dy/dp = 1 / (p (1 - p)) inside; outside [0, 1] NaN (no eps) or 0 (clamped away by eps)
    """

    node_name = "LogitBackward0"
    saved_tensor_names = ("self",)
    saved_options = {"eps": None}
    result_layout = staticmethod(tensors_layout)  # (x's, as TensorIterator lays it out)

    @staticmethod
    def forward(ctx: Any, x: Tensor, eps: Any) -> Any:
        ctx.save_for_backward(x)
        ctx.eps = eps
        p = float_data(x)
        if eps is not None:  # PyTorch's order of the two tests (eps > 0.5 included)
            low, high = p.dtype.type(eps), p.dtype.type(1 - eps)
            p = x._xp.where(p < low, low, x._xp.where(p > high, high, p))
        errstate = getattr(x._xp, "errstate", None)  # NumPy warns about NaN / ±inf; CuPy not
        if errstate is None:
            return x._xp.log(p / (1 - p))
        with errstate(invalid="ignore", divide="ignore"):
            return x._xp.log(p / (1 - p))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        """As PyTorch: its kernel outside create_graph (NaN, or 0 with eps, where p is
        outside [lo, hi]; a NaN p keeps its NaN), and under create_graph its differentiable
        where(lo ≤ p ≤ hi, grad / (p (1 - p)), NaN or 0), which also gives 0 at a NaN p."""
        from ..grad_mode import is_grad_enabled
        from . import where

        (x,) = ctx.saved_tensors
        out = grad / (x * number_minus(1, x))  # (C++ 1 - x: SubBackward0 (None, x))
        low, high, outside = (0, 1, math.nan) if ctx.eps is None else \
            (ctx.eps, 1 - ctx.eps, 0.0)
        if is_grad_enabled():
            return where((x >= low) & (x <= high), out, outside), None
        kept = out.masked_fill((x < low) | (x > high), outside)._data  # (row-major; PyTorch's
        return Tensor._make(operands_layout(kept, (grad, x))), None  # kernel walks (grad, x))


def _integer_pair(name: str, a: Any, b: Any) -> Tensor:
    """NumPy's ufunc ``name`` of two integer tensors, laid out as PyTorch's TensorIterator
    lays out the result (x.t()'s layout for ``gcd(x.t(), y)``)."""
    a, b = _two_tensors(name, a, b)
    x, y = arrays(a, b)
    if x.dtype.kind not in "iu" or y.dtype.kind not in "iu":  # (the common type: bools
        kind = x if x.dtype.kind not in "iu" else y  # alone have no kernel either)
        raise kernel_error(f"{name}_cpu", dtypes.of_numpy(kind.dtype))
    values = ensure_array(getattr(a._xp, name)(x, y), a._xp)
    return Tensor._make(operands_layout(values, (a, b)))


def gcd(input: Any, other: Any) -> Tensor:  # noqa: A002
    """The greatest common divisor, value by value (integers only)."""
    return _integer_pair("gcd", input, other)


def lcm(input: Any, other: Any) -> Tensor:  # noqa: A002
    """The least common multiple, value by value (integers only)."""
    return _integer_pair("lcm", input, other)


def asinh(x: Tensor) -> Tensor:
    return Asinh.apply(x)


def acosh(x: Tensor) -> Tensor:
    return Acosh.apply(x)


def atanh(x: Tensor) -> Tensor:
    return Atanh.apply(x)


def erfinv(x: Tensor) -> Tensor:
    return Erfinv.apply(x)


def erfc(x: Tensor) -> Tensor:
    return Erfc.apply(x)


def logit(x: Tensor, eps: Any = None) -> Tensor:
    return Logit.apply(x, eps)


class _NoInplaceDerivative:
    """PyTorch records asinh_, acosh_ and atanh_ under a node of their own whose backward is
    not implemented: differentiating through them raises."""

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        name = cls.node_name[:5].lower()
        raise NotImplementedError(f"the derivative for 'inplace version of {name}' is not "
                                  "implemented.")


class AsinhInplace(_NoInplaceDerivative, Asinh):
    node_name = "AsinhBackward1"


class AcoshInplace(_NoInplaceDerivative, Acosh):
    node_name = "AcoshBackward1"


class AtanhInplace(_NoInplaceDerivative, Atanh):
    node_name = "AtanhBackward1"


RULES = {"asinh": AsinhInplace, "acosh": AcoshInplace, "atanh": AtanhInplace,
         "erfinv": Erfinv, "erfc": Erfc, "logit": Logit}
"""The rule behind each function, for its in-place method (``x.atanh_()``)."""
