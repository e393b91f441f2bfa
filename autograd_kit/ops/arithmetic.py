"""Arithmetic: + - * / ** and negation.

Each rule returns one gradient per input. Where an input was broadcast, the rule may return
its gradient in the broadcast shape: the engine sums it back to the input's shape (see
``returned_gradients.run_rule``), as PyTorch's does. A Python number takes part as a constant: no
gradient for it.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy

from ..function import Function
from ..tensor import Tensor
from ..tensor_arguments import number_argument
from . import half_scalars
from .operands import (
    arrays,
    as_operand,
    check_fits_dtype,
    common_dtype,
    default_floats,
    ensure_array,
    number_for,
    save_factors,
    zero_gradient,
)
from .preserved_layout import operands_layout, row_major_result, tensors_layout
from .unrecorded import times_number, unrecorded


class Alpha(NamedTuple):
    """add/sub's ``alpha=``, given to their rules as an option (a bare number among the
    arguments would count as an input: Add and Sub take numbers as inputs)."""

    value: Any


def alpha_option(a: Any, b: Any, alpha: Any, subtracting: bool = False,
                 name: str | None = None) -> tuple[Any, ...]:
    """The extra argument of Add/Sub for ``alpha=`` (none for the plain operation), after
    PyTorch's checks in its order: (for the function ``name``, its parser's: a number or a
    0-dim tensor that needs no grad), bool operands of ``-``, then alpha against the result
    type (a bool alpha only for a bool result, a float one only for a floating result, an int
    that the type can hold). For a bool result alpha counts as True or False."""
    if type(alpha) is int and alpha == 1:
        return ()
    if name is not None:
        alpha = number_argument(name, "alpha", alpha)
    if subtracting:
        check_subtraction(a, b)
    dtype = common_dtype(a, b)
    if isinstance(alpha, bool) and dtype.name != "bool":
        raise RuntimeError("Boolean alpha only supported for Boolean results.")
    if isinstance(alpha, float) and not dtype.is_floating_point:
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating "
                           "point number.")
    alpha = number_for(alpha, dtype.numpy)
    return (Alpha(bool(alpha) if dtype.name == "bool" else alpha),)


def _times_alpha(ctx: Any, a: Any, b: Any, y: Any, alpha: Alpha | None) -> Any:
    """b's values times alpha, in the result type (kept on ctx for backward)."""
    ctx.alpha = 1 if alpha is None else alpha.value
    if alpha is None:
        return y
    xp = (a if isinstance(a, Tensor) else b)._xp
    dtype = common_dtype(a, b).numpy
    return xp.asarray(y, dtype=dtype) * xp.asarray(alpha.value, dtype=dtype)


def _alpha_one(ctx: Any, a: Any, b: Any) -> None:
    """What ``a ± b`` without an alpha keeps for backward: alpha = 1 (and no tensor).

    (Add, Sub, Mul and Div each name theirs ``plain_saves``: ops/plain_arithmetic.py, which
    computes plain operands' result itself, calls it instead of ``forward``; see
    `recording.record_plain`.)"""
    ctx.alpha = 1


class Add(Function):
    """out = a + alpha · b   (alpha = 1 unless given)

    ∂out/∂a = 1,  ∂out/∂b = alpha  →  grad_a = grad,  grad_b = grad · alpha
    """

    node_name = "AddBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    numbers_are_inputs = True
    saved_options: dict[str, Any] = {"alpha": None}

    plain_saves = staticmethod(_alpha_one)

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any, alpha: Alpha | None = None) -> Any:
        x, y = arrays(a, b)
        return x + _times_alpha(ctx, a, b, y, alpha)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        return _sum_gradients(ctx, grad, negate=False)


def _sum_gradients(ctx: Any, grad: Tensor, negate: bool) -> tuple[Any, ...]:
    """Add's and Sub's gradients: grad for a, ±grad · alpha for b (grad · alpha as C++ writes
    it: MulBackward1), None for an input that needs no gradient (what PyTorch's node gives,
    called by hand), and None for alpha when it was an argument."""
    needs = ctx.needs_input_grad
    grad_a = grad if needs[0] else None
    grad_b = (-grad if negate else grad) if needs[1] else None
    if len(needs) == 2:  # a ± b: no alpha among the arguments
        return grad_a, grad_b
    if grad_b is not None and ctx.alpha != 1:
        grad_b = MulNumber.apply(grad_b, ctx.alpha)
    return grad_a, grad_b, None


def _is_bool(value: Any) -> bool:
    """A bool tensor or a Python bool."""
    return value._data.dtype.kind == "b" if isinstance(value, Tensor) else isinstance(value, bool)


def check_subtraction(x: Any, y: Any) -> None:
    """PyTorch refuses ``-`` on booleans (a mask is inverted with ``~``)."""
    x_bool, y_bool = _is_bool(x), _is_bool(y)
    if x_bool and y_bool:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not "
                           "supported. Use the `^` or `logical_xor()` operator instead.")
    if x_bool or y_bool:
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. "
                           "If you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def subtract(a: Any, b: Any) -> Any:
    """``a - b`` on the arrays, in PyTorch's result type; bool operands are refused."""
    check_subtraction(a, b)
    x, y = arrays(a, b)
    return x - y


class Sub(Function):
    """out = a - alpha · b   (alpha = 1 unless given)

    ∂out/∂a = 1,  ∂out/∂b = -alpha  →  grad_a = grad,  grad_b = -grad · alpha
    """

    node_name = "SubBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    numbers_are_inputs = True
    saved_options: dict[str, Any] = {"alpha": None}

    plain_saves = staticmethod(_alpha_one)

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any, alpha: Alpha | None = None) -> Any:
        check_subtraction(a, b)
        x, y = arrays(a, b)
        return x - _times_alpha(ctx, a, b, y, alpha)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        return _sum_gradients(ctx, grad, negate=True)


class AddScaled(Add):
    __doc__ = Add.__doc__
    node_name = "AddBackward0"


class SubScaled(Sub):
    __doc__ = Sub.__doc__
    node_name = "SubBackward0"


def inplace_arguments(name: str, x: Tensor, other: Any, alpha: Any) -> tuple[Any, ...]:
    """The rule and arguments of ``x.add_(other, alpha=…)`` / ``x.sub_(…)``. With an alpha
    the rule is AddScaled / SubScaled (the same nodes): inplace.py's fast path for + and -
    without recording knows only the plain Add and Sub. (Autograd's refusals, for a leaf
    that requires grad, come before the checks of alpha, as in PyTorch.)"""
    other = as_operand(other)
    if not (type(alpha) is int and alpha == 1):
        from ..inplace import check_inplace_allowed  # (inplace.py imports this module)

        check_inplace_allowed(x, (other,))
    option = alpha_option(x, other, alpha, subtracting=name == "sub")
    plain, scaled = (Add, AddScaled) if name == "add" else (Sub, SubScaled)
    return (scaled if option else plain), other, *option


class RsubTensors(Function):
    """out = b - alpha · a   (``torch.rsub(a, b)`` with two tensors)

    ∂out/∂a = -alpha,  ∂out/∂b = 1  →  grad_a = -grad · alpha,  grad_b = grad
    """

    node_name = "RsubBackward0"
    saved_options: dict[str, Any] = {"alpha": None}
    result_layout = staticmethod(  # (its operands' layout, b first: PyTorch computes b - a)
        lambda values, args: operands_layout(values, (args[1], args[0])))

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Any, alpha: Alpha | None = None) -> Any:
        check_subtraction(b, a)
        y, x = arrays(b, a)  # (b first, as PyTorch names them in its shape error)
        return y - _times_alpha(ctx, a, b, x, alpha)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        grad_a = None
        if ctx.needs_input_grad[0]:
            grad_a = -grad if ctx.alpha == 1 else -grad * ctx.alpha
        return grad_a, grad, None


class Rsub(RsubTensors):
    """out = number - alpha · a   (what ``10 - d`` records)

    ∂out/∂a = -alpha  →  grad_a = -grad · alpha
    """

    node_name = "RsubBackward1"


class Mul(Function):
    """out = a * b

    ∂out/∂a = b,  ∂out/∂b = a  →  grad_a = grad * b,  grad_b = grad * a

    Under create_graph PyTorch's generated backward computes the second input's gradient
    first (so its nodes come first and, in a later backward, run last: the order in which
    paths meet, and so the operands of the AddBackward0 that sums them). The kit's binary
    rules do the same where PyTorch's do (mul, div, where, maximum, lerp, hypot, ...).
    """

    node_name = "MulBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    numbers_are_inputs = True
    saved_tensor_names = ("self", "other")

    plain_saves = staticmethod(save_factors)

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any) -> Any:
        save_factors(ctx, a, b)
        x, y = arrays(a, b)
        if (wide := half_scalars.widened(x, b)) is not None:  # float16 · one value
            return half_scalars.rounded(wide[0] * wide[1], a._xp)
        return x * y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        saved = ctx._saved  # x * number saved the number alone: no tensor to check or unpack
        if saved is not None and type(saved[1]) is float and saved[0] is None:
            return times_number(grad, saved[1]), None
        a, b = ctx.saved_tensors
        needs_a, needs_b = ctx.needs_input_grad
        grad_b = grad * a if needs_b else None  # (b's first: PyTorch's order, see the docstring)
        return grad * b if needs_a else None, grad_b


class NumberOperation(Function):
    """out = a ∘ number, as PyTorch's own formulas record it (``add.Scalar``, ``sub.Scalar``,
    ``mul.Scalar``, ``div.Scalar``: nodes AddBackward1, SubBackward1, MulBackward1,
    DivBackward1); ``x * 2`` in user code is recorded as Mul (MulBackward0), as in PyTorch.
    The number keeps the tensor's dtype.
    """

    @staticmethod
    def compute(a: Any, number: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, a: Tensor, number: float) -> Any:
        ctx.number = number
        return cls.compute(a._data, a._data.dtype.type(number))


class AddNumber(NumberOperation):
    """out = a + number      ∂out/∂a = 1  →  grad_a = grad"""

    node_name = "AddBackward1"
    compute = staticmethod(lambda a, number: a + number)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad, None


class SubNumber(NumberOperation):
    """out = a - number      ∂out/∂a = 1  →  grad_a = grad"""

    node_name = "SubBackward1"
    compute = staticmethod(lambda a, number: a - number)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad, None


class MulNumber(NumberOperation):
    """out = a * number      ∂out/∂a = number  →  grad_a = grad * number"""

    node_name = "MulBackward1"
    saved_options: dict[str, Any] = {"other": "number"}
    compute = staticmethod(lambda a, number: a * number)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return MulNumber.apply(grad, ctx.number), None


class DivNumber(NumberOperation):
    """out = a / number (a mean's division by the count)   →  grad_a = grad / number"""

    node_name = "DivBackward1"
    saved_options: dict[str, Any] = {"other": "number"}
    compute = staticmethod(lambda a, number: a / number)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return DivNumber.apply(grad, ctx.number), None


class Div(Function):
    """out = a / b   (true division: integers give floats)

    ∂out/∂a = 1/b,  ∂out/∂b = -a/b²  →  grad_a = grad / b,  grad_b = -grad * (a / b / b)
    """

    node_name = "DivBackward0"
    result_layout = operands_layout  # (its operands' layout, see Function)
    numbers_are_inputs = True
    saved_tensor_names = ("self", "other")

    @staticmethod
    def plain_saves(ctx: Any, a: Any, b: Any) -> None:
        """Keep b, and a only when b needs a gradient (grad_a needs b alone)."""
        needs_b = ctx.needs_input_grad[1:2] == (True,)
        ctx.save_for_backward(a if needs_b else None, b)

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any) -> Any:
        Div.plain_saves(ctx, a, b)
        x, y = arrays(a, b, wrap=False)  # true division: a large int is not wrapped
        integral = all(getattr(v, "dtype", None) is None or v.dtype.kind in "biu" for v in (x, y))
        integral = integral and not any(isinstance(v, float) for v in (x, y))
        if integral:  # int / int: each in the default float type from its own type
            x, y = default_floats(a, b), default_floats(b, a)  # (uint8 / int8 -1: by -1.)
        if (wide := half_scalars.widened(x, b)) is not None:  # float16 / one value
            return half_scalars.rounded(wide[0] / wide[1], (a if isinstance(a, Tensor) else b)._xp)
        return x / y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        grad_b = None  # (b's first, see `Mul`; within it, as C++ evaluates -grad * (a / b / b):
        if ctx.needs_input_grad[1]:  # the right operand first, so its nodes come first)
            quotient = a / b / b
            grad_b = -grad * quotient
        grad_a = grad / b if ctx.needs_input_grad[0] else None  # (b's first, see `Mul`)
        return grad_a, grad_b


class DivGivenNoRounding(Div):
    """out = a / b, called as ``div(a, b, rounding_mode=None)``: the same values and rule,
    recorded under PyTorch's name for a division given a rounding mode."""

    node_name = "DivBackward2"
    saved_options: dict[str, Any] = {"rounding_mode": None}

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any) -> Any:
        ctx.rounding_mode = None
        return Div.forward(ctx, a, b)


class Neg(Function):
    """out = -a

    ∂out/∂a = -1  →  grad_a = -grad
    """

    node_name = "NegBackward0"
    result_layout = operands_layout  # (its operand's layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor) -> Any:
        if a._data.dtype.kind == "b":
            raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. "
                               "If you are trying to invert a mask, use the `~` or "
                               "`logical_not()` operator instead.")
        return -a._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return -grad


# x ** e for a floating x: PyTorch computes these exponents with multiplications and square
# roots rather than pow(), each step rounded in x's dtype
_POWER_SHORTCUTS = {
    1: lambda xp, x: x.copy(order="K"),  # (PyTorch clones, layout kept: the ** 1 in the
    # rule of x ** 2)
    0.5: lambda xp, x: xp.sqrt(x),
    2: lambda xp, x: x * x,
    3: lambda xp, x: x * x * x,
    -1: lambda xp, x: 1 / x,
    -2: lambda xp, x: 1 / (x * x),
    -0.5: lambda xp, x: 1 / xp.sqrt(x),
}


class PowScalar(Function):
    """out = a ** e   (e a number)

    ∂out/∂a = e · a^(e-1)  →  grad_a = grad * e * a ** (e - 1)   (zero when e == 0)
    """

    node_name = "PowBackward0"
    result_layout = tensors_layout  # (its operand's layout, see Function)
    saved_options: dict[str, Any] = {"exponent": None}

    @staticmethod
    def forward(ctx: Any, a: Tensor, exponent: Any) -> Any:
        ctx.save_for_backward(a)
        ctx.exponent = exponent
        x, kind = a._data, a._data.dtype.kind
        if kind in "biu" and type(exponent) is int and exponent < 0:  # (PyTorch's first check:
            raise RuntimeError(  # uint8 ** -2 is refused before -2 is converted to uint8)
                "Integers to negative integer powers are not allowed.")
        # PyTorch's own kernels for these exponents (same last bit); a float tensor and such
        # a number need none of the checks below (x ** 2 in a loss: that is the usual case)
        shortcut = _POWER_SHORTCUTS.get(exponent) if kind == "f" and (
            type(exponent) is int or type(exponent) is float) else None
        if shortcut is None:
            x, e = arrays(a, exponent, wrap=False)
            if x.dtype != "float32":  # (PyTorch's float32 kernel reads the exponent as a
                check_fits_dtype(e, x.dtype)  # double: x ** 1e40 is inf, not refused)
            if x.dtype.kind == "b" and isinstance(exponent, bool):  # stays bool: x ** 1, x ** 0
                return x.copy(order="K") if exponent else a._xp.ones_like(x)
            shortcut = _POWER_SHORTCUTS.get(e) if x.dtype.kind == "f" else None
        if shortcut is not None:
            return ensure_array(shortcut(a._xp, x), a._xp)
        if x.dtype == "float32" and not isinstance(e, complex):  # powf: nearest float, mostly
            return ensure_array((x.astype("float64") ** e).astype(x.dtype), a._xp)
        try:
            return ensure_array(x**e, a._xp)
        except ValueError as error:  # NumPy: "Integers to negative integer powers …"
            raise RuntimeError(str(error)) from None

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (a,) = ctx.saved_tensors
        e = ctx.exponent
        if e == 0:
            return zero_gradient(grad), None
        grad_a = PowScalar.unrecorded_gradient(grad, a, e)
        if grad_a is not None:
            return grad_a, None
        if isinstance(e, complex) or not a.dtype.is_floating_point:
            return grad * (e * a ** (e - 1)), None
        # e times the power, as PyTorch's formula records it (MulBackward1 → PowBackward0)
        return grad * MulNumber.apply(a ** (e - 1), float(e)), None

    @staticmethod
    def unrecorded_gradient(grad: Tensor, a: Tensor, e: Any) -> Tensor | None:
        """``grad * (e · a ** (e - 1))`` computed on the arrays, when nothing is recorded
        (see ops/unrecorded.py; ``loss = (d ** 2).sum()`` in a training step), e is a real
        number (an int or a float) with a shortcut for ``e - 1``, and grad and a are float32
        or float64 of one dtype and shape; else None.
        The same NumPy operations as the recorded formula: the shortcut (PowScalar's forward;
        for x ** 1, x itself, whose copy changes no bit), times e in a's dtype (MulNumber's),
        then grad times that (plain_arithmetic's multiply, as ``grad * …`` takes for such
        operands)."""
        x, g = a._data, grad._data
        shortcut = _POWER_SHORTCUTS.get(e - 1) if type(e) is int or type(e) is float else None
        if (shortcut is None or not unrecorded(grad, a) or x.dtype.char not in "fd"
                or g.dtype != x.dtype or g.shape != x.shape):
            return None
        power = x if e == 2 else shortcut(numpy, x)
        e_times_power = power * x.dtype.type(float(e))
        product = numpy.multiply(g, e_times_power, out=...)  # (out=...: an array)
        if x.flags.c_contiguous and (g.flags.c_contiguous or not any(g.strides)):
            return Tensor._make(product)  # (row-major, as PyTorch's: the usual case, kept
            # short; an expanded grad, as sum's backward gives, decides no layout)
        return Tensor._make(operands_layout(product, (grad, a)))  # (grad's layout first)


def integer_power(xp: Any, x: Any, y: Any) -> Any:
    """x ** y for integer arrays as PyTorch computes it: a negative exponent gives 1/x^|y|
    rounded toward zero (1 for 1, ±1 for -1, 0 otherwise); bools have no kernel."""
    if x.dtype.kind == "b":
        raise NotImplementedError("\"pow\" not implemented for 'Bool'")
    negative = y < 0
    out = x ** xp.where(negative, 0, y)
    if bool(negative.any()):
        odd = y % 2 != 0
        inverse = xp.where(x == 1, 1, xp.where(x == -1, xp.where(odd, -1, 1), 0))
        out = xp.where(negative, inverse, out).astype(out.dtype)
    return ensure_array(out, xp)


def _float_power(xp: Any, x: Any, y: Any) -> Any:
    """``x ** y`` with a tensor exponent. In float32 on the CPU it is computed in float64 and
    rounded once (a number base made a float32 first, as PyTorch makes it): PyTorch's powf
    gives the nearest float almost always, where NumPy's float32 power is often one off."""
    if xp is numpy and y.dtype == numpy.float32 and getattr(x, "dtype", numpy.float32) == (
            numpy.float32):
        base = x.astype(numpy.float64) if isinstance(x, numpy.ndarray) else float(
            numpy.float32(x))
        return (base ** y.astype(numpy.float64)).astype(numpy.float32)
    return ensure_array(x**y, xp)


class PowTensor(Function):
    """out = a ** b   (both tensors)

    ∂out/∂a = b · a^(b-1)   (taken as 0 where b == 0)
    ∂out/∂b = a^b · ln a    (taken as 0 where a == 0 and b >= 0)
    """

    node_name = "PowBackward1"
    result_layout = operands_layout  # (its operands' layout, see Function)
    saved_tensor_names = ("self", "exponent", "result")

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        x, y = arrays(a, b)
        if x.dtype.kind in "biu":
            out = integer_power(a._xp, x, y)
        else:
            out = _float_power(a._xp, x, y)
        ctx.save_for_backward(a, b, out)
        return out


    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b, out = ctx.saved_tensors
        grad_a = None
        from . import where  # (PyTorch's where(condition, 0, …): its next_functions order)
        from .cpp_numbers import minus_number  # (b - 1 as C++ writes it: SubBackward1)

        grad_b = None  # (b's first: PyTorch's order, see `Mul`)
        if ctx.needs_input_grad[1]:  # out · ln a, taken as 0 where a == 0 and b ≥ 0, with
            # a in the result's dtype first (an int or float16 base: ln a not rounded to it)
            grad_b = grad * where((a == 0) & (b >= 0), 0.0, out * a.to(out.dtype).log())
        if ctx.needs_input_grad[0]:  # b · a^(b-1), taken as 0 where b == 0 (as PyTorch does)
            grad_a = where(b == 0, 0.0, grad * (b * a ** minus_number(b, 1)))
        return grad_a, grad_b


class RPow(Function):
    """out = number ** b

    ∂out/∂b = number^b · ln(number) = out · ln(number)
    """

    node_name = "PowBackward2"
    result_layout = row_major_result  # (PyTorch's pow(Scalar, Tensor): row-major, whatever b's)
    saved_tensor_names = ("exponent", "result")
    saved_options: dict[str, Any] = {"self": "number"}

    @staticmethod
    def forward(ctx: Any, number: Any, b: Tensor) -> Any:
        x, y = arrays(number, b)
        xp = b._xp
        if isinstance(number, bool) and y.dtype.kind == "b":  # a bool result: no kernel
            raise NotImplementedError("\"pow\" not implemented for 'Bool'")
        if y.dtype.kind in "iu" and isinstance(x, (int, numpy.integer)):  # 2 ** int tensor,
            # negatives too (300 ** int8: 300 wrapped to 44 first)
            out = integer_power(xp, xp.asarray(x, dtype=y.dtype), y)
        else:
            out = _float_power(xp, x, y)
        ctx.save_for_backward(b, out)  # (b is PyTorch's _saved_exponent)
        ctx.number = number
        ctx.log_base = float("nan") if number < 0 else (
            float("-inf") if number == 0 else math.log(number)
        )
        if number == 0:  # 0 ** b: the derivative is 0 where b ≥ 0 (PyTorch's convention)
            ctx.flat = Tensor._make(xp.asarray(y >= 0))  # (a 0-dim y compares to a scalar)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[None, Tensor]:
        _, out = ctx.saved_tensors
        # grad * (out * ln(number)), as PyTorch's pow_backward_exponent (a MulBackward1 inside);
        # for 0 ** b the derivative is 0 where b ≥ 0 before grad multiplies it (inf · 0 = nan)
        derivative = MulNumber.apply(out, ctx.log_base)
        if ctx.log_base == float("-inf"):
            derivative = derivative.masked_fill(ctx.flat, 0.0)
        return None, grad * derivative
