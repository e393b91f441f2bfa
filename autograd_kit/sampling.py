"""Samplers that draw a varying number of random numbers per value, as PyTorch's CPU kernels
do, so that a seeded script gets PyTorch's samples: ``poisson``, ``binomial``,
``_standard_gamma`` (with its reparameterised gradient) and ``_sample_dirichlet``.

They take uniform doubles from the generator one at a time (53 random bits of a 64-bit draw,
times 2⁻⁵³), value after value in memory order, and accept or reject as PyTorch's C++ code
does (``sample_poisson``, ``sample_binomial``, ``sample_gamma`` in
``aten/src/ATen/native/Distributions.h``);
normal doubles come from the generator's Box-Muller pair, the second one kept for the next.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from . import backend
from . import random as _random
from .function import Function
from .ops.rounding import not_implemented
from .tensor import Tensor

_MASK53 = (1 << 53) - 1


def _uniform(stream: Any) -> float:
    """One uniform double in [0, 1): ``at::uniform_real_distribution<double>(0, 1)``."""
    return (int(stream.outputs64(1)[0]) & _MASK53) * 2.0 ** -53


def sample_poisson(lam: float, stream: Any) -> int:
    """One Poisson(λ) draw: for λ ≥ 10 Hörmann's transformed rejection (PTRS), for smaller λ
    the count of uniforms whose running product stays above e^-λ."""
    if lam >= 10:
        slam, loglam = math.sqrt(lam), math.log(lam)
        b = 0.931 + 2.53 * slam
        a = -0.059 + 0.02483 * b
        invalpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        while True:
            u = _uniform(stream) - 0.5
            v = _uniform(stream)
            us = 0.5 - abs(u)
            k = math.floor((2 * a / us + b) * u + lam + 0.43)
            if us >= 0.07 and v <= vr:
                return k
            if k < 0 or (us < 0.013 and v > us):
                continue
            if (math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b)
                    <= -lam + k * loglam - math.lgamma(k + 1.0)):
                return k
    if lam == 0:
        return 0
    limit, count, product = math.exp(-lam), 0, 1.0
    while True:
        product *= _uniform(stream)
        if product <= limit:
            return count
        count += 1


def poisson(input: Tensor, generator: Any = None) -> Tensor:  # noqa: A002
    """A Poisson sample for each rate in ``input`` (float results, ``input``'s dtype; not
    differentiable: PyTorch records no gradient through it; its arguments' types:
    signature_parser.py)."""
    if not input.dtype.is_floating_point:
        from .dtypes import scalar_type_word

        kernel = "poisson_cpu" if input.device.type == "cpu" else "poisson_cuda"
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{scalar_type_word(input.dtype.name)}'")
    rates = input.detach().cpu()._data.astype(numpy.float64)
    if bool((rates < 0).any()) or bool(numpy.isnan(rates).any()):
        raise RuntimeError("invalid Poisson rate, expected rate to be non-negative")
    stream = _random.generator(backend.device("cpu"), generator)  # (PyTorch's CPU stream)

    def draw() -> Any:
        values = [sample_poisson(float(r), stream) for r in rates.reshape(-1)]
        out = numpy.asarray(values, dtype=input._data.dtype).reshape(rates.shape)
        return backend.to_device(out, input.device)

    return PoissonDraw.apply(draw, input)


class Drawn(Function):
    """out = draw(), random values that depend on the tensor inputs (Poisson counts of a
    rate, mean + std·ε): PyTorch's derivative of a sample is zero, so backward runs and
    sends each input zeros of its shape."""

    @staticmethod
    def forward(ctx: Any, draw: Any, *inputs: Tensor) -> Any:
        ctx.shapes = [t.shape for t in inputs]
        return draw()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        return (None, *(Tensor._make(grad._xp.zeros(shape, dtype=grad._data.dtype))
                        for shape in ctx.shapes))


def drawn_class(node_name: str) -> Any:
    """A `Drawn` whose node has PyTorch's name for that sampler's overload."""
    return type(node_name.replace("Backward", "Draw"), (Drawn,), {"node_name": node_name,
                                                                  "__doc__": Drawn.__doc__})


PoissonDraw = drawn_class("PoissonBackward0")


def _f32(value: float) -> float:
    """A double rounded to float32, as C++ does for a float expression."""
    return float(numpy.float32(value))


def _log(value: float) -> float:
    """C's log: -inf at 0 and nan below it (Python's math.log raises there)."""
    return math.log(value) if value > 0 else (-math.inf if value == 0 else math.nan)


_STIRLING_TAIL = (0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
                  0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
                  0.0118967099458917, 0.0104112652619720, 0.00925546218271273,
                  0.00833056343336287)


def _stirling_tail(k: float) -> float:
    """log k! - (Stirling's approximation of it): a table up to 9, then its series."""
    if k <= 9:
        return _STIRLING_TAIL[int(k)]
    kp1sq = (k + 1) * (k + 1)
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)


def _binomial_inversion(count: float, prob: float, stream: Any, rounded: Any) -> float:
    """Count geometric waiting times ⌈log U / log(1 - p)⌉ until they pass ``count``."""
    logprob, geom_sum, successes = rounded(math.log1p(-prob)), 0.0, 0.0
    while True:
        geom_sum += float(numpy.ceil(_log(_uniform(stream)) / logprob))
        if geom_sum > count:
            return successes
        successes += 1


def _binomial_btrs(count: float, prob: float, stream: Any, rounded: Any) -> float:
    """Hörmann's transformed rejection with squeeze (BTRS), for count·p ≥ 10, p ≤ ½."""
    stddev = math.sqrt(rounded(count * prob * (1 - prob)))
    b = 1.15 + 2.53 * stddev
    a = -0.0873 + 0.0248 * b + 0.01 * prob
    c = rounded(count * prob) + 0.5
    v_r = 0.92 - 4.2 / b
    r = rounded(prob / rounded(1 - prob))
    alpha = (2.83 + 5.1 / b) * stddev
    m = float(numpy.floor(rounded((count + 1) * prob)))
    while True:
        u = _uniform(stream) - 0.5
        v = _uniform(stream)
        us = 0.5 - abs(u)
        k = numpy.floor((2 * a / us + b) * u + c)
        if k < 0 or k > count:
            continue
        if us >= 0.07 and v <= v_r:
            return float(k)
        v = _log(v * alpha / (a / (us * us) + b))
        upper = ((m + 0.5) * _log((m + 1) / (r * (count - m + 1)))
                 + (count + 1) * _log((count - m + 1) / (count - k + 1))
                 + (k + 0.5) * _log(r * (count - k + 1) / (k + 1))
                 + _stirling_tail(m) + _stirling_tail(count - m)
                 - _stirling_tail(k) - _stirling_tail(count - k))
        if v <= upper:
            return float(k)


def sample_binomial(count: float, prob: float, stream: Any, single: bool) -> float:
    """One Binomial(count, prob) draw as PyTorch's ``sample_binomial``: BTRS where the mean
    count·min(p, 1 - p) is at least 10, inversion below; for p > ½ it counts failures."""
    rounded = _f32 if single else float
    if count <= 0 or prob <= 0:
        return 0.0
    if prob >= 1:
        return count
    if math.isnan(prob):
        return math.nan
    q = prob if prob <= 0.5 else rounded(1.0 - prob)
    draw = _binomial_btrs if rounded(count * q) >= 10 else _binomial_inversion
    k = draw(count, q, stream, rounded)
    return k if prob <= 0.5 else rounded(count - k)


class Binomial(Function):
    """k ~ Binomial(count, prob). Counting has no derivative: PyTorch records a
    ``NotImplemented`` node whose backward raises."""

    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx: Any, count: Tensor, prob: Tensor, generator: Any = None) -> Any:
        counts, probs = (t.detach().cpu()._data for t in (count, prob))
        counts, probs = numpy.broadcast_arrays(counts, probs)
        stream = _random.generator(backend.device("cpu"), generator)
        single = counts.dtype == numpy.float32
        out = _elementwise(lambda n, p: sample_binomial(n, p, stream, single), counts.dtype,
                           counts, probs)
        return count._xp.asarray(out) if count._xp is not numpy else out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Any:
        raise RuntimeError("derivative for aten::binomial is not implemented")


not_implemented(Binomial)


def binomial(count: Tensor, prob: Tensor, generator: Any = None) -> Tensor:
    """``torch.binomial``: a Binomial(count, prob) sample per pair of values, drawn with
    PyTorch's CPU sampler on its random stream (float results; no derivative; its
    arguments' types: signature_parser.py)."""
    from .dtypes import scalar_type_word
    from .ops.operands import check_broadcast, kernel_error

    for name, value in (("count", count), ("prob", prob)):
        if not value.dtype.is_floating_point:
            raise ValueError(f"binomial only supports floating-point dtypes for {name}, got: "
                             f"{scalar_type_word(value.dtype.name)}")
    if prob.dtype != count.dtype:
        raise RuntimeError(f"Found dtype {scalar_type_word(prob.dtype.name)} but expected "
                           f"{scalar_type_word(count.dtype.name)}")
    if count.dtype.name in ("float16", "bfloat16"):
        raise kernel_error("binomial_cpu", count.dtype)
    check_broadcast(tuple(count.shape), tuple(prob.shape))
    return Binomial.apply(count, prob, generator)


def sample_gamma(alpha: float, stream: Any, single: bool) -> float:
    """One Gamma(α, 1) draw by Marsaglia and Tsang's method (α < 1: boosted to α + 1 and
    scaled by U^(1/α)). ``single``: α is a float32, whose few float steps round as in C++."""
    rounded = _f32 if single else (lambda v: v)
    scale = 1.0
    if alpha < 1.0:
        if alpha == 0.0:
            return 0.0
        scale *= math.pow(1 - _uniform(stream), rounded(1.0 / alpha))
        alpha = rounded(alpha + 1.0)
    d = rounded(alpha - _f32(1.0 / 3.0))  # (C++'s 1.0f / 3.0f: a float even for doubles)
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        x = stream._one_normal()
        y = 1.0 + c * x
        if y <= 0:
            continue
        v = y * y * y
        u = 1 - _uniform(stream)
        xx = x * x
        if u < 1.0 - _f32(0.0331) * xx * xx or math.log(u) < 0.5 * xx + d * (1.0 - v
                                                                              + math.log(v)):
            return scale * d * v


def _digamma(x: float) -> float:
    """ψ(x) as PyTorch's ``digamma_one``: shifted up to 10, then the asymptotic series."""
    if x == 0:
        return math.copysign(math.inf, -x)
    extra = 0.0
    if x < 0:
        if x == math.trunc(x):
            return math.nan
        extra, x = -math.pi / math.tan(math.pi * x), 1 - x
    result = 0.0
    while x < 10:
        result, x = result - 1 / x, x + 1
    if x == 10:
        return result + 2.25175258906672110764 + extra
    series = 0.0
    if x < 1.0e17:
        z = 1.0 / (x * x)
        series = 0.0
        for a in _PSI_SERIES:
            series = series * z + a
        series *= z
    return result + math.log(x) - 0.5 / x - series + extra


_PSI_SERIES = (8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3,
               -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
               8.33333333333333333333E-2)
_GAMMA_GRAD_UV = (
    (0.16009398, -0.094634809, 0.025146376, -0.0030648343, 1, 0.32668115, 0.10406089,
     0.0014179084),
    (0.53487893, 0.1298071, 0.065735949, -0.0015649758, 0.16639465, 0.020070113,
     -0.0035938915, -0.00058392623),
    (0.040121004, -0.0065914022, -0.0026286047, -0.0013441777, 0.017050642, -0.0021309326,
     0.00085092367, -1.5247877e-07),
)


def gamma_grad_one(alpha: float, x: float) -> float:
    """dx/dα for a Gamma(α, 1) sample x: -(∂F/∂α)/f (implicit reparameterisation), as
    PyTorch's ``standard_gamma_grad_one``: a Taylor series for x < 0.8, Rice's saddle-point
    expansion for α > 8, else a rational approximation in (ln(x/α), ln α)."""
    if x < 0.8:
        numer, denom = 1.0, alpha
        series1, series2 = numer / denom, numer / (denom * denom)
        for i in range(1, 6):
            numer *= -x / i
            denom += 1
            series1 += numer / denom
            series2 += numer / (denom * denom)
        pow_x_alpha = math.pow(x, alpha)
        pdf = math.pow(x, alpha - 1) * math.exp(-x)
        cdf_alpha = (math.log(x) - _digamma(alpha)) * (pow_x_alpha * series1) - (
            pow_x_alpha * series2)
        result = -cdf_alpha / pdf
        return 0.0 if math.isnan(result) else result
    if alpha > 8.0:
        if _f32(0.9) * alpha <= x <= _f32(1.1) * alpha:
            numer_1 = 1 + 24 * alpha * (1 + 12 * alpha)
            numer_2 = (1440 * (alpha * alpha) + 6 * x * (53 - 120 * x) - 65 * x * x / alpha
                       + alpha * (107 + 3600 * x))
            return numer_1 * numer_2 / (1244160 * (alpha * alpha) * (alpha * alpha))
        denom = math.sqrt(8 * alpha)
        term2 = denom / (alpha - x)
        term3 = math.pow(x - alpha - alpha * math.log(x / alpha), -1.5)
        term23 = term2 - term3 if x < alpha else term2 + term3
        term1 = math.log(x / alpha) * term23 - math.sqrt(2 / alpha) * (alpha + x) / (
            (alpha - x) * (alpha - x))
        stirling = 1 + 1 / (12 * alpha) * (1 + 1 / (24 * alpha))
        return -stirling * (x * term1) / denom
    u, v = math.log(x / alpha), math.log(alpha)
    c = [a + u * (b + u * e) for a, b, e in zip(*_GAMMA_GRAD_UV)]
    p = c[0] + v * (c[1] + v * (c[2] + v * c[3]))
    q = c[4] + v * (c[5] + v * (c[6] + v * c[7]))
    return math.exp(p / q)


def _elementwise(function: Any, dtype: Any, *arrays: Any) -> Any:
    """``function`` on the values of ``arrays`` (as Python floats), in memory order."""
    flat = [numpy.asarray(a, dtype=numpy.float64).reshape(-1) for a in arrays]
    out = [function(*map(float, values)) for values in zip(*flat)]
    return numpy.asarray(out, dtype=dtype).reshape(numpy.shape(arrays[0]))


class StandardGamma(Function):
    """x ~ Gamma(α, 1), one draw per α;  dx/dα by implicit reparameterisation:
    grad_α = grad · `gamma_grad_one`(α, x)."""

    node_name = "StandardGammaBackward0"

    @staticmethod
    def forward(ctx: Any, alpha: Tensor, generator: Any = None) -> Any:
        data = alpha.detach().cpu()._data
        stream = _random.generator(backend.device("cpu"), generator)
        single = data.dtype == numpy.float32
        tiny = numpy.finfo(data.dtype).tiny
        out = _elementwise(lambda a: max(tiny, sample_gamma(a, stream, single)), data.dtype,
                           data)
        ctx.save_for_backward(alpha)
        ctx.result = out
        return alpha._xp.asarray(out) if alpha._xp is not numpy else out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        (alpha,) = ctx.saved_tensors
        return grad * standard_gamma_grad(alpha, Tensor._make(ctx.result)), None


class StandardGammaGrad(Function):
    """dx/dα = `gamma_grad_one`(α, x) per value. PyTorch has no derivative for it: recorded
    (under create_graph, as a double backward of a Gamma sample meets it) with an edge to α
    only, its backward raises."""

    node_name = "StandardGammaGradBackward0"
    non_inputs = (1,)  # (the sample: no edge)

    @staticmethod
    def forward(ctx: Any, alpha: Tensor, sample: Tensor) -> Any:
        data = alpha.detach().cpu()._data
        return _elementwise(gamma_grad_one, data.dtype, data, sample.detach().cpu()._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Any:
        raise NotImplementedError("the derivative for '_standard_gamma_grad' is not "
                                  "implemented.")


def standard_gamma_grad(alpha: Tensor, sample: Tensor) -> Tensor:
    """``torch._standard_gamma_grad``: dx/dα for each Gamma(α, 1) sample x."""
    return StandardGammaGrad.apply(alpha, sample)


def _require_float(kernel: str, x: Tensor) -> None:
    """PyTorch's kernel error for a sampler given anything but float32 / float64."""
    if x.dtype.name not in ("float32", "float64"):
        from .ops.operands import kernel_error

        raise kernel_error(kernel, x.dtype)


def standard_gamma(alpha: Tensor, generator: Any = None) -> Tensor:
    """``torch._standard_gamma``: a Gamma(α, 1) sample per value of ``alpha``."""
    _require_float("gamma_cpu", alpha)
    return StandardGamma.apply(alpha, generator)


class SampleDirichlet(Function):
    """x ~ Dirichlet(α) over the last dim: Gamma(α, 1) draws in double, then divided by
    their sum (clamped into (0, 1), as PyTorch). As in PyTorch, this operator has no
    derivative (``NotImplemented`` node): Dirichlet.rsample wraps it in a Function of its
    own whose backward is the reparameterised gradient."""

    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx: Any, alpha: Tensor, generator: Any = None) -> Any:
        from .ops.summation_order import sum_like_torch

        data = alpha.detach().cpu()._data
        stream = _random.generator(backend.device("cpu"), generator)
        tiny = numpy.finfo(numpy.float64).tiny
        gammas = _elementwise(lambda a: max(tiny, sample_gamma(a, stream, False)),
                              numpy.float64, data)
        ratio = gammas / sum_like_torch(gammas, (gammas.ndim - 1,), True)
        top = numpy.nextafter(data.dtype.type(1), data.dtype.type(0))
        return numpy.minimum(top, numpy.maximum(numpy.finfo(data.dtype).tiny,
                                                ratio.astype(data.dtype)))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        raise RuntimeError("derivative for aten::_sample_dirichlet is not implemented")


not_implemented(SampleDirichlet)


def sample_dirichlet(alpha: Tensor, generator: Any = None) -> Tensor:
    """``torch._sample_dirichlet``: one Dirichlet(α) sample over the last dim of ``alpha``."""
    _require_float("dirichlet", alpha)
    return SampleDirichlet.apply(alpha, generator)
