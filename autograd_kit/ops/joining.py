"""Joining tensors: ``cat`` and ``stack``, each input getting back its own part of the
gradient (a slice of it for cat, one index of it for stack)."""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim
from .indexing import Select, Slice
from .operands import argument_device_error, on_other_devices


class Cat(Function):
    """out = the inputs joined along ``dim``

    Each input gets back its own stretch of the gradient: grad_i = grad[..., start_i:end_i, ...]
    """

    node_name = "CatBackward0"
    saved_options = {"dim": given_dim("dim")}

    @staticmethod
    def forward(ctx: Any, dim: int, *tensors: Tensor) -> Any:
        ctx.dim = dim  # (as given: a negative one shows unsigned)
        for position, t in enumerate(tensors):
            if t._data.ndim == 0:
                raise RuntimeError(f"zero-dimensional tensor (at position {position}) cannot be "
                                   "concatenated")
        first = tensors[0]._data
        for t in tensors[1:]:
            data = t._data
            if on_other_devices(tensors[0], t):
                raise argument_device_error("cat", "tensors", t, tensors[0])
            if data.ndim != first.ndim:
                raise RuntimeError(
                    f"Tensors must have same number of dimensions: got {first.ndim} and {data.ndim}"
                )
        axis = _wrap_dim(dim, first.ndim)
        for number, t in enumerate(tensors[1:], start=1):
            for d in range(first.ndim):
                if d != axis and t._data.shape[d] != first.shape[d]:
                    raise RuntimeError(
                        f"Sizes of tensors must match except in dimension {axis}. Expected size "
                        f"{first.shape[d]} but got size {t._data.shape[d]} for tensor number "
                        f"{number} in the list."
                    )
        ctx.axis = axis
        ctx.sizes = [t._data.shape[axis] for t in tensors]
        from .operands import common_dtype

        dtype = common_dtype(*tensors).numpy
        arrays = [t._data.astype(dtype, copy=False) for t in tensors]
        return tensors[0]._xp.concatenate(arrays, axis)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        grads, start = [], 0
        for i, size in enumerate(ctx.sizes):
            part = (slice(None),) * ctx.axis + (slice(start, start + size),)
            grads.append(Slice.apply(grad, part) if ctx.needs_input_grad[i + 1] else None)
            start += size
        return (None, *grads)


class Stack(Function):
    """out = the inputs stacked along a new dimension ``dim``

    grad_i = grad selected at position i of that dimension
    """

    node_name = "StackBackward0"
    saved_options = {"dim": given_dim("given_dim")}

    @staticmethod
    def forward(ctx: Any, dim: int, *tensors: Tensor) -> Any:
        first = tensors[0]._data.shape
        for i, t in enumerate(tensors[1:], start=1):
            if on_other_devices(tensors[0], t):  # PyTorch's stack is a cat
                raise argument_device_error("cat", "tensors", t, tensors[0])
            if t._data.shape != first:
                raise RuntimeError(
                    f"stack expects each tensor to be equal size, but got {list(first)} at entry "
                    f"0 and {list(t._data.shape)} at entry {i}"
                )
        ctx.given_dim, ctx.axis = dim, _wrap_dim(dim, len(first) + 1)
        from .operands import common_dtype

        dtype = common_dtype(*tensors).numpy
        return tensors[0]._xp.stack([t._data.astype(dtype, copy=False) for t in tensors], ctx.axis)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        grads = [
            Select.apply(grad, (slice(None),) * ctx.axis + (i,)) if needed else None
            for i, needed in enumerate(ctx.needs_input_grad[1:])
        ]
        return (None, *grads)
