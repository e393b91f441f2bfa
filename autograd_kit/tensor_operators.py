"""The operators and methods of `Tensor`, each one line handing the work to `ops`.

Kept apart from tensor.py so that file stays about what a tensor *is*; the mixin is the
list of what you can *do* with one.
"""

from __future__ import annotations

from typing import Any

# `ops` needs the Tensor class, so autograd_kit/ops/__init__.py connects itself here.
ops: Any = None


class TensorOperators:
    """Arithmetic, math, reductions, shapes, comparisons and in-place variants."""

    # ---- arithmetic operators ----
    def __add__(self, other: Any) -> Any: return ops.add(self, other)
    def __radd__(self, other: Any) -> Any: return ops.add(self, other)
    def __sub__(self, other: Any) -> Any: return ops.sub(self, other)
    def __rsub__(self, other: Any) -> Any: return ops.sub(other, self)
    def __mul__(self, other: Any) -> Any: return ops.mul(self, other)
    def __rmul__(self, other: Any) -> Any: return ops.mul(self, other)
    def __truediv__(self, other: Any) -> Any: return ops.div(self, other)
    def __rtruediv__(self, other: Any) -> Any: return ops.div(other, self)
    def __pow__(self, other: Any) -> Any: return ops.pow(self, other)
    def __rpow__(self, other: Any) -> Any: return ops.pow(other, self)
    def __matmul__(self, other: Any) -> Any: return ops.matmul(self, ops.as_operand(other))
    def __rmatmul__(self, other: Any) -> Any: return ops.matmul(ops.as_operand(other), self)
    def __neg__(self) -> Any: return ops.neg(self)
    def __pos__(self) -> Any: return self
    def __abs__(self) -> Any: return ops.abs(self)

    # ---- comparisons and logic (no gradients) ----
    def __eq__(self, other: Any) -> Any: return ops.eq(self, other)  # type: ignore[override]
    def __ne__(self, other: Any) -> Any: return ops.ne(self, other)  # type: ignore[override]
    def __lt__(self, other: Any) -> Any: return ops.lt(self, other)
    def __le__(self, other: Any) -> Any: return ops.le(self, other)
    def __gt__(self, other: Any) -> Any: return ops.gt(self, other)
    def __ge__(self, other: Any) -> Any: return ops.ge(self, other)
    def __and__(self, other: Any) -> Any: return ops.logical("and", self, other)
    def __or__(self, other: Any) -> Any: return ops.logical("or", self, other)
    def __xor__(self, other: Any) -> Any: return ops.logical("xor", self, other)
    def __invert__(self) -> Any: return ops.logical_not(self)
    def eq(self, other: Any) -> Any: return ops.eq(self, other)
    def ne(self, other: Any) -> Any: return ops.ne(self, other)
    def lt(self, other: Any) -> Any: return ops.lt(self, other)
    def le(self, other: Any) -> Any: return ops.le(self, other)
    def gt(self, other: Any) -> Any: return ops.gt(self, other)
    def ge(self, other: Any) -> Any: return ops.ge(self, other)
    def allclose(self, other: Any, rtol: float = 1e-05, atol: float = 1e-08) -> bool:
        return ops.allclose(self, other, rtol, atol)
    def equal(self, other: Any) -> bool: return ops.equal(self, other)

    # ---- named arithmetic ----
    def add(self, other: Any, *, alpha: Any = 1) -> Any: return ops.add(self, other, alpha=alpha)
    def sub(self, other: Any, *, alpha: Any = 1) -> Any: return ops.sub(self, other, alpha=alpha)
    def mul(self, other: Any) -> Any: return ops.mul(self, other)
    def div(self, other: Any) -> Any: return ops.div(self, other)
    def pow(self, other: Any) -> Any: return ops.pow(self, other)
    def neg(self) -> Any: return ops.neg(self)
    def square(self) -> Any: return ops.square(self)
    def matmul(self, other: Any) -> Any: return ops.matmul(self, other)
    def mm(self, other: Any) -> Any: return ops.mm(self, other)
    def bmm(self, other: Any) -> Any: return ops.bmm(self, other)
    def mv(self, other: Any) -> Any: return ops.mv(self, other)
    def dot(self, other: Any) -> Any: return ops.dot(self, other)

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
    def clamp(self, min: Any = None, max: Any = None) -> Any: return ops.clamp(self, min, max)
    def clip(self, min: Any = None, max: Any = None) -> Any: return ops.clamp(self, min, max)
    def maximum(self, other: Any) -> Any: return ops.maximum(self, other)
    def minimum(self, other: Any) -> Any: return ops.minimum(self, other)
    def where(self, condition: Any, other: Any) -> Any: return ops.where(condition, self, other)

    # ---- reductions ----
    def sum(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.sum(self, dim, keepdim)
    def mean(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.mean(self, dim, keepdim)
    def max(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.max(self, dim, keepdim)
    def min(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.min(self, dim, keepdim)
    def argmax(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.argmax(self, dim, keepdim)
    def argmin(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.argmin(self, dim, keepdim)
    def norm(self, p: Any = 2, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.norm(self, p, dim, keepdim)
    def softmax(self, dim: int) -> Any: return ops.softmax(self, dim)
    def log_softmax(self, dim: int) -> Any: return ops.log_softmax(self, dim)

    # ---- shapes ----
    def reshape(self, *shape: Any) -> Any: return ops.reshape(self, _shape(shape))
    def view(self, *shape: Any) -> Any: return ops.view(self, _shape(shape))
    def view_as(self, other: Any) -> Any: return ops.view(self, other.shape)
    def reshape_as(self, other: Any) -> Any: return ops.reshape(self, other.shape)
    def _unsafe_view(self, shape: Any) -> Any:
        from .ops.shape import UnsafeView

        return UnsafeView.apply(self, tuple(shape))
    def transpose(self, dim0: int, dim1: int) -> Any: return ops.transpose(self, dim0, dim1)
    def t(self) -> Any: return ops.t(self)
    def permute(self, *dims: Any) -> Any: return ops.permute(self, *dims)
    def squeeze(self, dim: Any = None) -> Any: return ops.squeeze(self, dim)
    def unsqueeze(self, dim: int) -> Any: return ops.unsqueeze(self, dim)
    def expand(self, *shape: Any) -> Any: return ops.expand(self, *shape)
    def expand_as(self, other: Any) -> Any: return ops.expand(self, other.shape)
    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> Any:
        return ops.flatten(self, start_dim, end_dim)
    def clone(self) -> Any: return ops.clone(self)
    def contiguous(self) -> Any: return ops.contiguous(self)

    @property
    def T(self) -> Any:
        if self.ndim != 2:
            import warnings

            warnings.warn(
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                "deprecated and it will throw an error in a future release. Consider `x.mT` to "
                "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` "
                "to reverse the dimensions of a tensor.",
                UserWarning,
                stacklevel=2,
            )
        return ops.permute(self, *range(self.ndim - 1, -1, -1))

    @property
    def mT(self) -> Any:
        return ops.transpose(self, -2, -1)

    def __getitem__(self, key: Any) -> Any: return ops.getitem(self, key)
    def __setitem__(self, key: Any, value: Any) -> None: ops.setitem(self, key, value)

    # ---- in-place variants: the op above, written into this tensor's memory ----
    def add_(self, other: Any, *, alpha: Any = 1) -> Any:
        if alpha != 1:
            other = ops.mul(ops.as_operand(other), alpha)
        return _apply_inplace(self, ops.arithmetic.Add, ops.as_operand(other))
    def sub_(self, other: Any, *, alpha: Any = 1) -> Any:
        if alpha != 1:
            other = ops.mul(ops.as_operand(other), alpha)
        return _apply_inplace(self, ops.arithmetic.Sub, ops.as_operand(other))
    def mul_(self, other: Any) -> Any:
        return _apply_inplace(self, ops.arithmetic.Mul, ops.as_operand(other))
    def div_(self, other: Any) -> Any:
        return _apply_inplace(self, ops.arithmetic.Div, ops.as_operand(other))
    def pow_(self, other: Any) -> Any:
        return _apply_inplace(self, ops.arithmetic.PowScalar, ops.as_operand(other))
    def neg_(self) -> Any: return _apply_inplace(self, ops.arithmetic.Neg)
    def exp_(self) -> Any: return _apply_inplace(self, ops.unary.Exp)
    def relu_(self) -> Any: return _apply_inplace(self, ops.unary.Relu)
    def sigmoid_(self) -> Any: return _apply_inplace(self, ops.unary.Sigmoid)
    def tanh_(self) -> Any: return _apply_inplace(self, ops.unary.Tanh)
    def clamp_(self, min: Any = None, max: Any = None) -> Any:
        return _apply_inplace(self, ops.unary.Clamp, min, max)
    def zero_(self) -> Any: return _apply_inplace(self, ops.filling.Zero)
    def fill_(self, value: Any) -> Any: return _apply_inplace(self, ops.filling.Fill, value)
    def copy_(self, source: Any) -> Any:
        return _apply_inplace(self, ops.filling.Copy, ops.as_operand(source))
    def normal_(self, mean: float = 0.0, std: float = 1.0) -> Any:
        return _apply_inplace(self, ops.filling.Random, "normal", mean, std)
    def uniform_(self, a: float = 0.0, b: float = 1.0) -> Any:
        return _apply_inplace(self, ops.filling.Random, "uniform", a, b)
    __iadd__ = add_
    __isub__ = sub_
    __imul__ = mul_
    __itruediv__ = div_


def _shape(args: tuple[Any, ...]) -> tuple[int, ...]:
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(args[0])
    return tuple(args)


def _apply_inplace(target: Any, function: Any, *others: Any) -> Any:
    from .inplace import apply_inplace

    return apply_inplace(target, function, *others)
