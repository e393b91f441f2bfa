"""``nn.functional``: the layers and losses as plain functions (``F.linear``, ``F.mse_loss``, …).

The modules in `nn` call these; each is one recorded operation where PyTorch has one
(``AddmmBackward0``, ``MseLossBackward0``, …), with the rules in ``ops/nn_ops.py``.
"""

from __future__ import annotations

import warnings
from typing import Any

from .. import dtypes, grad_mode, ops
from ..inplace import apply_inplace
from ..ops import activations as _act
from ..ops import nn_ops
from ..ops.arithmetic import AddNumber, DivNumber, MulNumber
from ..tensor import Tensor


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:  # noqa: A002
    """y = x Wᵀ + b. With a bias and 2-D input this is one ``addmm`` (``AddmmBackward0``)."""
    if bias is None:
        return ops.matmul(input, weight.t())
    ndim = input._data.ndim
    if ndim == 2:
        return nn_ops.Addmm.apply(bias, input, weight.t())
    if ndim == 0:
        raise RuntimeError(
            "both arguments to linear need to be at least 1D, but they are 0D and 2D"
        )
    rows = input.reshape(-1, input.shape[-1])
    out = nn_ops.Addmm.apply(bias, rows, weight.t())
    return out.view(tuple(input.shape[:-1]) + (out.shape[-1],))


# ---- activations --------------------------------------------------------------------------

def relu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    return input.relu_() if inplace else ops.relu(input)


def sigmoid(input: Tensor) -> Tensor:  # noqa: A002
    return ops.sigmoid(input)


def tanh(input: Tensor) -> Tensor:  # noqa: A002
    return ops.tanh(input)


def _run(function: Any, input: Tensor, inplace: bool, *params: Any) -> Tensor:  # noqa: A002
    """``function`` applied to ``input``, or written into it when ``inplace``."""
    return apply_inplace(input, function, *params) if inplace else function.apply(input, *params)


def leaky_relu(input: Tensor, negative_slope: float = 0.01,  # noqa: A002
               inplace: bool = False) -> Tensor:
    """x where x > 0, else negative_slope · x."""
    return _run(_act.LeakyReluInplace if inplace else _act.LeakyRelu, input, inplace,
                negative_slope)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """x where x > 0, else α(eˣ - 1)."""
    return _run(_act.EluInplace if inplace else _act.Elu, input, inplace, alpha)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:  # noqa: A002
    """ln(1 + e^(βx)) / β, a smooth ReLU (x itself where βx > threshold)."""
    return _act.Softplus.apply(input, beta, threshold)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:  # noqa: A002
    """x Φ(x), Φ the standard normal CDF (approximate='tanh': PyTorch's tanh formula)."""
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    return _act.Gelu.apply(input, approximate)


def silu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """x σ(x) (also called swish)."""
    return _run(_act.Silu, input, inplace)


def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0,  # noqa: A002
             inplace: bool = False) -> Tensor:
    """x clamped to [min_val, max_val] (gradient 1 strictly inside, 0 elsewhere)."""
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    return _run(_act.Hardtanh, input, inplace, min_val, max_val)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """min(max(x, 0), 6): hardtanh(x, 0, 6), recorded as PyTorch does (HardtanhBackward0)."""
    return hardtanh(input, 0.0, 6.0, inplace)


def _softmax_dim(ndim: int, name: str) -> int:
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
        "dim=X as an argument.",
        UserWarning,
        stacklevel=3,
    )
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, dtype: Any = None) -> Tensor:  # noqa: A002
    if dim is None:
        dim = _softmax_dim(input.dim(), "softmax")
    if dtype is not None:
        input = input.to(dtype)
    return ops.softmax(input, dim)


def log_softmax(input: Tensor, dim: int | None = None, dtype: Any = None) -> Tensor:  # noqa: A002
    if dim is None:
        dim = _softmax_dim(input.dim(), "log_softmax")
    if dtype is not None:
        input = input.to(dtype)
    return ops.log_softmax(input, dim)


# ---- losses -------------------------------------------------------------------------------

def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:  # noqa: A002
    """mean (or sum, or each) of (input - target)²."""
    nn_ops.check_reduction(reduction)
    _warn_if_target_size_differs(input, target)
    return nn_ops.MseLoss.apply(input, target, reduction)


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None,  # noqa: A002
                         reduction: str = "mean") -> Tensor:
    """-[t ln p + (1 - t) ln(1 - p)] for probabilities p in [0, 1]."""
    nn_ops.check_reduction(reduction)
    if target.shape != input.shape:
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}) is deprecated. Please ensure they have the same size."
        )
    if target.dtype != input.dtype:
        raise RuntimeError(f"Found dtype {_dtype_word(target)} but expected {_dtype_word(input)}")
    return nn_ops.BinaryCrossEntropy.apply(input, target, weight, reduction)


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor,  # noqa: A002
                                     weight: Tensor | None = None, reduction: str = "mean",
                                     pos_weight: Tensor | None = None) -> Tensor:
    """binary_cross_entropy(sigmoid(x), t), computed without overflow for large |x|.

    ``pos_weight`` (one per class, broadcast along the last dimension) multiplies the loss
    of the positive targets: -[pw · t ln σ(x) + (1 - t) ln(1 - σ(x))].
    """
    nn_ops.check_reduction(reduction)
    if target.shape != input.shape:
        raise ValueError(
            f"Target size ({target.shape}) must be the same as input size ({input.shape})"
        )
    for name, value in (("weight", weight), ("pos_weight", pos_weight)):
        if value is not None and value.requires_grad and grad_mode.is_grad_enabled():
            raise RuntimeError(
                "The function 'binary_cross_entropy_with_logits' is not differentiable with "
                f"respect to argument '{name}'. This input cannot have requires_grad True."
            )
    return nn_ops.BinaryCrossEntropyWithLogits.apply(input, target, weight, pos_weight,
                                                     reduction)


def nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None,  # noqa: A002
             ignore_index: int = -100, reduction: str = "mean") -> Tensor:
    """-input[n, target[n]]: the negative log-likelihood of the right class."""
    nn_ops.check_reduction(reduction)
    _check_class_targets(input, target)
    return nn_ops.NllLoss.apply(input, target, weight, reduction, ignore_index)


def _dtype_word(t: Tensor) -> str:
    return dtypes.scalar_type_word(t.dtype.name)


def _check_class_targets(input: Tensor, target: Tensor) -> None:  # noqa: A002
    """PyTorch's errors for class-index targets that cannot be: a float dtype, the wrong size."""
    if target.is_floating_point():
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {_dtype_word(target)}"
        )
    if input.dim() == 1 and target.dim() == 1 and target.numel() != 1:
        raise ValueError("For 1D input, 1D target must have size 1, but got target size: "
                         f"{target.numel()}")


def cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None,  # noqa: A002
                  ignore_index: int = -100, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:
    """nll_loss(log_softmax(input, 1), target): softmax and log-likelihood in one loss.

    ``target`` holds class indices; a floating-point target of the input's shape holds class
    probabilities instead (loss = -Σ_c target_c · log_softmax(input)_c).

    ``label_smoothing`` ε mixes the target with the uniform distribution over the C classes:
    (1 - ε) · the loss above + ε · the mean over classes of -log_softmax(input)_c, each built
    as PyTorch builds it (so the graph shows the same nodes).
    """
    nn_ops.check_reduction(reduction)
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    class_dim = 1 if input.dim() >= 2 else 0
    logp = ops.log_softmax(input, class_dim)
    n_classes = logp.shape[class_dim]
    if weight is not None and input.dim() >= 2:  # one weight per class, along the class dim
        weight = weight.view([n_classes if d == 1 else 1 for d in range(input.dim())])
    if target.is_floating_point() and target.shape == input.shape:  # class probabilities
        if label_smoothing > 0.0:
            target = AddNumber.apply(MulNumber.apply(target, 1 - label_smoothing),
                                     label_smoothing / n_classes)
        terms = logp * target if weight is None else logp * target * weight
        if reduction == "none":
            return -terms.sum(class_dim)
        total = -terms.sum()
        return total if reduction == "sum" else DivNumber.apply(total, logp.numel() // n_classes)
    _check_class_targets(input, target)
    nll = nn_ops.NllLoss.apply(logp, target, None if weight is None else weight.flatten(),
                               reduction, ignore_index)
    if label_smoothing <= 0.0:
        return nll
    return _smoothed(nll, logp, target, weight, ignore_index, reduction, label_smoothing)


def _smoothed(nll: Tensor, logp: Tensor, target: Tensor, weight: Tensor | None,
              ignore_index: int, reduction: str, label_smoothing: float) -> Tensor:
    """(1 - ε) · nll + ε/C · Σ_c -w_c logp_c (rows whose target is ignore_index count 0),
    reduced as nll_loss reduces (the mean divides by the counted rows' Σ w[t_n])."""
    class_dim = 1 if logp.dim() >= 2 else 0
    n_classes = logp.shape[class_dim]
    ignored = target == ignore_index
    smooth = -(logp if weight is None else logp * weight).sum(class_dim)
    smooth = smooth.masked_fill(ignored, 0.0)
    if reduction == "mean":
        counted = target[~ignored]
        total = (~ignored).sum() if weight is None else weight.flatten()[counted].sum()
        smooth = smooth.sum() / total
    elif reduction == "sum":
        smooth = smooth.sum()
    return (MulNumber.apply(nll, 1 - label_smoothing)
            + MulNumber.apply(smooth, label_smoothing / n_classes))


# ---- dropout and the L1-type losses -------------------------------------------------------

def dropout(input: Tensor, p: float = 0.5, training: bool = True,  # noqa: A002
            inplace: bool = False) -> Tensor:
    """Zero each element with probability p and scale the survivors by 1/(1 - p)::

        out = input · mask,   mask_i = 1/(1 - p) with probability 1 - p, else 0

    so the expected value of each element is unchanged. The mask is one tensor, saved by the
    multiplication (``MulBackward0``), so backward multiplies the gradient by the same mask.
    Not training, or p = 0: the input itself is returned. Random numbers come from the kit's
    generator (``ak.manual_seed``).
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0 or input.numel() == 0:
        return input
    from .. import backend, random  # here, so this section only appends to the file

    xp = input._xp
    with backend.on_device(input.device):
        if p == 1.0:
            mask = xp.zeros(input.shape, dtype=input._data.dtype)
        else:
            keep = random.uniform(tuple(input.shape), input.device) < 1.0 - p
            mask = keep.astype(input._data.dtype) / (1.0 - p)
    mask_t = Tensor._make(mask.astype(input._data.dtype, copy=False))
    return input.mul_(mask_t) if inplace else input * mask_t


def _warn_if_target_size_differs(input: Tensor, target: Tensor) -> None:  # noqa: A002
    if target.shape != input.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            UserWarning,
            stacklevel=3,
        )


def l1_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:  # noqa: A002
    """mean (or sum, or each) of |input - target|.

    As in PyTorch it is built from small operations: ``MeanBackward0`` (or ``SumBackward0``)
    ← ``AbsBackward0`` ← ``SubBackward0``.
    """
    _warn_if_target_size_differs(input, target)
    nn_ops.check_reduction(reduction)
    losses = ops.abs(input - target)
    if reduction == "mean":
        return losses.mean()
    return losses.sum() if reduction == "sum" else losses


def smooth_l1_loss(input: Tensor, target: Tensor, reduction: str = "mean",  # noqa: A002
                   beta: float = 1.0) -> Tensor:
    """0.5 d²/β where |d| < β, else |d| - 0.5 β (d = input - target); reduced.

    β = 0 is plain ``l1_loss``, as in PyTorch.
    """
    _warn_if_target_size_differs(input, target)
    nn_ops.check_reduction(reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    if beta == 0.0:
        return l1_loss(input, target, reduction)
    from ..ops import robust_losses

    return robust_losses.SmoothL1Loss.apply(input, target, reduction, float(beta))


def huber_loss(input: Tensor, target: Tensor, reduction: str = "mean",  # noqa: A002
               delta: float = 1.0) -> Tensor:
    """0.5 d² where |d| < δ, else δ (|d| - 0.5 δ) (d = input - target); reduced."""
    _warn_if_target_size_differs(input, target)
    nn_ops.check_reduction(reduction)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    from ..ops import robust_losses

    return robust_losses.HuberLoss.apply(input, target, reduction, float(delta))
