"""The losses that grow only linearly for large errors: ``smooth_l1_loss`` and ``huber_loss``.

Both are quadratic near zero and linear far away, so one outlier cannot dominate the
gradient. As in PyTorch each is one operation with one backward node
(``SmoothL1LossBackward0``, ``HuberLossBackward0``), whose rule is an operation of its own
(`SmoothL1LossBackward`, `HuberLossBackward`: a ``clamp`` of the difference, written with
tensor operations), so ``create_graph=True`` works and names its nodes as PyTorch does.

(``l1_loss`` needs no rule of its own: PyTorch builds it from ``abs`` and ``mean``/``sum``.)
"""

from __future__ import annotations

from typing import Any

import numpy

from ..dtypes import scalar_type_word
from ..function import Function
from ..node_saved_values import reduction
from ..tensor import Tensor
from .arithmetic import DivNumber
from .loss_rules import LossBackward, reduce_losses
from .operands import arrays, check_broadcast
from .sleef_float32 import cpu_loop


class _QuadraticNearZero(Function):
    """loss_i = piece(|d_i|) with d_i = x_i - t_i, then reduced; ∂loss/∂x_i and
    ∂loss/∂t_i = -∂loss/∂x_i are computed by ``rule`` (a `LossBackward`).

    Each loss gives ``piece`` (on arrays) and its ``rule``; ``width`` is its β or δ.
    """

    rule: type[LossBackward]
    in_input_dtype = False  # (huber: each loss worked out in the wider dtype, rounded to x's)

    @staticmethod
    def piece(xp: Any, z: Any, width: float) -> Any:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, target: Tensor, reduction: str, width: float) -> Any:
        check_broadcast(x._data.shape, target._data.shape)
        xp = x._xp
        x_data, t_data = arrays(x, target)  # PyTorch's result type (an int target: x's)
        z = xp.abs(x_data - t_data)
        loss = cls.piece(xp, z, width)
        ctx.save_for_backward(x, target)
        ctx.reduction, ctx.width = reduction, width
        ctx.dtypes = (x._data.dtype, target._data.dtype)  # (huber refuses them mixed)
        kind = x._data.dtype if cls.in_input_dtype else z.dtype
        return reduce_losses(xp, loss.astype(kind, copy=False), reduction)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        return (*cls.rule.of_difference(ctx, grad, ctx.width), None, None)


class SmoothL1LossBackward(LossBackward):
    """out = clamp(d, -β, β) / β · g      ∂out/∂x = g / β where |d| < β, else 0 = -∂out/∂t"""

    node_name = "SmoothL1LossBackwardBackward0"
    scales_last = True
    first = staticmethod(lambda g, x, t, beta: (x - t).clamp(-beta, beta) / beta * g)
    # (C++ grad * mask / beta: a division by a number, DivBackward1)
    second = staticmethod(lambda g, x, t, beta: DivNumber.apply(g * ((x - t).abs() < beta), beta))

    @staticmethod
    def in_pytorch_order(g: Any, x: Any, t: Any, w: Any, count: int | None,
                         beta: float) -> Any:
        """With norm = 1/n for the mean, else 1 — whole vectors: norm · (±1 or d / β) · g;
        the rest: ±norm · g, or (norm · d · g) / β with β in double precision (PyTorch's
        two loops)."""
        n, b = f32(1 / count if count else 1), f32(beta)

        def vectors(x: Any, t: Any, g: Any) -> Any:
            d = x - t
            return (n * numpy.where(numpy.abs(d) >= b, _sign(d), d / b)) * g

        def rest(x: Any, t: Any, g: Any) -> Any:
            d = x - t
            inside = ((n * d) * g / numpy.float64(beta)).astype(f32)
            return numpy.where(d <= -b, -n * g, numpy.where(d >= b, n * g, inside))

        return _float32_loop(vectors, rest, g, x, t)


class HuberLossBackward(LossBackward):
    """out = clamp(d, -δ, δ) · g          ∂out/∂x = g where |d| < δ, else 0 = -∂out/∂t"""

    node_name = "HuberLossBackwardBackward0"
    scales_last = True
    first = staticmethod(lambda g, x, t, delta: (x - t).clamp(-delta, delta) * g)
    second = staticmethod(lambda g, x, t, delta: g * ((x - t).abs() < delta))

    @staticmethod
    def in_pytorch_order(g: Any, x: Any, t: Any, w: Any, count: int | None,
                         delta: float) -> Any:
        """With norm = 1/n for the mean, else 1 — whole vectors: norm · (±δ or d) · g;
        the rest: (±norm · g) · δ with δ in double precision, or norm · d · g (PyTorch's
        two loops)."""
        n, b = f32(1 / count if count else 1), f32(delta)

        def vectors(x: Any, t: Any, g: Any) -> Any:
            d = x - t
            return (n * numpy.where(numpy.abs(d) >= b, _sign(d) * b, d)) * g

        def rest(x: Any, t: Any, g: Any) -> Any:
            d = x - t
            edge = ((n * g) * numpy.float64(delta)).astype(f32)
            return numpy.where(d <= -b, -edge, numpy.where(d >= b, edge, (n * d) * g))

        return _float32_loop(vectors, rest, g, x, t)


f32 = numpy.float32


def _sign(d: Any) -> Any:
    """1 where d > 0, else -1 (PyTorch's blend; d is never 0 where it is used)."""
    return numpy.where(d > 0, f32(1), f32(-1))


def _float32_loop(vectors: Any, rest: Any, g: Any, x: Any, t: Any) -> Any:
    """Run a float32 kernel PyTorch's way (whole vectors of 16, then one value at a time);
    None for other dtypes (their ``first`` is used)."""
    if x.dtype != f32:
        return None
    return cpu_loop(vectors, rest, x, t, numpy.broadcast_to(g, x.shape), block=16)


class SmoothL1Loss(_QuadraticNearZero):
    """With d_i = x_i - t_i (β > 0)::

        loss_i = 0.5 d_i² / β     if |d_i| < β
                 |d_i| - 0.5 β    otherwise

        ∂loss/∂x_i = clamp(d_i, -β, β) / β · g      (g = grad, divided by n for the mean)
        ∂loss/∂t_i = -∂loss/∂x_i
    """

    node_name = "SmoothL1LossBackward0"
    saved_tensor_names = ("self", "target")
    saved_options = {"beta": "width", "reduction": reduction()}
    rule = SmoothL1LossBackward
    piece = staticmethod(lambda xp, z, beta: xp.where(z < beta, 0.5 * z * z / beta,
                                                      z - 0.5 * beta))


class HuberLoss(_QuadraticNearZero):
    """With d_i = x_i - t_i (δ > 0)::

        loss_i = 0.5 d_i²                if |d_i| < δ
                 δ (|d_i| - 0.5 δ)       otherwise

        ∂loss/∂x_i = clamp(d_i, -δ, δ) · g           (g = grad, divided by n for the mean)
        ∂loss/∂t_i = -∂loss/∂x_i

    (Huber with δ is δ times SmoothL1 with β = δ.)
    """

    node_name = "HuberLossBackward0"
    in_input_dtype = True
    saved_tensor_names = ("self", "target")
    saved_options = {"delta": "width", "reduction": reduction()}
    rule = HuberLossBackward
    piece = staticmethod(lambda xp, z, delta: xp.where(z < delta, 0.5 * z * z,
                                                       delta * (z - 0.5 * delta)))

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        """PyTorch's huber_loss_backward writes into a tensor of x's dtype with the target
        as an operand of its own dtype, which its kernel refuses when they differ (the
        forward took them mixed: float64 targets from NumPy beside float32 outputs)."""
        x_dtype, target_dtype = ctx.dtypes
        if target_dtype != x_dtype:
            raise RuntimeError(f"Found dtype {scalar_type_word(target_dtype.name)} but "
                               f"expected {scalar_type_word(x_dtype.name)}")
        return super().backward(ctx, grad)
