"""Parts of a matrix and moving values around: tril, triu, diag, diagonal, select, movedim,
roll, take.

Each output value is one input value (or a zero), so each gradient goes back to where its
value came from: the same triangle (tril/triu), the same diagonal (diagonal/diag), the same
slice (select), shifted back (roll), scattered back to the flat positions read (take).
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..node_saved_values import constant, given_dim, given_dims, input_sizes
from ..tensor import Tensor, _wrap_dim
from .indexing import Select
from .operands import check_same_device, kept_index
from .preserved_layout import row_major, row_major_result
from .selection import first_outside
from .written_in_place import written_in_place


class Tril(Function):
    """out = x with the values above diagonal k set to 0 (the lower triangle, last two dims)

    ∂out/∂x is 1 on the kept triangle, 0 elsewhere  →  grad_x = tril(grad, k)
    """

    node_name = "TrilBackward0"
    saved_options = {"diagonal": given_dim("k")}
    keep = staticmethod(lambda xp, data, k: xp.tril(data, k))
    result_layout = staticmethod(row_major_result)  # (PyTorch's, whatever x's layout)

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, k: int) -> Any:
        if x._data.ndim < 2:
            raise RuntimeError(f"{cls.__name__.lower()}: input tensor must have at least 2 "
                               "dimensions")
        ctx.k = k
        return cls.keep(x._xp, x._data, k)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return cls.apply(grad, ctx.k), None


class Triu(Tril):
    """out = x with the values below diagonal k set to 0 (the upper triangle)

    grad_x = triu(grad, k)
    """

    node_name = "TriuBackward0"
    keep = staticmethod(lambda xp, data, k: xp.triu(data, k))


def _writable(view: Any, base: Any) -> Any:
    """NumPy gives diagonals read-only; a PyTorch view is as writable as its base."""
    if type(view) is numpy.ndarray and base.flags.writeable and not view.flags.writeable:
        view.flags.writeable = True
    return view


def _diagonal_dims(ndim: int, dim1: int, dim2: int) -> tuple[int, int]:
    d1, d2 = _wrap_dim(dim1, ndim), _wrap_dim(dim2, ndim)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return d1, d2


class Diagonal(Function):
    """out = the values x[..., i, ..., i + offset, ...] (a view; the diagonal becomes the
    last dimension)

    grad_x = zeros with grad written on that diagonal (`DiagonalBackward`)
    """

    node_name = "DiagonalBackward0"
    saved_options = {"dim1": given_dim("dim1"), "dim2": given_dim("dim2"),
                     "offset": given_dim("offset"), "self_sym_sizes": input_sizes()}
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor, offset: int, dim1: int, dim2: int) -> Any:
        data = x._data
        ctx.shape, ctx.offset, ctx.dim1, ctx.dim2 = data.shape, offset, dim1, dim2
        ctx.dims = _diagonal_dims(data.ndim, dim1, dim2)
        view = data.diagonal(offset, *ctx.dims)
        if view.shape[-1] == 0:  # (an empty diagonal starts where x starts, as PyTorch
            view = x._xp.lib.stride_tricks.as_strided(data, view.shape, view.strides)  # has it)
        return _writable(view, data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        return DiagonalBackward.apply(grad, ctx.shape, ctx.offset, *ctx.dims), None, None, None


class DiagonalCopy(Diagonal):
    """out = a copy of the diagonal of a matrix (``diag`` of a 2-D tensor)

    grad_x = zeros with grad written on that diagonal
    """

    node_name = "DiagonalBackward0_copy"
    is_view = False

    @staticmethod
    def forward(ctx: Any, x: Tensor, offset: int, dim1: int, dim2: int) -> Any:
        return Diagonal.forward(ctx, x, offset, dim1, dim2).copy()


class DiagonalBackward(Function):
    """out = zeros(shape) with ``grad`` written on the diagonal (what diagonal sends back)

    ∂out/∂grad reads that diagonal again: grad_grad = diagonal(gg, offset, dim1, dim2)
    """

    node_name = "DiagonalBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, shape: tuple[int, ...], offset: int, d1: int,
                d2: int) -> Any:
        ctx.offset, ctx.dims = offset, (d1, d2)
        out = grad._xp.zeros(shape, dtype=grad._data.dtype)
        _writable(out.diagonal(offset, d1, d2), out)[...] = grad._data
        return out

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Tensor, None, None, None, None]:
        return Diagonal.apply(gg, ctx.offset, *ctx.dims), None, None, None, None


class DiagEmbed(Function):
    """out = a square matrix with v on diagonal k and zeros elsewhere (``diag`` of a vector)

    grad_v = diagonal(grad, k)
    """

    node_name = "DiagEmbedBackward0"
    saved_options = {"dim1": constant(2**64 - 2), "dim2": constant(2**64 - 1),  # (-2, -1,
                     "offset": given_dim("k")}  # unsigned: diag(v) is diag_embed(v))

    @staticmethod
    def forward(ctx: Any, v: Tensor, k: int) -> Any:
        ctx.k = k
        n = v._data.shape[0] + abs(k)
        return DiagonalBackward.forward(ctx, v, (n, n), k, 0, 1)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return Diagonal.apply(grad, ctx.k, 0, 1), None


class Roll(Function):
    """out = x shifted by ``shifts`` along ``dims`` (values falling off one end come back at
    the other; without dims, the flattened tensor is shifted)

    grad_x = roll(grad, -shifts, dims)   (shifted back)
    """

    node_name = "RollBackward0"
    saved_options = {"dims": given_dims("given_dims"), "shifts": given_dims("shifts")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, shifts: tuple[int, ...], dims: tuple[int, ...],
                given_dims: tuple[int, ...] | None = None) -> Any:
        ctx.shifts, ctx.dims = shifts, dims
        ctx.given_dims = dims if given_dims is None else given_dims  # (as shown)
        rolled = x._xp.roll(x._data, shifts[0]) if not dims else x._xp.roll(x._data, shifts, dims)
        return row_major(x._xp, rolled)  # (PyTorch's result is row-major)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        return Roll.apply(grad, tuple(-s for s in ctx.shifts), ctx.dims), None, None, None


class Take(Function):
    """out = x.flatten()[index]   (shaped like index)

    grad_x = zeros; grad_x.flatten()[index] += grad   (positions read twice collect both)
    """

    node_name = "TakeBackward0"
    saved_tensor_names = ("self", "index")
    non_inputs = (1,)  # the index: saved (``_saved_index``), no edge

    @staticmethod
    def forward(ctx: Any, x: Tensor, index: Any) -> Any:
        index, kept = kept_index(index)
        ctx.save_for_backward(x, kept)  # (the caller's index, as PyTorch saves it)
        return x._data.reshape(-1)[index]

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        """Recorded as PyTorch's: new zeros, then a put of grad with accumulate
        (PutBackward0 under ``create_graph``)."""
        from .index_writes import Put

        x, index = ctx.saved_tensors
        zeros = grad.new_zeros(x._data.shape)
        return written_in_place(Put.apply(zeros, index._data, grad, True, index)), None


# ---- the functions ---------------------------------------------------------------------------

def tril(x: Tensor, diagonal: int = 0) -> Tensor:
    return Tril.apply(x, int(diagonal))


def triu(x: Tensor, diagonal: int = 0) -> Tensor:
    return Triu.apply(x, int(diagonal))


def diagonal(x: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    return Diagonal.apply(x, int(offset), dim1, dim2)


def diag(x: Tensor, diagonal: int = 0) -> Tensor:
    """A vector: the matrix with it on diagonal k; a matrix: a copy of its diagonal k."""
    if x.ndim == 1:
        return DiagEmbed.apply(x, int(diagonal))
    if x.ndim == 2:
        return DiagonalCopy.apply(x, int(diagonal), 0, 1)
    raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {x.ndim}D")


def select(x: Tensor, dim: int, index: int) -> Tensor:
    """x[..., index] along ``dim`` (a view with one dimension fewer): x[index] for dim 0."""
    shape = x.shape
    if not shape:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    axis = _wrap_dim(dim, len(shape))
    if not -shape[axis] <= index < shape[axis]:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{list(shape)} at dimension {axis}")
    return Select.apply(x, (slice(None),) * axis + (int(index),), dim)


def _dims(value: Any) -> list[int]:
    """One int (a NumPy integer too: ``roll(x, numpy.int64(1))``) or a sequence of them."""
    if isinstance(value, (int, numpy.integer)):
        return [int(value)]
    return [int(v) for v in value]


def movedim(x: Tensor, source: Any, destination: Any) -> Tensor:
    """x with dimensions ``source`` moved to positions ``destination`` (a permute)."""
    src, dst = _dims(source), _dims(destination)
    if len(src) != len(dst):
        raise RuntimeError(
            f"movedim: Invalid source or destination dims: source ({src} dims) should contain "
            f"the same number of dims as destination ({dst} dims)")
    ndim = x.ndim
    src_w = [_wrap_dim(d, ndim) for d in src]
    dst_w = [_wrap_dim(d, ndim) for d in dst]
    for name, wrapped, given in (("source", src_w, src), ("destination", dst_w, dst)):
        if len(set(wrapped)) != len(wrapped):
            raise RuntimeError(f"movedim: repeated dim in `{name}` ({given})")
    if not ndim:  # nothing to move: a view of all of x, as PyTorch's alias
        from .indexing import Alias

        return Alias.apply(x, (Ellipsis,))
    order = [-1] * ndim
    for s, d in zip(src_w, dst_w):
        order[d] = s
    rest = iter(d for d in range(ndim) if d not in src_w)
    order = [o if o != -1 else next(rest) for o in order]
    return x.permute(tuple(order))


def roll(x: Tensor, shifts: Any, dims: Any = None) -> Tensor:
    shifts = _dims(shifts)
    dims = [] if dims is None else _dims(dims)
    if not shifts:
        raise RuntimeError("`shifts` required")
    if not dims and len(shifts) != 1:
        raise RuntimeError(f"`shifts` required to be of size 1 when `dims` is empty, but got "
                           f"{len(shifts)}")
    if dims and len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:"
                           f"{len(dims)}")
    if dims and not x.ndim:
        raise IndexError(f"Dimension specified as {dims[0]} but tensor has no dimensions")
    wrapped = tuple(_wrap_dim(d, x.ndim) for d in dims)
    return Roll.apply(x, tuple(shifts), wrapped, tuple(dims))


def take(x: Tensor, index: Tensor) -> Tensor:
    if not isinstance(index, Tensor) or index.dtype.name != "int64":
        word = dtypes.scalar_type_word(index.dtype.name) if isinstance(index, Tensor) else "?"
        raise RuntimeError(f"take(): Expected a long tensor for index, but got {word}")
    check_same_device(x, index)
    data, size = index._data, x._data.size
    if data.size and not size:
        raise IndexError("take(): tried to take from an empty tensor")
    bad = first_outside(data, size, from_end=True)
    if bad is not None:
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {size} "
                         "elements.")
    return Take.apply(x, index)
