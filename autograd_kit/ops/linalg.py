"""Matrix products: mm, mv, dot, bmm, and `matmul`, which picks one by the inputs' shapes.

For C = A @ B the chain rule gives ∂L/∂A = ∂L/∂C @ Bᵀ and ∂L/∂B = Aᵀ @ ∂L/∂C: each gradient
has its input's shape without any reduction, which is why matrix products are cheap to
differentiate.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..function import Function
from ..node_saved_values import input_sizes
from ..tensor import Tensor
from .operands import check_argument_devices, on_other_devices, save_factors

# PyTorch's kernel and argument names for each product, for its device error (its mv
# makes the result on vec's device first, then checks mat against it)
_ARGUMENTS = {"mm": ("mm", "self", "mat2"), "bmm": ("bmm", "self", "mat2"),
              "dot": ("_dot", "self", "tensor"), "mv": ("addmv_", "result", "mat")}


def _check_same_dtype(a: Tensor, b: Tensor, kind: str = "mm") -> None:
    """Both operands on one device with one dtype; PyTorch's message for each kind of product."""
    if on_other_devices(a, b):
        method, first, second = _ARGUMENTS[kind]
        a, b = (b, a) if kind == "mv" else (a, b)
        check_argument_devices(method, **{first: a, second: b})
    if a._data.dtype == b._data.dtype:
        return
    x, y = a.dtype.name, b.dtype.name
    word_x, word_y = dtypes.scalar_type_word(x), dtypes.scalar_type_word(y)  # Float, Double
    messages = {
        "mm": "expected m1 and m2 to have the same dtype, but got: "
              f"{dtypes.C_TYPES.get(x, x)} != {dtypes.C_TYPES.get(y, y)}",
        "dot": f"dot : expected both vectors to have same dtype, but found {word_x} and {word_y}",
        "mv": "addmv input tensors must have the same dtype, but got "
              f"{word_y}, {word_x}, and {word_y}",
        "bmm": f"expected scalar type {word_x} but found {word_y}",
    }
    raise RuntimeError(messages[kind])


class Mm(Function):
    """C = A @ B   (A: n×k, B: k×m)

    ∂L/∂A = grad @ Bᵀ,   ∂L/∂B = Aᵀ @ grad
    """

    node_name = "MmBackward0"
    saved_tensor_names = ("self", "mat2")
    saved_options = {"self_sym_sizes": input_sizes(0), "mat2_sym_sizes": input_sizes(1),
                     "self_sym_strides": None, "mat2_sym_strides": None}

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        if a._data.ndim != 2:
            raise RuntimeError("self must be a matrix")
        if b._data.ndim != 2:
            raise RuntimeError("mat2 must be a matrix")
        _check_same_dtype(a, b)
        (n, k), (k2, m) = a._data.shape, b._data.shape
        if k != k2:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})"
            )
        save_factors(ctx, a, b)
        # the layout each gradient is given (PyTorch keeps a stride only for a gradient)
        needs = ctx.needs_input_grad
        ctx.self_sym_strides = a.stride() if needs[0] else ()
        ctx.mat2_sym_strides = b.stride() if needs[1] else ()
        return a._data @ b._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        grad_a = grad.mm(b.t()) if ctx.needs_input_grad[0] else None
        grad_b = a.t().mm(grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Bmm(Function):
    """C[i] = A[i] @ B[i] for each batch i

    ∂L/∂A[i] = grad[i] @ B[i]ᵀ,   ∂L/∂B[i] = A[i]ᵀ @ grad[i]
    """

    node_name = "BmmBackward0"
    saved_tensor_names = ("self", "mat2")

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        for name, t in (("batch1", a), ("batch2", b)):
            if t._data.ndim != 3:
                raise RuntimeError(f"{name} must be a 3D tensor")
        _check_same_dtype(a, b, "bmm")
        (batch, _, k), (batch2, k2, _) = a._data.shape, b._data.shape
        if (batch2, k2) != (batch, k):
            raise RuntimeError(
                f"Expected size for first two dimensions of batch2 tensor to be: [{batch}, {k}] "
                f"but got: [{batch2}, {k2}]."
            )
        save_factors(ctx, a, b)
        return a._data @ b._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        grad_a = Bmm.apply(grad, b.transpose(1, 2)) if ctx.needs_input_grad[0] else None
        grad_b = Bmm.apply(a.transpose(1, 2), grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Mv(Function):
    """y = A @ v   (A: n×k, v: k)

    ∂L/∂A = outer(grad, v),   ∂L/∂v = Aᵀ @ grad
    """

    node_name = "MvBackward0"
    saved_tensor_names = ("self", "vec")

    @staticmethod
    def forward(ctx: Any, a: Tensor, v: Tensor) -> Any:
        _check_same_dtype(a, v, "mv")
        (n, k), (k2,) = a._data.shape, v._data.shape
        if k != k2:
            raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({k2})")
        save_factors(ctx, a, v)
        return a._data @ v._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, v = ctx.saved_tensors
        grad_a = grad.unsqueeze(1) * v.unsqueeze(0) if ctx.needs_input_grad[0] else None
        grad_v = Mv.apply(a.t(), grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_v


class Dot(Function):
    """s = a · b = Σ aᵢbᵢ

    ∂s/∂a = b,   ∂s/∂b = a
    """

    node_name = "DotBackward0"
    saved_tensor_names = ("self", "tensor")

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Any:
        if a._data.ndim != 1 or b._data.ndim != 1:
            raise RuntimeError(f"1D tensors expected, but got {a._data.ndim}D and "
                               f"{b._data.ndim}D tensors")
        _check_same_dtype(a, b, "dot")
        if a._data.shape != b._data.shape:
            n, m = a._data.size, b._data.size
            raise RuntimeError(
                f"inconsistent tensor size, expected tensor [{n}] and src [{m}] to have the "
                f"same number of elements, but got {n} and {m} elements respectively"
            )
        save_factors(ctx, a, b)
        return a._data @ b._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        grad_a = grad * b if ctx.needs_input_grad[0] else None
        grad_b = grad * a if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


def matmul(a: Tensor, b: Tensor) -> Tensor:
    """``a @ b`` for any shapes, built from the products above as PyTorch builds it."""
    da, db = a.dim(), b.dim()
    if da == 0 or db == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D"
        )
    if da == 1 and db == 1:
        return Dot.apply(a, b)
    if da == 2 and db == 1:
        return Mv.apply(a, b)
    if da == 1 and db == 2:
        from .shape import SqueezeInplaceDim

        return SqueezeInplaceDim.apply(Mm.apply(a.unsqueeze(0), b), 0)
    if da == 2 and db == 2:
        return Mm.apply(a, b)
    if db == 2 and da > 2:  # fold the batch into the rows: one big matrix product
        rows = a.reshape(-1, a.shape[-1])
        return Mm.apply(rows, b)._unsafe_view(a.shape[:-1] + (b.shape[-1],))
    if db == 1:
        return Mv.apply(a.reshape(-1, a.shape[-1]), b)._unsafe_view(a.shape[:-1])
    left = a.unsqueeze(0) if da == 1 else a
    batch = _broadcast_batch(left.shape[:-2], b.shape[:-2])
    n, k, m = left.shape[-2], left.shape[-1], b.shape[-1]
    if b.shape[-2] != k:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: "
            f"[{_numel(batch)}, {k}] but got: [{_numel(batch)}, {b.shape[-2]}]."
        )
    a3 = left.expand(batch + (n, k)).reshape(-1, n, k)
    b3 = b.expand(batch + (k, m)).reshape(-1, k, m)
    out = Bmm.apply(a3, b3)._unsafe_view(batch + (n, m))
    return out.squeeze(-2) if da == 1 else out


def _numel(shape: tuple[int, ...]) -> int:
    n = 1
    for s in shape:
        n *= s
    return n


def _broadcast_batch(first: tuple[int, ...], second: tuple[int, ...]) -> tuple[int, ...]:
    width = max(len(first), len(second))
    first = (1,) * (width - len(first)) + tuple(first)
    second = (1,) * (width - len(second)) + tuple(second)
    out = []
    for i, (p, q) in enumerate(zip(first, second)):
        if p != q and 1 not in (p, q):
            raise RuntimeError(
                f"The size of tensor a ({p}) must match the size of tensor b ({q}) at "
                f"non-singleton dimension {i}"
            )
        out.append(max(p, q))
    return tuple(out)
