"""Connectionist temporal classification: ``F.ctc_loss`` and ``nn.CTCLoss`` (Graves et al.).

The loss of a label sequence l given per-step log-probabilities lp[t, c] is -log p(l | x),
summed over every alignment: l with blanks put around and between its labels (l' = b l₁ b l₂
… b, length S = 2L + 1), each step emitting one symbol of l' in order, repeating it or
moving on by one (or by two, skipping a blank between two different labels). In log space:

    α[0, 0] = lp[0, b],  α[0, 1] = lp[0, l'₁]
    α[t, s] = lp[t, l'ₛ] + logsumexp(α[t-1, s], α[t-1, s-1], α[t-1, s-2] if l'ₛ ≠ b, l'ₛ₋₂)
    loss = -logsumexp(α[T-1, S-1], α[T-1, S-2])

β is the same recursion run backwards from the end. The gradient is PyTorch's, which is
taken through a log_softmax before the input (it assumes lp = log_softmax(logits)):

    ∂loss/∂lp[t, c] = exp(lp[t, c])
                      - exp(logsumexp_{s: l'ₛ = c}(α[t, s] + β[t, s]) + loss - lp[t, c])

for t < the sample's input length (0 after it; 0 everywhere for an infinite loss with
``zero_infinity``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from ..function import Function
from ..ops import where
from ..tensor import Tensor
from .loss import _Loss

_NEG_INF = -numpy.inf


def _shifted(xp: Any, row: Any, by: int) -> Any:
    """row moved right by ``by`` places (-inf coming in)."""
    out = xp.full_like(row, _NEG_INF)
    if by < row.shape[0]:
        out[by:] = row[:-by]
    return out


def _forward_variables(xp: Any, lp: Any, ext: Any, blank: int) -> Any:
    """α[t, s] over t < T (rows) for one sample, in log space."""
    steps, width = lp.shape[0], ext.shape[0]
    skip = xp.zeros(width, dtype=bool)  # s - 2 → s allowed: a label unlike the one before
    skip[2:] = ext[2:] != ext[:-2]  # (as PyTorch: a target equal to blank may be skipped to)
    alpha = xp.full((steps, width), _NEG_INF)
    alpha[0, :min(2, width)] = lp[0, ext[:2]]
    for t in range(1, steps):
        prev = alpha[t - 1]
        two = xp.where(skip, _shifted(xp, prev, 2), _NEG_INF)
        alpha[t] = xp.logaddexp(xp.logaddexp(prev, _shifted(xp, prev, 1)), two) + lp[t, ext]
    return alpha


def _backward_variables(xp: Any, lp: Any, ext: Any, blank: int) -> Any:
    """β[t, s]: the same recursion run on the reversed steps and sequence (blanks alternate
    with labels, so s + 2 → s is allowed exactly where s - 2 → s is in the reversed one)."""
    return _forward_variables(xp, lp[::-1], ext[::-1], blank)[::-1, ::-1]


def _one_sample(xp: Any, lp: Any, labels: Any, blank: int, want_grad: bool) -> tuple[Any, Any]:
    """(loss, ∂loss/∂lp) for one sample: lp (T, C) up to its input length, its labels."""
    ext = xp.full(2 * labels.shape[0] + 1, blank, dtype=xp.int64)
    ext[1::2] = labels
    alpha = _forward_variables(xp, lp, ext, blank)
    loss = -xp.logaddexp(alpha[-1, -1], alpha[-1, -2] if ext.shape[0] > 1 else _NEG_INF)
    if not want_grad:
        return loss, None
    both = alpha + _backward_variables(xp, lp, ext, blank)
    top = both.max(axis=1, keepdims=True)
    top = xp.where(xp.isfinite(top), top, 0.0)
    onehot = (ext[:, None] == xp.arange(lp.shape[1])[None, :]).astype(lp.dtype)
    with numpy.errstate(divide="ignore", invalid="ignore", over="ignore"):
        through = top + xp.log(xp.exp(both - top) @ onehot)  # logsumexp over s with l'ₛ = c
        grad = xp.exp(lp) - xp.exp(through + loss - lp)
    return loss, grad


class CtcLoss(Function):
    """loss[n] = -log p(targets[n] | log_probs[:, n]) (see the module docstring for α, β)

    ∂loss[n]/∂lp[t, n, c] = exp(lp) - exp(logsumexp_{s: l'ₛ = c}(α + β) + loss - lp),
    0 for t ≥ input_lengths[n] (and for an infinite loss with zero_infinity, which
    ``ctc_loss`` then replaces by 0).
    """

    node_name = "CtcLossBackward0"
    forward_ad_missing = "_ctc_loss"  # (PyTorch has no forward-mode formula)
    non_inputs = (1,)

    @staticmethod
    def forward(ctx: Any, log_probs: Tensor, targets: Tensor, input_lengths: list[int],
                target_lengths: list[int], blank: int, zero_infinity: bool) -> Any:
        xp, data = log_probs._xp, log_probs._data
        lp_all = data.astype(xp.float64)
        labels = targets._data
        offsets = [sum(target_lengths[:n]) for n in range(len(target_lengths))]
        losses = xp.zeros(data.shape[1])
        grads = xp.zeros(lp_all.shape)
        for n, (steps, length) in enumerate(zip(input_lengths, target_lengths)):
            row = labels[n, :length] if labels.ndim == 2 else \
                labels[offsets[n]:offsets[n] + length]
            loss, grad = _one_sample(xp, lp_all[:steps, n], row.astype(xp.int64), blank,
                                     ctx.needs_input_grad[0])
            if zero_infinity and loss == numpy.inf:
                grad = None
            losses[n] = loss
            if grad is not None:
                grads[:steps, n] = grad
        ctx.grads = Tensor._make(grads.astype(data.dtype))
        ctx.save_for_backward(log_probs)
        return losses.astype(data.dtype)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        (log_probs,) = ctx.saved_tensors
        return CtcLossGradient.apply(grad, log_probs, ctx.grads), None, None, None, None, None


class CtcLossGradient(Function):
    """∂L/∂lp[t, n, c] = grad[n] · ∂loss[n]/∂lp[t, n, c]; it has no derivative of its own,
    as in PyTorch (whose node for it is named ``NotImplemented``; like it, the node is made
    whenever log_probs requires grad, under create_graph)."""

    node_name = "NotImplemented"
    non_inputs = (2,)

    @staticmethod
    def forward(ctx: Any, grad: Tensor, log_probs: Tensor, grads: Tensor) -> Any:
        return grads._data * grad._data.reshape(1, -1, 1)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, ...]:
        raise RuntimeError("derivative for aten::_ctc_loss_backward is not implemented")


def _lengths(values: Any) -> list[int]:
    if isinstance(values, Tensor):
        return [int(v) for v in values.reshape(-1).tolist()]
    return [int(v) for v in values]


def ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: Any, target_lengths: Any,
             blank: int = 0, reduction: str = "mean", zero_infinity: bool = False) -> Tensor:
    """The CTC loss of ``targets`` (N, S) padded, or all concatenated, given ``log_probs``
    (T, N, C) (log_softmax outputs); ``reduction='mean'`` divides each loss by its target
    length first."""
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    unbatched = log_probs.dim() == 2
    if unbatched:
        log_probs, targets = log_probs.unsqueeze(1), targets.unsqueeze(0)
    inputs, lengths = _lengths(input_lengths), _lengths(target_lengths)
    steps, batch, classes = log_probs.shape
    if log_probs.numel() == 0:
        raise RuntimeError("log_probs tensor must not be empty")
    if not 0 <= blank < classes:
        raise RuntimeError("blank must be in label range")
    if len(inputs) != batch:
        raise RuntimeError("input_lengths must be of size batch_size")
    if len(lengths) != batch:
        raise RuntimeError("target_lengths must be of size batch_size")
    context = "(while checking arguments for ctc_loss_allocate_outputs)"
    if targets.dim() == 2 and lengths and targets.shape[1] < max(lengths):
        raise RuntimeError(
            f"Expected tensor to have size at least {max(lengths)} at dimension 1, but got "
            f"size {targets.shape[1]} for argument #2 'targets' {context}")
    if targets.dim() == 1 and targets.shape[0] != sum(lengths):
        raise RuntimeError(
            f"Expected tensor to have size {sum(lengths)} at dimension 0, but got "
            f"size {targets.shape[0]} for argument #2 'targets' {context}")
    for value in inputs:
        if value > steps:
            raise RuntimeError(f"Expected input_lengths to have value at most {steps}, but "
                               f"got value {value} {context}")
    losses = CtcLoss.apply(log_probs, targets, inputs, lengths, blank, zero_infinity)
    if zero_infinity:
        losses = where(losses == math.inf, losses.new_zeros(()), losses)
    if unbatched:
        losses = losses.squeeze(0)
    if reduction == "sum":
        return losses.sum()
    if reduction == "mean":
        divisor = log_probs.detach().new_tensor(lengths).clamp_min(1)
        return (losses / (divisor[0] if unbatched else divisor)).mean()
    return losses


class CTCLoss(_Loss):
    """The CTC loss (`ctc_loss`) of label sequences given per-step log-probabilities."""

    def __init__(self, blank: int = 0, reduction: str = "mean",
                 zero_infinity: bool = False) -> None:
        super().__init__(reduction=reduction)
        self.blank, self.zero_infinity = blank, zero_infinity

    def forward(self, log_probs: Tensor, targets: Tensor, input_lengths: Any,
                target_lengths: Any) -> Tensor:
        return ctc_loss(log_probs, targets, input_lengths, target_lengths, self.blank,
                        self.reduction, self.zero_infinity)
