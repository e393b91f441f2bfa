"""More of ``nn.functional``: the shrink activations, glu, rrelu, rms_norm,
local_response_norm, pdist, alpha dropout and gumbel_softmax.

``hardshrink``, ``softshrink``, ``glu`` and ``rrelu`` (outside training) are recorded
operations with PyTorch's node names (their rules are in ops/activations_extra.py);
``pdist`` and ``embedding_bag`` are written with tensor operations and recorded as PyTorch's
one node (``PdistBackward0``, ``EmbeddingBagBackward0``) through `Composite`; the others'
nodes are those they are made of.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from .. import dtypes
from ..creation import tensor
from ..inplace import apply_inplace
from ..ops import stack
from ..ops.activations_extra import Glu, Hardshrink, Rrelu, RreluInplace, Softshrink, rrelu_noise
from ..ops.cpp_numbers import plus_number
from ..ops.operands import require_kernel_dtype
from ..tensor import Tensor, _wrap_dim
from .arguments import (
    require_method,
    require_optional_tensors,
    require_tensor,
    tensor_input,
    type_name,
)
from .composite import Composite
from .functional_arguments import check_ints, number, real
from .functional_norm import check_affine_shapes, embedding, renorm_rows
from .functional_resample import dropout_shortcut


def _check_lambda(lambd: float, input: Tensor) -> None:  # noqa: A002
    if lambd < 0:
        kind = dtypes.scalar_type_word(input.dtype.name)
        raise RuntimeError(f"lambda must be in range [0, 3.40282e+38] for input dtype {kind}, "
                           f"but found {lambd:g}")


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:  # noqa: A002
    """x where |x| > λ, else 0 (any λ, as in PyTorch)."""
    require_tensor("hardshrink", input)
    lambd = number("hardshrink", "lambd", 2, lambd)
    return Hardshrink.apply(input, lambd)


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:  # noqa: A002
    """x - λ above λ, x + λ below -λ, 0 between."""
    require_tensor("softshrink", input)
    lambd = number("softshrink", "lambd", 2, lambd)
    _check_lambda(lambd, input)
    return Softshrink.apply(input, lambd)


def glu(input: Tensor, dim: int = -1) -> Tensor:  # noqa: A002
    """a · σ(b), where a and b are the two halves of ``input`` along ``dim``."""
    require_method(input, "dim")
    if not isinstance(dim, int) or isinstance(dim, bool):
        raise TypeError(f"glu(): argument 'dim' (position 2) must be int, not {type_name(dim)}")
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    axis = _wrap_dim(dim, input.dim())
    size = input.shape[axis]
    if size % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {axis} is size "
                           f"{size}")
    require_kernel_dtype("glu_cpu", input)  # (PyTorch's kernel takes floats only)
    return Glu.apply(input, dim)


def rrelu(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3,  # noqa: A002
          training: bool = False, inplace: bool = False) -> Tensor:
    """x where x ≥ 0, else a · x: a drawn from U(lower, upper) for each value while
    training, a = (lower + upper) / 2 otherwise."""
    require_tensor("rrelu_" if inplace else "rrelu", input)
    lower, upper = number("rrelu", "lower", 2, lower), number("rrelu", "upper", 3, upper)
    if lower > upper:
        raise RuntimeError("Lower bound should be less than or equal to the upper bound")
    if not training:  # (PyTorch's rrelu outside training is its leaky_relu kernel)
        require_kernel_dtype("leaky_relu_cpu", input)
    noise = rrelu_noise(input, lower, upper, training)
    if inplace:
        return apply_inplace(input, RreluInplace, noise, lower, upper, bool(training))
    return Rrelu.apply(input, noise, lower, upper, bool(training))


@tensor_input("rrelu_")
def rrelu_(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3,  # noqa: A002
           training: bool = False) -> Tensor:
    return rrelu(input, lower, upper, training, inplace=True)


@tensor_input("rms_norm")
def rms_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None,  # noqa: A002
             eps: float | None = None) -> Tensor:
    """x / √(mean(x²) + ε) · weight, the mean over the last ``len(normalized_shape)``
    dimensions (ε: the dtype's machine epsilon when None)."""
    check_ints("rms_norm", "normalized_shape", 2, normalized_shape, scalar_ok=False)
    require_optional_tensors("rms_norm", 3, weight=weight)
    eps = None if eps is None else real("rms_norm", "eps", 4, eps)
    shape = tuple(int(n) for n in normalized_shape)
    check_affine_shapes(shape, weight=weight)
    if input.dim() < len(shape):
        raise ValueError(f"Input tensor must have at least {len(shape)} dimensions, but got "
                         f"{input.dim()}")
    if tuple(input.shape[input.dim() - len(shape):]) != shape:
        expected = ", ".join(map(str, shape))
        raise RuntimeError(
            f"Given normalized_shape={list(shape)}, expected input with shape [*{expected}], "
            f"but got input of size{list(input.shape)}")
    require_kernel_dtype("rms_norm", input)
    # PyTorch's steps: computed in float32 for a half input, then back to the input's dtype
    # (after the weight, whatever the weight's dtype)
    x = input.float() if input.dtype == dtypes.float16 else input
    if eps is None:
        eps = float(__import__("numpy").finfo(x._data.dtype).eps)
    dims = tuple(range(-len(shape), 0))
    out = x * plus_number(x.pow(2).mean(dims, keepdim=True), eps).rsqrt()  # (AddBackward1)
    return (out if weight is None else out * weight).type_as(input)


def local_response_norm(input: Tensor, size: int, alpha: float = 1e-4,  # noqa: A002
                        beta: float = 0.75, k: float = 1.0) -> Tensor:
    """x / (k + α · mean of x² over ``size`` neighbouring channels)^β."""
    from .functional_conv import avg_pool2d, pad
    from .volumetric import avg_pool3d

    dim = input.dim()
    if dim < 3:
        raise ValueError(f"Expected 3D or higher dimensionality                          "
                         f"input (got {dim} dimensions)")
    if input.numel() == 0:
        return input
    div = input.mul(input)  # (PyTorch's steps, so the graph has its nodes)
    if dim == 3:
        div = pad(div.unsqueeze(1), (0, 0, size // 2, (size - 1) // 2))
        div = avg_pool2d(div, (size, 1), stride=1).squeeze(1)
    else:
        sizes = input.shape
        div = div.view(sizes[0], 1, sizes[1], sizes[2], -1)
        div = pad(div, (0, 0, 0, 0, size // 2, (size - 1) // 2))
        div = avg_pool3d(div, (size, 1, 1), stride=1).squeeze(1).view(sizes)
    return input / div.mul(alpha).add(k).pow(beta)


def _max_norm_ties_full(diff: Tensor) -> Tensor:
    """max_k |diff_k| along dim 1, every tied maximum taking the whole gradient as in
    PyTorch's pdist: ∂/∂diff_k = sign(diff_k) · [|diff_k| = max] (norm(inf) splits it).
    The value is the detached maximum plus an exact 0 that carries that gradient."""
    size = diff.abs()
    top = size.detach().amax(dim=1)
    ties = (size.detach() == top.unsqueeze(1)).to(diff.dtype)
    return top + ((size - size.detach()) * ties).sum(dim=1)


@tensor_input("pdist")
def pdist(input: Tensor, p: float = 2) -> Tensor:  # noqa: A002
    """The p-norm distances between every pair of rows i < j of a 2-D input, in order."""
    if input.dim() != 2:
        raise RuntimeError(f"pdist only supports 2D tensors, got: {input.dim()}D")
    if not input.is_floating_point():
        raise RuntimeError("pdist only supports floating-point dtypes")
    if p < 0:
        raise RuntimeError("pdist only supports non-negative p values")
    n = input.shape[0]
    rows = [i for i in range(n) for _ in range(i + 1, n)]
    cols = [j for i in range(n) for j in range(i + 1, n)]

    def run(x: Tensor, p: float) -> Tensor:
        diff = x[rows] - x[cols]
        return _max_norm_ties_full(diff) if p == math.inf else diff.norm(p, dim=1)

    return PdistNode.apply(run, input, p)


class PdistNode(Composite):
    """PyTorch's one node for pdist, showing its input and ``p`` (``node._saved_p``)."""

    node_name = "PdistBackward0"
    forward_ad_missing = "_pdist_forward"  # (PyTorch has no forward-mode formula)
    backward_op = "_pdist_backward"
    saves_outputs = True  # (PyTorch's keeps its result: a result changed in place is refused)
    saved_tensor_names = ("self", None, "result")  # (p: a number, kept as an option)
    saved_options = {"p": lambda node: float(node.options[1])}


class EmbeddingBagNode(Composite):
    """PyTorch's one node for embedding_bag: inputs (weight, per_sample_weights), a missing
    per_sample_weights keeping its (None, 0) edge."""

    node_name = "EmbeddingBagBackward0"
    forward_ad_missing = "_embedding_bag"
    backward_op = "_embedding_bag_backward"
    optional_inputs = (2,)


@tensor_input("alpha_dropout")
def alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False,  # noqa: A002
                  inplace: bool = False, feature: bool = False) -> Tensor:
    """Dropout that keeps SELU's mean and variance: dropped values become α' = -λα, then
    a · x + b rescales so the mean stays 0 and the variance 1."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if (done := dropout_shortcut(input, p, training, inplace, feature)) is not None:
        return done
    alpha = 1.7580993408473766  # (-α' ; the steps and their roundings are PyTorch's)
    shape = input.shape if not feature else (*input.shape[:2], *[1] * (input.dim() - 2))
    keep = input.detach().new_empty(shape).bernoulli_(1 - p)
    a = 1.0 / math.sqrt((alpha * alpha * p + 1) * (1 - p))
    b = (keep - 1).mul_(alpha * a).add_(alpha * a * p)
    keep.mul_(a)
    if inplace:
        return input.mul_(keep).add_(b)
    return (input * keep).add_(b)


@tensor_input("feature_alpha_dropout")
def feature_alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False,  # noqa: A002
                          inplace: bool = False) -> Tensor:
    """alpha_dropout of whole channels."""
    return alpha_dropout(input, p, training, inplace, feature=True)


def _bags(input: Tensor, offsets: Tensor | None, include_last_offset: bool) -> list[range]:  # noqa: A002
    """The positions (in the flattened input) of each bag."""
    if input.dim() == 2:
        if offsets is not None:
            raise ValueError(
                "if input is 2D, then offsets has to be None, as input is treated is a "
                "mini-batch of fixed length sequences. However, found offsets of type "
                f"{type(offsets)}")
        n, length = input.shape
        return [range(i * length, (i + 1) * length) for i in range(n)]
    if input.dim() != 1:
        raise ValueError(f"input has to be 1D or 2D Tensor, but got Tensor of dimension "
                         f"{input.dim()}")
    if offsets is None:
        raise ValueError("offsets has to be a 1D Tensor but got None")
    if offsets.dim() != 1:
        raise ValueError("offsets has to be a 1D Tensor")
    starts = [int(s) for s in offsets.tolist()]
    ends = starts[1:] + ([] if include_last_offset else [input.shape[0]])
    return [range(s, e) for s, e in zip(starts, ends)]


_INDEX_SIZE = ("Expected i < index_size to be true, but got false.  (Could this error message "
               "be improved?  If so, please report an enhancement request to PyTorch.)")


def _check_bag_arguments(input: Tensor, weight: Tensor, offsets: Tensor | None,  # noqa: A002
                         mode: str, per_sample_weights: Tensor | None,
                         include_last_offset: bool, padding_idx: int | None) -> None:
    """ATen's checks of embedding_bag's arguments, in its order, after the Python ones: the
    padding row, the dtypes (indices and offsets promoted to one type first), the offsets,
    then the ids themselves as its kernels check them."""
    rows = weight.shape[0]
    if padding_idx is not None and not -rows <= padding_idx < rows:
        raise RuntimeError("padding_idx must be within the number of embeddings, "
                           f"{-rows} through {rows - 1}, but got {padding_idx}")
    if offsets is None and input.dtype == dtypes.bool_:  # (ATen counts the bags with arange)
        raise NotImplementedError("\"arange_cpu\" not implemented for 'Bool'")
    common = input.dtype if offsets is None else dtypes.promote_pair(input.dtype, offsets.dtype)
    for name, kind, allowed in (("indices", common, ("Long", "Int")),
                                ("weight", weight.dtype, ("Half", "BFloat16", "Float", "Double"))):
        if dtypes.scalar_type_word(kind.name) not in allowed:
            raise RuntimeError(
                f"Expected tensor for argument #1 '{name}' to have one of the following scalar "
                f"types: {', '.join(allowed)}; but got "
                f"{dtypes.error_type_name(kind.name)} instead (while checking arguments for "
                "embedding_bag)")
    starts = [] if offsets is None else [int(s) for s in offsets.tolist()]
    length = input.numel()
    if starts and starts[0] != 0:
        raise RuntimeError(
            "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start "
            f"from position 0. However, got {starts[0]}\n"
            f"[ {dtypes.error_type_name(common.name)}{{}} ]")
    if starts and starts[-1] > length:
        raise RuntimeError(f"offsets[-1] can not be greater than input's length {length} but "
                           f"got offsets[-1] of {starts[-1]}")
    if per_sample_weights is not None and per_sample_weights.dtype != weight.dtype:
        raise RuntimeError(
            "Expected tensor for argument #1 'weight' to have the same type as tensor for "
            "argument #1 'per_sample_weights'; but type "
            f"{dtypes.error_type_name(weight.dtype.name)} does not equal "
            f"{dtypes.error_type_name(per_sample_weights.dtype.name)} (while checking "
            "arguments for embedding_bag)")
    if include_last_offset and offsets is not None and not starts:
        raise RuntimeError("include_last_offset: number of offset should be at least 1")
    ids = input.reshape(-1).tolist()
    for position, i in enumerate(ids):
        if not 0 <= i < rows:
            if mode == "max" or padding_idx is not None:
                raise RuntimeError("embedding_bag: Expected idx >= 0 && idx < num_embeddings "
                                   f"but found idx to be {i}")
            raise RuntimeError(f"Index {position} of input takes value {i} which is not in "
                               f"the valid range [0, {rows})")
    if mode != "max" and any(b < a for a, b in zip(starts, starts[1:])):
        raise RuntimeError(_INDEX_SIZE)


def embedding_bag(input: Tensor, weight: Tensor, offsets: Tensor | None = None,  # noqa: A002
                  max_norm: float | None = None, norm_type: float = 2,
                  scale_grad_by_freq: bool = False, mode: str = "mean", sparse: bool = False,
                  per_sample_weights: Tensor | None = None, include_last_offset: bool = False,
                  padding_idx: int | None = None) -> Tensor:
    """One vector per bag of ids: the sum, mean or max of their rows of ``weight``. Bags are
    the rows of a 2-D input, or the pieces of a 1-D input starting at ``offsets``; ids equal
    to ``padding_idx`` are left out (an empty bag gives zeros)::

        sum/mean:  out = M · (E ⊙ w) (/ n_b for a mean),  E = weight[ids], M[b, i] = 1
                   where id i is in bag b, w_i = per_sample_weights_i (sum), n_b the ids
                   counted in bag b
    """
    if weight.dtype == dtypes.int64 and input.is_floating_point():
        warnings.warn("Argument order of nn.functional.embedding_bag was changed. Usage "
                      "`embedding_bag(weight, input, ...)` is deprecated, and should now be "
                      "`embedding_bag(input, weight, ...)`.", stacklevel=2)
        weight, input = input, weight
    if per_sample_weights is not None and per_sample_weights.shape != input.shape:
        raise ValueError(
            f"embedding_bag: If per_sample_weights ({per_sample_weights.shape}) is not "
            f"None, then it must have the same shape as the input ({input.shape})")
    if weight.dim() != 2:
        raise ValueError(
            f"weight has to be a 2D Tensor, but got Tensor of dimension {weight.dim()}")
    bags = _bags(input, offsets, include_last_offset)  # (PyTorch's order of checks)
    if mode not in ("sum", "mean", "max"):
        raise ValueError("mode has to be one of sum, mean or max")
    if mode == "max" and scale_grad_by_freq:
        raise ValueError("max mode does not support scaling the gradient by the frequency")
    if mode == "max" and sparse:
        raise ValueError("max mode does not support sparse weights")
    if max_norm is not None:  # (PyTorch scales the rows read down first, as embedding does)
        renorm_rows(weight, input, max_norm, norm_type)
    if per_sample_weights is not None and mode != "sum":
        raise NotImplementedError(
            "embedding_bag: per_sample_weights was not None. per_sample_weights is only "
            f"supported for mode='sum' (got mode='{mode}'). Please open a feature request on "
            "GitHub.")
    _check_bag_arguments(input, weight, offsets, mode, per_sample_weights,
                         include_last_offset, padding_idx)
    ids = input.reshape(-1)  # (read in the type of ids and offsets together: bool ids count)
    ids = ids if offsets is None else ids.to(dtypes.promote_pair(input.dtype, offsets.dtype))
    if padding_idx is not None and padding_idx < 0:
        padding_idx += weight.shape[0]
    values = ids.tolist()
    # With include_last_offset, PyTorch's CPU kernels read past the last offset: in max mode
    # and with a padding_idx the last bag runs to the end of the input; otherwise it stops at
    # the last offset but a mean divides it by the ids up to the end.
    last_size = None
    if include_last_offset and offsets is not None and bags:
        if mode == "max" or padding_idx is not None:
            bags[-1] = range(bags[-1].start, len(values))
        else:
            last_size = len(values) - bags[-1].start
    counted = [[i for i in bag if values[i] != padding_idx] for bag in bags]
    spread = [[0.0] * len(values) for _ in bags]
    for b, members in enumerate(counted):
        for i in members:
            spread[b][i] = 1.0
    matrix = tensor(spread, dtype=weight.dtype, device=weight.device)
    matrix = matrix.reshape(len(bags), len(values))  # (no bags: an empty (0, n) matrix)
    # a mean is the sum divided by the bag's count afterwards, as PyTorch's kernel rounds it
    counts = [len(members) for members in counted]
    if last_size is not None:
        counts[-1] = last_size
    sizes = tensor([[max(n, 1)] for n in counts], dtype=weight.dtype,
                   device=weight.device).reshape(-1, 1)

    def run(weight: Tensor, per_sample_weights: Tensor | None) -> Tensor:
        rows = embedding(ids, weight)
        if mode == "max" and counted:
            return stack([rows[members].amax(0) if members else
                          rows.new_zeros(weight.shape[1]) for members in counted])
        if per_sample_weights is not None:
            rows = rows * per_sample_weights.reshape(-1, 1)
        return matrix.mm(rows) / sizes if mode == "mean" else matrix.mm(rows)

    return EmbeddingBagNode.apply(run, weight, per_sample_weights)


def gumbel_softmax(logits: Tensor, tau: float = 1, hard: bool = False, eps: float = 1e-10,
                   dim: int = -1) -> Tensor:
    """softmax((logits + g) / τ), g = -log(E), E ~ Exponential(1) (Gumbel noise): a sample
    from the categorical distribution made differentiable; ``hard``: the one-hot of its
    largest entry in the forward pass, the soft sample's gradient in the backward pass
    (y_hard - y_soft.detach() + y_soft)."""
    if eps != 1e-10:
        warnings.warn("`eps` parameter is deprecated and has no effect.", stacklevel=2)
    gumbels = -logits.detach().new_empty(tuple(logits.shape)).exponential_().log()
    y_soft = ((logits + gumbels) / tau).softmax(dim)
    if not hard:
        return y_soft
    index = y_soft.max(dim, keepdim=True)[1]
    y_hard = logits.detach().new_zeros(tuple(logits.shape)).scatter_(dim, index, 1.0)
    return y_hard - y_soft.detach() + y_soft
