"""More elementwise functions: tan, asin, acos, atan, sinh, cosh, log2, log10.

Each is an `Elementwise` (see unary.py): the formula on arrays and the derivative written with
tensor operations, in the same form as PyTorch's rule, so that a ``create_graph`` backward
records the same operations (atan, log2 and log10 divide, the others multiply).
"""

from __future__ import annotations

import math

from .arithmetic import AddNumber, MulNumber
from .libm_float32 import pytorch_float32
from .sleef_float32 import rounded_once
from .unary import Elementwise


class Tan(Elementwise):
    """y = tan(x)      dy/dx = 1 / cos²(x) = 1 + tan²(x) = 1 + y²"""

    node_name = "TanBackward0"
    uses = "y"
    compute = staticmethod(rounded_once("tan"))
    derivative = staticmethod(lambda y: AddNumber.apply(y.pow(2), 1))  # (C++ 1 + y²)


class Asin(Elementwise):
    """y = asin(x)     dy/dx = 1 / √(1 - x²)"""

    node_name = "AsinBackward0"
    compute = staticmethod(rounded_once("arcsin"))
    derivative = staticmethod(lambda x: AddNumber.apply(-x * x, 1).rsqrt())  # PyTorch's form


class Acos(Elementwise):
    """y = acos(x)     dy/dx = -1 / √(1 - x²)"""

    node_name = "AcosBackward0"
    compute = staticmethod(rounded_once("arccos"))
    derivative = staticmethod(lambda x: -AddNumber.apply(-x * x, 1).rsqrt())  # PyTorch's form


class Atan(Elementwise):
    """y = atan(x)     dy/dx = 1 / (1 + x²)   →  grad_x = grad / (x² + 1)"""

    node_name = "AtanBackward0"
    compute = staticmethod(rounded_once("arctan"))
    divisor = staticmethod(lambda x: AddNumber.apply(x * x, 1))


class Sinh(Elementwise):
    """y = sinh(x) = (eˣ - e⁻ˣ) / 2      dy/dx = cosh(x)"""

    node_name = "SinhBackward0"
    compute = staticmethod(pytorch_float32("sinh", blocks=True))
    derivative = staticmethod(lambda x: x.cosh())


class Cosh(Elementwise):
    """y = cosh(x) = (eˣ + e⁻ˣ) / 2      dy/dx = sinh(x)"""

    node_name = "CoshBackward0"
    compute = staticmethod(pytorch_float32("cosh", blocks=True))
    derivative = staticmethod(lambda x: x.sinh())


class Log2(Elementwise):
    """y = log₂(x) = ln(x) / ln 2      dy/dx = 1 / (x ln 2)   →  grad_x = grad / (x · ln 2)"""

    node_name = "Log2Backward0"
    compute = staticmethod(rounded_once("log2"))
    divisor = staticmethod(lambda x: MulNumber.apply(x, math.log(2.0)))  # PyTorch: MulBackward1


class Log10(Elementwise):
    """y = log₁₀(x) = ln(x) / ln 10    dy/dx = 1 / (x ln 10)  →  grad_x = grad / (x · ln 10)"""

    node_name = "Log10Backward0"
    compute = staticmethod(rounded_once("log10"))
    divisor = staticmethod(lambda x: MulNumber.apply(x, math.log(10.0)))
