"""The fused operations behind `nn`: Linear's ``addmm`` and the losses.

PyTorch computes a layer or a loss as one operation with one backward node
(``AddmmBackward0``, ``MseLossBackward0``, ``BinaryCrossEntropyBackward0``, …) rather than as
a chain of small ones; the kit does the same, so graphs look alike and training is fast.
Forward works on the arrays; backward is written with tensor operations, so that under
``create_graph=True`` the gradients can be differentiated again.

``reduction`` is one of ``'none'`` (one loss per element), ``'mean'`` and ``'sum'``.
"""

from __future__ import annotations

import contextlib
from typing import Any

from ..function import Function
from ..tensor import Tensor
from .operands import arrays, check_broadcast, check_same_device

REDUCTIONS = ("none", "mean", "sum")


def check_reduction(reduction: str) -> None:
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _reduce(xp: Any, values: Any, reduction: str) -> Any:
    if reduction == "mean":
        return xp.asarray(values.mean(), dtype=values.dtype)
    if reduction == "sum":
        return xp.asarray(values.sum(), dtype=values.dtype)
    return values


def _spread(grad: Tensor, reduction: str, count: int) -> Tensor:
    """The gradient arriving at a reduced loss, as the factor for each element's loss."""
    return grad / count if reduction == "mean" else grad


_WORDS = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
          "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


def _check_addmm_dtypes(bias: Tensor, x: Tensor, w: Tensor) -> None:
    """PyTorch's errors for ``addmm`` (and so ``Linear``) on mixed dtypes."""
    check_same_device(x, w)
    check_same_device(bias, w)
    for name, t in (("mat1", x), ("self", bias)):
        if t.dtype is not w.dtype:
            raise RuntimeError(
                f"{name} and mat2 must have the same dtype, but got {_WORDS[t.dtype.name]} and "
                f"{_WORDS[w.dtype.name]}"
            )


class Addmm(Function):
    """out = bias + x @ w    (x: n×k, w: k×m, bias: m or n×m, broadcast over the rows)

    ∂L/∂bias = Σ_rows grad,   ∂L/∂x = grad @ wᵀ,   ∂L/∂w = xᵀ @ grad

    ``nn.Linear`` calls it as ``addmm(bias, x, weight.t())``, so the weight's gradient goes
    through a ``TBackward0`` node, exactly as in PyTorch.
    """

    node_name = "AddmmBackward0"

    @staticmethod
    def forward(ctx: Any, bias: Tensor, x: Tensor, w: Tensor) -> Any:
        _check_addmm_dtypes(bias, x, w)
        (n, k), (k2, m) = x._data.shape, w._data.shape
        if k != k2:
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})")
        ctx.save_for_backward(x, w)
        out = x._data @ w._data
        out += bias._data
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, Any]:
        x, w = ctx.saved_tensors
        grad_bias = grad if ctx.needs_input_grad[0] else None
        grad_x = grad.mm(w.t()) if ctx.needs_input_grad[1] else None
        grad_w = x.t().mm(grad) if ctx.needs_input_grad[2] else None
        return grad_bias, grad_x, grad_w


class MseLoss(Function):
    """loss_i = (x_i - t_i)²,  then reduced (mean over all n elements, sum, or none)

    ∂loss/∂x_i = 2 (x_i - t_i) · g   (g = grad, divided by n for the mean),  ∂/∂t_i = -∂/∂x_i
    """

    node_name = "MseLossBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, target: Tensor, reduction: str) -> Any:
        check_broadcast(x._data.shape, target._data.shape)
        x_data, t_data = arrays(x, target)  # PyTorch's result type (an int target: x's)
        diff = x_data - t_data
        ctx.save_for_backward(x, target)
        ctx.reduction, ctx.count = reduction, diff.size
        return _reduce(x._xp, diff * diff, reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        x, target = ctx.saved_tensors
        g = 2 * (x - target) * _spread(grad, ctx.reduction, ctx.count)
        grad_t = -g if ctx.needs_input_grad[1] else None
        return g, grad_t, None


class BinaryCrossEntropy(Function):
    """loss_i = -w_i [t_i · max(ln p_i, -100) + (1 - t_i) · max(ln(1 - p_i), -100)]

    ∂loss/∂p_i = w_i (p_i - t_i) / max(p_i (1 - p_i), 1e-12) · g,
    ∂loss/∂t_i = w_i (ln(1 - p_i) - ln p_i) · g      (g = grad, divided by n for the mean)

    The logs are clamped at -100 (as PyTorch does) so p = 0 or 1 gives a finite loss.
    """

    node_name = "BinaryCrossEntropyBackward0"

    @staticmethod
    def forward(ctx: Any, p: Tensor, target: Tensor, weight: Tensor | None,
                reduction: str) -> Any:
        xp, data, t = p._xp, p._data, target._data
        if bool(((data < 0) | (data > 1)).any()):
            raise RuntimeError("all elements of input should be between 0 and 1")
        errstate = getattr(xp, "errstate", None)  # NumPy warns about ln 0; CuPy does not
        quiet = errstate(divide="ignore") if errstate else contextlib.nullcontext()
        with quiet:  # ln 0 = -inf is expected here: it is clamped to -100
            log_p = xp.maximum(xp.log(data), -100)
            log_q = xp.maximum(xp.log1p(-data), -100)
        loss = -(log_q + t * (log_p - log_q))
        if weight is not None:
            loss = loss * weight._data
        ctx.save_for_backward(p, target, weight)
        ctx.reduction, ctx.count = reduction, loss.size
        return _reduce(xp, loss.astype(data.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        p, target, weight = ctx.saved_tensors
        g = _spread(grad, ctx.reduction, ctx.count)
        if weight is not None:
            g = g * weight
        grad_p = grad_t = None
        if ctx.needs_input_grad[0]:
            grad_p = (p - target) / (p * (1 - p)).clamp(min=1e-12) * g
        if ctx.needs_input_grad[1]:
            grad_t = ((1 - p).log() - p.log()) * g
        return grad_p, grad_t, None, None


class BinaryCrossEntropyWithLogits(Function):
    """loss_i = w_i [(1 - t_i) x_i + ln(1 + e^(-x_i))], computed stably as
    max(x_i, 0) - x_i t_i + ln(1 + e^(-|x_i|))

    ∂loss/∂x_i = w_i (σ(x_i) - t_i) · g,   ∂loss/∂t_i = -w_i x_i · g
    """

    node_name = "BinaryCrossEntropyWithLogitsBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, target: Tensor, weight: Tensor | None,
                reduction: str) -> Any:
        xp, data = x._xp, x._data
        loss = xp.maximum(data, 0) - data * target._data + xp.log1p(xp.exp(-xp.abs(data)))
        if weight is not None:
            loss = loss * weight._data
        ctx.save_for_backward(x, target, weight)
        ctx.reduction, ctx.count = reduction, loss.size
        return _reduce(xp, loss.astype(data.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        x, target, weight = ctx.saved_tensors
        g = _spread(grad, ctx.reduction, ctx.count)
        if weight is not None:
            g = g * weight
        grad_x = (x.sigmoid() - target) * g if ctx.needs_input_grad[0] else None
        grad_t = -x * g if ctx.needs_input_grad[1] else None
        return grad_x, grad_t, None, None


class NllLoss(Function):
    """loss_n = -w[t_n] · logp[n, t_n]   (rows whose target is ignore_index count 0)

    'mean' divides the sum by Σ w[t_n] over the counted rows.
    ∂loss/∂logp[n, c] = -w[t_n] · g_n if c = t_n else 0: the gradient is a one-hot "picker".
    """

    node_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx: Any, logp: Tensor, target: Tensor, weight: Tensor | None,
                reduction: str, ignore_index: int) -> Any:
        xp, data, t = logp._xp, logp._data, target._data
        if t.dtype.kind not in "iu":
            raise RuntimeError(
                f"expected scalar type Long but found {target.dtype.name.capitalize()}"
            )
        single = data.ndim == 1
        rows = data[None] if single else data
        labels = t.reshape(1) if single else t
        if rows.ndim != 2:
            raise ValueError(f"Expected 1 or 2 dimensions for input (got {data.ndim})")
        if labels.shape[0] != rows.shape[0]:
            raise ValueError(
                f"Expected input batch_size ({rows.shape[0]}) to match target batch_size "
                f"({labels.shape[0]})."
            )
        counted = labels != ignore_index
        safe = xp.where(counted, labels, 0)
        if bool(((safe < 0) | (safe >= rows.shape[1])).any()):
            bad = int(safe[(safe < 0) | (safe >= rows.shape[1])][0])
            raise IndexError(f"Target {bad} is out of bounds.")
        w = counted.astype(rows.dtype)
        if weight is not None:
            w = w * weight._data[safe]
        # the constant d loss_n / d logp: -w_n at the target class of each row
        picker = xp.zeros(rows.shape, dtype=rows.dtype)
        picker[xp.arange(rows.shape[0]), safe] = -w
        losses = (picker * rows).sum(axis=1)
        total = w.sum()
        if reduction == "mean":
            picker = picker / total
            out = xp.asarray(losses.sum() / total, dtype=rows.dtype)
        elif reduction == "sum":
            out = xp.asarray(losses.sum(), dtype=rows.dtype)
        else:
            out = losses[0] if single else losses
        ctx.save_for_backward(picker)
        ctx.reduction, ctx.shape = reduction, data.shape
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None, None, None]:
        (picker,) = ctx.saved_tensors
        if ctx.reduction == "none":
            grad = grad.reshape(-1, 1)
        return (picker * grad).reshape(ctx.shape), None, None, None, None
