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
from ..tensor_layout import element_strides
from . import plain_arithmetic, small_gemm
from .operands import check_argument_devices, kernel_error, on_other_devices, save_factors
from .shape import transposed
from .unrecorded import unrecorded

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
        if kind != "dot":  # (dot checks the sizes first)
            check_not_bool(a, kind)
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


_BOOL_KERNELS = {"mm": "addmm_impl_cpu_", "bmm": "bmm", "dot": "dot", "mv": "addmv_impl_cpu"}


def check_not_bool(a: Tensor, kind: str) -> None:
    """Products of bools have no kernel in PyTorch (its CPU kernel's name in the error)."""
    if a._data.dtype.kind == "b":
        raise kernel_error(_BOOL_KERNELS[kind], a.dtype)


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
        (n, k), (k2, m) = a._data.shape, b._data.shape
        if k != k2:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})"
            )
        _check_same_dtype(a, b)  # (after the shapes, as PyTorch checks them)
        save_factors(ctx, a, b)
        # the layout each gradient is given (PyTorch keeps a stride only for a gradient)
        needs = ctx.needs_input_grad
        ctx.self_sym_strides = element_strides(a) if needs[0] else ()
        ctx.mat2_sym_strides = element_strides(b) if needs[1] else ()
        if k == 1:  # one product per value: an outer product keeps a -0 as PyTorch's
            product = a._data * b._data  # gemm does; a row or a column (PyTorch's gemv)
            if n == 1 or m == 1:  # adds it to +0, which turns a -0 into +0
                product += 0
            return product
        exact = small_gemm.mm(a._data, b._data)  # (MKL's order, some shapes)
        return a._data @ b._data if exact is None else exact

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        needs_a, needs_b = ctx.needs_input_grad
        # (mat2's first, as PyTorch's generated code: under create_graph its nodes come first)
        grad_b = second_factor_gradient(grad, a, ctx.mat2_sym_strides) if needs_b else None
        grad_a = first_factor_gradient(grad, b, ctx.self_sym_strides) if needs_a else None
        return grad_a, grad_b


def _column_major(strides: tuple[int, ...], rows: int) -> bool:
    """A matrix stored column by column, like ``weight.t()`` of a row-major weight."""
    return len(strides) == 2 and strides[0] == 1 and strides[1] == rows


def first_factor_gradient(grad: Tensor, b: Tensor, a_strides: tuple[int, ...]) -> Tensor:
    """∂L/∂A of C = A @ B: grad @ Bᵀ. For a column-major A it is computed as (B @ gradᵀ)ᵀ,
    which comes out column-major like A (PyTorch's ``mm_mat1_backward``)."""
    if _column_major(a_strides, grad.shape[0]):
        product = _unrecorded_mm(b, grad, b._data, grad._data.T)
        return b.mm(grad.t()).t() if product is None else transposed(product)
    product = _unrecorded_mm(grad, b, grad._data, b._data.T)
    return grad.mm(b.t()) if product is None else product


def second_factor_gradient(grad: Tensor, a: Tensor, b_strides: tuple[int, ...]) -> Tensor:
    """∂L/∂B of C = A @ B: Aᵀ @ grad. For a column-major B (``x @ weight.t()``, as
    ``nn.Linear`` computes) it is computed as (gradᵀ @ A)ᵀ, which comes out laid out like B,
    so the weight's gradient is row-major like the weight (PyTorch's ``mm_mat2_backward``)."""
    if _column_major(b_strides, a.shape[1]):
        product = _unrecorded_mm(grad, a, grad._data.T, a._data)
        return grad.t().mm(a).t() if product is None else transposed(product)
    product = _unrecorded_mm(a, grad, a._data.T, grad._data)
    return a.t().mm(grad) if product is None else product


def _unrecorded_mm(first: Tensor, second: Tensor, x: Any, y: Any) -> Tensor | None:
    """``x @ y`` (arrays of ``first`` and ``second``, one maybe transposed) as a new tensor,
    when nothing is recorded (see ops/unrecorded.py) and ``mm`` of them would take
    plain_arithmetic.mm: float32 or float64 of one dtype, an inner size other than 1. That
    is the tensor ``mm`` gives, without making the transposed view a tensor first; else None.
    """
    if (not unrecorded(first, second) or x.dtype.char not in "fd" or y.dtype != x.dtype
            or x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[0] or x.shape[1] == 1):
        return None
    exact = small_gemm.mm(x, y)  # (MKL's order, some shapes)
    return Tensor._make(x @ y if exact is None else exact)


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
        (batch, _, k), (batch2, k2, _) = a._data.shape, b._data.shape
        if (batch2, k2) != (batch, k):
            raise RuntimeError(
                f"Expected size for first two dimensions of batch2 tensor to be: [{batch}, {k}] "
                f"but got: [{batch2}, {k2}]."
            )
        _check_same_dtype(a, b, "bmm")
        save_factors(ctx, a, b)
        exact = small_gemm.bmm(a._data, b._data)  # (PyTorch's order, some shapes)
        return a._data @ b._data if exact is None else exact

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        # (mat2's first, as PyTorch's generated code: under create_graph its nodes come first)
        grad_b = Bmm.apply(a.transpose(1, 2), grad) if ctx.needs_input_grad[1] else None
        grad_a = Bmm.apply(grad, b.transpose(1, 2)) if ctx.needs_input_grad[0] else None
        return grad_a, grad_b


class Mv(Function):
    """y = A @ v   (A: n×k, v: k)

    ∂L/∂A = outer(grad, v),   ∂L/∂v = Aᵀ @ grad
    """

    node_name = "MvBackward0"
    saved_tensor_names = ("self", "vec")

    @staticmethod
    def forward(ctx: Any, a: Tensor, v: Tensor) -> Any:
        if a._data.ndim == 0:  # (PyTorch's mv reads self.size(0) first, for its result)
            raise IndexError("Dimension specified as 0 but tensor has no dimensions")
        if a._data.ndim != 2 or v._data.ndim != 1:
            raise RuntimeError("vector + matrix @ vector expected, got 1, "
                               f"{a._data.ndim}, {v._data.ndim}")
        (n, k), (k2,) = a._data.shape, v._data.shape
        if k != k2:
            raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({k2})")
        _check_same_dtype(a, v, "mv")
        save_factors(ctx, a, v)
        exact = small_gemm.mv(a._data, v._data)  # (MKL's order, some shapes)
        return a._data @ v._data if exact is None else exact

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, v = ctx.saved_tensors
        # (PyTorch: grad.ger(v), written grad.reshape(n, 1) * v)
        grad_a = grad.reshape(grad.shape[0], 1) * v if ctx.needs_input_grad[0] else None
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
        check_not_bool(a, "dot")
        save_factors(ctx, a, b)
        exact = small_gemm.dot(a._data, b._data)  # (MKL's order, some lengths)
        return a._data @ b._data if exact is None else exact

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        a, b = ctx.saved_tensors
        grad_a = grad * b if ctx.needs_input_grad[0] else None
        grad_b = grad * a if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


def tensor_arguments(name: str, first: Any, second_name: str, second: Any) -> None:
    """PyTorch's TypeError when ``torch.mm(input, mat2)`` & co. get something else."""
    for position, (argument, value) in enumerate((("input", first), (second_name, second)), 1):
        if not isinstance(value, Tensor):
            from ..tensor import typename

            raise TypeError(f"{name}(): argument '{argument}' (position {position}) must be "
                            f"Tensor, not {typename(value)}")


def mm(input: Tensor, mat2: Tensor) -> Tensor:  # noqa: A002  (PyTorch's argument names)
    if (out := plain_arithmetic.mm(input, mat2)) is not None:  # nothing to record: no node
        return out
    tensor_arguments("mm", input, "mat2", mat2)
    return Mm.apply(input, mat2)


def bmm(input: Tensor, mat2: Tensor) -> Tensor:  # noqa: A002
    tensor_arguments("bmm", input, "mat2", mat2)
    return Bmm.apply(input, mat2)


def mv(input: Tensor, vec: Tensor) -> Tensor:  # noqa: A002
    tensor_arguments("mv", input, "vec", vec)
    return Mv.apply(input, vec)


def dot(input: Tensor, tensor: Tensor) -> Tensor:  # noqa: A002
    tensor_arguments("dot", input, "tensor", tensor)
    return Dot.apply(input, tensor)


def matmul(a: Tensor, b: Tensor) -> Tensor:
    """``a @ b`` for any shapes, built from the products above as PyTorch builds it."""
    tensor_arguments("matmul", a, "other", b)
    da, db = a._data.ndim, b._data.ndim
    if da == 0 or db == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D"
        )
    if da == 1 and db == 1:
        return Dot.apply(a, b)
    if da == 2 and db == 1:
        return Mv.apply(a, b)
    if da == 1 and db == 2:  # PyTorch: a.unsqueeze(0).mm(b).squeeze_(0), in place (version 1)
        from .inplace_more import reshape_inplace
        from .shape import SqueezeInplaceDim

        return reshape_inplace(Mm.apply(a.unsqueeze(0), b), SqueezeInplaceDim, 0)
    if da == 2 and db == 2:
        return Mm.apply(a, b)
    if da == 3 and db == 3:  # a batch of one matrix that requires grad: that matrix, folded
        if b.shape[0] == 1 and a.shape[0] != 1 and b.requires_grad:
            b = b.squeeze(0)
        elif a.shape[0] == 1 and b.shape[0] != 1 and a.requires_grad:
            a = a.squeeze(0)
    if _should_fold(a, b):
        return _folded(a, b)
    return _batched(a, b)


def _batched(a: Tensor, b: Tensor) -> Tensor:
    """a @ b as one bmm over the broadcast batch: a vector a is one row (n = 1), a vector b
    one column, and the output leaves out those sizes."""
    da, db = a.dim(), b.dim()
    n, k = (a.shape[-2] if da > 1 else 1), a.shape[-1]
    k2, p = (b.shape[-2], b.shape[-1]) if db > 1 else (b.shape[0], 1)
    batch = _broadcast_batch(a.shape[:-2], b.shape[:-2])
    count = _numel(batch)
    a3 = a.expand(batch + (n, k)).reshape(count, n, k)
    if db == 1:
        b3 = b.expand(batch + (k2,)).reshape(count, k2).unsqueeze(2)
    else:
        b3 = b.expand(batch + (k2, p)).reshape(count, k2, p)
    out = Bmm.apply(a3, b3)
    if db == 1:
        out = out.squeeze(-1)
    return out._unsafe_view(batch + (n,) * (da > 1) + (p,) * (db > 1))


def _should_fold(a: Tensor, b: Tensor) -> bool:
    """PyTorch's choice (should_fold): fold the batch of the larger tensor (≥ 3-D, the other
    1-D or 2-D) into the rows of one mm/mv when that needs no copy, or when the smaller
    tensor requires grad (its gradient is then one product, not a batch summed)."""
    larger, smaller = (a, b) if a.dim() >= b.dim() else (b.mT, a)
    if larger.dim() < 3 or smaller.dim() > 2:
        return False
    if smaller.requires_grad:
        return True
    if a.dim() == 2:
        return False
    if larger.numel() == 0:
        return True
    shape, strides = larger.shape, larger.stride()
    return all(strides[i] == strides[i + 1] * shape[i + 1] for i in range(larger.dim() - 2))


def _folded(a: Tensor, b: Tensor) -> Tensor:
    """a @ b as one mm (or mv) of the larger tensor folded to rows; when b is the larger one,
    computed as (bᵀ @ aᵀ)ᵀ, as PyTorch does."""
    transpose = b.dim() > a.dim()
    t1 = b.mT if transpose else a
    t2 = (a.t() if a.dim() == 2 else a) if transpose else b
    shape = t1.shape[:-1]
    rows = t1.reshape(_numel(shape), t1.shape[-1])
    if t2.dim() == 1:
        return Mv.apply(rows, t2)._unsafe_view(shape)
    out = Mm.apply(rows, t2)._unsafe_view(shape + (t2.shape[1],))
    return out.mT.contiguous() if transpose else out


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
        out.append(q if p == 1 else p)  # (a size 1 against 0 broadcasts to 0)
    return tuple(out)
