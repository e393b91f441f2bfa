"""Operations that rearrange values without changing them: view/reshape, transpose, permute,
squeeze/unsqueeze, expand, clone, and moving between dtypes and devices.

Their rules only rearrange the gradient back: the inverse reshape, the inverse permutation,
and for ``expand`` a sum over the copies (each copy passed its gradient to the one original).
Views share memory with their input, as in PyTorch.
"""

from __future__ import annotations

import functools
import math
import operator
from typing import Any

import numpy

from .. import backend, dtypes, grad_mode
from ..function import Function, _share_memory
from ..node_saved_values import given_dim, given_dims, input_sizes
from ..tensor import Tensor, _wrap_dim
from .broadcast import sum_to
from .operands import int_list
from .preserved_layout import preserved_copy
from .rounding import not_implemented
from .unrecorded import unrecorded
from .view_strides import expanded_steps, unsqueezed_steps, viewed_steps, with_steps


def infer_shape(shape: tuple[int, ...], numel: int) -> tuple[int, ...]:
    """Resolve one ``-1`` in a requested shape and check the sizes match (PyTorch's errors)."""
    shape = tuple(int(s) for s in shape)
    unknown = [i for i, s in enumerate(shape) if s == -1]
    if len(unknown) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for s in shape:
        if s != -1:
            known *= s
    for i, s in enumerate(shape):
        if s < -1:
            raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {list(shape)}")
    if unknown:
        if known == 0 and numel == 0:
            raise RuntimeError(
                f"cannot reshape tensor of 0 elements into shape {list(shape)} because the "
                "unspecified dimension size -1 can be any value and is ambiguous"
            )
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape = shape[: unknown[0]] + (numel // known,) + shape[unknown[0] + 1 :]
    elif known != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
    return shape


def as_shape(args: tuple[Any, ...]) -> tuple[int, ...]:
    """``view(2, 3)`` and ``view((2, 3))`` both mean the shape (2, 3)."""
    return tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else args


class View(Function):
    """out = x viewed with a new shape (same memory)

    ∂out/∂x rearranges nothing: grad_x = grad.reshape(x.shape)
    """

    node_name = "ViewBackward0"
    is_view = True
    saved_options = {"self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, shape: tuple[int, ...]) -> Any:
        ctx.shape = x._data.shape
        out = backend.reshaped_view(x._data, shape)
        if out is None:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one "
                "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            )
        return with_steps(x._xp, out, viewed_steps(x._data, out))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad.reshape(ctx.shape), None


class ReshapeAlias(View):
    """out = a non-contiguous x reshaped without a copy (PyTorch's ``_reshape_alias``)

    grad_x = grad.reshape(x.shape)
    """

    node_name = "ReshapeAliasBackward0"


class UnsafeView(Function):
    """out = x with a new shape (x is a fresh copy nobody else sees, so no view is tracked)

    grad_x = grad.reshape(x.shape)
    """

    node_name = "UnsafeViewBackward0"
    saved_options = {"self_sym_sizes": input_sizes()}
    backward = View.backward

    @staticmethod
    def forward(ctx: Any, x: Tensor, shape: tuple[int, ...]) -> Any:
        ctx.shape = x._data.shape
        return x._data.reshape(shape)


def reshape(x: Tensor, shape: tuple[int, ...]) -> Tensor:
    """A view when the memory layout allows it, otherwise a copy (PyTorch's reshape)."""
    shape = infer_shape(int_list("reshape", "shape", (shape,)), x._data.size)
    if x._data.flags.c_contiguous:
        return View.apply(x, shape)
    if _can_view(x._data, shape):
        return ReshapeAlias.apply(x, shape)
    return UnsafeView.apply(Clone.apply(x, "C"), shape)


def view(x: Tensor, shape: tuple[int, ...]) -> Tensor:
    return View.apply(x, infer_shape(shape, x._data.size))


def _can_view(data: Any, shape: tuple[int, ...]) -> bool:
    return data.flags.c_contiguous or backend.reshaped_view(data, shape) is not None


class Transpose(Function):
    """out = x with dimensions d0 and d1 swapped      grad_x = grad with them swapped back"""

    node_name = "TransposeBackward0"
    saved_options = {"dim0": given_dim("dim0"), "dim1": given_dim("dim1")}
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim0: int, dim1: int) -> Any:
        ndim = x._data.ndim
        ctx.dim0, ctx.dim1 = dim0, dim1  # (as given: a negative one shows unsigned)
        ctx.dims = _wrap_dim(dim0, ndim), _wrap_dim(dim1, ndim)
        return x._xp.swapaxes(x._data, *ctx.dims) if ndim else x._data.view()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        return grad.transpose(*ctx.dims), None, None


class T(Function):
    """out = xᵀ (for at most 2 dimensions)      grad_x = gradᵀ"""

    node_name = "TBackward0"
    saved_tensor_names = ()  # (nothing: the gradient is transposed back)
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        if x._data.ndim > 2:
            name = "t_" if type(ctx).__name__ == "TBackward1" else "t"  # (x.t_(): TInplace)
            raise RuntimeError(
                f"{name}() expects a tensor with <= 2 dimensions, but self is {x._data.ndim}D"
            )
        return x._data.T

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return transposed(grad)


def transposed(x: Tensor) -> Tensor:
    """``x.t()``. When nothing is recorded (see ops/unrecorded.py) it is made here as
    `Function.apply` makes it, minus apply's general machinery: the transposed array, linked
    to x's memory (version counter, base, views) by apply's own `_share_memory`."""
    if unrecorded(x) and x._data.ndim <= 2:
        out = Tensor._make(x._data.T)
        _share_memory((out,), x, False, False)  # (not recorded, one output)
        return out
    return T.apply(x)


class Permute(Function):
    """out = x with its dimensions reordered      grad_x = grad put back in the original order"""

    node_name = "PermuteBackward0"
    is_view = True
    saved_options = {"dims": given_dims("given_dims")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dims: tuple[int, ...]) -> Any:
        ndim = x._data.ndim
        if len(dims) != ndim:
            raise RuntimeError(
                "permute(sparse_coo): number of dimensions in the tensor input does not match "
                f"the length of the desired ordering of dimensions i.e. input.dim() = {ndim} is "
                f"not equal to len(dims) = {len(dims)}"
            )
        ctx.given_dims = dims
        ctx.dims = tuple(_wrap_dim(d, ndim) for d in dims)
        if len(set(ctx.dims)) != ndim:
            raise RuntimeError("permute(): duplicate dims are not allowed.")
        return x._data.transpose(ctx.dims)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        inverse = [0] * len(ctx.dims)
        for position, d in enumerate(ctx.dims):
            inverse[d] = position
        return grad.permute(tuple(inverse)), None


class Squeeze(Function):
    """out = x without its size-1 dimensions      grad_x = grad with them put back"""

    node_name = "SqueezeBackward0"
    is_view = True
    saved_options = {"self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any = None) -> Any:
        data = x._data
        ctx.shape, ctx.given_dim = data.shape, dim
        if dim is None:
            axes = tuple(i for i, s in enumerate(data.shape) if s == 1)
        else:
            dims = (dim,) if isinstance(dim, int) else tuple(dim)
            wrapped = [_wrap_dim(d, data.ndim) for d in dims]
            for position, axis in enumerate(wrapped):
                if axis in wrapped[:position]:
                    raise RuntimeError(f"dim {axis} appears multiple times in the list of dims")
            axes = tuple(a for a in wrapped if data.ndim and data.shape[a] == 1)
        ctx.axes = tuple(sorted(axes))
        return data.squeeze(axis=axes) if axes else data.view()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        """PyTorch's unsqueeze_to: each removed size-1 dimension put back in turn (grad
        itself when none was removed): UnsqueezeBackward0 nodes under ``create_graph``."""
        for axis in ctx.axes:
            grad = grad.unsqueeze(axis)
        return grad, None


class SqueezeDim(Squeeze):
    __doc__ = Squeeze.__doc__
    node_name = "SqueezeBackward1"
    saved_options = {"dim": given_dim("given_dim"), "self_sym_sizes": input_sizes()}


class SqueezeDims(Squeeze):
    __doc__ = Squeeze.__doc__
    node_name = "SqueezeBackward2"  # squeeze with a tuple of dims
    saved_options = {"dim": given_dims("given_dim"), "self_sym_sizes": input_sizes()}


class SqueezeInplaceDim(Squeeze):
    __doc__ = Squeeze.__doc__
    node_name = "SqueezeBackward4"  # x.squeeze_(dim); PyTorch's matmul records it for (n,)@(n,m)
    saved_options = {"dim": given_dim("given_dim"), "self_sym_sizes": input_sizes()}


class Unsqueeze(Function):
    """out = x with a new size-1 dimension at ``dim``      grad_x = grad.squeeze(dim)"""

    node_name = "UnsqueezeBackward0"
    is_view = True
    saved_options = {"dim": given_dim("given_dim")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Any:
        ctx.given_dim, ctx.dim = dim, _wrap_dim(dim, x._data.ndim + 1)
        out = x._xp.expand_dims(x._data, ctx.dim)
        return with_steps(x._xp, out, unsqueezed_steps(x._data, ctx.dim))  # (PyTorch's strides)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad.squeeze(ctx.dim), None


_NO_LEGACY_TYPE = {"bool": "CPUBoolType"}


def check_expand(size: tuple[int, ...], dtype: Any, shape: tuple[int, ...]) -> tuple[int, ...]:
    """The shape ``expand(shape)`` gives a tensor of ``size`` (-1 keeps a size), or PyTorch's
    error when it cannot."""
    lead = len(shape) - len(size)
    if lead < 0:  # (types without a legacy tensor type by their own name: CPUBoolType)
        name = _NO_LEGACY_TYPE.get(dtype.name, f"torch.{dtypes.tensor_type_name(dtype.name)}")
        raise RuntimeError(
            f"expand({name}{{{list(size)}}}, "
            f"size={list(shape)}): the number of sizes provided ({len(shape)}) must be greater "
            f"or equal to the number of dimensions in the tensor ({len(size)})"
        )
    target = list(shape)
    for i in reversed(range(len(shape))):  # as PyTorch, from the last dimension back
        existing = size[i - lead] if i >= lead else 1
        if shape[i] == -1:
            if i < lead:
                raise RuntimeError(f"The expanded size of the tensor (-1) isn't allowed in a "
                                   f"leading, non-existing dimension {i}")
            target[i] = existing
        if existing != 1 and existing != target[i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({target[i]}) must match the existing "
                f"size ({existing}) at non-singleton dimension {i}.  Target sizes: "
                f"{list(shape)}.  Tensor sizes: {list(size)}"
            )
    if any(s < 0 for s in target):  # a size-1 dimension given a negative size
        raise RuntimeError("numel: integer multiplication overflow")
    return tuple(target)


class Expand(Function):
    """out = x repeated (without copying) along size-1 or new leading dimensions

    Every copy passed its gradient back to the same original: grad_x = grad summed over them.
    """

    node_name = "ExpandBackward0"
    is_view = True
    saved_options = {"self_sym_sizes": input_sizes()}

    @staticmethod
    def forward(ctx: Any, x: Tensor, shape: tuple[int, ...]) -> Any:
        data = x._data
        ctx.shape = data.shape
        if (not data.ndim and type(data) is numpy.ndarray and data.base is None and shape
                and min(shape) >= 0 and math.prod(shape) > 1):  # one value everywhere (a full
            # sum's gradient): what check_expand and broadcast_to give, made directly (a
            # tenth of the cost; its base is data, as broadcast_to's, being data's owner)
            out = numpy.ndarray(shape, data.dtype, data, 0, (0,) * len(shape))
            out.flags.writeable = False
            return out
        target = check_expand(data.shape, data.dtype, shape)
        if math.prod(target) == data.size:  # nothing repeated: a plain (writable) view
            out = data.reshape(target)
        else:
            out = x._xp.broadcast_to(data, target)  # read-only: values share memory
        return with_steps(x._xp, out, expanded_steps(data, target))  # (PyTorch's strides)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return sum_to(grad, ctx.shape), None



class Clone(Function):
    """out = a copy of x      grad_x = grad

    ``order`` is NumPy's: "K" keeps x's memory layout (PyTorch's ``preserve_format``: the
    clone of a transposed tensor is transposed in memory too), "C" is row-major
    (``contiguous_format``); or the dimensions from inner to outer (``channels_last``).
    """

    node_name = "CloneBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, order: Any) -> Any:
        if order == "C":
            return x._data.copy(order="C")
        if order == "K":
            return preserved_copy(x._xp, x._data)
        from ..memory_formats import in_format

        return in_format(x._xp, x._data, order)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad, None


def clone(x: Tensor, order: Any) -> Tensor:
    """``x.clone()`` (order as for `Clone`). An inference tensor, outside inference_mode, is
    copied by PyTorch into a new normal tensor (the error for changing one in place advises
    this): version 1, recorded as ``CopyBackwards`` when x requires grad."""
    if not x._inference or grad_mode.state.inference:
        return Clone.apply(x, order)
    out = Tensor._make(Clone.forward(None, x, order))  # (a new tensor in the clone's layout)
    return out.copy_(x)  # (PyTorch's way: version 1, CopyBackwards when x requires grad)


class ToCopy(Function):
    """out = x converted to another dtype and/or device

    grad_x = grad converted back to x's dtype and device
    """

    node_name = "ToCopyBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, where: backend.device, dtype: Any) -> Any:
        ctx.device, ctx.dtype = x.device, x.dtype
        data = backend.to_device(x._data, where)
        if dtype is not None:
            data = dtypes.through_float(data, dtype.numpy)
        if isinstance(data, numpy.ndarray) and (data is x._data or dtype is not None and (
                data.dtype != dtype.numpy)):  # (preserve_format: x's layout, see Clone)
            return preserved_copy(numpy, data, None if dtype is None else dtype.numpy)
        if dtype is not None and data.dtype != dtype.numpy:
            data = data.astype(dtype.numpy)
        elif data is x._data:
            data = data.copy()
        return data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        return grad.to(ctx.device, ctx.dtype), None, None


def to_copy(x: Tensor, where: Any, dtype: Any, copy: bool = False) -> Tensor:
    """``x.to(...)``: x itself when nothing changes (as in PyTorch), else a recorded copy."""
    target = x.device if where is None else backend.as_device(where)
    if target == x.device and (dtype is None or dtype == x.dtype) and not copy:
        return x
    if dtype is not None and not dtype.is_floating_point:  # an integer copy gets no gradient
        from ..grad_mode import no_grad

        with no_grad():
            return ToCopy.apply(x, target, dtype)
    return ToCopy.apply(x, target, dtype)


class Resize(Function):
    """out = x's elements in another shape (the deprecated ``x.resize(*sizes)``; PyTorch's
    Python Function, whose node is ResizeBackward)      grad_x = grad reshaped to x's shape"""

    node_name = "ResizeBackward"
    is_view = True  # (of a contiguous x; ResizeCopy otherwise)

    @staticmethod
    def forward(ctx: Any, x: Tensor, sizes: tuple[Any, ...]) -> Any:
        numel = functools.reduce(operator.mul, sizes, 1)  # (PyTorch's check, word for word)
        if x._data.size != numel:
            raise RuntimeError(
                f"requested resize to {'x'.join(map(str, sizes))} ({numel} elements in total), "
                f"but the given tensor has a size of {'x'.join(map(str, x._data.shape))} "
                f"({x._data.size} elements). autograd's resize can only change the shape of a "
                "given tensor, while preserving the number of elements. ")
        ctx.shape = x._data.shape
        return x._xp.ascontiguousarray(x._data).reshape(sizes)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad.contiguous().view(ctx.shape), None


class ResizeCopy(Resize):
    __doc__ = Resize.__doc__
    node_name = "ResizeBackward"
    is_view = False


def _python_function_repr(node: Any) -> str:  # (PyTorch's Resize is a Python Function)
    return f"<autograd_kit.autograd.function.{type(node).__name__} object at {hex(id(node))}>"


Resize._node_class.__repr__ = ResizeCopy._node_class.__repr__ = _python_function_repr


def resize(x: Tensor, sizes: tuple[Any, ...]) -> Tensor:
    """``x.resize(*sizes)``: a view of a contiguous x (made, as in PyTorch, by a Function
    that may not have it changed in place), a reshaped copy of another."""
    contiguous = bool(x._data.flags.c_contiguous)
    out = (Resize if contiguous else ResizeCopy).apply(x, sizes)
    if contiguous and out._grad_fn is not None:
        out._custom_view = "Resize"
    return out


class AsStridedOf(Function):
    """out = the elements of x's memory block at offset + Σ iₖ·strideₖ (a view)

    Each element of out is one of x's elements, or memory outside x, which gets no gradient:
    grad_x = the gradient written into a zero block at out's places, read back at x's
    (PyTorch's as_strided_backward: see ops/as_strided_backward.py)
    """

    node_name = "AsStridedBackward0"
    is_view = True
    saved_options = {"size": "size", "stride": "stride", "storage_offset": "storage_offset"}

    @staticmethod
    def forward(ctx: Any, x: Tensor, size: tuple[int, ...], stride: tuple[int, ...],
                offset: Any) -> Any:
        from ..tensor_layout import storage_start
        from .as_strided_backward import geometry

        ctx.size, ctx.stride, ctx.storage_offset = tuple(size), tuple(stride), offset  # (given)

        data, xp = x._data, x._xp
        root, start = storage_start(data)
        offset = start if offset is None else offset
        memory = root.ravel(order="K") if root.flags.c_contiguous or root.flags.f_contiguous \
            else None
        if memory is None:
            raise NotImplementedError("autograd_kit: as_strided of a tensor whose memory block "
                                      "NumPy did not lay out itself; clone() it first")
        extent = offset + sum((n - 1) * st for n, st in zip(size, stride)) + 1 \
            if all(size) else 0
        if extent > memory.size:
            item = data.itemsize
            raise RuntimeError(
                f"setStorage: sizes {list(size)}, strides {list(stride)}, storage offset "
                f"{offset}, and itemsize {item} requiring a storage size of {extent * item} "
                f"are out of bounds for storage of size {memory.size * item}")
        out = xp.lib.stride_tricks.as_strided(memory[offset:], size,
                                              tuple(st * data.itemsize for st in stride))
        ctx.input_geometry, ctx.offset = geometry(data), offset
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None, None]:
        from .as_strided_backward import as_strided_gradient

        return (as_strided_gradient(grad, ctx.input_geometry, ctx.size, ctx.stride, ctx.offset),
                None, None, None)


def as_strided(x: Tensor, size: Any, stride: Any, storage_offset: Any = None) -> Tensor:
    """``x.as_strided(size, stride, storage_offset)``: a view of x's memory block with any
    shape and strides (PyTorch's checks: no negative strides or offset)."""
    size, stride = tuple(int(n) for n in size), tuple(int(st) for st in stride)
    if len(size) != len(stride):
        raise RuntimeError("mismatch in length of strides and shape")
    if any(st < 0 for st in stride):
        raise RuntimeError("as_strided: Negative strides are not supported at the moment, "
                           f"got strides: {list(stride)}")
    if storage_offset is not None and storage_offset < 0:
        raise RuntimeError(f"Tensor: invalid storage offset {storage_offset}")
    return AsStridedOf.apply(x, size, stride, storage_offset)


class AsStridedInplace(AsStridedOf):
    __doc__ = AsStridedOf.__doc__
    node_name = "AsStridedBackward1"


class SetSource(Function):
    """x.set_(source): x now reads source's memory. PyTorch has no derivative for it: its
    node is NotImplemented, and backward through it is an error."""

    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx: Any, x: Tensor, source: Any) -> Any:
        return x._data  # (already reading source's memory)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Any:
        raise RuntimeError("derivative for set_ is not implemented")


not_implemented(SetSource, edges_requiring_grad=False)  # (PyTorch's own node: both edges)


# x.view(...) with its argument checks and x.view(dtype) live in ops/view_methods.py
from .view_methods import check_sizes, view_as_dtype, view_method  # noqa: E402, F401
