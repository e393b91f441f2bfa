"""More losses of ``nn.functional``: ranking and margin losses, Poisson and Gaussian NLL.

``soft_margin_loss``, ``multi_margin_loss`` and ``multilabel_margin_loss`` are one recorded
operation each, as in PyTorch (``SoftMarginLossBackward0``, …), with their rules here; the
others are built from small operations as PyTorch builds them, so their graphs end in the
same nodes (``ClampMinBackward0``, ``AddBackward0``, ``MeanBackward0``, …).
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from .. import creation, dtypes, grad_mode, ops
from ..function import Function
from ..inplace import check_fits
from ..node_saved_values import reduction
from ..ops.activations_more import NoDerivative
from ..ops.cpp_numbers import minus_number, number_minus, plus_number
from ..ops.loss_rules import LossBackward, reduce_losses, scaled
from ..ops.nn_ops import check_reduction
from ..ops.operands import check_broadcast, kernel_error
from ..ops.reductions import NormOverDims
from ..ops.special import Log1p
from ..ops.unary import Exp, LogSigmoid
from ..tensor import Tensor
from .arguments import refuse_requires_grad, tensor_input
from .functional_arguments import real
from .loss_functions import _legacy_reduction, _word

__all__ = [
    "cosine_embedding_loss", "gaussian_nll_loss", "hinge_embedding_loss", "margin_ranking_loss",
    "multi_margin_loss", "multilabel_margin_loss", "multilabel_soft_margin_loss",
    "pairwise_distance", "poisson_nll_loss", "soft_margin_loss", "triplet_margin_loss",
    "triplet_margin_with_distance_loss",
]


def _reduced(losses: Tensor, reduction: str) -> Tensor:
    """PyTorch's ``apply_loss_reduction``: the mean, the sum, or the losses themselves."""
    if reduction == "mean":
        return losses.mean()
    return losses.sum() if reduction == "sum" else losses


def _reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    reduction = _legacy_reduction(size_average, reduce, reduction)
    check_reduction(reduction)
    return reduction


# ---- losses built from small operations ---------------------------------------------------

def margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0,
                        size_average: bool | None = None, reduce: bool | None = None,
                        reduction: str = "mean") -> Tensor:
    """max(0, -y (x₁ - x₂) + margin): x₁ should rank above x₂ where y = 1, below where -1."""
    reduction = _reduction(size_average, reduce, reduction)
    if input1.dim() != input2.dim() or input1.dim() != target.dim():
        raise RuntimeError(
            "margin_ranking_loss : All input tensors should have same dimension but got sizes: "
            f"input1: {input1.size()}, input2: {input2.size()}, target: {target.size()} ")
    margin = real("margin_ranking_loss", "margin", 4, margin)
    # (the margin is a C++ double in PyTorch: integer inputs give a floating loss; C++ adds it
    # to a tensor: AddBackward1)
    return _reduced(plus_number(-target * (input1 - input2), float(margin)).clamp_min(0),
                    reduction)


@tensor_input("hinge_embedding_loss")
def hinge_embedding_loss(input: Tensor, target: Tensor, margin: float = 1.0,  # noqa: A002
                         size_average: bool | None = None, reduce: bool | None = None,
                         reduction: str = "mean") -> Tensor:
    """x where y = 1, max(0, margin - x) where y = -1 (x: a distance)."""
    reduction = _reduction(size_average, reduce, reduction)
    real("hinge_embedding_loss", "margin", 3, margin)
    zeros = creation.zeros_like(input)
    if input.is_floating_point():  # (C++ margin - x: SubBackward0 with edges (None, x))
        margin_clamp = number_minus(margin, input).clamp_min(0)
    else:  # PyTorch fills a tensor of the input's dtype with the margin (the loss stays Long)
        margin_clamp = (creation.full_like(input, margin) - input).clamp_min(0)
    output_margin = ops.where(target != 1, margin_clamp, zeros)
    output_self = ops.where(target != -1, input, zeros)
    return _reduced(output_margin + output_self, reduction)


_EPSILON = 1e-12  # PyTorch's guard on the squared norms of cosine_embedding_loss


def cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor,
                          margin: float = 0, size_average: bool | None = None,
                          reduce: bool | None = None, reduction: str = "mean") -> Tensor:
    """1 - cos(x₁, x₂) where y = 1, max(0, cos(x₁, x₂) - margin) where y = -1."""
    reduction = _reduction(size_average, reduce, reduction)
    real("cosine_embedding_loss", "margin", 4, margin)
    targ_dim = target.dim()
    if targ_dim not in (0, 1):
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    want = 2 if targ_dim == 1 else 1
    if input1.dim() != want or input2.dim() != want:
        raise RuntimeError(
            f"{targ_dim}D target tensor expects {want}D input tensors, but found inputs with "
            f"sizes {list(input1.shape)} and {list(input2.shape)}.")
    prod_sum = (input1 * input2).sum(targ_dim)
    mag_square1 = plus_number((input1 * input1).sum(targ_dim), _EPSILON)  # (C++ arithmetic
    mag_square2 = plus_number((input2 * input2).sum(targ_dim), _EPSILON)  # with numbers)
    cos = prod_sum / (mag_square1 * mag_square2).sqrt()
    check_broadcast(tuple(target.shape), tuple(cos.shape))
    zeros = creation.zeros_like(cos)
    output_pos = ops.where(target == 1, number_minus(1, cos), zeros)
    output_neg = ops.where(target == -1, minus_number(cos, margin).clamp_min(0), zeros)
    return _reduced(output_pos + output_neg, reduction)


@tensor_input("pairwise_distance", "x1")
def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6,
                      keepdim: bool = False) -> Tensor:
    """‖x₁ - x₂ + eps‖_p along the last dimension."""
    dim = max(x1.dim(), x2.dim()) - 1
    if dim < 0:
        return ops.norm(x1 - x2 + eps, p)
    # (ATen's x1 - x2 + eps: the eps an add with a number, AddBackward1)
    return NormOverDims.apply(plus_number(x1 - x2, eps), float(p), dim, keepdim)


def triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor,
                        margin: float = 1.0, p: float = 2, eps: float = 1e-6,
                        swap: bool = False, size_average: bool | None = None,
                        reduce: bool | None = None, reduction: str = "mean") -> Tensor:
    """max(0, d(a, p) - d(a, n) + margin), d the pairwise p-norm distance (``swap``: d(a, n)
    replaced by d(p, n) where that is smaller)."""
    reduction = _reduction(size_average, reduce, reduction)

    def distance(x1: Tensor, x2: Tensor) -> Tensor:
        return pairwise_distance(x1, x2, p, eps)

    return _triplet_losses(anchor, positive, negative, distance, margin, swap, reduction,
                           plus_number)  # (C++ adds the margin as a number: AddBackward1)


def triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor, *,
                                      distance_function: Any = None, margin: float = 1.0,
                                      swap: bool = False, reduction: str = "mean") -> Tensor:
    """max(0, d(a, p) - d(a, n) + margin) for any distance d (default: the pairwise
    Euclidean distance); ``swap``: d(a, n) replaced by d(p, n) where that is smaller."""
    distance = pairwise_distance if distance_function is None else distance_function
    return _triplet_losses(anchor, positive, negative, distance, margin, swap, reduction,
                           lambda d, m: m + d)  # (Python's margin + d: AddBackward0)


def _triplet_losses(anchor: Tensor, positive: Tensor, negative: Tensor, distance: Any,
                    margin: float, swap: bool, reduction: str, plus: Any) -> Tensor:
    """The triplet losses, reduced; ``plus(d, margin)`` adds the margin to d(a, p)."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    a_dim, p_dim, n_dim = anchor.dim(), positive.dim(), negative.dim()
    if not a_dim == p_dim == n_dim:
        raise RuntimeError(
            "The anchor, positive, and negative tensors are expected to have the same number "
            f"of dimensions, but got: anchor {a_dim}D, positive {p_dim}D, and negative "
            f"{n_dim}D inputs")
    dist_pos = distance(anchor, positive)
    dist_neg = distance(anchor, negative)
    if swap:
        dist_neg = ops.minimum(dist_neg, distance(positive, negative))
    return _reduced((plus(dist_pos, margin) - dist_neg).clamp_min(0), reduction)


@tensor_input("log_sigmoid")
def multilabel_soft_margin_loss(input: Tensor, target: Tensor,  # noqa: A002
                                weight: Tensor | None = None,
                                size_average: bool | None = None, reduce: bool | None = None,
                                reduction: str = "mean") -> Tensor:
    """-(1/C) Σ_c [y_c ln σ(x_c) + (1 - y_c) ln σ(-x_c)] for each sample (C classes)."""
    if size_average is not None or reduce is not None:  # no 'elementwise_mean' here
        reduction = _legacy_reduction(size_average, reduce, reduction)
    if not input.is_floating_point():
        raise kernel_error("log_sigmoid_cpu", input.dtype)
    loss = -(target * LogSigmoid.apply(input) + (1 - target) * LogSigmoid.apply(-input))
    if weight is not None:
        loss = loss * weight
    class_dim = input.dim() - 1
    loss = loss.sum(dim=class_dim) / input.size(class_dim)
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction + " is not valid")
    return _reduced(loss, reduction)


@tensor_input("poisson_nll_loss")
def poisson_nll_loss(input: Tensor, target: Tensor, log_input: bool = True,  # noqa: A002
                     full: bool = False, size_average: bool | None = None,
                     eps: float = 1e-8, reduce: bool | None = None,
                     reduction: str = "mean") -> Tensor:
    """exp(x) - y x (``log_input``) or x - y ln(x + eps); ``full`` adds Stirling's
    approximation of ln(y!), y ln y - y + ½ ln(2π y), where y > 1."""
    if size_average is not None or reduce is not None:  # no 'elementwise_mean' here
        reduction = _legacy_reduction(size_average, reduce, reduction)
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction + " is not a valid value for reduction")
    if log_input:  # (ATen's C++ makes y x before exp(x): its node runs later in backward,
        product = target * input  # so x's gradients add in PyTorch's order)
        loss = ops.exp(input) - product
    else:
        loss = input - target * ops.log(plus_number(input, eps))  # (C++'s x + eps)
    if full:
        stirling = target * ops.log(target) - target + 0.5 * ops.log(2 * math.pi * target)
        loss = loss + stirling.masked_fill(target <= 1, 0)
    return _reduced(loss, reduction)


def gaussian_nll_loss(input: Tensor, target: Tensor, var: Tensor | float,  # noqa: A002
                      full: bool = False, eps: float = 1e-6,
                      reduction: str = "mean") -> Tensor:
    """½ (ln max(var, eps) + (x - y)² / max(var, eps)) (+ ½ ln 2π when ``full``).

    ``var`` may drop the last dimension (one variance per sample) or have size 1 in one
    dimension (shared); the clamp at eps is not differentiated, as in PyTorch.
    """
    if isinstance(var, float):
        if var < 0:
            raise ValueError("var has negative entry/entries")
        var = var * creation.ones_like(input)
    elif bool((var < 0).any()):
        raise ValueError("var has negative entry/entries")
    if var.size() != input.size():
        if input.size()[:-1] == var.size():
            var = ops.unsqueeze(var, -1)
        elif input.dim() == var.dim() and sum(
                y for x, y in zip(input.size(), var.size()) if x != y) == 1:
            pass  # heteroscedastic: one variance shared along a dimension
        else:
            raise ValueError("var is of incorrect size")
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction + " is not valid")
    var = var.clone()
    with grad_mode.no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (ops.log(var) + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduced(loss, reduction)


# ---- losses that are one operation --------------------------------------------------------

class SoftMarginLoss(Function):
    """loss_i = ln(1 + exp(-y_i x_i)),   ∂loss/∂x_i = -y_i e^(-y_i x_i) / (1 + e^(-y_i x_i)) · g

    (g = grad, divided by n for the mean.) The target gets no gradient, as in PyTorch.
    """

    node_name = "SoftMarginLossBackward0"
    non_inputs = (1,)  # the target
    saved_tensor_names = ("self", "target")
    saved_options = {"reduction": reduction()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, target: Tensor, reduction: str) -> Any:
        xp = x._xp  # PyTorch's neg, mul_, exp_, log1p_, each with its own CPU kernel
        loss = Log1p.compute(xp, Exp.compute(xp, -x._data * target._data))
        loss = loss.astype(x._data.dtype, copy=False)
        ctx.save_for_backward(x, target)
        ctx.reduction = reduction
        return reduce_losses(xp, loss, reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None]:
        x, target = ctx.saved_tensors
        return SoftMarginLossBackward.run(grad, x, target, None, ctx.reduction), None, None


class SoftMarginLossBackward(LossBackward):
    """out = -t z / (1 + z) · g   with z = e^(-t x)      ∂out/∂x = t² z / (1 + z)² · g

    PyTorch's ``soft_margin_loss_backward``, its own node under create_graph
    (``SoftMarginLossBackwardBackward0``). Written with z, as PyTorch writes it, so that where
    t x is large the second derivative keeps its tiny value (recorded through z / (1 + z),
    it cancels to 0). The target never needs a gradient (soft_margin_loss refuses one).
    """

    node_name = "SoftMarginLossBackwardBackward0"
    non_inputs = (2,)  # the target: no edge, as in PyTorch

    @staticmethod
    def first(g: Tensor, x: Tensor, t: Tensor) -> Tensor:
        z = ops.exp(-t * x)
        return -t * z / (1.0 + z) * g

    @classmethod
    def to_input(cls, grad_grad: Tensor, grad: Tensor, x: Tensor, t: Tensor,
                 weight: None, reduction: str) -> Tensor:
        """PyTorch's soft_margin_loss_double_backward, op for op: z = e^(x · -t),
        (grad_grad · grad) · t² · z / ((z + 1)(z + 1)) (z + 1: AddBackward1), / n for the
        mean (DivBackward1)."""
        z = ops.exp(x * -t)
        z_plus_1 = plus_number(z, 1)
        return scaled(grad_grad * grad * (t * t) * z / (z_plus_1 * z_plus_1),
                      reduction=reduction, count=grad_grad.numel())

    @staticmethod
    def in_pytorch_order(g: Any, x: Any, t: Any, w: Any, count: int | None) -> Any:
        """(t · z) · (-1/n for the mean, else -1), / (z + 1), · g, each step in x's dtype
        (an empty batch's mean: no values to scale, and no division by zero)."""
        z = Exp.compute(numpy, -t * x)  # (exp's own kernel, on the arrays)
        return (t * z) * x.dtype.type(-1 / count if count else -1) / (z + 1) * g


@tensor_input("soft_margin_loss")
def soft_margin_loss(input: Tensor, target: Tensor,  # noqa: A002
                     size_average: bool | None = None, reduce: bool | None = None,
                     reduction: str = "mean") -> Tensor:
    """ln(1 + exp(-y x)): a smooth two-class margin loss for targets y = ±1."""
    reduction = _reduction(size_average, reduce, reduction)
    refuse_requires_grad("soft_margin_loss", target=target)
    # (PyTorch writes -y·x into a tensor shaped like the input: the target broadcasts to it)
    check_fits(tuple(input.shape), tuple(target.shape))
    if not (input.is_floating_point() or input.is_complex()):  # exp_ into the input's dtype
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{_word(input)}")
    return SoftMarginLoss.apply(input, target, reduction)


def _check_frames(input: Tensor) -> tuple[int, int]:  # noqa: A002
    """(samples, classes) of a (C,) or (N, C) input, with PyTorch's error for other shapes."""
    ndims = input.dim()
    if not ((ndims == 2 and input.shape[1] != 0) or (ndims == 1 and input.shape[0] != 0)
            or ndims == 0):
        raise RuntimeError("Expected non-empty vector or matrix with optional 0-dim batch "
                           f"size, but got: {list(input.shape)}")
    if ndims <= 1:
        return 1, 1 if ndims == 0 else input.shape[0]
    return input.shape[0], input.shape[1]


def _check_long(target: Tensor) -> None:
    if target.dtype != dtypes.int64:
        raise RuntimeError(f"expected scalar type Long but found {_word(target)}")


class MarginLoss(Function):
    """The multi-class margin losses, one sample per row of C scores x (a target class t
    for ``multi_margin_loss``; a set of target classes T for ``multilabel_margin_loss``)::

        multi:       loss = Σ_{i ≠ t} w_t · max(0, margin - x_t + x_i)^p / C
        multilabel:  loss = Σ_{j ∈ T} Σ_{i ∉ T} max(0, 1 - x_j + x_i) / C

    Both are Σ over pairs (j, i) of h(z), z = margin - x_j + x_i: ∂loss/∂x_i = +h'(z)/C and
    ∂loss/∂x_j = -h'(z)/C. The caller builds the pair counts (a target listed twice counts
    twice, as in PyTorch); backward uses them as a constant.
    """

    non_inputs = (1, 2, 7, 8)

    @staticmethod
    def forward(ctx: Any, x: Tensor, pairs: Tensor, weight: Tensor | None, p: int,
                margin: float, reduction: str, out_shape: tuple[int, ...], target: Tensor,
                is_target: Tensor | None) -> Any:
        """(``target`` and multilabel's ``is_target``: only kept, as PyTorch keeps them)"""
        xp = x._xp
        rows = x._data.reshape(-1, pairs.shape[-1])  # (N, C)
        mask = pairs._data  # (N, C, C): mask[n, j, i] counts the pairs (target j, other i)
        z = margin - rows[:, :, None] + rows[:, None, :]
        h = xp.where(z > 0, z if p == 1 else z * z, 0) * mask.astype(z.dtype, copy=False)
        if weight is not None:
            h = h * weight._data.reshape(1, -1, 1)
        loss = (h.sum((1, 2)) / rows.shape[1]).astype(x._data.dtype, copy=False)
        ctx.save_for_backward(x, pairs, weight, target, is_target)
        ctx.p, ctx.margin, ctx.reduction = p, margin, reduction
        out = reduce_losses(xp, loss, reduction)
        return out.reshape(out_shape) if reduction == "none" else out

    rule: type[NoDerivative]  # (PyTorch defines no derivative for the gradient)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, pairs, weight, _, _ = ctx.saved_tensors
        with grad_mode.no_grad():
            n_classes = pairs.shape[-1]
            rows = x.reshape(-1, n_classes)
            z = ctx.margin - rows.unsqueeze(2) + rows.unsqueeze(1)
            active = (z > 0).to(x.dtype) * pairs
            dh = active if ctx.p == 1 else 2 * z * active
            if weight is not None:
                dh = dh * weight.reshape(1, -1, 1)
            g = grad.reshape(-1) if ctx.reduction == "none" else grad
            if ctx.reduction == "mean":
                g = g / rows.shape[0]
            per_row = (dh.sum(1) - dh.sum(2)) / n_classes  # +h' as the other, -h' as target
            g = g.reshape(-1, 1) if g.dim() else g
            values = (per_row * g).reshape(x.shape)
        return cls.rule.recorded(values, grad, x), *(None,) * 8


class MultiMarginLossBackward(NoDerivative):
    aten_name = "multi_margin_loss_backward"


class MultilabelMarginLossBackward(NoDerivative):
    aten_name = "multilabel_margin_loss_backward"


class MultiMarginLoss(MarginLoss):
    node_name = "MultiMarginLossBackward0"
    rule = MultiMarginLossBackward
    saved_tensor_names = ("self", None, "weight", "target", None)
    saved_options = {"margin": None, "p": None, "reduction": reduction()}
    forward_ad_missing = "multi_margin_loss"  # (PyTorch has no forward-mode formula)


class MultilabelMarginLoss(MarginLoss):
    node_name = "MultilabelMarginLossBackward0"
    rule = MultilabelMarginLossBackward
    saved_tensor_names = ("self", None, None, "target", "is_target")
    saved_options = {"reduction": reduction()}
    forward_ad_missing = "multilabel_margin_loss_forward"


@tensor_input("multi_margin_loss")
def multi_margin_loss(input: Tensor, target: Tensor, p: int = 1,  # noqa: A002
                      margin: float = 1.0, weight: Tensor | None = None,
                      size_average: bool | None = None, reduce: bool | None = None,
                      reduction: str = "mean") -> Tensor:
    """Σ_{i ≠ y} w_y max(0, margin - x_y + x_i)^p / C: a multi-class hinge loss."""
    reduction = _reduction(size_average, reduce, reduction)
    if p not in (1, 2):
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None and weight.dim() != 1:
        raise ValueError("weight must be one-dimensional")
    refuse_requires_grad("multi_margin_loss", weight=weight)
    nframe, dim = _check_frames(input)
    if target.dim() > 1 or target.numel() != nframe:
        raise RuntimeError(
            "multi_margin_loss: target tensor should be 1-D with size equal to the number of "
            f"input samples (batch size). Expected target size [{nframe}], but got "
            f"{list(target.shape)}. Input has shape {list(input.shape)}.")
    if weight is not None and (weight.dim() > 1 or weight.numel() != dim):
        raise RuntimeError(f"inconsistent weight size, expected {dim} but got "
                           f"{list(weight.shape)}")
    _check_long(target)
    if weight is not None and weight.dtype != input.dtype:
        raise RuntimeError(f"expected scalar type {_word(input)} but found {_word(weight)}")
    if not input.is_floating_point():
        raise kernel_error("multi_margin_loss_cpu_kernel", input.dtype)
    xp = input._xp
    t = target._data.reshape(-1)
    if bool(((t < 0) | (t >= dim)).any()):
        raise RuntimeError("target out of range")
    classes = xp.arange(dim)
    own = t[:, None] == classes[None, :]  # (N, C): the target class
    mask = own[:, :, None] & ~own[:, None, :]
    out_shape = tuple(target.shape) if input.dim() <= 1 else (nframe,)
    return MultiMarginLoss.apply(input, Tensor._make(mask.astype("int8")), weight, p,
                                 float(margin), reduction, out_shape, target, None)


@tensor_input("multilabel_margin_loss")
def multilabel_margin_loss(input: Tensor, target: Tensor,  # noqa: A002
                           size_average: bool | None = None, reduce: bool | None = None,
                           reduction: str = "mean") -> Tensor:
    """Σ_{j ∈ y} Σ_{i ∉ y} max(0, 1 - x_j + x_i) / C; each row of y lists the target classes,
    ended by the first -1."""
    reduction = _reduction(size_average, reduce, reduction)
    nframe, dim = _check_frames(input)
    if input.dim() <= 1:
        bad = target.dim() > 1 or target.numel() != dim
    else:
        bad = target.dim() != 2 or tuple(target.shape) != (nframe, dim)
    if bad:
        raise RuntimeError(f"inconsistent target size: {list(target.shape)} for input of "
                           f"size: {list(input.shape)}")
    _check_long(target)
    xp = input._xp
    t = target._data.reshape(nframe, dim)
    if bool(((t < -1) | (t >= dim)).any()):
        raise RuntimeError("argument #2 'target' is out of range")
    # the targets of each row: its entries before the first -1; a repeated one counts again
    counted = xp.cumprod(t >= 0, axis=1).astype(bool)
    times = ((t[:, :, None] == xp.arange(dim)) & counted[:, :, None]).sum(1)  # (N, C)
    mask = times[:, :, None] * (times == 0)[:, None, :]
    out_shape = () if input.dim() <= 1 else (nframe,)
    is_target = Tensor._make((times > 0).reshape(input.shape).astype(input._data.dtype))
    return MultilabelMarginLoss.apply(input, Tensor._make(mask.astype("int32")), None, 1,
                                      1.0, reduction, out_shape, target, is_target)
