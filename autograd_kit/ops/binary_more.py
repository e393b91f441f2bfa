"""More elementwise functions of two tensors, on the bits of floating-point numbers and on
powers of two: copysign, logaddexp2, ldexp, nextafter, frexp, heaviside.

    copysign(a, b) = |a| with b's sign    ∂/∂a = copysign(a, b) / a  (0 where a = 0),  ∂/∂b = 0
    logaddexp2(a, b) = log₂(2^a + 2^b)    ∂/∂a = 1 / (1 + 2^(b - a))   (and a, b swapped)
    ldexp(a, e) = a · 2^e                 ∂/∂a = 2^e,   ∂/∂e = a · 2^e · ln 2
    nextafter(a, b) = the next float after a toward b     ∂/∂a = 1,  ∂/∂b = 0
    frexp(x) = (m, e) with x = m · 2^e, ½ ≤ |m| < 1        ∂m/∂x = 2^(-e)
    heaviside(x, v) = 0 below 0, v at 0, 1 above 0        (no derivative in PyTorch)
"""

from __future__ import annotations

import math
from typing import Any

from .. import dtypes
from ..function import Function
from ..struct_sequence import struct_sequence
from ..tensor import Tensor
from .arithmetic import AddNumber
from .operands import (
    arrays,
    as_operand,
    check_same_device,
    common_dtype,
    data_beside,
    ensure_array,
    float_arrays,
    kernel_error,
)
from .pointwise_more import _two_tensors
from .preserved_layout import operands_layout
from .rounding import FloorDivide, not_implemented


def _float_arrays(a: Any, b: Any) -> tuple[Any, Any]:
    """Both operands as arrays in their result type, integers going to the default float
    type (each from its own type)."""
    x, y = float_arrays(a, b)
    dtype = common_dtype(a, b)
    target = dtype.numpy if dtype.is_floating_point else dtypes.default_float().numpy
    tensor = a if isinstance(a, Tensor) else b
    return (tensor._xp.asarray(x).astype(target, copy=False),
            tensor._xp.asarray(y).astype(target, copy=False))


def _floats_only(kernel: str, a: Tensor, b: Tensor) -> tuple[Any, Any]:
    """Both operands in their result type, which must be a floating one (PyTorch has no
    integer kernel for these)."""
    dtype = common_dtype(a, b)
    if not dtype.is_floating_point:
        raise kernel_error(f"{kernel}_{a.device.type}", dtype)
    return arrays(a, b)


class Copysign(Function):
    """out = |a| with the sign of b

    ∂out/∂a = out / a (±1; taken as 0 where a = 0),   ∂out/∂b = 0
    """

    node_name = "CopysignBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    numbers_are_inputs = False

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Any) -> Any:
        x, y = _float_arrays(a, b)
        out = a._xp.copysign(x, y)
        ctx.save_for_backward(a if ctx.needs_input_grad[0] else None, out)  # (a for grad_a only)
        if isinstance(b, Tensor):  # (what PyTorch's zeros_like(other) reads of it)
            ctx.other_like = (b._data.shape, b._data.dtype)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, out = ctx.saved_tensors
        grad_a = grad * (out / a).masked_fill(a == 0, 0) if ctx.needs_input_grad[0] else None
        grad_b = None
        if len(ctx.needs_input_grad) > 1 and ctx.needs_input_grad[1]:
            # PyTorch's zeros_like(other): b's size and dtype (not the broadcast result's),
            # row-major, one version on (made by zero_)
            grad_b = Tensor._make(grad._xp.zeros(*ctx.other_like))
            grad_b._version_counter[0] = 1
        return grad_a, grad_b


class CopysignNumber(Copysign):
    __doc__ = Copysign.__doc__
    node_name = "CopysignBackward1"


class Logaddexp2(Function):
    """out = log₂(2^a + 2^b)

    ∂out/∂a = 2^a / (2^a + 2^b) = 1 / (1 + 2^(b - a)),   and the same with a, b swapped
    """

    node_name = "Logaddexp2Backward0"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        ctx.save_for_backward(a, b)
        return a._xp.logaddexp2(*_floats_only("logaddexp2", a, b))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        needs_a, needs_b = ctx.needs_input_grad
        # (PyTorch's C++ 1 + pow(2, t): add with a number, AddBackward1, and a number to a
        # tensor's power, PowBackward2, under create_graph)
        grad_b = grad / AddNumber.apply(2 ** (a - b), 1) if needs_b else None  # (b's first:
        return grad / AddNumber.apply(2 ** (b - a), 1) if needs_a else None, grad_b  # `Mul`)


class Ldexp(Function):
    """out = a · 2^e

    ∂out/∂a = 2^e,   ∂out/∂e = out · ln 2   (PyTorch saves e, for grad_a only, and out)

    Computed as PyTorch computes it: a float a with an integer e exactly (in double, into a's
    type and shape; a bool e has no kernel), otherwise a · 2^e with the powers in their own
    result type (`_powers_type`), so a float16 e gives float16 powers.
    """

    node_name = "LdexpBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    saved_tensor_names = ("other", "result")

    @staticmethod
    def forward(ctx: Any, a: Tensor, e: Tensor) -> Any:
        xp, _ = a._xp, arrays(a, e)  # (the device and broadcast checks)
        x, y = data_beside(a, e), data_beside(e, a)
        if x.dtype.kind == "f" and y.dtype.kind in "biu":
            if y.dtype.kind == "b":
                raise kernel_error(f"ldexp_{a.device.type}_exp", e.dtype)
            out = xp.ldexp(x.astype(xp.float64), y.astype(xp.int64)).astype(x.dtype)
            if out.shape != x.shape and x.size:  # (PyTorch's result is empty_like(a), resized)
                from ..memory_overlap import _outside_the_kit
                from .out_variants import warn_resized

                warn_resized(x.shape, out.shape, _outside_the_kit())
        else:
            powers = _powers_type(a.dtype, e.dtype, y.ndim)
            dimensioned = [d for d, n in ((a.dtype, x.ndim), (powers, y.ndim)) if n]
            zero_dim = [d for d, n in ((a.dtype, x.ndim), (powers, y.ndim)) if not n]
            target = dtypes.result_type(dimensioned, zero_dim, []).numpy
            out = x.astype(target) * xp.exp2(y.astype(powers.numpy)).astype(target)
        ctx.save_for_backward(e if ctx.needs_input_grad[0] else None, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        e, out = ctx.saved_tensors
        needs_a, needs_e = ctx.needs_input_grad
        return (grad * e.exp2() if needs_a else None,
                grad * out * math.log(2) if needs_e else None)


def _powers_type(a: dtypes.dtype, e: dtypes.dtype, e_ndim: int) -> dtypes.dtype:
    """The type of PyTorch's 2^e in ldexp: ``pow(2.0, e)`` beside an integer, bool or float32
    a; beside a float64 or float16 a, a 0-dim 2.0 of a's type to the power e."""
    if not a.is_floating_point or a.name == "float32":
        return dtypes.result_type([e] if e_ndim else [], [] if e_ndim else [e], [2.0])
    return dtypes.result_type([e] if e_ndim else [], [a] if e_ndim else [a, e], [])


class Nextafter(Function):
    """out = the next representable float after a, toward b

    PyTorch's rule: ∂out/∂a = 1 (0 where a == b: out is b there),  ∂out/∂b = 0
    """

    node_name = "NextafterBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        ctx.save_for_backward(a, b)  # (unused, but saved and checked, as PyTorch does)
        return a._xp.nextafter(*_floats_only("nextafter", a, b))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors  # (an input changed in place since fails here)
        needs_b = ctx.needs_input_grad[1]
        return (grad.masked_fill(a == b, 0.0),
                Tensor._make(grad._xp.zeros_like(grad._data)) if needs_b else None)


class Frexp(Function):
    """mantissa, exponent = m, e with x = m · 2^e and ½ ≤ |m| < 1 (0 for 0)

    ∂m/∂x = 2^(-e)   →  grad_x = grad / 2^e   (the exponent is an integer: no gradient)
    """

    node_name = "FrexpBackward0"
    saved_tensor_names = ("exponent",)

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        if not x.dtype.is_floating_point:
            raise RuntimeError("torch.frexp() only supports floating-point dtypes")
        mantissa, exponent = (ensure_array(v, x._xp) for v in x._xp.frexp(x._data))
        exponent = Tensor._make(exponent.astype("int32"))
        ctx.mark_non_differentiable(exponent)
        # saved (and freed by a backward) as a tensor of its own sharing the exponent's data
        # and version: an output without gradient history, as PyTorch keeps it
        alias = Tensor._make(exponent._data)
        alias._version_counter = exponent._version_counter
        ctx.save_for_backward(alias)
        return mantissa, exponent

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _unused: Any = None) -> Tensor:
        (exponent,) = ctx.saved_tensors
        return grad / exponent.exp2()


class Heaviside(FloorDivide):
    """out = 0 where x < 0, values where x == 0, 1 where x > 0   (no derivative in PyTorch:
    backward through it is an error)"""

    node_name = "NotImplemented"
    aten_name = "heaviside"

    @staticmethod
    def forward(ctx: Any, x: Tensor, values: Tensor) -> Any:
        if x.dtype != values.dtype:
            raise RuntimeError("heaviside is not yet implemented for tensors with different "
                               "dtypes.")
        check_same_device(x, values)
        data, v = arrays(x, values)
        xp = x._xp
        if data.dtype.kind == "b":
            return xp.where(data, True, v)
        return xp.where(data == 0, v, (data > 0).astype(data.dtype))


frexp_result = struct_sequence("frexp", ["mantissa", "exponent"])


not_implemented(Heaviside)  # (PyTorch's fallback: edges only to inputs requiring grad)


# ---- the functions -------------------------------------------------------------------------

def copysign(input: Tensor, other: Any) -> Tensor:  # noqa: A002 - PyTorch's argument names
    other = as_operand(other)
    if not isinstance(input, Tensor):
        raise TypeError(
            f"copysign() received an invalid combination of arguments - got "
            f"({type(input).__name__}, {type(other).__name__}), but expected one of:\n"
            " * (Tensor input, Tensor other, *, Tensor out = None)\n"
            " * (Tensor input, Number other, *, Tensor out = None)\n")
    if isinstance(other, Tensor):
        check_same_device(input, other)
        return Copysign.apply(input, other)
    return CopysignNumber.apply(input, other)


def logaddexp2(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return Logaddexp2.apply(*_two_tensors("logaddexp2", input, other))


def ldexp(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return Ldexp.apply(*_two_tensors("ldexp", input, other))


def ldexp_(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """``x.ldexp_(e)``: the result is floating, so an integer (or bool) x is refused in
    PyTorch's own words."""
    from ..inplace import check_fits
    from ..tensor_arguments import tensor_argument
    from ..tensor_method_families import inplace_of

    tensor_argument("ldexp_", "other", other)
    if not input.is_floating_point():
        raise RuntimeError("ldexp can't be cast to the desired output type "
                           f"{dtypes.scalar_type_word(input.dtype.name)}")
    check_fits(input.shape, other.shape)  # (x is the result, before any kernel runs)
    return inplace_of("ldexp")(input, other)


def nextafter(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return Nextafter.apply(*_two_tensors("nextafter", input, other))


def frexp(input: Tensor) -> Any:  # noqa: A002
    """The mantissa (same dtype) and the int32 exponent of each value: x = m · 2^e."""
    return frexp_result(*Frexp.apply(input))


def heaviside(input: Tensor, values: Tensor) -> Tensor:  # noqa: A002
    """(Its arguments' types: signature_parser.py, as PyTorch's parser checks them.)"""
    return Heaviside.apply(input, values)
