"""Copying values in at given positions: ``index_copy`` (whole slices along a dimension) and
``put`` (single elements, counted as if the tensor were flat).

As with scatter, the values written came from ``source``, so its gradient reads the
output's gradient back at those positions, and the overwritten values of ``x`` get none
(``put(..., accumulate=True)`` adds instead, so x keeps its whole gradient).
The in-place versions (``index_copy_``, ``put_``) record the same nodes.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim
from .empty_target import nothing_to_check
from .operands import check_same_device, kept_index
from .preserved_layout import laid_out_like
from .repeated_positions import reduced_at
from .scatter import IndexFill, _along
from .selection import first_outside, index_select


class IndexCopy(Function):
    """out = x with the slices ``index`` along ``dim`` replaced by source's slices

    grad_x = grad.index_fill(dim, index, 0)
    grad_source = grad.index_select(dim, index).expand_as(source)   (PyTorch's ExpandBackward0
    under create_graph; a 0-dim source reads index.squeeze(0) and the engine sums to ())
    """

    node_name = "IndexCopyBackward0"
    reads_a_source = True  # refuses a source sharing its memory (assert_no_overlap)
    saved_tensor_names = ("index", "source")
    saved_options = {"dim": given_dim("dim"), "source_dim": lambda node: len(node.source_shape)}
    non_inputs = (2,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Any, source: Tensor) -> Any:
        ctx.dim, ctx.source_shape = dim, source._data.shape
        index, kept = kept_index(index)
        # the caller's index, as PyTorch saves it; source only when it needs a gradient
        ctx.save_for_backward(kept, source if ctx.needs_input_grad[3] else None)
        out = x._data.copy()
        if out.ndim == 0:  # a scalar: the one value is replaced
            return source._data.reshape(()).copy()
        axis = _wrap_dim(dim, out.ndim)
        values = source._data if source._data.ndim else source._data.reshape((1,))
        if values.size:  # (nothing to copy: the indices are not looked at, as in PyTorch)
            out[_along(x, axis, index.reshape(-1))] = values  # (a repeated index: the last wins)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        index = ctx.saved_tensors[0]._data
        grad_x = IndexFill.apply(grad, ctx.dim, index, 0.0) \
            if ctx.needs_input_grad[0] else None
        grad_source = None
        if ctx.needs_input_grad[3]:
            if ctx.source_shape:
                grad_source = index_select(grad, ctx.dim, Tensor._make(index))
                grad_source = grad_source.expand(ctx.source_shape)
            else:
                grad_source = index_select(grad, ctx.dim, Tensor._make(index.reshape(())))
        return grad_x, None, None, grad_source


class Put(Function):
    """out = x with out.flatten()[index[k]] = source[k]   (or += with ``accumulate``)

    grad_x = grad with zeros at the written positions (grad itself with ``accumulate``);
    grad_source = grad.take(index), shaped like source
    """

    node_name = "PutBackward0"
    saved_tensor_names = ("index", "source")
    saved_options = {"accumulate": None}
    non_inputs = (4,)  # the caller's index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, index: Any, source: Tensor, accumulate: bool,
                given: Tensor | None = None) -> Any:
        ctx.index, ctx.accumulate, ctx.source_shape = index, accumulate, source._data.shape
        # the caller's index (as PyTorch saves it), and source where its gradient needs it
        ctx.save_for_backward(kept_index(index if given is None else given)[1],
                              source if ctx.needs_input_grad[2] else None)
        out = x._data.copy()
        flat, positions = out.reshape(-1), index.reshape(-1)  # (a view of out's memory)
        values = source._data.reshape(-1)
        if accumulate:
            flat = reduced_at(x._xp, "add", flat, positions, values)
        else:
            flat[positions] = values
        return laid_out_like(x._xp, flat.reshape(out.shape), x._data)  # (PyTorch: x.clone()
        # written in place, so in x's layout)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        grad_x = None
        if ctx.needs_input_grad[0]:
            zeros = Tensor._make(grad._xp.zeros(ctx.source_shape, dtype=grad._data.dtype))
            grad_x = grad if ctx.accumulate else Put.apply(grad, ctx.index, zeros, False)
        grad_source = None
        if ctx.needs_input_grad[2]:
            grad_source = grad.take(Tensor._make(ctx.index)).reshape(ctx.source_shape)
        return grad_x, None, grad_source, None, None


# ---- argument checks (PyTorch's messages) and routing -----------------------------------

def _long_index(name: str, x: Tensor, index: Any, source: Tensor) -> Any:
    if not isinstance(index, Tensor) or index.dtype.name != "int64":
        word = dtypes.scalar_type_word(index.dtype.name) if isinstance(index, Tensor) else "?"
        raise RuntimeError(f"{name}(): Expected a long tensor for index, but got {word}")
    check_same_device(x, index)
    check_same_device(x, source)
    return index._data


def _same_dtype(name: str, x: Tensor, source: Tensor, style: str) -> None:
    if source.dtype != x.dtype:
        a, b = (dtypes.scalar_type_word(t.dtype.name) for t in (x, source))
        raise RuntimeError(f"{name}(): self and source expected to have the same dtype, but "
                           + style.format(a, b))


def index_copy_rule(x: Tensor, dim: int, index: Tensor, source: Tensor) -> tuple[Any, ...]:
    """The rule and its arguments for ``x.index_copy(dim, index, source)`` (PyTorch's checks,
    in its order)."""
    axis = _wrap_dim(dim, max(x.ndim, 1))
    count = index.numel() if isinstance(index, Tensor) else 0
    if isinstance(index, Tensor) and index.ndim > 1:
        raise IndexError(f"index_copy_(): Index should have dimension 1 or 0 (got {index.ndim})")
    if source.ndim == 0 and count != 1:
        raise IndexError("index_copy_(): When source is scalar, index should have one element "
                         f"(got {count})")
    if source.ndim and x.ndim and source.ndim != x.ndim:
        raise IndexError("index_copy_(): When source and destination are not scalars, their "
                         f"dimensionality must match. Source dimensionality ({source.ndim}), "
                         f"destination dimensionality ({x.ndim})")
    data = _long_index("index_copy_", x, index, source)
    _same_dtype("index_copy_", x, source, "got (self) {} and (source) {}")
    sliced = [[n for d, n in enumerate(t.shape) if d != axis] for t in (x, source)]
    if sliced[0] != sliced[1]:  # (the slices' sizes, space-separated, as C++ prints them)
        raise RuntimeError(
            "index_copy_(): Source/destination tensor must have same slice shapes. Destination "
            f"slice shape: {' '.join(map(str, sliced[0]))} at dimension {axis} and source "
            f"slice shape: {' '.join(map(str, sliced[1]))} at dimension 0.")
    if source.ndim and data.size != source.shape[axis]:
        raise IndexError(f"index_copy_(): Number of indices ({data.size}) should be equal "
                         f"to source.size(dim) ({source.shape[axis]})")
    size = x.shape[axis] if x.ndim else 1
    if not source.numel() or nothing_to_check(x, axis, data.size):
        return IndexCopy, dim, index, source  # (nothing copied: indices not looked at)
    bad = first_outside(data, size)  # (negative indices too)
    if bad is not None:
        raise IndexError(f"index_copy_(): index {bad} is out of bounds for dimension {axis} "
                         f"with size {size}")
    return IndexCopy, dim, index, source


def index_copy(input: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:  # noqa: A002
    """``input`` with the slices at ``index`` along ``dim`` replaced by ``source``'s."""
    rule, *args = index_copy_rule(input, dim, index, source)
    return rule.apply(input, *args)


def put_rule(x: Tensor, index: Tensor, source: Tensor,
             accumulate: bool = False) -> tuple[Any, ...]:
    """The rule and its arguments for ``x.put(index, source, accumulate)``."""
    data = _long_index("put_", x, index, source)
    _same_dtype("put_", x, source, "got self.dtype = {} and source.dtype = {}")
    if data.size != source.numel():
        raise IndexError("put_(): Expected source and index to have the same number of "
                         f"elements, but got source.numel() = {source.numel()}, index.numel() "
                         f"= {data.size}")
    count = x.numel()
    if data.size and not count:
        raise IndexError("put_(): Tried to put elements into an empty tensor")
    bad = first_outside(data, count, from_end=True)
    if bad is not None:
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {count} "
                         "elements.")
    wrapped = x._xp.asarray(data % count) if count else data  # (0-dim: an array still)
    return Put, wrapped, source, bool(accumulate), index


def put(input: Tensor, index: Tensor, source: Tensor,  # noqa: A002
        accumulate: bool = False) -> Tensor:
    """``input`` with the elements at the flat positions ``index`` set to (or, with
    ``accumulate``, increased by) ``source``'s values."""
    rule, *args = put_rule(input, index, source, accumulate)
    return rule.apply(input, *args)

