"""Writing values at positions given by an index: scatter, scatter_add, index_add, index_fill.

Each is the mirror of a reading operation (scatter ↔ gather, index_add ↔ index_select):
the values written came from ``src`` at known positions, so ``src``'s gradient reads the
output's gradient back at those positions, and the overwritten values of ``x`` get none.
The in-place versions (``scatter_`` …) record the same nodes through ``apply_inplace``.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim
from .cpp_numbers import times_number
from .empty_target import nothing_to_check
from .operands import (
    check_same_device,
    kept_index,
    number_for,
    on_other_devices,
    two_devices_error,
)
from .preserved_layout import preserved_copy
from .repeated_positions import reduced_at
from .selection import along_axis_key, first_outside, gather, index_select
from .written_in_place import written_in_place


def nonempty(array: Any) -> Any:
    """PyTorch's ensure_nonempty_dim for gather and scatter: a 0-dim array is read as one of
    shape (1,) (a view: writing it writes the 0-dim array)."""
    return array.reshape(1) if array.ndim == 0 else array


def _scatter_key(x: Tensor, dim: int, index: Any) -> tuple[Any, ...]:
    """The key of the positions written in ``nonempty(out)``."""
    return along_axis_key(nonempty(index), _wrap_dim(dim, max(x._data.ndim, 1)), x._xp)


def _src_part(src: Any, index: Any) -> Any:
    """The corner of ``src`` that an index of a smaller shape uses."""
    return nonempty(src)[tuple(slice(0, n) for n in nonempty(index).shape)]


class Scatter(Function):
    """out = x with out[i][index[i][j]] = src[i][j]   (dim = 1)

    grad_x = grad with zeros where src was written: grad.scatter(dim, index, 0);
    grad_src = grad read back at those positions: grad.gather(dim, index)
    """

    node_name = "ScatterBackward0"
    reads_a_source = True  # refuses a source sharing its memory (assert_no_overlap)
    saved_tensor_names = ("index",)
    saved_options = {"dim": given_dim("dim")}
    non_inputs = (2,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Any, src: Tensor) -> Any:
        index, kept = kept_index(index)
        ctx.dim, ctx.index = dim, index
        ctx.save_for_backward(kept)  # (the caller's index, as PyTorch saves it)
        out = x._data.copy()
        if index.size:
            nonempty(out)[_scatter_key(x, dim, index)] = _src_part(src._data, index)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        grad_x = ScatterValue.apply(grad, ctx.dim, ctx.index, 0.0) \
            if ctx.needs_input_grad[0] else None
        grad_src = _gather(grad, ctx.dim, ctx.index) if ctx.needs_input_grad[3] else None
        return grad_x, None, None, grad_src


class ScatterValue(Function):
    """out = x with out[i][index[i][j]] = value   (a number)

    grad_x = grad.scatter(dim, index, 0)   (the overwritten values do not reach out)
    """

    node_name = "ScatterBackward1"
    saved_tensor_names = ("index",)
    saved_options = {"dim": given_dim("dim")}
    non_inputs = (2,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Any, value: Any) -> Any:
        index, kept = kept_index(index)
        ctx.dim, ctx.index = dim, index
        ctx.save_for_backward(kept)  # (the caller's index, as PyTorch saves it)
        out = x._data.copy()
        if index.size:
            nonempty(out)[_scatter_key(x, dim, index)] = value
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        return ScatterValue.apply(grad, ctx.dim, ctx.index, 0.0), None, None, None


class ScatterAdd(Function):
    """out = x with out[i][index[i][j]] += src[i][j]   (dim = 1; repeated positions add up)

    grad_x = grad;   grad_src = grad.gather(dim, index)
    """

    node_name = "ScatterAddBackward0"
    reads_a_source = True  # refuses a source sharing its memory (assert_no_overlap)
    saved_tensor_names = ("index",)
    saved_options = {"dim": given_dim("dim")}
    non_inputs = (2,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Any, src: Tensor) -> Any:
        index, kept = kept_index(index)
        ctx.dim, ctx.index = dim, index
        # the caller's index, as PyTorch saves it: only for src's gradient (None otherwise)
        ctx.save_for_backward(kept if ctx.needs_input_grad[3] else None)
        out = x._data.copy()
        if index.size:
            out = reduced_at(x._xp, "add", nonempty(out), _scatter_key(x, dim, index),
                             _src_part(src._data, index)).reshape(out.shape)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        grad_src = _gather(grad, ctx.dim, ctx.index) if ctx.needs_input_grad[3] else None
        return grad if ctx.needs_input_grad[0] else None, None, None, grad_src


def scattered_back(grad: Tensor, shape: tuple[int, ...], dim: int, index: Any,
                   add: bool = False, writes: int = 2) -> Tensor:
    """The gradient of an operation that picked values along ``dim`` at ``index`` (an array
    of grad's shape): grad_x = zeros(shape).scatter(dim, index, grad), or scatter_add where
    positions may repeat (gather, cummax). Recorded as PyTorch records it (ScatterBackward0,
    ScatterAddBackward0), so a second derivative reads grad back with gather. PyTorch writes
    it in place: ``writes`` is 2 (``zeros`` and the scatter), 1 for gather (``new_zeros``)."""
    zeros = grad.new_zeros(shape)
    scattered = (ScatterAdd if add else Scatter).apply(zeros, dim, Tensor._make(index), grad)
    return written_in_place(scattered, writes)


def scattered_back_to_0_dim(grad: Tensor, add: bool = False) -> Tensor:
    """`scattered_back` for a 0-dim x (PyTorch: ``zeros(()).scatter(0, index, grad)``, index
    the 0-dim 0)."""
    return scattered_back(grad, (), 0, grad._xp.zeros((), "int64"), add=add)


def _gather(grad: Tensor, dim: int, index: Any) -> Tensor:
    return gather(grad, dim, Tensor._make(index))


def _along(x: Tensor, dim: int, index: Any) -> tuple[Any, ...]:
    """The key ``(:, …, :, index)`` that picks slices ``index`` along ``dim``."""
    return (slice(None),) * _wrap_dim(dim, max(x._data.ndim, 1)) + (index,)


class IndexAddAlong(Function):
    """out = x with out[..., index[k], ...] += alpha · source[..., k, ...]   (along dim)

    grad_x = grad;   grad_source = alpha · grad.index_select(dim, index)
    (PyTorch: index_select, then expand_as(source), then a product with the number alpha
    unless it is 1: ExpandBackward0, MulBackward1 under create_graph)
    """

    node_name = "IndexAddBackward0"
    reads_a_source = True  # refuses a source sharing its memory (assert_no_overlap)
    saved_tensor_names = ("source", "index")
    saved_options = {"alpha": None, "dim": given_dim("dim"), "source_dim": None}
    non_inputs = (2,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Any, source: Tensor, alpha: Any) -> Any:
        index, kept = kept_index(index)
        ctx.dim, ctx.index, ctx.alpha = dim, index, alpha
        # the source is kept as PyTorch keeps it (changing it in place breaks backward), and
        # both only for the source's gradient
        needed = ctx.needs_input_grad[3]
        ctx.save_for_backward(source if needed else None, kept if needed else None)
        ctx.source_dim = source._data.ndim
        out = x._data.copy()
        values = source._data if alpha == 1 else source._data * alpha
        if out.ndim == 0:  # (one index, 0: the one value)
            return out + values.astype(out.dtype)
        if not out.size:  # (nothing to add to: PyTorch reads no index)
            return out
        return reduced_at(x._xp, "add", out, _along(x, dim, index.reshape(-1)),
                          values.astype(out.dtype))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        grad_source = None
        if ctx.needs_input_grad[3]:
            source, _ = ctx.saved_tensors  # (checked against in-place changes)
            grad_source = index_select(grad, ctx.dim, Tensor._make(ctx.index))
            if ctx.source_dim:
                grad_source = grad_source.expand_as(source)
            if ctx.alpha != 1:
                grad_source = times_number(grad_source, ctx.alpha)
        return grad if ctx.needs_input_grad[0] else None, None, None, grad_source, None


class IndexFill(Function):
    """out = x with the slices ``index`` along ``dim`` set to value (a number)

    grad_x = grad.index_fill(dim, index, 0)
    """

    node_name = "IndexFillBackward0"
    saved_tensor_names = ("index",)
    saved_options = {"dim": given_dim("dim")}
    non_inputs = (2,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, index: Any, value: Any) -> Any:
        index, kept = kept_index(index)
        ctx.dim, ctx.index = dim, index
        ctx.save_for_backward(kept)  # (the caller's index, as PyTorch saves it)
        out = preserved_copy(x._xp, x._data)  # (PyTorch: x.clone(), in x's layout)
        fill = value._data if isinstance(value, Tensor) else value
        if out.ndim == 0:  # (a 0-dim x: its one value is index 0, filled if indexed)
            out[()] = fill if index.size else out
            return out
        if out.size:  # (no elements: the indices are not looked at, as in PyTorch)
            out[_along(x, dim, index.reshape(-1))] = fill
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        return IndexFill.apply(grad, ctx.dim, ctx.index, 0.0), None, None, None


class IndexFillTensor(IndexFill):
    """out = x with the slices ``index`` along ``dim`` set to value (a 0-dim tensor)

    grad_x = grad.index_fill(dim, index, 0)
    grad_value = Σ grad over the filled slices (each slice once, however often it is indexed:
                 PyTorch selects at the index's unique values)
    """

    node_name = "IndexFillBackward1"

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        grad_x = IndexFill.apply(grad, ctx.dim, ctx.index, 0.0) \
            if ctx.needs_input_grad[0] else None
        grad_value = None
        if ctx.needs_input_grad[3]:
            filled = grad._xp.unique(ctx.index.reshape(-1))
            grad_value = index_select(grad, ctx.dim, Tensor._make(filled)).sum()
        return grad_x, None, None, grad_value


# ---- argument checks (PyTorch's messages) and routing -----------------------------------

def _index_array(x: Tensor, index: Any, who: str) -> Any:
    if who == "index_fill_" and not (isinstance(index, Tensor) and index.dtype.name == "int64"):
        raise IndexError("index_fill_(): Expected dtype int64 for index.")  # (refuses int32)
    empty = who == "scatter" and isinstance(index, Tensor) and not index._data.size
    if not empty and (not isinstance(index, Tensor) or index.dtype.name not in ("int64",
                                                                                 "int32")):
        word = dtypes.scalar_type_word(index.dtype.name) if isinstance(index, Tensor) else "?"
        if who == "scatter":
            raise RuntimeError(f"{who}(): Expected dtype int32/int64 for index")
        raise RuntimeError(f"{who}(): Expected dtype int32/int64 for index but got: {word}")
    if on_other_devices(x, index):  # indices are never a scalar to copy over
        raise two_devices_error(x, index)
    return index._data.astype("int64", copy=False)


def _check_scatter(x: Tensor, dim: int, index: Any, src: Any, who: str) -> int:
    """PyTorch's scatter checks; a 0-dim self, index or src counts as one of shape (1,)."""
    ndim = max(x._data.ndim, 1)
    axis = _wrap_dim(dim, ndim)
    if isinstance(src, Tensor) and src.dtype != x.dtype:
        # (PyTorch's shared scatter check names scatter() for every variant)
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    if not index.size:
        return axis
    if max(index.ndim, 1) != ndim:  # (self's dimensions checked before src's)
        raise RuntimeError("Index tensor must have the same number of dimensions as self "
                           "tensor")
    shape, size = x._data.shape, index.shape
    size_1d, shape_1d = nonempty(index).shape, nonempty(x._data).shape
    too_big = any(size_1d[d] > shape_1d[d] for d in range(ndim) if d != axis)
    if isinstance(src, Tensor):
        too_big = too_big or _bigger_than_src(size_1d, src._data.shape)
        if max(src._data.ndim, 1) != ndim:
            raise RuntimeError("Index tensor must have the same number of dimensions as src "
                               "tensor")
    if too_big:
        text = f"Expected index {list(size)} to be no larger than self {list(shape)} apart " \
               f"from dimension {axis}"
        if isinstance(src, Tensor):
            text += f" and to be no larger size than src {list(src._data.shape)}"
        raise RuntimeError(text)
    _check_range(index, shape_1d[axis], axis)
    return axis


def _bigger_than_src(size_1d: tuple[int, ...], src_shape: tuple[int, ...]) -> bool:
    """Whether index.size(d) > src.size(d) for a d among self's dimensions, read as PyTorch
    reads them, before it compares the numbers of dimensions: a 0-dim src has size 1, and
    a src with fewer dimensions raises size()'s IndexError."""
    for d, n in enumerate(size_1d):
        if n > (src_shape[_wrap_dim(d, len(src_shape))] if src_shape else 1):
            return True
    return False


def _check_range(index: Any, size: int, axis: int, error: type[Exception] = RuntimeError,
                 from_end: bool = False) -> None:
    """Each index in 0 … size-1 (index_fill's may also count from the end)."""
    bad = first_outside(index, size, from_end=from_end)
    if bad is not None:
        raise error(f"index {bad} is out of bounds for dimension {axis} with size {size}")


def scatter_rule(x: Tensor, dim: int, index: Tensor, src: Any = None, *, value: Any = None,
                 reduce: Any = None, inplace: bool = False) -> tuple[Any, ...]:
    """The rule and its arguments for ``x.scatter(dim, index, src)`` (or ``value=``;
    ``inplace``: for ``x.scatter_``)."""
    src = value if src is None else src
    data = _index_array(x, index, "scatter")
    if reduce is not None:  # the older form of scatter_reduce, with no derivative
        from .scatter_reduce import ScatterLegacyReduce, ScatterLegacyReduceInPlace

        if reduce not in ("add", "multiply"):
            raise RuntimeError("reduce argument must be either add or multiply.")
        _check_scatter(x, dim, data, src, "scatter")
        if not isinstance(src, Tensor):
            src = Tensor._make(x._xp.full(data.shape, src, dtype=x._data.dtype))
        check_same_device(x, src)
        rule = ScatterLegacyReduceInPlace if inplace else ScatterLegacyReduce
        return rule, dim, data, src, {"add": "sum", "multiply": "prod"}[reduce], True
    _check_scatter(x, dim, data, src, "scatter")
    if isinstance(src, Tensor):
        check_same_device(x, src)
        return Scatter, dim, index, src
    return ScatterValue, dim, index, number_for(src, x._data.dtype)


def scatter(x: Tensor, dim: int, index: Tensor, src: Any = None, *, value: Any = None,
            reduce: Any = None) -> Tensor:
    rule, *args = scatter_rule(x, dim, index, src, value=value, reduce=reduce)
    if reduce is not None and isinstance(src, Tensor):
        from ..scalar_warning import warn_once_with  # (PyTorch's TORCH_WARN_ONCE)

        warn_once_with(
            "The reduce argument of torch.scatter with Tensor src is deprecated and will be "
            "removed in a future PyTorch release. Use torch.scatter_reduce instead for more "
            "reduction options.", stacklevel=2,
            source="aten/src/ATen/native/TensorAdvancedIndexing.cpp:225")
    return rule.apply(x, *args)


def scatter_add_rule(x: Tensor, dim: int, index: Tensor, src: Tensor) -> tuple[Any, ...]:
    data = _index_array(x, index, "scatter")
    _check_scatter(x, dim, data, src, "scatter_add")
    return ScatterAdd, dim, index, src


def scatter_add(x: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    rule, *args = scatter_add_rule(x, dim, index, src)
    return rule.apply(x, *args)


def index_add_rule(x: Tensor, dim: int, index: Tensor, source: Tensor,
                   alpha: Any = 1) -> tuple[Any, ...]:
    word = dtypes.scalar_type_word  # (PyTorch's shared index_* checks, in its order)
    axis = _wrap_dim(dim, max(x._data.ndim, 1))
    if isinstance(index, Tensor) and index._data.ndim > 1:
        raise IndexError(f"index_add_(): Index is supposed to be a vector, but got dim: "
                         f"{index._data.ndim} with type: {word(index.dtype.name)} and size: "
                         f"{list(index.shape)}")
    data = _index_array(x, index, "index_add_")
    if isinstance(source, Tensor) and source.dtype != x.dtype:
        raise RuntimeError(f"index_add_(): self ({word(x.dtype.name)}) and source "
                           f"({word(source.dtype.name)}) must have the same scalar type")
    if axis and axis >= source._data.ndim:
        raise RuntimeError(f"index_add_(): Indexing dim {axis} is out of bounds of the source "
                           f"tensor with dim {source._data.ndim}")
    wanted = source._data.shape[axis] if source._data.ndim else 1
    if data.size != wanted and not source._data.ndim:  # (PyTorch's message reads
        raise IndexError(f"Dimension specified as {axis} but tensor has no dimensions")  # its size)
    if data.size != wanted:
        raise RuntimeError(f"index_add_(): Number of indices ({data.size}) should be equal to "
                           f"source.size(dim): ({wanted}), for dim: {axis}")
    shape, given = x._data.shape, source._data.shape
    if len(given) != len(shape) or any(a != b for d, (a, b) in enumerate(zip(shape, given))
                                       if d != axis):
        raise RuntimeError("source tensor shape must match self tensor shape, excluding the "
                           f"specified dimension. Got self.shape = {list(shape)} source.shape "
                           f"= {list(given)}")
    _check_index_add_range(x._data, axis, data, getattr(index, "dtype", None), alpha)
    check_same_device(x, source)
    return IndexAddAlong, dim, index, source, number_for(alpha, x._data.dtype)


def _check_index_add_range(x: Any, axis: int, data: Any, dtype: Any, alpha: Any) -> None:
    """PyTorch's index_add_ checks its indices in one of two places: a 2-D or larger x taken
    along its first or last dimension, with an int64 index and alpha 1, goes to scatter_add_
    (scatter's message); otherwise its own loop says "index out of range in self". A 2-D or
    larger x without elements is not checked."""
    if x.ndim > 1 and not x.size:
        return
    if x.ndim > 1 and axis in (0, x.ndim - 1) and getattr(dtype, "name", "") == "int64" and (
            not isinstance(alpha, bool) and alpha == 1):
        _check_range(data, x.shape[axis], axis)
    elif data.size and (int(data.min()) < 0 or int(data.max()) >= (
            x.shape[axis] if x.ndim > 1 else x.size)):
        raise IndexError("index out of range in self")


def index_add(x: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
    rule, *args = index_add_rule(x, dim, index, source, alpha)
    return rule.apply(x, *args)


def index_fill_rule(x: Tensor, dim: int, index: Tensor, value: Any) -> tuple[Any, ...]:
    if isinstance(value, Tensor) and value._data.ndim:  # (PyTorch's first check)
        raise RuntimeError("index_fill_ only supports a 0-dimensional value tensor, but got "
                           f"tensor with {value._data.ndim} dimension(s).")
    data = _index_array(x, index, "index_fill_")
    axis = _wrap_dim(dim, max(x._data.ndim, 1))
    size = x._data.shape[axis] if x._data.ndim else 1
    if data.ndim > 1:
        raise RuntimeError("Index has to be a vector/scalar")
    if not nothing_to_check(x, axis, data.size):  # (x without elements: empty_target.py)
        _check_range(data, size, axis, IndexError, from_end=True)
    if isinstance(value, Tensor):
        return IndexFillTensor, dim, index, value
    return IndexFill, dim, index, number_for(value, x._data.dtype)


def index_fill(x: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    rule, *args = index_fill_rule(x, dim, index, value)
    return rule.apply(x, *args)
