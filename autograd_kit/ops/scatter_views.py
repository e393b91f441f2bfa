"""Writing a tensor into a view of a copy of another: slice_scatter, select_scatter,
diagonal_scatter; diag_embed / diagflat (a diagonal of zeros filled in); fill_diagonal_.

    out = input with view(out) = src        view: a slice, a selected index, a diagonal

    ∂L/∂input = grad with zeros in the view   (the same operation with src = 0)
    ∂L/∂src   = view(grad)                    (read with slice / select / diagonal)
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim, unsigned
from ..tensor import Tensor, _wrap_dim
from .matrix_parts import Diagonal, _diagonal_dims, _writable
from .operands import check_same_device, number_for
from .preserved_layout import preserved_copy


class ScatterIntoView(Function):
    """out = input with view(out) = src   (a subclass says which view, by ``key``)

    grad_input = the same operation on grad with src = zeros;  grad_src = view(grad)
    """

    @staticmethod
    def view(data: Any, where: tuple[Any, ...]) -> Any:
        raise NotImplementedError

    @staticmethod
    def read(grad: Tensor, where: tuple[Any, ...]) -> Tensor:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, input: Tensor, src: Tensor,  # noqa: A002
                where: tuple[Any, ...], shown: dict[str, Any] | None = None) -> Any:
        check_same_device(input, src)
        ctx.where, ctx.src_shape = where, src._data.shape
        ctx.shown = shown or {}  # the options as the caller gave them (what the node shows)
        out = preserved_copy(input._xp, input._data)  # (PyTorch: a clone, in x's layout)
        target = cls.view(out, where)
        if tuple(target.shape) != tuple(src._data.shape):
            raise RuntimeError("expected src to have a size equal to the slice of self. src size "
                               f"= {list(src._data.shape)}, slice size = {list(target.shape)}")
        target[...] = src._data
        return out

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        needs_input, needs_src = ctx.needs_input_grad[:2]
        zeros = Tensor._make(grad._xp.zeros(ctx.src_shape, dtype=grad._data.dtype))
        return (cls.apply(grad, zeros, ctx.where) if needs_input else None,
                cls.read(grad, ctx.where) if needs_src else None, None, None)


def shown(*names: str) -> dict[str, Any]:
    """``_saved_<name>``: the option as given (a negative one unsigned, None if not given)."""
    return {name: (lambda node, name=name: unsigned(node.shown.get(name))) for name in names}


class SliceScatter(ScatterIntoView):
    """out = input with out[..., start:end:step, ...] = src   (along dim)"""

    node_name = "SliceScatterBackward0"
    saved_options = shown("dim", "end", "start", "step")
    view = staticmethod(lambda data, where: data[where])
    read = staticmethod(lambda grad, where: grad[where])


class SelectScatter(SliceScatter):
    """out = input with out[..., index, ...] = src   (along dim)"""

    node_name = "SelectScatterBackward0"
    saved_options = shown("dim", "index")


class DiagonalScatter(ScatterIntoView):
    """out = input with diagonal(out, offset, dim1, dim2) = src"""

    node_name = "DiagonalScatterBackward0"
    saved_options = shown("dim1", "dim2", "offset")
    view = staticmethod(lambda data, where: _writable(data.diagonal(*where), data))
    read = staticmethod(lambda grad, where: Diagonal.apply(grad, *where))


def slice_scatter(input: Tensor, src: Tensor, dim: int = 0, start: Any = None,  # noqa: A002
                  end: Any = None, step: int = 1) -> Tensor:
    """``input`` with ``src`` written into the slice start:end:step along ``dim``."""
    axis = _wrap_dim(dim, max(input.ndim, 1))
    return SliceScatter.apply(input, src.to(input.dtype),
                              (slice(None),) * axis + (slice(start, end, step),),
                              {"dim": dim, "start": start, "end": end, "step": step})


def select_scatter(input: Tensor, src: Tensor, dim: int, index: int) -> Tensor:  # noqa: A002
    """``input`` with ``src`` written at ``index`` along ``dim``."""
    shape = input.shape
    axis = _wrap_dim(dim, max(len(shape), 1))
    if not -shape[axis] <= index < shape[axis]:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{list(shape)} at dimension {axis}")
    return SelectScatter.apply(input, src.to(input.dtype),
                               (slice(None),) * axis + (int(index) % shape[axis], ...),
                               {"dim": dim, "index": index})


def diagonal_scatter(input: Tensor, src: Tensor, offset: int = 0, dim1: int = 0,  # noqa: A002
                     dim2: int = 1) -> Tensor:
    """``input`` with ``src`` written on the diagonal (offset, dim1, dim2)."""
    d1, d2 = _diagonal_dims(input.ndim, dim1, dim2)
    return DiagonalScatter.apply(input, src.to(input.dtype), (int(offset), d1, d2),
                                 {"offset": offset, "dim1": dim1, "dim2": dim2})


def diag_embed(input: Tensor, offset: int = 0, dim1: int = -2,  # noqa: A002
               dim2: int = -1) -> Tensor:
    """Each last-dimension vector of ``input`` put on the diagonal ``offset`` of a matrix of
    zeros spanning the new dimensions ``dim1`` and ``dim2``."""
    ndim = input.ndim + 1
    d1, d2 = _diagonal_dims(ndim, dim1, dim2)
    n = (input.shape[-1] if input.ndim else 1) + abs(int(offset))
    rest = iter(input.shape[:-1])
    shape = tuple(n if d in (d1, d2) else next(rest) for d in range(ndim))
    return DiagEmbed.apply(input, shape, (int(offset), d1, d2), (dim1, dim2))


class DiagEmbed(Function):
    """out = zeros with input's last dimension on the diagonal (offset, dim1, dim2)

    grad_input = diagonal(grad, offset, dim1, dim2)
    """

    node_name = "DiagEmbedBackward0"
    saved_options = {"dim1": given_dim("dim1"), "dim2": given_dim("dim2"),
                     "offset": given_dim("offset")}

    @staticmethod
    def forward(ctx: Any, input: Tensor, shape: tuple[int, ...],  # noqa: A002
                where: tuple[int, int, int], given: tuple[int, int] | None = None) -> Any:
        ctx.where = where
        ctx.dim1, ctx.dim2 = where[1:] if given is None else given  # (as shown)
        ctx.offset = where[0]
        out = input._xp.zeros(shape, dtype=input._data.dtype)
        _writable(out.diagonal(*where), out)[...] = input._data
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        return Diagonal.apply(grad, *ctx.where), None, None, None


def diagflat(input: Tensor, offset: int = 0) -> Tensor:  # noqa: A002
    """A square matrix with the values of ``input`` (flattened) on diagonal ``offset``."""
    return diag_embed(input.contiguous().view(-1), offset)


def fill_diagonal_(x: Tensor, fill_value: Any, wrap: bool = False) -> Tensor:
    """``x.fill_diagonal_(v)``: v on the main diagonal of x (all dimensions of one length,
    or a matrix; ``wrap``: a tall matrix starts again every n + 1 rows), written through
    diagonal views (CopySlices, as in PyTorch)."""
    shape = x.shape
    if len(shape) < 2:
        raise RuntimeError("dimensions must larger than 1")
    if len(shape) > 2 and len(set(shape)) > 1:
        raise RuntimeError("all dimensions of input must be of equal length")
    number_for(fill_value, x._data.dtype)
    if len(shape) > 2:  # the diagonal of a cube: x[i, i, i]
        index = Tensor._make(x._xp.arange(shape[0]))
        x[(index,) * len(shape)] = fill_value
        return x
    height, width = shape
    starts = range(0, height, width + 1) if wrap else [0]
    for start in starts:
        x[start:].diagonal().fill_(fill_value)
    return x


def _strided(data: Any, where: tuple[Any, ...]) -> Any:
    """The elements of the (contiguous) array ``data``'s memory at offset + Σ iₖ·strideₖ."""
    size, stride, offset = where
    memory = data.reshape(-1)
    extent = offset + sum((n - 1) * st for n, st in zip(size, stride)) + 1 if all(size) else 0
    if extent > memory.size:
        item = data.itemsize
        raise RuntimeError(
            f"setStorage: sizes {list(size)}, strides {list(stride)}, storage offset {offset}, "
            f"and itemsize {item} requiring a storage size of {extent * item} are out of "
            f"bounds for storage of size {memory.size * item}")
    from ..backend import module_of

    strides = tuple(st * data.itemsize for st in stride)
    return module_of(data).lib.stride_tricks.as_strided(memory[offset:], size, strides)


class AsStridedScatter(ScatterIntoView):
    """out = input with out.as_strided(size, stride, offset) = src (input contiguous)

    grad_src = grad at those positions; grad_input = zeros with grad at those same positions
    (PyTorch's as_strided_scatter_backward, which copies the written positions, not the
    others)
    """

    node_name = "AsStridedScatterBackward0"
    saved_options = {"size": lambda node: node.where[0], "stride": lambda node: node.where[1],
                     "storage_offset": lambda node: node.shown.get("storage_offset")}
    view = staticmethod(_strided)
    read = staticmethod(lambda grad, where: grad.contiguous().as_strided(*where))

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any, None, None]:
        needs_input, needs_src = ctx.needs_input_grad[:2]
        written = cls.read(grad, ctx.where)
        zeros = Tensor._make(grad._xp.zeros(grad._data.shape, dtype=grad._data.dtype))
        return (cls.apply(zeros, written, ctx.where) if needs_input else None,
                written if needs_src else None, None, None)


def as_strided_scatter(input: Tensor, src: Tensor, size: Any, stride: Any,  # noqa: A002
                       storage_offset: int | None = None) -> Tensor:
    """``input`` with ``src`` written at the positions ``as_strided(size, stride,
    storage_offset)`` reads (PyTorch's gradient needs a contiguous input)."""
    if input.requires_grad and not input.is_contiguous():
        raise RuntimeError(
            "!self.requires_grad() || self.is_contiguous() INTERNAL ASSERT FAILED at "
            '"/__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp":4754, please report a '
            "bug to PyTorch. as_strided_scatter is currently only supported for contiguous "
            "inputs")
    where = (tuple(size), tuple(stride), 0 if storage_offset is None else int(storage_offset))
    return AsStridedScatter.apply(input, src.to(input.dtype), where,
                                  {"storage_offset": storage_offset})
