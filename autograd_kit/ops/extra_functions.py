"""The second batch of PyTorch functions, gathered for export (``ops`` and the package
re-export every name in ``NAMES``): matrix parts, running operations, more elementwise
functions, statistics, joining/reshaping, and products.

The third batch: index_put, masked_select/scatter, scatter_reduce, take_along_dim (writes),
inverse hyperbolic functions, erfinv, erfc, logit, gcd, lcm (hyperbolic), nanmean, quantile,
diff, trapezoid, searchsorted, bucketize, bincount, histc (binning), rot90, splits,
block_diag, cartesian_prod, combinations, triangle indices (arrange), logdet / slogdet
(decompositions).

The fifth batch: fmax, fmin, deg2rad, rad2deg, float_power (pointwise_extra), isin,
unique_consecutive (membership), cov, corrcoef (covariance), index_copy, put (index_writes),
nanmedian (statistics), copysign, logaddexp2, ldexp, nextafter, frexp, heaviside
(binary_more), addmv, addr, baddbmm, addbmm (add_products), slice/select/diagonal_scatter,
diag_embed, diagflat (scatter_views); their Tensor methods are attached by more_methods.

Routing only: the rules live in matrix_parts, running, pointwise_more, statistics, combine,
products, writes, hyperbolic, binning, arrange, decompositions, pointwise_extra, membership,
covariance, index_writes, binary_more, add_products and scatter_views.
"""

from __future__ import annotations

from ..creation import logspace
from . import hyperbolic, matrix_parts, pointwise_more, writes  # noqa: F401  (in-place methods)
from .add_products import addbmm, addmv, addr, baddbmm
from .arrange import (
    block_diag,
    cartesian_prod,
    combinations,
    dsplit,
    fliplr,
    flipud,
    hsplit,
    rot90,
    tensor_split,
    tril_indices,
    triu_indices,
    vsplit,
)
from .binary_more import copysign, frexp, heaviside, ldexp, logaddexp2, nextafter
from .binning import (
    bincount,
    bucketize,
    diff,
    histc,
    nanmean,
    nanquantile,
    quantile,
    searchsorted,
    trapezoid,
)
from .combine import (
    atleast_1d,
    atleast_2d,
    atleast_3d,
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
from .covariance import corrcoef, cov
from .decompositions import logdet, slogdet
from .hyperbolic import acosh, asinh, atanh, erfc, erfinv, gcd, lcm, logit
from .index_writes import index_copy, put
from .matrix_parts import diag, diagonal, movedim, roll, select, take, tril, triu
from .membership import isin, unique_consecutive
from .more_names import argwhere, fix, isneginf, isposinf, msort, ravel, signbit
from .pointwise_extra import deg2rad, float_power, fmax, fmin, rad2deg
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
from .reductions_extra import nuclear_norm
from .running import cummax, cummin, cumprod, logcumsumexp
from .scatter_reduce import scatter_reduce, scatter_reduce_rule  # noqa: F401 (scatter_reduce_)
from .scatter_views import (
    diag_embed,
    diagflat,
    diagonal_scatter,
    select_scatter,
    slice_scatter,
)
from .statistics import (
    aminmax,
    kthvalue,
    median,
    mode,
    nanmedian,
    nansum,
    std_mean,
    var_mean,
)
from .writes import index_put, masked_scatter, masked_select, take_along_dim

moveaxis = movedim
arctan2 = atan2
row_stack = vstack
arcsinh, arccosh, arctanh = asinh, acosh, atanh

__all__ = [
    "addcdiv", "addcmul", "aminmax", "arctan2", "atan2", "atleast_1d", "atleast_2d",
    "broadcast_to", "cdist", "column_stack", "cross", "cummax", "cummin", "cumprod", "diag",
    "diagonal", "einsum", "hstack", "hypot", "kron", "kthvalue", "logaddexp", "logcumsumexp",
    "median", "meshgrid", "mode", "moveaxis", "movedim", "nan_to_num", "nansum",
    "repeat_interleave", "roll", "row_stack", "scalar_tensor", "select", "sgn", "std_mean",
    "take", "tensordot", "tile", "tril", "triu", "unflatten", "var_mean", "vstack", "xlogy",
    # the third batch
    "acosh", "arccosh", "arcsinh", "arctanh", "asinh", "atanh", "bincount", "block_diag",
    "bucketize", "cartesian_prod", "combinations", "diff", "dsplit", "erfc", "erfinv",
    "fliplr", "flipud", "gcd", "histc", "hsplit", "index_put", "lcm", "logdet", "logit",
    "masked_scatter", "masked_select", "nanmean", "nanquantile", "quantile", "rot90",
    "scatter_reduce", "searchsorted", "slogdet", "take_along_dim", "tensor_split", "trapezoid",
    "tril_indices", "triu_indices", "vsplit",
    # the fourth batch
    "atleast_3d", "logspace", "argwhere", "fix", "isneginf", "isposinf", "msort", "ravel",
    "signbit",
    # the fifth batch
    "corrcoef", "cov", "deg2rad", "float_power", "fmax", "fmin", "index_copy", "isin", "put",
    "rad2deg", "unique_consecutive", "nanmedian", "copysign", "frexp", "heaviside", "ldexp",
    "logaddexp2", "nextafter", "addbmm", "addmv", "addr", "baddbmm", "diag_embed", "diagflat",
    "diagonal_scatter", "select_scatter", "slice_scatter", "nuclear_norm",
]
NAMES = tuple(__all__)

# x.fmax(y), x.put_(…), x.eq_(y), x.logical_and_(m), …: once ops has the names
from . import compare_inplace, more_methods, random_fills, windows  # noqa: E402, F401
