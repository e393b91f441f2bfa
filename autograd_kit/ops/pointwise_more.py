"""More elementwise functions: atan2, hypot, logaddexp, xlogy, addcmul, addcdiv, sgn,
nan_to_num.

Each value of the output depends on the values at the same position of the inputs, so each
gradient is the arriving gradient times a partial derivative; inputs that were broadcast
have their gradient summed back by the engine.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..tensor import Tensor, typename
from . import glibc_float32
from .arithmetic import AddNumber
from .cpp_numbers import number_over, times_number
from .operands import (
    arrays,
    as_operand,
    check_broadcast,
    common_dtype,
    float_arrays,
    kernel_error,
    number_for,
)
from .preserved_layout import operands_layout, preserved_copy, tensors_layout
from .sleef_float32 import rounded_once
from .unary import Sign

_arctan2 = rounded_once("arctan2")


class Atan2(Function):
    """out = atan2(a, b), the angle of the point (b, a)

    ∂out/∂a = b / (a² + b²),   ∂out/∂b = -a / (a² + b²)
    """

    node_name = "Atan2Backward0"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        ctx.save_for_backward(a, b)
        return _arctan2(a._xp, *float_arrays(a, b))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        needs_a, needs_b = ctx.needs_input_grad
        b_squared = b * b  # (first: C++ evaluates a * a + b * b's right operand first)
        recip = (a * a + b_squared).reciprocal()
        recip = recip.masked_fill(recip.isinf(), 0.0)  # at (0, 0): 0, as PyTorch gives
        return grad * b * recip if needs_a else None, grad * -a * recip if needs_b else None


class Hypot(Function):
    """out = √(a² + b²)

    ∂out/∂a = a / out,   ∂out/∂b = b / out
    """

    node_name = "HypotBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        x, y = arrays(a, b)
        if x.dtype.kind not in "fc":
            raise kernel_error("hypot_cpu", dtypes.of_numpy(x.dtype))
        out = a._xp.hypot(x, y)
        needs_a, needs_b = ctx.needs_input_grad  # each input kept for its own gradient only
        ctx.save_for_backward(a if needs_a else None, b if needs_b else None, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b, out = ctx.saved_tensors
        needs_a, needs_b = ctx.needs_input_grad
        grad_b = grad * b / out if needs_b else None  # (b's first: PyTorch's order, see `Mul`)
        return grad * a / out if needs_a else None, grad_b


class Logaddexp(Function):
    """out = log(exp(a) + exp(b))

    ∂out/∂a = exp(a) / (exp(a) + exp(b)) = 1 / (1 + exp(b - a)),   and the same with a, b swapped
    """

    node_name = "LogaddexpBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        ctx.save_for_backward(a, b)
        x, y = arrays(a, b)
        if x.dtype.kind not in "fc":  # PyTorch has no integer kernel
            raise kernel_error(f"logaddexp_{a.device.type}", dtypes.of_numpy(x.dtype))
        return a._xp.logaddexp(x, y)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        needs_a, needs_b = ctx.needs_input_grad
        # (PyTorch's C++ 1 + t is add with a number: AddBackward1 under create_graph)
        grad_b = grad / AddNumber.apply((a - b).exp(), 1) if needs_b else None  # (b's first:
        return grad / AddNumber.apply((b - a).exp(), 1) if needs_a else None, grad_b  # `Mul`)


def _xlogy_array(xp: Any, x: Any, y: Any) -> Any:
    """x · log y, with 0 where x is 0 (unless y is NaN); log is the C library's for a float32
    CPU array, as PyTorch's scalar kernel calls it."""
    errstate = getattr(xp, "errstate", None)  # NumPy warns about log(0); CuPy does not
    log = glibc_float32.logf if getattr(y, "dtype", None) == "float32" and xp is numpy else xp.log
    if errstate is None:
        out = x * log(y)
    else:
        with errstate(invalid="ignore", divide="ignore"):
            out = x * log(y)
    return xp.where((x == 0) & ~xp.isnan(y), 0, out) if hasattr(out, "shape") else out


class Xlogy(Function):
    """out = x · log(y)   (0 where x = 0, even for y = 0)

    ∂out/∂x = log(y)  (0 where x = 0 and y ≤ 0),   ∂out/∂y = x / y
    """

    node_name = "XlogyBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, x: Any, y: Any) -> Any:
        ctx.save_for_backward(x, y)
        xp = (x if isinstance(x, Tensor) else y)._xp
        dtype = common_dtype(x, y)
        dtype = dtype if dtype.is_floating_point else dtypes.default_float()
        a, b = (xp.asarray(v._data if isinstance(v, Tensor) else v, dtype=dtype.numpy)
                for v in (x, y))
        return _xlogy_array(xp, a, b)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        x, y = ctx.saved_tensors
        needs_x, needs_y = ctx.needs_input_grad
        grad_x = grad_y = None
        if needs_y:  # (y's first: PyTorch's order, see `Mul`)
            grad_y = grad * x / y
        if needs_x:  # log y, but 0 where x = 0 and y ≤ 0 (where xlogy itself was set to 0)
            grad_x = xlogy(grad, y).masked_fill((x == 0) & (y <= 0), 0)
        return grad_x, grad_y


class XlogyNumberFirst(Xlogy):
    __doc__ = Xlogy.__doc__
    node_name = "XlogyBackward1"


class XlogyNumberSecond(Xlogy):
    __doc__ = Xlogy.__doc__
    node_name = "XlogyBackward2"


class Addcmul(Function):
    """out = input + value · t1 · t2

    ∂out/∂input = 1,   ∂out/∂t1 = value · t2,   ∂out/∂t2 = value · t1
    """

    node_name = "AddcmulBackward0"
    result_layout = tensors_layout  # (its operands' layout, see Function)
    saved_tensor_names = ("tensor1", "tensor2")
    saved_options: dict[str, Any] = {"value": None}
    always_keeps_t2 = False

    @classmethod
    def forward(cls, ctx: Any, input: Tensor, t1: Tensor, t2: Tensor,  # noqa: A002
                value: Any) -> Any:
        shape = input._data.shape  # PyTorch's broadcast error, operand by operand
        for t in (t1, t2):
            check_broadcast(shape, t._data.shape)
            shape = numpy.broadcast_shapes(shape, t._data.shape)
        needs = ctx.needs_input_grad  # each factor only for the other's gradient (PyTorch)
        ctx.save_for_backward(t1 if needs[2] else None,
                              t2 if needs[1] or cls.always_keeps_t2 else None)
        dtype = common_dtype(input, t1, t2)
        if dtype.name == "bool":
            raise kernel_error(f"{cls.__name__.lower()}_{input.device.type}_out", dtype)
        value = number_for(value, dtype.numpy, "float32")  # (PyTorch's overflow check,
        value = value if dtype.is_floating_point else int(value)  # a float truncated for ints)
        ctx.value = value
        wide = numpy.float32 if dtype.name == "float16" else dtype.numpy  # (PyTorch: float16
        x, a, b = (t._data.astype(dtype.numpy, copy=False).astype(wide, copy=False)  # in
                   for t in (input, t1, t2))  # float32, each operand first in the result type)
        return cls.compute(x, a, b, value).astype(dtype.numpy, copy=False)

    @staticmethod
    def compute(x: Any, a: Any, b: Any, value: Any) -> Any:
        """PyTorch's CPU kernel: input + (value·t1)·t2, the last multiply-add fused (rounded
        once), as in the optimizers' ``addcmul_``."""
        from ..optim._fused import addcmul as fused_addcmul  # (optim imports ops: late)
        return fused_addcmul(x, a, b, value)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, Any, None]:
        """PyTorch's formulas: grad · (t2 · value), grad · (t1 · value) (C++ t · value:
        MulBackward1, recorded even for value 1)."""
        t1, t2 = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return (grad if needs[0] else None,
                grad * times_number(t2, ctx.value) if needs[1] else None,
                grad * times_number(t1, ctx.value) if needs[2] else None, None)


class Addcdiv(Addcmul):
    """out = input + value · t1 / t2

    ∂out/∂input = 1,   ∂out/∂t1 = value / t2,   ∂out/∂t2 = -value · t1 / t2²
    """

    node_name = "AddcdivBackward0"
    always_keeps_t2 = True  # (PyTorch keeps the divisor whichever gradient is needed)

    @classmethod
    def forward(cls, ctx: Any, input: Tensor, t1: Tensor, t2: Tensor,  # noqa: A002
                value: Any) -> Any:
        """PyTorch's first check, for addcdiv and addcdiv_ alike: no integer division."""
        if not any(t.dtype.is_floating_point or t.dtype.is_complex for t in (t1, t2)):
            raise RuntimeError(
                "Integer division with addcdiv is no longer supported, and in a future  "
                "release addcdiv will perform a true division of tensor1 and tensor2. The "
                "historic addcdiv behavior can be implemented as (input + value * "
                "torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as "
                "(input + value * tensor1 / tensor2) for float inputs. The future addcdiv "
                "behavior is just the latter implementation: (input + value * tensor1 / "
                "tensor2), for all dtypes.")
        return super().forward(ctx, input, t1, t2, value)

    @staticmethod
    def compute(x: Any, a: Any, b: Any, value: Any) -> Any:
        """PyTorch's CPU kernel: input + (value·t1)/t2 (nothing fused)."""
        return x + (a * value if value != 1 else a) / b

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, Any, None]:
        """PyTorch's formulas: grad · (value / t2) (C++ value / t2: DivBackward0 with a None
        edge) and -grad · (value · t1 / (t2 · t2)) (value · t1: MulBackward1), the latter's
        right operands first (t2 · t2, then value · t1, then -grad), as C++ evaluates them."""
        t1, t2 = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_t1 = grad * number_over(ctx.value, t2) if needs[1] else None
        grad_t2 = None
        if needs[2]:
            square = t2 * t2
            quotient = times_number(t1, ctx.value) / square
            grad_t2 = -grad * quotient
        return grad if needs[0] else None, grad_t1, grad_t2, None


class Sgn(Sign):
    """y = sgn(x) = x / |x| (sign(x) for real numbers)     dy/dx = 0"""

    node_name = "SgnBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        y = Sign.forward(ctx, x)
        ctx.save_for_backward(x, y)  # (what PyTorch's rule keeps, for complex numbers)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        ctx.saved_tensors  # noqa: B018  (checked, as PyTorch: freed, or changed in place)
        from ..gradient_sums import efficient_zero

        return efficient_zero(grad)  # (PyTorch's rule for real numbers)


class NanToNum(Function):
    """out = x with NaN, +inf and -inf replaced by numbers

    ∂out/∂x = 1 where x is finite, 0 where it was replaced  →  grad_x = grad · isfinite(x)
    """

    node_name = "NanToNumBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, nan: Any, posinf: Any, neginf: Any) -> Any:
        data = x._data
        ctx.save_for_backward(x)
        out = preserved_copy(x._xp, data)  # (laid out as PyTorch's clone of x)
        if data.dtype.kind not in "fc":
            return out
        info = x._xp.finfo(data.dtype)
        return x._xp.nan_to_num(out, copy=False, nan=nan, neginf=info.min if neginf is None
                                else neginf, posinf=info.max if posinf is None else posinf)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None, None]:
        (x,) = ctx.saved_tensors
        finite = x._xp.asarray(x._xp.isfinite(x._data))  # (an array for 0-dim data too)
        return grad * Tensor._make(finite), None, None, None


# ---- the functions ---------------------------------------------------------------------------

def _two_tensors(name: str, a: Any, b: Any) -> tuple[Tensor, Tensor]:
    if not isinstance(b, Tensor):
        raise TypeError(f"{name}(): argument 'other' (position 2) must be Tensor, "
                        f"not {typename(b)}")
    if not isinstance(a, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, "
                        f"not {typename(a)}")
    return a, b


def atan2(a: Tensor, b: Tensor) -> Tensor:
    return Atan2.apply(*_two_tensors("atan2", a, b))


def hypot(a: Tensor, b: Tensor) -> Tensor:
    return Hypot.apply(*_two_tensors("hypot", a, b))


def logaddexp(a: Tensor, b: Tensor) -> Tensor:
    return Logaddexp.apply(*_two_tensors("logaddexp", a, b))


def xlogy(x: Any, y: Any) -> Tensor:
    x, y = as_operand(x), as_operand(y)
    if not isinstance(x, Tensor):
        return XlogyNumberFirst.apply(x, y)
    if not isinstance(y, Tensor):
        return XlogyNumberSecond.apply(x, y)
    check_broadcast(x.shape, y.shape)
    return Xlogy.apply(x, y)


def addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, *,  # noqa: A002
            value: Any = 1) -> Tensor:
    from ..tensor_arguments import addc_arguments

    tensor1, tensor2, value = addc_arguments("addcmul", as_operand(tensor1),
                                             as_operand(tensor2), value, 2)
    return Addcmul.apply(input, tensor1, tensor2, value)


def addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, *,  # noqa: A002
            value: Any = 1) -> Tensor:
    from ..tensor_arguments import addc_arguments

    t1, t2, value = addc_arguments("addcdiv", as_operand(tensor1), as_operand(tensor2),
                                   value, 2)
    return Addcdiv.apply(input, t1, t2, value)


def sgn(x: Tensor) -> Tensor:
    return Sgn.apply(x)


def nan_to_num(x: Tensor, nan: float = 0.0, posinf: Any = None, neginf: Any = None) -> Tensor:
    return NanToNum.apply(x, nan, posinf, neginf)
