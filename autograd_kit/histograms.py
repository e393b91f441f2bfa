"""``torch.histogram``: counts of values in bins, with the bins' edges.

Counting is not differentiable: when the input requires grad, PyTorch still records a node,
named ``NotImplemented``, whose backward raises. The kit does the same, so a learner sees
the same graph and the same error.
"""

from __future__ import annotations

from typing import Any

from . import dtypes
from .function import Function
from .ops.decompositions import _named
from .ops.operands import kernel_error
from .ops.rounding import not_implemented
from .tensor import Tensor

histogram_result = _named("histogram", ["hist", "bin_edges"])


class Histogram(Function):
    """Counts are flat in the values: there is no derivative (backward raises)."""

    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx: Any, x: Tensor, edges: Tensor, weight: Tensor | None,
                density: bool) -> Any:
        xp = x._xp
        counts, _ = xp.histogram(x._data.reshape(-1), bins=edges._data,
                                 weights=None if weight is None else weight._data.reshape(-1),
                                 density=density)
        return counts.astype(x._data.dtype), edges._data.copy()

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise RuntimeError("derivative for aten::histogram is not implemented")


not_implemented(Histogram)


def histogram(input: Tensor, bins: int | Tensor = 100, *, range: Any = None,  # noqa: A002
              weight: Tensor | None = None, density: bool = False) -> Any:
    """(hist, bin_edges): how many of input's values (or how much ``weight``) fall in each
    bin; ``bins`` equal bins over ``range`` (the data's own range by default), or the edges."""
    if not input.dtype.is_floating_point:
        raise kernel_error("histogramdd", input.dtype)
    if weight is not None and tuple(weight.shape) != tuple(input.shape):
        raise RuntimeError(
            "torch.histogramdd: if weight tensor is provided it should have the same shape as "
            "the input tensor excluding its innermost dimension, but got input with shape "
            f"[{input.numel()}, 1] and weight with shape {list(weight.shape)}")
    edges = bins if isinstance(bins, Tensor) else _equal_bins(input, int(bins), range)
    if edges.dtype != input.dtype:
        raise RuntimeError(
            "torch.histogramdd: input tensor and bins tensors should have the same dtype, but "
            f"got input with dtype {dtypes.scalar_type_word(input.dtype.name).lower()} and "
            f"bins for dimension 0 with dtype {dtypes.scalar_type_word(edges.dtype.name).lower()}")
    return histogram_result(*Histogram.apply(input, edges, weight, density))


def _equal_bins(input: Tensor, bins: int, limits: Any) -> Tensor:  # noqa: A002
    """``bins + 1`` equally spaced edges over ``limits`` (the data's own range when None; a
    single value v is widened to v ± 0.5, and no data to [0, 1], as in PyTorch)."""
    from . import linspace

    if bins <= 0:
        raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0")
    if limits is not None:
        low, high = float(limits[0]), float(limits[1])
    elif input.numel():
        low, high = input.min().item(), input.max().item()  # (.item(): no warning)
    else:
        low, high = 0.0, 1.0
    if low > high:
        raise RuntimeError(f"torch.histogramdd: min should not exceed max, but got min "
                           f"{low:g} max {high:g} for dimension 0")
    if low == high:
        low, high = low - 0.5, high + 0.5
    return linspace(low, high, bins + 1, dtype=input.dtype)
