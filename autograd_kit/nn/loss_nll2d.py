"""`NllLoss2d`: the negative log-likelihood of scores with spatial dimensions, (N, C, H, W),
recorded on the scores themselves as PyTorch's ``NllLoss2DBackward0`` (its gradient node,
``NllLoss2DBackwardBackward0``, under create_graph). Scores (N, C, d) or (N, C, d1, d2, d3, …)
are viewed as (N, C, 1, d1·d2·…) first, as PyTorch does.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim, reduction
from ..ops.nn_ops import nll_reduced_rows, picked_gradient
from ..ops.operands import zero_gradient
from ..tensor import Tensor


class NllLoss2d(Function):
    """loss[n, h, w] = -w[t] · logp[n, t, h, w]   (t = target[n, h, w]; 0 where t is
    ignore_index); 'mean' divides the sum by Σ w[t] over the counted positions.

    ∂loss/∂logp[n, c, h, w] = -w[t] · g[n, h, w] where c = t, else 0: a constant "picker"
    times the incoming gradient, applied by `NllLoss2dBackward`.
    """

    node_name = "NllLoss2DBackward0"
    non_inputs = (1, 2)  # the class indices and the weight
    saved_tensor_names = ("self", "target", "weight", "total_weight")
    saved_options = {"ignore_index": given_dim("ignore_index"), "reduction": reduction()}

    @staticmethod
    def forward(ctx: Any, logp: Tensor, target: Tensor, weight: Tensor | None,
                reduction: str, ignore_index: int) -> Any:
        xp, data = logp._xp, logp._data
        classes = data.shape[1]
        rows = xp.moveaxis(data, 1, -1).reshape(-1, classes)
        labels = target._data.reshape(-1)
        picker, out, total, ctx.divisor = nll_reduced_rows(xp, rows, labels, weight, reduction,
                                                           ignore_index)
        if reduction == "none":
            out = out.reshape(target._data.shape)
        spatial = (data.shape[0], *data.shape[2:], classes)
        # laid out row-major, as PyTorch's gradient is (not channels-last, as the rows were)
        ctx.picker = xp.ascontiguousarray(xp.moveaxis(picker.reshape(spatial), -1, 1))
        ctx.options = (target, weight, reduction, ignore_index)
        ctx.reduction, ctx.ignore_index = reduction, ignore_index
        ctx.save_for_backward(logp, target, weight,
                              Tensor._make(xp.asarray(total, dtype=data.dtype)))
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None, None, None]:
        logp = ctx.saved_tensors[0]
        return (NllLoss2dBackward.apply(grad, logp, ctx.picker, ctx.options, ctx.divisor),
                None, None, None, None)


class NllLoss2dBackward(Function):
    """out[n, c, h, w] = picker[n, c, h, w] · g[n, h, w] (g a number for 'mean'/'sum').

    ∂out/∂g → NllLoss2d of grad_grad (same target, weight, reduction): the picker's adjoint;
    ∂out/∂logp = 0 (an edge to the scores all the same, as in PyTorch).
    """

    node_name = "NllLoss2DBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, logp: Tensor, picker: Any,
                options: tuple[Any, ...], divisor: Any = None) -> Any:
        ctx.options = options
        g = grad._data
        return picked_gradient(grad._xp, picker, g[:, None] if options[2] == "none" else g,
                               divisor)

    @staticmethod
    def backward(ctx: Any, grad_grad: Tensor) -> tuple[Any, Any, None, None]:
        needs_grad, needs_logp = ctx.needs_input_grad[:2]
        return (NllLoss2d.apply(grad_grad, *ctx.options) if needs_grad else None,
                zero_gradient(grad_grad) if needs_logp else None, None, None, None)


def nll_loss_nd(logp: Tensor, target: Tensor, weight: Tensor | None, reduction: str,
                ignore_index: int) -> Tensor:
    """PyTorch's ``nll_loss_nd`` for scores of 3 or more dimensions."""
    if weight is not None:
        weight = weight.reshape(-1)
    if logp.dim() == 4:
        return NllLoss2d.apply(logp, target, weight, reduction, ignore_index)
    n, c = logp.shape[0], logp.shape[1]
    out = NllLoss2d.apply(logp.reshape(n, c, 1, -1), target.reshape(n, 1, -1), weight,
                          reduction, ignore_index)
    return out.view(tuple(target.shape)) if reduction == "none" else out
