"""Joining tensors: ``cat`` and ``stack``, each input getting back its own part of the
gradient (a slice of it for cat, one index of it for stack)."""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim
from .indexing import Select, Slice
from .operands import argument_device_error, on_other_devices
from .preserved_layout import joined_layout, row_major, suggests_channels_last


def tensor_list(name: str, tensors: Any, argument: str = "tensors") -> list[Tensor]:
    """The tensors of cat, stack and their kin (or index_put's ``indices``): a list or tuple
    of Tensors, with PyTorch's TypeErrors for anything else."""
    from ..tensor import typename

    if not isinstance(tensors, (list, tuple)):
        kind = "Tensor" if isinstance(tensors, Tensor) else typename(tensors)
        raise TypeError(f"{name}(): argument '{argument}' (position 1) must be tuple of "
                        f"Tensors, not {kind}")
    for position, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {position} in argument 0, but got "
                            f"{typename(t)}")
    return list(tensors)


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
        from .operands import common_dtype

        dtype = common_dtype(*tensors).numpy
        joined = [(n, t) for n, t in enumerate(tensors) if not _legacy_empty(t)]
        ctx.skipped = [_legacy_empty(t) for t in tensors]
        if not joined:  # nothing but shape-[0] tensors: an empty one
            ctx.axis, ctx.sizes = 0, [0] * len(tensors)
            return tensors[0]._xp.zeros((0,), dtype)
        first = joined[0][1]._data
        for _, t in joined[1:]:
            data = t._data
            if on_other_devices(joined[0][1], t):
                raise argument_device_error("cat", "tensors", t, joined[0][1])
            if data.ndim != first.ndim:
                raise RuntimeError(
                    f"Tensors must have same number of dimensions: got {first.ndim} and {data.ndim}"
                )
        axis = _wrap_dim(dim, first.ndim)
        for number, t in joined[1:]:
            for d in range(first.ndim):
                if d != axis and t._data.shape[d] != first.shape[d]:
                    raise RuntimeError(
                        f"Sizes of tensors must match except in dimension {axis}. Expected size "
                        f"{first.shape[d]} but got size {t._data.shape[d]} for tensor number "
                        f"{number} in the list."
                    )
        ctx.axis = axis
        ctx.sizes = [0 if skip else t._data.shape[axis] for skip, t in zip(ctx.skipped, tensors)]
        arrays = [t._data.astype(dtype, copy=False) for _, t in joined]
        xp = joined[0][1]._xp
        return joined_layout(xp, xp.concatenate(arrays, axis), arrays)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        """Every tensor of the list gets its part once any needs one (PyTorch: hooks see all)."""
        grads, start = [], 0
        for i, size in enumerate(ctx.sizes):
            if ctx.skipped[i]:  # a shape-[0] tensor left out of the join: an empty gradient
                grads.append(grad.new_zeros((0,)))
            else:
                part = (slice(None),) * ctx.axis + (slice(start, start + size),)
                grads.append(Slice.apply(grad, part))
            start += size
        return (None, *grads)


def _legacy_empty(t: Tensor) -> bool:
    """A tensor of shape [0]: PyTorch's cat leaves it out, whatever the others' shapes."""
    return t._data.shape == (0,)


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
        xp, arrays = tensors[0]._xp, [t._data for t in tensors]
        out = xp.stack([a.astype(dtype, copy=False) for a in arrays], ctx.axis)
        if all(suggests_channels_last(a) for a in arrays):
            return out  # (PyTorch's cat of the unsqueezed inputs: their own layout)
        return row_major(xp, out)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        """Every tensor of the list gets its part once any needs one (PyTorch: hooks see all)."""
        grads = [Select.apply(grad, (slice(None),) * ctx.axis + (i,))
                 for i in range(len(ctx.needs_input_grad) - 1)]
        return (None, *grads)
