"""What the elementwise losses share: reducing the losses, spreading the gradient back, and
`LossBackward`, a loss's backward rule run as an operation of its own.

PyTorch's backward of ``mse_loss`` calls ``mse_loss_backward``, itself a differentiable
operation: under ``create_graph=True`` the gradient's node is ``MseLossBackwardBackward0``
(``SmoothL1LossBackwardBackward0``, ``HuberLossBackwardBackward0``,
``BinaryCrossEntropyBackwardBackward0``). The kit does the same, with one base class here
and, for each loss, only its formulas.
"""

from __future__ import annotations

import math
from itertools import zip_longest
from typing import Any

import numpy

from ..function import Function
from ..tensor import Tensor
from .arithmetic import DivNumber
from .cpp_numbers import number_minus, plus_number, times_number
from .summation_order import mean_like_torch, sum_like_torch
from .unrecorded import unrecorded
from .written_in_place import written_in_place

REDUCTIONS = ("none", "mean", "sum")


def reduce_losses(xp: Any, values: Any, reduction: str) -> Any:
    """The losses (an array) as ``reduction`` asks: their mean, their sum (both added in
    PyTorch's order), or all of them."""
    if reduction == "mean":
        return xp.asarray(mean_like_torch(values, None, False), dtype=values.dtype)
    if reduction == "sum":
        return xp.asarray(sum_like_torch(values, None, False), dtype=values.dtype)
    return values


def spread(grad: Tensor, reduction: str, count: int) -> Tensor:
    """The gradient arriving at a reduced loss, as the factor for each element's loss."""
    return grad / count if reduction == "mean" else grad


def scaled(value: Tensor, *factors: Tensor | None, reduction: str, count: int) -> Tensor:
    """value times each factor given (the weight, the arriving gradient: in the order PyTorch
    multiplies them), divided by the count for the mean. Recorded, this is PyTorch's graph of
    the rule: ``MulBackward0`` nodes, then ``DivBackward1``."""
    for factor in factors:
        if factor is not None:
            value = value * factor
    return DivNumber.apply(value, count) if reduction == "mean" else value


def _broadcast_size(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """The number of elements of two broadcast shapes (already checked to broadcast)."""
    if a == b:  # (the usual case, without the generator)
        return math.prod(a)
    return math.prod(max(m, n) for m, n in zip_longest(reversed(a), reversed(b), fillvalue=1))


class LossBackward(Function):
    """out_i = g_i · ∂loss_i/∂x_i: an elementwise loss's backward rule, as an operation.

    Inputs: the gradient arriving at the loss, x, the target t, an optional weight w, the
    reduction and the loss's own numbers (β, δ). g = grad (divided by n for the mean) · w.

    ∂out/∂grad → the same operation on grad_grad (then summed, when the loss was reduced)
    ∂out/∂x = grad_grad · g · ∂²loss/∂x²      (``second``, through ``to_input``)
    ∂out/∂t = grad_grad · g · ∂²loss/∂x∂t     (``mixed``)

    A loss gives ``first(g, x, t, *params) = g · ∂loss/∂x`` and ``second`` / ``mixed`` in the
    same form, written with tensor operations (so a third derivative works too).
    """

    @staticmethod
    def first(g: Tensor, x: Tensor, t: Tensor, *params: Any) -> Tensor:
        raise NotImplementedError

    @staticmethod
    def second(g: Tensor, x: Tensor, t: Tensor, *params: Any) -> Tensor:
        raise NotImplementedError

    scales_last = False  # (PyTorch's formula divides by n for the mean last: see to_input)

    @classmethod
    def to_input(cls, grad_grad: Tensor, grad: Tensor, x: Tensor, t: Tensor,
                 weight: Tensor | None, reduction: str, *params: Any) -> Tensor:
        """∂out/∂x = grad_grad · g · ∂²loss/∂x²: ``second`` of g (a loss whose PyTorch
        formula scales last overrides this). ``scales_last`` (mse, huber, smooth L1, which
        have no weight): PyTorch's ``*_double_backward(grad_grad · grad, …)``, ``second`` of
        the product, then / n for the mean (``/=``: DivBackward1, version 1)."""
        if cls.scales_last:
            out = cls.second(grad_grad * grad, x, t, *params)
            if reduction != "mean":
                return out
            return written_in_place(DivNumber.apply(out, grad_grad.numel()))
        g = grad_grad * cls.factor(grad, weight, reduction, grad_grad.numel())
        return cls.second(g, x, t, *params)

    @classmethod
    def mixed(cls, g: Tensor, x: Tensor, t: Tensor, *params: Any) -> Tensor:
        """By default -second: right for every loss of the difference d = x - t."""
        return -cls.second(g, x, t, *params)

    @staticmethod
    def factor(grad: Tensor, weight: Tensor | None, reduction: str, count: int) -> Tensor:
        """g: the arriving gradient (divided by n for the mean), times the weight."""
        g = spread(grad, reduction, count)
        return g if weight is None else g * weight

    @classmethod
    def forward(cls, ctx: Any, grad: Tensor, x: Tensor, target: Tensor, weight: Tensor | None,
                reduction: str, *params: Any) -> Any:
        ctx.save_for_backward(grad, x, target, weight)
        ctx.reduction, ctx.params = reduction, params
        count = _broadcast_size(x._data.shape, target._data.shape)  # the losses' count
        if _same_float_arrays(grad._data, x._data, target._data):
            exact = cls.in_pytorch_order(grad._data, x._data, target._data,
                                         None if weight is None else weight._data,
                                         count if reduction == "mean" else None, *params)
            if exact is not None:
                return exact
        # tensor operations; forward records nothing. PyTorch's kernel writes into a tensor
        # like x: a target of a wider dtype is read in it, the result is x's dtype
        out = cls.first(cls.factor(grad, weight, reduction, count), x, target, *params)
        return out if out.dtype == x.dtype or not x.dtype.is_floating_point else out.to(x.dtype)

    @classmethod
    def run(cls, grad: Tensor, x: Tensor, target: Tensor, weight: Tensor | None,
            reduction: str, *params: Any) -> Tensor:
        """``cls.apply(...)``, the way a loss's backward calls it. When nothing is recorded
        (backward without ``create_graph``: grad mode off, not inference mode) and the arrays
        are plain, `in_pytorch_order`'s array is wrapped directly: exactly what ``apply``
        would return (its ``forward`` computes the same array, and an unrecorded ``apply``
        only wraps it), without ``apply``'s general machinery (a third of a small training
        step's backward)."""
        if unrecorded(grad, x, target):  # (see ops/unrecorded.py)
            g, p, t = grad._data, x._data, target._data
            if _same_float_arrays(g, p, t):
                count = _broadcast_size(p.shape, t.shape)
                exact = cls.in_pytorch_order(g, p, t, None if weight is None else weight._data,
                                             count if reduction == "mean" else None, *params)
                if type(exact) is numpy.ndarray:
                    return Tensor._make(exact)
        return cls.apply(grad, x, target, weight, reduction, *params)

    @staticmethod
    def in_pytorch_order(g: Any, x: Any, t: Any, w: Any, count: int | None,
                         *params: Any) -> Any:
        """The rule as PyTorch's CPU kernel computes it, to the last bit, for NumPy arrays x
        and t of one shape and float dtype (w: the weight's array or None; count: the number
        of losses for the mean, None otherwise); None where ``first`` does."""
        return None

    @classmethod
    def backward(cls, ctx: Any, grad_grad: Tensor) -> tuple[Any, ...]:
        grad, x, target, weight = ctx.saved_tensors
        needs_grad, needs_x, needs_t = ctx.needs_input_grad[:3]
        reduction, params = ctx.reduction, ctx.params
        to_grad = to_x = to_t = None
        if needs_grad:
            to_grad = cls.apply(grad_grad, x, target, weight, reduction, *params)
            to_grad = to_grad if reduction == "none" else to_grad.sum()
        if needs_x:
            to_x = cls.to_input(grad_grad, grad, x, target, weight, reduction, *params)
        if needs_t and cls.scales_last:  # (PyTorch: -*_double_backward(...), as for x)
            to_t = -cls.to_input(grad_grad, grad, x, target, weight, reduction, *params)
        elif needs_t:
            g = grad_grad * cls.factor(grad, weight, reduction, grad_grad.numel())
            to_t = cls.mixed(g, x, target, *params)
        return (to_grad, to_x, to_t, None, None, *[None] * len(params))

    @classmethod
    def of_difference(cls, ctx: Any, grad: Tensor, *params: Any) -> tuple[Any, Any]:
        """Both gradients of a loss of d = x - t (saved as x, t): the rule on (x, t) and on
        (t, x), as PyTorch computes them (∂loss/∂t = -∂loss/∂x: the rule is odd in d)."""
        x, target = ctx.saved_tensors
        needs_x, needs_t = ctx.needs_input_grad[:2]
        x, target = _bool_as_number(x, target), _bool_as_number(target, x)
        return (cls.run(grad, x, target, None, ctx.reduction, *params) if needs_x else None,
                cls.run(grad, target, x, None, ctx.reduction, *params) if needs_t else None)


def _bool_as_number(t: Tensor, other: Tensor) -> Tensor:
    """A bool x or target in other's dtype: PyTorch's loss kernels read it as 0 or 1 (the
    kit's rules subtract, and ``-`` refuses a bool tensor)."""
    return t.to(other.dtype) if t.dtype.name == "bool" else t


class MseLossBackward(LossBackward):
    """out = 2 (x - t) · g      ∂out/∂x = 2 g,   ∂out/∂t = -2 g"""

    node_name = "MseLossBackwardBackward0"
    scales_last = True
    first = staticmethod(lambda g, x, t: 2 * (x - t) * g)
    second = staticmethod(lambda g, x, t: times_number(g, 2))  # (C++ 2 * grad: MulBackward1)

    @staticmethod
    def in_pytorch_order(g: Any, x: Any, t: Any, w: Any, count: int | None) -> Any:
        """(2/n for the mean, else 2, rounded to x's dtype) · (x - t) · g, left to right."""
        return (x.dtype.type(2 / count if count else 2) * (x - t)) * g


def _same_float_arrays(g: Any, x: Any, t: Any) -> bool:
    """NumPy float arrays x and t of one shape and dtype, and a gradient of that dtype."""
    return (type(x) is numpy.ndarray and type(t) is numpy.ndarray and x.dtype.kind == "f"
            and x.shape == t.shape and x.dtype == t.dtype == g.dtype)


_EPS = 1e-12  # PyTorch's floor for p (1 - p) in binary_cross_entropy's rules


class BinaryCrossEntropyBackward(LossBackward):
    """out = (p - t) / max(p (1 - p), ε) · g

    ∂out/∂p = (p² - 2pt + t) / ((p + ε)² (1 - p + ε)²) · g,   ∂out/∂t = -g / max(p (1 - p), ε)
    (ε = 1e-12, placed as PyTorch places it.)
    """

    node_name = "BinaryCrossEntropyBackwardBackward0"
    non_inputs = (3,)  # the weight: no edge (PyTorch does not differentiate it)
    first = staticmethod(lambda g, p, t: (p - t) / (p * (1 - p)).clamp(min=_EPS) * g)

    @staticmethod
    def in_pytorch_order(g: Any, p: Any, t: Any, w: Any, count: int | None) -> Any:
        """g · (p - t) / max((1 - p) · p, ε), then times the weight, then / n for the mean
        (``binary_cross_entropy_backward``'s CPU kernel, then ``mul_(weight)``, ``div_(n)``),
        each step rounded to p's dtype (p and t of one shape, g of it or ())."""
        one, eps = p.dtype.type(1), p.dtype.type(_EPS)
        out = p - t
        if g.shape == () or g.shape == out.shape:
            out *= g  # (g · (p - t): the product is the same either way round)
        else:
            out = g * out
        q = one - p
        q *= p
        out /= numpy.maximum(q, eps)  # (nan stays nan, as std::max(nan, ε) gives)
        if w is not None:
            out = out * w
        if count:
            out /= p.dtype.type(count)
        return out
    @classmethod
    def to_input(cls, grad_grad: Tensor, grad: Tensor, p: Tensor, t: Tensor,
                 weight: Tensor | None, reduction: str) -> Tensor:
        """PyTorch's binary_cross_entropy_double_backward: the curvature first (with C++'s
        numbers: 2 · p a MulBackward1, p + ε an AddBackward1), then times grad_grad · grad
        and the weight in place (``*=``: a later derivative reads the curvature's clone, as
        PyTorch's in-place products save it), and / n for the mean (DivBackward1)."""
        curvature = ((p * p - times_number(p, 2) * t + t)
                     / (plus_number(p, _EPS).pow(2)
                        * plus_number(number_minus(1, p), _EPS).pow(2)))
        curvature *= grad_grad * grad
        if weight is not None:
            curvature *= weight
        return scaled(curvature, reduction=reduction, count=grad_grad.numel())

    mixed = staticmethod(lambda g, p, t: -g / (p * (1 - p)).clamp(min=_EPS))
