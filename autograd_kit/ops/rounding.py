"""Rounding and integer-style division: floor, ceil, round, trunc, frac, remainder (%), fmod,
floor_divide (//).

Rounding is flat between the integers, so its derivative is 0 (almost everywhere): PyTorch
still records a node (``FloorBackward0``, …) whose gradient is all zeros. ``remainder``
subtracts a step function of its inputs, so the gradient reaches ``self`` unchanged.
``floor_divide`` has no derivative in PyTorch: its node raises when backward reaches it.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor
from . import half_scalars
from .operands import arrays, common_dtype, ensure_array, kernel_error, zero_gradient
from .preserved_layout import operands_layout, preserved_copy, tensors_layout


class Floor(Function):
    """y = ⌊x⌋         dy/dx = 0   →  grad_x = zeros"""

    node_name = "FloorBackward0"
    how = "floor"
    result_layout = staticmethod(  # (x's layout, see Function; integers: x's clone as it is)
        lambda values, args: values if values.dtype.kind in "iu" else tensors_layout(values, args))

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        data = x._data
        if data.dtype.kind == "b":
            raise kernel_error(f"{cls.how}_vml_{x.device.type}", x.dtype)
        if data.dtype.kind in "iu":  # integers are already whole: a clone, dtype kept
            return preserved_copy(x._xp, data)
        return getattr(x._xp, cls.how)(data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return zero_gradient(grad)


class Ceil(Floor):
    """y = ⌈x⌉         dy/dx = 0   →  grad_x = zeros"""

    node_name = "CeilBackward0"
    how = "ceil"


class Trunc(Floor):
    """y = x rounded toward zero      dy/dx = 0   →  grad_x = zeros"""

    node_name = "TruncBackward0"
    how = "trunc"


class Round(Floor):
    """y = x rounded to the nearest integer (halves to even)      dy/dx = 0"""

    node_name = "RoundBackward0"
    how = "round"


class RoundDecimals(Function):
    """y = x rounded to ``decimals`` places      dy/dx = 0   →  grad_x = zeros"""

    node_name = "RoundBackward1"

    @staticmethod
    def forward(ctx: Any, x: Tensor, decimals: int) -> Any:
        if not x.dtype.is_floating_point:  # (decimals=0 given: PyTorch's plain round kernel)
            raise kernel_error(f"round_{'vml_' if decimals == 0 else ''}{x.device.type}", x.dtype)
        return x._xp.round(x._data, decimals)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return zero_gradient(grad), None


def _is_integer(value: Any) -> bool:
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    return kind in ("b", "i", "u") if kind else isinstance(value, int)


def _check_integer_divisor(x: Any, y: Any) -> None:
    """Integer ``//`` and ``%`` by zero: PyTorch's error (NumPy would quietly give 0)."""
    if _is_integer(x) and _is_integer(y) and bool((y == 0).any() if hasattr(y, "any") else y == 0):
        raise RuntimeError("ZeroDivisionError")


def python_remainder(xp: Any, x: Any, y: Any) -> Any:
    """x % y with the sign of the divisor, as PyTorch computes it (C's fmod, then y added
    where a non-zero result has the other sign): the same as NumPy's %, except that a zero
    result keeps the dividend's sign (``-6. % 3`` is -0., ``0. % -3`` is 0.), where NumPy
    gives it the divisor's."""
    mod = x % y
    if getattr(x, "dtype", getattr(y, "dtype", None)).kind not in "fc":
        return ensure_array(mod, xp)
    return ensure_array(xp.where(mod == 0, x * 0.0, mod), xp)  # (a zero with x's sign: -3 % -3.
    # is -0., x a number too)


def _check_not_bool(kernel: str, a: Any, b: Any) -> None:
    """``//``, ``%`` and rounded division of two bools have no kernel in PyTorch."""
    dtype = common_dtype(a, b)
    if dtype.name == "bool":
        device = (a if isinstance(a, Tensor) else b).device
        raise kernel_error(f"{kernel}_{device.type}", dtype)


class Remainder(Function):
    """out = a - ⌊a / b⌋ · b   (Python's %, the sign of the divisor; b a number)

    ∂out/∂a = 1 (⌊a/b⌋ is flat)  →  grad_a = grad
    """

    node_name = "RemainderBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Any) -> Any:
        _check_not_bool("remainder", a, b)
        x, y = arrays(a, b)
        _check_integer_divisor(x, y)
        return python_remainder(a._xp, x, y)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad, None


def _save_for_divisor(ctx: Any, a: Tensor, b: Tensor) -> None:
    """remainder/fmod of two tensors keep a and b only for b's gradient, as PyTorch does:
    changing either in place matters only when b requires grad."""
    ctx.save_for_backward(*((a, b) if ctx.needs_input_grad[1:2] == (True,) else (None, None)))


def _divisor_gradient(ctx: Any, grad: Tensor, rounding_mode: str) -> Tensor | None:
    """grad_b = -grad · (a / b rounded), read from what was saved only when b needs it."""
    if not ctx.needs_input_grad[1]:
        return None
    a, b = ctx.saved_tensors
    return -grad * DivRounded.apply(a, b, rounding_mode)


class RemainderTensor(Function):
    """out = a - ⌊a / b⌋ · b   (both tensors)

    ∂out/∂a = 1,  ∂out/∂b = -⌊a / b⌋   →  grad_a = grad,  grad_b = -grad · ⌊a / b⌋
    """

    node_name = "RemainderBackward1"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        _save_for_divisor(ctx, a, b)
        _check_not_bool("remainder", a, b)
        x, y = arrays(a, b)
        _check_integer_divisor(x, y)
        return python_remainder(a._xp, x, y)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        # PyTorch's formula: the floor division is recorded (its derivative is 0)
        grad_a = grad if ctx.needs_input_grad[0] else None  # (None: PyTorch's node by hand)
        return grad_a, _divisor_gradient(ctx, grad, "floor")


class FloorDivide(Function):
    """out = ⌊a / b⌋   (PyTorch defines no derivative: backward through it is an error)"""

    node_name = "NotImplemented"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any) -> Any:
        _check_not_bool("div_floor", a, b)
        x, y = arrays(a, b)
        _check_integer_divisor(x, y)
        tensor = a if isinstance(a, Tensor) else b
        if (wide := half_scalars.widened(x, b)) is not None:  # float16 and one value
            return half_scalars.rounded(wide[0] // wide[1], tensor._xp)
        return ensure_array(x // y, tensor._xp)

    aten_name = "floor_divide"

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Any:
        raise RuntimeError(f"derivative for aten::{cls.aten_name} is not implemented")


class FloorDivideInPlace(FloorDivide):
    """``a //= b``: the same, named as PyTorch names the in-place operation."""

    node_name = "NotImplemented"
    aten_name = "floor_divide_"


class RemainderOfNumber(FloorDivide):
    """out = number % b   (PyTorch defines no derivative for a number's remainder)"""

    node_name = "NotImplemented"
    aten_name = "remainder"

    @staticmethod
    def forward(ctx: Any, number: Any, b: Tensor) -> Any:
        _check_not_bool("remainder", number, b)
        x, y = arrays(number, b)
        _check_integer_divisor(x, y)
        return python_remainder(b._xp, x, y)


class Fmod(Function):
    """out = a - trunc(a / b) · b   (C's fmod: the sign of the dividend; b a number)

    ∂out/∂a = 1 (trunc(a/b) is flat)  →  grad_a = grad
    """

    node_name = "FmodBackward0"

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Any) -> Any:
        _check_not_bool("fmod", a, b)
        x, y = arrays(a, b)
        _check_integer_divisor(x, y)
        return ensure_array(a._xp.fmod(x, y), a._xp)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return grad, None


class FmodTensor(Function):
    """out = a - trunc(a / b) · b   (both tensors)

    ∂out/∂a = 1,  ∂out/∂b = -trunc(a / b)   →  grad_a = grad,  grad_b = -grad · trunc(a / b)
    """

    node_name = "FmodBackward1"
    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        _save_for_divisor(ctx, a, b)
        return Fmod.forward(ctx, a, b)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        grad_a = grad if ctx.needs_input_grad[0] else None  # (as in RemainderTensor)
        return grad_a, _divisor_gradient(ctx, grad, "trunc")


class Frac(Function):
    """y = x - trunc(x)   (the fractional part, with x's sign)      dy/dx = 1"""

    node_name = "FracBackward0"
    result_layout = tensors_layout  # (its operand's layout, see Function)

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        if not x.dtype.is_floating_point:
            raise kernel_error(f"frac_{x.device.type}", x.dtype)
        return x._data - x._xp.trunc(x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return grad


class DivRounded(Function):
    """out = a / b rounded toward zero (``'trunc'``) or down (``'floor'``)

    A step function of a and b: its derivative is 0 wherever it exists, so PyTorch sends
    zeros to both inputs.
    """

    node_name = "DivBackward2"
    result_layout = operands_layout  # (its operands' layout, see Function)
    numbers_are_inputs = True
    saved_options: dict[str, Any] = {"rounding_mode": None}

    @staticmethod
    def forward(ctx: Any, a: Any, b: Any, rounding_mode: str) -> Any:
        _check_not_bool(f"div_{rounding_mode}", a, b)
        needs = ctx.needs_input_grad  # (kept as PyTorch keeps them, for its formulas)
        ctx.save_for_backward(a if needs[1] else None, b)  # (b is in both of its formulas)
        ctx.rounding_mode = rounding_mode
        x, y = arrays(a, b)
        _check_integer_divisor(x, y)
        xp = (a if isinstance(a, Tensor) else b)._xp
        if (wide := half_scalars.widened(x, b)) is not None:  # float16 and one value
            return half_scalars.rounded(DivRounded.quotient(xp, *wide, rounding_mode), xp)
        if _is_integer(x) and _is_integer(y):  # computed in the result type, as PyTorch
            dtype = common_dtype(a, b).numpy
            x, y = xp.asarray(x, dtype=dtype), xp.asarray(y, dtype=dtype)
        return DivRounded.quotient(xp, x, y, rounding_mode)

    @staticmethod
    def quotient(xp: Any, x: Any, y: Any, rounding_mode: str) -> Any:
        """x / y rounded down (``'floor'``, Python's //) or toward zero (``'trunc'``)."""
        if rounding_mode == "floor":
            return ensure_array(x // y, xp)
        if _is_integer(x) and _is_integer(y):  # integer division that rounds toward zero,
            down = x // y  # as C's: the floor, one up where inexact with signs that differ
            up = (down * y != x) & ((x < 0) != (y < 0))  # (|int8 min| would overflow; no
            # %: int min % -1 is a hardware fault)
            return ensure_array((down + up).astype(down.dtype, copy=False), xp)
        return ensure_array(xp.trunc(x / y), xp)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        ctx.saved_tensors  # noqa: B018  (checked, as PyTorch: freed, or changed in place)
        needs_a, needs_b = ctx.needs_input_grad[:2]
        return (zero_gradient(grad) if needs_a else None,
                zero_gradient(grad) if needs_b else None, None)


class EdgesRequiringGrad:
    """``next_functions`` (kept as ``_next_functions``) of a node from PyTorch's "not
    implemented" fallback: an edge only for each input that requires grad. ``(a * 1) // b``
    with a plain ``b`` has one edge, to a's MulBackward0, not a second ``(None, 0)``."""

    def __get__(self, node: Any, owner: type | None = None) -> Any:
        return () if node is None else node.__dict__.get("_edges_requiring_grad", ())

    def __set__(self, node: Any, edges: tuple[Any, ...]) -> None:
        node.__dict__["_edges_requiring_grad"] = tuple([e for e in edges if e[0] is not None])


def not_implemented(function: type[Function], edges_requiring_grad: bool = True) -> None:
    """Make ``function``'s node read as PyTorch's for an op without a derivative: named
    ``NotImplemented`` (a C++ class, so ``name()`` gives ``torch::autograd::NotImplemented``);
    with PyTorch's fallback (``edges_requiring_grad``) only the inputs that require grad get
    an edge."""
    node = function._node_class
    if edges_requiring_grad:
        node._next_functions = EdgesRequiringGrad()  # type: ignore[assignment]


for _function in (FloorDivide, FloorDivideInPlace, RemainderOfNumber):
    not_implemented(_function)
