"""The gamma family, without SciPy: lgamma, digamma, polygamma, the Hurwitz zeta function and
the multivariate log-gamma (``torch.lgamma``, ``torch.special.gammaln``, …).

    lgamma(x) = ln|Γ(x)|                    d/dx = ψ(x)                (digamma)
    ψ(x) = Γ'(x)/Γ(x)                       d/dx = ψ⁽¹⁾(x)
    ψ⁽ⁿ⁾(x) = (-1)ⁿ⁺¹ n! ζ(n+1, x)          d/dx = ψ⁽ⁿ⁺¹⁾(x)
    ζ(s, q) = Σₖ (q + k)^(-s)                d/dq = -s ζ(s+1, q)  (no derivative in s)
    mvlgamma(x, p) = p(p-1)/4 ln π + Σᵢ lgamma(x - i/2)    d/dx = Σᵢ ψ(x - i/2)

Values are computed in float64 with the array's own module (NumPy or CuPy) and returned in
the input's float type: Lanczos' approximation for lgamma, the recurrence ψ(x) = ψ(x+1) - 1/x
and the asymptotic series for digamma, Euler–Maclaurin summation for ζ (as Cephes does).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..function import Function
from ..tensor import Tensor
from .preserved_layout import operands_layout, row_major_result, tensors_layout
from .unary import Elementwise, float_data

_LANCZOS_G = 7.0
_LANCZOS = (0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7)
# Bernoulli numbers B₂ₖ, for the asymptotic series of ψ and the Euler–Maclaurin tail of ζ
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510,
              43867 / 798, -174611 / 330, 854513 / 138, -236364091 / 2730)


def _is_pole(xp: Any, x: Any) -> Any:
    return (x <= 0) & (x == xp.floor(x))


def lgamma_array(data: Any, xp: Any) -> Any:
    """ln|Γ(x)|: Lanczos for x ≥ ½, the reflection ln π - ln|sin πx| - lgamma(1 - x) below;
    +inf at 0, the negative integers and ±inf, 0 at 1 and 2 (as PyTorch)."""
    x = data.astype("float64")
    low = x < 0.5
    z = xp.where(low, 1.0 - x, x) - 1.0
    total = xp.full(x.shape, _LANCZOS[0])
    for k, c in enumerate(_LANCZOS[1:], start=1):
        total = total + c / (z + k)
    t = z + _LANCZOS_G + 0.5
    value = 0.5 * math.log(2 * math.pi) + (z + 0.5) * xp.log(t) - t + xp.log(total)
    reflected = math.log(math.pi) - xp.log(xp.abs(xp.sin(math.pi * x))) - value
    out = xp.where(low, reflected, value)
    out = xp.where(_is_pole(xp, x) | xp.isinf(x), math.inf, out)
    out = xp.where((x == 1) | (x == 2), 0.0, out)  # exactly, as Γ(1) = Γ(2) = 1
    return out.astype(data.dtype, copy=False)


def digamma_array(data: Any, xp: Any) -> Any:
    """ψ(x): shifted up to x ≥ 10 by ψ(x) = ψ(x+1) - 1/x, then
    ψ(y) ≈ ln y - 1/(2y) - Σ B₂ₖ / (2k y²ᵏ); below 0 by reflection ψ(x) = ψ(1-x) - π/tan(πx).
    -inf at ±0 and nan at the negative integers (as PyTorch)."""
    x = data.astype("float64")
    negative = x < 0
    y = xp.where(negative, 1.0 - x, x)
    shift = xp.zeros(x.shape)
    for _ in range(10):
        small = y < 10
        shift = shift - xp.where(small, 1.0 / xp.where(small, y, 1.0), 0.0)
        y = xp.where(small, y + 1.0, y)
    inverse_square = 1.0 / (y * y)
    series, power = xp.zeros(x.shape), xp.ones(x.shape)
    for k, b in enumerate(_BERNOULLI[:7], start=1):
        power = power * inverse_square
        series = series + b / (2 * k) * power
    value = xp.log(y) - 0.5 / y - series + shift
    value = xp.where(negative, value - math.pi / xp.tan(math.pi * x), value)
    zero = xp.where(xp.signbit(x), math.inf, -math.inf)  # ψ(±0) = ∓inf
    value = xp.where(x == 0, zero, xp.where(_is_pole(xp, x) & negative, math.nan, value))
    return value.astype(data.dtype, copy=False)


def zeta_array(s: Any, q: Any, xp: Any) -> Any:
    """ζ(s, q) = Σₖ (q + k)^(-s), k ≥ 0, by Euler–Maclaurin after N terms (Cephes' method):

        Σₖ<N (q+k)^(-s) + (q+N)^(1-s)/(s-1) + ½(q+N)^(-s) + Σⱼ B₂ⱼ/(2j)! s⋯(s+2j-2) (q+N)^(-s-2j+1)

    inf for s = 1 or a pole q ∈ {0, -1, …}; nan for s < 1 or (q < 0 and s not an integer)."""
    s, q = xp.broadcast_arrays(s.astype("float64"), q.astype("float64"))
    finite = q[xp.isfinite(q)]  # (nan and ±inf give nan or inf below, whatever the count)
    lowest = float(finite.min()) if finite.size else 0.0  # a negative q needs more terms
    n = 9 + max(0, math.ceil(-lowest))
    total = xp.zeros(s.shape)
    for k in range(n):
        total = total + (q + k) ** -s
    a = q + n
    total = total + a ** (1 - s) / (s - 1) + 0.5 * a ** -s
    factor, power, factorial = s, a ** (-s - 1), 2.0
    for j, b in enumerate(_BERNOULLI, start=1):
        total = total + b / factorial * factor * power
        factor = factor * (s + 2 * j - 1) * (s + 2 * j)
        power = power / (a * a)
        factorial = factorial * (2 * j + 1) * (2 * j + 2)
    total = xp.where((q < 0) & (s != xp.floor(s)), math.nan, total)
    total = xp.where(_is_pole(xp, q), math.inf, total)
    total = xp.where(xp.isposinf(q), math.nan, total)  # as Cephes (and PyTorch): nan at q = inf
    total = xp.where(s < 1, math.nan, xp.where(s == 1, math.inf, total))
    return total


def trigamma_array(data: Any, xp: Any) -> Any:
    """ψ⁽¹⁾(x) as PyTorch's ``calc_trigamma``, in the input's own float type: below ½ the
    reflection ψ⁽¹⁾(x) = π²/sin²(πx) - ψ⁽¹⁾(1 - x) (so a negative integer gives a huge finite
    number, as PyTorch, not inf), then six steps of ψ⁽¹⁾(x) = 1/x² + ψ⁽¹⁾(x + 1) and the
    asymptotic series (its constants are C++ doubles, so that part is summed in float64)."""
    x = data
    dt = x.dtype.type
    pi = dt(math.pi)
    reflect = x < dt(0.5)
    sin_pi_x = xp.sin(pi * x)
    result = xp.where(reflect, -(pi * pi) / (sin_pi_x * sin_pi_x), dt(0)).astype(x.dtype)
    x = xp.where(reflect, dt(1) - x, x)
    for _ in range(6):
        result = result + dt(1) / (x * x)
        x = x + dt(1)
    ixx = (dt(1) / (x * x)).astype("float64")
    tail = (1 + (dt(1) / (dt(2) * x)).astype("float64")
            + ixx * (1.0 / 6 - ixx * (1.0 / 30 - ixx * (1.0 / 42)))) / x
    result = (result.astype("float64") + tail).astype(data.dtype)
    return xp.where(reflect, -result, result)


def polygamma_array(n: int, data: Any, xp: Any) -> Any:
    """ψ⁽ⁿ⁾(x) = (-1)ⁿ⁺¹ n! ζ(n+1, x)   (ψ itself for n = 0, PyTorch's trigamma for n = 1)."""
    if n == 0:
        return digamma_array(data, xp)
    if n == 1:
        return trigamma_array(data, xp)
    out = (-1) ** (n + 1) * math.factorial(n) * zeta_array(xp.asarray(n + 1.0), data, xp)
    return out.astype(data.dtype, copy=False)


class Lgamma(Elementwise):
    """y = ln|Γ(x)|      dy/dx = ψ(x)"""

    node_name = "LgammaBackward0"
    compute = staticmethod(lambda xp, x: lgamma_array(x, xp))
    derivative = staticmethod(lambda x: Digamma.apply(x))


class Digamma(Elementwise):
    """y = ψ(x)      dy/dx = ψ⁽¹⁾(x)"""

    node_name = "DigammaBackward0"
    compute = staticmethod(lambda xp, x: digamma_array(x, xp))
    derivative = staticmethod(lambda x: Polygamma.apply(x, 1))


class Polygamma(Function):
    """y = ψ⁽ⁿ⁾(x)      dy/dx = ψ⁽ⁿ⁺¹⁾(x)"""

    node_name = "PolygammaBackward0"
    saved_options: dict[str, Any] = {"n": None}
    result_layout = staticmethod(tensors_layout)  # (x's, as TensorIterator lays it out)

    @staticmethod
    def forward(ctx: Any, x: Tensor, n: int) -> Any:
        ctx.save_for_backward(x)
        ctx.n = n
        return polygamma_array(n, float_data(x), x._xp)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (x,) = ctx.saved_tensors
        return grad * Polygamma.apply(x, ctx.n + 1), None


def two_operand_arrays(a: Any, b: Any) -> tuple[Any, Any, Any]:
    """The module and float arrays of two operands, either of which may be a Python number,
    in PyTorch's result type (float32 for integers)."""
    from .. import dtypes
    from .operands import common_dtype

    dtype = common_dtype(a, b)
    dtype = dtype if dtype.is_floating_point else dtypes.default_float()
    xp = (a if isinstance(a, Tensor) else b)._xp
    return xp, *(xp.asarray(v._data if isinstance(v, Tensor) else v, dtype=dtype.numpy)
                 for v in (a, b))


class Zeta(Function):
    """y = ζ(s, q)      ∂y/∂q = -s ζ(s+1, q);  ∂y/∂s: not implemented (as in PyTorch)"""

    node_name = "SpecialZetaBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    forward_ad_missing = "special_zeta"  # (PyTorch has no forward-mode formula)

    @staticmethod
    def forward(ctx: Any, s: Any, q: Any) -> Any:
        ctx.save_for_backward(s, q)
        xp, a, b = two_operand_arrays(s, q)
        return zeta_array(a, b, xp).astype(a.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[None, Any]:
        s, q = ctx.saved_tensors
        if ctx.needs_input_grad[0]:
            raise NotImplementedError("the derivative for 'zeta' is not implemented.")
        if not ctx.needs_input_grad[1]:
            return None, None
        return None, grad * -s * Zeta.apply(s + 1.0, q)


def by_number_position(rule: type[Function], number_first: str,
                       number_second: str) -> Callable[[Any, Any], Tensor]:
    """``rule`` applied to two operands, either of which may be a Python number: PyTorch
    names the node by which one is (``number_first`` / ``number_second``; ``rule``'s own
    name for two tensors)."""
    def variant(name: str) -> type[Function]:
        namespace = {"node_name": name, "__doc__": rule.__doc__, "__module__": rule.__module__}
        return type(rule.__name__ + name[-1], (rule,), namespace)

    first, second = variant(number_first), variant(number_second)

    def apply(a: Any, b: Any) -> Tensor:
        if not isinstance(a, Tensor):
            return first.apply(a, b)
        return (rule if isinstance(b, Tensor) else second).apply(a, b)

    apply.__doc__ = rule.__doc__
    return apply


zeta = by_number_position(Zeta, "SpecialZetaBackward1", "SpecialZetaBackward2")


class Mvlgamma(Function):
    """y = p(p-1)/4 · ln π + Σᵢ₌₀^(p-1) lgamma(x - i/2)      dy/dx = Σᵢ ψ(x - i/2)"""

    node_name = "MvlgammaBackward0"
    saved_options = {"p": None}
    result_layout = staticmethod(row_major_result)  # (PyTorch's: a sum over its terms)

    @staticmethod
    def forward(ctx: Any, x: Tensor, p: int) -> Any:
        if p < 1:
            raise RuntimeError("p has to be greater than or equal to 1")
        xp, data = x._xp, float_data(x)
        ctx.save_for_backward(x)
        ctx.p = p
        total = sum(lgamma_array(data.astype("float64") - i / 2, xp) for i in range(p))
        return (total + p * (p - 1) / 4 * math.log(math.pi)).astype(data.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        """As PyTorch's mvlgamma_backward: args = arange(-p/2 + ½, ½, ½) + x (one column
        per term), then grad · Σ ψ(args) over the last dim."""
        (x,) = ctx.saved_tensors
        xp, p = x._xp, ctx.p
        offsets = Tensor._make(xp.arange(-p / 2 + 0.5, 0.5, 0.5).astype(x._data.dtype))
        args = offsets.add(x.unsqueeze(-1))
        return grad * args.digamma_().sum(-1), None
