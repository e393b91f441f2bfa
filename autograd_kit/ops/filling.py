"""Overwriting values: zero_, fill_, copy_ (used by in-place methods).

The old values are gone, so no gradient flows back to them; ``copy_`` passes the gradient
on to the tensor it copied from.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..tensor import Tensor
from .broadcast import sum_to
from .operands import number_for, zero_gradient
from .preserved_layout import laid_out_like


class Zero(Function):
    """out = 0 everywhere      grad_x = 0 (the old values no longer matter)"""

    node_name = "ZeroBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        return x._xp.zeros_like(x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return zero_gradient(grad)


def filled_like(x: Tensor, value: Any) -> Any:
    """An array shaped like x, every element ``value`` (the in-place fill_ only reads its
    values; ``torch.fill`` lays it out with `laid_out_as_empty_like`)."""
    return x._xp.full_like(x._data, value)


def laid_out_as_empty_like(x: Tensor, filled: Any) -> Any:
    """``torch.fill``'s new tensor laid out as PyTorch's ``empty_like`` lays out x's (an
    expanded or transposed x)."""
    return laid_out_like(x._xp, filled, x._data)


class Fill(Function):
    """out = value everywhere      grad_x = 0"""

    node_name = "FillBackward2"

    @staticmethod
    def forward(ctx: Any, x: Tensor, value: Any) -> Any:
        one = "unchecked" if x._data.size == 1 else "float16"  # (PyTorch: one element, no check)
        return filled_like(x, number_for(value, x._data.dtype, one))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return zero_gradient(grad), None


class FillWithTensor(Function):
    """out = value everywhere (value a 0-dim tensor)

    grad_x = 0,  grad_value = Σ grad (every element is a copy of value)
    """

    node_name = "FillBackward3"

    @staticmethod
    def forward(ctx: Any, x: Tensor, value: Tensor) -> Any:
        if value._data.ndim:
            raise RuntimeError("fill_ only supports 0-dimension value tensor but got tensor "
                               f"with {value._data.ndim} dimensions.")
        return filled_like(x, value._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        grad_x = zero_gradient(grad) if ctx.needs_input_grad[0] else None
        return grad_x, grad.sum() if ctx.needs_input_grad[1] else None


class Copy(Function):
    """out = source's values (broadcast to x's shape)

    grad_x = 0,  grad_source = grad summed back to source's shape, in source's dtype
    """

    node_name = "CopyBackwards"
    numbers_are_inputs = True
    copies = True  # (into an integer tensor: not recorded, see inplace.apply_inplace)

    @staticmethod
    def forward(ctx: Any, x: Tensor, source: Any) -> Any:
        if isinstance(source, Tensor):
            if source._data.shape != x._data.shape:  # PyTorch's errors, not NumPy's
                from ..inplace import check_fits

                check_fits(x._data.shape, source._data.shape)
            ctx.source_shape, ctx.source_dtype = source._data.shape, source.dtype
            ctx.source_device = source.device
            from .. import backend

            data = backend.to_device(source._data, x.device)
        else:  # a number: a tensor of its own type (float64, int64, bool) first, then cast
            data = numpy.asarray(source)  # as a tensor's values are (-2 is 254 for uint8)
        xp = x._xp
        data = dtypes.through_float(data, x._data.dtype)
        return xp.broadcast_to(xp.asarray(data, dtype=x._data.dtype), x._data.shape).copy()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        grad_x = zero_gradient(grad) if ctx.needs_input_grad[0] else None
        grad_source = None
        if ctx.needs_input_grad[1]:
            grad_source = sum_to(grad, ctx.source_shape).to(ctx.source_device, ctx.source_dtype)
        return grad_x, grad_source


def fill_rule(value: Any) -> type[Function]:
    """fill_'s rule for its value: a 0-dim tensor (which gets a gradient) or a number."""
    if isinstance(value, Tensor):
        return FillWithTensor
    if _is_number(value):
        return Fill
    from ..tensor import typename

    got = name = typename(value)
    if isinstance(value, (list, tuple)):  # PyTorch shows what they hold
        inner = ", ".join(sorted({type(v).__name__ for v in value}))
        got = f"list of [{inner}]" if isinstance(value, list) else f"tuple of ({inner},)"
    raise TypeError(
        f"fill_() received an invalid combination of arguments - got ({name}), "
        "but expected one of:\n * (Tensor value)\n      didn't match because some of the "
        f"arguments have invalid types: (!{got}!)\n * (Number value)\n      didn't match "
        f"because some of the arguments have invalid types: (!{got}!)\n")


def copy_source(value: Any) -> Any:
    """copy_ takes a tensor or a number (PyTorch's TypeError for anything else)."""
    if isinstance(value, Tensor):
        return value
    if _is_number(value):
        from .operands import as_operand

        return as_operand(value)
    from ..tensor import typename

    raise TypeError(f"copy_(): argument 'other' (position 1) must be Tensor, not "
                    f"{typename(value)}")


def _is_number(value: Any) -> bool:
    """A Python number or a NumPy scalar (not an array)."""
    return isinstance(value, (bool, int, float)) or (
        type(value).__module__ == "numpy" and getattr(value, "ndim", 1) == 0)
