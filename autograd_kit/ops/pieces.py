"""Cutting a tensor into pieces and rearranging copies: narrow, split, chunk, unbind, flip,
repeat.

Pieces are views of their input, except the ``unsafe_`` splits': their pieces share the
input's memory but autograd does not track them as views (no ``_base``, their own version
counters), so they may be changed in place; PyTorch leaves it to the user to change only the
input or only the pieces. Going back, the pieces' gradients are joined again (cat for
split, stack for unbind); flip's gradient is flipped back; repeat's copies all send their
gradient to the one original, so it is summed over them.
"""

from __future__ import annotations

import math
from typing import Any

from .. import grad_mode
from ..function import Function
from ..node_saved_values import given_dim, given_dims, input_sizes
from ..tensor import Tensor, _wrap_dim
from .indexing import Slice
from .joining import Cat, Stack
from .preserved_layout import laid_out_like, row_major
from .view_strides import empty_slice_view


class Split(Function):
    """pieces = x cut along ``dim`` into consecutive pieces (views)

    Each piece's gradient goes back to its own stretch: grad_x = cat(grad pieces, dim)
    """

    node_name = "SplitBackward0"
    is_view = True
    saved_options = {"dim": given_dim("dim"), "self_sym_sizes": input_sizes(),
                     "split_size": lambda node: node.sizes[0]}

    @staticmethod
    def forward(ctx: Any, x: Tensor, sizes: tuple[int, ...], axis: int,
                dim: int | None = None) -> Any:
        ctx.axis, ctx.sizes = axis, sizes
        ctx.dim = axis if dim is None else dim  # (as the caller gave it, as PyTorch shows it)
        pieces, start = [], 0
        for size in sizes:  # (an empty piece starts where PyTorch's does: empty_slice_view)
            part = slice(start, start + size)
            pieces.append(empty_slice_view(x._data, x._data[(slice(None),) * axis + (part,)],
                                           axis, part))
            start += size
        return tuple(pieces)

    @staticmethod
    def backward(ctx: Any, *grads: Tensor) -> tuple[Tensor, None, None, None]:
        """A cat even of one piece, as PyTorch: a new tensor (CatBackward0 when recorded)."""
        return Cat.apply(ctx.axis, *grads), None, None, None


class SplitWithSizes(Split):
    __doc__ = Split.__doc__
    node_name = "SplitWithSizesBackward0"
    saved_options = {"dim": given_dim("dim"), "self_sym_sizes": input_sizes(),
                     "split_sizes": "sizes"}


class UnsafeSplit(Split):
    __doc__ = Split.__doc__
    node_name = "UnsafeSplitBackward0"
    is_view = False


class UnsafeSplitWithSizes(SplitWithSizes):
    __doc__ = Split.__doc__
    node_name = "UnsafeSplitWithSizesBackward0"
    is_view = False


class Unbind(Function):
    """pieces = x[..., i, ...] for every i along ``dim`` (views, one dimension fewer)

    grad_x = stack(grad pieces, dim)
    """

    node_name = "UnbindBackward0"
    saved_options = {"dim": given_dim("dim")}
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor, axis: int, dim: int | None = None) -> Any:
        ctx.axis = axis
        ctx.dim = axis if dim is None else dim  # (as given)
        data = x._data
        # (the Ellipsis keeps a 1-D tensor's pieces 0-dim views, not copied scalars)
        return tuple(data[(slice(None),) * axis + (i, ...)] for i in range(data.shape[axis]))

    @staticmethod
    def backward(ctx: Any, *grads: Tensor) -> tuple[Tensor, None, None]:
        return Stack.apply(ctx.axis, *grads), None, None


def narrow(x: Tensor, dim: int, start: int, length: int) -> Tensor:
    """x[..., start:start + length, ...] along ``dim`` (a view: SliceBackward0)."""
    if x._data.ndim == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    axis = _wrap_dim(dim, x._data.ndim)
    size = x._data.shape[axis]
    if not -size <= start <= size:
        raise IndexError(
            f"start out of range (expected to be in range of [{-size}, {size}], but got {start})"
        )
    start = start + size if start < 0 else start
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if start + length > size:
        raise RuntimeError(
            f"start ({start}) + length ({length}) exceeds dimension size ({size})."
        )
    return Slice.apply(x, (slice(None),) * axis + (slice(start, start + length),), dim)


def split(x: Tensor, split_size_or_sections: Any, dim: int = 0, *,
          unsafe: bool = False) -> tuple[Tensor, ...]:
    """Pieces of ``split_size`` (or of the listed sizes) along ``dim``; views unless
    ``unsafe`` (``unsafe_split``, ``unsafe_split_with_sizes``), except inside inference_mode,
    which skips the autograd layer that makes them unsafe (PyTorch's pieces are then plain
    views)."""
    unsafe = unsafe and not grad_mode.state.inference
    if x._data.ndim == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    axis = _wrap_dim(dim, x._data.ndim)
    size = x._data.shape[axis]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = tuple(int(s) for s in split_size_or_sections)
        if any(s < 0 for s in sizes):
            raise RuntimeError("split_with_sizes expects split_sizes have only non-negative "
                               f"entries, but got split_sizes={list(sizes)}")
        if sum(sizes) != size:
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's "
                f"size at dimension {axis}), but got split_sizes={list(sizes)}"
            )
        rule = UnsafeSplitWithSizes if unsafe else SplitWithSizes
        return _as_tuple(rule.apply(x, sizes, axis, dim))
    step = int(split_size_or_sections)
    if step < 0:
        raise RuntimeError(f"split expects split_size be non-negative, but got split_size={step}")
    if step == 0:
        if size != 0:
            raise RuntimeError(
                "split_size can only be 0 if dimension size is 0, but got dimension size of "
                f"{size}"
            )
        sizes = (0,)
    else:
        sizes = tuple(min(step, size - start) for start in range(0, size, step)) or (0,)
    return _as_tuple((UnsafeSplit if unsafe else Split).apply(x, sizes, axis, dim))


def chunk(x: Tensor, chunks: int, dim: int = 0, *, unsafe: bool = False) -> tuple[Tensor, ...]:
    if x._data.ndim == 0:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    size = x._data.shape[_wrap_dim(dim, x._data.ndim)]
    if not size:  # PyTorch splits an empty dimension into `chunks` empty pieces, by sizes
        return split(x, [0] * chunks, dim, unsafe=unsafe)
    return split(x, math.ceil(size / chunks), dim, unsafe=unsafe)


def unsafe_split(x: Tensor, split_size: int, dim: int = 0) -> tuple[Tensor, ...]:
    """``split`` whose pieces are not tracked as views (see the module)."""
    return split(x, split_size, dim, unsafe=True)


def unsafe_split_with_sizes(x: Tensor, split_sizes: Any, dim: int = 0) -> tuple[Tensor, ...]:
    """``split_with_sizes`` whose pieces are not tracked as views (see the module)."""
    return split(x, list(split_sizes), dim, unsafe=True)


def unsafe_chunk(x: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    """``chunk`` whose pieces are not tracked as views (see the module)."""
    return chunk(x, chunks, dim, unsafe=True)


def unbind(x: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    if x._data.ndim == 0:
        raise IndexError(f"Dimension specified as {_wrap_dim(dim, 0)} but tensor has no "
                         "dimensions")
    axis = _wrap_dim(dim, x._data.ndim)
    if not x._data.shape[axis]:
        return ()  # no pieces: nothing to record
    return _as_tuple(Unbind.apply(x, axis, dim))


def _as_tuple(result: Any) -> tuple[Tensor, ...]:
    return result if isinstance(result, tuple) else (result,)


class Flip(Function):
    """out = x with the order reversed along ``dims`` (a copy)      grad_x = grad flipped back"""

    node_name = "FlipBackward0"
    saved_options = {"dims": given_dims("given_dims")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dims: tuple[int, ...]) -> Any:
        ndim = x._data.ndim
        axes = [_wrap_dim(d, ndim) for d in dims]
        for a in axes:
            if axes.count(a) > 1:
                raise RuntimeError(f"dim {a} appears multiple times in the list of dims")
        ctx.dims, ctx.given_dims = tuple(axes), dims
        if ndim == 0 or not axes:
            return laid_out_like(x._xp, x._data.copy(), x._data)  # (a clone: x's layout)
        return laid_out_like(x._xp, x._xp.flip(x._data, axis=ctx.dims).copy(), x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad.flip(ctx.dims), None  # (a copy, also for no dims, as PyTorch's)


class Repeat(Function):
    """out = x tiled ``repeats`` times along each dimension (a copy)

    Every copy of xᵢ passed its gradient back to xᵢ: view grad as (r₀, s₀, r₁, s₁, …) and
    sum over the r axes.
    """

    node_name = "RepeatBackward0"
    saved_options = {"repeats": lambda node: tuple(node.repeats), "self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, repeats: tuple[int, ...]) -> Any:
        data = x._data
        if len(repeats) < data.ndim:
            raise RuntimeError(
                "Number of dimensions of repeat dims can not be smaller than number of "
                "dimensions of tensor"
            )
        padded = (1,) * (len(repeats) - data.ndim) + data.shape
        sizes = [s * r for s, r in zip(padded, repeats)]
        for size in sizes:
            if size < 0:
                raise RuntimeError(
                    f"Trying to create tensor with negative dimension {size}: {sizes}")
        ctx.shape, ctx.repeats = data.shape, repeats
        if not repeats:  # a 0-dim x repeated (): itself (NumPy's tile makes it 1-dim)
            return data.copy()
        return row_major(x._xp, x._xp.tile(data, repeats))  # (NumPy's tile of all
        # ones is a copy in x's layout; PyTorch's repeat is always row-major)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        """PyTorch's repeat_backward: the added leading dims summed one by one, then one
        reshape to (r, size) pairs (r ≠ 1 only) and one sum over the r's."""
        repeats, shape = ctx.repeats, tuple(ctx.shape)
        if 0 in repeats:
            return grad.new_zeros(shape), None
        added = len(repeats) - len(shape)
        for _ in range(added):
            grad = grad.sum(0)
        sizes: list[int] = []
        sum_dims: list[int] = []
        for r, s in zip(repeats[added:], shape):
            if r != 1:
                sizes.append(r)
                sum_dims.append(len(sizes) - 1)
            sizes.append(s)
        if sum_dims:
            grad = grad.reshape(tuple(sizes)).sum(tuple(sum_dims))
        return grad, None
