"""More activations: selu and celu (scaled elus), mish, hardswish, hardsigmoid, threshold and
prelu (the one with a learned slope). Each is an `Activation` with PyTorch's node name; the
shared machinery is in ``activations.py``.
"""

from __future__ import annotations

from typing import Any

import numpy

from ..function import Function
from ..grad_mode import is_grad_enabled, no_grad
from ..node_saved_values import parameter
from ..tensor import Tensor
from . import activations_cpu32 as cpu32
from .activations import (
    Activation,
    ActivationBackward,
    KernelOrFormula,
    check_floating,
    float32_kernel,
    no_curvature,
    refuse_negative_slope,
)
from .arithmetic import DivNumber
from .cpp_numbers import number_minus, times_number
from .preserved_layout import operands_layout, swapped_operands_layout

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


# ---- the elu family: y = scale · x (x > 0), else scale · α (e^(x·s_in) - 1) --------------------

class ScaledEluBackward(ActivationBackward):
    """out = grad · scale where x > 0, else grad · scale · α · s_in · e^(x·s_in)
    ∂out/∂x = grad · scale · α · s_in² · e^(x·s_in) where x < 0, else 0"""

    node_name = "EluBackwardBackward0"

    @staticmethod
    def first(g: Tensor, x: Tensor, alpha: float, scale: float, s_in: float) -> Tensor:
        negative = g * (scale * alpha * s_in) * (x.clamp(max=0) * s_in).exp()
        return negative.where(x <= 0, g * scale)

    @staticmethod
    def second(g: Tensor, x: Tensor, alpha: float, scale: float, s_in: float) -> Tensor:
        """PyTorch's elu_double_backward: the rule again on g · s_in, kept where x < 0."""
        return ScaledEluBackward.apply(times_number(g, s_in), x, alpha, scale, s_in) * (x < 0)

    on_arrays = staticmethod(cpu32.elu_backward)


class ScaledElu(Activation):
    """y = scale · x where x > 0, else scale · α (e^(x·s_in) - 1)
    (selu: α ≈ 1.6733, scale ≈ 1.0507, s_in = 1;  celu: scale = 1, s_in = 1/α)"""

    node_name = "EluBackward0"
    saved_options = {"alpha": parameter(0), "input_scale": parameter(2), "scale": parameter(1)}
    kernel = "elu_cpu"
    rule = ScaledEluBackward

    @staticmethod
    def compute(xp: Any, x: Any, alpha: float, scale: float, s_in: float) -> Any:
        if cpu32.applies(x):
            return cpu32.elu_forward(x, alpha, scale, s_in)
        return xp.where(x > 0, x * scale, (scale * alpha) * xp.expm1(xp.minimum(x, 0) * s_in))


class ScaledEluResultBackward(ScaledEluBackward):
    """`ScaledEluBackward` of an in-place selu or celu, from the saved result y (as PyTorch's
    kernel): out = grad · scale where y > 0, else grad · s_in · (y + scale · α)
    ∂out/∂y = grad · s_in where y < 0, else 0   (elu_double_backward with is_result)"""

    node_name = "EluBackwardBackward0"  # (PyTorch's one node for both forms)

    @staticmethod
    def first(g: Tensor, y: Tensor, alpha: float, scale: float, s_in: float) -> Tensor:
        return (g * s_in * (y + scale * alpha)).where(y <= 0, g * scale)

    @staticmethod
    def second(g: Tensor, y: Tensor, alpha: float, scale: float, s_in: float) -> Tensor:
        return times_number(g, s_in) * (y < 0)  # (C++ g · input_scale: MulBackward1)

    on_arrays = staticmethod(cpu32.elu_backward_from_result)

    @classmethod
    def forward(cls, ctx: Any, grad: Tensor, y: Tensor, *params: Any) -> Any:
        refuse_negative_slope("elu", params[0])  # (celu's α < 0)
        return super().forward(ctx, grad, y, *params)


class ScaledEluInplace(ScaledElu):
    """selu written into its input (``F.selu(x, inplace=True)``); its node keeps the result."""

    node_name = "EluBackward1"
    rule = ScaledEluResultBackward
    saved_tensor_names = ("result",)
    saves_result = True


class Celu(ScaledElu):
    """y = max(0, x) + min(0, α (e^(x/α) - 1))"""

    node_name = "CeluBackward0"
    saved_options = {"alpha": parameter(0)}

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        """PyTorch's rule: elu_backward with input_scale 1.0 / alpha.toFloat() (α rounded to
        float32 first, unlike the forward's 1 / α in double), of x (of y in place)."""
        (x,) = ctx.saved_tensors
        alpha, scale, _ = ctx.params
        s_in = 1.0 / float(numpy.float32(alpha))
        return cls.rule.apply(grad, x, alpha, scale, s_in), None, None, None


class CeluInplace(Celu):
    """celu written into its input; its node keeps the result (and alpha, as PyTorch's)."""

    node_name = "CeluBackward1"
    rule = ScaledEluResultBackward
    saved_tensor_names = ("result",)
    saves_result = True


# ---- mish -------------------------------------------------------------------------------------

class Mish(KernelOrFormula):
    """y = x · tanh(softplus(x))
    dy/dx = tanh(sp) + x · σ(x) · (1 - tanh²(sp)),  sp = softplus(x) = ln(1 + eˣ)

    PyTorch records this rule as plain tensor operations under ``create_graph``.
    """

    node_name = "MishBackward0"
    kernel_backward = staticmethod(cpu32.mish_backward)

    @staticmethod
    def compute(xp: Any, x: Any) -> Any:
        out = float32_kernel(cpu32.mish_forward, x)
        return x * xp.tanh(xp.logaddexp(0, x)) if out is None else out

    @staticmethod
    def derivative(x: Tensor) -> Tensor:
        # (PyTorch's infinitely_differentiable_mish_backward: its softplus is x.exp().log1p(),
        # its 1.0 - t² a SubBackward0 with a None edge)
        s = x.sigmoid()  # (first, as PyTorch's; then, as C++ evaluates a sum's and a
        t = x.exp().log1p().tanh()  # product's right operand first, 1 - t² before x · σ)
        flat = number_minus(1, t * t)
        return t + x * s * flat

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        check_floating(x, "mish_cpu")
        return super().forward(ctx, x)


# ---- hardswish, hardsigmoid -------------------------------------------------------------------

class HardswishBackward(ActivationBackward):
    """out = 0 where x ≤ -3, grad · (x/3 + 1/2) where -3 < x < 3, else grad
    ∂out/∂x = grad / 3 where -3 < x < 3, else 0"""

    node_name = "HardswishBackwardBackward0"

    @staticmethod
    def first(g: Tensor, x: Tensor) -> Tensor:
        middle = (g * (x / 3 + 0.5)).where(x < 3, g)
        return middle.masked_fill(x <= -3, 0.0)

    @staticmethod
    def second(g: Tensor, x: Tensor) -> Tensor:
        """As PyTorch's: where(-3 < x < 3, g / 3, 0)."""
        return DivNumber.apply(g, 3.0).where((x > -3) & (x < 3), 0.0)


class Hardswish(Activation):
    """y = x · min(max(x + 3, 0), 6) / 6"""

    node_name = "HardswishBackward0"
    kernel = "hardswish_cpu"
    rule = HardswishBackward
    compute = staticmethod(lambda xp, x: x * xp.clip(x + 3, 0, 6) / 6)


class NoDerivative(Function):
    """out = ``values``, a gradient computed without recording, for a backward rule that
    PyTorch defines no derivative for (``aten_name``): under ``create_graph`` its node is
    ``NotImplemented``, with an edge to each of the rule's inputs that requires grad (and
    none for the others), and a second derivative through it is an error."""

    node_name = "NotImplemented"
    non_inputs = (0,)
    aten_name: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        cls.node_name = "NotImplemented"  # (each rule's node, not only this class's)
        super().__init_subclass__(**kwargs)

    @staticmethod
    def forward(ctx: Any, values: Tensor, *needed: Tensor) -> Any:
        return values._data

    @classmethod
    def backward(cls, ctx: Any, *grads: Any) -> Any:
        raise RuntimeError(f"derivative for aten::{cls.aten_name} is not implemented")

    @classmethod
    def recorded(cls, values: Tensor, *inputs: Tensor | None) -> Tensor:
        """``values`` as the rule's output: recorded when grad mode is on and one of the
        rule's ``inputs`` requires grad."""
        needed = [t for t in inputs if t is not None and t.requires_grad]
        if not needed or not is_grad_enabled():
            return values
        return cls.apply(values, *needed)


class HardsigmoidBackward(NoDerivative):
    """out = grad / 6 where -3 < x < 3, else 0"""

    aten_name = "hardsigmoid_backward"


ONE_SIXTH_FLOAT32 = float(numpy.float32(1 / 6))


class Hardsigmoid(Activation):
    """y = min(max(x + 3, 0), 6) / 6      dy/dx = 1/6 where -3 < x < 3, else 0

    (PyTorch's kernel multiplies by the float32 1/6, in float64 too.)"""

    node_name = "HardsigmoidBackward0"
    kernel = "hardsigmoid_cpu"
    compute = staticmethod(lambda xp, x: xp.clip(x + 3, 0, 6) / 6)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        outside = ~((x > -3) & (x < 3))  # (NaN too, as PyTorch's kernel)
        if is_grad_enabled() and _finding_tangents():  # (PyTorch's forward AD has a formula)
            return (grad * ONE_SIXTH_FLOAT32).masked_fill(outside, 0.0)
        with no_grad():  # (row-major; PyTorch's kernel walks (grad, x): laid out so)
            values = (grad * ONE_SIXTH_FLOAT32).masked_fill(outside, 0.0)
        values = Tensor._make(operands_layout(values._data, (grad, x)))
        return HardsigmoidBackward.recorded(values, grad, x)


def _finding_tangents() -> bool:
    """Whether forward AD's double-vjp trick is running (see autograd.forward_ad): it needs
    a rule it can differentiate, even where PyTorch has no double backward."""
    from ..autograd.forward_ad import Tangents

    return Tangents.paused > 0


# ---- threshold --------------------------------------------------------------------------------

class ThresholdBackward(ActivationBackward):
    """out = grad where x > threshold, else 0      ∂out/∂x = 0"""

    node_name = "ThresholdBackwardBackward0"
    result_layout = staticmethod(swapped_operands_layout)  # (PyTorch's kernel walks (x, grad))
    first = staticmethod(lambda g, x, threshold, value: g.masked_fill(x <= threshold, 0.0))
    second = staticmethod(no_curvature)


class Threshold(Activation):
    """y = x where x > threshold, else value"""

    node_name = "ThresholdBackward0"
    saved_options = {"threshold": parameter(0)}
    rule = ThresholdBackward
    compute = staticmethod(  # (NaN is kept, as PyTorch's x <= threshold ? value : x)
        lambda xp, x, threshold, value: xp.where(x <= threshold, value, x))


class ThresholdInplace(Threshold):
    """threshold written into its input."""

    node_name = "ThresholdBackward1"


# ---- prelu ------------------------------------------------------------------------------------

class Prelu(Function):
    """y = x where x > 0, else w · x  (w broadcast over x: one slope, or one per channel)

    ∂L/∂x = grad where x > 0, else grad · w;   ∂L/∂w = Σ grad · min(x, 0) over the
    dimensions w is broadcast along
    """

    node_name = "PreluKernelBackward0"
    saved_tensor_names = ("self", "weight")

    @staticmethod
    def forward(ctx: Any, x: Tensor, w: Tensor) -> Any:
        data = x._data
        ctx.save_for_backward(x, w)
        return x._xp.where(data > 0, data, data * w._data).astype(data.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        """PyTorch's rule is an operation of its own, `PreluKernelBackward` (so a second
        derivative goes through its node); w's gradient is then summed to w's shape."""
        x, w = ctx.saved_tensors
        needs_x, needs_w = ctx.needs_input_grad
        grad_x, grad_w = PreluKernelBackward.apply(grad, x, w)
        if needs_w:
            axes = tuple(i for i in range(x.dim()) if w.shape[i] == 1 and x.shape[i] != 1)
            if axes:
                grad_w = grad_w.sum(axes, keepdim=True)
        return grad_x if needs_x else None, grad_w if needs_w else None


def _sum_right_first(a: Tensor, b: Tensor, right: Tensor) -> Tensor:
    """a · b + right, with right (already made) first: C++ evaluates a sum's right operand
    first, so under create_graph its nodes come first."""
    return a * b + right


class PreluKernelBackward(Function):
    """(grad_x, grad_w) = (grad where x > 0, else grad · w;   grad · min(x, 0))
    (grad_w not yet summed over the dimensions w is broadcast along)

    With g₀, g₁ arriving at grad_x and grad_w (PyTorch's formulas, which take x = 0 as
    positive):
    ∂/∂grad = g₀ where x ≥ 0, else g₀ · w + g₁ · x
    ∂/∂x = 0 where x ≥ 0, else grad · g₁          ∂/∂w = 0 where x ≥ 0, else grad · g₀
    """

    node_name = "PreluKernelBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, x: Tensor, w: Tensor) -> Any:
        ctx.save_for_backward(grad, x, w)
        ctx.set_materialize_grads(False)
        # (x > 0 picks grad, as PyTorch's kernel: a NaN x takes grad · w; both laid out as
        # that kernel's TensorIterator walks its inputs: x, w, grad)
        return (operands_layout(grad.where(x > 0, grad * w)._data, (x, w, grad)),
                operands_layout((grad * x.clamp(max=0))._data, (x, w, grad)))

    @staticmethod
    def backward(ctx: Any, gg_x: Any, gg_w: Any) -> tuple[Any, Any, Any]:
        from . import where

        grad, x, w = ctx.saved_tensors
        needs_grad, needs_x, needs_w = ctx.needs_input_grad
        positive = x >= 0
        for_grad = for_x = for_w = None
        if needs_grad:
            if gg_x is None:
                for_grad = where(positive, 0.0, gg_w * x)
            else:
                negative = gg_x * w if gg_w is None else _sum_right_first(gg_x, w, gg_w * x)
                for_grad = where(positive, gg_x, negative)
        if needs_x:
            for_x = x.new_zeros(x.shape) if gg_w is None else where(positive, 0.0, grad * gg_w)
        if needs_w:
            for_w = x.new_zeros(x.shape) if gg_x is None else where(positive, 0.0, grad * gg_x)
        return for_grad, for_x, for_w
