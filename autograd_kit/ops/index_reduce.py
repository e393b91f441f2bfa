"""``index_reduce``: the rows of ``source`` reduced into the rows of x named by ``index``.

out[index[i]] = reduce(out[index[i]], source[i]) along ``dim``, with reduce one of prod,
mean, amax, amin, starting from x's row (``include_self=True``) or from the reduction's
identity. The backward rule is PyTorch's index_reduce_backward, written with tensor
operations so that it can be differentiated again:

    prod:   grad_x = grad · out / x (x's zeros read as 1);  grad_src = grad · out / src, with
            a lone zero in a row given the product of the others, two zeros giving 0 (and a
            gradient that cannot be differentiated again, as in PyTorch)
    mean:   N = the count of values in each row; grad_x = grad / N, grad_src = grad[index] / N
    amax, amin: the values equal to the result share its gradient evenly
    include_self=False: grad_x is 0 on the rows that were written.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..memory_overlap import _outside_the_kit
from ..scalar_warning import warn_once_with
from ..tensor import Tensor, _wrap_dim
from .preserved_layout import row_major

REDUCTIONS = ("prod", "mean", "amax", "amin")


def _reduced(x: Any, axis: int, index: Any, source: Any, reduce: str,
             include_self: bool, xp: Any) -> Any:
    """The forward values (arrays)."""
    out = xp.moveaxis(x, axis, 0).copy()
    src = xp.moveaxis(source, axis, 0)
    written = xp.unique(index)
    if reduce == "mean":
        out = out.astype("float64") if out.dtype.kind in "iu" else out
        counts = xp.bincount(index, minlength=out.shape[0]).astype(out.dtype)
        if not include_self:
            out[written] = 0
        else:
            counts = counts + 1
        xp.add.at(out, index, src)
        shape = (-1,) + (1,) * (out.ndim - 1)
        divided = out / xp.maximum(counts, 1).reshape(shape)
        out = xp.floor(divided) if x.dtype.kind in "iu" else divided
    else:
        if not include_self:
            identity = {"prod": 1, "amax": -xp.inf, "amin": xp.inf}[reduce]
            out[written] = identity if x.dtype.kind == "f" else (
                xp.iinfo(x.dtype).min if reduce == "amax" else
                xp.iinfo(x.dtype).max if reduce == "amin" else 1)
        ufunc = {"prod": xp.multiply, "amax": xp.maximum, "amin": xp.minimum}[reduce]
        ufunc.at(out, index, src)
    return xp.moveaxis(out.astype(x.dtype, copy=False), 0, axis)


class IndexReduce(Function):
    """out = x with source's rows reduced into the rows named by index (see the module)"""

    node_name = "IndexReduceBackward0"
    reads_a_source = True  # refuses a source sharing its memory (assert_no_overlap)
    non_inputs = (2,)  # the index: saved, no edge
    saved_tensor_names = ("self", "index", "source", "result")
    saved_options = {"dim": None, "reduce": None, "include_self": None}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str,
                include_self: bool) -> Any:
        xp = x._xp
        axis = _wrap_dim(dim, max(x.ndim, 1))
        out = _reduced(xp.atleast_1d(x._data), axis, index._data.astype("int64"),
                       xp.atleast_1d(source._data), reduce, include_self, xp).reshape(x.shape)
        out = row_major(xp, out)  # (PyTorch: a fresh row-major output, x copied in)
        ctx.dim, ctx.reduce, ctx.include_self = dim, reduce, include_self
        ctx.save_for_backward(x, index, source, out)  # (out: saved as the output)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, index, source, result = ctx.saved_tensors
        dim, reduce, include_self = ctx.dim, ctx.reduce, ctx.include_self
        grad_x, grad_src = _BACKWARDS[reduce](grad, x, dim, index, source, include_self, result)
        if not include_self:
            grad_x = grad_x.index_fill(dim, index, 0)
        return grad_x, None, None, grad_src, None, None


def _prod_backward(grad: Tensor, x: Tensor, dim: int, index: Tensor, source: Tensor,
                   include_self: bool, result: Tensor) -> tuple[Tensor, Tensor]:
    from . import where

    masked_x = x.masked_fill(x == 0, 1)
    masked_x_result = IndexReduce.apply(masked_x, dim, index, source, "prod", include_self)
    grad_x = grad * masked_x_result / masked_x
    src_zero = source == 0
    zeros_per_row = x.new_zeros(x.shape).index_add(dim, index, src_zero.to(x.dtype)) \
        .index_select(dim, index)
    single_zero = src_zero & (zeros_per_row == 1)
    masked_src_result = IndexReduce.apply(x, dim, index, source.masked_fill(single_zero, 1),
                                          "prod", include_self)
    grad_src = where(single_zero, (grad * masked_src_result).index_select(dim, index),
                     (grad * result).index_select(dim, index) / source.masked_fill(src_zero, 1))
    if bool((zeros_per_row > 1).any()):  # (PyTorch's DelayedError)
        from ..autograd.function import delayed_error

        grad_src = delayed_error("index_reduce(): Double backward is unsupported for source "
                                 "when >1 zeros in source are scattered to the same position "
                                 "in self", grad_src)
    return grad_x, grad_src


def _mean_backward(grad: Tensor, x: Tensor, dim: int, index: Tensor, source: Tensor,
                   include_self: bool, result: Tensor) -> tuple[Tensor, Tensor]:
    counts = grad.new_ones(grad.shape) if include_self else grad.new_zeros(grad.shape)
    counts = counts.index_add(dim, index, source.new_ones(source.shape))
    counts = counts.masked_fill(counts == 0, 1)
    return grad / counts, grad.index_select(dim, index) / counts.index_select(dim, index)


def _extreme_backward(grad: Tensor, x: Tensor, dim: int, index: Tensor, source: Tensor,
                      include_self: bool, result: Tensor) -> tuple[Tensor, Tensor]:
    value = result.index_select(dim, index)
    x_is_result = (x == result).to(x.dtype)
    source_is_result = (source == value).to(x.dtype)
    shared = grad / x_is_result.index_add(dim, index, source_is_result)
    return x_is_result * shared, source_is_result * shared.index_select(dim, index)


_BACKWARDS = {"prod": _prod_backward, "mean": _mean_backward, "amax": _extreme_backward,
              "amin": _extreme_backward}


def _checked(x: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str) -> None:
    warn_once_with("index_reduce() is in beta and the API may change at any time.",
                   stacklevel=_outside_the_kit(),
                   source="aten/src/ATen/native/TensorAdvancedIndexing.cpp:1523")
    if reduce not in REDUCTIONS:
        raise RuntimeError("index_reduce(): Expected reduce to be one of prod, mean, amax or "
                           f"amin but got {reduce}.")
    axis = _wrap_dim(dim, max(x.ndim, 1))
    _check_operands(x, axis, index, source)


def _check_operands(x: Tensor, axis: int, index: Tensor, source: Tensor) -> None:
    """PyTorch's checks of index_reduce's tensors, in its order (its shared index_* check)."""
    from .. import dtypes

    word = dtypes.scalar_type_word
    if index.ndim > 1:
        raise IndexError(f"index_reduce_(): Index is supposed to be a vector, but got dim: "
                         f"{index.ndim} with type: {word(index.dtype.name)} and size: "
                         f"{list(index.shape)}")
    if index.dtype.name not in ("int64", "int32"):
        raise RuntimeError("index_reduce_(): Expected dtype int32/int64 for index but got: "
                           f"{word(index.dtype.name)}")
    if source.dtype != x.dtype:
        raise RuntimeError(f"index_reduce_(): self ({word(x.dtype.name)}) and source "
                           f"({word(source.dtype.name)}) must have the same scalar type")
    count = index.numel()
    wanted = source.shape[axis] if source.ndim else 1
    if count != wanted:
        raise RuntimeError(f"index_reduce_(): Number of indices ({count}) should be equal to "
                           f"source.size(dim): ({wanted}), for dim: {axis}")
    shape, given = list(x.shape), list(source.shape)
    if x.ndim and source.ndim:
        del shape[axis], given[axis]
    if shape != given:
        raise RuntimeError("source tensor shape must match self tensor shape, excluding the "
                           f"specified dimension. Got self.shape = {list(x.shape)} "
                           f"source.shape = {list(source.shape)}")
    size = x.shape[axis] if x.ndim else 1
    if count and (int(index._data.min()) < 0 or int(index._data.max()) >= size):
        raise IndexError("index out of range in self")


def index_reduce(x: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str, *,
                 include_self: bool = True) -> Tensor:
    """x with ``source``'s rows reduced into the rows ``index`` names (along ``dim``)."""
    _checked(x, dim, index, source, reduce)
    return IndexReduce.apply(x, dim, index, source, reduce, include_self)


def index_reduce_(x: Tensor, dim: int, index: Tensor, source: Tensor, reduce: str, *,
                  include_self: bool = True) -> Tensor:
    """index_reduce, written into x."""
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x, (source,))  # (PyTorch's first check)
    _checked(x, dim, index, source, reduce)
    return apply_inplace(x, IndexReduce, dim, index, source, reduce, include_self)
