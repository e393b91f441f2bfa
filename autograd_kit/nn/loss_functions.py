"""The losses of ``nn.functional`` (``F.mse_loss``, ``F.cross_entropy``, …).

Each is one recorded operation where PyTorch has one (``MseLossBackward0``,
``NllLossBackward0``, …), with the rules in ``ops/nn_ops.py``; this file adds PyTorch's
argument handling around them: the legacy ``size_average``/``reduce`` flags, the dtype and
shape checks (with PyTorch's messages), per-element ``weight``, and class-index targets with
extra dimensions (``(N, C, d1, …)`` scores against ``(N, d1, …)`` targets).
"""

from __future__ import annotations

import warnings

from .. import dtypes, ops
from ..inplace import check_fits
from ..ops import nn_ops
from ..ops.arithmetic import AddNumber, DivNumber, MulNumber
from ..ops.operands import check_argument_devices, check_broadcast, check_same_device
from ..tensor import Tensor
from ..tensor_queries import broadcast_shapes, broadcast_tensors
from .arguments import refuse_requires_grad, type_name
from .functional_arguments import check_int, real
from .loss_nll2d import nll_loss_nd


def _word(t: Tensor) -> str:
    """PyTorch's name for a tensor's dtype in messages (``'Float'``, ``'Long'``, …)."""
    return dtypes.scalar_type_word(t.dtype.name)


def _legacy_reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    """``reduction``, or the one the deprecated ``size_average``/``reduce`` flags ask for
    (the old spelling ``'elementwise_mean'`` is ``'mean'``, with PyTorch's warning)."""
    if size_average is None and reduce is None:
        return _modern_spelling(reduction)
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    legacy = "mean" if size_average and reduce else "sum" if reduce else "none"
    warnings.warn("size_average and reduce args will be deprecated, please use "
                  f"reduction='{legacy}' instead.", stacklevel=3)
    return legacy


def _modern_spelling(reduction: str) -> str:
    if reduction == "elementwise_mean":
        warnings.warn("reduction='elementwise_mean' is deprecated. Please use reduction='mean' "
                      "instead.", stacklevel=4)
        return "mean"
    return reduction


def _same_size(input: Tensor, target: Tensor) -> bool:  # noqa: A002
    """``target.size() == input.size()``, the first check of PyTorch's losses (where anything
    but a tensor fails with PyTorch's AttributeError); two plain tensors compare their
    arrays' shapes, without making `Size` objects."""
    if type(input) is Tensor and type(target) is Tensor:
        return input._data.shape == target._data.shape
    return target.size() == input.size()


def _warn_if_target_size_differs(input: Tensor, target: Tensor) -> None:  # noqa: A002
    if not _same_size(input, target):
        warnings.warn(
            f"Using a target size ({target.size()}) that is different to the input size "
            f"({input.size()}). This will likely lead to incorrect results due to "
            "broadcasting. Please ensure they have the same size.",
            UserWarning,
            stacklevel=3,
        )


def _broadcast(input: Tensor, target: Tensor) -> tuple[Tensor, Tensor]:  # noqa: A002
    """``torch.broadcast_tensors(input, target)``, as PyTorch's elementwise losses begin: the
    one of another shape is expanded (recorded, ``ExpandBackward0``), so a 0-dim float64
    target makes a float64 loss as a full-size one would."""
    if _same_size(input, target):
        return input, target
    return broadcast_tensors(input, target)


def _check_floating(kernel: str, input: Tensor, target: Tensor) -> None:  # noqa: A002
    """PyTorch's error for a loss on integer (or bool) inputs and targets alike."""
    if not input.is_floating_point() and not target.is_floating_point():
        raise NotImplementedError(f'"{kernel}" not implemented for \'{_word(input)}\'')


def _weighted(losses: Tensor, weight: Tensor, input: Tensor, reduction: str,  # noqa: A002
              mean_over_weight: bool = True) -> Tensor:
    """Per-element losses times ``weight``, reduced (the mean divides by Σ weight, or by the
    number of elements when ``mean_over_weight`` is False)."""
    if weight.size() != input.size():
        raise ValueError("Weights and input must have the same size.")
    weighted = losses * weight
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return weighted.sum()
    if reduction == "mean":
        return weighted.sum() / weight.sum() if mean_over_weight else weighted.mean()
    raise ValueError(
        f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")


def mse_loss(input: Tensor, target: Tensor, size_average: bool | None = None,  # noqa: A002
             reduce: bool | None = None, reduction: str = "mean",
             weight: Tensor | None = None) -> Tensor:
    """mean (or sum, or each) of (input - target)² (times ``weight``, per element)."""
    _warn_if_target_size_differs(input, target)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    expanded, target = _broadcast(input, target)
    if weight is not None:  # (the weight must have the input's own size)
        return _weighted((expanded - target).pow(2), weight, input, reduction)
    nn_ops.check_reduction(reduction)
    _check_floating("mse_cpu", expanded, target)
    return nn_ops.MseLoss.apply(expanded, target, reduction)


def l1_loss(input: Tensor, target: Tensor, size_average: bool | None = None,  # noqa: A002
            reduce: bool | None = None, reduction: str = "mean",
            weight: Tensor | None = None) -> Tensor:
    """mean (or sum, or each) of |input - target|.

    As in PyTorch it is built from small operations: ``MeanBackward0`` (or ``SumBackward0``)
    ← ``AbsBackward0`` ← ``SubBackward0``.
    """
    _warn_if_target_size_differs(input, target)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    expanded, target = _broadcast(input, target)
    losses = ops.abs(expanded - target)
    if weight is not None:
        return _weighted(losses, weight, input, reduction)
    nn_ops.check_reduction(reduction)
    if reduction == "mean":
        return losses.mean()
    return losses.sum() if reduction == "sum" else losses


def smooth_l1_loss(input: Tensor, target: Tensor, size_average: bool | None = None,  # noqa: A002
                   reduce: bool | None = None, reduction: str = "mean",
                   beta: float = 1.0) -> Tensor:
    """0.5 d²/β where |d| < β, else |d| - 0.5 β (d = input - target); reduced.

    β = 0 is plain ``l1_loss``, as in PyTorch.
    """
    _warn_if_target_size_differs(input, target)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    input, target = _broadcast(input, target)
    nn_ops.check_reduction(reduction)
    beta = real("smooth_l1_loss", "beta", 4, beta)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    if beta == 0.0:
        return l1_loss(input, target, reduction=reduction)
    _check_floating("smooth_l1_cpu", input, target)
    from ..ops import robust_losses

    return robust_losses.SmoothL1Loss.apply(input, target, reduction, float(beta))


def huber_loss(input: Tensor, target: Tensor, reduction: str = "mean",  # noqa: A002
               delta: float = 1.0, weight: Tensor | None = None) -> Tensor:
    """0.5 d² where |d| < δ, else δ (|d| - 0.5 δ) (d = input - target); reduced.

    The result has the input's dtype (a float64 target does not make it float64: each loss
    is worked out in the wider dtype and rounded to the input's; its backward then refuses
    the mixed dtypes, as PyTorch's).
    """
    _warn_if_target_size_differs(input, target)
    reduction = _modern_spelling(reduction)
    expanded, target = _broadcast(input, target)
    if weight is None:
        nn_ops.check_reduction(reduction)
    delta = real("huber_loss", "delta", 4, delta)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    _check_floating("huber_cpu", expanded, target)
    if not expanded.is_floating_point():
        raise RuntimeError(f"result type {_word(target)} can't be cast to the desired output "
                           f"type {_word(expanded)}")
    from ..ops import robust_losses

    if weight is None:
        return robust_losses.HuberLoss.apply(expanded, target, reduction, float(delta))
    losses = robust_losses.HuberLoss.apply(expanded, target, "none", float(delta))
    return _weighted(losses, weight, input, reduction, mean_over_weight=False)


def binary_cross_entropy(input: Tensor, target: Tensor,  # noqa: A002
                         weight: Tensor | None = None, size_average: bool | None = None,
                         reduce: bool | None = None, reduction: str = "mean") -> Tensor:
    """-[t ln p + (1 - t) ln(1 - p)] for probabilities p in [0, 1]."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    nn_ops.check_reduction(reduction)
    if not _same_size(input, target):
        raise ValueError(
            f"Using a target size ({target.size()}) that is different to the input size "
            f"({input.size()}) is deprecated. Please ensure they have the same size."
        )
    if weight is not None:  # PyTorch expands the weight to the target's shape
        _check_written_into(input.shape, broadcast_shapes(input.shape, weight.shape))
    refuse_requires_grad("binary_cross_entropy", weight=weight)
    # (arrays of one dtype are tensors of one dtype, and a NumPy float is a floating tensor:
    # the usual case needs no dtype objects)
    if target._data.dtype != input._data.dtype and target.dtype != input.dtype:
        raise RuntimeError(f"Found dtype {_word(target)} but expected {_word(input)}")
    if input._data.dtype.kind != "f":
        _check_floating("binary_cross_entropy", input, target)
    for other in (target, weight):
        if other is not None:
            check_same_device(input, other)
    return nn_ops.BinaryCrossEntropy.apply(input, target, weight, reduction)


def _check_written_into(shape: tuple[int, ...], broadcast: tuple[int, ...]) -> None:
    """PyTorch's error when an in-place result of ``shape`` would need to grow to
    ``broadcast`` (a weight with more or longer dimensions than the loss)."""
    if tuple(broadcast) != tuple(shape):
        raise RuntimeError(f"output with shape {list(shape)} doesn't match the broadcast "
                           f"shape {list(broadcast)}")


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor,  # noqa: A002
                                     weight: Tensor | None = None,
                                     size_average: bool | None = None,
                                     reduce: bool | None = None, reduction: str = "mean",
                                     pos_weight: Tensor | None = None) -> Tensor:
    """binary_cross_entropy(sigmoid(x), t), computed without overflow for large |x|.

    ``pos_weight`` (one per class, broadcast along the last dimension) multiplies the loss
    of the positive targets: -[pw · t ln σ(x) + (1 - t) ln(1 - σ(x))]. The result has the
    target's dtype, as in PyTorch.
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    nn_ops.check_reduction(reduction)
    if target.size() != input.size():
        raise ValueError(
            f"Target size ({target.size()}) must be the same as input size ({input.size()})"
        )
    if not input.is_floating_point():
        raise NotImplementedError(f"\"log_sigmoid_cpu\" not implemented for '{_word(input)}'")
    if target.dtype == dtypes.bool_:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not "
                           "supported. Use the `^` or `logical_xor()` operator instead.")
    if not target.is_floating_point():
        raise RuntimeError(f"result type {_word(input)} can't be cast to the desired output "
                           f"type {_word(target)}")
    refuse_requires_grad("binary_cross_entropy_with_logits", weight=weight,
                         pos_weight=pos_weight)
    # PyTorch's kernel: log_σ(x) *= (pos_weight - 1) · t + 1, then loss *= weight, in place
    if pos_weight is not None:
        check_broadcast(tuple(pos_weight.shape), tuple(target.shape))
        _check_written_into(input.shape, broadcast_shapes(pos_weight.shape, target.shape))
    if weight is not None:
        check_fits(tuple(input.shape), tuple(weight.shape))
    return nn_ops.BinaryCrossEntropyWithLogits.apply(input, target, weight, pos_weight,
                                                     reduction)


# ---- class-index losses -------------------------------------------------------------------

def _check_class_targets(input: Tensor, target: Tensor,  # noqa: A002
                         weight: Tensor | None) -> None:
    """PyTorch's errors for class-index targets, in PyTorch's order.

    First ``nll_loss_nd``: scores with no dimension, a batch size the target does not share,
    and (3 or 5+ dimensions) a target not shaped (N, d1, …). Then, for (C,) and (N, C) scores,
    ``nll_loss``'s checks: a target with more than one dimension ("multi-target"), its dtype
    (Long or Byte), the size of a 1D target for 1D scores, the weight's size and dtype. Other
    scores are laid out as (N, C, H, W) for ``nll_loss2d``, which checks the target's
    dimensions, its dtype, the weight's size, the spatial sizes and the weight's dtype.
    """
    if input.dim() < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.dim()})")
    if input.dim() != 1:
        batch = target.shape[0] if target.dim() else 0
        if batch != input.shape[0]:
            raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target "
                             f"batch_size ({batch}).")
    method = "nll_loss_forward" if input.dim() <= 2 else "nll_loss2d_forward"
    if input.dim() != 4 and input.dim() > 2:
        expected = [input.shape[0], *input.shape[2:]]
        if list(target.shape[1:]) != expected[1:]:
            raise RuntimeError(f"Expected target size {expected}, got {list(target.shape)}")
    refuse_requires_grad(method, weight=weight)
    check_argument_devices(method, self=input, target=target, weight=weight)
    if input.dim() <= 2:
        _check_nll_targets(input, target, weight)
        return
    if input.dim() == 4 and target.dim() != 3:
        raise RuntimeError("only batches of spatial targets supported (3D tensors) but got "
                           f"targets of dimension: {target.dim()}")
    _check_target_dtype(target)
    if weight is not None and weight.numel() != input.shape[1]:
        raise RuntimeError("weight tensor should be defined either for all or no classes")
    if input.dim() == 4 and list(target.shape) != [input.shape[0], *input.shape[2:]]:
        raise RuntimeError(f"size mismatch (got input: {list(input.shape)} , "
                           f"target: {list(target.shape)}")
    _check_weight_dtype(input, weight)


def _check_target_dtype(target: Tensor) -> None:
    if target.dtype not in (dtypes.int64, dtypes.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_word(target)}")


def _check_weight_dtype(input: Tensor, weight: Tensor | None) -> None:  # noqa: A002
    if weight is not None and weight.dtype != input.dtype:
        raise RuntimeError(f"expected scalar type {_word(input)} but found {_word(weight)}")


def _check_nll_targets(input: Tensor, target: Tensor,  # noqa: A002
                       weight: Tensor | None) -> None:
    """``nll_loss``'s own checks, for (C,) or (N, C) scores."""
    if target.dim() > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    _check_target_dtype(target)
    if input.dim() == 1 and target.dim() == 1 and target.numel() != 1:
        raise ValueError("For 1D input, 1D target must have size 1, but got target size: "
                         f"{target.numel()}")
    n_classes = input.shape[-1]
    if weight is not None and (weight.dim() != 1 or weight.numel() != n_classes):
        raise RuntimeError(
            f"weight tensor should be defined either for all {n_classes} classes or no "
            f"classes but got weight tensor of shape: {list(weight.shape)}")
    _check_weight_dtype(input, weight)


def _nll(logp: Tensor, target: Tensor, weight: Tensor | None, reduction: str,
         ignore_index: int) -> Tensor:
    """The NllLoss operation, or NllLoss2d for scores (N, C, d1, …)."""
    if logp.dim() <= 2:
        return nn_ops.NllLoss.apply(logp, target, weight, reduction, ignore_index)
    return nll_loss_nd(logp, target, weight, reduction, ignore_index)


def _check_tensor_arguments(op: str, input: Tensor, target: Tensor,  # noqa: A002
                            weight: Tensor | None) -> None:
    """PyTorch's error for a list (or number) where its C++ loss expects a tensor."""
    for position, (name, value) in enumerate(
            (("input", input), ("target", target), ("weight", weight)), start=1):
        if not isinstance(value, Tensor) and not (name == "weight" and value is None):
            raise TypeError(f"{op}(): argument '{name}' (position {position}) must be Tensor, "
                            f"not {type_name(value)}")


def nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None,  # noqa: A002
             size_average: bool | None = None, ignore_index: int = -100,
             reduce: bool | None = None, reduction: str = "mean") -> Tensor:
    """-input[n, target[n]]: the negative log-likelihood of the right class."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    nn_ops.check_reduction(reduction)
    _check_tensor_arguments("nll_loss_nd", input, target, weight)
    check_int("nll_loss_nd", "ignore_index", 5, ignore_index)
    _check_class_targets(input, target, weight)
    if not input.is_floating_point():
        kernel = "nll_loss_out_frame" if input.dim() <= 2 else "nll_loss2d_forward_out_frame"
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_word(input)}'")
    return _nll(input, target, weight, reduction, ignore_index)


def cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None,  # noqa: A002
                  size_average: bool | None = None, ignore_index: int = -100,
                  reduce: bool | None = None, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:
    """nll_loss(log_softmax(input, 1), target): softmax and log-likelihood in one loss.

    ``target`` holds class indices; a floating-point target of the input's shape holds class
    probabilities instead (loss = -Σ_c target_c · log_softmax(input)_c).

    ``label_smoothing`` ε mixes the target with the uniform distribution over the C classes:
    (1 - ε) · the loss above + ε · the mean over classes of -log_softmax(input)_c, each built
    as PyTorch builds it (so the graph shows the same nodes).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    nn_ops.check_reduction(reduction)
    _check_tensor_arguments("cross_entropy_loss", input, target, weight)
    check_int("cross_entropy_loss", "ignore_index", 5, ignore_index)
    label_smoothing = real("cross_entropy_loss", "label_smoothing", 6, label_smoothing)
    if target.shape == input.shape and not target.is_floating_point():
        raise RuntimeError("Expected floating point type for target with class "
                           f"probabilities, got {_word(target)}")
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")
    class_dim = 0 if input.dim() == 1 else 1  # (PyTorch's: dimension 1 of a 0-dim input too)
    if not input.is_floating_point():
        kernel = "log_softmax_lastdim_kernel_impl" if input.dim() <= 2 else \
            "log_softmax_kernel_impl"
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_word(input)}'")
    if target.shape == input.shape:  # class probabilities
        if ignore_index >= 0:
            raise RuntimeError("ignore_index is not supported for floating point target")
        return _soft_target_loss(input, target, weight, reduction, label_smoothing)
    if input.dim() == 0:  # (PyTorch takes the log-softmax first: its dimension error)
        ops.log_softmax(input, class_dim)
    _check_class_targets(input, target, weight)
    logp = ops.log_softmax(input, class_dim)
    nll = _nll(logp, target, weight, reduction, ignore_index)
    if label_smoothing <= 0.0:
        return nll
    return _smoothed(nll, logp, target, _along_classes(weight, input), ignore_index,
                     reduction, label_smoothing)


def _along_classes(weight: Tensor | None, input: Tensor) -> Tensor | None:  # noqa: A002
    """One weight per class, shaped to broadcast along the class dimension of ``input``."""
    if weight is None or input.dim() < 2:
        return weight
    return weight.view([input.shape[1] if d == 1 else 1 for d in range(input.dim())])


def _soft_target_loss(input: Tensor, target: Tensor, weight: Tensor | None,  # noqa: A002
                      reduction: str, label_smoothing: float) -> Tensor:
    """-Σ_c w_c target_c · log_softmax(input)_c, for targets that are class probabilities."""
    class_dim = 0 if input.dim() == 1 else 1
    n_classes = input.size(class_dim)  # (a 0-dim input: PyTorch's IndexError)
    if weight is not None and (weight.dim() != 1 or weight.numel() != n_classes):
        raise RuntimeError(
            f"cross_entropy: weight tensor should be defined either for all {n_classes} "
            f"classes or no classes but got weight tensor of shape: {list(weight.shape)}")
    logp = ops.log_softmax(input, class_dim)
    if label_smoothing > 0.0:
        target = AddNumber.apply(MulNumber.apply(target, 1 - label_smoothing),
                                 label_smoothing / n_classes)
    weight = _along_classes(weight, input)
    terms = logp * target if weight is None else logp * target * weight
    if reduction == "none":
        return -terms.sum(class_dim)
    total = -terms.sum()
    return total if reduction == "sum" else DivNumber.apply(total, logp.numel() // n_classes)


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
