"""More reading and writing at given positions: ``x[key] = value`` (`assign`), index_put
(accumulate=), masked_select, masked_scatter and take_along_dim (scatter_reduce has its own
module, ops/scatter_reduce.py).

As in scatter.py, what was written came from known positions, so its gradient is read back
there; what was overwritten gets none.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes, grad_mode
from ..function import Function
from ..node_saved_values import constant
from ..tensor import Tensor
from ..transform_captures import refuse_batched_read
from ..visiting_order import copied_in_order
from .broadcast import sum_to
from .index_messages import _index_message, in_range_when_empty
from .indexing import (
    CopySlices,
    CopyWhole,
    FillWhole,
    IndexPut,
    _allowed_on_0dim,
    _is_whole,
    _read,
    _split,
    _view,
    _views,
    _zero_dim_error,
    keyed,
    normalize_key,
    put_indices,
    save_index_arrays,
    warn_byte_masks,
)
from .operands import check_same_device, kept_index
from .preserved_layout import preserved_copy
from .repeated_positions import reduced_at
from .selection import gather
from .written_in_place import written_in_place


def _word(t: Tensor) -> str:
    return dtypes.scalar_type_word(t.dtype.name)


class IndexPutAccumulate(Function):
    """out = x with out[indices] += values   (repeated positions add up)

    grad_x = grad;   grad_values = grad[indices] (summed to values' shape)
    """

    node_name = "IndexPutBackward0"
    saved_tensor_names: tuple[str | None, ...] = ()  # (the index arrays: ``indices``)
    saved_options = {"accumulate": constant(True), "indices": put_indices}

    @staticmethod
    def forward(ctx: Any, x: Tensor, values: Tensor, key: tuple[Any, Any]) -> Any:
        save_index_arrays(ctx, key[1], getattr(key, "given", ()))
        ctx.key, ctx.value_shape = key, values._data.shape
        out = preserved_copy(x._xp, x._data)  # (PyTorch: x.clone(), in x's layout)
        target = out[key[1]]
        try:
            update = x._xp.broadcast_to(values._data, target.shape)
        except ValueError:
            raise RuntimeError(
                f"shape mismatch: value tensor of shape {list(values._data.shape)} cannot be "
                f"broadcast to indexing result of shape {list(target.shape)}") from None
        return reduced_at(x._xp, "add", out, key[1], update)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        warn_byte_masks(ctx, ctx.needs_input_grad[1])  # (values' gradient indexes grad)
        grad_values = sum_to(_read(grad, *ctx.key), ctx.value_shape) \
            if ctx.needs_input_grad[1] else None
        return grad, grad_values, None


def index_put_rule(x: Tensor, indices: Any, values: Tensor, accumulate: bool = False,
                   name: str = "index_put", position: int = 3) -> tuple[Any, ...]:
    """The rule and arguments of ``x.index_put(indices, values, accumulate)`` (``name``: the
    method, ``index_put_`` for the in-place one, as PyTorch's errors say; ``position``:
    values' place, x counted for a function, not for a method)."""
    from ..tensor import typename
    from .joining import tensor_list

    tensor_list(name, indices, "indices")
    if len(indices) > x._data.ndim:  # (PyTorch counts them first, before the dtypes)
        raise IndexError(f"too many indices for tensor of dimension {x._data.ndim} "
                         f"(got {len(indices)})")
    if not isinstance(values, Tensor):
        raise TypeError(f"{name}(): argument 'values' (position {position}) must be Tensor, not "
                        f"{typename(values)}")
    check_same_device(x, values)
    mask = _filling_mask(tuple(indices), not accumulate and values._data.size == 1)
    key = normalize_key(x, tuple(indices), warn_bytes=mask is None)
    advanced = tuple(key) + (Ellipsis,) if key else (Ellipsis,)
    fitted = in_range_when_empty(x._data, advanced)  # (nothing to write: no index checked)
    advanced = advanced if fitted is None else fitted
    try:  # (PyTorch checks the shapes, then the dtypes, then the range of the indices)
        indexed, outside = x._data[advanced].shape, None
    except IndexError as error:
        outside = IndexError(_index_message(str(error), x))
        indexed = _indexed_shape(x._data, advanced)
        if indexed is None:
            raise outside from None
    # one mask and one value run as masked_fill_ (which refuses a uint8 mask), the value read
    masked_fill = not accumulate and values._data.size == 1 and _one_mask(key)  # as a number:
    _check_byte_mask_fill(mask if masked_fill else None)  # any shape and dtype will do
    if not masked_fill:
        # PyTorch expands values to the result as they are (no leading 1s dropped, unlike
        check_value_shape(values._data.shape, indexed)  # x[key] = values)
    if values.dtype != x.dtype and not masked_fill:
        raise RuntimeError("Index put requires the source and destination dtypes match, got "
                           f"{_word(x)} for the destination and {_word(values)} for the source.")
    if outside is not None:
        raise outside
    if name == "index_put_" and not masked_fill:
        from ..memory_overlap import check_no_partial_overlap

        check_no_partial_overlap(x, (values,), full=True)  # (assert_no_overlap)
    rule = IndexPutAccumulate if accumulate else IndexPut
    return rule, values, keyed((Ellipsis,), advanced, tuple(indices))  # (kept, as PyTorch)


def index_put(x: Tensor, indices: Any, values: Tensor, accumulate: bool = False) -> Tensor:
    rule, *args = index_put_rule(x, indices, values, accumulate)
    return rule.apply(x, *args)


class MaskedSelect(Function):
    """out = the values of x where mask is True, as a 1-D tensor (x and mask broadcast)

    grad_x = zeros with grad written back at the mask (summed to x's shape if broadcast)
    """

    node_name = "MaskedSelectBackward0"
    saved_tensor_names = ("self", "mask")
    non_inputs = (1,)  # the mask: saved (``_saved_mask``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, mask: Any) -> Any:
        xp = x._xp
        mask, kept = kept_index(mask)
        shape = xp.broadcast_shapes(x._data.shape, mask.shape)
        ctx.mask, ctx.shape = xp.broadcast_to(mask, shape), x._data.shape
        # as PyTorch: changing x or the caller's mask in place makes backward fail
        ctx.save_for_backward(x, kept)
        return xp.broadcast_to(x._data, shape)[ctx.mask]

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        ctx.saved_tensors  # noqa: B018  (the version check)
        mask = Tensor._make(ctx.mask)
        zeros = Tensor._make(grad._xp.zeros(ctx.mask.shape, dtype=grad._data.dtype))
        return sum_to(written_in_place(masked_scatter(zeros, mask, grad)), ctx.shape), None


def _broadcast_message(a: tuple[int, ...], b: tuple[int, ...]) -> str:
    for i in range(1, max(len(a), len(b)) + 1):
        m = a[-i] if i <= len(a) else 1
        n = b[-i] if i <= len(b) else 1
        if m != n and 1 not in (m, n):
            return (f"The size of tensor a ({m}) must match the size of tensor b ({n}) at "
                    f"non-singleton dimension {max(len(a), len(b)) - i}")
    return ""


def masked_select(x: Tensor, mask: Tensor) -> Tensor:
    from ..tensor_arguments import tensor_argument

    tensor_argument("masked_select", "mask", mask, 2)  # (x.masked_select(1): position 1)
    if mask.dtype.name != "bool":
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    refuse_batched_read(mask, "masked_select")  # (under vmap)
    message = _broadcast_message(mask._data.shape, x._data.shape)
    if message:
        raise RuntimeError(message)
    return MaskedSelect.apply(x, mask)


class MaskedScatter(Function):
    """out = x with the positions where mask is True filled, in order, from source's values

    grad_x = grad with zeros at the mask;  grad_source = grad[mask] in its first places, 0 after
    """

    node_name = "MaskedScatterBackward0"
    saved_tensor_names = ("mask",)
    saved_options = {"source_sym_sizes": "source_shape"}
    non_inputs = (1,)  # the mask: saved (``_saved_mask``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, mask: Any, source: Tensor, broadcast: bool = False) -> Any:
        """``broadcast`` (the out-of-place ``masked_scatter``): x and the mask broadcast
        together first, and x's gradient is summed back to its shape."""
        xp = x._xp
        mask, kept = kept_index(mask)
        ctx.save_for_backward(kept)  # (the caller's mask, as PyTorch saves it)
        shape = x._data.shape
        if broadcast:
            shape = tuple(numpy.broadcast_shapes(shape, mask.shape))
        ctx.mask, ctx.x_shape = xp.broadcast_to(mask, shape), x._data.shape
        ctx.count, ctx.source_shape = int(ctx.mask.sum()), source._data.shape
        if ctx.count > source._data.size:
            raise RuntimeError("Number of elements of source < number of ones in mask")
        out = xp.broadcast_to(x._data, shape).copy()
        out[ctx.mask] = source._data.reshape(-1)[:ctx.count]
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, Any]:
        (kept,) = ctx.saved_tensors  # (checked: freed, or changed in place; unpacked once)
        mask = Tensor._make(ctx.mask)
        grad_x = None
        if ctx.needs_input_grad[0]:
            grad_x = sum_to(grad.masked_fill(mask, 0.0), ctx.x_shape)
        grad_source = None
        if ctx.needs_input_grad[2]:
            grad_source = MaskedScatterBackward.apply(grad, kept, ctx.mask, ctx.source_shape)
        return grad_x, None, grad_source, None


class MaskedScatterBackward(Function):
    """out = grad[mask] in the first places of a tensor shaped like source, zeros after
    (masked_scatter's gradient for source: PyTorch's masked_scatter_backward)

    ∂out/∂grad writes gg back at the mask: grad_grad = zeros_like(grad).masked_scatter(mask, gg)
    """

    node_name = "MaskedScatterBackwardBackward0"
    saved_tensor_names = ("mask",)
    non_inputs = (1,)  # the caller's mask: saved (``_saved_mask``), no edge

    @staticmethod
    def forward(ctx: Any, grad: Tensor, kept: Tensor, mask: Any,
                source_shape: tuple[int, ...]) -> Any:
        ctx.save_for_backward(kept)
        ctx.mask = mask
        picked = grad._data[mask]
        out = grad._xp.zeros(int(numpy.prod(source_shape)), dtype=grad._data.dtype)
        out[:picked.size] = picked
        return out.reshape(source_shape)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Tensor, None, None, None]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        zeros = gg.new_zeros(ctx.mask.shape)
        return masked_scatter(zeros, Tensor._make(ctx.mask), gg), None, None, None


def masked_scatter(x: Tensor, mask: Tensor, source: Tensor) -> Tensor:
    """x (broadcast with the mask) with the mask's positions filled from source, in order."""
    message = _broadcast_message(mask._data.shape, x._data.shape)
    if message:
        raise RuntimeError(message)
    if source.dtype != x.dtype:
        raise RuntimeError("masked_scatter: expected self and source to have same dtypes but "
                           f"got{_word(x)} and {_word(source)}")
    if mask.dtype.name != "bool":
        raise RuntimeError("masked_scatter_ only supports boolean masks, but got mask with "
                           f"dtype {_word(mask)}")
    return MaskedScatter.apply(x, mask, source, True)


def check_masked_scatter_(x: Tensor, mask: Tensor) -> None:
    """``x.masked_scatter_(mask, source)`` (its arguments' types checked by
    signature_parser.py): after the leaf check, the mask is expanded to x's shape (in place,
    x does not broadcast), with its C++ expand's words."""
    if mask.ndim > x.ndim:
        word = dtypes.scalar_type_word(mask.dtype.name)
        raise RuntimeError(f"expand(CPU{word}Type{{{list(mask.shape)}}}, size={list(x.shape)}): "
                           f"the number of sizes provided ({x.ndim}) must be greater or equal "
                           f"to the number of dimensions in the tensor ({mask.ndim})")
    mask.expand(x.shape)


def take_along_dim(x: Tensor, indices: Tensor, dim: Any = None) -> Tensor:
    """x's values at ``indices`` along ``dim``: gather, after broadcasting the other
    dimensions, each index taken modulo the size (as PyTorch does: -1 is the last); with no
    dim, indices into the flattened x (gather's checks then)."""
    if dim is None:
        return gather(x.view(-1), 0, indices.view(-1))  # (PyTorch views: a transposed x fails)
    from ..tensor import _wrap_dim
    from .operands import check_broadcast

    if x.ndim != indices.ndim:  # (PyTorch's checks in this order)
        raise RuntimeError(
            "torch.take_along_dim(): input and indices should have the same number of "
            f"dimensions, but got {x.ndim} dimensions for input, and {indices.ndim} dimensions "
            "for indices")
    if indices.dtype.name != "int64":
        raise RuntimeError(f"torch.take_along_dim(): dtype of indices should be Long but got "
                           f"{_word(indices)}")
    axis = _wrap_dim(dim, max(x.ndim, 1))
    if x.ndim == 0:  # (then PyTorch asks x.size(0))
        raise IndexError(f"Dimension specified as {axis} but tensor has no dimensions")
    others_x, others_i = (tuple(1 if d == axis else n for d, n in enumerate(t.shape))
                          for t in (x, indices))
    check_broadcast(others_x, others_i)
    shape = x._xp.broadcast_shapes(others_x, others_i)
    wide_x, wide_i = list(shape), list(shape)
    wide_x[axis], wide_i[axis] = x.shape[axis], indices.shape[axis]
    indices = indices.remainder(x.shape[axis]) if indices.numel() else indices
    return gather(x.expand(tuple(wide_x)), axis, indices.expand(tuple(wide_i)))


def _indexed_shape(data: Any, advanced: tuple[Any, ...]) -> tuple[int, ...] | None:
    """The shape ``data[advanced]`` has, were its integer indices in range (None when the
    key does not fit data at all)."""
    inside = tuple(part * 0 if getattr(part, "dtype", None) is not None
                   and part.dtype.kind in "iu" else part for part in advanced)
    try:
        return data[inside].shape
    except IndexError:
        return None


def check_value_shape(given: tuple[int, ...], indexed: tuple[int, ...]) -> None:
    """index_put_'s first check: the value broadcasts to the indexing result's shape."""
    if len(given) > len(indexed) or any(
            g not in (1, n) for g, n in zip(given[::-1], indexed[::-1])):
        raise RuntimeError(f"shape mismatch: value tensor of shape {list(given)} cannot be "
                           f"broadcast to indexing result of shape {list(indexed)}")


def _one_mask(advanced: Any) -> bool:
    """The key is one boolean mask (``x[mask] = v``, which PyTorch runs as masked_fill_)."""
    arrays = [a for a in advanced or () if getattr(a, "ndim", 0)]
    return len(arrays) == 1 and arrays[0].dtype.kind == "b"


def assign(x: Tensor, key: Any, value: Any) -> None:
    """``x[key] = value``: an in-place change, recorded as PyTorch names it: CopySlices when
    the key picks a view, IndexPutBackward0 for arrays or masks on x itself, FillBackward3 or
    CopyBackwards when it covers all of x."""
    from ..inplace import _make_writable, apply_inplace, check_inplace_allowed
    from ..memory_overlap import check_no_partial_overlap, may_share_locations
    from ..views import NOT_MADE, stale_piece_written
    from .operands import as_operand, number_for

    if not isinstance(value, (Tensor, bool, int, float)) and not (
            hasattr(value, "__index__") and not hasattr(value, "shape") or
            type(value).__module__ == "numpy" and getattr(value, "ndim", 1) == 0 and
            value.dtype.kind in "iub"):  # (NumPy integers, as PyTorch takes them)
        from ..tensor import typename

        raise TypeError(f"can't assign a {typename(value)} to a {x.type()}")  # (first of all)
    if key is False:  # PyTorch returns at once: nothing is written, checked or counted
        return
    if key is True:  # (PyTorch's setitem writes x[True] as x[None]: into x.unsqueeze(0))
        key = None
    if x._data.ndim == 0 and not _allowed_on_0dim(key):
        raise _zero_dim_error(key)
    unmade = x._superseded is NOT_MADE and _names_all_of(x, key)  # (x itself is written,
    # its node not made yet: views.NOT_MADE; any other key makes a view of x, which reads it)
    leaf = (not stale_piece_written(x, key) and (unmade or x.grad_fn is None)  # (not read:
            and x._requires_grad and grad_mode.state.enabled)  # its write's own error later)
    if leaf:  # (a forward-AD dual is no leaf that requires grad in PyTorch)
        from ..autograd.forward_ad import dual_takes_history

        leaf = not dual_takes_history(x)
    try:
        mask = _filling_mask(key, not isinstance(value, Tensor) or value.ndim == 0)
        basic, advanced = _split(normalize_key(x, key, warn_bytes=mask is None))
    except IndexError as error:  # (PyTorch checks index tensors after the leaf)
        if not leaf or not str(error).startswith(_INDEX_TENSOR_ERRORS):
            raise
        check_leaf_write(x, _basic_part(key), (), value)
        raise
    if leaf and not (advanced is None and x._inference and not grad_mode.state.inference):
        check_leaf_write(x, basic, advanced, value)  # (x[basic] of an inference x: no leaf)
    _check_byte_mask_fill(mask)
    if value is x and advanced is None and _is_whole(x._data.shape, basic):
        x.copy_(x)  # (PyTorch's x[:] is x itself, and its copy_ into itself changes nothing:
        return  # an expanded x is not refused for overlapping itself)
    value = as_operand(value)
    fills = isinstance(value, Tensor) and value._data.size == 1 and _one_mask(advanced)
    if advanced is not None and isinstance(value, Tensor) and value.dtype != x.dtype and \
            not fills:  # (index_put_ wants x's dtype; x[mask] = v of one element is
        indexed = _indexed_shape(_view(x._data, basic), advanced)  # masked_fill_, which
        if indexed is not None:  # reads v as a number), once the value's shape fits
            check_value_shape(tuple(value.shape[_leading_ones(value.shape):]), indexed)
        raise RuntimeError(
            "Index put requires the source and destination dtypes match, got "
            f"{_word(x)} for the destination and {_word(value)} for the source.")
    if not isinstance(value, Tensor):  # a number, converted as PyTorch converts it
        if type(value) is int and not -(1 << 63) <= value < 1 << 63:
            raise ValueError("Overflow when unpacking long long")
        value = number_for(value, x._data.dtype, "unchecked")
    rule: type[CopySlices] = CopySlices
    if advanced is None and may_share_locations(x._data):  # (an expanded or unfolded x:
        x, basic = _views(x, basic)[0], (Ellipsis,)  # write the view x[key] as PyTorch,
    if _is_whole(x._data.shape, basic):  # which alone has its elements in separate places)
        if advanced is not None:
            rule = IndexPut
        elif isinstance(value, Tensor) and value._data.ndim > 0 or x._data.ndim == 0:
            rule = CopyWhole  # (PyTorch's copy_to: copy_ when the sizes agree, else fill_)
        else:
            rule = FillWhole
    region = _view(x._data, basic)
    reads_memory = not (fills or isinstance(value, Tensor) and value._data.ndim == 0 and (
        advanced is None and region.ndim))  # (PyTorch fills with a 0-dim value, read as a
    # number first; x[mask] = v of one element is its masked_fill_)
    copy_to_integers = isinstance(value, Tensor) and not x.dtype.is_floating_point and (
        advanced is None and (value._data.ndim or not region.ndim))  # (PyTorch's copy_
    if isinstance(value, Tensor) and value._data.ndim:  # into an integer tensor records
        value = _shaped_value(value, region.shape, advanced is None)  # nothing)
    if copy_to_integers:  # (the value's shape was checked first, as in PyTorch)
        if reads_memory:
            check_no_partial_overlap(x, (value,), region=region)
            value = _read_in_visiting_order(region, value, advanced)
        with grad_mode.no_grad():
            apply_inplace(x, rule, value, (basic, advanced))
        return
    if rule is CopySlices and advanced is None and (x._multi_view or x._no_grad_view):
        _check_view_of_view(x, basic, value)
    if reads_memory:  # (PyTorch's order: the value's expand, autograd's checks, the kernel's)
        if not x._inference:
            check_inplace_allowed(x, (value,))
        check_no_partial_overlap(x, (value,), region=region, full=advanced is not None)
        if not (grad_mode.state.enabled and (x.requires_grad or getattr(
                value, "requires_grad", False))):
            value = _read_in_visiting_order(region, value, advanced)
        else:  # (recorded as usual, its values then written in PyTorch's order)
            in_order = _read_in_visiting_order(region, value, advanced)
            if in_order is not value:
                apply_inplace(x, rule, value, keyed(basic, advanced, key))
                _make_writable(region)[...] = in_order._data
                return
    apply_inplace(x, rule, value, keyed(basic, advanced, key))  # (key's tensors: saved)


def _read_in_visiting_order(region: Any, value: Any, advanced: Any) -> Any:
    """``x[::2] = x[:3]``: the value as PyTorch's copy, element by element, reads it
    (visiting_order.py), when it reads memory being written; else the value itself."""
    from ..function import forward_only

    if advanced is not None or not isinstance(value, Tensor) or (
            type(region) is not numpy.ndarray) or forward_only:  # (forward AD: tangents)
        return value
    copied = copied_in_order(region, value._data)
    return value if copied is None else Tensor._make(copied)


def _check_view_of_view(x: Tensor, basic: tuple[Any, ...], value: Any) -> None:
    """``x[key] = value`` with x a piece of split/unbind or a view made under no_grad:
    PyTorch changes the view x[key] in place, and its error names that view ('Output 0 of
    Select is a view and is being modified inplace...')."""
    from ..inplace import check_inplace_allowed

    view, recorded = _views(x, basic)
    if not recorded:
        return  # (the key picked no view of x)
    view._no_grad_view, view._inference_view = x._no_grad_view, x._inference_view
    view._multi_view = x._multi_view
    check_inplace_allowed(view, (value,))


def _leading_ones(size: tuple[int, ...]) -> int:
    """How many sizes of 1 lead ``size`` (PyTorch's setitem views a value without them)."""
    return next((i for i, n in enumerate(size) if n != 1), len(size))


def _shaped_value(value: Tensor, target: tuple[int, ...], basic_only: bool) -> Tensor:
    """The value PyTorch's setitem writes (recorded: ViewBackward0, ExpandBackward0).

    Without index tensors (``copy_to``) a value of another shape is viewed without its
    leading 1s, then expanded to the region's shape where they still differ; with index
    tensors (``index_put_``) it is only viewed, and only when it has leading 1s."""
    size = tuple(value.shape)
    stripped = size[_leading_ones(size):]
    if basic_only:
        if size == tuple(target):
            return value
        value = value.view(stripped)
        return value if stripped == tuple(target) else value.expand(tuple(target))
    return value if stripped == size else value.view(stripped)


# errors of a key's index tensors, raised by PyTorch's index_put_ after its in-place checks
_INDEX_TENSOR_ERRORS = ("tensors used as indices must be", "The shape of the mask")


def _names_all_of(x: Tensor, key: Any) -> bool:
    """Whether ``key`` is only full slices and ``...`` (PyTorch's ``x[key]`` is x itself)."""
    parts = key if isinstance(key, tuple) else (key,)
    return all(p is Ellipsis or type(p) is slice for p in parts) and (
        sum(p is not Ellipsis for p in parts) <= x._data.ndim
        and _is_whole(x._data.shape, parts))


def check_leaf_write(x: Tensor, basic: tuple[Any, ...], advanced: Any, value: Any) -> None:
    """``x[key] = value`` on a leaf that requires grad (or a view made from one by
    ``requires_grad_()``): PyTorch's error. The key's basic part picks a view of x, unless it
    is all of x (``x[:]``, ``x[...]``, ``x[mask]``): then x itself is changed. Without index
    tensors, a tensor value is first expanded to the view's shape (its errors come first)."""
    from ..inplace import VIEW_OF_LEAF_MESSAGE, check_inplace_allowed
    from ..views import refused_view_change
    from .shape import check_expand

    if advanced is None and isinstance(value, Tensor):
        size = value.shape
        while size and size[0] == 1:  # (leading 1s are dropped first, as PyTorch does)
            size = size[1:]
        check_expand(tuple(size), value.dtype, _view(x._data, basic).shape)
    if _is_whole(x._data.shape, basic):
        check_inplace_allowed(x)
    if x._no_grad_view or x._inference_view or x._multi_view:  # x[key]: a view of a view
        view = _views(x, basic)[0]  # made so, refused as x would be
        view._no_grad_view, view._inference_view = x._no_grad_view, x._inference_view
        view._multi_view = x._multi_view
        raise RuntimeError(refused_view_change(view, indirect=False))
    raise RuntimeError(VIEW_OF_LEAF_MESSAGE)


def _basic_part(key: Any) -> tuple[Any, ...]:
    """The basic part of a key, each index tensor or sequence standing for full slices."""
    parts = key if isinstance(key, tuple) else (key,)
    return tuple(p for part in parts for p in (
        [slice(None)] * (part.ndim if isinstance(part, Tensor) and part.dtype.name == "bool"
                         else 1)
        if isinstance(part, (Tensor, list)) else [part]))


def _filling_mask(key: Any, one_value: bool) -> Any:
    """The mask of ``x[m] = 5`` / ``x.index_put_((m,), v)``: one bool or uint8 mask and one
    value, which PyTorch runs as masked_fill_ (checking the mask's shape, warning about no
    uint8 mask); else None."""
    parts = key if isinstance(key, tuple) else (key,)
    arrays = [p for p in parts if isinstance(p, Tensor) and (p.ndim or p.dtype.name == "bool")
              or isinstance(p, list)]
    if one_value and len(arrays) == 1 and isinstance(arrays[0], Tensor) \
            and arrays[0].dtype.name in ("bool", "uint8"):
        return arrays[0]
    return None


def _check_byte_mask_fill(mask: Any) -> None:
    """masked_fill_ refuses a uint8 mask."""
    if mask is not None and mask.dtype.name == "uint8":
        raise RuntimeError("masked_fill_ only supports boolean masks, but got mask with dtype "
                           "unsigned char")
