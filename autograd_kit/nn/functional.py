"""``nn.functional``: the layers and losses as plain functions (``F.linear``, ``F.mse_loss``, …).

The modules in `nn` call these; each is one recorded operation where PyTorch has one
(``AddmmBackward0``, ``MseLossBackward0``, …), with the rules in ``ops/nn_ops.py``.
"""

from __future__ import annotations

import functools
import math
import operator
import warnings
from collections.abc import Callable
from typing import Any

import numpy

from .. import dtypes, ops
from ..call_errors import fits_pytorch_call
from ..inplace import apply_inplace
from ..int_arguments import is_int
from ..ops import activations as _act
from ..ops import nn_ops
from ..tensor import Tensor
from .arguments import require_method, require_tensor, tensor_input, type_name
from .functional_act import (
    celu,
    hardsigmoid,
    hardswish,
    mish,
    prelu,
    selu,
    threshold,
    threshold_,
)
from .functional_aliases import (
    adaptive_max_pool1d_with_indices,
    adaptive_max_pool2d_with_indices,
    adaptive_max_pool3d_with_indices,
    max_pool1d_with_indices,
    max_pool2d_with_indices,
    max_pool3d_with_indices,
    upsample_bilinear,
    upsample_nearest,
)
from .functional_arguments import number, text, truth
from .functional_attention import (
    _canonical_mask,  # noqa: F401 - PyTorch has F._canonical_mask
    _none_or_dtype,  # noqa: F401
    multi_head_attention_forward,
    scaled_dot_product_attention,
)
from .functional_conv import (
    adaptive_avg_pool2d,
    avg_pool2d,
    conv1d,
    conv2d,
    conv_transpose1d,
    conv_transpose2d,
    max_pool2d,
    pad,
)
from .functional_extra import (
    alpha_dropout,
    embedding_bag,
    feature_alpha_dropout,
    glu,
    gumbel_softmax,
    hardshrink,
    local_response_norm,
    pdist,
    rms_norm,
    rrelu,
    rrelu_,
    softshrink,
)
from .functional_fold import channel_shuffle, fold, pixel_shuffle, pixel_unshuffle, unfold
from .functional_grid import (
    GRID_SAMPLE_INTERPOLATION_MODES,
    GRID_SAMPLE_PADDING_MODES,
    affine_grid,
    grid_sample,
)
from .functional_norm import (
    batch_norm,
    cosine_similarity,
    embedding,
    group_norm,
    instance_norm,
    kl_div,
    layer_norm,
    normalize,
    one_hot,
)
from .functional_pool import (
    adaptive_avg_pool1d,
    adaptive_max_pool1d,
    adaptive_max_pool2d,
    avg_pool1d,
    max_pool1d,
)
from .functional_resample import (
    dropout1d,
    dropout2d,
    dropout3d,
    interpolate,
    upsample,
)
from .functional_resample import dropout_shortcut as _dropout_shortcut  # (not F's own name)
from .functional_resample import keep_scale as _keep_scale
from .loss_ctc import ctc_loss
from .loss_functions import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    huber_loss,
    l1_loss,
    mse_loss,
    nll_loss,
    smooth_l1_loss,
)
from .loss_functions_more import *  # noqa: F403 - the more losses, in F as in PyTorch
from .loss_linear import linear_cross_entropy
from .pooling_extra import (
    bilinear,
    lp_pool1d,
    lp_pool2d,
    lp_pool3d,
    max_unpool1d,
    max_unpool2d,
    max_unpool3d,
)
from .pooling_fractional import (
    fractional_max_pool2d,
    fractional_max_pool2d_with_indices,
    fractional_max_pool3d,
    fractional_max_pool3d_with_indices,
)
from .volumetric import (
    adaptive_avg_pool3d,
    adaptive_max_pool3d,
    avg_pool3d,
    conv3d,
    max_pool3d,
)
from .volumetric_transpose import conv_transpose3d

__all__ = [
    "binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy", "dropout",
    "elu", "gelu", "hardtanh", "huber_loss", "l1_loss", "leaky_relu", "linear", "log_softmax",
    "linear_cross_entropy", "logsigmoid", "mse_loss", "nll_loss", "relu", "relu6", "sigmoid",
    "silu", "smooth_l1_loss",
    "softmax", "softmin", "softplus", "softsign", "tanh", "tanhshrink",
    # convolution, pooling, padding
    "adaptive_avg_pool2d", "avg_pool2d", "conv1d", "conv2d", "max_pool2d", "pad",
    # embedding, normalization, similarity, KL divergence
    "batch_norm", "cosine_similarity", "embedding", "kl_div", "layer_norm", "normalize",
    "one_hot",
    # more activations
    "celu", "hardsigmoid", "hardswish", "mish", "prelu", "selu", "threshold", "threshold_",
    # in-place spellings
    "celu_", "elu_", "hardtanh_", "leaky_relu_", "relu_", "selu_",
    # channel dropout, resampling
    "dropout1d", "dropout2d", "dropout3d", "interpolate", "upsample",
    # attention
    "multi_head_attention_forward", "scaled_dot_product_attention",
    # group and instance norm, 1-D pools, transposed convolutions, fold, pixel shuffle
    "group_norm", "instance_norm",
    "adaptive_avg_pool1d", "adaptive_max_pool1d", "adaptive_max_pool2d", "avg_pool1d",
    "max_pool1d", "conv_transpose1d", "conv_transpose2d",
    "fold", "pixel_shuffle", "pixel_unshuffle", "unfold",
    # the last activations, alpha dropout, rms and local response norms, bags, pdist
    "alpha_dropout", "embedding_bag", "feature_alpha_dropout", "glu", "hardshrink",
    "local_response_norm", "pdist", "rms_norm", "rrelu", "rrelu_", "softshrink",
    "bilinear", "lp_pool1d", "lp_pool2d", "max_unpool1d", "max_unpool2d",
    "adaptive_avg_pool3d", "adaptive_max_pool3d", "avg_pool3d", "conv3d", "max_pool3d",
    # transposed 3-D convolution, sampling grids, the CTC loss
    "GRID_SAMPLE_INTERPOLATION_MODES", "GRID_SAMPLE_PADDING_MODES",
    "affine_grid", "conv_transpose3d", "ctc_loss", "grid_sample",
    # the pools that return indices, older resampling names, 3-D power pools and unpooling,
    # channel shuffle, Gumbel softmax, triplet loss with any distance
    "adaptive_max_pool1d_with_indices", "adaptive_max_pool2d_with_indices",
    "adaptive_max_pool3d_with_indices", "channel_shuffle", "gumbel_softmax", "lp_pool3d",
    "max_pool1d_with_indices", "max_pool2d_with_indices", "max_pool3d_with_indices",
    "max_unpool3d", "upsample_bilinear", "fractional_max_pool2d", "fractional_max_pool3d",
    "fractional_max_pool2d_with_indices", "fractional_max_pool3d_with_indices",
    "upsample_nearest",
]


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:  # noqa: A002
    """y = x Wᵀ + b. With a bias and 2-D input this is one ``addmm`` (``AddmmBackward0``);
    other inputs fold into one (a ``ViewBackward0`` of it) when x is contiguous and the bias
    a contiguous vector, else a matmul and an in-place add (``AddBackward0``), as PyTorch."""
    require_tensor("linear", input)
    require_tensor("linear", weight, "weight", 2)
    if bias is not None:
        require_tensor("linear", bias, "bias", 3)
    ndim = input._data.ndim
    if ndim == 0 or weight._data.ndim == 0:
        raise RuntimeError("both arguments to linear need to be at least 1D, but they are "
                           f"{ndim}D and {weight.dim()}D")
    if bias is None:
        return ops.matmul(input, weight.t())
    if weight.dim() == 1:  # a vector of weights: a dot product, or no matrix for addmm
        if ndim >= 2 or bias.dim() >= 1:
            raise RuntimeError("mat2 must be a matrix, got 1-D tensor")
        return ops.matmul(input, weight) + bias
    _check_bias_size(input, weight, bias)
    if ndim == 2:
        return nn_ops.Addmm.apply(bias, input, weight.t())
    fusable = (bias.dim() == 1 or bias.squeeze().dim() == 1) and bias.is_contiguous()
    if not (fusable and input.is_contiguous()):  # PyTorch: matmul, then the bias added in
        out = ops.matmul(input, weight.t())     # place (AddBackward0)
        return out.add_(bias)
    lead = tuple(input.shape[:-1])  # (rows by sizes, not -1: one may be 0)
    rows = input.reshape(math.prod(lead), input.shape[-1])
    out = nn_ops.Addmm.apply(bias, rows, weight.t())
    return out.view(lead + (out.shape[-1],))


linear = fits_pytorch_call(linear, method=False)  # (F.linear(x): PyTorch's "missing" words)


def _check_bias_size(input: Tensor, weight: Tensor, bias: Tensor) -> None:  # noqa: A002
    """PyTorch's error for a 1-D bias that does not fit the number of outputs (once x and W
    fit: when they don't, the product's own error comes first, as in PyTorch)."""
    out, size = weight._data.shape[0], bias._data.shape  # (the arrays' shapes: no Size made)
    if len(size) == 1 and size[0] != out and size[0] != 1 and (
            input._data.ndim >= 1 and input._data.shape[-1] == weight._data.shape[1]):
        rows = math.prod(input._data.shape[:-1])
        raise RuntimeError(
            f"The expanded size of the tensor ({out}) must match the existing size "
            f"({bias.shape[0]}) at non-singleton dimension 1.  Target sizes: [{rows}, {out}].  "
            f"Tensor sizes: [{bias.shape[0]}]")


# ---- activations --------------------------------------------------------------------------

def relu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    require_tensor("relu_" if inplace else "relu", input)
    if input.dtype == dtypes.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    return input.relu_() if inplace else ops.relu(input)


def sigmoid(input: Tensor) -> Tensor:  # noqa: A002
    require_method(input, "sigmoid")
    return ops.sigmoid(input)


def tanh(input: Tensor) -> Tensor:  # noqa: A002
    require_method(input, "tanh")
    return ops.tanh(input)


def _run(function: Any, input: Tensor, inplace: bool, *params: Any) -> Tensor:  # noqa: A002
    """``function`` applied to ``input``, or written into it when ``inplace``."""
    return apply_inplace(input, function, *params) if inplace else function.apply(input, *params)


def leaky_relu(input: Tensor, negative_slope: float = 0.01,  # noqa: A002
               inplace: bool = False) -> Tensor:
    """x where x > 0, else negative_slope · x."""
    require_tensor("leaky_relu_" if inplace else "leaky_relu", input)
    negative_slope = number("leaky_relu", "negative_slope", 2, negative_slope)
    return _run(_act.LeakyReluInplace if inplace else _act.LeakyRelu, input, inplace,
                negative_slope)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """x where x > 0, else α(eˣ - 1)."""
    require_tensor("elu_" if inplace else "elu", input)
    alpha = number("elu", "alpha", 2, alpha)
    return _run(_act.EluInplace if inplace else _act.Elu, input, inplace, alpha)


def softplus(input: Tensor, beta: float = 1, threshold: float = 20) -> Tensor:  # noqa: A002
    """ln(1 + e^(βx)) / β, a smooth ReLU (x itself where βx > threshold)."""
    require_tensor("softplus", input)
    beta, threshold = (number("softplus", name, None, value)
                       for name, value in (("beta", beta), ("threshold", threshold)))
    return _act.Softplus.apply(input, beta, threshold)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:  # noqa: A002
    """x Φ(x), Φ the standard normal CDF (approximate='tanh': PyTorch's tanh formula)."""
    require_tensor("gelu", input)
    text("gelu", "approximate", None, approximate)
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    return _act.Gelu.apply(input, approximate)


def silu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """x σ(x) (also called swish)."""
    require_tensor("silu_" if inplace else "silu", input)
    return _run(_act.Silu, input, inplace)


def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0,  # noqa: A002
             inplace: bool = False) -> Tensor:
    """x clamped to [min_val, max_val] (gradient 1 strictly inside, 0 elsewhere)."""
    require_tensor("hardtanh_" if inplace else "hardtanh", input)
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    return _run(_act.Hardtanh, input, inplace, min_val, max_val)


def relu6(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """min(max(x, 0), 6): hardtanh(x, 0, 6), recorded as PyTorch does (HardtanhBackward0)."""
    require_tensor("relu6_" if inplace else "relu6", input)
    return hardtanh(input, 0, 6, inplace)


# the in-place spellings (PyTorch's ``F.relu_(x)`` is ``F.relu(x, inplace=True)``)

@tensor_input("relu_")
def relu_(input: Tensor) -> Tensor:  # noqa: A002
    """``relu(input, inplace=True)``."""
    return relu(input, inplace=True)


@tensor_input("leaky_relu_")
def leaky_relu_(input: Tensor, negative_slope: float = 0.01) -> Tensor:  # noqa: A002
    """``leaky_relu(input, negative_slope, inplace=True)``."""
    return leaky_relu(input, negative_slope, inplace=True)


@tensor_input("elu_")
def elu_(input: Tensor, alpha: float = 1.0) -> Tensor:  # noqa: A002
    """``elu(input, alpha, inplace=True)``."""
    return elu(input, alpha, inplace=True)


@tensor_input("hardtanh_")
def hardtanh_(input: Tensor, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:  # noqa: A002
    """``hardtanh(input, min_val, max_val, inplace=True)``, without its Python-side check
    of min_val ≤ max_val (as in PyTorch, where this one goes straight to the kernel)."""
    return _run(_act.Hardtanh, input, True, min_val, max_val)


@tensor_input("celu_")
def celu_(input: Tensor, alpha: float = 1.0) -> Tensor:  # noqa: A002
    """``celu(input, alpha, inplace=True)``."""
    return celu(input, alpha, inplace=True)


@tensor_input("selu_")
def selu_(input: Tensor) -> Tensor:  # noqa: A002
    """``selu(input, inplace=True)``."""
    return selu(input, inplace=True)


def _softmax_dim(ndim: int, name: str, stacklevel: int) -> int:
    """PyTorch's implicit dimension (with its warning, ``stacklevel`` counted from here)."""
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
        "dim=X as an argument.",
        UserWarning,
        stacklevel=stacklevel,
    )
    return 0 if ndim in (0, 1, 3) else 1


def _softmax_input(input: Tensor, dim: int | None, dtype: Any, name: str,  # noqa: A002
                   stacklevel: int) -> tuple[Tensor, int]:
    """The input (cast to ``dtype``) and the dimension; PyTorch's error for integer input.
    ``stacklevel`` is the caller's ``_stacklevel`` (its warning points at the learner's line)."""
    if dim is None:
        dim = _softmax_dim(input.dim(), name, stacklevel + 1)
    if not is_int(dim):  # (an int, a NumPy integer or a 0-dim integer tensor, as PyTorch reads)
        raise TypeError(f"{name}(): argument 'dim' (position 1) must be int, not "
                        f"{type_name(dim)}")
    dim = operator.index(dim)
    if dtype is not None:
        if not isinstance(dtype, dtypes.dtype) and dtype not in (float, int, bool):
            raise TypeError(f"{name}(): argument 'dtype' must be autograd_kit.dtype, not "
                            f"{type_name(dtype)}")
        input = input.to(dtype)
    if not input.is_floating_point():
        last = dim in (-1, input.dim() - 1) or input.dim() == 0
        kernel = f"{name}_lastdim_kernel_impl" if last else f"{name}_kernel_impl"
        word = dtypes.scalar_type_word(input.dtype.name)
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{word}'")
    return input, dim


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3,  # noqa: A002
            dtype: Any = None) -> Tensor:
    """exp(x) / Σ exp(x) along ``dim``."""
    require_method(input, "dim" if dim is None else "softmax")  # (PyTorch's first reading)
    return ops.softmax(*_softmax_input(input, dim, dtype, "softmax", _stacklevel))


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3,  # noqa: A002
                dtype: Any = None) -> Tensor:
    """x - log Σ exp(x) along ``dim``."""
    require_method(input, "dim" if dim is None else "log_softmax")  # (PyTorch's first reading)
    return ops.log_softmax(*_softmax_input(input, dim, dtype, "log_softmax", _stacklevel))


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3,  # noqa: A002
            dtype: Any = None) -> Tensor:
    """softmax(-x) along ``dim``: the smallest values get the largest weights."""
    if dim is None:
        dim = _softmax_dim(input.dim(), "softmin", _stacklevel)
    return softmax(-input, dim, dtype=dtype)


def logsigmoid(input: Tensor) -> Tensor:  # noqa: A002
    """ln σ(x), computed without overflow (``LogSigmoidBackward0``)."""
    require_tensor("log_sigmoid", input)
    from ..ops.operands import kernel_error
    from ..ops.unary import LogSigmoid

    if not input.is_floating_point():
        raise kernel_error("log_sigmoid_cpu", input.dtype)
    return LogSigmoid.apply(input)


logsigmoid.__name__ = "log_sigmoid"  # PyTorch's F.logsigmoid is its C function log_sigmoid


def softsign(input: Tensor) -> Tensor:  # noqa: A002
    """x / (1 + |x|), built from small operations as in PyTorch."""
    return input / (input.abs() + 1)


def tanhshrink(input: Tensor) -> Tensor:  # noqa: A002
    """x - tanh(x)."""
    return input - input.tanh()


# ---- dropout ------------------------------------------------------------------------------

def dropout(input: Tensor, p: float = 0.5, training: bool = True,  # noqa: A002
            inplace: bool = False) -> Tensor:
    """Zero each element with probability p and scale the survivors by 1/(1 - p)::

        out = input · mask,   mask_i = 1/(1 - p) with probability 1 - p, else 0

    so the expected value of each element is unchanged. The mask is one tensor, saved by the
    multiplication (``MulBackward0``), so backward multiplies the gradient by the same mask.
    Not training, or p = 0: the input itself is returned. Random numbers come from the kit's
    generator (``ak.manual_seed``).
    """
    require_tensor("dropout", input)
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    training = truth("dropout", "train", 3, training)
    if (done := _dropout_shortcut(input, p, training, inplace)) is not None:
        return done
    if not input.is_floating_point():
        word = dtypes.scalar_type_word(input.dtype.name)
        raise RuntimeError(f"result type Float can't be cast to the desired output type {word}")
    from .. import backend, random  # here, so this section only appends to the file

    xp = input._xp
    with backend.on_device(input.device):
        # PyTorch's bernoulli_(1 - p): a float64 uniform below 1 - p keeps the value,
        # drawn in the order the input lies in memory (a transposed input: transposed)
        order = _memory_order(input)
        shape = tuple(input.shape[d] for d in order)
        keep = random.uniform(shape, input.device, dtype=numpy.float64) < 1 - p
        if order != sorted(order):
            keep = keep.transpose(tuple(order.index(d) for d in range(len(order))))
        mask = keep.astype(input._data.dtype) * _keep_scale(input._data.dtype, p)
    mask_t = Tensor._make(xp.asarray(mask, dtype=input._data.dtype))  # (0-dim: an array)
    return input.mul_(mask_t) if inplace else input * mask_t


def _memory_order(input: Tensor) -> list[int]:  # noqa: A002
    """The dimensions from the slowest to the fastest in memory, when ``input`` fills its
    memory without gaps (a transposed or permuted contiguous tensor); else in order.

    PyTorch fills a random mask made with ``empty_like`` (same strides) in memory order.
    """
    shape, strides = tuple(input.shape), input.stride()
    order = sorted(range(len(shape)), key=lambda d: -strides[d])
    step = 1
    for d in reversed(order):
        if shape[d] != 1 and strides[d] != step:
            return list(range(len(shape)))
        step *= shape[d]
    return order


def _claim_public_functions(namespace: dict[str, Any]) -> None:
    """Name this module as the home of every public function it gathers from the ``nn``
    files (``F.mse_loss.__module__`` is ``'…nn.functional'``, as in PyTorch)."""
    for name, value in namespace.items():
        if (not name.startswith("_") and callable(value) and not isinstance(value, type)
                and getattr(value, "__module__", "").startswith(__package__ + ".")):
            value.__module__ = __name__


_claim_public_functions(globals())

# PyTorch's functions here that are its C++ ones (F.linear is torch._C._nn.linear): their
# parser names an argument's position only when it was given by position
_BUILT_IN = {"linear": "linear", "bilinear": "bilinear", "logsigmoid": "log_sigmoid",
             "gelu": "gelu", "softplus": "softplus", "hardshrink": "hardshrink",
             "softshrink": "softshrink", "prelu": "prelu", "pdist": "pdist",
             "pixel_shuffle": "pixel_shuffle", "pixel_unshuffle": "pixel_unshuffle",
             "cosine_similarity": "cosine_similarity",
             "pairwise_distance": "pairwise_distance"}


def _placed_as_given(function: Callable[..., Any], shown: str) -> Callable[..., Any]:
    """``function`` whose TypeErrors (PyTorch's ``shown()``) name no position for an argument
    the call gave by name (``linear(): argument 'weight' must be Tensor, not int``)."""
    from ..call_errors import unplaced_if_named

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            if kwargs:
                unplaced_if_named(error, shown, kwargs)
            raise

    return call


for _name, _shown in _BUILT_IN.items():
    globals()[_name] = _placed_as_given(globals()[_name], _shown)
