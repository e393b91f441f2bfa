"""PyTorch's CPU float32 kernels of elu, softplus, gelu and silu (forward and backward), step
by step, so that values and gradients agree to the last bit.

PyTorch's ``cpu_kernel_vec`` walks a contiguous tensor in blocks of two vectors (32 values
with AVX-512, 16 with AVX2: `VECTOR_BLOCK`), each step rounded to float32, and sends the
values left over at the end of each
thread's chunk through the scalar version of the same formula. The vector versions use SLEEF's
exp (`sleef_exp`), the scalar ones the C library's expf (`scalar_exp`); log1p and the scalar
erf are taken correctly rounded (`correctly_rounded`). The vector erf is PyTorch's own
polynomial (Abramowitz and Stegun 7.1.26, with fused multiply-adds).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy

from .sleef_float32 import GRAIN_SIZE, correctly_rounded, cpu_loop, fma, scalar_exp, sleef_exp

f32 = numpy.float32
_HALF, _ONE = f32(0.5), f32(1)


def applies(*arrays: Any) -> bool:
    """True for NumPy float32 arrays of one shape (the loop reproduced here)."""
    return all(type(a) is numpy.ndarray and a.dtype == numpy.float32
               and a.shape == arrays[0].shape for a in arrays)


def _log1p(x: Any) -> Any:
    return correctly_rounded(numpy.log1p, x)


def scalar_tanh(x: Any) -> Any:
    """glibc's ``tanhf`` (fdlibm's formula) with a correctly rounded expm1:
    |x| ≥ 1: 1 - 2 / (expm1(2|x|) + 2);  |x| < 1: -t / (t + 2), t = expm1(-2|x|);  |x| ≥ 22: 1."""
    a, two = numpy.abs(x), f32(2)
    with numpy.errstate(all="ignore"):
        big = correctly_rounded(numpy.expm1, two * a)
        small = correctly_rounded(numpy.expm1, -two * a)
        z = numpy.where(a >= _ONE, _ONE - two / (big + two), -small / (small + two))
    z = numpy.where(a >= f32(22), _ONE, z)
    return numpy.where(numpy.isnan(x), x, numpy.copysign(z, x)).astype(f32)


# ---- erf: PyTorch's vector polynomial, and the scalar (correctly rounded) one -----------------

_ERF_P = f32(0.3275911)
_ERF_COEFFICIENTS = tuple(f32(c) for c in (1.061405429, -1.453152027, 1.421413741,
                                           -0.284496736, 0.254829592))


def vector_erf(x: Any) -> Any:
    """``Vectorized<float>::erf``: sign(x) (1 - r(t) t e^(-x²)),  t = 1 / (1 + p|x|), r a
    quartic (Abramowitz-Stegun 7.1.26), each step a fused multiply-add, SLEEF's exp."""
    t = _ONE / fma(_ERF_P, numpy.abs(x), _ONE)
    r = _horner(t, _ERF_COEFFICIENTS[::-1], None)
    value = fma(-sleef_exp(-(x * x)) * t, r, _ONE)
    return numpy.where(numpy.signbit(x), -value, value).astype(f32)


_math_erf = numpy.vectorize(math.erf, otypes=[numpy.float64])


def scalar_erf(x: Any) -> Any:
    """``std::erf`` (glibc's erff), taken correctly rounded."""
    return correctly_rounded(_math_erf, x) if x.size else x


# ---- elu: y = x·scale (x > 0), else (e^(x·s_in) - 1)·α·scale ---------------------------------

def elu_forward(x: Any, alpha: float, scale: float, s_in: float) -> Any:
    """expm1(x·s_in)·(α·scale) where x < 0, else x·scale (expm1 correctly rounded: SLEEF's
    and glibc's agree with it for all but about 0.1% of values)."""
    negcoef, poscoef, negiptcoef = f32(alpha) * f32(scale), f32(scale), f32(s_in)
    with numpy.errstate(all="ignore"):
        curve = correctly_rounded(numpy.expm1, x * negiptcoef) * negcoef
        return numpy.where(x < 0, curve, x * poscoef)


def elu_backward(grad: Any, x: Any, alpha: float, scale: float, s_in: float) -> Any:
    negcoef, poscoef, negiptcoef = f32(alpha) * f32(scale), f32(scale), f32(s_in)

    def run(exp: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
        return lambda g, b: numpy.where(  # (a NaN x takes the x > 0 side, as PyTorch's)
            b <= 0, g * negiptcoef * negcoef * exp(b * negiptcoef), g * poscoef)
    return cpu_loop(run(sleef_exp), run(scalar_exp), grad, x)


def elu_backward_from_result(grad: Any, y: Any, alpha: float, scale: float, s_in: float) -> Any:
    """The in-place elu's rule, which PyTorch computes from the saved result y (is_result):
    g·s_in·(y + α·scale) where y ≤ 0, else g·scale."""
    negcoef, poscoef, negiptcoef = f32(alpha) * f32(scale), f32(scale), f32(s_in)
    return numpy.where(y <= 0, grad * negiptcoef * (y + negcoef), grad * poscoef)


# ---- softplus: y = log1p(e^(βx)) / β, x where βx > threshold -----------------------------------

def softplus_forward(x: Any, beta: float, threshold: float) -> Any:
    b, th = f32(beta), f32(threshold)

    def run(exp: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda a: numpy.where(a * b > th, a, _log1p(exp(a * b)) / b)
    return cpu_loop(run(sleef_exp), run(scalar_exp), x)


def softplus_backward(grad: Any, x: Any, beta: float, threshold: float) -> Any:
    b, th = f32(beta), f32(threshold)

    def run(exp: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
        def rule(g: Any, a: Any) -> Any:
            z = exp(a * b)
            return numpy.where(a * b > th, g, g * z / (z + f32(1)))
        return rule
    return cpu_loop(run(sleef_exp), run(scalar_exp), grad, x)


# ---- silu: y = x / (1 + e^(-x)) ---------------------------------------------------------------

def silu_forward(x: Any) -> Any:
    return cpu_loop(lambda a: a / (f32(1) + sleef_exp(-a)),
                    lambda a: a / (f32(1) + scalar_exp(-a)), x)


def silu_backward(grad: Any, x: Any) -> Any:
    """g·s·(1 + x(1 - s)),  s = 1 / (1 + e^(-x))"""
    def run(exp: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
        def rule(g: Any, a: Any) -> Any:
            s = f32(1) / (f32(1) + exp(-a))
            return g * s * fma(a, f32(1) - s, f32(1))  # (the compiler fuses 1 + a·(1 - s))
        return rule
    return cpu_loop(run(sleef_exp), run(scalar_exp), grad, x)


# ---- mish: y = x·tanh(log1p(eˣ)) -------------------------------------------------------------

def mish_forward(x: Any) -> Any:
    return cpu_loop(lambda a: a * _tanh(_log1p(sleef_exp(a))),
                    lambda a: a * scalar_tanh(_log1p(scalar_exp(a))), x)


def mish_backward(grad: Any, x: Any) -> Any:
    """g·(t + x·s·(1 - t²)),  t = tanh(log1p(eˣ)), s = 1 / (1 + e^(-x))"""
    def run(exp: Callable[[Any], Any], tanh: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
        def rule(g: Any, a: Any) -> Any:
            s = _ONE / (_ONE + exp(-a))
            t = tanh(_log1p(exp(a)))
            return g * fma(a * s, fma(-t, t, _ONE), t)  # (both sums fused by the compiler)
        return rule
    return cpu_loop(run(sleef_exp, _tanh), run(scalar_exp, scalar_tanh), grad, x)


# ---- gelu ('none': x·½(1 + erf(x/√2));  'tanh': ½x(1 + tanh(β(x + κx³)))) ----------------------

_BETA = f32(math.sqrt(2) * 2 / math.sqrt(math.pi) * 0.5)
_KAPPA = f32(0.044715)
_SQRT_HALF = f32(math.sqrt(0.5))
_PDF = f32(2 / math.sqrt(math.pi) * math.sqrt(0.5) * 0.5)


def gelu_grain(n: int) -> int:
    """GeluKernelImpl's grain: above 16384 values, the values split evenly between threads."""
    from ..global_settings import get_num_threads
    return max(n // get_num_threads(), 1) if n > 16384 else GRAIN_SIZE


def _tanh(x: Any) -> Any:
    """SLEEF's vector tanh (``Sleef_tanhf16_u10``): in double-float arithmetic, so the
    correctly rounded tanh, except that it gives ±1 beyond |x| > 8.664339742."""
    t = correctly_rounded(numpy.tanh, x)
    return numpy.where(numpy.abs(x) > f32(8.664339742), numpy.copysign(_ONE, x), t).astype(f32)


def gelu_forward(x: Any, approximate: str) -> Any:
    """'none', contiguous, goes to oneDNN, whose erf is a piecewise minimax polynomial not
    reproduced here: x·½·(1 + erf(x/√2)) with erf taken of the exact x/√2 and rounded once
    comes nearest (85% of values to the bit)."""
    if approximate == "none" and x.flags.c_contiguous:
        from .special import erf_array
        erf = erf_array(x.astype(numpy.float64) * math.sqrt(0.5), numpy).astype(f32)
        return x * _HALF * (_ONE + erf)
    if approximate == "none":  # (a strided tensor: PyTorch's own GeluKernelImpl)
        def run(erf: Callable[[Any], Any]) -> Callable[[Any], Any]:
            return lambda a: a * _HALF * (_ONE + erf(a * _SQRT_HALF))
        return cpu_loop(run(vector_erf), run(scalar_erf), x, grain=gelu_grain(x.size))

    def tanh_form(tanh: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda a: _HALF * a * (_ONE + tanh(_tanh_inner(a)))
    return cpu_loop(tanh_form(_tanh), tanh_form(scalar_tanh), x, grain=gelu_grain(x.size))


def _tanh_inner(x: Any) -> Any:
    """β(x + κx³), the compiler fusing x + κ·x³ into one rounding."""
    return _BETA * fma(_KAPPA, x * x * x, x)


def gelu_backward(grad: Any, x: Any, approximate: str) -> Any:
    if approximate == "none" and x.flags.c_contiguous and grad.flags.c_contiguous:
        return grad * onednn_gelu_erf_derivative(x)
    if approximate == "none":  # (strided: PyTorch's own GeluBackwardKernelImpl)
        def run(erf: Callable[[Any], Any], exp: Callable[[Any], Any]) -> Callable[..., Any]:
            def rule(g: Any, a: Any) -> Any:
                cdf = _HALF * (_ONE + erf(a * _SQRT_HALF))
                pdf = _PDF * exp(a * a * f32(-0.5))
                return g * fma(a, pdf, cdf)  # (cdf + a·pdf, fused by the compiler)
            return rule
        return cpu_loop(run(vector_erf, sleef_exp), run(scalar_erf, scalar_exp), grad, x)

    def tanh_rule(tanh: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
        def rule(g: Any, a: Any) -> Any:
            t = tanh(_tanh_inner(a))  # (1 - t², 1 + 3κx² fused by the compiler, as above)
            inner_derivative = _BETA * fma(f32(3) * _KAPPA, a * a, _ONE)
            right_derivative = _HALF * a * fma(-t, t, _ONE) * inner_derivative
            return g * (_HALF * (_ONE + t) + right_derivative)
        return rule
    return cpu_loop(tanh_rule(_tanh), tanh_rule(scalar_tanh), grad, x)


# ---- oneDNN (PyTorch's gelu backward for contiguous float32 goes to oneDNN's gelu_erf) --------

def _bits(word: int) -> Any:
    return numpy.array([word], numpy.uint32).view(f32)[0]


_LOG2E, _LN2 = _bits(0x3FB8AA3B), _bits(0x3F317218)
_LN_FLT_MAX, _LN_FLT_MIN = _bits(0x42B17218), _bits(0xC2AEAC50)
_EXP_POL = tuple(_bits(w) for w in (0x3F7FFFFB, 0x3EFFFEE3, 0x3E2AAD40, 0x3D2B9D0D, 0x3C07CFCE))
_ONE_OVER_SQRT_2, _ONE_OVER_SQRT_PI = _bits(0x3F3504F3), _bits(0x3F106EBA)
_ERF_P = _bits(0x3EA7BA05)  # 0.3275911
_ERF_POL = tuple(_bits(w) for w in (0x3E827906, 0xBE91A98E, 0x3FB5F0E3, 0xBFBA00E3, 0x3F87DC22))


def _horner(t: Any, coefficients: tuple[Any, ...], last: Any) -> Any:
    """c₄·t⁴ + … + c₀ evaluated from c₄ down, each step a fused multiply-add, then ·t + last
    when ``last`` is given."""
    p = coefficients[-1]
    for c in coefficients[-2::-1]:
        p = fma(p, t, c)
    return p if last is None else fma(p, t, last)


def onednn_exp(x: Any) -> Any:
    """oneDNN's vector exp: x = n·ln2 + r (n = ⌊x·log₂e + ½⌋), eʳ a degree-5 polynomial,
    scaled by 2ⁿ⁻¹ and then 2 (so that n = 128 stays representable)."""
    x = numpy.maximum(numpy.minimum(x, _LN_FLT_MAX), _LN_FLT_MIN)
    n = numpy.floor(x * _LOG2E + _HALF).astype(f32)
    r = fma(-n, _LN2, x)
    scale = ((n - _ONE).astype(numpy.int32) + 127 << 23).astype(numpy.int32).view(f32)
    scale = numpy.where(x < _LN_FLT_MIN, f32(0), scale)
    return _horner(r, _EXP_POL, _ONE) * scale * f32(2)


def onednn_gelu_erf_derivative(s: Any) -> Any:
    """d/ds of s·Φ(s) = ½(1 + erf(R)) + R·e^(-R²)/√π,  R = s/√2, with oneDNN's erf:
    erf(R) = sign(R)(1 - q(t)·t·e^(-R²)),  t = 1 / (1 + p|R|)  (Abramowitz-Stegun 7.1.26)."""
    with numpy.errstate(all="ignore"):
        r = s * _ONE_OVER_SQRT_2
        q = onednn_exp(-(r * r))
        t = _ONE / fma(_ERF_P, numpy.abs(r), _ONE)
        erf = fma(-q * t, _horner(t, _ERF_POL, None), _ONE)
        erf = numpy.where(numpy.signbit(r), -erf, erf).astype(f32)
        return fma(erf, _HALF, r * _ONE_OVER_SQRT_PI * q + _HALF)
