"""scatter_reduce: src's values reduced into the positions an index names, along a dim.

Its gradient follows the reduction:

    sum:  grad_self = grad,  grad_src = grad.gather(dim, index)
    mean: both divided by the number of values averaged into each position
    prod: grad · (product of the others) — result / value, with zeros handled separately
    amax / amin: shared evenly among the values equal to the result

(include_self=False: the positions written get no gradient for self.) The caller's index
is saved as PyTorch saves it: changed in place before backward, backward refuses.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor
from .operands import check_same_device, kept_index, kernel_error
from .repeated_positions import identity_of, reduced_at
from .rounding import FloorDivide, not_implemented
from .scatter import _check_scatter, _index_array, _scatter_key, _src_part, nonempty
from .selection import gather

_UFUNC = {"sum": "add", "mean": "add", "prod": "multiply", "amax": "maximum", "amin": "minimum"}
_UFUNC.update(max="maximum", min="minimum")  # forward-only spellings


class ScatterReduce(Function):
    """out = x with src's values reduced into the positions index names (along dim):
    out[i][index[i][j]] = reduce(x[i][index[i][j]] (when include_self), src[i][j], …)

    See the module's docstring for each reduction's gradient.
    """

    node_name = "ScatterReduceBackward0"
    reads_a_source = True  # refuses a source sharing its memory (assert_no_overlap)
    saved_tensor_names = ("self", "index", "src", "result")
    saved_options = {"dim": given_dim("dim"), "include_self": None, "reduce": None}
    non_inputs = (2,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Any, src: Tensor, reduce: str,
                include_self: bool) -> Any:
        index, kept = kept_index(index)
        ctx.dim, ctx.index, ctx.reduce, ctx.include_self = dim, index, reduce, include_self
        xp, out = x._xp, x._data.copy()
        key = _scatter_key(x, dim, index)  # (for nonempty(out): a 0-dim x read as 1-dim)
        values = _src_part(src._data, index)
        if index.size:
            if not include_self:
                nonempty(out)[key] = identity_of(_UFUNC[reduce], out.dtype, xp)
            out = reduced_at(xp, _UFUNC[reduce], nonempty(out), key, values).reshape(out.shape)
            if reduce == "mean":
                counts = xp.full(out.shape, 1 if include_self else 0, dtype="int64")
                counts = reduced_at(xp, "add", nonempty(counts), key,
                                    xp.ones(values.shape, "int64")).reshape(out.shape)
                counts = xp.maximum(counts, 1)
                out = out // counts if out.dtype.kind in "iu" else out / counts
        out = out.astype(x._data.dtype, copy=False)
        ctx.save_for_backward(x, kept, src, out)  # (the caller's index, as PyTorch saves it)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, _, src, result = ctx.saved_tensors
        dim, index, reduce = ctx.dim, Tensor._make(ctx.index), ctx.reduce
        if reduce in ("max", "min"):  # PyTorch's forward takes them, its backward does not
            raise RuntimeError("Expected 'reduce' to be one of 'sum', 'prod', 'mean', 'amax', "
                               f"'amin' but got {reduce}.")
        if reduce == "sum":
            grad_self, grad_src = grad, gather(grad, dim, index)
        elif reduce == "mean":
            n = grad.new_full(grad.shape, 1.0 if ctx.include_self else 0.0).scatter_add(
                dim, index, src.new_ones(src.shape))  # (counts: no graph, as PyTorch's)
            n = n.masked_fill(n == 0, 1.0)
            grad_self, grad_src = grad / n, gather(grad, dim, index) / gather(n, dim, index)
        elif reduce == "prod":
            masked_self = x.masked_fill(x == 0, 1.0)
            masked_result = scatter_reduce(masked_self, dim, index, src, "prod",
                                           include_self=ctx.include_self)
            grad_self = grad * masked_result / masked_self
            src_zero = src == 0
            zeros_in = (x * 0).scatter_add(dim, index, src_zero.to(x.dtype))
            single_zero = src_zero & (gather(zeros_in, dim, index) == 1)
            masked_src_result = scatter_reduce(x, dim, index, src.masked_fill(single_zero, 1.0),
                                               "prod", include_self=ctx.include_self)
            from autograd_kit import where
            from autograd_kit.autograd.function import delayed_error

            grad_src = where(single_zero, gather(grad * masked_src_result, dim, index),
                             gather(grad * result, dim, index) / src.masked_fill(src_zero, 1.0))
            if bool((gather(zeros_in, dim, index) > 1).any()):  # (PyTorch's DelayedError)
                grad_src = delayed_error(
                    "scatter_reduce(): Double backward is unsupported for src when >1 zeros "
                    "in src are scattered to the same position in self", grad_src)
        else:  # amax, amin: shared among the values equal to the result
            value = gather(result, dim, index)
            self_is = (x == result).to(x.dtype)
            src_is = (src == value).to(x.dtype)
            share = grad / self_is.scatter_add(dim, index, src_is)
            grad_self = self_is * share
            grad_src = src_is * gather(share, dim, index)
        if not ctx.include_self:
            grad_self = grad_self.scatter(dim, index, 0.0)
        needs = ctx.needs_input_grad
        return (grad_self if needs[0] else None, None, None,
                grad_src if needs[3] else None, None, None)


class ScatterLegacyReduce(ScatterReduce):
    """out = x with src's values added (``reduce="add"``) or multiplied
    (``reduce="multiply"``) into the positions index names: scatter's older form of
    scatter_reduce. PyTorch defines no derivative: backward through it is an error."""

    node_name = "NotImplemented"
    aten_name = "scatter"
    saved_tensor_names = ()  # (a NotImplemented node shows nothing saved)
    saved_options: dict[str, Any] = {}
    backward = classmethod(FloorDivide.backward.__func__)


class ScatterLegacyReduceInPlace(ScatterLegacyReduce):
    """``x.scatter_(dim, index, src, reduce=...)``: the same, named as PyTorch names the
    in-place operation in the error."""

    node_name = "NotImplemented"
    aten_name = "scatter_"


for _function in (ScatterLegacyReduce, ScatterLegacyReduceInPlace):
    not_implemented(_function)  # (PyTorch's fallback: edges only to inputs requiring grad)


def scatter_reduce_rule(x: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str, *,
                        include_self: bool = True) -> tuple[Any, ...]:
    if reduce not in _UFUNC:
        raise RuntimeError("reduce argument must be either sum, prod, mean, amax or amin, got "
                           f"{reduce}")
    data = _index_array(x, index, "scatter")
    _check_scatter(x, dim, data, src, "scatter")
    check_same_device(x, src)
    if reduce == "mean" and x.dtype.name == "bool":
        raise kernel_error(f"scatter_gather_tensor_{x.device.type}_reduce_mean", x.dtype)
    return ScatterReduce, dim, index, src, reduce, include_self


def scatter_reduce(x: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str, *,
                   include_self: bool = True) -> Tensor:
    rule, *args = scatter_reduce_rule(x, dim, index, src, reduce, include_self=include_self)
    return rule.apply(x, *args)
