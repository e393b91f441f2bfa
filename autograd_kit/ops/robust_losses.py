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
from .operands import check_broadcast


class SmoothL1Loss(Function):
    """With d_i = x_i - t_i (β > 0)::

        loss_i = 0.5 d_i² / β     if |d_i| < β
                 |d_i| - 0.5 β    otherwise

        ∂loss/∂x_i = clamp(d_i, -β, β) / β · g      (g = grad, divided by n for the mean)
        ∂loss/∂t_i = -∂loss/∂x_i
    """

    node_name = "SmoothL1LossBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, target: Tensor, reduction: str, beta: float) -> Any:
        check_broadcast(x._data.shape, target._data.shape)
        xp = x._xp
        z = xp.abs(x._data - target._data)
        loss = xp.where(z < beta, 0.5 * z * z / beta, z - 0.5 * beta)
        ctx.save_for_backward(x, target)
        ctx.reduction, ctx.count, ctx.beta = reduction, loss.size, beta
        return _reduce(xp, loss.astype(z.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        x, target = ctx.saved_tensors
        beta = ctx.beta
        g = (x - target).clamp(-beta, beta) / beta * _spread(grad, ctx.reduction, ctx.count)
        return g, (-g if ctx.needs_input_grad[1] else None), None, None


class HuberLoss(Function):
    """With d_i = x_i - t_i (δ > 0)::

        loss_i = 0.5 d_i²                if |d_i| < δ
                 δ (|d_i| - 0.5 δ)       otherwise

        ∂loss/∂x_i = clamp(d_i, -δ, δ) · g           (g = grad, divided by n for the mean)
        ∂loss/∂t_i = -∂loss/∂x_i

    (Huber with δ is δ times SmoothL1 with β = δ.)
    """

    node_name = "HuberLossBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, target: Tensor, reduction: str, delta: float) -> Any:
        check_broadcast(x._data.shape, target._data.shape)
        xp = x._xp
        z = xp.abs(x._data - target._data)
        loss = xp.where(z < delta, 0.5 * z * z, delta * (z - 0.5 * delta))
        ctx.save_for_backward(x, target)
        ctx.reduction, ctx.count, ctx.delta = reduction, loss.size, delta
        return _reduce(xp, loss.astype(z.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        x, target = ctx.saved_tensors
        delta = ctx.delta
        g = (x - target).clamp(-delta, delta) * _spread(grad, ctx.reduction, ctx.count)
        return g, (-g if ctx.needs_input_grad[1] else None), None, None
