"""Where PyTorch puts a result's values in memory (its strides), so that ``stride()``,
``is_contiguous()`` and ``.view()`` behave as PyTorch's:

- copies in ``preserve_format`` (clone, ``.to()``, ``*_like``): a dense tensor keeps every
  stride, another one its dimensions' order by stride (`preserved_copy`, `kept_steps`);
- elementwise results, as TensorIterator lays them out from the operands (`operands_layout`,
  `iterator_layout`), and reductions (`row_major_result`);
- kernels that allocate channels-last results for channels-last inputs
  (`channels_last_if_suggested`, `joined_layout`, `suggested_layout`);
- LAPACK's column-major results (`column_major`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy

from .view_strides import with_steps

CHANNELS_LAST = [1, 3, 2, 0]  # an image's dimensions from inner to outer: C, W, H, N
CHANNELS_LAST_3D = [1, 4, 3, 2, 0]  # a volume's: C, W, H, D, N


def preserved_order(shape: tuple[int, ...], *strides: tuple[int, ...]) -> list[int]:
    """The dimensions from innermost to outermost, as PyTorch's TensorIterator orders them
    for a result (a clone that keeps its input's layout has one operand): an insertion sort
    where the first operand whose strides for two dimensions differ decides (equal strides:
    the longer dimension outer, else the next operand), and an expanded dimension (stride 0)
    compares with nothing, leaving the decision to the next operand."""
    def should_swap(d0: int, d1: int) -> int:
        for steps in strides:
            s0, s1 = steps[d0], steps[d1]
            if s0 == 0 or s1 == 0:
                continue
            if s0 != s1:
                return -1 if s0 < s1 else 1
            if shape[d0] > shape[d1]:
                return 1
        return 0

    return iterator_permutation(len(shape), should_swap)


def iterator_permutation(ndim: int, should_swap: Callable[[int, int], int]) -> list[int]:
    """TensorIterator's reorder_dimensions: the dims n-1, …, 0 insertion-sorted by
    ``should_swap(d0, d1)`` (1: d0 goes after d1, -1: it stays before, 0: undecided, so
    the pair is passed over and the dim moving left is swapped with the first one it
    should precede)."""
    perm = list(range(ndim))[::-1]
    for i in range(1, len(perm)):
        moving = i
        for before in range(i - 1, -1, -1):
            comparison = should_swap(perm[before], perm[moving])
            if comparison > 0:
                perm[before], perm[moving] = perm[moving], perm[before]
                moving = before
            elif comparison < 0:
                break
    return perm


def iterated_copy(xp: Any, values: Any, operands: list[tuple[Any, tuple[int, ...]]]) -> Any:
    """``values`` laid out as PyTorch's TensorIterator lays out a result computed from the
    ``operands``, each given as (its shape, its strides) already placed in the result's
    dimensions: a dimension an operand broadcasts (size 1 against more) does not count, and
    the dimensions run in `preserved_order` over the operands, with `dense_steps`."""
    shape = values.shape
    strides = [tuple(0 if size == 1 and whole != 1 else step
                     for size, step, whole in zip(own, steps, shape)) for own, steps in operands]
    if not values.size:
        return row_major(xp, values)
    order = preserved_order(shape, *strides)
    if not _runs_in(values, order):
        return copy_in_layout(xp, values, order)
    return with_steps(xp, values, dense_steps(shape, order, values.itemsize))


def dense_steps(shape: tuple[int, ...], inner_to_outer: list[int],
                itemsize: int) -> tuple[int, ...]:
    """The strides (in bytes) of memory running through the dimensions in this order, each
    stride the size of the dimensions inside it, size-1 dimensions included (what PyTorch
    gives a result it lays out, ``x[:, [1]]`` of a (2, 3, 4) tensor: (4, 4, 1))."""
    steps, step = [0] * len(shape), itemsize
    for d in inner_to_outer:
        steps[d], step = step, step * shape[d]
    return tuple(steps)


def _runs_in(values: Any, inner_to_outer: list[int]) -> bool:
    """Whether ``values`` is already dense through its dimensions in this order (the strides
    of size-1 dimensions aside), as `copy_in_layout` would lay it out."""
    step = values.itemsize
    for d in inner_to_outer:
        if values.shape[d] != 1 and values.strides[d] != step:
            return False
        step *= values.shape[d]
    return True


def row_major_result(values: Any, args: tuple[Any, ...]) -> Any:
    """``values`` row-major (a copy when it is not), as PyTorch allocates a reduction's
    result over a dim whatever the input's layout (a `Function.result_layout`), size-1
    dimensions included (``x.t().sum(0, keepdim=True)`` of a 2×3 x: (3, 1))."""
    out = values if values.flags.c_contiguous else values.copy()
    if 1 not in out.shape or not out.size:  # (only a size-1 dim's stride can be NumPy's own)
        return out
    steps = row_major_steps(out)
    if out.strides == steps:
        return out
    from ..backend import module_of

    return with_steps(module_of(out), out, steps)


def operands_layout(values: Any, args: tuple[Any, ...], numbers_count: bool = True) -> Any:
    """``values``, an elementwise result of the tensors among ``args`` (broadcast together),
    laid out as PyTorch's TensorIterator lays it out (`iterator_layout`). NumPy agrees while
    every operand of two or more dimensions is row-major (with row-major strides for its
    size-1 dimensions); where their layouts disagree, NumPy lets row-major win and PyTorch
    the first operand (``(a.t() + b)`` follows ``a.t()``). Numbers count as 0-dim operands
    unless ``numbers_count`` is False (`tensors_layout`). NumPy results only: a CuPy result
    is left as it is."""
    if type(values) is not numpy.ndarray or values.ndim < 2:
        return values
    for a in args:  # (a plain loop: every elementwise op of matrices runs this check)
        data = getattr(a, "_data", None)
        if type(data) is numpy.ndarray and data.ndim > 1 and not exactly_row_major(data):
            break
    else:  # every operand row-major (or under 2 dimensions): NumPy's layout is PyTorch's
        return values
    operands = [a._data for a in args if isinstance(getattr(a, "_data", None), numpy.ndarray)]
    numbers = numbers_count and any(
        isinstance(a, (int, float, complex, numpy.generic)) for a in args)
    return iterator_layout(numpy, values, operands, numbers)


def swapped_operands_layout(values: Any, args: tuple[Any, ...]) -> Any:
    """`operands_layout` with the first two of ``args`` taken in the other order: the
    layout of a kernel that walks its second operand first (PyTorch's leaky_relu_backward
    and threshold_backward walk (x, grad), where the rule's node is fed (grad, x))."""
    return operands_layout(values, (args[1], args[0]))


def exactly_row_major(data: Any) -> bool:
    """Row-major, the strides of size-1 dimensions too: NumPy's elementwise result of such
    an array is laid out as PyTorch's."""
    return data.flags.c_contiguous and (
        1 not in data.shape or data.strides == row_major_steps(data))


def tensors_layout(values: Any, args: tuple[Any, ...]) -> Any:
    """`operands_layout` for an operation whose numbers are options of its kernel, not
    operands (pow's exponent, clamp's bounds, addcmul's value): only its tensors count, so
    ``x.pow(2)`` of a dense x keeps x's strides, where ``x * 2`` orders x's dimensions."""
    return operands_layout(values, args, numbers_count=False)


def iterator_layout(xp: Any, values: Any, arrays: list[Any], numbers: bool = False) -> Any:
    """``values``, computed value by value from ``arrays`` (broadcast together; ``numbers``:
    and from numbers, 0-dim operands to PyTorch), laid out as PyTorch's TensorIterator lays
    it out: when every operand has the result's shape, its fast setup (`_fast_setup_steps`),
    else `iterated_copy`."""
    if not values.size:
        return row_major(xp, values)
    steps = None
    if not numbers and all(a.shape == values.shape for a in arrays):
        steps = _fast_setup_steps(arrays, values.itemsize)
    if steps is None:
        ndim = values.ndim
        return iterated_copy(xp, values, [
            ((1,) * (ndim - a.ndim) + a.shape,
             (0,) * (ndim - a.ndim) + tuple(s // a.itemsize for s in a.strides)) for a in arrays])
    order = preserved_order(values.shape, steps)
    out = values if _runs_in(values, order) else copy_in_layout(xp, values, order)
    return with_steps(xp, out, steps)


def row_major_steps(data: Any, itemsize: int | None = None) -> tuple[int, ...]:
    """The strides (in bytes) of ``data``'s shape row-major: each the size of the dimensions
    after it (a size-1 one too)."""
    return dense_steps(data.shape, list(range(data.ndim))[::-1],
                       data.itemsize if itemsize is None else itemsize)


def _fast_setup_steps(arrays: list[Any], itemsize: int) -> tuple[int, ...] | None:
    """The strides TensorIterator's fast setup gives the result of operands of one shape:
    row-major when all are contiguous, channels-last when all are so (4 dimensions, strides
    rising through C, W, H, N), theirs when all are dense with the same strides (in
    elements), else None (it orders the dimensions: `iterated_copy`)."""
    first = arrays[0]
    if all(a.flags.c_contiguous for a in arrays):
        return row_major_steps(first, itemsize)
    if first.ndim == 4 and all(_runs_in(a, CHANNELS_LAST) for a in arrays):
        return dense_steps(first.shape, CHANNELS_LAST, itemsize)
    own = [tuple(s // a.itemsize for s in a.strides) for a in arrays]
    if any(o != own[0] for o in own) or kept_steps(first, 1) is None:
        return None
    return tuple(s * itemsize for s in own[0])


def preserved_copy(xp: Any, data: Any, dtype: Any = None) -> Any:
    """A copy of ``data`` (converted to ``dtype``) laid out as PyTorch's ``preserve_format``
    lays out a clone or a ``.to()``: every stride kept when ``data`` is dense (size-1
    dimensions included: ``tensor(2.).expand(1, 1)`` keeps (0, 0), a column-major (3, 1)
    array (1, 3)), else its dimensions in `preserved_order`."""
    if data.ndim < 2 or data.flags.c_contiguous or not data.size:
        out = xp.array(data, dtype=dtype, order="C", copy=True)
    else:
        out = copy_in_layout(xp, data, preserved_order(data.shape, data.strides), dtype)
    steps = kept_steps(data, out.itemsize)
    return out if steps is None else with_steps(xp, out, steps)


def kept_steps(data: Any, itemsize: int) -> tuple[int, ...] | None:
    """The strides (in bytes, for items of ``itemsize``) that PyTorch's ``preserve_format``
    keeps for a dense ``data`` (its is_non_overlapping_and_dense: the dimensions longer than
    1, by stride, each step the size of those inside it), or an empty one (its strides as
    `TensorLayout.stride` tells them); None for others."""
    own = [s // data.itemsize for s in data.strides]
    if not data.size:
        steps, step = [], 1
        for size in reversed(data.shape):
            steps.insert(0, step)
            step *= max(size, 1)
        return tuple(s * itemsize for s in (own if any(own) else steps))
    step = 1
    for s, size in sorted((s, size) for s, size in zip(own, data.shape) if size > 1):
        if s != step:
            return None
        step *= size
    return tuple(s * itemsize for s in own)


def copy_in_layout(xp: Any, data: Any, inner_to_outer: list[int], dtype: Any = None) -> Any:
    """A copy of ``data`` (converted to ``dtype``) whose memory runs through the dimensions
    in the given order."""
    outer_to_inner = inner_to_outer[::-1]
    out = xp.empty(tuple(data.shape[d] for d in outer_to_inner),
                   dtype=data.dtype if dtype is None else dtype)
    out = out.transpose([outer_to_inner.index(d) for d in range(data.ndim)])
    out[...] = data
    return out


def laid_out_like(xp: Any, values: Any, x: Any) -> Any:
    """``values`` (computed from ``x`` alone, in any layout) laid out by PyTorch's
    ``preserve_format`` rule (clone, flip, ``empty_like``): with x's strides when x is dense
    (size-1 ones kept), else row-major through x's dimensions in `preserved_order` (an
    expanded one keeps its place). (An elementwise result's layout is `iterator_layout`'s.)"""
    steps = kept_steps(x, values.itemsize)
    if values.strides == steps:
        return values
    out = copy_in_layout(xp, values, preserved_order(x.shape, x.strides))
    return out if steps is None else with_steps(xp, out, steps)


def suggests_channels_last(data: Any) -> bool:
    """PyTorch's ``suggest_memory_format() == channels_last`` for an array: 4-D, with strides
    that rise through the dimensions C, W, H, N (its is_channels_last_strides_2d, where an
    ambiguous tensor counts as row-major)."""
    return data.ndim == 4 and _rises_through(data, CHANNELS_LAST)


def _rises_through(data: Any, inner_to_outer: list[int]) -> bool:
    """Whether ``data``'s strides rise through its dimensions in this order (PyTorch's
    is_channels_last_strides_2d/3d)."""
    strides = [s // data.itemsize for s in data.strides]
    if strides[1] == 0:
        return False
    least = 0
    for d in inner_to_outer:
        if data.shape[d] == 0 or strides[d] < least or (d == 0 and least == strides[1]):
            return False
        least = strides[d] * (data.shape[d] if data.shape[d] > 1 else 1)
    return True


def suggested_order(x: Any) -> list[int] | None:
    """The channels-last order (inner to outer) that x's strides suggest to PyTorch's
    ``suggest_memory_format`` (4-D: C, W, H, N; 5-D: C, W, H, D, N), or None (row-major)."""
    order = {4: CHANNELS_LAST, 5: CHANNELS_LAST_3D}.get(x.ndim)
    return order if order is not None and _rises_through(x, order) else None


def in_suggested_order(xp: Any, values: Any, x: Any) -> Any:
    """``values`` (a result computed from ``x``) channels-last (3-D too) when x suggests it,
    else as it is: where PyTorch's resampling kernels put their results."""
    order = suggested_order(x)
    if order is None or values.strides == dense_steps(values.shape, order, values.itemsize):
        return values
    return copy_in_layout(xp, values, order)


def suggested_layout(xp: Any, values: Any, x: Any) -> Any:
    """``values`` laid out as ``empty_like(x, memory_format=x.suggest_memory_format())``
    (where PyTorch's batch-norm kernels put their results): channels-last for a 4-D x that
    suggests it (channels-last-3d: memory through C, W, H, D, N, for a 5-D one), else
    row-major, whatever layout x has."""
    order = suggested_order(x)
    if order is None:
        return row_major(xp, values)
    if values.strides == dense_steps(values.shape, order, values.itemsize):
        return values
    return copy_in_layout(xp, values, order)


def channels_last_if_suggested(xp: Any, values: Any, *inputs: Any) -> Any:
    """``values`` (a 4-D result that a convolution, pool or resampling kernel computed from
    ``inputs``) laid out as PyTorch's kernel allocates it: channels-last (memory running
    through C, W, H, N) when one of the inputs suggests that format, else as it is."""
    if values.ndim != 4 or not any(suggests_channels_last(a) for a in inputs):
        return values
    if values.strides == dense_steps(values.shape, CHANNELS_LAST, values.itemsize):
        return values
    return copy_in_layout(xp, values, CHANNELS_LAST)


def joined_layout(xp: Any, out: Any, arrays: list[Any]) -> Any:
    """``out`` (the join of ``arrays``) laid out as PyTorch's cat allocates it: channels-last
    when every input suggests it, else row-major (NumPy's concatenate keeps their order)."""
    if arrays and all(suggests_channels_last(a) for a in arrays):
        return out if suggests_channels_last(out) else copy_in_layout(xp, out, CHANNELS_LAST)
    return row_major(xp, out)


def column_major(xp: Any, data: Any) -> Any:
    """``data`` with each matrix (its last two dimensions) stored column by column, as LAPACK
    leaves its results (PyTorch's inverses, factors and solutions), batches one after the
    other: itself when already so (with PyTorch's strides at size-1 dimensions too: a
    column of 3 steps (1, 3))."""
    if data.ndim < 2:
        return data
    return xp.swapaxes(row_major(xp, xp.swapaxes(data, -1, -2)), -1, -2)


def row_major(xp: Any, data: Any) -> Any:
    """``data`` itself when row-major already, else a row-major copy (0-dim stays 0-dim,
    where NumPy's ascontiguousarray would make it 1-dim), with PyTorch's strides at size-1
    dimensions too (NumPy calls an expanded (2, 1) rolled row-major with strides (1, 2)).
    An empty one: a new empty array (its strides read as PyTorch's contiguous ones), not a
    slice of a larger one (topk(x, 0)'s indices)."""
    if not data.size and any(data.strides):
        return xp.empty(data.shape, data.dtype)
    out = data if data.flags.c_contiguous else xp.ascontiguousarray(data)
    if 1 in out.shape and out.size and out.strides != (steps := row_major_steps(out)):
        return with_steps(xp, out, steps)
    return out
