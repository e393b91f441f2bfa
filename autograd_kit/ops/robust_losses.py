"""The losses that grow only linearly for large errors: ``smooth_l1_loss`` and ``huber_loss``.

Both are quadratic near zero and linear far away, so one outlier cannot dominate the
gradient. As in PyTorch each is one operation with one backward node
(``SmoothL1LossBackward0``, ``HuberLossBackward0``). The backward rules are written with
tensor operations (a ``clamp`` of the difference), so ``create_graph=True`` works.

(``l1_loss`` needs no rule of its own: PyTorch builds it from ``abs`` and ``mean``/``sum``.)
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor
from .nn_ops import _reduce, _spread
from .operands import arrays, check_broadcast


class _QuadraticNearZero(Function):
    """loss_i = piece(|d_i|) with d_i = x_i - t_i, then reduced; ∂loss/∂x_i = slope(d_i) · g
    (g = grad, divided by n for the mean) and ∂loss/∂t_i = -∂loss/∂x_i.

    Each loss gives ``piece`` (on arrays) and ``slope`` (with tensor operations, so that
    ``create_graph=True`` works); ``width`` is its β or δ.
    """

    @staticmethod
    def piece(xp: Any, z: Any, width: float) -> Any:
        raise NotImplementedError

    @staticmethod
    def slope(d: Tensor, width: float) -> Tensor:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, target: Tensor, reduction: str, width: float) -> Any:
        check_broadcast(x._data.shape, target._data.shape)
        xp = x._xp
        x_data, t_data = arrays(x, target)  # PyTorch's result type (an int target: x's)
        z = xp.abs(x_data - t_data)
        loss = cls.piece(xp, z, width)
        ctx.save_for_backward(x, target)
        ctx.reduction, ctx.count, ctx.width = reduction, loss.size, width
        return _reduce(xp, loss.astype(z.dtype, copy=False), reduction)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        x, target = ctx.saved_tensors
        g = cls.slope(x - target, ctx.width) * _spread(grad, ctx.reduction, ctx.count)
        return g, (-g if ctx.needs_input_grad[1] else None), None, None


class SmoothL1Loss(_QuadraticNearZero):
    """With d_i = x_i - t_i (β > 0)::

        loss_i = 0.5 d_i² / β     if |d_i| < β
                 |d_i| - 0.5 β    otherwise

        ∂loss/∂x_i = clamp(d_i, -β, β) / β · g      (g = grad, divided by n for the mean)
        ∂loss/∂t_i = -∂loss/∂x_i
    """

    node_name = "SmoothL1LossBackward0"
    piece = staticmethod(lambda xp, z, beta: xp.where(z < beta, 0.5 * z * z / beta,
                                                      z - 0.5 * beta))
    slope = staticmethod(lambda d, beta: d.clamp(-beta, beta) / beta)


class HuberLoss(_QuadraticNearZero):
    """With d_i = x_i - t_i (δ > 0)::

        loss_i = 0.5 d_i²                if |d_i| < δ
                 δ (|d_i| - 0.5 δ)       otherwise

        ∂loss/∂x_i = clamp(d_i, -δ, δ) · g           (g = grad, divided by n for the mean)
        ∂loss/∂t_i = -∂loss/∂x_i

    (Huber with δ is δ times SmoothL1 with β = δ.)
    """

    node_name = "HuberLossBackward0"
    piece = staticmethod(lambda xp, z, delta: xp.where(z < delta, 0.5 * z * z,
                                                       delta * (z - 0.5 * delta)))
    slope = staticmethod(lambda d, delta: d.clamp(-delta, delta))
