"""The rules of the shrink activations, rrelu and glu: each a recorded
operation with PyTorch's node name (``nn.functional`` calls them: nn/functional_extra.py).
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim, parameter
from ..tensor import Tensor
from .activations import Activation, ActivationBackward, no_curvature, refuse_negative_slope
from .preserved_layout import row_major_result, swapped_operands_layout
from .unary import stable_sigmoid


class HardshrinkBackward(ActivationBackward):
    """out = grad where |x| > λ, else 0      ∂out/∂x = 0"""

    node_name = "HardshrinkBackwardBackward0"
    first = staticmethod(lambda g, x, lambd: g.masked_fill(x.abs() <= lambd, 0.0))
    second = staticmethod(no_curvature)


class Hardshrink(Activation):
    """y = x where |x| > λ, else 0      dy/dx = 1 where |x| > λ, else 0"""

    node_name = "HardshrinkBackward0"
    saved_options = {"lambd": parameter(0)}
    kernel = "hardshrink_cpu"
    rule = HardshrinkBackward
    compute = staticmethod(lambda xp, x, lambd: xp.where(xp.abs(x) <= lambd, 0, x))  # (NaN: x)


class SoftshrinkBackward(HardshrinkBackward):
    """out = grad where |x| > λ, else 0      ∂out/∂x = 0 (as hardshrink's)"""

    node_name = "SoftshrinkBackwardBackward0"


class Softshrink(Activation):
    """y = x - λ where x > λ, x + λ where x < -λ, else 0      dy/dx = 1 where |x| > λ, else 0"""

    node_name = "SoftshrinkBackward0"
    saved_options = {"lambd": parameter(0)}
    kernel = "softshrink_check"
    rule = SoftshrinkBackward
    compute = staticmethod(
        lambda xp, x, lambd: xp.where(x > lambd, x - lambd, xp.where(x < -lambd, x + lambd, x * 0)))


class RreluBackward(ActivationBackward):
    """out = grad · noise (the slope of each x: drawn while training, (lower + upper) / 2
    outside it, 1 where x > 0)      ∂out/∂x = 0"""

    node_name = "RreluWithNoiseBackwardBackward0"
    first = staticmethod(lambda g, x, noise: g * Tensor._make(noise))
    second = staticmethod(no_curvature)
    result_layout = staticmethod(row_major_result)  # (PyTorch's while training)


class RreluEvalBackward(RreluBackward):
    """`RreluBackward` outside training, where PyTorch runs leaky_relu_backward with the
    middle slope: a kernel that walks (x, grad), laid out so."""

    node_name = "RreluWithNoiseBackwardBackward0"  # (PyTorch's one node for both)
    result_layout = staticmethod(swapped_operands_layout)


class Rrelu(Activation):
    """y = x · a, a = 1 where x > 0, else a slope: drawn from U(lower, upper) for each value
    while training, (lower + upper) / 2 otherwise (``noise`` holds the a's)
    dy/dx = a"""

    node_name = "RreluWithNoiseBackward0"
    kernel = "rrelu_with_noise_out_cpu"
    rule = RreluBackward
    saved_options = {"lower": None, "noise": "shown_noise", "training": None, "upper": None}
    compute = staticmethod(lambda xp, x, noise: x * noise)
    result_layout = staticmethod(row_major_result)  # (PyTorch's, whatever x's layout)

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, noise: Any, lower: float, upper: float,
                training: bool) -> Any:
        ctx.lower, ctx.upper, ctx.training = lower, upper, training
        # (PyTorch's noise outside training is left unwritten: shown here as zeros)
        ctx.shown_noise = Tensor._make(noise if training else x._xp.zeros_like(noise))
        return super().forward(ctx, x, noise)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        (x,) = ctx.saved_tensors
        rule = cls.rule if ctx.training else RreluEvalBackward
        return rule.apply(grad, x, *ctx.params), None, None, None, None


class RreluInplace(Rrelu):
    """rrelu written into its input (``F.rrelu(x, inplace=True)``, ``F.rrelu_``): its node
    keeps the result, not x (the rule reads only the noise)."""

    node_name = "RreluWithNoiseBackward1"
    saved_tensor_names = ("result",)
    saves_result = True

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        if not ctx.training:  # (PyTorch's in-place leaky_relu rule, with the middle slope)
            refuse_negative_slope("leakyReLu", (ctx.lower + ctx.upper) / 2)
        return super().backward(ctx, grad)


def rrelu_noise(x: Tensor, lower: float, upper: float, training: bool) -> Any:
    """Each value's slope: 1 where x > 0; else one draw from U(lower, upper) (in double
    precision, in reading order, as PyTorch draws them) while training, else the middle."""
    from .. import random

    data, xp = x._data, x._xp
    negative = data <= 0
    noise = xp.ones(data.shape, dtype=data.dtype)
    if not training:  # (leaky_relu with the middle slope: NaN takes it too)
        noise[~(data > 0)] = (lower + upper) / 2
        return noise
    count = int(negative.sum())
    if count:  # (the bounds in the input's precision first, as PyTorch's kernel takes them)
        low, high = (float(data.dtype.type(bound)) for bound in (lower, upper))
        unit = random.uniform((count,), x.device, 0.0, 1.0, "float64")
        noise[negative] = unit * (high - low) + low  # (not fused, as PyTorch's kernel)
    return noise


class Glu(Function):
    """y = a · σ(b), [a, b] the two halves of x along ``dim``
    ∂L/∂a = g · σ(b),   ∂L/∂b = g · a · σ(b)(1 - σ(b))   (joined back along ``dim``)"""

    node_name = "GluBackward0"
    saved_options = {"dim": given_dim("given_dim")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Any:
        ctx.save_for_backward(x)
        ctx.dim = dim % x._data.ndim  # (shown as given: a negative dim unsigned)
        ctx.given_dim = dim
        a, b = x._xp.split(x._data, 2, axis=dim)
        return a * stable_sigmoid(x._xp, b)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        (x,) = ctx.saved_tensors
        return GluBackward.apply(grad, x, ctx.dim), None


class GluBackward(Function):
    """out = [g · s, g · a · s(1 - s)],  s = σ(b)  (glu's gradient, itself differentiable):
    with G = [G_a, G_b] arriving,  ∂/∂g = G_a · s + G_b · a · s(1 - s),
    ∂/∂a = G_b · g · s(1 - s),  ∂/∂b = (G_a + G_b · a · (1 - 2s)) · g · s(1 - s)"""

    node_name = "GluBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, x: Tensor, dim: int) -> Any:
        ctx.save_for_backward(grad, x)
        ctx.dim = dim
        xp = x._xp
        a, b = xp.split(x._data, 2, axis=dim)
        s = stable_sigmoid(xp, b)
        g = grad._data
        return xp.concatenate([g * s, g * a * s * (1 - s)], axis=dim)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, Any, None]:
        from ..ops import cat

        grad, x = ctx.saved_tensors
        a, b = x.chunk(2, ctx.dim)
        gg_a, gg_b = gg.chunk(2, ctx.dim)
        s = b.sigmoid()
        slope = s * (1 - s)
        d_grad = gg_a * s + gg_b * a * slope
        d_x = cat([gg_b * grad * slope, (gg_a + gg_b * a * (1 - 2 * s)) * grad * slope],
                  ctx.dim)
        return d_grad, d_x, None
