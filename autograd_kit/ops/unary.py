"""Elementwise functions of one tensor: exp, log, sqrt, sin, cos, tanh, sigmoid, relu, abs, clamp.

Each rule multiplies the arriving gradient by the function's derivative at the input (or,
where it is cheaper, at the saved output: exp, tanh and sigmoid reuse what forward computed).
`Elementwise` does that shared work; each function gives only its formula.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes, gpu_kernels
from ..creation import zeros_like
from ..function import Function
from ..tensor import Tensor
from . import sleef_float32
from .cpp_numbers import minus_number, number_minus, plus_number, times_number
from .operands import common_dtype, kernel_error, number_for, zero_gradient
from .preserved_layout import (
    iterator_layout,
    laid_out_like,
    operands_layout,
    row_major_result,
    tensors_layout,
)
from .sleef_float32 import cpu_float32
from .unrecorded import as_tensor, unrecorded


def float_array(data: Any) -> Any:
    """An integer (or bool) array in the default float type, the type PyTorch computes it in."""
    return data if data.dtype.kind in "fc" else data.astype(dtypes.default_float().numpy)


def float_data(a: Tensor) -> Any:
    """Integer inputs to exp, log, … compute in the default float type, as in PyTorch."""
    return float_array(a._data)


def in_layout_of(x: Tensor, y: Any) -> Any:
    """y (computed value by value from x) laid out as PyTorch's TensorIterator lays out the
    result of a one-input operation: in x's layout (a formula over NumPy arrays may come
    out row-major)."""
    data = x._data
    if data.ndim < 2 or data.flags.c_contiguous or getattr(y, "shape", None) != data.shape:
        return y
    return iterator_layout(x._xp, y, [data])


class Elementwise(Function):
    """y = f(x), value by value, so the chain rule is one product:  grad_x = grad · f'(x).

    An elementwise operation only says how to compute f on an array (``compute``) and what
    its derivative is (``derivative``, written with tensor operations so that it can be
    differentiated again), in terms of the input x or the output y, whichever is simpler
    (``uses``). This class does the rest: saving that value, and the product.

    Two variations keep the recorded graph the same as PyTorch's under ``create_graph``:
    a rule PyTorch writes as a division gives ``divisor`` instead (log: grad / x), and
    tanh and sigmoid run their rule as an operation of its own (``rule``, see
    `GradTimesDerivative`).
    """

    uses = "x"  # what `derivative` is written in: the input "x" or the output "y"
    divisor: Any = None  # grad_x = grad / divisor(saved), when given
    rule: Any = None  # a Function computing grad_x from (grad, saved), when given
    derivative_first = False  # f'(x) · grad, as PyTorch writes some rules (erf, erfc, …)

    @staticmethod
    def compute(xp: Any, x: Any) -> Any:
        raise NotImplementedError

    @staticmethod
    def derivative(saved: Tensor) -> Any:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        y = in_layout_of(x, cls.compute(x._xp, float_data(x)))
        ctx.save_for_backward(x if cls.uses == "x" else y)
        return y

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        (saved,) = ctx.saved_tensors
        if cls.rule is not None:
            if unrecorded(grad, saved) and issubclass(cls.rule, GradTimesDerivative):
                # (backward without create_graph): the array the rule's node would hold
                return as_tensor(operands_layout(cls.rule.on_arrays(grad._data, saved._data),
                                                 (grad, saved)))
            return cls.rule.apply(grad, saved)
        if cls.divisor is not None:
            return grad / cls.divisor(saved)
        if cls.derivative_first:
            return cls.derivative(saved) * grad
        return grad * cls.derivative(saved)


class ElementwiseXY(Elementwise):
    """An elementwise operation whose derivative PyTorch writes in both the input and the
    output (``_saved_self`` and ``_saved_result``): both are saved, so changing either in
    place makes backward fail, and ``derivative(x, y)`` takes both."""

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        y = in_layout_of(x, cls.compute(x._xp, float_data(x)))
        ctx.save_for_backward(x, y)
        return y

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        x, y = ctx.saved_tensors
        if cls.derivative_first:
            return cls.derivative(x, y) * grad
        return grad * cls.derivative(x, y)


class GradTimesDerivative(Function):
    """out = grad · f'(y): the backward rule of tanh or sigmoid, run as its own operation
    (PyTorch's ``tanh_backward`` / ``sigmoid_backward``), with f' written in the output y
    using only + - * (so it works on arrays in forward and on tensors in backward).

    ∂out/∂grad = f'(y)         →  the same operation on the arriving gradient
    ∂out/∂y = grad · f''(y)    →  ``to_output(grad_grad, grad, y)``: grad_grad · grad · f''(y)
    written in the order and with the number operations of PyTorch's formula (its graph under
    create_graph shows them); laid out as PyTorch's TensorIterator lays it (grad's layout first)
    """

    result_layout = operands_layout  # (its operands' layout, see Function)

    @staticmethod
    def derivative(y: Tensor) -> Any:
        raise NotImplementedError

    @staticmethod
    def to_output(grad_grad: Tensor, grad: Tensor, y: Tensor) -> Tensor:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, grad: Tensor, y: Tensor) -> Any:
        ctx.save_for_backward(grad, y)
        return cls.on_arrays(grad._data, y._data)

    @classmethod
    def on_arrays(cls, grad: Any, y: Any) -> Any:
        """grad · f'(y) on raw arrays (f' is written with + - * only, so the same formula
        runs on arrays here and on tensors in backward)."""
        return grad * cls.derivative(y)

    @classmethod
    def backward(cls, ctx: Any, grad_grad: Tensor) -> tuple[Any, Any]:
        grad, y = ctx.saved_tensors
        needs_grad, needs_y = ctx.needs_input_grad
        return (cls.apply(grad_grad, y) if needs_grad else None,
                cls.to_output(grad_grad, grad, y) if needs_y else None)


HALF = numpy.dtype("float16")


class TanhBackward(GradTimesDerivative):
    """out = grad · (1 - y²)      ∂out/∂y = grad · (-2y)

    PyTorch: grad_grad · ((-2 · y) · grad), the -2 · y a product with a number (MulBackward1)
    """

    node_name = "TanhBackwardBackward0"
    derivative = staticmethod(lambda y: 1 - y * y)
    to_output = staticmethod(lambda gg, grad, y: gg * (times_number(y, -2) * grad))

    @classmethod
    def on_arrays(cls, grad: Any, y: Any) -> Any:
        """PyTorch computes 1 - y² with one rounding (a fused multiply-add): here in a wider
        type, then rounded to y's (float32 through float64, float64 through long double)."""
        wider = {numpy.float32: numpy.float64, numpy.float64: numpy.longdouble}.get(
            getattr(y.dtype, "type", None))
        if isinstance(y, numpy.ndarray) and y.dtype == getattr(grad, "dtype", None) == HALF:
            wide = y.astype(numpy.float32)  # (float16: all in float32, rounded once)
            return (grad.astype(numpy.float32) * (1 - wide * wide)).astype(HALF)
        if wider is None or not isinstance(y, numpy.ndarray):
            return grad * cls.derivative(y)
        return grad * (1 - y.astype(wider) * y).astype(y.dtype)


class SigmoidBackward(GradTimesDerivative):
    """out = grad · y(1 - y)      ∂out/∂y = grad · (1 - 2y)

    PyTorch: (grad_grad · grad) · (-2 · y + 1), both with a number (MulBackward1, AddBackward1)
    """

    node_name = "SigmoidBackwardBackward0"
    derivative = staticmethod(lambda y: y * (1 - y))

    @staticmethod
    def to_output(grad_grad: Tensor, grad: Tensor, y: Tensor) -> Tensor:
        """-2 · y + 1 first: C++ evaluates the right operand of a product first, so under
        create_graph its nodes come before grad_grad · grad's (as PyTorch's)."""
        curvature = plus_number(times_number(y, -2), 1)
        return grad_grad * grad * curvature

    @classmethod
    def on_arrays(cls, grad: Any, y: Any) -> Any:
        """(grad · (1 - y)) · y: PyTorch's order of the same product, to the last bit (in one
        new array when grad and y are arrays of one shape and dtype)."""
        if (type(y) is numpy.ndarray and type(grad) is numpy.ndarray and y.ndim
                and grad.shape == y.shape and grad.dtype == y.dtype):
            out = 1 - y
            out *= grad
            out *= y
            return out
        return (grad * (1 - y)) * y


class Exp(Elementwise):
    """y = exp(x)      dy/dx = exp(x) = y"""

    node_name = "ExpBackward0"
    uses = "y"
    compute = staticmethod(lambda xp, x: cpu_float32("exp", xp, x, lambda xp, x: xp.exp(x)))
    derivative = staticmethod(lambda y: y)


class Log(Elementwise):
    """y = ln(x)       dy/dx = 1/x   →  grad_x = grad / x"""

    node_name = "LogBackward0"
    compute = staticmethod(lambda xp, x: cpu_float32("log", xp, x, lambda xp, x: xp.log(x)))
    divisor = staticmethod(lambda x: x)


class Sqrt(Elementwise):
    """y = √x          dy/dx = 1/(2√x) = 1/(2y)   →  grad_x = grad / (2y)"""

    node_name = "SqrtBackward0"
    uses = "y"
    compute = staticmethod(lambda xp, x: xp.sqrt(x))
    divisor = staticmethod(lambda y: times_number(y, 2))  # (PyTorch's C++ 2 * y)


class Sin(Elementwise):
    """y = sin(x)      dy/dx = cos(x)"""

    node_name = "SinBackward0"
    compute = staticmethod(lambda xp, x: cpu_float32("sin", xp, x, lambda xp, x: xp.sin(x)))
    derivative = staticmethod(lambda x: x.cos())


class Cos(Elementwise):
    """y = cos(x)      dy/dx = -sin(x)"""

    node_name = "CosBackward0"
    compute = staticmethod(lambda xp, x: cpu_float32("cos", xp, x, lambda xp, x: xp.cos(x)))
    derivative = staticmethod(lambda x: -x.sin())


class Tanh(Elementwise):
    """y = tanh(x)     dy/dx = 1 - tanh²(x) = 1 - y²   (rule: `TanhBackward`)"""

    node_name = "TanhBackward0"
    uses = "y"
    compute = staticmethod(lambda xp, x: cpu_float32("tanh", xp, x, lambda xp, x: xp.tanh(x)))
    rule = TanhBackward


def half_in_float32(compute: Any) -> Any:
    """``compute(xp, x)`` as PyTorch's CPU kernel runs it on float16: in float32, the result
    rounded to float16 once (not each step in float16)."""
    def run(xp: Any, x: Any) -> Any:
        if x.dtype == xp.float16:
            return compute(xp, x.astype(xp.float32)).astype(xp.float16)
        return compute(xp, x)

    return run


def stable_sigmoid(xp: Any, x: Any) -> Any:
    """1 / (1 + e^(-x)) written so neither branch overflows: e^(-|x|) is at most 1."""
    e = xp.exp(-xp.abs(x))
    return xp.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


class Sigmoid(Elementwise):
    """y = σ(x) = 1 / (1 + e^(-x))      dy/dx = σ(x)(1 - σ(x)) = y(1 - y)
    (rule: `SigmoidBackward`)"""

    node_name = "SigmoidBackward0"
    saved_tensor_names = ("result",)
    uses = "y"
    # in the tensor's own dtype, as PyTorch: e^(-x) overflows to inf for x < -88 in float32,
    # and the result is then exactly 0
    compute = staticmethod(half_in_float32(lambda xp, x: cpu_float32(
        "sigmoid", xp, x, lambda xp, x: 1 / (1 + xp.exp(-x)))))
    rule = SigmoidBackward


class LogSigmoidBackward(Function):
    """out = grad · σ(-x): log-sigmoid's rule as an operation of its own (PyTorch's
    ``log_sigmoid_backward(grad, x, buffer)``, the buffer e^(-|x|) an option, not an input)

    ∂out/∂grad = σ(-x)   →  the same operation on the arriving gradient
    ∂out/∂x = grad · (σ(x) - 1) σ(x)   (PyTorch: σ(x) - 1 a subtraction of a number, SubBackward1)
    """

    node_name = "LogSigmoidBackwardBackward0"
    non_inputs = (2,)  # the buffer
    # (PyTorch's kernel writes into empty_like(grad): grad's strides when it is dense)
    result_layout = staticmethod(lambda raw, args: laid_out_like(args[0]._xp, raw, args[0]._data))

    @staticmethod
    def forward(ctx: Any, grad: Tensor, x: Tensor, buffer: Tensor | None = None) -> Any:
        """On a float32 CPU array, PyTorch's kernel (``log_sigmoid_backward_cpu_kernel``,
        vector and scalar loops alike), with b the buffer forward kept:

            (max' - sign · b / (1 + b)) · g,   max' = 1, sign = 1 where x < 0, else 0 and -1

        that is (1 - q) · g where x < 0, else q · g, q = b / (1 + b): each step rounded to
        float32 (1 - 1·q = 1 - q, 0 - (-1)·q = q exactly). The buffer is SLEEF's e^(-|x|),
        the same array PyTorch's forward keeps (`log_sigmoid_with_buffer`); without it (a
        double backward) it is computed again, to the same bits."""
        ctx.save_for_backward(grad, x)
        g, data = grad._data, x._data
        if _cpu_float32(data):
            b = buffer._data if buffer is not None else None
            if not (_cpu_float32(b) and b.shape == data.shape):
                b = sleef_float32.sleef_exp(-numpy.abs(data))
            q = b / (b + numpy.float32(1))
            return numpy.where(data < 0, numpy.float32(1) - q, q) * g
        return g * (1 / (1 + x._xp.exp(data)))

    @staticmethod
    def backward(ctx: Any, grad_grad: Tensor) -> tuple[Any, Any, None]:
        grad, x = ctx.saved_tensors
        needs_grad, needs_x = ctx.needs_input_grad[:2]
        # (grad_output's first, then PyTorch's log_sigmoid_double_backward(grad_grad · grad,
        # x): z = σ(x), then (g · (z - 1)) · z: its nodes in PyTorch's order)
        to_grad = LogSigmoidBackward.apply(grad_grad, x) if needs_grad else None
        to_x = None
        if needs_x:
            g = grad_grad * grad
            z = x.sigmoid()
            to_x = g * minus_number(z, 1) * z
        return to_grad, to_x, None


class LogSigmoid(Elementwise):
    """y = ln σ(x) = min(x, 0) - ln(1 + e^(-|x|))      dy/dx = 1 - σ(x) = σ(-x)

    (Used by the logits losses; written so that neither e^x nor e^(-x) can overflow.)
    """

    node_name = "LogSigmoidBackward0"
    compute = staticmethod(lambda xp, x: xp.minimum(x, 0) - xp.log1p(xp.exp(-xp.abs(x))))
    rule = LogSigmoidBackward
    saved_tensor_names = ("self", "buffer")  # e^(-|x|), saved as PyTorch's forward saves it
    result_layout = staticmethod(row_major_result)  # (PyTorch's, whatever x's layout)

    @classmethod
    def forward(cls, ctx: Any, x: Tensor) -> Any:
        y, buffer = log_sigmoid_with_buffer(x._xp, float_data(x))
        ctx.save_for_backward(x, Tensor._make(buffer))
        return y

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> Tensor:
        """`LogSigmoidBackward` on (grad, x, buffer): the buffer forward kept, not recomputed."""
        x, buffer = ctx.saved_tensors
        return LogSigmoidBackward.apply(grad, x, buffer)


def log_sigmoid_with_buffer(xp: Any, data: Any) -> tuple[Any, Any]:
    """(ln σ(x), e^(-|x|)), on a float32 CPU array as PyTorch's vector kernel computes them
    (SLEEF's exp and log1p)."""
    if _cpu_float32(data):
        buffer = sleef_float32.sleef_exp(-numpy.abs(data))
        return numpy.minimum(data, numpy.float32(0)) - sleef_float32.sleef_log1p(buffer), buffer
    buffer = xp.exp(-xp.abs(data))
    return xp.minimum(data, 0) - xp.log1p(buffer), buffer


def _cpu_float32(data: Any) -> bool:
    return type(data) is numpy.ndarray and data.dtype == numpy.float32


class Logit(Elementwise):
    """y = ln(p / (1 - p))      dy/dp = 1 / (p (1 - p))   →  grad_p = grad / (p (1 - p))"""

    node_name = "LogitBackward0"
    compute = staticmethod(lambda xp, p: xp.log(p / (1 - p)))
    divisor = staticmethod(lambda p: p * number_minus(1, p))  # (C++ 1 - p: SubBackward0)


class Relu(Function):
    """y = max(x, 0)   dy/dx = 1 where x > 0, else 0   →  grad_x = grad where y > 0, else 0

    As in PyTorch, the rule is its own operation, `ThresholdBackward`, fed the saved output
    y: so under ``create_graph=True`` the gradient stays connected to y (its derivative
    with respect to y is zero, which is what a second derivative through ReLU gives).
    """

    node_name = "ReluBackward0"
    result_layout = operands_layout  # (its operand's layout, see Function)
    saved_tensor_names = ("result",)

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        data = x._data
        if data.dtype.kind == "b":
            raise RuntimeError("Boolean inputs not supported for relu")
        if data.dtype.itemsize == 2:  # (NumPy's float16 maximum makes -0. a +0.)
            y = x._xp.where(data < 0, data.dtype.type(0), data)
        else:  # (0 first: where x equals 0, x itself is kept, so relu(-0.) = -0. as PyTorch)
            y = x._xp.maximum(0, data).astype(data.dtype, copy=False)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        if unrecorded(grad, y):  # (backward without create_graph): the node's array, as is
            return Tensor._make(threshold_backward(grad, y, 0))
        return ThresholdBackward.apply(grad, y, 0)


class ThresholdBackward(Function):
    """out = 0 where y <= threshold, else grad   (ReLU's backward rule, as an operation)

    ∂out/∂grad = 0 where y <= threshold, else 1  →  the same mask: threshold_backward again
    ∂out/∂y = 0 (the mask is flat wherever it is defined)  →  zeros

    PyTorch's kernel is ``y <= t ? 0 : grad``, and so is this: a kept gradient passes as it
    is (a -0.0 stays -0.0, a nan stays nan), a nan y keeps its gradient (nan <= t is false),
    and where y <= t the result is +0.0 whatever the gradient (nan and inf too). On a GPU it
    is one kernel (`gpu_kernels.threshold_backward`), with nothing read back to the host.
    """

    node_name = "ThresholdBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, y: Tensor, threshold: Any) -> Any:
        ctx.save_for_backward(y)
        ctx.threshold = threshold
        return threshold_backward(grad, y, threshold)

    @staticmethod
    def backward(ctx: Any, grad_grad: Tensor) -> tuple[Any, Any, None]:
        (y,) = ctx.saved_tensors
        needs_grad, needs_y = ctx.needs_input_grad[:2]
        # (∂out/∂y: PyTorch's zeros_like(grad), outside the graph: 0 for an inf or nan
        # grad_grad too, not grad_grad · 0, in grad_grad's layout)
        return (ThresholdBackward.apply(grad_grad, y, ctx.threshold) if needs_grad else None,
                zeros_like(grad_grad) if needs_y else None, None)


# the signed integer type of each float's size, to read a float array's bits
_BITS = {numpy.dtype(numpy.float32): numpy.int32, numpy.dtype(numpy.float64): numpy.int64}


def threshold_backward(grad: Tensor, y: Tensor, threshold: Any) -> Any:
    """The array of `ThresholdBackward`: ``y <= threshold ? 0 : grad``.

    For float32/float64 CPU arrays of one shape, both row-major (ReLU's backward), it is
    computed on the bits, because NumPy's ``where`` branches on each value and is slow with
    ReLU's random mask: ``(y <= t) - 1`` is 0 where the gradient is dropped and -1 (every bit
    set) where it is kept, so the gradient's bits ANDed with it are +0.0 or the gradient
    exactly as it is (-0.0, inf, nan with its payload): the bits ``where`` gives, in the same
    row-major layout.
    """
    g, data = grad._data, y._data
    if type(g) is numpy.ndarray:
        bits = _BITS.get(g.dtype)
        if (bits is not None and type(data) is numpy.ndarray and g.shape == data.shape
                and g.flags.c_contiguous and data.flags.c_contiguous):
            keep = numpy.subtract(data <= threshold, 1, dtype=bits)
            # (out=...: an array even for 0-dim operands, where NumPy would give a scalar)
            return numpy.bitwise_and(g.view(bits), keep, out=...).view(g.dtype)
    elif gpu_kernels.on_cupy(g):  # on a GPU: one kernel, nothing read back to the host
        out = gpu_kernels.threshold_backward(g, data, threshold)
        if out is not None:
            return out
    # (PyTorch's kernel walks (y, grad): their layout, y's first)
    return operands_layout(grad._xp.where(data <= threshold, g.dtype.type(0), g), (y, grad))


class Abs(Function):
    """y = |x|         dy/dx = sign(x)   (0 at x = 0)   →  grad_x = grad * sign(x)"""

    node_name = "AbsBackward0"
    result_layout = operands_layout  # (its operand's layout, see Function)

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        if x._data.dtype.kind == "b":
            raise kernel_error(f"abs_{x.device.type}", x.dtype)
        ctx.save_for_backward(x)
        return x._xp.abs(x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        return grad * x.sgn()


class Sign(Function):
    """y = sign(x)     dy/dx = 0 (almost everywhere)"""

    node_name = "SignBackward0"
    result_layout = tensors_layout  # (its operand's layout, see Function)

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        if x._data.dtype.kind == "b":  # NumPy has no sign for bools; PyTorch keeps them
            return x._data.copy()
        xp, data = x._xp, x._data
        if data.dtype.kind == "f":  # PyTorch: sign(nan) = 0, as (0 < x) - (x < 0) gives
            return xp.where(xp.isnan(data), 0, xp.sign(data)).astype(data.dtype, copy=False)
        return xp.sign(data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return zero_gradient(grad)


class Reciprocal(Elementwise):
    """y = 1/x         dy/dx = -1/x² = -y²"""

    node_name = "ReciprocalBackward0"
    uses = "y"
    compute = staticmethod(lambda xp, x: 1 / x)
    derivative = staticmethod(lambda y: -(y * y))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        """-grad · (y · y), PyTorch's grouping, y · y first (C++ evaluates the right operand
        of ``-grad * (y * y)`` first: its nodes come first under create_graph)."""
        (y,) = ctx.saved_tensors
        square = y * y
        return -grad * square


def keep_ties(xp: Any, x: Any, out: Any) -> Any:
    """``out`` (x clamped), with x's own value wherever the two compare equal: PyTorch's
    clamp keeps x on a tie with a bound, so clamp(-0., min=0) is -0. (NumPy gives 0.)."""
    return xp.where(out == x, x, out) if out.dtype.kind == "f" else out


class Clamp(Function):
    """y = min(max(x, low), high)      dy/dx = 1 where low ≤ x ≤ high, else 0"""

    node_name = "ClampBackward1"
    result_layout = tensors_layout  # (its operand's layout, see Function)
    saved_options = {"min": "low", "max": "high"}
    kernel = "clamp_scalar"  # PyTorch's name for it, in its error for bools

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, low: Any, high: Any) -> Any:
        if low is None and high is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        ctx.save_for_backward(x)
        # the result type of x and the bounds (integers clamped by a float: the default float)
        dtype = common_dtype(x, *(b for b in (low, high) if b is not None))
        if dtype.name == "bool":  # (clamp with one bound is PyTorch's clamp_min/clamp_max)
            kernel = cls.kernel if cls is not Clamp or None not in (low, high) else (
                ClampMax.kernel if low is None else ClampMin.kernel)
            raise kernel_error(f"{kernel}_{x.device.type}", dtype)
        data = x._data.astype(dtype.numpy, copy=False)
        # each bound converted for the result type, as PyTorch does (-1 is 255 for uint8)
        low, high = (None if b is None else number_for(b, data.dtype) for b in (low, high))
        ctx.low, ctx.high = low, high
        return keep_ties(x._xp, data, x._xp.clip(data, low, high).astype(data.dtype))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        (x,) = ctx.saved_tensors
        if ctx.low is not None and ctx.high is not None:
            inside = (x >= ctx.low) & (x <= ctx.high)
        elif ctx.low is not None:
            inside = x >= ctx.low
        else:
            inside = x <= ctx.high
        return grad.where(inside, 0.0), None, None  # (not grad * inside: inf · 0 is nan)


class ClampMin(Clamp):
    """y = max(x, low)   (``clamp_min``)      dy/dx = 1 where x ≥ low, else 0"""

    node_name = "ClampMinBackward0"
    saved_options = {"min": "low"}
    kernel = "clamp_min_scalar"


class ClampMax(Clamp):
    """y = min(x, high)   (``clamp_max``)      dy/dx = 1 where x ≤ high, else 0"""

    node_name = "ClampMaxBackward0"
    saved_options = {"max": "high"}
    kernel = "clamp_max_scalar"
