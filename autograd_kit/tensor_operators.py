"""The operators and methods of `Tensor`, each one line handing the work to `ops`.

Kept apart from tensor.py so that file stays about what a tensor *is*; the mixin is the
list of what you can *do* with one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy

from . import dtypes
from .tensor_arguments import (
    add_other_names,
    argument_error,
    as_sizes,
    name_methods_as_pytorch,
    number_argument,
    or_keyword,
    take_numpy_names,
)
from .tensor_arguments import addc_arguments as _addc
from .tensor_arguments import other_operand as _other
from .tensor_arguments import tensor_argument as _T
from .tensor_arguments import tensor_or_number as _TN
from .tensor_arguments import tensor_pair as _pair
from .tensor_method_families import (
    OutOfPlace,
    add_families,
    apply_inplace,
    check_leaf,
    module,
)
from .transform_captures import refuse_batched_mask

# `ops` needs the Tensor class, so autograd_kit/ops/__init__.py connects itself here (and
# `plain`, its ops/plain_arithmetic.py: + - * / on plain operands, tried first).
ops: Any = None
plain: Any = None

# var/std's dim (and div's rounding_mode) when the caller gave none (``ops.more_functions.
# NOT_GIVEN`` once ops is there): ``x.var()`` shows correction None on its node,
# ``x.var(dim=None)`` shows 1; ``x.div(y, rounding_mode=None)`` records DivBackward2, as PyTorch.
_DIM_NOT_GIVEN: Any = object()


def _given(dim: Any) -> Any: return ops.more_functions.NOT_GIVEN if dim is _DIM_NOT_GIVEN else dim


def _all_if_not_given(dim: Any) -> Any:
    """sum/mean: ``x.sum()`` is SumBackward0, ``x.sum(None)`` SumBackward1, as PyTorch."""
    return ops.ALL_DIMS if dim is _DIM_NOT_GIVEN else dim


def _arithmetic(name: str, method: str) -> Callable[[Any, Any], Any]:
    """The operator ``method`` for ``ops.<name>``: plain operands go straight to
    ops.plain_arithmetic (which ops.<name> would try first), the rest through ops.<name>."""
    def operator(self: Any, other: Any = None) -> Any:
        if (out := getattr(plain, name)(self, other)) is not None:
            return out
        return getattr(ops, name)(self, other) if _takes(other) else NotImplemented

    operator.__name__ = operator.__qualname__ = method
    return operator


class TensorOperators:
    """Arithmetic, math, reductions, shapes, comparisons and in-place variants."""

    # ---- arithmetic operators (anything but a tensor, a number or an array: NotImplemented,
    # so Python raises its own TypeError and == compares False, as with PyTorch). Plain
    # operands go straight to ops.plain_arithmetic, which ops.add & co. would try first.
    # No operand at all (``x.__add__()``) is None: NotImplemented too, as PyTorch. ----
    __add__ = _arithmetic("add", "__add__")
    __radd__ = _arithmetic("add", "__radd__")  # (x + 2.0 and 2.0 + x: the same bits)
    __sub__ = _arithmetic("sub", "__sub__")
    def __rsub__(self, other: Any = None) -> Any:
        return ops.rsub(self, other) if _takes(other) else NotImplemented
    __mul__ = _arithmetic("mul", "__mul__")
    __rmul__ = _arithmetic("mul", "__rmul__")
    __truediv__ = _arithmetic("div", "__truediv__")
    def __rtruediv__(self, other: Any = None) -> Any:  # PyTorch: self.reciprocal() * other
        if isinstance(other, numpy.ndarray):  # (multiplied by NumPy)
            return ops.reciprocal(self) * other
        return ops.reciprocal(self) * other if _takes(other) else NotImplemented
    def __pow__(self, other: Any = None, modulo: Any = None) -> Any:  # (pow(x, 3, 5): none)
        return ops.pow(self, other) if modulo is None and _takes(other) else NotImplemented
    def __rpow__(self, other: Any = None) -> Any:
        return ops.pow(other, self) if _takes(other) else NotImplemented
    def __matmul__(self, other: Any = None) -> Any:
        return ops.matmul(self, other) if isinstance(other, TensorOperators) else NotImplemented
    def __rmatmul__(self, other: Any = None) -> Any:
        return ops.matmul(other, self) if isinstance(other, TensorOperators) else NotImplemented
    def __neg__(self) -> Any: return ops.neg(self)
    def __pos__(self) -> Any: return self
    def __abs__(self) -> Any: return ops.abs(self)

    # ---- comparisons, bitwise and logical operations (no gradients) ----
    def __eq__(self, other: Any = None) -> Any:  # type: ignore[override]
        return ops.eq(self, other) if _takes_array_too(other) else NotImplemented
    def __ne__(self, other: Any = None) -> Any:  # type: ignore[override]
        return ops.ne(self, other) if _takes(other) else NotImplemented  # (array: is-not)
    def __lt__(self, other: Any = None) -> Any:
        return ops.lt(self, other) if _takes(other) else NotImplemented
    def __le__(self, other: Any = None) -> Any:
        return ops.le(self, other) if _takes(other) else NotImplemented
    def __gt__(self, other: Any = None) -> Any:
        return ops.gt(self, other) if _takes(other) else NotImplemented
    def __ge__(self, other: Any = None) -> Any:
        return ops.ge(self, other) if _takes(other) else NotImplemented
    def __and__(self, other: Any = None) -> Any:
        return ops.bitwise("and", self, other) if _takes(other) else NotImplemented
    def __rand__(self, other: Any = None) -> Any:
        return ops.bitwise("and", other, self) if _takes(other) else NotImplemented
    def __or__(self, other: Any = None) -> Any:
        return ops.bitwise("or", self, other) if _takes(other) else NotImplemented
    def __ror__(self, other: Any = None) -> Any:
        return ops.bitwise("or", other, self) if _takes(other) else NotImplemented
    def __xor__(self, other: Any = None) -> Any:
        return ops.bitwise("xor", self, other) if _takes(other) else NotImplemented
    def __rxor__(self, other: Any = None) -> Any:
        return ops.bitwise("xor", other, self) if _takes(other) else NotImplemented
    def __lshift__(self, other: Any = None) -> Any:
        return ops.bitwise("lshift", self, other) if _takes(other) else NotImplemented
    def __rlshift__(self, other: Any = None) -> Any:
        return ops.bitwise("lshift", other, self) if _takes(other) else NotImplemented
    def __rshift__(self, other: Any = None) -> Any:
        return ops.bitwise("rshift", self, other) if _takes(other) else NotImplemented
    def __rrshift__(self, other: Any = None) -> Any:
        return ops.bitwise("rshift", other, self) if _takes(other) else NotImplemented
    def __invert__(self) -> Any: return ops.invert(self)
    def bitwise_and(self, other: Any) -> Any: return ops.bitwise("and", self, other)
    def bitwise_or(self, other: Any) -> Any: return ops.bitwise("or", self, other)
    def bitwise_xor(self, other: Any) -> Any: return ops.bitwise("xor", self, other)
    def bitwise_left_shift(self, other: Any) -> Any: return ops.bitwise("lshift", self, other)
    def bitwise_right_shift(self, other: Any) -> Any: return ops.bitwise("rshift", self, other)
    def bitwise_not(self) -> Any: return ops.bitwise_not(self)
    def logical_and(self, other: Any) -> Any:
        return ops.logical("and", self, _T("logical_and", "other", other))
    def logical_or(self, other: Any) -> Any:
        return ops.logical("or", self, _T("logical_or", "other", other))
    def logical_xor(self, other: Any) -> Any:
        return ops.logical("xor", self, _T("logical_xor", "other", other))
    def logical_not(self) -> Any: return ops.logical_not(self)
    def eq(self, other: Any) -> Any: return ops.eq(self, _TN("eq", "other", other))
    def ne(self, other: Any) -> Any: return ops.ne(self, _TN("ne", "other", other))
    def lt(self, other: Any) -> Any: return ops.lt(self, _TN("lt", "other", other))
    def le(self, other: Any) -> Any: return ops.le(self, _TN("le", "other", other))
    def gt(self, other: Any) -> Any: return ops.gt(self, _TN("gt", "other", other))
    def ge(self, other: Any) -> Any: return ops.ge(self, _TN("ge", "other", other))
    def allclose(self, other: Any, rtol: Any = 1e-05, atol: Any = 1e-08, equal_nan: Any = False):
        return ops.allclose(self, _T("allclose", "other", other), rtol, atol, equal_nan)
    def equal(self, other: Any) -> bool: return ops.equal(self, _T("equal", "other", other))

    # ---- named arithmetic ----
    def add(self, other: Any, *, alpha: Any = 1) -> Any:
        return ops.add(self, _other("add", other), alpha=number_argument("add", "alpha", alpha))
    def sub(self, other: Any, *, alpha: Any = 1) -> Any:
        return ops.sub(self, _other("sub", other), alpha=number_argument("sub", "alpha", alpha))
    def mul(self, other: Any) -> Any: return ops.mul(self, _other("mul", other))
    def div(self, other: Any, *, rounding_mode: Any = _DIM_NOT_GIVEN) -> Any:
        return ops.div(self, _other("div", other), rounding_mode=_given(rounding_mode))
    def pow(self, exponent: Any) -> Any: return ops.pow(self, _TN("pow", "exponent", exponent))
    def neg(self) -> Any: return ops.neg(self)
    def square(self) -> Any: return ops.square(self)
    def matmul(self, other: Any) -> Any: return ops.matmul(self, _T("matmul", "other", other))
    def mm(self, mat2: Any) -> Any: return ops.mm(self, _T("mm", "mat2", mat2))
    def bmm(self, mat2: Any) -> Any: return ops.bmm(self, _T("bmm", "mat2", mat2))
    def mv(self, vec: Any) -> Any: return ops.mv(self, _T("mv", "vec", vec))
    def dot(self, tensor: Any) -> Any: return ops.dot(self, _T("dot", "tensor", tensor))

    # ---- elementwise functions ----
    def exp(self) -> Any: return ops.exp(self)
    def log(self) -> Any: return ops.log(self)
    def sqrt(self) -> Any: return ops.sqrt(self)
    def sin(self) -> Any: return ops.sin(self)
    def cos(self) -> Any: return ops.cos(self)
    def tanh(self) -> Any: return ops.tanh(self)
    def sigmoid(self) -> Any: return ops.sigmoid(self)
    def relu(self) -> Any: return ops.relu(self)
    def abs(self) -> Any: return ops.abs(self)
    def sign(self) -> Any: return ops.sign(self)
    def reciprocal(self) -> Any: return ops.reciprocal(self)
    def clamp(self, *args: Any, **kwargs: Any) -> Any:  # (min=None, max=None)
        module("clamp_arguments").check_bounds("clamp", args, kwargs)
        return ops.clamp(self, *args, **kwargs)
    def clip(self, *args: Any, **kwargs: Any) -> Any:  # (min=None, max=None)
        module("clamp_arguments").check_bounds("clip", args, kwargs)
        return ops.clamp(self, *args, **kwargs)
    def clamp_min(self, min: Any) -> Any: return ops.clamp_min(self, _TN("clamp_min", "min", min))
    def clamp_max(self, max: Any) -> Any: return ops.clamp_max(self, _TN("clamp_max", "max", max))
    def maximum(self, other: Any) -> Any: return ops.maximum(self, _T("maximum", "other", other))
    def minimum(self, other: Any) -> Any: return ops.minimum(self, _T("minimum", "other", other))
    def where(self, condition: Any, other: Any) -> Any:
        condition, other = _pair("where", (condition, other), "condition", "other")
        return ops.where(condition, self, other)
    def tan(self) -> Any: return ops.tan(self)
    def asin(self) -> Any: return ops.asin(self)
    def acos(self) -> Any: return ops.acos(self)
    def atan(self) -> Any: return ops.atan(self)
    def sinh(self) -> Any: return ops.sinh(self)
    def cosh(self) -> Any: return ops.cosh(self)
    def log2(self) -> Any: return ops.log2(self)
    def log10(self) -> Any: return ops.log10(self)

    # ---- reductions ----
    # (sum and mean call the functions under their argument checks, ``__wrapped__``: the
    # method's own checks, the same ones, have run; a second pass costs a fifth of a sum)
    def sum(self, dim: Any = _DIM_NOT_GIVEN, keepdim: bool = False, *, dtype: Any = None) -> Any:
        return ops.sum.__wrapped__(self, _all_if_not_given(dim), keepdim, dtype=dtype)
    def mean(self, dim: Any = _DIM_NOT_GIVEN, keepdim: bool = False, *, dtype: Any = None) -> Any:
        return ops.mean.__wrapped__(self, _all_if_not_given(dim), keepdim, dtype=dtype)
    def count_nonzero(self, dim: Any = None) -> Any: return ops.count_nonzero(self, dim)
    # (dim=None given is refused by the method's wrapper, as PyTorch: None is "not given")
    def max(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.max(self, keepdim=keepdim) if dim is None else ops.max(self, dim, keepdim)
    def min(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.min(self, keepdim=keepdim) if dim is None else ops.min(self, dim, keepdim)
    def nonzero(self, *, as_tuple: bool = False) -> Any: return ops.nonzero(self, as_tuple=as_tuple)
    def argmax(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.argmax(self, dim, keepdim)
    def argmin(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.argmin(self, dim, keepdim)
    def norm(self, p: Any = "fro", dim: Any = None, keepdim: bool = False,
             dtype: Any = None) -> Any:
        return ops.norm(self, p, dim, keepdim, dtype)
    def softmax(self, dim: int, dtype: Any = None) -> Any: return ops.softmax(self, dim, dtype, 1)
    def log_softmax(self, dim: int, dtype: Any = None) -> Any:
        return ops.log_softmax(self, dim, dtype, 1)
    def amax(self, dim: Any = (), keepdim: bool = False) -> Any: return ops.amax(self, dim, keepdim)
    def amin(self, dim: Any = (), keepdim: bool = False) -> Any: return ops.amin(self, dim, keepdim)
    def dist(self, other: Any, p: float = 2) -> Any:
        return ops.dist(self, _T("dist", "other", other), p)

    # ---- shapes ----
    def reshape(self, *sizes: Any, shape: Any = None) -> Any:
        sizes = or_keyword("reshape", "shape", sizes, shape)  # (PyTorch's errors for the ints:)
        return ops.reshape(self, ops.operands.int_list("reshape", "shape", sizes))
    def view(self, *sizes: Any, **keywords: Any) -> Any:  # (size=, dtype=)
        if keywords:  # (PyTorch's listings for keywords that fit no form: view_methods.py)
            module("ops.view_methods").check_keywords(sizes, keywords)
        size, dtype = keywords.get("size"), keywords.get("dtype")
        return ops._shape.view_method(self, or_keyword("view", "size", sizes, size), dtype)
    def view_as(self, other: Any) -> Any: return ops.view(self, _T("view_as", "other", other).shape)
    def reshape_as(self, other: Any) -> Any:
        return ops.reshape(self, _T("reshape_as", "other", other).shape)
    def _unsafe_view(self, shape: Any) -> Any:
        from .ops.shape import UnsafeView

        return UnsafeView.apply(self, tuple(shape))
    def transpose(self, dim0: int, dim1: int) -> Any: return ops.transpose(self, dim0, dim1)
    def t(self) -> Any: return ops.t(self)
    def permute(self, *order: Any, dims: Any = None) -> Any:
        return ops.permute(self, *or_keyword("permute", "dims", order, dims))
    def squeeze(self, dim: Any = None) -> Any: return ops.squeeze(self, dim)
    def unsqueeze(self, dim: int) -> Any: return ops.unsqueeze(self, dim)
    def expand(self, *sizes: Any, size: Any = None, implicit: bool = False) -> Any:
        return ops.expand(self, *or_keyword("expand", "size", sizes, size), implicit=implicit)
    def expand_as(self, other: Any) -> Any:
        return ops.expand(self, _T("expand_as", "other", other).shape)
    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> Any:
        return ops.flatten(self, start_dim, end_dim)
    def clone(self, *, memory_format: Any = None) -> Any:
        return ops.clone(self, memory_format=memory_format)
    def contiguous(self, *, memory_format: Any = None) -> Any:
        return ops.contiguous(self, memory_format)

    # ---- more operations (rounding, special functions, statistics, sorting, pieces) ----
    def __floordiv__(self, other: Any = None) -> Any:
        return ops.floor_divide(self, other) if _takes(other) else NotImplemented
    def __rfloordiv__(self, other: Any = None) -> Any:
        return ops.floor_divide(other, self) if _takes(other) else NotImplemented
    def __mod__(self, other: Any = None) -> Any:
        return ops.remainder(self, other) if _takes(other) else NotImplemented
    def __rmod__(self, other: Any = None) -> Any:
        return ops.remainder(other, self) if _takes(other) else NotImplemented
    def floor_divide(self, other: Any) -> Any: return ops.floor_divide(self, other)
    def remainder(self, other: Any) -> Any:
        return ops.remainder(self, _TN("remainder", "other", other))
    def fmod(self, other: Any) -> Any: return ops.fmod(self, _TN("fmod", "other", other))
    def frac(self) -> Any: return ops.frac(self)
    def true_divide(self, other: Any) -> Any: return ops.div(self, other)
    def true_divide_(self, other: Any) -> Any: return self.div_(other)  # (no rounding_mode)
    def floor(self) -> Any: return ops.floor(self)
    def ceil(self) -> Any: return ops.ceil(self)
    def trunc(self) -> Any: return ops.trunc(self)
    def round(self, *, decimals: Any = _DIM_NOT_GIVEN) -> Any:  # (given: RoundBackward1)
        return ops.round(self) if decimals is _DIM_NOT_GIVEN else ops.round(self, decimals=decimals)
    def log1p(self) -> Any: return ops.log1p(self)
    def expm1(self) -> Any: return ops.expm1(self)
    def exp2(self) -> Any: return ops.exp2(self)
    def rsqrt(self) -> Any: return ops.rsqrt(self)
    def erf(self) -> Any: return ops.erf(self)
    def all(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.all(self, dim, keepdim)
    def any(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.any(self, dim, keepdim)
    def isnan(self) -> Any: return ops.isnan(self)
    def isinf(self) -> Any: return ops.isinf(self)
    def isfinite(self) -> Any: return ops.isfinite(self)
    def argsort(self, dim: int = -1, descending: bool = False, stable: bool = False) -> Any:
        return ops.argsort(self, dim, descending, stable)
    def sort(self, dim: int = -1, descending: bool = False, stable: Any = None) -> Any:
        return ops.sort(self, dim, descending, stable)
    def topk(self, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:
        return ops.topk(self, k, dim, largest, sorted)
    def trace(self) -> Any: return ops.trace(self)
    def prod(self, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Any:
        if dim is None:  # (not given: the wrapper refuses a None given)
            return ops.prod.__wrapped__(self, keepdim=keepdim, dtype=dtype)
        return ops.prod(self, dim, keepdim, dtype=dtype)
    def cumsum(self, dim: int, *, dtype: Any = None) -> Any:
        return ops.cumsum(self, dim, dtype=dtype)
    def var(self, dim: Any = _DIM_NOT_GIVEN, unbiased: Any = None, keepdim: bool = False, *,
            correction: Any = None) -> Any:
        return ops.var(self, _given(dim), unbiased, keepdim, correction=correction)
    def std(self, dim: Any = _DIM_NOT_GIVEN, unbiased: Any = None, keepdim: bool = False, *,
            correction: Any = None) -> Any:
        return ops.std(self, _given(dim), unbiased, keepdim, correction=correction)
    def logsumexp(self, dim: Any, keepdim: bool = False) -> Any:
        return ops.logsumexp(self, dim, keepdim)
    def outer(self, vec2: Any) -> Any: return ops.outer(self, _T("outer", "vec2", vec2))
    def ger(self, vec2: Any) -> Any: return ops.outer(self, _T("ger", "vec2", vec2))
    def narrow(self, dim: int, start: int, length: int) -> Any:
        return ops.narrow(self, dim, start, length)
    def split(self, split_size: Any, dim: int = 0) -> Any: return ops.split(self, split_size, dim)
    def chunk(self, chunks: int, dim: int = 0) -> Any: return ops.chunk(self, chunks, dim)
    def unbind(self, dim: int = 0) -> Any: return ops.unbind(self, dim)
    def flip(self, *order: Any, dims: Any = None) -> Any:
        return ops.flip(self, as_sizes(or_keyword("flip", "dims", order, dims)))
    def repeat(self, *sizes: Any, repeats: Any = None) -> Any:
        return ops.repeat(self, *or_keyword("repeat", "repeats", sizes, repeats))
    def masked_fill(self, mask: Any, value: Any) -> Any:
        return ops.masked_fill(self, *_pair("masked_fill", (mask, value), "mask", "value"))
    def gather(self, dim: int, index: Any, *, sparse_grad: bool = False) -> Any:
        return ops.gather(self, dim, index, sparse_grad=sparse_grad)
    def index_select(self, dim: int, index: Any) -> Any: return ops.index_select(self, dim, index)
    def lerp(self, end: Any, weight: Any) -> Any:
        return ops.lerp(self, *_pair("lerp", (end, weight), "end", "weight"))
    def addmm(self, mat1: Any, mat2: Any, *, beta: Any = 1, alpha: Any = 1) -> Any:
        return ops.addmm(self, mat1, mat2, beta=beta, alpha=alpha)

    # ---- the second batch (ops/extra_functions.py): matrix parts, running operations, … ----
    def tril(self, diagonal: int = 0) -> Any: return ops.tril(self, diagonal)
    def triu(self, diagonal: int = 0) -> Any: return ops.triu(self, diagonal)
    def diag(self, diagonal: int = 0) -> Any: return ops.diag(self, diagonal)
    def diagonal(self, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Any:
        return ops.diagonal(self, offset, dim1, dim2)
    def select(self, dim: int, index: int) -> Any: return ops.select(self, dim, index)
    def movedim(self, source: Any, destination: Any) -> Any:
        return ops.movedim(self, source, destination)
    moveaxis = movedim
    def roll(self, shifts: Any, dims: Any = None) -> Any: return ops.roll(self, shifts, dims)
    def take(self, index: Any) -> Any: return ops.take(self, _T("take", "index", index))
    def cumprod(self, dim: int, *, dtype: Any = None) -> Any:
        return ops.cumprod(self, dim, dtype=dtype)
    def logcumsumexp(self, dim: int) -> Any: return ops.logcumsumexp(self, dim)
    def cummax(self, dim: int) -> Any: return ops.cummax(self, dim)
    def cummin(self, dim: int) -> Any: return ops.cummin(self, dim)
    def atan2(self, other: Any) -> Any: return ops.atan2(self, _T("atan2", "other", other))
    arctan2 = atan2
    def hypot(self, other: Any) -> Any: return ops.hypot(self, _T("hypot", "other", other))
    def logaddexp(self, other: Any) -> Any:
        return ops.logaddexp(self, _T("logaddexp", "other", other))
    def xlogy(self, other: Any) -> Any: return ops.xlogy(self, other)
    def addcmul(self, tensor1: Any, tensor2: Any, *, value: Any = 1) -> Any:
        tensor1, tensor2, value = _addc("addcmul", tensor1, tensor2, value)
        return ops.addcmul(self, tensor1, tensor2, value=value)
    def addcdiv(self, tensor1: Any, tensor2: Any, *, value: Any = 1) -> Any:
        tensor1, tensor2, value = _addc("addcdiv", tensor1, tensor2, value)
        return ops.addcdiv(self, tensor1, tensor2, value=value)
    def sgn(self) -> Any: return ops.sgn(self)
    def nan_to_num(self, nan: float = 0.0, posinf: Any = None, neginf: Any = None) -> Any:
        return ops.nan_to_num(self, nan, posinf, neginf)
    def nansum(self, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Any:
        return ops.nansum(self, dim, keepdim, dtype=dtype)
    def aminmax(self, *, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.aminmax(self, dim=dim, keepdim=keepdim)
    def median(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.median(self, dim, keepdim)
    def kthvalue(self, k: int, dim: int = -1, keepdim: bool = False) -> Any:
        return ops.kthvalue(self, k, dim, keepdim)
    def mode(self, dim: int = -1, keepdim: bool = False) -> Any: return ops.mode(self, dim, keepdim)
    def broadcast_to(self, *sizes: Any, size: Any = None) -> Any:
        return ops.broadcast_to(self, as_sizes(or_keyword("broadcast_to", "size", sizes, size)))
    def tile(self, *order: Any, dims: Any = None) -> Any:
        return ops.tile(self, *or_keyword("tile", "dims", order, dims))
    def repeat_interleave(self, repeats: Any, dim: Any = None, *, output_size: Any = None) -> Any:
        return ops.repeat_interleave(self, repeats, dim, output_size=output_size)
    def unflatten(self, dim: int, sizes: Any) -> Any: return ops.unflatten(self, dim, sizes)
    def kron(self, other: Any) -> Any: return ops.kron(self, other)
    def cross(self, other: Any, dim: Any = None) -> Any:
        return ops.cross(self, _T("cross", "other", other), dim)
    def short(self, *, memory_format: Any = None) -> Any:
        return self.to(dtypes.int16, memory_format=memory_format)
    def byte(self, *, memory_format: Any = None) -> Any:
        return self.to(dtypes.uint8, memory_format=memory_format)
    def tril_(self, diagonal: int = 0) -> Any:
        return apply_inplace(self, ops._extra.matrix_parts.Tril, int(diagonal))
    def triu_(self, diagonal: int = 0) -> Any:
        return apply_inplace(self, ops._extra.matrix_parts.Triu, int(diagonal))
    def addcmul_(self, tensor1: Any, tensor2: Any, *, value: Any = 1) -> Any:
        return apply_inplace(self, ops._extra.pointwise_more.Addcmul,
                             *_addc("addcmul_", tensor1, tensor2, value))
    def addcdiv_(self, tensor1: Any, tensor2: Any, *, value: Any = 1) -> Any:
        return apply_inplace(self, ops._extra.pointwise_more.Addcdiv,
                             *_addc("addcdiv_", tensor1, tensor2, value))
    def lerp_(self, end: Any, weight: Any) -> Any:
        return apply_inplace(self, OutOfPlace("lerp", {}),
                             *_pair("lerp_", (end, weight), "end", "weight"))
    def nan_to_num_(self, nan: float = 0.0, posinf: Any = None, neginf: Any = None) -> Any:
        rule = ops._extra.pointwise_more.NanToNum
        return apply_inplace(self, rule, nan, posinf, neginf)

    # ---- the third batch (ops/extra_functions.py): writes, elementwise, statistics, shapes ----
    def index_put_(self, indices: Any, values: Any, accumulate: bool = False) -> Any:
        check_leaf(self, values)
        return apply_inplace(self, *ops._extra.writes.index_put_rule(self, indices, values,
                                                                      accumulate, "index_put_", 2))
    def masked_scatter_(self, mask: Any, source: Any) -> Any:
        check_leaf(self, source)
        ops._extra.writes.check_masked_scatter_(self, mask)
        ops.masked_scatter(self.detach(), mask, source)  # PyTorch's checks
        return apply_inplace(self, ops._extra.writes.MaskedScatter, mask, source)
    def scatter_reduce_(self, dim: int, index: Any, src: Any, reduce: str, *,
                        include_self: bool = True) -> Any:
        check_leaf(self, src)
        rule = ops._extra.scatter_reduce_rule(self, dim, index, src, reduce,
                                              include_self=include_self)
        return apply_inplace(self, *rule)
    def logit_(self, eps: Any = None) -> Any:
        return apply_inplace(self, ops._extra.hyperbolic.Logit, eps)
    def gcd_(self, other: Any) -> Any: return self.copy_(ops.gcd(self, _T("gcd_", "other", other)))
    def lcm_(self, other: Any) -> Any: return self.copy_(ops.lcm(self, _T("lcm_", "other", other)))

    def __getitem__(self, key: Any) -> Any: return ops.getitem(self, refuse_batched_mask(key))
    def __setitem__(self, key: Any, value: Any) -> None: ops.setitem(self, key, value)

    # ---- in-place variants: the op above, written into this tensor's memory ----
    def add_(self, other: Any, *, alpha: Any = 1) -> Any:
        other, alpha = _other("add_", other), number_argument("add_", "alpha", alpha)
        return apply_inplace(self, *ops.arithmetic.inplace_arguments("add", self, other, alpha))
    def sub_(self, other: Any, *, alpha: Any = 1) -> Any:
        other, alpha = _other("sub_", other), number_argument("sub_", "alpha", alpha)
        return apply_inplace(self, *ops.arithmetic.inplace_arguments("sub", self, other, alpha))
    def mul_(self, other: Any) -> Any:
        return apply_inplace(self, ops.arithmetic.Mul, ops.as_operand(_other("mul_", other)))
    def div_(self, other: Any, *, rounding_mode: Any = _DIM_NOT_GIVEN) -> Any:
        other = _other("div_", other)
        if rounding_mode is None:  # given as None: DivBackward2, as div(…, rounding_mode=None)
            return apply_inplace(self, ops.arithmetic.DivGivenNoRounding, ops.as_operand(other))
        if rounding_mode is not _DIM_NOT_GIVEN:  # recorded as div(self, other, rounding_mode=…)
            return apply_inplace(self, OutOfPlace("div", {"rounding_mode": rounding_mode}), other)
        return apply_inplace(self, ops.arithmetic.Div, ops.as_operand(other))
    def pow_(self, exponent: Any) -> Any:
        other = ops.as_operand(_TN("pow_", "exponent", exponent))
        arithmetic = ops.arithmetic
        rule = arithmetic.PowScalar if ops.operands.is_number(other) else arithmetic.PowTensor
        return apply_inplace(self, rule, other)
    def remainder_(self, other: Any) -> Any:
        other = ops.as_operand(other)
        rounding = ops._rounding
        rule = rounding.Remainder if ops.operands.is_number(other) else rounding.RemainderTensor
        return apply_inplace(self, rule, other)
    def floor_divide_(self, other: Any) -> Any:
        return apply_inplace(self, ops._rounding.FloorDivideInPlace, ops.as_operand(other))
    def neg_(self) -> Any: return apply_inplace(self, ops.arithmetic.Neg)
    def exp_(self) -> Any: return apply_inplace(self, ops.unary.Exp)
    def relu_(self) -> Any: return apply_inplace(self, ops.unary.Relu)
    def sigmoid_(self) -> Any: return apply_inplace(self, ops.unary.Sigmoid)
    def tanh_(self) -> Any: return apply_inplace(self, ops.unary.Tanh)
    def clamp_(self, *args: Any, **kwargs: Any) -> Any:  # (min=None, max=None)
        module("clamp_arguments").check_bounds("clamp_", args, kwargs)
        return apply_inplace(self, *module("clamp_arguments").bounds(self, *args, **kwargs))
    def clip_(self, *args: Any, **kwargs: Any) -> Any:  # (min=None, max=None)
        module("clamp_arguments").check_bounds("clip_", args, kwargs)
        return apply_inplace(self, *module("clamp_arguments").bounds(self, *args, **kwargs))
    def zero_(self) -> Any: return apply_inplace(self, ops.filling.Zero)
    def fill_(self, value: Any) -> Any:
        return apply_inplace(self, ops.filling.fill_rule(value), value)
    def copy_(self, other: Any, non_blocking: bool = False) -> Any:
        return apply_inplace(self, ops.filling.Copy, ops.filling.copy_source(other))
    def normal_(self, mean: float = 0.0, std: float = 1.0, *, generator: Any = None) -> Any:
        return module("ops.inplace_more").normal_(self, mean, std, generator=generator)
    def uniform_(self, from_: float = 0.0, to: float = 1.0, *, generator: Any = None) -> Any:
        return module("ops.inplace_more").uniform_(self, from_, to, generator=generator)
    # ---- more in-place methods: scatter/index writes, elementwise, shapes, random fills ----
    def masked_fill_(self, mask: Any, value: Any) -> Any:
        mask_and_value = _pair("masked_fill_", (mask, value), "mask", "value")
        return module("ops.inplace_more").masked_fill_(self, *mask_and_value)
    def scatter(self, dim: int, index: Any, src: Any = None, *, value: Any = None,
                reduce: Any = None) -> Any:
        return ops._scatter.scatter(self, dim, index, src, value=value, reduce=reduce)
    def scatter_(self, dim: int, index: Any, src: Any = None, *, value: Any = None,
                 reduce: Any = None) -> Any:
        check_leaf(self, src)
        rule = ops._scatter.scatter_rule(self, dim, index, src, value=value, reduce=reduce,
                                         inplace=True)
        return apply_inplace(self, *rule)
    def scatter_add(self, dim: int, index: Any, src: Any) -> Any:
        return ops._scatter.scatter_add(self, dim, index, src)
    def scatter_add_(self, dim: int, index: Any, src: Any) -> Any:
        check_leaf(self, src)
        return apply_inplace(self, *ops._scatter.scatter_add_rule(self, dim, index, src))
    def index_add(self, dim: int, index: Any, source: Any, *, alpha: Any = 1) -> Any:
        return ops._scatter.index_add(self, dim, index, source, alpha=alpha)
    def index_add_(self, dim: int, index: Any, source: Any, *, alpha: Any = 1) -> Any:
        check_leaf(self, source)
        return apply_inplace(self, *ops._scatter.index_add_rule(self, dim, index, source, alpha))
    def index_fill(self, dim: int, index: Any, value: Any) -> Any:
        return ops._scatter.index_fill(self, dim, index, value)
    def index_fill_(self, dim: int, index: Any, value: Any) -> Any:
        check_leaf(self, value)
        return apply_inplace(self, *ops._scatter.index_fill_rule(self, dim, index, value))
    def abs_(self) -> Any: return apply_inplace(self, ops.unary.Abs)
    def square_(self) -> Any: return self.pow_(2)
    def sqrt_(self) -> Any: return apply_inplace(self, ops.unary.Sqrt)
    def log_(self) -> Any: return apply_inplace(self, ops.unary.Log)
    def sign_(self) -> Any: return apply_inplace(self, ops.unary.Sign)
    def reciprocal_(self) -> Any: return apply_inplace(self, ops.unary.Reciprocal)
    def floor_(self) -> Any: return apply_inplace(self, ops._rounding.Floor)
    def ceil_(self) -> Any: return apply_inplace(self, ops._rounding.Ceil)
    def trunc_(self) -> Any: return apply_inplace(self, ops._rounding.Trunc)
    def round_(self, *, decimals: Any = _DIM_NOT_GIVEN) -> Any:
        if decimals is not _DIM_NOT_GIVEN:
            return apply_inplace(self, ops._rounding.RoundDecimals, decimals)
        return apply_inplace(self, ops._rounding.Round)
    def bernoulli_(self, p: Any = 0.5, *, generator: Any = None) -> Any:
        return module("ops.inplace_more").bernoulli_(self, p, generator)
    def bernoulli(self, p: Any = None, *, generator: Any = None) -> Any:
        return module("ops.inplace_more").bernoulli(self, p, generator=generator)
    def random_(self, *args: Any, generator: Any = None, **kwargs: Any) -> Any:
        return module("ops.inplace_more").random_(self, *args, generator=generator, **kwargs)
    def exponential_(self, lambd: float = 1.0, *, generator: Any = None) -> Any:
        return module("ops.inplace_more").exponential_(self, lambd, generator=generator)
    def multinomial(self, num_samples: int, replacement: bool = False, *,
                    generator: Any = None) -> Any:
        return module("ops.inplace_more").multinomial(self, num_samples, replacement,
                                                      generator=generator)
    def isclose(self, other: Any, rtol: float = 1e-05, atol: float = 1e-08,
                equal_nan: bool = False) -> Any:
        return ops.isclose(self, _T("isclose", "other", other), rtol, atol, equal_nan)
    def unique(self, sorted: bool = True, return_inverse: bool = False,
               return_counts: bool = False, dim: Any = None) -> Any:
        return ops.unique(self, sorted, return_inverse, return_counts, dim)
    def ravel(self) -> Any: return self.contiguous().view(-1)  # (as ops.ravel)
    def positive(self) -> Any: return module("tensor_queries").positive(self)
    def is_signed(self) -> bool: return module("tensor_queries").is_signed(self)
    def is_complex(self) -> bool: return False
    def is_nonzero(self) -> bool: return module("tensor_queries").is_nonzero(self)
    def is_same_size(self, other: Any) -> bool:
        return module("tensor_queries").is_same_size(self, other)
    def is_set_to(self, tensor: Any) -> bool:
        """Whether both are the same window on the same memory: storage, offset, shape, strides."""
        if not isinstance(tensor, TensorOperators):
            raise TypeError(argument_error("is_set_to", "tensor", tensor))
        return (self.untyped_storage().data_ptr() == tensor.untyped_storage().data_ptr()
                and self.storage_offset() == tensor.storage_offset()
                and self.shape == tensor.shape and self.stride() == tensor.stride())
    @property
    def layout(self) -> Any:
        return dtypes.strided

    __iadd__ = add_
    __isub__ = sub_
    __imul__ = mul_
    __itruediv__ = div_
    __ipow__ = pow_
    __imod__ = remainder_
    __ifloordiv__ = floor_divide_
    # (&=, |=, ^=, <<=, >>=: ops/compare_inplace.py, with the bitwise_*_ methods)


take_numpy_names(TensorOperators)  # x.sum(axis=0, keepdims=True), as PyTorch


add_families(TensorOperators)  # x.gcd(y), x.sin_(), x.atanh_(), …: by rule
add_other_names(TensorOperators)  # absolute, multiply, swapaxes, clip, arcsin, …
name_methods_as_pytorch(TensorOperators)  # (Python's TypeErrors say roll(), as PyTorch)

_OPERAND_TYPES = (TensorOperators, int, float, complex)


def _takes(value: Any) -> bool:
    """Whether an operator takes ``value``: a tensor, a Python number or a NumPy scalar. Not a
    list, a tuple, None or a string, which PyTorch's operators refuse; and not a NumPy array:
    as in PyTorch, NumPy then computes ``tensor (op) array`` itself, on the tensor's values
    (``__array__``), and wraps its result in a new tensor (``__array_wrap__``); it records
    nothing, and a tensor that requires grad refuses to give NumPy its values."""
    return isinstance(value, _OPERAND_TYPES) or isinstance(value, numpy.generic)


def _takes_array_too(value: Any) -> bool:
    """``==`` also takes a NumPy array, as in PyTorch (``!=`` does not: Python then compares
    identities, True)."""
    return _takes(value) or isinstance(value, numpy.ndarray)
