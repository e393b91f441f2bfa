"""The fused operations behind `nn`: Linear's ``addmm`` and the losses.

PyTorch computes a layer or a loss as one operation with one backward node
(``AddmmBackward0``, ``MseLossBackward0``, ``BinaryCrossEntropyBackward0``, …) rather than as
a chain of small ones; the kit does the same, so graphs look alike and training is fast.
Forward works on the arrays; backward is written with tensor operations, so that under
``create_graph=True`` the gradients can be differentiated again. As in PyTorch, most losses'
rules are operations of their own (``MseLossBackwardBackward0``, ``NllLossBackwardBackward0``,
…; see ``loss_rules.py``).

``reduction`` is one of ``'none'`` (one loss per element), ``'mean'`` and ``'sum'``.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy

from .. import dtypes, grad_mode
from ..function import Function
from ..node_saved_values import given_dim, input_sizes, reduction
from ..tensor import Tensor
from ..tensor_layout import element_strides
from . import glibc_float32, nll_order, small_gemm
from .add_products import float16_in_float32, scaled_sum
from .arithmetic import AddNumber, DivNumber
from .linalg import first_factor_gradient, second_factor_gradient
from .loss_rules import REDUCTIONS, BinaryCrossEntropyBackward, MseLossBackward, scaled
from .loss_rules import reduce_losses as _reduce
from .operands import (
    arrays,
    check_argument_devices,
    check_broadcast,
    on_other_devices,
    save_factors,
    zero_gradient,
)
from .shape import check_expand
from .unary import Logit, LogSigmoid, log_sigmoid_with_buffer


def check_reduction(reduction: str) -> None:
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _check_addmm_dtypes(bias: Tensor, x: Tensor, w: Tensor) -> None:
    """PyTorch's errors for ``addmm`` (and so ``Linear``) on mixed dtypes: ``self`` is
    checked against ``mat2`` before ``mat1`` is."""
    if bias._data.dtype == x._data.dtype == w._data.dtype:  # (the usual case, one test)
        return
    for name, t in (("self", bias), ("mat1", x)):
        if t.dtype is not w.dtype:
            raise RuntimeError(
                f"{name} and mat2 must have the same dtype, but got "
                f"{dtypes.scalar_type_word(t.dtype.name)} and "
                f"{dtypes.scalar_type_word(w.dtype.name)}"
            )


class Addmm(Function):
    """out = β · bias + α · x @ w    (x: n×k, w: k×m, bias: m or n×m, broadcast over the rows;
    β = α = 1 unless given)

    ∂L/∂bias = β · Σ_rows grad,   ∂L/∂x = α · grad @ wᵀ,   ∂L/∂w = α · xᵀ @ grad

    ``nn.Linear`` calls it as ``addmm(bias, x, weight.t())``, so the weight's gradient goes
    through a ``TBackward0`` node, exactly as in PyTorch.
    """

    node_name = "AddmmBackward0"
    saved_tensor_names = ("mat1", "mat2")
    saved_options = {"alpha": None, "beta": None, "mat1_sym_sizes": input_sizes(1),
                     "mat1_sym_strides": None, "mat2_sym_sizes": input_sizes(2),
                     "mat2_sym_strides": None}

    @staticmethod
    def forward(ctx: Any, bias: Tensor, x: Tensor, w: Tensor, beta: Any = 1,
                alpha: Any = 1) -> Any:
        if on_other_devices(bias, x) or on_other_devices(x, w):
            check_argument_devices("addmm", self=bias, mat1=x, mat2=w)
        _check_addmm_dtypes(bias, x, w)
        (n, k), (k2, m) = x._data.shape, w._data.shape
        if k != k2:
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})")
        save_factors(ctx, x, w, first=1)
        needs = ctx.needs_input_grad  # (the layout each gradient is given)
        ctx.mat1_sym_strides = element_strides(x) if needs[1] else ()
        ctx.mat2_sym_strides = element_strides(w) if needs[2] else ()
        half = x._data.dtype == numpy.float16  # (multiplied and added in float32: below)
        if type(beta) is int and type(alpha) is int and beta == alpha == 1 and not half:  # Linear
            if bias._data.shape != (m,):  # (PyTorch's expand error for a bias that won't fit)
                check_expand(bias._data.shape, bias.dtype, (n, m))
            ctx.beta = ctx.alpha = 1
            exact = small_gemm.addmm(bias._data, x._data, w._data)  # (MKL's order, some shapes)
            if exact is not None:
                return exact
            out = x._data @ w._data
            out += bias._data
            return out
        wide_x, wide_w = float16_in_float32(x._data, w._data)
        in_order = (lambda data, b, a: small_gemm.addmm(data, x._data, w._data, b, a))
        return scaled_sum(ctx, bias, wide_x @ wide_w, beta, alpha, in_order)  # (MKL's order)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, w = ctx.saved_tensors
        scale = (lambda g, k: g if k == 1 else g * k)  # noqa: E731 - PyTorch's maybe_multiply
        grad_bias = scale(grad, ctx.beta) if ctx.needs_input_grad[0] else None
        needs_x, needs_w = ctx.needs_input_grad[1:3]
        grad_x = scale(first_factor_gradient(grad, w, ctx.mat1_sym_strides), ctx.alpha) \
            if needs_x else None
        grad_w = scale(second_factor_gradient(grad, x, ctx.mat2_sym_strides), ctx.alpha) \
            if needs_w else None
        return grad_bias, grad_x, grad_w, None, None


class MseLoss(Function):
    """loss_i = (x_i - t_i)²,  then reduced (mean over all n elements, sum, or none)

    ∂loss/∂x_i = 2 (x_i - t_i) · g   (g = grad, divided by n for the mean),  ∂/∂t_i = -∂/∂x_i

    Both run `MseLossBackward` (on (x, t) and on (t, x)), as PyTorch does.
    """

    node_name = "MseLossBackward0"
    saved_tensor_names = ("self", "target")
    saved_options = {"reduction": reduction()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, target: Tensor, reduction: str) -> Any:
        check_broadcast(x._data.shape, target._data.shape)
        x_data, t_data = arrays(x, target)  # PyTorch's result type (an int target: x's)
        diff = x_data - t_data
        ctx.save_for_backward(x, target)
        ctx.reduction = reduction
        return _reduce(x._xp, diff * diff, reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        return (*MseLossBackward.of_difference(ctx, grad), None)


def _extremes(values: Any) -> tuple[Any, Any]:
    """The least and the greatest value (nan if one is nan; 0 and 0 when there are none)."""
    if not values.size:
        return 0, 0
    if type(values) is numpy.ndarray:  # (the ufuncs' reduce skips the methods' wrapper)
        return numpy.minimum.reduce(values, axis=None), numpy.maximum.reduce(values, axis=None)
    return values.min(), values.max()


def _outside_0_1(low: Any, high: Any) -> bool:
    """Whether some value is below 0, above 1 or nan (PyTorch's check is ``0 <= x <= 1``),
    from the extremes (which are nan when a value is)."""
    return not (bool(low >= 0) and bool(high <= 1))


class BinaryCrossEntropy(Function):
    """loss_i = -w_i [t_i · max(ln p_i, -100) + (1 - t_i) · max(ln(1 - p_i), -100)]

    ∂loss/∂p_i = w_i (p_i - t_i) / max(p_i (1 - p_i), 1e-12) · g,
    ∂loss/∂t_i = w_i (ln(1 - p_i) - ln p_i) · g      (g = grad, divided by n for the mean)

    The logs are clamped at -100 (as PyTorch does) so p = 0 or 1 gives a finite loss.
    ∂loss/∂p runs `BinaryCrossEntropyBackward`, as PyTorch does.
    """

    node_name = "BinaryCrossEntropyBackward0"
    saved_tensor_names = ("self", "target", "weight")
    saved_options = {"reduction": reduction()}
    non_inputs = (2,)  # the weight

    @staticmethod
    def forward(ctx: Any, p: Tensor, target: Tensor, weight: Tensor | None,
                reduction: str) -> Any:
        xp, data, t = p._xp, p._data, target._data
        low, high = _extremes(data)
        if _outside_0_1(low, high):
            raise RuntimeError("all elements of input should be between 0 and 1")
        if _outside_0_1(*_extremes(t)):
            raise RuntimeError("all elements of target should be between 0 and 1")
        if type(data) is numpy.ndarray and data.dtype == numpy.float32:  # (the C library's)
            log_p, log_q = glibc_float32.bce_logs(data, low, high)
        else:
            log_p, log_q = _clamped_logs(xp, data)
        loss = (t - 1) * log_q  # (PyTorch's formula)
        loss -= t * log_p
        if weight is not None:
            loss = loss * weight._data
        ctx.save_for_backward(p, target, weight)
        ctx.reduction, ctx.count = reduction, loss.size
        return _reduce(xp, loss.astype(data.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        p, target, weight = ctx.saved_tensors
        grad_p = grad_t = None
        if ctx.needs_input_grad[0]:
            grad_p = BinaryCrossEntropyBackward.run(grad, p, target, weight, ctx.reduction)
        if ctx.needs_input_grad[1]:  # -logit(p) · grad · w, as PyTorch records it
            grad_t = scaled(-Logit.apply(p), grad, weight, reduction=ctx.reduction,
                            count=ctx.count)
            # (PyTorch's rule works in place, in any grad mode: logit(p).neg_().mul_(grad),
            # then .mul_(w) and .div_(n) for the mean, one version each)
            grad_t._version_counter[0] = (2 + (weight is not None)
                                          + (ctx.reduction == "mean"))
        return grad_p, grad_t, None, None


def _clamped_logs(xp: Any, p: Any) -> tuple[Any, Any]:
    """max(ln p, -100) and max(ln(1 - p), -100) as log1p(-p), with the array library's logs
    (ln 0 = -inf is expected here: it is clamped to -100)."""
    errstate = getattr(xp, "errstate", None)  # NumPy warns about ln 0; CuPy does not
    with errstate(divide="ignore") if errstate else contextlib.nullcontext():
        return xp.maximum(xp.log(p), -100), xp.maximum(xp.log1p(-p), -100)


class BinaryCrossEntropyWithLogits(Function):
    """With a positive-class weight pw (1 when not given) and the class weight w::

        loss_i = w_i [(1 - t_i) x_i - (1 + (pw_i - 1) t_i) ln σ(x_i)]

        ∂loss/∂x_i = w_i [(pw_i t_i + 1 - t_i) σ(x_i) - pw_i t_i] · g    (= w_i (σ(x_i) - t_i) · g
                                                                          without pw)
        ∂loss/∂t_i = w_i [ln σ(-x_i) - pw_i ln σ(x_i)] · g             (= -w_i x_i · g)

    ln σ(x) = min(x, 0) - ln(1 + e^(-|x|)) never overflows. As in PyTorch, the rule is
    written with plain tensor operations (…, ``MulBackward0``, ``DivBackward1`` for the mean).

    x and t may differ in dtype (float64 targets from NumPy beside float32 logits): as
    PyTorch's kernel, ln σ(x) is taken in x's dtype and the loss is worked out in place on
    1 - t, so it has t's dtype, each step rounded to it; outside grad mode ∂L/∂x is worked
    out in place too (see `_in_place_steps`).
    """

    node_name = "BinaryCrossEntropyWithLogitsBackward0"
    saved_tensor_names = ("self", "target", "weight", "pos_weight")
    saved_options = {"reduction": reduction()}
    non_inputs = (2, 3)  # the weight and pos_weight

    @staticmethod
    def forward(ctx: Any, x: Tensor, target: Tensor, weight: Tensor | None,
                pos_weight: Tensor | None, reduction: str) -> Any:
        xp, data, t = x._xp, x._data, target._data
        log_sigmoid = log_sigmoid_with_buffer(xp, data)[0]
        kept = t.dtype  # (each in-place step of PyTorch's kernel rounds to its tensor's dtype)
        if pos_weight is not None:
            check_broadcast(pos_weight._data.shape, t.shape)
            log_sigmoid = (log_sigmoid * ((pos_weight._data - 1) * t + 1)).astype(
                data.dtype, copy=False)
        loss = (((1 - t) * data).astype(kept, copy=False) - log_sigmoid).astype(kept, copy=False)
        if weight is not None:
            loss = (loss * weight._data).astype(kept, copy=False)
        ctx.save_for_backward(x, target, weight, pos_weight)
        ctx.reduction, ctx.count = reduction, loss.size
        return _reduce(xp, loss, reduction)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None, None]:
        x, target, weight, pos_weight = ctx.saved_tensors
        reduction, count = ctx.reduction, ctx.count
        grad_x = grad_t = None
        if ctx.needs_input_grad[0] and not grad_mode.is_grad_enabled() and len(
                {t.dtype for t in (x, target, pos_weight, weight, grad) if t is not None}) > 1:
            grad_x = _in_place_steps(x, target, weight, pos_weight, grad, reduction, count)
        elif ctx.needs_input_grad[0]:
            if pos_weight is None:
                grad_x = x.sigmoid() - target
            else:
                t_pos = pos_weight * target
                grad_x = (AddNumber.apply(t_pos, 1) - target) * x.sigmoid() - t_pos
            grad_x = scaled(grad_x, weight, grad, reduction=reduction, count=count)
            grad_x._version_counter[0] = _logits_steps_in_place(pos_weight, weight, reduction)
        if ctx.needs_input_grad[1]:
            if pos_weight is None:
                grad_t = -x
            else:
                grad_t = LogSigmoid.apply(-x) - LogSigmoid.apply(x) * pos_weight
            grad_t = scaled(grad_t, grad, weight, reduction=reduction, count=count)
            # (PyTorch's target rule: log_sigmoid(-x).sub_(log_sigmoid(x).mul_(pw)), then
            # .mul_(w) and .div_(n) for the mean, in any grad mode)
            grad_t._version_counter[0] = (2 * (pos_weight is not None) + (weight is not None)
                                          + (reduction == "mean"))
        return grad_x, grad_t, None, None, None


def _in_place_steps(x: Tensor, target: Tensor, weight: Tensor | None,
                    pos_weight: Tensor | None, grad: Tensor, reduction: str,
                    count: int) -> Tensor:
    """∂L/∂x = (σ(x) - t) · w · grad (/ n) as PyTorch works it out of grad mode: in place on
    σ(x), so each step is rounded to x's dtype (t, w or grad may be wider); with pw, in place
    on pw·t: ((pw·t + 1 - t) · σ(x) - pw·t) rounded to pw·t's dtype. Its version moves on
    by each step."""
    if pos_weight is None:
        kept = x.dtype
        value = (x.sigmoid() - target).to(kept)
    else:
        t_pos = pos_weight * target
        kept = t_pos.dtype
        value = ((AddNumber.apply(t_pos, 1) - target).to(kept) * x.sigmoid()).to(kept)
        value = (value - t_pos).to(kept)
    for factor in (weight, grad):
        if factor is not None:
            value = (value * factor).to(kept)
    value = DivNumber.apply(value, count) if reduction == "mean" else value
    value._version_counter[0] = _logits_steps_in_place(pos_weight, weight, reduction)
    return value


def _logits_steps_in_place(pos_weight: Tensor | None, weight: Tensor | None,
                           reduction: str) -> int:
    """The version PyTorch's binary_cross_entropy_with_logits_backward leaves on ∂L/∂x: it
    works in place on one new tensor (σ(x).sub_(t), or with pw (pw·t + 1).sub_(t).mul_(σ(x))
    .sub_(pw·t); then .mul_(grad), .mul_(w), and .div_(n) for the mean), each step one
    version; under grad mode only the mean's div_ stays in place."""
    if grad_mode.is_grad_enabled():
        return int(reduction == "mean")
    return ((3 if pos_weight is not None else 1) + 1 + (weight is not None)
            + (reduction == "mean"))


def row_weights(xp: Any, labels: Any, weight: Tensor | None, ignore_index: int,
                dtype: Any) -> tuple[Any, Any]:
    """Each row's target class (0 where ignored) and its weight w_n = w[t_n] (0 where
    ignored); Σ w_n is the ``total_weight`` a 'mean' divides by."""
    counted = labels != ignore_index
    safe = xp.where(counted, labels, 0)
    w = counted.astype(dtype)
    if weight is not None:
        w = w * weight._data[xp.clip(safe, 0, weight._data.shape[0] - 1)]
    return safe, w


def nll_picker(xp: Any, rows: Any, labels: Any, weight: Tensor | None,
               ignore_index: int) -> tuple[Any, Any]:
    """The "picker" -w_n at row n's target class (zeros elsewhere and on ignored rows), and
    each row's weight w_n; a target outside the classes is PyTorch's IndexError."""
    safe, w = row_weights(xp, labels, weight, ignore_index, rows.dtype)
    wrong = (safe < 0) | (safe >= rows.shape[1])
    if bool(wrong.any()):
        raise IndexError(f"Target {int(safe[wrong][0])} is out of bounds.")
    picker = xp.zeros(rows.shape, dtype=rows.dtype)
    counted = labels != ignore_index  # -w (-0 for a class weight of 0), +0 on ignored rows
    picker[xp.arange(rows.shape[0]), safe] = xp.where(counted, -w, 0)
    return picker, w


def picked_gradient(xp: Any, picker: Any, g: Any, divisor: Any) -> Any:
    """picker · g (for the mean PyTorch's order -w · (g / Σw), ``divisor`` being Σw), written
    only where PyTorch's backward writes, at each counted row's target class: +0 elsewhere
    whatever the sign of g, and nan at the counted entries when Σw is 0 (w · (g / 0)); a
    batch whose rows are all ignored gets zeros."""
    with numpy.errstate(divide="ignore", invalid="ignore"):
        if divisor is not None:
            g = g / divisor
        out = picker * g
        counted = (picker != 0) | (1 / picker < 0)  # (-w; -0 for a class weight of 0)
    return xp.where(counted, out, xp.zeros((), out.dtype))


def nll_rows(xp: Any, rows: Any, labels: Any, weight: Tensor | None, reduction: str,
             ignore_index: int) -> tuple[Any, Any, Any]:
    """The negative log-likelihood of each row of log-probabilities (one target class per
    row), for NllLoss and NllLoss2d: the "picker" (-w_n at row n's target class: the constant
    d loss_n / d logp, divided by Σ w for 'mean'), the losses, and the reduced loss (the
    losses themselves for 'none')."""
    picker, w = nll_picker(xp, rows, labels, weight, ignore_index)
    counted = labels != ignore_index  # -logp[n, t_n] · w_n (-0 if w_n = 0), +0 if ignored
    picked = rows[xp.arange(rows.shape[0]), xp.where(counted, labels, 0)]
    losses = xp.where(counted, -picked * w, xp.zeros((), rows.dtype))
    total = w.sum()
    if reduction == "mean":
        picker = picker / total if total else picker  # every row ignored: gradient 0
        return picker, losses, xp.asarray(losses.sum() / total, dtype=rows.dtype)
    if reduction == "sum":
        return picker, losses, xp.asarray(losses.sum(), dtype=rows.dtype)
    return picker, losses, losses


def nll_reduced_rows(xp: Any, rows: Any, labels: Any, weight: Tensor | None, reduction: str,
                     ignore_index: int) -> tuple[Any, Any, Any, Any]:
    """NllLoss's and NllLoss2d's forward on (positions, classes) rows: (picker, result,
    Σw, divisor). A CPU mean or sum is added in PyTorch's order (`nll_order`); its picker is
    then -w, divided at backward time (``divisor``: Σw for the mean, else None), as PyTorch's
    backward computes -(g / Σw) · w."""
    if type(rows) is numpy.ndarray and reduction != "none":
        picker, w = nll_picker(xp, rows, labels, weight, ignore_index)
        counted = labels != ignore_index
        picked = rows[xp.arange(rows.shape[0]), xp.where(counted, labels, 0)]
        out, total = nll_order.nll_reduced(picked, w, counted, weight is not None)
        if reduction == "mean":
            if not rows.shape[0]:  # an empty batch: PyTorch fills in a quiet (positive) nan
                return picker, numpy.asarray(numpy.nan, rows.dtype), total, total
            return picker, out / total, total, total
        return picker, out, total, None
    picker, losses, out = nll_rows(xp, rows, labels, weight, reduction, ignore_index)
    total = 0 if reduction == "none" else row_weights(xp, labels, weight, ignore_index,
                                                       rows.dtype)[1].sum()
    return picker, losses if reduction == "none" else out, total, None


class NllLoss(Function):
    """loss_n = -w[t_n] · logp[n, t_n]   (rows whose target is ignore_index count 0)

    'mean' divides the sum by Σ w[t_n] over the counted rows.
    ∂loss/∂logp[n, c] = -w[t_n] · g_n if c = t_n else 0: the gradient is a one-hot "picker",
    applied by `NllLossBackward` (an operation of its own, as in PyTorch).
    """

    node_name = "NllLossBackward0"
    non_inputs = (1, 2)  # the class indices and the weight
    saved_tensor_names = ("self", "target", "weight", "total_weight")
    saved_options = {"ignore_index": given_dim("ignore_index"), "reduction": reduction()}

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
        picker, out, total, ctx.divisor = nll_reduced_rows(xp, rows, labels, weight, reduction,
                                                           ignore_index)
        if reduction == "none" and single:
            out = out[0]
        ctx.save_for_backward(logp, target, weight,
                              Tensor._make(xp.asarray(total, dtype=data.dtype)))
        ctx.picker, ctx.options = picker, (target, weight, reduction, ignore_index)
        ctx.reduction, ctx.ignore_index = reduction, ignore_index
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None, None, None]:
        logp = ctx.saved_tensors[0]  # (the target and weight are checked, as in PyTorch)
        return (NllLossBackward.apply(grad, logp, ctx.picker, ctx.options, ctx.divisor),
                None, None, None, None)


class NllLossBackward(Function):
    """out[n, c] = picker[n, c] · g_n: NllLoss's rule (the constant picker is -w[t_n] at the
    target class, divided by Σ w for the mean), run as an operation of its own.

    ∂out/∂grad → nll_loss of grad_grad (same target, weight, reduction): a linear map's
    adjoint is the picker again;  ∂out/∂logp = 0 (the picker does not depend on logp).
    """

    node_name = "NllLossBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, logp: Tensor, picker: Any, options: tuple[Any, ...],
                divisor: Any = None) -> Any:
        ctx.options = options
        g = grad._data.reshape(-1, 1) if options[2] == "none" else grad._data
        return picked_gradient(logp._xp, picker, g, divisor).reshape(logp._data.shape)

    @staticmethod
    def backward(ctx: Any, grad_grad: Tensor) -> tuple[Any, Any, None, None]:
        needs_grad, needs_logp = ctx.needs_input_grad[:2]
        return (NllLoss.apply(grad_grad, *ctx.options) if needs_grad else None,
                zero_gradient(grad_grad) if needs_logp else None, None, None, None)
