"""How PyTorch lays out the result of indexing with integer arrays and masks (``x[i]``,
``x[:, i]``, ``x[mask]``): its TensorIterator reads x restrided (the indexed dimensions
replaced by the index shape, with stride 0) beside the index tensors, and orders the result's
dimensions by their strides (`preserved_order`). NumPy's fancy indexing picks another
layout (``x[:, i]`` comes out non-contiguous), where ``.view`` then fails."""

from __future__ import annotations

from typing import Any

import numpy

from .preserved_layout import iterated_copy


def _steps(array: Any) -> tuple[int, ...]:
    return tuple(step // array.itemsize for step in array.strides)


def _broadcast_steps(array: Any, shape: tuple[int, ...]) -> tuple[int, ...]:
    """An index array's strides once expanded to ``shape`` (PyTorch's expand: 0 where it is
    broadcast, a new leading dimension of size 1 the size × stride of the next one)."""
    own = _steps(array)
    if tuple(array.shape) == tuple(shape):
        return own
    steps = [0] * len(shape)
    lead = len(shape) - array.ndim
    for i in range(len(shape) - 1, -1, -1):
        size, step = (array.shape[i - lead], own[i - lead]) if i >= lead else (
            1, shape[i + 1] * steps[i + 1] if i + 1 < len(shape) else 1)
        steps[i] = step if size == shape[i] else 0
    return tuple(steps)


def _reshaped_steps(shape: tuple[int, ...], steps: tuple[int, ...],
                    new: tuple[int, ...]) -> tuple[int, ...]:
    """The strides PyTorch's ``reshape`` gives a view of (shape, steps) as ``new`` (its
    computeStride, for the same elements with dimensions of size 1 added around them);
    row-major ones where it would copy."""
    row_major, step = [0] * len(new), 1
    for d in range(len(new) - 1, -1, -1):
        row_major[d], step = step, step * max(new[d], 1)
    if not shape:
        return (1,) * len(new)
    if 0 in shape:
        return tuple(row_major)
    out, view_d = [0] * len(new), len(new) - 1
    base, numel, view_numel = steps[-1], 1, 1
    for d in range(len(shape) - 1, -1, -1):
        numel *= shape[d]
        if d == 0 or (shape[d - 1] != 1 and steps[d - 1] != numel * base):
            while view_d >= 0 and (view_numel < numel or new[view_d] == 1):
                out[view_d] = view_numel * base
                view_numel *= new[view_d]
                view_d -= 1
            if view_numel != numel:
                return tuple(row_major)
            if d > 0:
                base, numel, view_numel = steps[d - 1], 1, 1
    return tuple(out) if view_d == -1 else tuple(row_major)


def indexed_layout(xp: Any, values: Any, data: Any, key: Any) -> Any:
    """``values`` (= ``data[key]``, ``key`` holding full slices, ``...``, integer arrays and
    masks) laid out as PyTorch lays out that result."""
    parts = list(key) if isinstance(key, tuple) else [key]
    width = sum(0 if p is Ellipsis else p.ndim if getattr(p, "dtype", None) is not None
                and p.dtype.kind == "b" else 1 for p in parts)
    dims: list[Any] = []  # per dimension of data: None (kept whole) or its index array
    for part in parts:
        if part is Ellipsis:
            dims.extend([None] * (data.ndim - width))
        elif isinstance(part, slice):
            if part != slice(None):
                return values
            dims.append(None)
        elif getattr(part, "dtype", None) is None:
            return values
        elif part.dtype.kind == "b":  # a mask: one index array per dimension it covers
            dims.extend(xp.stack(xp.nonzero(part), axis=1).T if part.ndim else [part])
        else:
            dims.append(part)
    dims.extend([None] * (data.ndim - len(dims)))
    indexed = [d for d, p in enumerate(dims) if p is not None]
    arrays = [dims[d] for d in indexed]
    if not indexed or len(dims) != data.ndim:
        return values
    index_shape = numpy.broadcast_shapes(*(a.shape for a in arrays))  # (shapes only)
    kept = [d for d in range(data.ndim) if dims[d] is None]
    adjacent = indexed == list(range(indexed[0], indexed[-1] + 1))
    before = [d for d in kept if adjacent and d < indexed[0]]
    after = [d for d in kept if d not in before]
    shape = tuple(data.shape[d] for d in before) + tuple(index_shape) + tuple(
        data.shape[d] for d in after)
    if tuple(values.shape) != shape:
        return values
    own = _steps(data)
    operands = [(shape, tuple(own[d] for d in before) + (0,) * len(index_shape)
                 + tuple(own[d] for d in after))]
    around = (1,) * len(before) + tuple(index_shape) + (1,) * len(after)
    operands += [(around, _reshaped_steps(index_shape, _broadcast_steps(a, index_shape), around))
                 for a in arrays]
    return iterated_copy(xp, values, operands)
