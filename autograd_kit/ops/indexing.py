"""Indexing and joining: ``x[key]``, ``x[key] = v``, ``cat``, ``stack``.

Reading ``x[key]`` passes the gradient back to the positions that were read (positions read
twice collect both gradients); writing ``x[key] = v`` sends the gradient at those positions
to ``v`` and none of it to the overwritten values of ``x``.
"""

from __future__ import annotations

import numbers
from typing import Any

from .. import backend
from ..function import Function
from ..node_saved_values import constant, input_sizes, unsigned
from ..tensor import ZERO_DIM_INDEX_MESSAGE, Tensor
from .broadcast import sum_to
from .copy_slices_gradient import copy_slices_gradients
from .index_backward import (  # noqa: F401  (IndexAdd: imported from here by others)
    IndexAdd,
    IndexPutAccumulate,
    SelectBack,
    SliceBack,
    _is_basic,
)
from .index_layout import indexed_layout
from .index_messages import _index_message, _is_mask, _mask_ndim, _width, in_range_when_empty
from .index_saved import (  # noqa: F401
    KeyOfTensors,
    keyed,
    put_indices,
    save_index_arrays,
    saved_indices,
    warn_byte_mask,
    warn_byte_masks,
)
from .index_sequences import sequence_as_tuple, sequence_part, warn_sequence_as_tuple
from .operands import check_same_device, data_beside, on_other_devices
from .preserved_layout import preserved_copy
from .shape import check_expand
from .view_strides import empty_slice_view
from .written_in_place import written_in_place

INT64_MAX = 2**63 - 1  # what PyTorch records for a slice without an end


def as_pytorch_int(value: int) -> int:
    """An index as PyTorch shows a saved one: negatives as unsigned 64-bit numbers."""
    return value % 2**64


class Index(Function):
    """out = x[key] (integer arrays or a boolean mask: a copy)

    ∂out/∂x puts each gradient back where its value came from: grad_x = zeros; grad_x[key] += grad
    """

    node_name = "IndexBackward0"
    saved_tensor_names: tuple[str | None, ...] = ()  # (the index arrays show as ``indices``)
    saved_options = {"indices": saved_indices, "self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, key: Any, given: tuple[Tensor, ...] = ()) -> Any:
        out = Index.read(ctx, x, key)
        arrays = [k for k in (key if isinstance(key, tuple) else (key,)) if hasattr(k, "ndim")]
        if arrays:  # (backward twice then fails, as in PyTorch)
            save_index_arrays(ctx, arrays, given)
        return out

    @staticmethod
    def read(ctx: Any, x: Tensor, key: Any) -> Any:
        """x[key] on the arrays, with PyTorch's message for an index out of range."""
        ctx.shape, ctx.key = x._data.shape, key
        try:
            return indexed_layout(x._xp, x._data[key], x._data, key)
        except IndexError as error:
            fitted = in_range_when_empty(x._data, key)  # (nothing to read: no index checked)
            try:
                if fitted is None:
                    raise error
                ctx.key = fitted
                return indexed_layout(x._xp, x._data[fitted], x._data, fitted)
            except IndexError as refused:
                raise IndexError(_index_message(str(refused), x, (key, x._data.ndim))) from None

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed)
        warn_byte_masks(ctx)
        grad_x = type(ctx)._function.written_back(grad, ctx.shape, ctx.key)
        return (grad_x,) + (None,) * (len(ctx.needs_input_grad) - 1)  # (key, given dim)

    @staticmethod
    def written_back(grad: Tensor, shape: tuple[int, ...], key: Any) -> Tensor:
        """The gradient put back where it was read, recorded as PyTorch records it (under
        ``create_graph``): IndexPutImplBackward0 on new zeros for arrays and masks."""
        return written_in_place(IndexPutAccumulate.apply(grad.new_zeros(shape), grad, key))


def shown_dim(node: Any) -> int:
    """Select's and Slice's ``_saved_dim``: the dim the caller named (select, narrow), a
    negative one unsigned, else the one the index key reaches."""
    given = node.__dict__.get("given_dim")
    return len(node.key) - 1 if given is None else unsigned(given)


class Select(Index):
    """out = x[..., i, ...] along one dimension (a view)

    grad_x = zeros with grad written at index i
    """

    node_name = "SelectBackward0"
    saved_options = {"dim": shown_dim,
                     "index": lambda node: as_pytorch_int(node.key[-1]),
                     "self_sym_sizes": input_sizes()}
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor, key: Any, dim: int | None = None) -> Any:
        ctx.given_dim = dim
        # NumPy gives a copied scalar for x[0] of a vector; x[0, ...] is a 0-dim view of it
        keys = key if isinstance(key, tuple) else (key,)
        if not any(k is Ellipsis for k in keys):
            keys = (*keys, Ellipsis)
        out = Index.read(ctx, x, keys)
        ctx.key = key
        return out

    @staticmethod
    def written_back(grad: Tensor, shape: tuple[int, ...], key: Any) -> Tensor:
        return SelectBack.apply(grad, shape, key)


class Slice(Index):
    """out = x[..., a:b:s, ...] along one dimension (a view)

    grad_x = zeros with grad written into the slice
    """

    node_name = "SliceBackward0"
    saved_options = {"dim": shown_dim,
                     "start": lambda node: as_pytorch_int(node.key[-1].start or 0),
                     "end": lambda node: as_pytorch_int(
                         INT64_MAX if node.key[-1].stop is None else node.key[-1].stop),
                     "step": lambda node: node.key[-1].step or 1,
                     "self_sym_sizes": input_sizes()}
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor, key: Any, dim: int | None = None) -> Any:
        ctx.given_dim = dim
        out = Index.forward(ctx, x, key)
        if isinstance(key, tuple) and key and isinstance(key[-1], slice):  # (PyTorch's view)
            return empty_slice_view(x._data, out, len(key) - 1, key[-1])
        return out

    @staticmethod
    def written_back(grad: Tensor, shape: tuple[int, ...], key: Any) -> Tensor:
        return SliceBack.apply(grad, shape, key)


class Alias(Index):
    """out = x[:] or x[...] (a view of everything)      grad_x = grad"""

    node_name = "AliasBackward0"
    is_view = True
    saved_options: dict[str, Any] = {}

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        return (grad,) + (None,) * (len(ctx.needs_input_grad) - 1)


class CopySlices(Function):
    """out = x with out[key] = value   (what ``x[key] = value`` records on a view of x)

    ``key`` is a pair (basic, advanced): integers, slices and None pick a view of x, then
    integer arrays and masks (if any) pick positions inside it, as PyTorch indexes.
    grad_x = grad with zeros at key (those values were overwritten);
    grad_value = grad[key], summed to value's shape if it was broadcast
    """

    node_name = "CopySlices"
    numbers_are_inputs = True
    writes_a_part = True
    # x[key] = v changes the view x[key], not x itself (PyTorch: x[key].copy_(v)): a view x
    # keeps its old node until its grad_fn is next read (see views.refresh_views)
    writes_a_subview = True
    saved_tensor_names: tuple[str | None, ...] | None = (None,)  # (a None, see forward)

    @staticmethod
    def forward(ctx: Any, x: Tensor, value: Any, key: tuple[Any, Any]) -> Any:
        if type(ctx)._function is CopySlices:  # (subclasses save their own)
            if key[1] is not None:  # x[0, idx] = v: the index tensors, checked in backward
                save_index_arrays(ctx, key[1], getattr(key, "given", ()))  # (IndexPutBackward's)
            else:
                ctx.save_for_backward(None)  # (nothing: so that freeing the graph marks the node)
        ctx.key, ctx.strides = key, x._data.strides
        ctx.value_shape = value._data.shape if isinstance(value, Tensor) else ()
        out = preserved_copy(x._xp, x._data)  # (PyTorch: x.clone(), in x's layout)
        if isinstance(value, Tensor):
            check_same_device(x, value)
            value = data_beside(value, x)  # a CPU scalar written into a GPU tensor
        basic, advanced = key
        try:
            target = _view(out, basic)
            if advanced is None:
                target[...] = value
            else:
                while getattr(value, "ndim", 0) > 1 and value.shape[0] == 1:
                    value = value[0]  # (NumPy's masks take at most 1-dim values: PyTorch
                target[advanced] = value  # drops leading size-1 dimensions first)
        except IndexError as error:
            fitted = in_range_when_empty(target, advanced)  # (nothing to write)
            try:
                if fitted is None:
                    raise error
                target[fitted] = value
            except IndexError as refused:
                raise IndexError(_index_message(str(refused), x, (advanced, target.ndim))) from None
            ctx.key = (basic, fitted)
        except (ValueError, TypeError):  # the value does not broadcast to out[key] (NumPy's
            # masks refuse a value of 2 dims or more with a TypeError): PyTorch's words
            shape = target.shape if advanced is None else target[advanced].shape
            if advanced is not None:
                raise RuntimeError(
                    f"shape mismatch: value tensor of shape {list(value.shape)} cannot be "
                    f"broadcast to indexing result of shape {list(shape)}"
                ) from None
            _check_fits(value, shape)
            raise
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        write = type(ctx)._function
        if ctx._freed and write is CopySlices:  # PyTorch's CopySlices drops its fn when the
            from ..node_saved_values import FREED_MESSAGE  # graph is freed: a second backward

            raise RuntimeError(FREED_MESSAGE)  # fails, though nothing was saved
        if write is CopySlices and ctx.key[1] is not None:
            ctx.saved_tensors  # noqa: B018  (the index tensors: changed in place since?)
        if write is CopySlices and ctx.key[1] is None:  # (PyTorch's steps: grad_x in x's
            return *copy_slices_gradients(grad, ctx, _to_shape), None  # strides, recorded or not)
        grad_x = write.overwritten(grad, ctx.key) if ctx.needs_input_grad[0] else None
        grad_value = None
        if ctx.needs_input_grad[1]:  # (a view of grad read as PyTorch's CopySlices passes
            at_key = _read(grad, *ctx.key)  # it on: a contiguous clone)
            if ctx.key[1] is None and write is CopySlices:
                from ..dtypes import contiguous_format

                at_key = at_key.clone(memory_format=contiguous_format)
            grad_value = _to_shape(at_key, ctx.value_shape)
        return grad_x, grad_value, None


    @classmethod
    def overwritten(cls, grad: Tensor, key: tuple[Any, Any]) -> Tensor:
        """grad with zeros where the values were overwritten, recorded as the same write of
        zeros (an IndexPutBackward0 for index_put: PyTorch's grad.index_put(indices, 0))."""
        return cls.apply(grad, 0.0, key)


def _to_shape(grad: Tensor, shape: tuple[int, ...]) -> Tensor:
    """The gradient of a value that was broadcast into place, summed back to its shape (the
    value's leading size-1 dimensions, dropped to fit, come back)."""
    extra = len(shape) - grad._data.ndim
    if extra > 0 and all(n == 1 for n in shape[:extra]):
        grad = grad.reshape((1,) * extra + tuple(grad._data.shape))
    return sum_to(grad, shape)


class IndexPut(CopySlices):
    """out = x with out[indices] = value, integer arrays or a mask on x itself (no view)

    grad_x = grad with zeros at the indices;  grad_value = grad[indices] (summed to its shape)
    """

    node_name = "IndexPutBackward0"
    writes_a_subview = False  # (x itself is written: x.index_put_(…))
    saved_tensor_names: tuple[str | None, ...] = ()  # (the index arrays: ``indices``)
    saved_options = {"accumulate": constant(False), "indices": put_indices}

    @staticmethod
    def forward(ctx: Any, x: Tensor, value: Any, key: tuple[Any, Any]) -> Any:
        save_index_arrays(ctx, key[1], getattr(key, "given", ()))
        return CopySlices.forward(ctx, x, value, key)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        ctx.saved_tensors  # noqa: B018  (checked: freed, or changed in place)
        warn_byte_masks(ctx, sum(ctx.needs_input_grad[:2]))  # (index_put for x's gradient,
        # and index for value's)
        return CopySlices.backward(ctx, grad)


class FillWhole(CopySlices):
    """out = value everywhere (``x[:] = 5``, a number or a 0-dim tensor)

    grad_x = 0;  grad_value = grad.sum()
    """

    node_name = "FillBackward3"
    writes_a_subview = False  # (x itself is written: x.fill_(…))
    saved_tensor_names = None

    @classmethod
    def overwritten(cls, grad: Tensor, key: tuple[Any, Any]) -> Tensor:
        """Everything was overwritten: zeros, outside the graph (PyTorch's zeros_like(grad))."""
        return Tensor._make(grad._xp.zeros_like(grad._data))


class CopyWhole(CopySlices):
    """out = value broadcast to x's shape (``x[:] = t``)

    grad_x = 0;  grad_value = grad summed to value's shape
    """

    node_name = "CopyBackwards"
    writes_a_subview = False  # (x itself is written: x.copy_(…))
    saved_tensor_names = None
    overwritten = FillWhole.overwritten


def _check_fits(value: Any, shape: tuple[int, ...]) -> None:
    """Raise PyTorch's error when ``value`` cannot be expanded to ``shape`` for ``x[key] = v``
    (leading size-1 dimensions of the value are dropped first, as PyTorch does)."""
    size = tuple(value.shape)
    while len(size) > len(shape) and size[0] == 1:
        size = size[1:]
    check_expand(size, value.dtype, shape)


def normalize_key(x: Tensor, key: Any, warn_bytes: bool = True) -> Any:
    """Turn tensors and sequences in an index into arrays on x's device, and 0-dim integer
    tensors into integers (PyTorch's errors for keys that do not fit ``x``).

    A short list holding a tensor, a sequence, a slice, ``...`` or None stands for a tuple
    (``x[[t0, t1]]`` is ``x[t0, t1]``), NumPy's old rule that PyTorch keeps."""
    as_tuple = sequence_as_tuple(key)
    if as_tuple or (isinstance(key, str) and key):  # (a string is a sequence to PyTorch too)
        warn_sequence_as_tuple(list(key))
    parts = key if isinstance(key, tuple) or as_tuple else (key,)
    out = []
    for part in parts:
        if isinstance(part, (str, bytes)):  # (sequences to PyTorch, read as a tensor's data)
            raise TypeError(f"new(): invalid data type '{type(part).__name__}'")
        if isinstance(part, float) or not (  # (a set, a dict, ...: no index of any kind)
                part is None or part is Ellipsis or isinstance(part, (
                    int, slice, Tensor, list, tuple, range, numbers.Integral))  # (int: no ABC)
                or hasattr(part, "ndim") or hasattr(part, "__index__")):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                f"are valid indices (got {type(part).__name__})"
            )
        if isinstance(part, slice) and part.step is not None and part.step < 0:
            raise ValueError("step must be greater than zero")
        if isinstance(part, Tensor):
            part = _tensor_part(x, part)
        elif isinstance(part, (list, tuple, range, bool)):
            part = sequence_part(x, part)
        elif isinstance(part, numbers.Integral) or (  # (a 0-dim NumPy integer array too)
                getattr(part, "ndim", None) == 0 and getattr(part, "dtype", None) is not None
                and part.dtype.kind in "iu"):
            part = int(part)
        out.append(part)
    bytes_at = {i for i, p in enumerate(parts) if warn_bytes and isinstance(p, Tensor)
                and p.dtype.name == "uint8"}  # (warned about as PyTorch checks each mask)
    _check_fits_tensor(x._data.shape, out, bytes_at)
    if sum(map(_width, out)) == x._data.ndim and any(getattr(p, "ndim", 0) for p in out):
        # a ``...`` standing for no dimension is no part of the key: index arrays on either
        # side of it are next to each other, as PyTorch places them (NumPy would not)
        out = [p for p in out if p is not Ellipsis]
    return tuple(out)


def _tensor_part(x: Tensor, part: Tensor) -> Any:
    name = part.dtype.name
    if name not in ("int64", "int32", "uint8", "bool"):
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    data = part._data
    if on_other_devices(x, part):  # CPU indices may pick from a GPU tensor, not the reverse
        if part.device.type != "cpu":
            raise RuntimeError("indices should be either on cpu or on the same device as the "
                               f"indexed tensor ({x.device})")
        data = backend.to_device(data, x.device)
    if name == "uint8":  # a byte tensor is a mask, as it was before bool tensors existed
        return data != 0  # (warned about in _check_fits_tensor)
    if part.ndim == 0 and name != "bool":
        return int(part.item())  # a 0-dim integer tensor selects, as an integer does
    return data


def _check_fits_tensor(shape: tuple[int, ...], parts: list[Any], bytes_at: Any = ()) -> None:
    """PyTorch's errors for too many indices, then integers out of range (naming the
    integer's position in the key), then boolean masks of the wrong shape (the uint8 ones,
    at ``bytes_at``, each warned about just before its check)."""
    widths = [_width(p) for p in parts]
    if sum(widths) > len(shape):
        raise IndexError(f"too many indices for tensor of dimension {len(shape)}")
    starts, dim = [], 0
    for part, width in zip(parts, widths):
        dim += len(shape) - sum(widths) if part is Ellipsis else 0
        starts.append(dim)
        dim += width
    for position, (part, dim) in enumerate(zip(parts, starts)):
        if isinstance(part, int) and not -shape[dim] <= part < shape[dim]:
            raise IndexError(f"index {part} is out of bounds for dimension {position} with size "
                             f"{shape[dim]}")
    for position, (part, dim) in enumerate(zip(parts, starts)):
        if position in bytes_at:
            warn_byte_mask()
        for i, size in enumerate(part.shape if _mask_ndim(part) else ()):
            if size != shape[dim + i]:
                sliced, at = _sliced_shape(shape, parts, starts)
                raise IndexError(
                    f"The shape of the mask {list(part.shape)} at index {i} does not match "
                    f"the shape of the indexed tensor {sliced} at index {at[position] + i}"
                )


def _sliced_shape(shape: tuple[int, ...], parts: list[Any],
                  starts: list[int]) -> tuple[list[int], list[int]]:
    """The shape of x once the basic parts of the key are applied (integers select, slices
    cut, None and a bool add a dimension of 1), which PyTorch indexes with the tensors and
    names in its errors; and where each part's dimensions start in it."""
    sliced, at, end = [], [], 0
    for part, dim in zip(parts, starts):
        at.append(len(sliced))
        if part is Ellipsis:
            sliced.extend(shape[end:dim])
        elif part is None or _is_mask(part) and part.ndim == 0:
            sliced.append(1)
        elif isinstance(part, slice):
            sliced.append(len(range(*part.indices(shape[dim]))))
        elif not isinstance(part, int):
            sliced.extend(shape[dim:dim + _width(part)])
        end = dim + _width(part)
    return sliced + list(shape[end:]), at


def _split(key: tuple[Any, ...]) -> tuple[tuple[Any, ...], tuple[Any, ...] | None]:
    """PyTorch's two steps for a key: the basic part (integers, slices, None, ``...``) picks a
    view first; the integer arrays and masks (None when there are none) then index that
    view, each array standing where it stood and the selected dimensions gone."""
    if _is_basic(key):
        return key, None
    basic: list[Any] = []
    advanced: list[Any] = []
    for part in key:
        if isinstance(part, int):
            basic.append(part)
        elif part is None or isinstance(part, slice):
            basic.append(part)
            advanced.append(slice(None))
        elif part is Ellipsis:
            basic.append(part)
            advanced.append(part)
        elif part.ndim == 0:  # x[True] / x[False]: a new dimension of length 1 or 0
            basic.append(None)
            advanced.append(part.reshape(1).nonzero()[0])
        else:
            width = part.ndim if part.dtype.kind == "b" else 1
            basic.extend([slice(None)] * width)
            advanced.append(part)
    return tuple(basic), tuple(advanced)


def _view(array: Any, basic: tuple[Any, ...]) -> Any:
    """``array[basic]`` as a view (NumPy copies a single element out unless ``...`` is there)."""
    return array[basic if any(p is Ellipsis for p in basic) else (*basic, Ellipsis)]


def _skipped(part: slice, size: int) -> bool:
    """PyTorch skips a slice of the key (no view recorded) when, as written, it starts at 0
    (or nothing), stops at the size or beyond (or nothing) and steps by 1: ``x[-3:]`` of 3
    rows covers them all yet is still a Slice (a CopySlices when written to)."""
    start, stop, step = part.start, part.stop, part.step
    return (start is None or start == 0) and (stop is None or stop >= size) and (
        step is None or step == 1)


def _views(x: Tensor, key: tuple[Any, ...], single_slice: bool = False) -> tuple[Tensor, bool]:
    """Apply the basic part of a key one recorded view at a time (Select, Slice, Unsqueeze;
    full slices are skipped); also says whether anything was recorded."""
    out, dim = x, 0
    ellipsis_width = x._data.ndim - sum(1 for k in key if k is not None and k is not Ellipsis)
    recorded = False
    for part in key:
        if part is Ellipsis:
            dim += ellipsis_width
        elif part is None:
            out = out.unsqueeze(dim)
            dim += 1
            recorded = True
        elif isinstance(part, slice):
            if single_slice or not _skipped(part, out._data.shape[dim]):
                out = Slice.apply(out, (slice(None),) * dim + (part,))
                recorded = True
            dim += 1
        else:  # an integer (normalize_key checked it is in range)
            out = Select.apply(out, (slice(None),) * dim + (part,))
            recorded = True
    return out, recorded


def _read(x: Tensor, basic: tuple[Any, ...], advanced: tuple[Any, ...] | None) -> Tensor:
    """``x[key]`` for a split key: the views, then one Index node for the arrays."""
    out, _ = _views(x, basic)
    return out if advanced is None else Index.apply(out, advanced)


def _is_whole(shape: tuple[int, ...], basic: tuple[Any, ...]) -> bool:
    """True when the basic part of a key is all of x (only full slices and ``...``)."""
    dim, ellipsis_width = 0, len(shape) - sum(1 for k in basic if k is not Ellipsis)
    for part in basic:
        if part is Ellipsis:
            dim += ellipsis_width
            continue
        if not isinstance(part, slice) or not _skipped(part, shape[dim]):
            return False
        dim += 1
    return True


def getitem(x: Tensor, key: Any) -> Tensor:
    """``x[key]`` recorded as PyTorch records it: one Select/Slice/Unsqueeze per indexed
    dimension for integers, slices and None, then one Index node for integer arrays and
    masks."""
    if x._data.ndim == 0 and not _allowed_on_0dim(key):
        raise _zero_dim_error(key)
    single_slice = isinstance(key, slice)  # x[:] is a Slice in PyTorch, x[:, :] an Alias
    basic, advanced = _split(normalize_key(x, key))
    out, recorded = _views(x, basic, single_slice)
    if advanced is not None:
        given = tuple(k for k in (key if isinstance(key, tuple) else (key,))
                      if isinstance(k, Tensor))
        return Index.apply(out, advanced, given)
    return out if recorded else Alias.apply(x, (Ellipsis,))


def _allowed_on_0dim(key: Any) -> bool:
    parts = key if isinstance(key, tuple) else (key,)
    return all(p is None or p is Ellipsis for p in parts) or isinstance(key, bool) or (
        isinstance(key, Tensor) and key.dtype.name == "bool"
    )


def _zero_dim_error(key: Any) -> IndexError:
    """PyTorch's error for a key that a 0-dim tensor cannot take: an int alone, a slice
    alone, or anything else ("too many indices")."""
    if isinstance(key, int):  # (0 is taken for a wish to read the number)
        return IndexError(ZERO_DIM_INDEX_MESSAGE if key == 0 else
                          f"index {key} is out of bounds for dimension 0 with size 0")
    if isinstance(key, slice):
        return IndexError("slice() cannot be applied to a 0-dim tensor.")
    return IndexError("too many indices for tensor of dimension 0")


def setitem(x: Tensor, key: Any, value: Any) -> None:
    """``x[key] = value`` (ops/writes.py, `assign`)."""
    from .writes import assign

    assign(x, key, value)
