"""Rearranging and assembling: rot90, fliplr / flipud, tensor_split and hsplit / vsplit /
dsplit, block_diag, cartesian_prod, combinations, triu_indices / tril_indices.

rot90 and block_diag are rules of their own (the gradient is rotated back, or cut back out
of the block diagonal); the others are built from slices, flips, meshgrid, masked_select and
stack, as PyTorch builds them, so they record the same nodes.
"""

from __future__ import annotations

import functools
from typing import Any

from .. import dtypes
from ..function import Function
from ..node_saved_values import given_dim, given_dims
from ..tensor import Tensor, _wrap_dim
from .preserved_layout import laid_out_like, row_major


def _ops() -> Any:
    import autograd_kit

    return autograd_kit


def _numpy() -> Any:
    import numpy

    return numpy


class Rot90(Function):
    """out = x turned k quarter turns from dims[0] towards dims[1]

    grad_x = grad turned back: grad.rot90(-k, dims)
    """

    node_name = "Rot90Backward0"
    saved_options = {"dims": given_dims("dims"), "k": given_dim("k")}  # (as given, unsigned)

    @staticmethod
    def forward(ctx: Any, x: Tensor, k: int, dims: tuple[int, int]) -> Any:
        ctx.k, ctx.dims = k, dims
        xp, data = x._xp, x._data
        first, second = dims
        turns = k % 4  # PyTorch: a flip (laid out like x), then a transpose of it (a view)
        if turns == 0:
            return row_major(xp, data.copy())
        flipped = xp.flip(data, {1: second, 2: dims, 3: first}[turns])
        flipped = laid_out_like(xp, flipped, data)
        return flipped if turns == 2 else xp.swapaxes(flipped, first, second)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        return Rot90.apply(grad, -ctx.k, ctx.dims), None, None


def rot90(x: Tensor, k: int = 1, dims: Any = (0, 1)) -> Tensor:
    dims = list(dims)
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if x.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {x.ndim}")
    a, b = (_wrap_dim(d, x.ndim) for d in dims)
    if a == b:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {a} and "
                           f"dim1 = {b}")
    return Rot90.apply(x, int(k), tuple(int(d) for d in dims))


def fliplr(x: Tensor) -> Tensor:
    if x.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return x.flip(1)


def flipud(x: Tensor) -> Tensor:
    if x.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return x.flip(0)


def tensor_split(x: Tensor, indices_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    """Pieces of x along ``dim`` (views): n nearly equal sections, or cut at the indices."""
    if x.ndim == 0:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a "
                           "tensor with 0 dims")
    axis = _wrap_dim(dim, x.ndim)
    size = x.shape[axis]
    spec = indices_or_sections
    if isinstance(spec, Tensor):
        spec = spec.item() if spec.ndim == 0 else spec.tolist()
    if isinstance(spec, bool) or not isinstance(spec, (int, list, tuple)):
        raise TypeError(
            "tensor_split() received an invalid combination of arguments - got "
            f"({type(spec).__name__}), but expected one of:\n"
            " * (tuple of ints indices, int dim = 0)\n"
            " * (Tensor tensor_indices_or_sections, int dim = 0)\n"
            " * (int sections, int dim = 0)\n")
    if isinstance(spec, int):
        if spec <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {spec}")
        small, extra = divmod(size, spec)
        cuts, at = [], 0
        for i in range(spec - 1):
            at += small + (1 if i < extra else 0)
            cuts.append(at)
    else:
        cuts = [int(i) for i in spec]
    pieces, start = [], 0
    for end in [*cuts, size]:
        begin = min(max(start, 0), size)
        stop = min(max(end, begin), size)
        pieces.append(x.narrow(axis, begin, stop - begin))
        start = end
    return tuple(pieces)


def _split_along(name: str, x: Tensor, spec: Any, dim: int, least: int) -> tuple[Tensor, ...]:
    if x.ndim < least:
        raise RuntimeError(f"torch.{name} requires a tensor with at least {least} dimension, "
                           f"but got a tensor with {x.ndim} dimensions!")
    if isinstance(spec, int) and not isinstance(spec, bool):
        size = x.shape[dim]
        if spec == 0 or size % spec:
            raise RuntimeError(f"torch.{name} attempted to split along dimension {dim}, but the "
                               f"size of the dimension {size} is not divisible by the "
                               f"split_size {spec}!")
    return tensor_split(x, spec, dim)


def _given(sections: Any, more: tuple[int, ...], indices: Any) -> Any:
    """What was asked for, by PyTorch's forms (checked by signature_parser before): ``int
    sections`` or ``int[] indices``, given as a list, as ints one by one, or by keyword."""
    if indices is not None:
        return indices
    return (sections, *more) if more else sections


def hsplit(x: Tensor, sections: Any = None, *more: int, indices: Any = None
           ) -> tuple[Tensor, ...]:
    return _split_along("hsplit", x, _given(sections, more, indices),
                        1 if x.ndim > 1 else 0, 1)


def vsplit(x: Tensor, sections: Any = None, *more: int, indices: Any = None
           ) -> tuple[Tensor, ...]:
    return _split_along("vsplit", x, _given(sections, more, indices), 0, 2)


def dsplit(x: Tensor, sections: Any = None, *more: int, indices: Any = None
           ) -> tuple[Tensor, ...]:
    return _split_along("dsplit", x, _given(sections, more, indices), 2, 3)


class BlockDiag(Function):
    """out = the inputs placed along the diagonal of one matrix, zeros elsewhere

    grad of each input = its block cut back out of grad
    """

    node_name = "BlockDiagBackward0"

    @staticmethod
    def forward(ctx: Any, *tensors: Tensor) -> Any:
        shapes = [_as_matrix_shape(t) for t in tensors]
        dtype = dtypes.default_float()
        if tensors:
            dtype = functools.reduce(dtypes._promote_pair, (t.dtype for t in tensors))
        xp = tensors[0]._xp if tensors else _numpy()
        rows, cols = sum(s[0] for s in shapes), sum(s[1] for s in shapes)
        out = xp.zeros((rows if tensors else 1, cols), dtype=dtype.numpy)
        ctx.places, r, c = [], 0, 0
        for t, (n, m) in zip(tensors, shapes):
            out[r:r + n, c:c + m] = t._data.reshape(n, m)
            ctx.places.append((r, c, n, m, t._data.shape))
            r, c = r + n, c + m
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        """Every input gets its block once any needs one (PyTorch: hooks see all), in the
        output's dtype (the engine casts those that go on to their input's), as PyTorch
        cuts them: each block a view of grad, its last dimension squeezed away for a 0-d or
        1-D input; a 1-D input's (1, m) block left over is summed down to (m,) (a new tensor,
        as PyTorch's engine does to a gradient of another shape); an empty 1-D input's a new
        empty tensor."""
        blocks = []
        for r, c, n, m, shape in ctx.places:
            block = grad[r:r + n, c:c + m]
            if len(shape) == 0:
                block = block.squeeze(-1).squeeze(-1)
            elif tuple(shape) == (0,):
                block = grad.new_zeros(0)
            elif len(shape) == 1:
                block = block.squeeze(-1)  # ((1, 1) → (1,); (1, m) stays, and is summed)
                block = block if m == 1 else block.sum(0, keepdim=True).view(shape)
            blocks.append(block)
        return tuple(blocks)


def _as_matrix_shape(t: Tensor) -> tuple[int, int]:
    if t.ndim == 0:
        return 1, 1
    if t.ndim == 1:
        return 1, t.shape[0]
    return t.shape[0], t.shape[1]


def block_diag(*tensors: Tensor) -> Tensor:
    for i, t in enumerate(tensors):
        if t.ndim > 2:
            raise RuntimeError("torch.block_diag: Input tensors must have 2 or fewer dimensions. "
                               f"Input {i} has {t.ndim} dimensions")
    return BlockDiag.apply(*tensors)


def cartesian_prod(*tensors: Tensor) -> Tensor:
    """Every combination of one value from each 1-D tensor, one per row."""
    for t in tensors:
        if t.ndim != 1:
            raise RuntimeError(f"Expect a 1D vector, but got shape {list(t.shape)}")
    if len(tensors) == 1:
        return tensors[0]
    if len({t.dtype for t in tensors}) > 1:
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    grids = _ops().meshgrid(*tensors, indexing="ij")
    return _ops().stack([g.reshape(-1) for g in grids], 1)


def combinations(x: Tensor, r: int = 2, with_replacement: bool = False) -> Tensor:
    """Every r-element combination of a 1-D tensor's values (in order), one per row."""
    ops = _ops()
    if x.ndim != 1:
        raise RuntimeError(f"Expect a 1D vector, but got shape {list(x.shape)}")
    if r < 0:
        raise RuntimeError(f"Expect a non-negative number, but got {r}")
    if r == 0:
        return ops.empty(0, dtype=x.dtype)
    n = x.shape[0]
    xp = x._xp
    grids = ops.meshgrid(*([x] * r), indexing="ij")
    index = xp.indices((n,) * r) if n else xp.zeros((r,) + (0,) * r, dtype="int64")
    mask = xp.ones((n,) * r, dtype=bool)
    for i in range(r - 1):
        mask &= index[i] <= index[i + 1] if with_replacement else index[i] < index[i + 1]
    keep = Tensor._make(mask)
    return ops.stack([g.masked_select(keep) for g in grids], 1)


def _indices(name: str, row: int, col: int, offset: int, dtype: Any, upper: bool) -> Tensor:
    from ..creation import check_dtype_argument

    check_dtype_argument(name, dtype)  # (a dtype, or float/int/bool; the kernel takes int64
    if row < 0:  # and int32 only, checked below)
        raise RuntimeError(f"row must be non-negative, got{row}")
    if col < 0:
        raise RuntimeError(f"col must be non-negative, got{col}")
    import numpy

    dtype = dtypes.resolve(dtype) or dtypes.int64
    if dtype not in (dtypes.int64, dtypes.int32):  # (PyTorch's kernel has these two only)
        raise NotImplementedError(f'"{name}" not implemented for '
                                  f"'{dtypes.scalar_type_word(dtype.name)}'")
    make = numpy.triu_indices if upper else numpy.tril_indices
    rows, cols = make(row, offset, col)
    out = numpy.stack([rows, cols]).astype(dtype.numpy)
    return _ops().tensor(out.reshape(2, -1) if out.size else numpy.zeros((2, 0), out.dtype),
                         dtype=dtype)


def triu_indices(row: int, col: int, offset: int = 0, *, dtype: Any = None,
                 device: Any = None) -> Tensor:
    """The (row, column) positions of the upper triangle of a row × col matrix."""
    return _indices("triu_indices", row, col, offset, dtype, True)


def tril_indices(row: int, col: int, offset: int = 0, *, dtype: Any = None,
                 device: Any = None) -> Tensor:
    """The (row, column) positions of the lower triangle of a row × col matrix."""
    return _indices("tril_indices", row, col, offset, dtype, False)


