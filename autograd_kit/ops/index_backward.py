"""What reading by index sends back: the gradient written into zeros at the positions read,
recorded under ``create_graph`` as PyTorch records it (IndexPutImplBackward0 for index arrays
and masks, SliceBackwardBackward0 / SelectBackwardBackward0 for slices and integers)."""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor
from .repeated_positions import reduced_at


def _is_basic(key: Any) -> bool:
    parts = key if isinstance(key, tuple) else (key,)
    return all(p is None or p is Ellipsis or isinstance(p, (int, slice)) for p in parts)


class IndexAdd(Function):
    """out = zeros(shape); out[key] += values   (what indexing sends back)

    ∂out/∂values reads the same positions again: grad_values = grad[key]
    """

    node_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx: Any, values: Tensor, shape: tuple[int, ...], key: Any) -> Any:
        ctx.key = key
        xp = values._xp
        out = xp.zeros(shape, dtype=values._data.dtype)
        if _is_basic(key):
            out[key] = values._data
        else:
            out = reduced_at(xp, "add", out, key, values._data)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        from .indexing import Index

        return Index.apply(grad, ctx.key), None, None


class SliceBack(IndexAdd):
    """out = zeros(shape); out[a:b:s] = values   (a slice's gradient: slice_backward)

    ∂out/∂values reads the slice again: grad_values = grad[a:b:s]
    """

    node_name = "SliceBackwardBackward0"

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        from .indexing import Slice

        return Slice.apply(grad, ctx.key), None, None


class SelectBack(IndexAdd):
    """out = zeros(shape); out[..., i, ...] = values   (select_backward)

    ∂out/∂values reads index i again: grad_values = grad[..., i, ...]
    """

    node_name = "SelectBackwardBackward0"

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        from .indexing import Select

        return Select.apply(grad, ctx.key), None, None


class IndexPutAccumulate(Function):
    """out = zeros; out[key] += values   (index_put_ with accumulate: x[key]'s gradient)

    grad_zeros = grad;   grad_values = grad[key]
    """

    node_name = "IndexPutImplBackward0"

    @staticmethod
    def forward(ctx: Any, zeros: Tensor, values: Tensor, key: Any) -> Any:
        ctx.key = key
        return reduced_at(zeros._xp, "add", zeros._data.copy(), key, values._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        grad_zeros = grad if ctx.needs_input_grad[0] else None
        from .indexing import Index

        grad_values = Index.apply(grad, ctx.key) if ctx.needs_input_grad[1] else None
        return grad_zeros, grad_values, None
