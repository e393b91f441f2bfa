"""``autograd_kit.linalg``: norms, inverse and determinant, as ``torch.linalg``.

Norms are built from the kit's reductions (PyTorch records them the same way: a vector
norm is one ``LinalgVectorNormBackward0`` node, the 1- and ∞-norms of a matrix a vector
norm then an ``amax``). ``inv`` and ``det`` are rules of their own (the decompositions,
solve, pinv and slogdet are in ops/decompositions.py):

    Y = A⁻¹:      grad_A = -Yᵀ · grad · Yᵀ
    d = det(A):   grad_A = grad · d · A⁻ᵀ
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from . import dtypes
from .backend import to_host
from .cpu_capability import vendor
from .function import Function
from .grad_mode import is_grad_enabled
from .ops import amax, amin
from .ops.decompositions import (  # noqa: F401  (torch.linalg's decompositions)
    LinAlgError,
    checked,
    cholesky,
    eigh,
    eigvalsh,
    qr,
    solve,
    solve_with_diagonal,
    svd,
    svdvals,
)
from .ops.decompositions import linalg_slogdet as slogdet
from .ops.lu_substitution import inverse_transpose_times
from .ops.preserved_layout import column_major
from .ops.products import linalg_cross as cross  # noqa: F401  (torch.linalg.cross)
from .ops.pseudo_inverse import matrix_rank, pinv  # noqa: F401  (torch.linalg's)
from .ops.reductions import Norm
from .tensor import Tensor, _wrap_dim


def _check_norm_dtype(dtype: Any, x: Tensor, name: str) -> Any:
    """PyTorch's checks of a norm's ``dtype=``: floating, and no narrower than the input's."""
    if dtype is None:
        return None
    wanted = dtypes.resolve(dtype)
    word = dtypes.scalar_type_word
    if not wanted.is_floating_point:
        raise RuntimeError(f"{name}: dtype should be floating point or complex, but got "
                           f"{word(wanted.name)}")
    if x.dtype.is_floating_point and x.dtype.itemsize > wanted.itemsize:
        raise RuntimeError(f"{name}: the dtype of the input ({word(x.dtype.name)}) should be "
                           f"convertible without narrowing to the specified dtype "
                           f"({word(wanted.name)})")
    return wanted


def vector_norm(x: Tensor, ord: Any = 2, dim: Any = None, keepdim: bool = False, *,  # noqa: A002
                dtype: Any = None) -> Tensor:
    """(Σ |x|^ord)^(1/ord) over ``dim`` (all elements by default)."""
    if isinstance(ord, str):
        raise TypeError("linalg_vector_norm(): argument 'ord' (position 2) must be Number, "
                        "not str")
    if dtype is not None:
        if not x.dtype.is_floating_point:
            raise RuntimeError("linalg.vector_norm: Expected a floating point or complex "
                               f"tensor as input. Got {dtypes.scalar_type_word(x.dtype.name)}")
        wide = _check_norm_dtype(dtype, x, "linalg.vector_norm")
        if wide != x.dtype:  # (cast inside the one node, as PyTorch: no ToCopyBackward0)
            return NormInDtype.apply(x, ord, dim, keepdim, wide)
    return Norm.apply(x, ord, dim, keepdim)  # (ord as given: _saved_ord shows 3, not 3.0)


class NormInDtype(Norm):
    """The vector norm of x taken in a wider ``dtype`` (x's values cast inside the node)

    grad_x = Norm's gradient, computed in that dtype (the engine gives it x's dtype)
    """

    node_name = "LinalgVectorNormBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, p: float = 2, dim: Any = None, keepdim: bool = False,
                dtype: Any = None) -> Any:
        out = Norm.forward(ctx, Tensor._make(x._data.astype(dtype.name)), p, dim, keepdim)
        ctx.save_for_backward(x, out)  # (x itself, so a second derivative reaches it)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        return (*Norm.backward(ctx, grad), None)


def matrix_norm(a: Tensor, ord: Any = "fro", dim: Any = (-2, -1),  # noqa: A002
                keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """The Frobenius norm, or the largest absolute column (ord=1) or row (ord=∞) sum."""
    if isinstance(ord, str) and ord not in ("fro", "nuc") or \
            not isinstance(ord, str) and abs(ord) not in (1, 2, math.inf):
        shown = ord if isinstance(ord, str) else f"{float(ord):g}"
        raise RuntimeError(f"linalg.matrix_norm: Order {shown} not supported.")
    if a._data.ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                           "dimensions.")
    if not a.dtype.is_floating_point:
        raise RuntimeError("linalg.matrix_norm: Expected a floating point or complex tensor as "
                           f"input. Got {dtypes.scalar_type_word(a.dtype.name)}")
    dim = [dim] if isinstance(dim, int) else list(dim)
    if len(dim) != 2:
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got "
                           f"{' '.join(str(d) for d in dim)}")
    dims = [_wrap_dim(d, a._data.ndim) for d in dim]
    if dims[0] == dims[1]:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got ({dims[0]}, "
                           f"{dims[1]})")
    if dtype is not None:
        a = a.to(_check_norm_dtype(dtype, a, "linalg.matrix_norm"))
    if ord == "fro":  # (PyTorch's ord shows 2)
        return Norm.apply(a, 2, tuple(dims), keepdim)
    if ord in ("nuc", 2, -2):
        return _singular_value_norm(a, ord, dims, keepdim)
    if isinstance(ord, str) or abs(ord) not in (1, math.inf):
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if abs(ord) == math.inf:
        dims.reverse()
    if not keepdim and dims[0] < dims[1]:
        dims[1] -= 1
    sums = Norm.apply(a, 1.0, (dims[0],), keepdim)
    return amax(sums, dims[1], keepdim) if ord > 0 else amin(sums, dims[1], keepdim)


def _singular_value_norm(a: Tensor, ord: Any, dims: list[int], keepdim: bool) -> Tensor:  # noqa: A002
    """From the singular values σ of each matrix: Σσ (ord='nuc'), max σ (2), min σ (-2).
    As in PyTorch, the two matrix dimensions are moved last first (a permute)."""
    order = [d for d in range(a.dim()) if d not in dims] + dims
    sigma = svdvals(a.permute(order))
    if ord == "nuc":
        result = sigma.sum(-1, keepdim)
    else:
        result = amax(sigma, -1, keepdim) if ord == 2 else amin(sigma, -1, keepdim)
    if not keepdim:
        return result
    back = [order.index(d) for d in range(a.dim())]
    return result.unsqueeze(-1).permute(back)


def norm(a: Tensor, ord: Any = None, dim: Any = None, keepdim: bool = False, *,  # noqa: A002
         dtype: Any = None) -> Tensor:
    """A vector norm (1 dimension) or a matrix norm (2 dimensions), as ``torch.linalg.norm``."""
    if isinstance(dim, int):
        dim = (dim,)
    if dim is not None and len(dim) not in (1, 2):
        raise RuntimeError(f"linalg.norm: If dim is specified, it must be of length 1 or 2. "
                           f"Got {list(dim)}")
    if ord is None:  # the 2-norm of all the elements over dim (PyTorch's ord shows 2.0)
        return vector_norm(a, 2.0, dim, keepdim, dtype=dtype)
    if dim is None:
        if a._data.ndim not in (1, 2):
            raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input "
                               f"must be 1D or 2D. Got {a._data.ndim}D.")
        if isinstance(ord, str) or a._data.ndim == 2:  # (a vector with 'fro': matrix_norm's error)
            return matrix_norm(a, ord, (-2, -1), keepdim, dtype=dtype)
        return vector_norm(a, ord, None, keepdim, dtype=dtype)
    if len(dim) == 2 or isinstance(ord, str):  # (one dim with 'fro': matrix_norm's error)
        return matrix_norm(a, ord, dim, keepdim, dtype=dtype)
    return vector_norm(a, ord, dim, keepdim, dtype=dtype)


def _square(a: Tensor, name: str) -> None:
    shape = a._data.shape
    if len(shape) < 2:
        raise RuntimeError(f"linalg.{name}: The input tensor A must have at least 2 "
                           "dimensions.")
    if shape[-1] != shape[-2]:
        raise RuntimeError(f"linalg.{name}: A must be batches of square matrices, but they "
                           f"are {shape[-2]} by {shape[-1]} matrices")
    if not a.dtype.is_floating_point:
        raise RuntimeError(f"linalg.{name}: Expected a floating point or complex tensor as "
                           f"input. Got {dtypes.scalar_type_word(a.dtype.name)}")


class Inv(Function):
    """Y = A⁻¹      grad_A = -Yᵀ · (grad · Yᵀ)   (d(A⁻¹) = -A⁻¹ dA A⁻¹)"""

    node_name = "LinalgInvExBackward0"
    saved_tensor_names = ("inverse",)

    @staticmethod
    def forward(ctx: Any, a: Tensor, check_errors: bool = True) -> Any:
        _square(a, "inv")
        xp = a._xp
        try:
            out = checked(xp, lambda: xp.linalg.inv(a._data), a._data)
        except Exception:  # numpy.linalg.LinAlgError: PyTorch names the first zero pivot
            if not check_errors:  # (inv_ex) each singular matrix's inverse is NaN
                out = _inverses_or_nan(xp, a._data)
            else:
                batch, pivot = singular_element(a._data)
                raise LinAlgError(
                    f"linalg.inv: {batch}The diagonal element {pivot} is zero, the inversion "
                    "could not be completed because the input matrix is singular.") from None
        out = column_major(xp, out.astype(a._data.dtype, copy=False))  # (LAPACK's layout)
        ctx.save_for_backward(out)  # the output itself, so the rule can be differentiated
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (y,) = ctx.saved_tensors
        # -Yᵀ (grad Yᵀ), grouped as PyTorch groups it, Yᵀ taken twice as PyTorch takes it (two
        # TransposeBackward0 under create_graph)
        inner = grad @ y.transpose(-2, -1)
        return -(y.transpose(-2, -1) @ inner), None


def _inverses_or_nan(xp: Any, data: Any) -> Any:
    """Each matrix of a batch inverted on its own; a singular one gives NaN."""
    flat = data.reshape(-1, *data.shape[-2:])
    out = xp.full(flat.shape, xp.nan, dtype=data.dtype)
    for i, matrix in enumerate(flat):
        try:
            out[i] = checked(xp, lambda m=matrix: xp.linalg.inv(m), matrix)
        except Exception:  # singular: stays NaN
            pass
    return out.reshape(data.shape)


def fused_subtract(xp: Any, c: Any, a: Any, b: Any) -> Any:
    """c - a·b rounded once, as a fused multiply-add (MKL's kernels use them). float32: the
    product is exact in float64; float64: Dekker's exact product, its error added back."""
    if c.dtype == xp.float32:
        wide = xp.float64
        return (c.astype(wide) - a.astype(wide) * b.astype(wide)).astype(c.dtype)
    product = a * b
    split = 134217729.0  # 2**27 + 1: halves of 26 bits multiply exactly
    a_big = a * split - (a * split - a)
    b_big = b * split - (b * split - b)
    a_small, b_small = a - a_big, b - b_big
    error = ((a_big * b_big - product) + a_big * b_small + a_small * b_big) + a_small * b_small
    return (c - product) - error


# MKL, PyTorch's LAPACK on the CPU, updates with fused multiply-adds on Intel processors and
# with a product then a difference (two roundings) on others (measured on an AMD EPYC: this
# gives PyTorch's det bit for bit for every 2x2 to 4x4 matrix tried, and an exact zero for
# a singular matrix such as [[1, 2, 3], [2, 4, 6], [1, 1, 1]], where fused updates leave
# 1.8e-07)
MKL_FUSES = vendor() == "GenuineIntel"


def lu_factors(xp: Any, data: Any) -> tuple[Any, Any, Any]:
    """Gaussian elimination with partial pivoting (LAPACK's getrf, as PyTorch uses), for each
    matrix of a batch: the packed LU (L's multipliers below the diagonal, U on and above),
    the 1-based pivot rows (int32) and the sign of the row permutation.

    As MKL's small-matrix getrf: a column of multipliers is the column times 1 / pivot,
    except the last (one value, divided), and each update is c - l·u, fused on Intel
    processors and on GPUs (see `MKL_FUSES`)."""
    fused = MKL_FUSES or xp is not numpy
    batch, n = math.prod(data.shape[:-2]), data.shape[-1]  # (either may be 0)
    m = data.reshape(batch, n, n).astype(data.dtype, copy=True)
    rows = xp.arange(batch)
    sign = xp.ones(batch, dtype=data.dtype)
    pivots = xp.zeros((batch, n), dtype="int32")
    for k in range(n):
        p = k + xp.abs(m[:, k:, k]).argmax(axis=1)
        pivots[:, k] = p + 1
        swap = p != k
        sign = xp.where(swap, -sign, sign)
        top = m[rows, k].copy()
        m[rows, k] = m[rows, p]
        m[rows, p] = top
        pivot = m[:, k, k]
        safe = xp.where(pivot == 0, 1, pivot)
        if n - k - 1 == 1:
            factors = m[:, k + 1:, k] / safe[:, None]
        else:
            factors = m[:, k + 1:, k] * (xp.ones((), dtype=m.dtype) / safe)[:, None]
        rest, column, row = m[:, k + 1:, k + 1:], factors[:, :, None], m[:, k:k + 1, k + 1:]
        m[:, k + 1:, k + 1:] = (fused_subtract(xp, rest, column, row) if fused
                                else rest - column * row)
        m[:, k + 1:, k] = factors
    return m.reshape(data.shape), pivots.reshape(data.shape[:-1]), sign.reshape(data.shape[:-2])


def lu_diagonal(xp: Any, data: Any) -> tuple[Any, Any]:
    """The diagonal of U and the sign of the row permutation (see `lu_factors`)."""
    lu, _, sign = lu_factors(xp, data)
    return _diagonal(xp, lu), sign


def _diagonal(xp: Any, lu: Any) -> Any:
    """The diagonal of each matrix of a batch (U's, of a packed LU), as a new array."""
    every = xp.arange(lu.shape[-1])
    return lu[..., every, every]


def det_factors(a: Tensor) -> tuple[Any, Tensor, Tensor, Any]:
    """What det and slogdet factor, as PyTorch: Aᵀ when A is contiguous (det Aᵀ = det A; the
    zeros' signs and the last bits follow the matrix factored), else A. Returns U's diagonal,
    the LU and the pivots (which their nodes save: ``_saved_LU``, ``_saved_pivots``) and
    the sign of the permutation."""
    xp = a._xp
    data = xp.swapaxes(a._data, -1, -2) if a.is_contiguous() else a._data
    lu, pivots, sign = lu_factors(xp, data)
    return _diagonal(xp, lu), Tensor._make(lu), Tensor._make(pivots), sign


def _zero_pivot(data: Any) -> int:
    """Where elimination first meets a zero pivot (1-based), for PyTorch's message (worked
    out on the host: it is only needed for the error)."""
    diagonal, _ = lu_diagonal(numpy, to_host(data).astype(float))
    zeros = numpy.flatnonzero(diagonal.reshape(-1, diagonal.shape[-1])[0] == 0)
    return int(zeros[0]) + 1 if zeros.size else diagonal.shape[-1]


def singular_element(data: Any) -> tuple[str, int]:
    """PyTorch's error names the first singular matrix of a batch (``"(Batch element 1): "``,
    nothing for a lone matrix) and its first zero pivot (1-based)."""
    n = data.shape[-1]
    diagonal, _ = lu_diagonal(numpy, to_host(data).astype(float))
    for i, row in enumerate(diagonal.reshape(-1, n)):
        zeros = numpy.flatnonzero(row == 0)
        if zeros.size:
            return (f"(Batch element {i}): " if data.ndim > 2 else ""), int(zeros[0]) + 1
    return ("(Batch element 0): " if data.ndim > 2 else ""), n


class Det(Function):
    """d = det(A)      grad_A = grad · d · A⁻ᵀ   (Jacobi's formula; 0 for a singular A, where
    d = 0, as PyTorch gives)"""

    node_name = "LinalgDetBackward0"
    saved_tensor_names = ("A", "LU", "pivots", "result")

    @staticmethod
    def forward(ctx: Any, a: Tensor) -> Any:
        _square(a, "det")
        diagonal, lu, pivots, sign = det_factors(a)  # (the product of U's diagonal)
        out = a._xp.asarray(sign * diagonal.prod(axis=-1)).astype(a._data.dtype, copy=False)
        ctx.save_for_backward(a, lu, pivots, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        a, lu, pivots, d = ctx.saved_tensors
        if not is_grad_enabled() and a.numel() and not a.dtype.is_complex:
            return _without_graph(a, lu, pivots, grad * d)
        if is_grad_enabled():  # create_graph: PyTorch's differentiable forms
            near_zero = abs(d._data) < 100 * float(numpy.finfo(a._data.dtype).eps)
            if not near_zero.any():
                return solve_with_diagonal(a, grad * d)
            if a.ndim == 2:
                return _singular_cofactors(a, grad)
        scale = (grad * d).unsqueeze(-1).unsqueeze(-1)
        try:
            inverse = inv(a)
        except LinAlgError:  # singular: d is 0, and so is the gradient
            return scale * a.detach() * 0.0
        return scale * inverse.transpose(-2, -1)


def _without_graph(a: Tensor, lu: Tensor, pivots: Tensor, scale: Tensor) -> Tensor:
    """grad · d · A⁻ᵀ as PyTorch without a graph: a solve with the saved LU, each zero pivot
    first moved to ε (det is smooth, so a singular A gets the gradient of a nearby matrix:
    0 when d = 0)."""
    xp = lu._xp
    every = xp.arange(a.shape[-1])
    nudged = lu._data.copy()
    pivot = nudged[..., every, every]
    eps = numpy.finfo(nudged.dtype).eps
    nudged[..., every, every] = xp.where(pivot == 0, pivot + eps, pivot)
    return inverse_transpose_times(a, Tensor._make(nudged), pivots, scale)


def _singular_cofactors(a: Tensor, grad: Tensor) -> Tensor:
    """grad · cofactors of A from its SVD, as PyTorch's det backward for a (nearly) singular
    matrix under create_graph: U diag(grad · α · Π_{j≠i} σⱼ) Vᴴ with α = det U · det Vᴴ."""
    u, s, vh = svd(a)
    alpha = det(u) * det(vh)
    weight = (grad * alpha).unsqueeze(-1)
    ones = s.new_ones(s.shape[:-1] + (1,))
    before = _cat([ones, s.narrow(-1, 0, s.shape[-1] - 1)]).cumprod(-1)
    after = _cat([ones, s.narrow(-1, 1, s.shape[-1] - 1).flip(-1)]).cumprod(-1).flip(-1)
    return (u * (weight * (before * after)).unsqueeze(-2)) @ vh


def _cat(parts: list[Tensor]) -> Tensor:
    from .ops import cat

    return cat(parts, -1)


def inv(a: Tensor) -> Tensor:
    """The inverse of a square matrix (or of each matrix in a batch)."""
    return Inv.apply(a)


def det(a: Tensor) -> Tensor:
    """The determinant of a square matrix (or of each matrix in a batch)."""
    return Det.apply(a)


# matrix_power, matrix_exp, multi_dot, lu, eig, … (built in linalg_more.py)
from .linalg_more import (  # noqa: E402
    cholesky_ex,
    cond,
    diagonal,
    eig,
    eigvals,
    inv_ex,
    lstsq,
    lu,
    lu_factor,
    lu_factor_ex,
    lu_solve,
    matmul,
    matrix_exp,
    matrix_power,
    multi_dot,
    solve_ex,
    solve_triangular,
    tensorinv,
    tensorsolve,
    vander,
    vecdot,
)

__all__ = ["LinAlgError", "cholesky", "cholesky_ex", "cond", "cross", "det", "diagonal", "eig",
           "eigh", "eigvals", "eigvalsh", "inv", "inv_ex", "lstsq", "lu", "lu_factor",
           "lu_factor_ex", "lu_solve", "matmul", "matrix_exp", "matrix_norm", "matrix_power",
           "matrix_rank", "multi_dot", "norm", "pinv", "qr", "slogdet", "solve", "solve_ex",
           "solve_triangular", "svd", "svdvals", "tensorinv", "tensorsolve", "vander", "vecdot",
           "vector_norm"]
