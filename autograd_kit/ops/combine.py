"""Putting tensors together and reshaping them, built from the kit's other operations as
PyTorch builds them: hstack, vstack, column_stack, atleast_1d/2d/3d, broadcast_to, tile,
repeat_interleave, unflatten, meshgrid, tensordot, kron, scalar_tensor.

None of these has a rule of its own: the graph they record is made of cat, view, expand,
permute, mm, mul, … nodes, as in PyTorch, so their gradients come from those rules.
"""

from __future__ import annotations

import math
from typing import Any

from .. import dtypes
from ..tensor import Tensor, _wrap_dim
from . import shape as _shape
from .joining import Cat, tensor_list


def _tensor_list(name: str, tensors: Any) -> list[Tensor]:
    tensors = tensor_list(name, tensors)
    if not tensors:
        raise RuntimeError(f"{name} expects a non-empty TensorList")
    return tensors


def _each(grow: Any, tensors: tuple[Any, ...]) -> Any:
    """``atleast_*d(x)`` gives one tensor; several tensors, or one list or tuple of them,
    give a tuple (as PyTorch)."""
    if len(tensors) == 1 and isinstance(tensors[0], Tensor):
        return grow(tensors[0])
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    return tuple(grow(t) for t in tensors)


def _at_least_1d(x: Tensor) -> Tensor:
    return x.reshape(1) if x.ndim == 0 else x


def _at_least_2d(x: Tensor) -> Tensor:
    if x.ndim == 0:
        return x.reshape(1, 1)
    return x.unsqueeze(0) if x.ndim == 1 else x


def _at_least_3d(x: Tensor) -> Tensor:
    """0-d → (1, 1, 1); (n,) → (1, n, 1); (m, n) → (m, n, 1)."""
    if x.ndim == 0:
        return x.reshape(1, 1, 1)
    if x.ndim == 1:
        return x.unsqueeze(0).unsqueeze(-1)
    return x.unsqueeze(-1) if x.ndim == 2 else x


def atleast_1d(*tensors: Any) -> Any:
    return _each(_at_least_1d, tensors)


def atleast_2d(*tensors: Any) -> Any:
    return _each(_at_least_2d, tensors)


def atleast_3d(*tensors: Any) -> Any:
    return _each(_at_least_3d, tensors)


def hstack(tensors: Any) -> Tensor:
    """Joined along the columns: cat(dim=1), or dim 0 for vectors."""
    tensors = [_at_least_1d(t) for t in _tensor_list("hstack", tensors)]
    return Cat.apply(0 if tensors[0].ndim == 1 else 1, *tensors)


def vstack(tensors: Any) -> Tensor:
    """Joined as rows: vectors become rows (1, n), then cat(dim=0)."""
    tensors = [_at_least_2d(t) for t in _tensor_list("vstack", tensors)]
    return Cat.apply(0, *tensors)


def column_stack(tensors: Any) -> Tensor:
    """Joined as columns: numbers and vectors become columns (n, 1), then cat(dim=1)."""
    tensors = _tensor_list("column_stack", tensors)
    tensors = [t.reshape(t.numel(), 1) if t.ndim <= 1 else t for t in tensors]
    return Cat.apply(1, *tensors)


def broadcast_to(x: Tensor, size: Any) -> Tensor:
    return x.expand(tuple(size))


def tile(x: Tensor, *dims: Any) -> Tensor:
    """x repeated ``dims`` times along each dimension (ones are added in front of the shorter
    of the two)."""
    reps = tuple(_shape.as_shape(dims))
    if len(reps) < x.ndim:
        reps = (1,) * (x.ndim - len(reps)) + reps
    return x.repeat(tuple(reps))


def repeat_interleave(x: Tensor, repeats: Any = None, dim: Any = None, *,
                      output_size: Any = None) -> Tensor:
    """Each value (or slice along ``dim``) repeated in place: [a, b] → [a, a, b, b]."""
    if repeats is None:  # repeat_interleave(counts): the indices, each repeated its count
        counts = x._data
        xp = x._xp
        _check_output_size(output_size, counts)
        return Tensor._make(xp.repeat(xp.arange(counts.shape[0]), counts).astype("int64"))
    if dim is None:
        x, dim = x.flatten(), 0
    dim = _wrap_dim(dim, max(x.ndim, 1))
    if isinstance(repeats, Tensor):  # counts per slice (one count: the same for every slice)
        counts = repeats._data.reshape(-1)
        if counts.shape[0] == 1:
            counts = repeats._xp.repeat(counts, x.shape[dim])
        if repeats.ndim > 1:
            raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
        if counts.shape[0] != x.shape[dim]:
            raise RuntimeError(
                f"repeats must have the same size as input along dim, but got "
                f"repeats.size(0) = {counts.shape[0]} and input.size({dim}) = {x.shape[dim]}")
        if bool((counts < 0).any()):
            raise RuntimeError("repeats can not be negative")
        _check_output_size(output_size, counts)
        xp = x._xp
        index = Tensor._make(xp.repeat(xp.arange(counts.shape[0]), counts).astype("int64"))
        return x.index_select(dim, index)
    count = int(repeats.item() if isinstance(repeats, Tensor) else repeats)
    if count < 0:
        raise RuntimeError("Repeats must be non-negative")
    if output_size is not None and output_size != x.shape[dim] * count:
        raise RuntimeError("repeat_interleave: Invalid output_size, expected "
                           f"{x.shape[dim] * count} but got {output_size}")
    unsqueezed = x.unsqueeze(dim + 1)  # (refuses a 0-dim x with a dim, as PyTorch)
    shape = list(x.shape)
    expanded = unsqueezed.expand(*shape[: dim + 1], count, *shape[dim + 1:])
    shape[dim] *= count  # (PyTorch: a row-major clone, then flatten: a view of the clone)
    return expanded.clone(memory_format=dtypes.contiguous_format).view(tuple(shape))


def _check_output_size(output_size: Any, counts: Any) -> None:
    """PyTorch's errors for an ``output_size`` that is not the sum of the ``counts``: its
    output is allocated with that size first."""
    if output_size is None:
        return
    if output_size < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {output_size}: "
                           f"[{output_size}]")
    if int(counts.sum()) != output_size:
        raise RuntimeError("allocated size does not match required size")


def unflatten(x: Tensor, dim: int, sizes: Any) -> Tensor:
    """Dimension ``dim`` split into ``sizes`` (a view; one size may be -1)."""
    sizes = [int(s) for s in sizes]
    if not sizes:
        raise RuntimeError("unflatten: sizes must be non-empty")
    if x.ndim == 0:  # (PyTorch's message, less the C++ stack it appends)
        raise RuntimeError("unflatten got an unexpected error:\nDimension specified as 0 but "
                           "tensor has no dimensions")
    axis = _wrap_dim(dim, x.ndim)
    size = x.shape[axis]
    try:
        sizes = list(_shape.infer_shape(tuple(sizes), size))
    except RuntimeError as error:  # (PyTorch's words for sizes that do not fit, and any
        if str(error).startswith("shape '"):  # other error of infer_size after its own
            raise RuntimeError(f"unflatten: Provided sizes {sizes} don't multiply up to the "
                               f"size of dim {axis} ({size}) in the input tensor") from None
        raise RuntimeError(f"unflatten got an unexpected error:\n{error}") from None  # (less
    shape = x.shape  # the C++ stack PyTorch appends)
    return x.view((*shape[:axis], *sizes, *shape[axis + 1:]))


def meshgrid(*tensors: Any, indexing: str | None = None) -> tuple[Tensor, ...]:
    """Coordinate grids: the i-th output varies along dimension i only ("ij"); "xy" swaps
    the roles of the first two dimensions (the Cartesian convention)."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    if indexing is None:
        from ..scalar_warning import warn_once_with  # (PyTorch's TORCH_WARN_ONCE)

        warn_once_with("torch.meshgrid: in an upcoming release, it will be required to pass the "
                       "indexing argument.", stacklevel=2,
                       source="aten/src/ATen/native/TensorShape.cpp:4215")
        indexing = "ij"
    if indexing not in ("ij", "xy"):
        raise RuntimeError(f'torch.meshgrid: indexing must be one of "xy" or "ij", but '
                           f'received: {indexing}')
    for t in tensors:
        if t.ndim > 1:
            raise RuntimeError("torch.meshgrid: Expected 0D or 1D tensor in the tensor list")
    if any(t.dtype != tensors[0].dtype for t in tensors):
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    swap = indexing == "xy" and len(tensors) >= 2  # the first two swapped, before and after
    if swap:
        tensors = (tensors[1], tensors[0], *tensors[2:])
    shape = [t.numel() for t in tensors]
    grids = []
    for i, t in enumerate(tensors):
        view = [1] * len(tensors)
        view[i] = -1
        grids.append(t.view(tuple(view)).expand(tuple(shape)))
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


def _contracted(dims: Any, a: Tensor, b: Tensor) -> tuple[list[int], list[int]]:
    if isinstance(dims, Tensor):
        dims = dims.tolist()
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        if dims > a.ndim or dims > b.ndim:
            raise RuntimeError(f"tensordot expects dims < ndim_a or ndim_b, but got dims={dims}")
        return list(range(-dims, 0)), list(range(dims))
    first, second = dims
    first = [first] if isinstance(first, int) else list(first)
    second = [second] if isinstance(second, int) else list(second)
    if len(first) != len(second):
        raise RuntimeError("both dimension lists should have same length")
    return first, second


def tensordot(a: Tensor, b: Tensor, dims: Any = 2) -> Tensor:
    """Σ over the paired dimensions ``dims`` of a and b: a permute and a reshape to
    matrices, one mm, and a view to the free dimensions of a then b. A paired dimension
    of size 1 broadcasts: the other side is summed over it first. When no free dimension
    holds more than one value, PyTorch's graph is a dot of the flattened operands (or,
    when a permuted one is not contiguous, the sum of their squeezed product)."""
    given_a, given_b = _contracted(dims, a, b)
    if a.dtype is not b.dtype:
        raise RuntimeError("both inputs should have same dtype")
    for da, db in zip(given_a, given_b):  # (a size 1 against any: summed first, as PyTorch)
        size_a, size_b = a.shape[_wrap_dim(da, a.ndim)], b.shape[_wrap_dim(db, b.ndim)]
        if size_b == 1:
            a = a.sum(da, keepdim=True, dtype=a.dtype)
        elif size_a == 1:
            b = b.sum(db, keepdim=True, dtype=b.dtype)
        elif size_a != size_b:
            raise RuntimeError(
                f"contracted dimensions need to match, but first has size {size_a} in dim "
                f"{da} and second has size {size_b} in dim {db}")
    sum_a = [_wrap_dim(d, a.ndim) for d in given_a]
    sum_b = [_wrap_dim(d, b.ndim) for d in given_b]
    free_a = [d for d in range(a.ndim) if d not in sum_a]
    free_b = [d for d in range(b.ndim) if d not in sum_b]
    size = math.prod(a.shape[d] for d in sum_a)  # (sizes, not -1: they may be 0)
    rows, columns = math.prod(a.shape[d] for d in free_a), math.prod(b.shape[d] for d in free_b)
    left, right = a.permute((*free_a, *sum_a)), b.permute((*sum_b, *free_b))
    out_shape = tuple(a.shape[d] for d in free_a) + tuple(b.shape[d] for d in free_b)
    if rows == columns == 1:  # a full contraction: a dot product
        if left.is_contiguous() and right.is_contiguous():
            return left.flatten().dot(right.flatten()).reshape(out_shape)
        return (left.squeeze() * right.squeeze()).sum().reshape(out_shape)
    return left.reshape(rows, size).mm(right.reshape(size, columns)).reshape(out_shape)


def kron(a: Tensor, b: Tensor) -> Tensor:
    """The Kronecker product: every value of a times the whole of b, laid out in blocks."""
    from .arithmetic import Mul
    from .shape import UnsafeView

    ndim = max(a.ndim, b.ndim)
    shape_a = (1,) * (ndim - a.ndim) + a.shape
    shape_b = (1,) * (ndim - b.ndim) + b.shape
    spread_a, spread_b = [], []
    for sa, sb in zip(shape_a, shape_b):
        spread_a += [sa, 1]
        spread_b += [1, sb]
    product = Mul.apply(UnsafeView.apply(a, tuple(spread_a)),
                        UnsafeView.apply(b, tuple(spread_b)))
    return UnsafeView.apply(product, tuple(sa * sb for sa, sb in zip(shape_a, shape_b)))


def scalar_tensor(value: Any, *, dtype: Any = None, device: Any = None,
                  requires_grad: bool = False) -> Tensor:
    """A 0-dim tensor holding ``value`` (in the default float type unless ``dtype``)."""
    from ..creation import tensor

    dtype = dtypes.resolve(dtype) if dtype is not None else dtypes.default_float()
    return tensor(value, dtype=dtype, device=device, requires_grad=requires_grad)
