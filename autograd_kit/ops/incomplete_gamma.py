"""The regularized incomplete gamma functions, without SciPy (``torch.special.gammainc`` and
``gammaincc``, ATen's igamma / igammac):

    P(a, x) = γ(a, x) / Γ(a) = 1/Γ(a) ∫₀ˣ tᵃ⁻¹ e⁻ᵗ dt        Q(a, x) = 1 - P(a, x)
    ∂P/∂x = xᵃ⁻¹ e⁻ˣ / Γ(a) = -∂Q/∂x                          ∂/∂a: not implemented (as PyTorch)

Computed in float64 with the array's own module, as Numerical Recipes does: the series
P = xᵃ e⁻ˣ / Γ(a) · Σₙ xⁿ / (a (a+1) … (a+n)) where x < a + 1, Lentz's continued fraction
for Q elsewhere. NaN for a < 0, x < 0 or a = x = 0; P = 1 for a = 0 or x = ∞, 0 for x = 0
or a = ∞ (PyTorch's edge values).
"""

from __future__ import annotations

from typing import Any

import numpy

from ..function import Function
from ..tensor import Tensor
from .broadcast import sum_to
from .gamma_rules import lgamma_array
from .operands import common_dtype, kernel_error
from .preserved_layout import operands_layout

_TINY, _EPSILON, _MOST_STEPS = 1e-300, 1e-16, 10_000


def _series(a: Any, x: Any, xp: Any) -> Any:
    """Σₙ xⁿ / (a (a+1) … (a+n)), summed until every term is negligible."""
    term = 1.0 / a
    total = term.copy()
    for n in range(1, _MOST_STEPS):
        term = term * x / (a + n)
        total = total + term
        if not bool(xp.any(xp.abs(term) > xp.abs(total) * _EPSILON)):
            break
    return total


def _continued_fraction(a: Any, x: Any, xp: Any) -> Any:
    """Q(a, x) · Γ(a) / (xᵃ e⁻ˣ) by Lentz's method."""
    b = x + 1.0 - a
    c = xp.full(x.shape, 1.0 / _TINY)
    d = 1.0 / xp.where(xp.abs(b) < _TINY, _TINY, b)
    h = d.copy()
    for i in range(1, _MOST_STEPS):
        an = -i * (i - a)
        b = b + 2.0
        d = an * d + b
        d = 1.0 / xp.where(xp.abs(d) < _TINY, _TINY, d)
        c = b + an / c
        c = xp.where(xp.abs(c) < _TINY, _TINY, c)
        step = d * c
        h = h * step
        if not bool(xp.any(xp.abs(step - 1.0) > _EPSILON)):
            break
    return h


def regularized_gamma(a: Any, x: Any, xp: Any, upper: bool) -> Any:
    """P(a, x) (or Q(a, x) with ``upper``) of two broadcast float64 arrays."""
    a, x = xp.broadcast_arrays(a, x)
    inside = (a > 0) & (x > 0) & xp.isfinite(a) & xp.isfinite(x)
    a_in, x_in = xp.where(inside, a, 1.0), xp.where(inside, x, 1.0)
    with numpy.errstate(all="ignore"):
        scale = xp.exp(a_in * xp.log(x_in) - x_in - lgamma_array(a_in, xp))
        use_series = x_in < a_in + 1.0
        lower = scale * _series(xp.where(use_series, a_in, 1.0), xp.where(use_series, x_in, 0.5),
                                xp)
        upper_cf = scale * _continued_fraction(xp.where(use_series, 1.0, a_in),
                                               xp.where(use_series, 3.0, x_in), xp)
        p = xp.where(use_series, lower, 1.0 - upper_cf)
        q = xp.where(use_series, 1.0 - lower, upper_cf)
    value = q if upper else p
    one_for_p = ((a == 0) & (x > 0)) | (xp.isinf(x) & xp.isfinite(a) & (a >= 0))
    zero_for_p = ((x == 0) & (a > 0)) | (xp.isinf(a) & xp.isfinite(x) & (x >= 0))
    value = xp.where(one_for_p, 0.0 if upper else 1.0, value)
    value = xp.where(zero_for_p, 1.0 if upper else 0.0, value)
    undefined = xp.isnan(a) | xp.isnan(x) | (a < 0) | (x < 0) | ((a == 0) & (x == 0)) | (
        xp.isinf(a) & xp.isinf(x))
    return xp.where(undefined, xp.nan, value)


class Igamma(Function):
    """y = P(a, x)      ∂y/∂x = xᵃ⁻¹ e⁻ˣ / Γ(a);  ∂y/∂a: not implemented (as in PyTorch)"""

    node_name = "IgammaBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    forward_ad_missing = "igamma"  # (PyTorch has no forward-mode formula)
    saved_tensor_names = ("self", "other")
    upper, kernel, sign = False, "igamma_cpu", 1.0

    @classmethod
    def forward(cls, ctx: Any, a: Tensor, x: Tensor) -> Any:
        dtype = common_dtype(a, x)
        if not dtype.is_floating_point:
            raise kernel_error(cls.kernel, dtype)
        ctx.save_for_backward(a, x)
        xp = a._xp
        value = regularized_gamma(a._data.astype("float64"), x._data.astype("float64"), xp,
                                  cls.upper)
        return value.astype(dtype.numpy, copy=False)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[None, Any]:
        a, x = ctx.saved_tensors
        if ctx.needs_input_grad[0]:
            word = "igammac" if cls.upper else "igamma"
            raise NotImplementedError(f"the derivative for '{word}: input' is not implemented.")
        if not ctx.needs_input_grad[1]:
            return None, None
        slope = ((a - 1) * x.log() - x - a.lgamma()).exp()
        return None, sum_to(grad * slope * cls.sign, x.shape)


class Igammac(Igamma):
    """y = Q(a, x) = 1 - P(a, x)      ∂y/∂x = -xᵃ⁻¹ e⁻ˣ / Γ(a);  ∂y/∂a: not implemented"""

    node_name = "IgammacBackward0"
    forward_ad_missing = "igammac"
    upper, kernel, sign = True, "igammac_cpu", -1.0
