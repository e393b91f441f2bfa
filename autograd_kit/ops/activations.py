"""Activation functions with parameters: leaky_relu, elu, softplus, gelu, hardtanh (relu6 is
hardtanh(x, 0, 6)), and silu.

As in PyTorch, the backward rule of each (but silu) is an operation of its own, fed the
arriving gradient and the saved input: ``LeakyReluBackward0`` runs `LeakyReluBackward`, whose
node under ``create_graph=True`` is ``LeakyReluBackwardBackward0``. `Activation` and
`ActivationBackward` do the shared work; each function gives its formulas.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from .. import dtypes
from ..creation import zeros_like
from ..function import Function
from ..grad_mode import is_grad_enabled
from ..node_saved_values import constant, parameter
from ..tensor import Tensor
from . import activations_cpu32 as cpu32
from .cpp_numbers import number_minus, number_over, plus_number, times_number
from .half_scalars import _HALF
from .preserved_layout import laid_out_like, operands_layout, swapped_operands_layout
from .special import erf_array
from .unary import Elementwise, SigmoidBackward, in_layout_of, stable_sigmoid


def check_floating(x: Tensor, kernel: str) -> None:
    """PyTorch's error for an activation that has no integer version."""
    if not x.dtype.is_floating_point:
        word = dtypes.scalar_type_word(x.dtype.name)
        raise NotImplementedError(f'"{kernel}" not implemented for \'{word}\'')


class ActivationBackward(Function):
    """out = grad · f'(x): an activation's backward rule, run as an operation of its own.

    ∂out/∂grad = f'(x)         →  the same operation on the arriving gradient
    ∂out/∂x = grad · f''(x)    →  ``second(grad_grad · grad, x)``

    A rule gives ``first(g, x, *params) = g · f'(x)`` and ``second(g, x, *params) = g · f''(x)``,
    both written with tensor operations (so a third derivative works too), and may give
    ``on_arrays(g, x, *params)``: PyTorch's float32 CPU kernel of ``first``, step by step
    (see ``activations_cpu32.py``), used where it applies.
    """

    on_arrays: Any = None
    # (PyTorch's kernel is a TensorIterator op of grad and x: their layout, grad's first)
    result_layout = staticmethod(operands_layout)

    @staticmethod
    def first(g: Tensor, x: Tensor, *params: Any) -> Tensor:
        raise NotImplementedError

    @staticmethod
    def second(g: Tensor, x: Tensor, *params: Any) -> Tensor:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, grad: Tensor, x: Tensor, *params: Any) -> Any:
        ctx.save_for_backward(grad, x)
        ctx.params = params
        g, data = in_float32(grad._data), in_float32(x._data)
        if cls.on_arrays is not None and cpu32.applies(g, data):
            out = cls.on_arrays(g, data, *params)
        elif g is grad._data and data is x._data:  # tensor operations; forward records
            return cls.first(grad, x, *params)._data  # nothing (an array: laid out above)
        else:
            out = cls.first(Tensor._make(g), Tensor._make(data), *params)._data
        return out.astype(x._data.dtype, copy=False)  # (float16: rounded once, as PyTorch)

    @classmethod
    def backward(cls, ctx: Any, grad_grad: Tensor) -> tuple[Any, ...]:
        grad, x = ctx.saved_tensors
        needs_grad, needs_x = ctx.needs_input_grad[:2]
        # (grad's first, as PyTorch's generated code for gelu_backward, elu_backward, ...:
        # under create_graph its node comes before the curvature's)
        to_grad = cls.apply(grad_grad, x, *ctx.params) if needs_grad else None
        if not needs_x:
            curvature = None
        elif cls.second is no_curvature:  # (zeros like grad_grad itself, see no_curvature)
            curvature = no_curvature(grad_grad, x)
        else:
            curvature = cls.curvature(grad_grad, grad, x, *ctx.params)
        return (to_grad, curvature, *[None] * len(ctx.params))

    @classmethod
    def curvature(cls, grad_grad: Tensor, grad: Tensor, x: Tensor, *params: Any) -> Tensor:
        """∂out/∂x = grad_grad · grad · f''(x): ``second`` of grad_grad · grad (a rule whose
        PyTorch formula makes f''(x) before that product gives its own)."""
        return cls.second(grad_grad * grad, x, *params)


def in_float32(data: Any) -> Any:
    """A float16 NumPy array as float32 (others as they are): PyTorch's CPU activation
    kernels compute float16 in float, their opmath type, and round the result once (as
    `unary.half_in_float32` does for the elementwise functions)."""
    return data.astype(numpy.float32) if type(data) is numpy.ndarray and \
        data.dtype is _HALF else data


def float32_kernel(kernel: Any, *arrays: Any) -> Any:
    """``kernel`` (a float32 CPU kernel of activations_cpu32) on the arrays, float16 ones
    read as float32 and the result rounded back once; None where those kernels do not
    apply."""
    wide = [in_float32(a) for a in arrays]
    return kernel(*wide).astype(arrays[-1].dtype, copy=False) if cpu32.applies(*wide) else None


def no_curvature(g: Tensor, x: Tensor, *params: Any) -> Tensor:
    """``second`` of a piecewise-linear activation: f''(x) = 0 wherever f' is defined.
    PyTorch's rule is zeros_like(grad), a new tensor outside the graph: the second derivative
    does not require grad, and an inf or nan in g gives 0 (not g · 0). (``grad`` there is
    what arrives at the rule's node: `ActivationBackward` gives it as g, not grad_grad · grad,
    so the zeros take its layout.)"""
    return zeros_like(g)


class Activation(Function):
    """y = f(x; params), value by value:  grad_x = grad · f'(x), computed by ``rule``.

    An activation gives ``compute(xp, x, *params)`` on arrays, its ``rule`` (an
    `ActivationBackward`) and the ``kernel`` name PyTorch's error shows for integer input
    (None where integers are allowed).
    """

    rule: type[ActivationBackward]
    kernel: str | None = None
    saves_result = False  # an in-place variant keeps y (its target), not x: see SavesResult

    @staticmethod
    def compute(xp: Any, x: Any, *params: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, *params: Any) -> Any:
        if cls.kernel is not None:
            check_floating(x, cls.kernel)
        ctx.params = params
        y = cls.compute(x._xp, in_float32(x._data), *params).astype(x._data.dtype, copy=False)
        if cls.result_layout is None:  # (a formula over arrays may come out row-major; a
            y = in_layout_of(x, y)  # class with its own result_layout lays it out once)
        ctx.save_for_backward(y if cls.saves_result else x)
        return y

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved_tensors
        return (cls.rule.apply(grad, x, *ctx.params), *[None] * len(ctx.params))


# ---- leaky_relu -------------------------------------------------------------------------------

class LeakyReluBackward(ActivationBackward):
    """out = grad where x > 0, else grad · slope      ∂out/∂x = 0"""

    node_name = "LeakyReluBackwardBackward0"
    result_layout = staticmethod(swapped_operands_layout)  # (PyTorch's kernel walks (x, grad))
    first = staticmethod(lambda g, x, slope: g.where(x > 0, g * slope))  # (NaN: the slope)
    second = staticmethod(no_curvature)


class LeakyRelu(Activation):
    """y = x where x > 0, else slope · x      dy/dx = 1 where x > 0, else slope"""

    node_name = "LeakyReluBackward0"
    saved_options = {"negative_slope": parameter(0)}
    kernel = "leaky_relu_cpu"
    rule = LeakyReluBackward
    compute = staticmethod(lambda xp, x, slope: xp.where(x > 0, x, x * slope))


class LeakyReluInplace(LeakyRelu):
    """leaky_relu written into its input (``F.leaky_relu(x, inplace=True)``). Its node keeps
    the result (changing it again in place makes backward fail, as in PyTorch); the rule reads
    the sign from the result, which needs a positive slope."""

    node_name = "LeakyReluBackward1"
    saved_tensor_names = ("result",)
    saves_result = True

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        refuse_negative_slope("leakyReLu", ctx.params[0])
        return super().backward(ctx, grad)


def refuse_negative_slope(kind: str, slope: float) -> None:
    """PyTorch's error in the backward of an in-place leaky_relu (rrelu outside training) or
    elu (celu) with a negative slope: its rule reads the sign of x from the result, which a
    negative slope flips."""
    if slope < 0:
        issue = (" File an issue at https://github.com/pytorch/pytorch if you do require "
                 "supporting in-place leakRelu backward calculation with negative slope"
                 if kind == "leakyReLu" else "")
        raise RuntimeError(
            f"In-place {kind} backward calculation is triggered with a negative slope which is "
            "not supported. This is caused by calling in-place forward function with a "
            f"negative slope, please call out-of-place version instead.{issue}")


# ---- elu ------------------------------------------------------------------------------------

class EluBackward(ActivationBackward):
    """out = grad where x > 0, else grad · α eˣ      ∂out/∂x = grad · α eˣ where x < 0, else 0

    (eˣ is taken of min(x, 0): where x > 0 it is not used, and cannot overflow. At the kink
    x = 0, PyTorch takes the first derivative from the left and the second from the right.)
    """

    node_name = "EluBackwardBackward0"
    first = staticmethod(lambda g, x, alpha: (g * alpha * x.clamp(max=0).exp()).where(x <= 0, g))
    # PyTorch's elu_double_backward: the rule again on g · input_scale (1: a MulBackward1 all
    # the same), kept where x < 0
    second = staticmethod(
        lambda g, x, alpha: EluBackward.apply(times_number(g, 1), x, alpha) * (x < 0))
    on_arrays = staticmethod(lambda g, x, alpha: cpu32.elu_backward(g, x, alpha, 1.0, 1.0))


class Elu(Activation):
    """y = x where x > 0, else α (eˣ - 1)      dy/dx = 1 where x > 0, else α eˣ"""

    node_name = "EluBackward0"
    saved_options = {"alpha": parameter(0), "input_scale": constant(1), "scale": constant(1)}
    kernel = "elu_cpu"
    rule = EluBackward

    @staticmethod
    def compute(xp: Any, x: Any, alpha: float) -> Any:
        if cpu32.applies(x):
            return cpu32.elu_forward(x, alpha, 1.0, 1.0)
        return xp.where(x > 0, x, alpha * xp.expm1(xp.minimum(x, 0)))


class EluResultBackward(EluBackward):
    """`EluBackward` of the in-place elu, from the saved result y (as PyTorch's kernel):
    out = grad where y > 0, else grad · (y + α)   (α eˣ = y + α)
    ∂out/∂y = grad where y < 0, else 0   (PyTorch's elu_double_backward with is_result)"""

    node_name = "EluBackwardBackward0"  # (PyTorch's one node for both forms)
    first = staticmethod(lambda g, y, alpha: (g * (y + alpha)).where(y <= 0, g))
    second = staticmethod(lambda g, y, alpha: times_number(g, 1) * (y < 0))  # (g · input_scale)
    on_arrays = staticmethod(
        lambda g, y, alpha: cpu32.elu_backward_from_result(g, y, alpha, 1.0, 1.0))

    @classmethod
    def forward(cls, ctx: Any, grad: Tensor, y: Tensor, *params: Any) -> Any:
        refuse_negative_slope("elu", params[0])  # (α < 0)
        return super().forward(ctx, grad, y, *params)


class EluInplace(Elu):
    """elu written into its input (``F.elu(x, inplace=True)``); its node keeps the result."""

    node_name = "EluBackward1"
    rule = EluResultBackward
    saved_tensor_names = ("result",)
    saves_result = True


# ---- softplus ---------------------------------------------------------------------------------

class SoftplusBackward(ActivationBackward):
    """out = grad · σ(βx)   (grad where βx > threshold)
    ∂out/∂x = grad · β σ(βx)(1 - σ(βx))   (0 where βx ≥ threshold, as in PyTorch)"""

    node_name = "SoftplusBackwardBackward0"
    first = staticmethod(lambda g, x, beta, threshold: (g * (x * beta).sigmoid()).where(
        x * beta <= threshold, g))

    @staticmethod
    def second(g: Tensor, x: Tensor, beta: float, threshold: float) -> Tensor:
        bx = times_number(x, beta)  # PyTorch's softplus_double_backward, factor for factor:
        curvature = SigmoidBackward.apply(g, bx.sigmoid())  # (sigmoid_backward: g · s(1 - s))
        return times_number(curvature * (bx < threshold), beta)

    on_arrays = staticmethod(cpu32.softplus_backward)


class Softplus(Activation):
    """y = ln(1 + e^(βx)) / β   (y = x where βx > threshold, to avoid overflow)
    dy/dx = σ(βx)   (1 where βx > threshold)"""

    node_name = "SoftplusBackward0"
    saved_options = {"beta": parameter(0), "threshold": parameter(1)}
    kernel = "softplus_cpu"
    rule = SoftplusBackward

    @staticmethod
    def compute(xp: Any, x: Any, beta: float, threshold: float) -> Any:
        if cpu32.applies(x):
            return cpu32.softplus_forward(x, beta, threshold)
        bx = x * beta
        smooth = xp.log1p(xp.exp(xp.minimum(bx, threshold))) / beta
        return xp.where(bx > threshold, x, smooth)


# ---- gelu -------------------------------------------------------------------------------------

SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
TANH_CUBIC = 0.044715  # the constant in GELU's tanh approximation


def normal_pdf(x: Tensor) -> Tensor:
    """φ(x) = e^(-x²/2) / √(2π)"""
    return (x * x * -0.5).exp() * (1 / math.sqrt(2 * math.pi))


def normal_cdf(x: Tensor) -> Tensor:
    """Φ(x) = (1 + erf(x / √2)) / 2"""
    return ((x * math.sqrt(0.5)).erf() + 1) * 0.5


def _tanh_parts(x: Tensor) -> tuple[Tensor, Tensor]:
    """t = tanh(u) and u' for u = √(2/π)(x + 0.044715x³) (GELU's tanh approximation)."""
    u = (x + x * x * x * TANH_CUBIC) * SQRT_2_OVER_PI
    du = (x * x * (3 * TANH_CUBIC) + 1) * SQRT_2_OVER_PI
    return u.tanh(), du


class GeluBackward(ActivationBackward):
    """approximate='none':  out = grad · (Φ(x) + x φ(x))      ∂out/∂x = grad · φ(x)(2 - x²)

    approximate='tanh', with u = √(2/π)(x + 0.044715x³) and t = tanh(u):
    out = grad · (½(1 + t) + ½x(1 - t²)u')      ∂out/∂x = grad · (1 - t²)(u' - x t u'² + ½x u'')

    ``second`` is written as PyTorch's gelu_double_backward writes it (its graph under
    create_graph shows the same operations): 2φ - x²φ, and for 'tanh' the product rule of
    f·g·h with f = ½x, g = 1 - t², h = u' (g' = 2 sech(u) · (-sech(u) t) · h, h' = u'').
    """

    node_name = "GeluBackwardBackward0"

    @staticmethod
    def first(g: Tensor, x: Tensor, approximate: str) -> Tensor:
        if approximate == "none":
            return g * (normal_cdf(x) + x * normal_pdf(x))
        t, du = _tanh_parts(x)
        return g * ((t + 1) * 0.5 + x * 0.5 * (1 - t * t) * du)

    @staticmethod
    def second(g: Tensor, x: Tensor, approximate: str) -> Tensor:
        return g * GeluBackward.second_factor(x, approximate)

    @classmethod
    def curvature(cls, grad_grad: Tensor, grad: Tensor, x: Tensor, approximate: str) -> Tensor:
        """PyTorch's gelu_double_backward makes the factor first, then ggI · gO · factor."""
        factor = cls.second_factor(x, approximate)
        return grad_grad * grad * factor

    @staticmethod
    def second_factor(x: Tensor, approximate: str) -> Tensor:
        """f''(x), term by term in the order PyTorch's C++ makes them (a product's or a
        sum's right operand first)."""
        if approximate == "none":
            x2 = x * x
            pdf = times_number(times_number(x2, -0.5).exp(), 1 / math.sqrt(2 * math.pi))
            bend = x2 * pdf
            return times_number(pdf, 2) - bend
        u = times_number(x + times_number(x.pow(3), TANH_CUBIC), SQRT_2_OVER_PI)
        t, sech = u.tanh(), number_over(1, u.cosh())
        f, dt = times_number(x, 0.5), number_minus(1, t * t)
        h = times_number(plus_number(times_number(x, 3 * TANH_CUBIC) * x, 1), SQRT_2_OVER_PI)
        df_gh = times_number(dt, 0.5) * h
        slope = -sech * t
        dg = times_number(sech, 2) * slope * h
        dg_fh = f * h * dg
        dh = times_number(times_number(x, 6 * TANH_CUBIC), SQRT_2_OVER_PI)
        dh_fg = f * dt * dh
        return times_number(df_gh, 2) + dg_fh + dh_fg

    on_arrays = staticmethod(cpu32.gelu_backward)


class Gelu(Activation):
    """y = x Φ(x) = ½x(1 + erf(x/√2))   (approximate='tanh': ½x(1 + tanh(u)), u as above)
    dy/dx: see `GeluBackward`"""

    node_name = "GeluBackward0"
    saved_options = {"approximate": parameter(0)}
    kernel = "GeluKernelImpl"
    rule = GeluBackward

    @staticmethod
    def compute(xp: Any, x: Any, approximate: str) -> Any:
        if cpu32.applies(x):
            return cpu32.gelu_forward(x, approximate)
        if approximate == "none":
            return x * 0.5 * (1 + erf_array(x * math.sqrt(0.5), xp))
        u = SQRT_2_OVER_PI * (x + TANH_CUBIC * x * x * x)
        return 0.5 * x * (1 + xp.tanh(u))


# ---- hardtanh (and relu6) ---------------------------------------------------------------------

class HardtanhBackward(ActivationBackward):
    """out = grad where low < x < high, else 0      ∂out/∂x = 0"""

    node_name = "HardtanhBackwardBackward0"
    # (PyTorch's kernel walks grad and x together: the result in their layout, where
    # masked_fill's is row-major; a nan x keeps its gradient)
    first = staticmethod(lambda g, x, low, high: g.where(~((x <= low) | (x >= high)), 0.0))
    second = staticmethod(no_curvature)


class Hardtanh(Activation):
    """y = min(max(x, low), high)      dy/dx = 1 where low < x < high, else 0"""

    node_name = "HardtanhBackward0"
    saved_options = {"max_val": parameter(1), "min_val": parameter(0)}
    rule = HardtanhBackward
    compute = staticmethod(lambda xp, x, low, high: xp.clip(x, low, high))
    # (PyTorch's hardtanh writes into empty_like(x): x's strides when x is dense, those of
    # its size-1 dimensions too, as a clone's)
    result_layout = staticmethod(lambda raw, args: laid_out_like(args[0]._xp, raw, args[0]._data))

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, low: Any, high: Any) -> Any:
        from .operands import check_fits_dtype

        kind = x._data.dtype.kind
        if kind == "b":
            raise RuntimeError("Bool inputs not supported for hardtanh")
        if kind in "iu":  # (an integer x: the bounds are read as 64-bit integers first)
            for bound in (low, high):
                check_fits_dtype(bound, "int64")
        if kind == "u" and (low < 0 or high < 0):
            raise RuntimeError("cannot do hardtanh on an unsigned type with negative limits")
        for bound in (low, high):  # (PyTorch converts them for x's type, as clamp's bounds)
            check_fits_dtype(bound, x._data.dtype)
        return super().forward(ctx, x, low, high)


# ---- silu -------------------------------------------------------------------------------------

class KernelOrFormula(Elementwise):
    """An `Elementwise` whose rule PyTorch runs as a kernel (``kernel_backward(grad, x)`` on
    float32 arrays here) unless grad mode is on (``create_graph``): then as the tensor
    operations of ``derivative``, recorded and differentiable."""

    kernel_backward: Any = None

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        out = cls.kernel_gradient(grad, x)
        return super().backward(ctx, grad) if out is None else out

    @classmethod
    def kernel_gradient(cls, grad: Tensor, x: Tensor) -> Tensor | None:
        """``kernel_backward``'s gradient outside grad mode, laid out as PyTorch's kernel
        (a TensorIterator op of (grad, x): grad's layout first), or None where it does not
        apply."""
        if is_grad_enabled():
            return None
        out = float32_kernel(cls.kernel_backward, grad._data, x._data)
        return None if out is None else Tensor._make(operands_layout(out, (grad, x)))


class Silu(KernelOrFormula):
    """y = x σ(x)      dy/dx = σ(x) + x σ(x)(1 - σ(x)) = σ(x)(1 + x(1 - σ(x)))

    PyTorch records this rule as plain tensor operations under ``create_graph``, so it is an
    `Elementwise` (its derivative differentiated as written).
    """

    node_name = "SiluBackward0"
    kernel_backward = staticmethod(cpu32.silu_backward)

    @staticmethod
    def compute(xp: Any, x: Any) -> Any:
        out = float32_kernel(cpu32.silu_forward, x)
        return x * stable_sigmoid(xp, x) if out is None else out

    @staticmethod
    def derivative(x: Tensor) -> Tensor:
        s = x.sigmoid()
        return s * plus_number(x * number_minus(1, s), 1)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        """PyTorch's infinitely_differentiable_silu_backward, in its order:
        grad · σ · (1.0 + x · (1.0 - σ)) (its C++ 1.0 - σ and 1.0 + t: SubBackward0 with
        a None edge, AddBackward1)."""
        (x,) = ctx.saved_tensors
        out = cls.kernel_gradient(grad, x)
        if out is not None:
            return out
        s = x.sigmoid()
        slope = plus_number(x * number_minus(1, s), 1)  # (first: C++ evaluates a product's
        return grad * s * slope  # right operand first, so its nodes come first)

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        check_floating(x, "silu_cpu")
        return super().forward(ctx, x)
