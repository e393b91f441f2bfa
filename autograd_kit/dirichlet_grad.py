"""``torch._dirichlet_grad``: how a Dirichlet (or Beta) sample moves with its concentration.

For x ~ Beta(α, β) (one coordinate of a Dirichlet, β = α₀ - α) implicit reparameterisation
gives dx/dα = -(∂F/∂α)(x; α, β) / p(x; α, β), F the Beta CDF. PyTorch approximates it
(``dirichlet_grad_one`` in ``aten/src/ATen/native/Distributions.h``), scaled by 1/(1 - x):

- x near 0 (x ≤ ½, α₀ x (1 - x) < 2.5): a Taylor series in x;
- x near 1 (x ≥ ½, α₀ x (1 - x) < 0.75): the series for β at 1 - x, negated;
- α and β both above 6: Rice's saddle-point expansion;
- else a rational correction of x (ψ(α₀) - ψ(α)) / β in (log x, log(α/x), log(α₀ x/α)).

The series run in the values' own precision (float32 stays float32, as the C++ ``scalar_t``);
the other two in double. The Dirichlet's backward (`dirichlet_backward`) turns these
per-coordinate Beta gradients into the simplex's: grad · (g - Σ x g).
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from .dtypes import scalar_type_word
from .ops.operands import check_broadcast_in_order
from .sampling import _PSI_SERIES, _digamma, _elementwise, _require_float
from .tensor import Tensor


def _log(x: Any) -> Any:
    """log in x's precision, rounded from double (as C's logf, not NumPy's float32 loop)."""
    return type(x)(math.log(x)) if x > 0 else type(x)(numpy.log(x))


def _pow(x: Any, y: Any) -> Any:
    """x^y in x's precision, rounded from double (as C's powf)."""
    return type(x)(numpy.power(numpy.float64(x), numpy.float64(y)))


def _digamma_as(x: Any) -> Any:
    """ψ(x) for x > 0 as PyTorch's ``digamma_one<scalar_t, double>``: for float32 the shifts
    x + 1 and the terms 1/x, log x and 0.5/x are float32, the sums double."""
    if type(x) is not numpy.float32:
        return x.dtype.type(_digamma(float(x)))
    result = 0.0
    while x < 10:
        result -= float(1 / x)
        x += numpy.float32(1)
    if x == 10:
        return numpy.float32(result + 2.25175258906672110764)
    series = 0.0
    if x < 1.0e17:
        z = 1.0 / float(x * x)
        for a in _PSI_SERIES:
            series = series * z + a
        series *= z
    return numpy.float32(result + float(_log(x)) - float(numpy.float32(0.5) / x) - series)


def _beta_grad_alpha_small(x: Any, alpha: Any, beta: Any) -> Any:
    """dx/dα/(1 - x) for x near 0: x (1 - x)^-β Σ_i c_i/(α + i) (ψ(α) - ψ(α₀) - log x
    + 1/(α + i)), c_i = Π_{j ≤ i} (j - β) x / j."""
    kind = type(x)
    factor = _digamma_as(alpha) - _digamma_as(alpha + beta) - _log(x)
    numer = kind(1)
    series = numer / alpha * (factor + 1 / alpha)
    for i in range(1, 11):
        numer *= (kind(i) - beta) * x / kind(i)
        denom = alpha + kind(i)
        series += numer / denom * (factor + 1 / denom)
    result = x * _pow(1 - x, -beta) * series
    return kind(0) if numpy.isnan(result) else result


def _beta_grad_beta_small(x: Any, alpha: Any, beta: Any) -> Any:
    """dx/dβ/(1 - x) for x near 0, by the Taylor series of the incomplete Beta in x."""
    kind = type(x)
    factor = _digamma_as(alpha + beta) - _digamma_as(beta)
    numer, betas, dbetas, series = kind(1), kind(1), kind(0), factor / alpha
    for i in range(1, 9):
        numer *= -x / kind(i)
        dbetas = dbetas * (beta - kind(i)) + betas
        betas = betas * (beta - kind(i))
        series += numer / (alpha + kind(i)) * (dbetas + factor * betas)
    result = -_pow(1 - x, 1 - beta) * series
    return kind(0) if numpy.isnan(result) else result


def _beta_grad_alpha_mid(x: float, alpha: float, beta: float) -> float:
    """dx/dα/(1 - x) for large α and β: Rice's saddle-point expansion (a polynomial within
    a tenth of a standard deviation of the mean, where the expansion is singular)."""
    total = alpha + beta
    mean = alpha / total
    std = math.sqrt(alpha * beta / (total + 1)) / total
    if mean - 0.1 * std <= x <= mean + 0.1 * std:
        poly = 47 * x * (beta * beta) * (beta * beta) + alpha * (
            (43 + 20 * (16 + 27 * beta) * x) * (beta * beta) * beta + alpha * (
                3 * (59 + 180 * beta - 90 * x) * (beta * beta) + alpha * (
                    (453 + 1620 * beta * (1 - x) - 455 * x) * beta + alpha * (
                        8 * (1 - x) * (135 * beta - 11)))))
        prefactor_num = (1 + 12 * alpha) * (1 + 12 * beta) / (total * total)
        prefactor_den = 12960 * alpha * alpha * alpha * beta * beta * (1 + 12 * total)
        return prefactor_num / (1 - x) * poly / prefactor_den
    prefactor = -x / math.sqrt(2 * alpha * beta / total)
    stirling = ((1 + 1 / (12 * alpha) + 1 / (288 * alpha * alpha))
                * (1 + 1 / (12 * beta) + 1 / (288 * beta * beta))
                / (1 + 1 / (12 * total) + 1 / (288 * total * total)))
    term1_num = 2 * (alpha * alpha) * (x - 1) + alpha * beta * (x - 1) - x * (beta * beta)
    axbx = alpha * (x - 1) + beta * x
    term1 = term1_num / (math.sqrt(2 * alpha / beta) * math.pow(total, 1.5) * axbx * axbx)
    term2 = 0.5 * math.log(alpha / (total * x))
    term3 = math.sqrt(8 * alpha * beta / total) / (beta * x + alpha * (x - 1))
    term4 = math.pow(beta * math.log(beta / (total * (1 - x)))
                     + alpha * math.log(alpha / (total * x)), -1.5)
    return stirling * prefactor * (term1 + term2 * (term3 + (term4 if x < mean else -term4)))


_RATIONAL = numpy.array([
    [[[1.003668233, -0.01061107488, -0.0657888334, 0.01201642863],
      [0.6336835991, -0.3557432599, 0.05486251648, -0.001465281033],
      [-0.03276231906, 0.004474107445, 0.002429354597, -0.0001557569013]],
     [[0.221950385, -0.3187676331, 0.01799915743, 0.01074823814],
      [-0.2951249643, 0.06219954479, 0.01535556598, 0.001550077057],
      [0.02155310298, 0.004170831599, 0.001292462449, 6.976601077e-05]],
     [[-0.05980841433, 0.008441916499, 0.01085618172, 0.002319392565],
      [0.02911413504, 0.01400243777, -0.002721828457, 0.000751041181],
      [0.005900514878, -0.001936558688, -9.495446725e-06, 5.385558597e-05]]],
    [[[1, -0.02924021934, -0.04438342661, 0.007285809825],
      [0.6357567472, -0.3473456711, 0.05454656494, -0.002407477521],
      [-0.03301322327, 0.004845219414, 0.00231480583, -0.0002307248149]],
     [[0.5925320577, -0.1757678135, 0.01505928619, 0.000564515273],
      [0.1014815858, -0.06589186703, 0.01272886114, -0.0007316646956],
      [-0.007258481865, 0.001096195486, 0.0003934994223, -4.12701925e-05]],
     [[0.06469649321, -0.0236701437, 0.002902096474, -5.896963079e-05],
      [0.001925008108, -0.002869809258, 0.0008000589141, -6.063713228e-05],
      [-0.0003477407336, 6.959756487e-05, 1.097287507e-05, -1.650964693e-06]]],
])


def _rational(x: float, alpha: float, total: float, kind: Any) -> float:
    """x (ψ(α₀) - ψ(α))/β times p/q, p and q polynomials in u = log x, a = log α - u and
    b = log α₀ - a (PyTorch's fitted coefficients)."""
    u = math.log(x)
    a = math.log(alpha) - u
    b = math.log(total) - a
    p = q = 0.0
    for i, pow_u in enumerate((1.0, u, u * u)):
        for j, pow_a in enumerate((1.0, a, a * a)):
            ua = pow_u * pow_a
            cp, cq = _RATIONAL[0, i, j], _RATIONAL[1, i, j]
            p += ua * (cp[0] + b * (cp[1] + b * (cp[2] + b * cp[3])))
            q += ua * (cq[0] + b * (cq[1] + b * (cq[2] + b * cq[3])))
    digammas = float(_digamma_as(kind(total))) - float(_digamma_as(kind(alpha)))
    return p / q * (x * digammas / (total - alpha))


def dirichlet_grad_one(x: float, alpha: float, total: float, kind: Any = numpy.float64) -> float:
    """dx/dα/(1 - x) for one coordinate x of a Dirichlet sample (α, α₀ = total); ``kind``
    is the values' precision (numpy.float32 or numpy.float64)."""
    with numpy.errstate(all="ignore"):
        xs, alphas, totals = kind(x), kind(alpha), kind(total)
        beta = totals - alphas
        boundary = totals * xs * (1 - xs)
        if xs <= 0.5 and boundary < 2.5:
            return float(_beta_grad_alpha_small(xs, alphas, beta))
        if xs >= 0.5 and boundary < 0.75:
            return float(-_beta_grad_beta_small(1 - xs, beta, alphas))
        if alphas > 6 and beta > 6:
            return _beta_grad_alpha_mid(x, alpha, total - alpha)
        return _rational(x, alpha, total, kind)


def dirichlet_grad(x: Tensor, alpha: Tensor, total: Tensor) -> Tensor:
    """``torch._dirichlet_grad(x, alpha, total)``: `dirichlet_grad_one` per value (three
    tensors of one floating dtype, broadcast together; no derivative of its own)."""
    for value in (alpha, total):
        if value.dtype != x.dtype:
            raise RuntimeError(f"Found dtype {scalar_type_word(value.dtype.name)} but expected "
                               f"{scalar_type_word(x.dtype.name)}")
    _require_float("_dirichlet_grad_cpu", x)
    check_broadcast_in_order(*(tuple(t.shape) for t in (x, alpha, total)))
    kind = x.detach().cpu()._data.dtype.type
    arrays = numpy.broadcast_arrays(*(t.detach().cpu()._data for t in (x, alpha, total)))
    out = _elementwise(lambda *v: dirichlet_grad_one(*v, kind=kind), kind, *arrays)
    return Tensor._make(out).to(x.device)


def dirichlet_backward(x: Tensor, concentration: Tensor, grad_output: Tensor) -> Tensor:
    """The gradient a Dirichlet sample x sends to its concentration α: with
    g = `dirichlet_grad`(x, α, α₀), grad_α = g · (grad - Σ_j x_j grad_j)."""
    total = concentration.sum(-1, True).expand_as(concentration)
    grad = dirichlet_grad(x, concentration, total)
    return grad * (grad_output - (x * grad_output).sum(-1, True))
