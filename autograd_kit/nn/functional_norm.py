"""``F.embedding``, ``F.layer_norm``, ``F.batch_norm``, ``F.one_hot``, ``F.normalize``,
``F.cosine_similarity`` and ``F.kl_div`` (part of ``nn.functional``).

The lookup and the two normalizations are single recorded operations (rules in
``ops/embedding.py`` and ``ops/normalization.py``); the others are built from small
operations exactly as PyTorch builds them, so their graphs look the same.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy

from .. import dtypes, grad_mode
from ..ops.embedding import Embedding, check_index_dtype, check_indices
from ..ops.normalization import NativeBatchNorm, NativeGroupNorm, NativeLayerNorm
from ..ops.operands import check_argument_devices, check_broadcast, require_kernel_dtype
from ..ops.preserved_layout import suggests_channels_last
from ..signature_parser import checked
from ..tensor import Tensor
from ..tensor_queries import result_type
from ..transform_captures import VMAP_RUNNING_STATS, batched
from .arguments import require_optional_tensors, require_tensor, size_read_first, tensor_input
from .functional_arguments import check_int, check_ints, truth
from .loss_functions import _legacy_reduction, _modern_spelling


def _size_text(shape: Any) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


# ---- embedding --------------------------------------------------------------------------------

def embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None,  # noqa: A002
              max_norm: float | None = None, norm_type: float = 2.0,
              scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor:
    """Rows of ``weight`` picked by the integer ``input`` (``EmbeddingBackward0``); the row
    at ``padding_idx`` gets no gradient; with ``max_norm``, the rows read are first scaled
    down (in place, without recording) to that norm at most."""
    require_tensor("embedding", input, "indices", 2)
    if padding_idx is not None:
        check_int("embedding", "padding_idx", 3, padding_idx)
    check_argument_devices("_index_select", self=weight, index=input)  # PyTorch's words
    if padding_idx is not None:
        rows = weight.shape[0]
        if padding_idx > 0 and padding_idx >= rows:
            raise AssertionError("Padding_idx must be within num_embeddings")
        if padding_idx < 0:
            if padding_idx < -rows:
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx = rows + padding_idx
    else:
        padding_idx = -1
    if max_norm is not None:  # (PyTorch renorms first: its select() refuses a row past the
        renorm_rows(weight, input, max_norm, norm_type)  # table, a negative one wraps)
        check_indices(input, weight.shape[0])
    if weight.dim() != 2:
        raise RuntimeError("'weight' must be 2-D")
    return Embedding.apply(weight, input, padding_idx, scale_grad_by_freq)


def renorm_rows(weight: Tensor, indices: Tensor, max_norm: float, norm_type: float) -> None:
    """Scale each row read whose norm exceeds max_norm by max_norm / (norm + 1e-7)."""
    if weight.dim() != 2:
        raise RuntimeError(f"Expected 2-dimensional tensor, but got {weight.dim()}-dimensional "
                           "tensor for argument #1 'self' (while checking arguments for "
                           "embedding_renorm_)")
    check_index_dtype(indices, "embedding_renorm_", 2)
    xp, data = weight._xp, weight._data
    rows = xp.unique(indices._data.reshape(-1))
    outside = rows[(rows >= data.shape[0]) | (rows < -data.shape[0])]
    if outside.size:
        raise IndexError(f"select(): index {int(outside[0])} out of range for tensor of size "
                         f"{_size_text(data.shape)} at dimension 0")
    with grad_mode.no_grad():  # each row's norm as PyTorch's row.norm(p) gives it (float32
        norms = Tensor._make(data[rows]).norm(norm_type, dim=1)._data  # for float32 rows)
    norms = norms.astype("float64")  # (.item<double>(): the scale is taken in double)
    over = norms > max_norm
    scale = (max_norm / (norms[over] + 1e-7)).astype(data.dtype)
    data[rows[over]] *= scale[:, None]
    weight._version_counter[0] += 1


# ---- normalization ----------------------------------------------------------------------------

def layer_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None,  # noqa: A002
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:
    """(x - μ) / √(σ² + ε) · weight + bias, μ and σ² over the last len(normalized_shape)
    dimensions (``NativeLayerNormBackward0``)."""
    require_tensor("layer_norm", input)
    check_ints("layer_norm", "normalized_shape", 2, normalized_shape, scalar_ok=False)
    require_optional_tensors("layer_norm", 3, weight=weight, bias=bias)
    shape = tuple(int(n) for n in normalized_shape)
    k = len(shape)
    _check_mixed_dtypes(input, weight, bias)  # (PyTorch's CPU kernel checks this first)
    check_affine_shapes(shape, weight=weight, bias=bias)
    if input.dim() < k or tuple(input.shape[input.dim() - k:]) != shape:
        raise RuntimeError(
            f"Given normalized_shape={_size_text(shape)}, expected input with shape "
            f"[*, {', '.join(map(str, shape))}], but got input of size{_size_text(input.shape)}")
    require_kernel_dtype("LayerNormKernelImpl", input)
    return NativeLayerNorm.apply(input, 0 if weight is None else weight,
                                 0 if bias is None else bias, (k, eps))


def check_affine_shapes(shape: tuple[int, ...], **parameters: Tensor | None) -> None:
    """PyTorch's checks of layer_norm's and rms_norm's normalized_shape (not empty) and of
    their weight (and bias): each of the normalized shape."""
    if not shape:
        raise RuntimeError("Expected normalized_shape to be at least 1-dimensional, i.e., "
                           "containing at least one element, but got normalized_shape = []")
    for name, t in parameters.items():
        if t is not None and tuple(t.shape) != shape:
            raise RuntimeError(
                f"Expected {name} to be of same shape as normalized_shape, but got {name} of "
                f"shape {_size_text(t.shape)} and normalized_shape = {_size_text(shape)}")


def _check_mixed_dtypes(input: Tensor, *parameters: Tensor | None,  # noqa: A002
                        same: bool = True) -> None:
    """PyTorch's CPU rule for normalization: parameters of another dtype than the input are
    allowed only as float32 parameters of a float16 input (each parameter is checked, then
    the input); when the first one has the input's dtype, so must the others."""
    given = [p for p in parameters if p is not None]
    if input.device.type != "cpu" or not given:
        return
    if given[0].dtype == input.dtype:  # (not mixed: the kernel reads every one as the input's)
        for p in given[1:] if same else ():
            if p.dtype != input.dtype:
                raise RuntimeError(
                    f"expected scalar type {dtypes.scalar_type_word(input.dtype.name)} but "
                    f"found {dtypes.scalar_type_word(p.dtype.name)}")
        return
    if any(p.dtype != dtypes.float32 for p in given):
        raise RuntimeError("mixed dtype (CPU): expect parameter to have scalar type of Float")
    if input.dtype != dtypes.float16:
        raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")


def batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None,  # noqa: A002
               weight: Tensor | None = None, bias: Tensor | None = None,
               training: bool = False, momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Per channel (dimension 1): (x - μ) / √(σ² + ε) · weight + bias, with the batch's
    statistics when ``training`` (which also moves the running ones), else the running ones
    (``NativeBatchNormBackward0``). An input with no elements is only copied, as PyTorch
    does (see `_empty_batch_norm`). As PyTorch's wrapper, and unlike ``torch.batch_norm``,
    it first refuses one value per channel when training and an ε ≤ 0 (< 0 in eval)."""
    if training:
        size = input.size()
        values = size[0] * math.prod(size[2:])  # (PyTorch's _verify_batch_size)
        if values == 1:
            raise ValueError(
                "Expected more than 1 value per channel when training, got input size "
                f"{size!r}")
        if eps <= 0.0:
            raise ValueError(f"batch_norm eps must be positive during training, but got {eps}")
    elif eps < 0.0:
        raise ValueError(f"batch_norm eps must be non-negative, but got {eps}")
    return _batch_norm(input, running_mean, running_var, weight, bias, training, momentum,
                       eps, same_dtypes=True)


def _batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None,  # noqa: A002
                weight: Tensor | None, bias: Tensor | None, training: bool, momentum: float,
                eps: float, same_dtypes: bool) -> Tensor:
    """`batch_norm`, its parameters' dtypes checked all alike (``same_dtypes``) or, as
    PyTorch's instance_norm leaves them, only the mixed ones (``torch.batch_norm``)."""
    if training and batched(input) and not all(batched(t) for t in (running_mean, running_var)
                                               if t is not None):
        raise RuntimeError(VMAP_RUNNING_STATS)
    require_tensor("batch_norm", input)
    require_optional_tensors("batch_norm", 2, weight=weight, bias=bias,
                             running_mean=running_mean, running_var=running_var)
    if input.numel() == 0:
        return _empty_batch_norm(input, weight, bias)
    channels = input.shape[1] if input.dim() > 1 else 0  # (PyTorch's count for a vector)
    for name, t in (("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        if t is not None and t.numel() != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {t.numel()}")
    if not training:
        for name, t in (("running_mean", running_mean), ("running_var", running_var)):
            if t is None:
                raise RuntimeError(f"{name} must be defined in evaluation mode")
    if input.dim() == 1:  # (PyTorch then reads its size(1))
        raise IndexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)")
    if (running_mean is None) != (running_var is None):
        raise ValueError(
            "running_mean and running_var must either both be None or neither be None")
    require_kernel_dtype("batch_norm", input)  # (before the dtypes of the parameters)
    _check_mixed_dtypes(input, weight, bias, running_mean, running_var, same=same_dtypes)
    return NativeBatchNorm.apply(input, 0 if weight is None else weight,
                                 0 if bias is None else bias, running_mean, running_var,
                                 (training, momentum, eps))


def _empty_batch_norm(input: Tensor, weight: Tensor | None,  # noqa: A002
                      bias: Tensor | None) -> Tensor:
    """PyTorch's batch norm of an input with no elements: a copy (``CloneBackward0``, so the
    graph goes on), times ``weight[0]``, plus ``bias[0]`` (``SelectBackward0``; an empty
    weight is select's IndexError); nothing else is checked or updated."""
    out = input.clone()
    if weight is not None:
        out = out * weight.select(0, 0)
    if bias is not None:
        out = out + bias.select(0, 0)
    return out


def group_norm(input: Tensor, num_groups: int, weight: Tensor | None = None,  # noqa: A002
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:
    """Per sample, the channels in ``num_groups`` groups: (x - μ) / √(σ² + ε) over each
    group's channels and positions, then · weight + bias per channel
    (``NativeGroupNormBackward0``)."""
    check_int("group_norm", "num_groups", 2, num_groups)
    if input.dim() < 2:
        raise RuntimeError(
            f"Expected at least 2 dimensions for input tensor but received {input.dim()}")
    size = input.shape
    values = size[0] * size[1] // num_groups * math.prod(size[2:])
    if values == 1:
        shown = [size[0] * size[1] // num_groups, num_groups, *size[2:]]
        raise ValueError(
            f"Expected more than 1 value per channel when training, got input size {shown}")
    require_optional_tensors("group_norm", 3, weight=weight, bias=bias)
    channels = size[1]
    if channels % num_groups:
        raise RuntimeError(
            "Expected number of channels in input to be divisible by num_groups, but got "
            f"input of shape {_size_text(size)} and num_groups={num_groups}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and (t.dim() != 1 or t.numel() != channels):
            shown = _size_text(weight.shape) if weight is not None else "[0]"  # as PyTorch
            raise RuntimeError(
                f"Expected {name} to be a vector of size equal to the number of channels in "
                f"input, but got {name} of shape {shown} and input of shape {_size_text(size)}")
    _check_mixed_dtypes(input, weight, bias)
    require_kernel_dtype("GroupNormKernelImpl", input)
    # PyTorch's input.contiguous(input.suggest_memory_format()): a CloneBackward0 first (an
    # input suggesting channels-last is left as it is: the kit makes no channels-last copy)
    if not input.is_contiguous() and not suggests_channels_last(input._data):
        input = input.contiguous()
    return NativeGroupNorm.apply(input, 0 if weight is None else weight,
                                 0 if bias is None else bias, (num_groups, eps))


@size_read_first
def instance_norm(input: Tensor, running_mean: Tensor | None = None,  # noqa: A002
                  running_var: Tensor | None = None, weight: Tensor | None = None,
                  bias: Tensor | None = None, use_input_stats: bool = True,
                  momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Batch norm of each sample's channels on their own, as PyTorch computes it: the input
    viewed as (1, N·C, …), weight, bias and running statistics repeated N times, one
    ``batch_norm``, then viewed back (``ViewBackward0``); the running statistics take the
    mean of the N updated copies."""
    if use_input_stats and math.prod(input.shape[2:]) == 1:
        raise ValueError("Expected more than 1 spatial element when training, got input "
                         f"size {input.size()!r}")
    require_optional_tensors("instance_norm", 2, weight=weight, bias=bias,
                             running_mean=running_mean, running_var=running_var)
    if not use_input_stats and (running_mean is None or running_var is None):
        raise RuntimeError(
            "Expected running_mean and running_var to be defined when use_input_stats is false")
    n, c = input.shape[:2]
    shape = (1, n * c, *input.shape[2:])

    def repeated(t: Tensor | None) -> Tensor | None:
        return None if t is None else t.repeat(n)

    mean_, var_ = repeated(running_mean), repeated(running_var)
    out = _batch_norm(input.contiguous().view(shape), mean_, var_, repeated(weight),
                      repeated(bias), use_input_stats, momentum, eps, same_dtypes=False)
    with grad_mode.no_grad():
        if running_mean is not None:
            running_mean.copy_(mean_.view(n, c).mean(0))
        if running_var is not None:
            running_var.copy_(var_.view(n, c).mean(0))
    return out.view(tuple(input.shape))


# ---- small functions built from tensor operations ---------------------------------------------

def _one_hot(input: Tensor, num_classes: int = -1) -> Tensor:  # noqa: A002
    """A (…, num_classes) int64 tensor with a 1 at each value's class (-1: max + 1)."""
    num_classes = int(num_classes)
    data = input._data
    if data.dtype != numpy.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    if num_classes == -1:
        if data.size == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(data.max()) + 1
    if data.size:
        if int(data.min()) < 0:
            raise RuntimeError("Class values must be non-negative.")
        if int(data.max()) >= num_classes:
            raise RuntimeError("Class values must be smaller than num_classes.")
    xp = input._xp
    out = (data[..., None] == xp.arange(num_classes)).astype(xp.int64)
    return Tensor._make(out)


# (its arguments read by PyTorch's parser: ``one_hot(): argument 'num_classes' must be int``)
one_hot = checked(_one_hot, "one_hot", ("Tensor input, int num_classes = -1",), method=False)


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12,  # noqa: A002
              out: Tensor | None = None) -> Tensor:
    """input / max(‖input‖_p, eps) along ``dim``."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    if out is not None:
        with grad_mode.no_grad():
            return out.copy_(input / denom)
    return input / denom


@tensor_input("cosine_similarity", "x1")
def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    """Σ (x1 / ‖x1‖)(x2 / ‖x2‖) along ``dim`` (the norms at least ``eps``), as PyTorch
    computes it. Integer (or bool) inputs are first cast to the pair's common type, which
    must be a floating one."""
    check_int("cosine_similarity", "dim", None, dim)
    common = result_type(x1, x2)
    if not common.is_floating_point:
        raise RuntimeError("expected common dtype to be floating point, yet common dtype is "
                           f"{dtypes.scalar_type_word(common.name)}")
    x1, x2 = (x if x.is_floating_point() else x.to(common) for x in (x1, x2))
    check_broadcast(tuple(x1.shape), tuple(x2.shape))
    shape = tuple(numpy.broadcast_shapes(tuple(x1.shape), tuple(x2.shape)))
    if x1.shape != x2.shape:  # (PyTorch's expand_outplace: both, or neither)
        x1, x2 = x1.expand(shape), x2.expand(shape)
    n1 = x1.norm(2, dim, keepdim=True).clone()
    n2 = x2.norm(2, dim, keepdim=True).clone()
    with grad_mode.no_grad():
        n1.clamp_(min=eps)
        n2.clamp_(min=eps)
    unit2 = x2 / n2  # (first, as PyTorch divides: the order saved-tensor hooks see)
    return ((x1 / n1) * unit2).sum(dim)


def _xlogy(a: Tensor, b: Tensor) -> Tensor:
    """a · ln b, 0 where a = 0."""
    try:
        from ..ops.pointwise_more import xlogy
    except ImportError:  # pragma: no cover - before xlogy was in the kit
        return (a * b.log()).masked_fill(a == 0, 0.0)
    return xlogy(a, b)


@tensor_input("kl_div")
def kl_div(input: Tensor, target: Tensor, size_average: bool | None = None,  # noqa: A002
           reduce: bool | None = None, reduction: str = "mean",
           log_target: bool = False) -> Tensor:
    """Σ target · (ln target - input) for log-probabilities ``input`` (``log_target``: the
    target is given as log-probabilities too). 'batchmean' divides the sum by the batch size
    (the KL divergence); 'mean' divides by the number of elements (with PyTorch's warning)."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce, reduction)
    elif reduction == "mean":
        warnings.warn(
            "reduction: 'mean' divides the total loss by both the batch size and the support "
            "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
            "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
            "major release.", stacklevel=4)  # (the caller of F.kl_div: past its two wrappers)
    else:
        reduction = _modern_spelling(reduction)
    if reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    log_target = truth("kl_div", "log_target", None, log_target)
    if not (input.is_floating_point() or input.is_complex()) or not (
            target.is_floating_point() or target.is_complex()):
        raise RuntimeError("kl_div: Integral inputs not supported.")
    if log_target:
        losses = target.exp() * (target - input)
    else:
        losses = _xlogy(target, target) - target * input
    if reduction == "none":
        return losses
    if reduction == "mean":
        return losses.mean()
    total = losses.sum()
    if reduction == "batchmean" and input.dim() != 0:
        return total / input.shape[0]
    return total
