"""The second batch of PyTorch functions, gathered for export (``ops`` and the package
re-export every name in ``NAMES``): matrix parts, running operations, more elementwise
functions, statistics, joining/reshaping, and products.

Routing only: the rules live in matrix_parts, running, pointwise_more, statistics, combine
and products.
"""

from __future__ import annotations

from . import matrix_parts, pointwise_more  # noqa: F401  (the in-place methods use them)
from .combine import (
    atleast_1d,
    atleast_2d,
    broadcast_to,
    column_stack,
    hstack,
    kron,
    meshgrid,
    repeat_interleave,
    scalar_tensor,
    tensordot,
    tile,
    unflatten,
    vstack,
)
from .matrix_parts import diag, diagonal, movedim, roll, select, take, tril, triu
from .pointwise_more import (
    addcdiv,
    addcmul,
    atan2,
    hypot,
    logaddexp,
    nan_to_num,
    sgn,
    xlogy,
)
from .products import cdist, cross, einsum
from .running import cummax, cummin, cumprod, logcumsumexp
from .statistics import aminmax, kthvalue, median, mode, nansum, std_mean, var_mean

moveaxis = movedim
arctan2 = atan2
row_stack = vstack

__all__ = [
    "addcdiv", "addcmul", "aminmax", "arctan2", "atan2", "atleast_1d", "atleast_2d",
    "broadcast_to", "cdist", "column_stack", "cross", "cummax", "cummin", "cumprod", "diag",
    "diagonal", "einsum", "hstack", "hypot", "kron", "kthvalue", "logaddexp", "logcumsumexp",
    "median", "meshgrid", "mode", "moveaxis", "movedim", "nan_to_num", "nansum",
    "repeat_interleave", "roll", "row_stack", "scalar_tensor", "select", "sgn", "std_mean",
    "take", "tensordot", "tile", "tril", "triu", "unflatten", "var_mean", "vstack", "xlogy",
]
NAMES = tuple(__all__)
