"""Picking values by index: gather, index_select, sort, topk, and masked_fill.

Each picked value came from one position of the input, so the gradient is scattered back to
those positions (positions picked twice collect both gradients) — the same rule as ``x[key]``
(indexing.py), with the key built from the index tensor.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..node_saved_values import constant, given_dim, input_sizes
from ..tensor import Tensor, _wrap_dim
from .broadcast import sum_to
from .cpp_selection import topk_positions
from .indexing import Index, IndexAdd
from .operands import (
    check_argument_devices,
    data_beside,
    kept_index,
    number_for,
    on_other_devices,
    saved_indices_output,
)
from .preserved_layout import laid_out_like, row_major
from .written_in_place import written_in_place


def along_axis_key(indices: Any, axis: int, xp: Any) -> tuple[Any, ...]:
    """An advanced-indexing key that reads ``x[i₀, …, indices[i₀, …], …]`` (``axis`` replaced)."""
    ndim = indices.ndim
    key = []
    for d in range(ndim):
        if d == axis:
            key.append(indices)
        else:
            shape = [1] * ndim
            shape[d] = indices.shape[d]
            key.append(xp.arange(indices.shape[d]).reshape(shape))
    return tuple(key)


def index_data(x: Tensor, index: Tensor, who: str, expected: str) -> Any:
    """The index tensor's array, after PyTorch's dtype and device checks."""
    if not isinstance(index, Tensor) and who == "index_select":
        raise TypeError(f"index_select(): argument 'index' (position 2) must be Tensor, not "
                        f"{type(index).__name__}")
    if not isinstance(index, Tensor) or index.dtype.name not in ("int64", "int32"):
        raise RuntimeError(f"{who}(): Expected dtype {expected} for index")
    method = {"gather": "gather", "index_select": "_index_select"}[who]
    check_argument_devices(method, self=x, index=index)
    return index._data


class Gather(Index):
    """out[i][j] = x[i][index[i][j]]   (for dim = 1)

    ∂out/∂x puts each gradient back at the position it was read from: grad_x = zeros;
    grad_x[i][index[i][j]] += grad[i][j]   (a scatter_add)
    """

    node_name = "GatherBackward0"
    saved_tensor_names = ("self", "index")
    non_inputs = (3,)  # the index: shown (``_saved_index``), no edge
    saved_options = {"dim": given_dim("dim"), "sparse_grad": constant(False)}

    @staticmethod
    def forward(ctx: Any, x: Tensor, key: Any, dim: int = 0, index: Any = None) -> Any:
        # PyTorch keeps x and the index themselves (its gather_backward reads them), so
        # changing either in place after the gather makes backward fail, here as there
        ctx.save_for_backward(x, index)
        ctx.dim = dim
        out = Index.read(ctx, x, key)
        if x._data.ndim == 0:  # (a 0-dim x: its value, anew, at each place of the index)
            return x._xp.broadcast_to(out, index._data.shape).copy()
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        x, index = ctx.saved_tensors
        if index.ndim == 0:  # (a plain x[key] read)
            return IndexAdd.apply(grad, x.shape, ctx.key), None, None, None
        from .scatter import scattered_back

        axis = _wrap_dim(ctx.dim, max(x.ndim, 1))
        grad_x = scattered_back(grad, x.shape, axis, index._data, add=True, writes=1)
        return grad_x, None, None, None


class IndexSelect(Index):
    """out = x with only the slices ``index`` kept along ``dim`` (repeats allowed)

    grad_x = zeros; grad_x[..., index[k], ...] += grad[..., k, ...]   (an index_add)
    """

    node_name = "IndexSelectBackward0"
    non_inputs = (3,)  # the index: shown (``_saved_index``), no edge
    saved_tensor_names = ("index",)
    saved_options = {"dim": given_dim("dim"), "self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, key: Any, dim: int = 0, index: Any = None) -> Any:
        ctx.dim = dim
        out = Index.read(ctx, x, key)
        ctx.save_for_backward(index)
        # row-major strides, as PyTorch's; a 0-dim x's value anew (no view of x)
        return out.copy() if out.ndim != 1 else out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        """Recorded as PyTorch's index_select_backward: new zeros, then an index_add of grad
        along ``dim`` (IndexAddBackward0 under ``create_graph``)."""
        from .scatter import IndexAddAlong

        (index,) = ctx.saved_tensors
        zeros = grad.new_zeros(ctx.shape)
        grad_x = written_in_place(IndexAddAlong.apply(zeros, ctx.dim, index, grad, 1))
        return grad_x, None, None, None


def first_outside(data: Any, size: int, *, from_end: bool = False) -> int | None:
    """The first index (in reading order) outside ``0 … size-1``, or None. With ``from_end``
    negative indices count from the end, so ``-size … size-1`` are inside."""
    outside = (data < (-size if from_end else 0)) | (data >= size)
    if not bool(outside.any()):
        return None
    return int(data[outside].reshape(-1)[0])


def gather(x: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    """x's values at ``index`` along ``dim``. The kit has no sparse tensors: with
    ``sparse_grad=True`` x's gradient is the same values, dense (PyTorch's to_dense())."""
    axis = _wrap_dim(dim, max(x._data.ndim, 1))  # (PyTorch's first check)
    if isinstance(index, Tensor) and not index._data.size:  # (PyTorch checks nothing more)
        key = (x._xp.zeros(index._data.shape, dtype="int64"),) * x._data.ndim
        return Gather.apply(x, key or (Ellipsis,), dim, index)
    data = index_data(x, index, "gather", "int32/int64")
    if max(data.ndim, 1) != max(x._data.ndim, 1):  # (PyTorch counts 0-dim as 1-dim here)
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    if data.ndim == 0 or x._data.ndim == 0:  # one value (a 0-dim x holds one, at 0)
        size = x._data.shape[0] if x._data.ndim else 1
        bad = first_outside(data, size)
        if bad is not None:
            raise RuntimeError(f"index {bad} is out of bounds for dimension 0 with size {size}")
        return Gather.apply(x, (data,) if x._data.ndim else (Ellipsis,), dim, index)
    shape = x._data.shape
    for d in range(len(shape)):
        if d != axis and data.shape[d] > shape[d]:
            raise RuntimeError(f"Size does not match at dimension {d} expected index "
                               f"{list(data.shape)} to be no larger than self {list(shape)} "
                               f"apart from dimension {axis}")
    bad = first_outside(data, x._data.shape[axis])
    if bad is not None:
        raise RuntimeError(
            f"index {bad} is out of bounds for dimension {axis} with size {x._data.shape[axis]}"
        )
    return Gather.apply(x, along_axis_key(data, axis, x._xp), dim, index)


def index_select(x: Tensor, dim: int, index: Tensor) -> Tensor:
    if not isinstance(index, Tensor):  # (the argument's type, then dim, then the rest)
        index_data(x, index, "index_select", "")
    axis = _wrap_dim(dim, max(x._data.ndim, 1))
    if index._data.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    data = index_data(x, index, "index_select", "int32 or int64")
    if x._data.ndim == 0 and data.size != 1:
        raise RuntimeError(f"index_select(): Index to scalar can have only 1 value, got "
                           f"{data.size} value(s)")
    bad = first_outside(data, x._data.shape[axis] if x._data.ndim else 1)
    if bad is not None and x._data.ndim > 1 and not x._data.shape[axis]:
        raise RuntimeError("index_select(): self indexing axis dim should be positive")
    if bad is not None and (axis == 1 or x._data.ndim > 1 and not x._data.size):
        # (PyTorch's kernel for dim 1, and its check of an x without elements, say it so)
        raise RuntimeError(
            f"INDICES element is out of DATA bounds, id={bad} axis_dim={x._data.shape[axis]}"
        )
    if bad is not None:
        raise IndexError("index out of range in self")
    if x._data.ndim == 0:
        return IndexSelect.apply(x, (Ellipsis,), dim, index)
    return IndexSelect.apply(x, (slice(None),) * axis + (data.reshape(-1),), dim, index)


def argsort_array(data: Any, axis: int, descending: bool) -> Any:
    """Stable sorting order along ``axis`` (ties keep their original order). NaN counts as
    the largest value, as in PyTorch: last going up, first going down."""
    if not descending:
        return data.argsort(axis=axis, kind="stable")
    keys = data.astype("int64") if data.dtype.kind in "bu" else data
    order = (-keys).argsort(axis=axis, kind="stable")  # NaN comes last here
    if data.dtype.kind != "f":
        return order
    from ..backend import module_of

    xp = module_of(data)
    nan_last = xp.isnan(xp.take_along_axis(keys, order, axis))
    if not bool(nan_last.any()):
        return order
    nan_first = (~nan_last).argsort(axis=axis, kind="stable")  # False (NaN) before True
    return xp.take_along_axis(order, nan_first, axis)


class Sort(Function):
    """values, indices = x sorted along ``dim``

    Each sorted value is one input value: grad_x = zeros; grad_x[indices] = grad (scattered)
    """

    node_name = "SortBackward0"
    keeps_layout = True  # the results in x's layout (topk's are row-major)
    saved_tensor_names = ("indices",)
    saved_options = {"dim": given_dim("dim"), "self_sym_sizes": input_sizes()}

    @staticmethod
    def order(data: Any, axis: int, descending: bool, k: int | None, sorted_: bool) -> Any:
        """The positions picked along ``axis``: a stable sort (PyTorch's sort is stable)."""
        return argsort_array(data, axis, descending)

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, dim: int, descending: bool, k: int | None = None,
                sorted_: bool = True) -> Any:
        xp, data = x._xp, x._data
        ctx.shape, ctx.dim = data.shape, dim
        if data.ndim == 0:
            _wrap_dim(dim, 0)  # (a dim other than -1 or 0 is out of range here too)
            if k is not None and not 0 <= k <= 1:
                raise RuntimeError("selected index k out of range")
            order = xp.zeros((), dtype="int64")
            ctx.key = (Ellipsis,)
            values = data.copy()
        else:
            axis = _wrap_dim(dim, data.ndim)
            if k is not None and not 0 <= k <= data.shape[axis]:
                raise RuntimeError("selected index k out of range")
            order = cls.order(data, axis, descending, k, sorted_).astype("int64", copy=False)
            if k is not None:
                order = order[(slice(None),) * axis + (slice(0, k),)]
            ctx.key = along_axis_key(order, axis, xp)
            values = data[ctx.key]
            if cls.keeps_layout:  # (PyTorch's sort fills empty_like(x): x's layout)
                values, order = (laid_out_like(xp, a, data) for a in (values, order))
            else:  # (topk's are new row-major tensors; the indices were a slice of all)
                values, order = row_major(xp, values), row_major(xp, order)
        indices = Tensor._make(order)
        saved_indices_output(ctx, indices)
        ctx.mark_non_differentiable(indices)
        return values, indices

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _unused: Any = None) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        from .scatter import scattered_back, scattered_back_to_0_dim

        if len(ctx.shape) == 0:  # (PyTorch: zeros(()).scatter(0, index, grad))
            return scattered_back_to_0_dim(grad), None, None, None, None

        axis = _wrap_dim(ctx.dim, len(ctx.shape))
        return scattered_back(grad, ctx.shape, axis, ctx.key[axis]), None, None, None, None


class StableSort(Sort):
    """``sort(x, stable=...)``: PyTorch's sort.stable overload, the same rule under its own
    name (chosen whenever ``stable`` is given, False included)."""

    node_name = "SortBackward1"


class Topk(Sort):
    """values, indices = the k largest (or smallest) values along ``dim``

    grad_x = zeros; grad_x[indices] = grad   (the other values did not reach the output)
    """

    node_name = "TopkBackward0"
    keeps_layout = False

    @staticmethod
    def order(data: Any, axis: int, descending: bool, k: int | None, sorted_: bool) -> Any:
        """A stable sort where it gives PyTorch's answer (rows of distinct values, sorted);
        other rows replay PyTorch's selection (cpp_selection.py): ties, ``sorted=False``."""
        order = argsort_array(data, axis, descending)
        xp = Tensor._make(data)._xp
        ordered = xp.take_along_axis(data, order, axis)
        tied = ordered[(slice(None),) * axis + (slice(1, None),)] \
            == ordered[(slice(None),) * axis + (slice(None, -1),)]
        if data.dtype.kind in "fc":
            tied = tied | xp.isnan(ordered[(slice(None),) * axis + (slice(1, None),)])
        replay = tied.any(axis=axis) if sorted_ else xp.ones(tied.any(axis=axis).shape, bool)
        if not bool(replay.any()) or data.shape[axis] == 0:
            return order
        moved_data, moved_order = xp.moveaxis(data, axis, -1), xp.moveaxis(order, axis, -1).copy()
        for row in numpy.ndindex(replay.shape):
            if not bool(replay[row]):
                continue
            picked = topk_positions(moved_data[row].tolist(), k, descending, sorted_)
            moved_order[row + (slice(0, k),)] = xp.asarray(picked, dtype=moved_order.dtype)
        return xp.moveaxis(moved_order, -1, axis)


class MaskedFill(Function):
    """out = value where mask else x   (value a number)

    ∂out/∂x = 1 where the mask is False, 0 where it is True
    →  grad_x = grad.masked_fill(mask, 0)   (as PyTorch: a MaskedFillBackward0 node again),
    summed back to x's shape where a larger mask broadcast x (PyTorch's engine sums it so)
    """

    node_name = "MaskedFillBackward0"
    saved_tensor_names = ("mask",)
    non_inputs = (1,)  # the mask: saved (``_saved_mask``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, mask: Any, value: Any) -> Any:
        mask, kept = kept_index(mask)
        ctx.mask, ctx.x_shape = mask, x._data.shape
        ctx.save_for_backward(kept)  # (the caller's mask, as PyTorch saves it)
        data = x._data
        fill = x._xp.asarray(number_for(value, data.dtype), dtype=data.dtype) \
            if not isinstance(value, Tensor) \
            else data_beside(value, x).astype(data.dtype)  # a CPU scalar value is allowed
        return row_major(x._xp, x._xp.where(mask, fill, data))  # (PyTorch fills a
        # row-major clone)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        return sum_to(MaskedFill.apply(grad, ctx.mask, 0), ctx.x_shape), None, None


class MaskedFillTensor(MaskedFill):
    """out = value where mask else x   (value a 0-dim tensor)

    grad_x = grad.masked_fill(mask, 0),   grad_value = grad.masked_select(mask).sum()
    """

    node_name = "MaskedFillBackward1"

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, Any]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        grad_x = sum_to(MaskedFill.apply(grad, ctx.mask, 0), ctx.x_shape) \
            if ctx.needs_input_grad[0] else None
        grad_value = grad.masked_select(Tensor._make(ctx.mask)).sum() \
            if ctx.needs_input_grad[2] else None
        return grad_x, None, grad_value


def check_masked_fill(x: Tensor, mask: Any, value: Any) -> None:
    """PyTorch's errors for masked_fill's mask (boolean, same device) and value (0-dim)."""
    if not isinstance(mask, Tensor) or mask.dtype.name != "bool":
        word = dtypes.C_TYPES[mask.dtype.name] if isinstance(mask, Tensor) else "unknown"
        raise RuntimeError(
            f"masked_fill_ only supports boolean masks, but got mask with dtype {word}"
        )
    if on_other_devices(x, mask):
        raise RuntimeError("expected self and mask to be on the same device, but got mask on "
                           f"{mask.device} and self on {x.device}")
    if isinstance(value, Tensor) and value._data.ndim != 0:
        raise RuntimeError(
            "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
            f"{value._data.ndim} dimension(s)."
        )
    number_for(value.item() if isinstance(value, Tensor) else value, x._data.dtype)


def masked_fill(x: Tensor, mask: Tensor, value: Any) -> Tensor:
    check_masked_fill(x, mask, value)
    if mask._data.shape != x._data.shape:
        from .operands import check_broadcast

        check_broadcast(mask._data.shape, x._data.shape)  # PyTorch names the mask "a"
        # (a larger mask: the result takes its shape, and x's gradient is summed back)
    if isinstance(value, Tensor):
        return MaskedFillTensor.apply(x, mask, value)
    return MaskedFill.apply(x, mask, value)
