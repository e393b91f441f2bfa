"""Operations that pick values: where, maximum, minimum.

The gradient goes to whichever input was picked. For maximum/minimum a tie splits it in
half, as PyTorch does.
"""

from __future__ import annotations

from typing import Any

from .. import backend, dtypes
from ..function import Function
from ..tensor import Tensor
from .operands import arrays, as_array_like, check_same_device


class Where(Function):
    """out = a where cond else b

    ∂out/∂a = cond,  ∂out/∂b = not cond   →  grad_a = grad * cond,  grad_b = grad * ~cond
    """

    node_name = "WhereBackward0"
    numbers_are_inputs = True

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any, condition: Any) -> Any:
        # condition is the bare bool array: PyTorch gives it no edge in next_functions
        ctx.condition = condition
        if not isinstance(a, Tensor) and not isinstance(b, Tensor):  # where(cond, 1., 0.)
            xp = backend.module_of(condition)
            kind = dtypes.result_type([], [], [a, b]).numpy
            return xp.where(condition, xp.asarray(a, dtype=kind), xp.asarray(b, dtype=kind))
        like = a if isinstance(a, Tensor) else b
        if isinstance(a, Tensor) and isinstance(b, Tensor):
            check_same_device(a, b)
            x, y = arrays(a, b)
        else:
            x, y = as_array_like(a, like), as_array_like(b, like)
        return like._xp.where(condition, x, y)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        cond = Tensor._make(ctx.condition)
        grad_a = grad * cond if ctx.needs_input_grad[0] else None
        grad_b = grad * ~cond if ctx.needs_input_grad[1] else None
        return grad_a, grad_b, None


class Maximum(Function):
    """out = max(a, b) elementwise

    ∂out/∂a = 1 where a > b, ½ where a == b, 0 elsewhere (and the mirror image for b)
    """

    node_name = "MaximumBackward0"
    pick = staticmethod(lambda x, y: x > y)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        check_same_device(a, b)
        ctx.save_for_backward(a, b)
        x, y = arrays(a, b)
        return a._xp.maximum(x, y)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        share_a = cls.pick(a, b) + (a == b) * 0.5
        grad_a = grad * share_a if ctx.needs_input_grad[0] else None
        grad_b = grad * (1 - share_a) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Minimum(Maximum):
    """out = min(a, b) elementwise

    ∂out/∂a = 1 where a < b, ½ where a == b, 0 elsewhere (and the mirror image for b)
    """

    node_name = "MinimumBackward0"
    pick = staticmethod(lambda x, y: x < y)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        check_same_device(a, b)
        ctx.save_for_backward(a, b)
        x, y = arrays(a, b)
        return a._xp.minimum(x, y)
