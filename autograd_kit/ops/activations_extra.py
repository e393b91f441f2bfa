"""The rules of the shrink activations, rrelu (outside training) and glu: each a recorded
operation with PyTorch's node name (``nn.functional`` calls them: nn/functional_extra.py).
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim, parameter
from ..tensor import Tensor
from .activations import Activation, ActivationBackward
from .unary import stable_sigmoid


class HardshrinkBackward(ActivationBackward):
    """out = grad where |x| > λ, else 0      ∂out/∂x = 0"""

    node_name = "HardshrinkBackwardBackward0"
    first = staticmethod(lambda g, x, lambd: g.masked_fill(x.abs() <= lambd, 0.0))
    second = staticmethod(lambda g, x, lambd: g * 0.0)


class Hardshrink(Activation):
    """y = x where |x| > λ, else 0      dy/dx = 1 where |x| > λ, else 0"""

    node_name = "HardshrinkBackward0"
    saved_options = {"lambd": parameter(0)}
    kernel = "hardshrink_cpu"
    rule = HardshrinkBackward
    compute = staticmethod(lambda xp, x, lambd: xp.where(xp.abs(x) > lambd, x, 0))


class SoftshrinkBackward(HardshrinkBackward):
    """out = grad where |x| > λ, else 0      ∂out/∂x = 0 (as hardshrink's)"""

    node_name = "SoftshrinkBackwardBackward0"


class Softshrink(Activation):
    """y = x - λ where x > λ, x + λ where x < -λ, else 0      dy/dx = 1 where |x| > λ, else 0"""

    node_name = "SoftshrinkBackward0"
    saved_options = {"lambd": parameter(0)}
    kernel = "softshrink_cpu"
    rule = SoftshrinkBackward
    compute = staticmethod(
        lambda xp, x, lambd: xp.where(x > lambd, x - lambd, xp.where(x < -lambd, x + lambd, x * 0)))


class RreluBackward(ActivationBackward):
    """out = grad where x ≥ 0, else grad · a      ∂out/∂x = 0"""

    node_name = "RreluWithNoiseBackwardBackward0"
    first = staticmethod(lambda g, x, slope: (g * slope).where(x < 0, g))
    second = staticmethod(lambda g, x, slope: g * 0.0)


class Rrelu(Activation):
    """y = x where x ≥ 0, else a · x (a = (lower + upper) / 2 outside training)
    dy/dx = 1 where x ≥ 0, else a"""

    node_name = "RreluWithNoiseBackward0"
    kernel = "rrelu_with_noise_out_cpu"
    rule = RreluBackward
    compute = staticmethod(lambda xp, x, slope: xp.where(x >= 0, x, x * slope))


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
