"""PyTorch's top-level spellings of `nn.functional` operations, and a few more top-level names.

PyTorch offers many layers twice: ``F.dropout(x, p, training=True)`` and the underlying
operator ``torch.dropout(x, p, train)``, ``F.layer_norm`` and ``torch.layer_norm``, and so on.
The top-level forms follow the operator's own argument order (``torch.embedding(weight,
indices)``, ``torch.batch_norm(input, weight, bias, running_mean, …)``) and give a loss's
reduction as a number (0 none, 1 mean, 2 sum). Each one here only rearranges its arguments
and calls the `nn.functional` function, so the recorded graph is the same.

Also here: the window functions of window_functions.py, ``vander``, ``unravel_index``, ``trapz``,
``cumulative_trapezoid``, ``range`` (deprecated), ``fill``, ``split_with_sizes``,
``is_inference``, ``set_anomaly_enabled``, ``as_strided`` and ``vmap``.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from . import dtypes, window_functions
from .ops.filling import Fill, FillWithTensor, laid_out_as_empty_like
from .ops.shape import as_strided
from .tensor import Tensor, _wrap_dim
from .tensor_queries import promote_types

# A loss's reduction as the operator takes it: 1 mean, 2 sum, any other number none. (Called
# from Python without one, PyTorch's operators give the unreduced loss, so 0 is the default.)
REDUCTIONS = {1: "mean", 2: "sum"}


def _functional() -> Any:
    from .nn import functional

    return functional


def _reduction(number: int) -> str:
    return REDUCTIONS.get(number, "none")


# ---- nn.functional under the operators' names and argument orders -------------------------

def _same_arguments(name: str) -> Any:
    """``torch.<name>(…)`` is ``F.<name>(…)`` with the same arguments."""
    def function(*args: Any, **kwargs: Any) -> Any:
        return getattr(_functional(), name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"``torch.{name}`` is ``nn.functional.{name}``."
    return function


SAME_ARGUMENTS = (
    "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "cosine_similarity", "pairwise_distance", "pdist", "pixel_shuffle", "pixel_unshuffle",
    "prelu", "selu", "celu", "rrelu", "threshold", "hardshrink", "bilinear", "avg_pool1d",
    "adaptive_avg_pool1d", "max_pool1d", "max_pool2d", "max_pool3d", "channel_shuffle",
    "selu_", "celu_", "rrelu_", "threshold_",
)


def max_pool1d_with_indices(input: Tensor, kernel_size: Any, stride: Any = None,  # noqa: A002
                            padding: Any = 0, dilation: Any = 1,
                            ceil_mode: bool = False) -> tuple[Tensor, Tensor]:
    return _functional().max_pool1d(input, kernel_size, stride or None, padding, dilation,
                                    ceil_mode, return_indices=True)


def adaptive_max_pool1d(input: Tensor, output_size: Any) -> tuple[Tensor, Tensor]:  # noqa: A002
    """The operator always returns the indices too."""
    return _functional().adaptive_max_pool1d(input, output_size, return_indices=True)


def layer_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None,  # noqa: A002
               bias: Tensor | None = None, eps: float = 1e-5,
               cudnn_enable: bool = True) -> Tensor:
    return _functional().layer_norm(input, normalized_shape, weight, bias, eps)


def group_norm(input: Tensor, num_groups: int, weight: Tensor | None = None,  # noqa: A002
               bias: Tensor | None = None, eps: float = 1e-5,
               cudnn_enabled: bool = True) -> Tensor:
    return _functional().group_norm(input, num_groups, weight, bias, eps)


def batch_norm(input: Tensor, weight: Tensor | None, bias: Tensor | None,  # noqa: A002
               running_mean: Tensor | None, running_var: Tensor | None, training: bool,
               momentum: float, eps: float, cudnn_enabled: bool) -> Tensor:
    from .nn.functional_norm import _batch_norm  # (nn imports this module)
    return _batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps,
                       same_dtypes=True)


def instance_norm(input: Tensor, weight: Tensor | None, bias: Tensor | None,  # noqa: A002
                  running_mean: Tensor | None, running_var: Tensor | None,
                  use_input_stats: bool, momentum: float, eps: float,
                  cudnn_enabled: bool) -> Tensor:
    return _functional().instance_norm(input, running_mean, running_var, weight, bias,
                                       use_input_stats, momentum, eps)


def embedding(weight: Tensor, indices: Tensor, padding_idx: int = -1,
              scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor:
    """The weight comes first, and ``padding_idx=-1`` means none (as in the operator)."""
    return _functional().embedding(indices, weight, None if padding_idx == -1 else padding_idx,
                                   scale_grad_by_freq=scale_grad_by_freq, sparse=sparse)


def constant_pad_nd(input: Tensor, pad: Any, value: Any = 0) -> Tensor:  # noqa: A002
    return _functional().pad(input, pad, "constant", value)


# Each loss operator's arguments in order, under the names nn.functional gives them; the
# reduction comes as a number (see REDUCTIONS).
LOSSES = {
    "binary_cross_entropy_with_logits": ("input", "target", "weight", "pos_weight", "reduction"),
    "margin_ranking_loss": ("input1", "input2", "target", "margin", "reduction"),
    "cosine_embedding_loss": ("input1", "input2", "target", "margin", "reduction"),
    "hinge_embedding_loss": ("input", "target", "margin", "reduction"),
    "triplet_margin_loss": ("anchor", "positive", "negative", "margin", "p", "eps", "swap",
                            "reduction"),
    "poisson_nll_loss": ("input", "target", "log_input", "full", "eps", "reduction"),
    "ctc_loss": ("log_probs", "targets", "input_lengths", "target_lengths", "blank",
                 "reduction", "zero_infinity"),
}


def _loss(name: str) -> Any:
    """``torch.<name>(…)``: the operator's positional order, its reduction a number."""
    def function(*args: Any, **kwargs: Any) -> Tensor:
        given = {**dict(zip(LOSSES[name], args)), **kwargs}
        given["reduction"] = _reduction(given.get("reduction", 0))
        return getattr(_functional(), name)(**given)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = (f"``torch.{name}({', '.join(LOSSES[name])})``: "
                        f"``nn.functional.{name}`` with a numeric reduction.")
    return function


# ---- more top-level functions ---------------------------------------------------------------

def vander(x: Tensor, N: int | None = None, increasing: bool = False) -> Tensor:  # noqa: N803
    """Columns 1, x, x², …, x^(N-1) (reversed unless ``increasing``), computed as PyTorch
    does: ones, then the running product of copies of x (recorded: CopySlices, FlipBackward0)."""
    from .creation import empty

    if x.dim() != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    columns = x.shape[0] if N is None else N
    if columns < 0:
        raise RuntimeError("N must be non-negative.")
    result = empty(x.shape[0], columns, dtype=promote_types(x.dtype, dtypes.int64))
    result.fill_(1)  # (as at::ones does: version 1)
    if columns > 1:
        result[:, 1:].copy_(x.unsqueeze(1))  # (copy_ broadcasts: no expand recorded)
        result[:, 1:] = result[:, 1:].cumprod(1)
    return result if increasing else result.flip(1)


def unravel_index(indices: Any, shape: Any) -> tuple[Tensor, ...]:
    """The coordinates, one tensor per dimension of ``shape``, of flat ``indices`` (taken
    modulo the number of elements, as PyTorch does): as PyTorch, views of one tensor that
    holds them along its last dimension (``unbind(-1)``)."""
    from .creation import as_tensor

    if not isinstance(indices, Tensor):
        raise AttributeError(f"'{type(indices).__name__}' object has no attribute 'is_complex'")
    if indices.dtype.is_floating_point or indices.dtype.name == "bool":
        raise TypeError(f"expected 'indices' to be integer dtype, but got {indices.dtype}")
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    if any(size < 0 for size in shape):
        raise ValueError(f"'shape' cannot have negative values, but got {shape}")
    total = math.prod(shape)
    if not total and indices.numel():  # (PyTorch divides by the sizes: an integer division
        raise RuntimeError("ZeroDivisionError")  # by zero is refused with this message)
    flat = indices._data % total if total else indices._data
    coordinates = []
    for size in reversed(shape):
        coordinates.append(flat % size if size else flat)
        flat = flat // size if size else flat
    if not shape:
        return ()
    together = indices._xp.stack([c.astype("int64") for c in reversed(coordinates)], axis=-1)
    return as_tensor(together).unbind(-1)


def trapz(y: Tensor, x: Any = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """The older name of `trapezoid` (its ``dx`` read as a float: True is 1.0)."""
    from .ops.binning import trapezoid

    return trapezoid(y, x, dx=None if dx is None else float(dx), dim=dim)


def cumulative_trapezoid(y: Tensor, x: Any = None, *, dx: Any = None, dim: int = -1) -> Tensor:
    """The running trapezoid rule: (y[i] + y[i+1]) / 2 · Δx, summed up to each i."""
    from .ops.binning import halved, number_step, spacing_along
    from .ops.cpp_numbers import times_number

    n = y.shape[dim]
    pairs = (y.narrow(dim, 0, max(n - 1, 0)) + y.narrow(dim, 1, max(n - 1, 0))) if n else y
    if isinstance(x, Tensor):
        axis = _wrap_dim(dim, max(y.ndim, 1))
        return halved((pairs * spacing_along(y, x, axis, "cumulative_trapezoid")).cumsum(dim))
    step = number_step(y, 1 if dx is None else dx, "cumulative_trapezoid")
    return times_number(pairs, step / 2).cumsum(dim)  # (C++'s number: MulBackward1)


def range(start: Any, end: Any, step: Any = 1, *, dtype: Any = None,  # noqa: A001
          **options: Any) -> Tensor:
    """Deprecated: like ``arange`` but ``end`` included, and floats by default."""
    from .creation import arange

    warnings.warn(
        "torch.range is deprecated and will be removed in a future release because its "
        "behavior is inconsistent with Python's range builtin. Instead, use torch.arange, "
        "which produces values in [start, end).", UserWarning, stacklevel=2)
    count = int(math.floor((end - start) / step)) + 1
    return arange(count, dtype=dtypes.float64, **options).mul(step).add(start).to(
        dtype or dtypes.get_default_dtype())


class FillNumber(Fill):
    """``torch.fill(x, value)``: a new tensor, every element ``value``      grad_x = 0"""

    node_name = "FillBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, value: Any) -> Any:
        return laid_out_as_empty_like(x, Fill.forward(ctx, x, value))


class FillTensor(FillWithTensor):
    """``torch.fill(x, value)`` with a 0-dim tensor ``value``: grad_value = Σ grad"""

    node_name = "FillBackward1"

    @staticmethod
    def forward(ctx: Any, x: Tensor, value: Tensor) -> Any:
        return laid_out_as_empty_like(x, FillWithTensor.forward(ctx, x, value))


def fill(input: Tensor, value: Any) -> Tensor:  # noqa: A002
    """A new tensor shaped like ``input``, every element ``value`` (not in place)."""
    rule = FillTensor if isinstance(value, Tensor) else FillNumber
    return rule.apply(input, value)


def split_with_sizes(input: Tensor, split_sizes: Any, dim: int = 0) -> tuple[Tensor, ...]:  # noqa: A002
    return input.split(list(split_sizes), dim)


def is_inference(input: Tensor) -> bool:  # noqa: A002
    return input.is_inference()


def set_anomaly_enabled(enabled: bool, check_nan: bool = True) -> None:
    from .anomaly_mode import set_detect_anomaly

    set_detect_anomaly(enabled, check_nan)


def vmap(*args: Any, **kwargs: Any) -> Any:
    """``torch.vmap`` is ``torch.func.vmap``."""
    from .func import vmap as func_vmap

    return func_vmap(*args, **kwargs)


FUNCTIONS: dict[str, Any] = {
    **{name: _same_arguments(name) for name in SAME_ARGUMENTS},
    "max_pool1d_with_indices": max_pool1d_with_indices,
    "adaptive_max_pool1d": adaptive_max_pool1d, "layer_norm": layer_norm,
    "group_norm": group_norm, "batch_norm": batch_norm, "instance_norm": instance_norm,
    "embedding": embedding, "constant_pad_nd": constant_pad_nd,
    **{name: _loss(name) for name in LOSSES},
    **window_functions.WINDOWS, "vander": vander, "unravel_index": unravel_index,
    "trapz": trapz, "cumulative_trapezoid": cumulative_trapezoid, "range": range,
    "fill": fill, "split_with_sizes": split_with_sizes, "is_inference": is_inference,
    "set_anomaly_enabled": set_anomaly_enabled, "vmap": vmap, "as_strided": as_strided,
}
