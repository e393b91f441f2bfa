"""More of ``torch.linalg``: matrix_power, matrix_exp, multi_dot, vecdot, solve_triangular,
lstsq, cond, eig / eigvals, the LU family, the ``_ex`` variants, diagonal, matmul, vander,
tensorinv and tensorsolve (``autograd_kit.linalg`` exports them).

Most are compositions recorded as PyTorch records them (matrix_power is a chain of matrix
products, multi_dot picks the cheapest order, vander is a cumulative product); the ones with
a rule of their own are in ops/linalg_more.py, each with its formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from . import dtypes
from .backend import to_host
from .ops import linalg_more as rules
from .ops.decompositions import (
    Cholesky,
    LinAlgError,
    Solve,
    _named,
    check_square,
    is_vector_rhs,
    partial_cholesky,
    svdvals,
)
from .tensor import Tensor

inv_ex_result = _named("linalg_inv_ex", ["inverse", "info"])
solve_ex_result = _named("linalg_solve_ex", ["result", "info"])
cholesky_ex_result = _named("linalg_cholesky_ex", ["L", "info"])
lu_factor_ex_result = _named("linalg_lu_factor_ex", ["LU", "pivots", "info"])


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


def _square_shape(a: Tensor, name: str) -> None:
    """PyTorch's checks on the shape only (integer matrices allowed)."""
    if a.ndim < 2:
        raise RuntimeError(f"linalg.{name}: The input tensor A must have at least 2 dimensions.")
    if a.shape[-1] != a.shape[-2]:
        raise RuntimeError(f"linalg.{name}: A must be batches of square matrices, but they "
                           f"are {a.shape[-2]} by {a.shape[-1]} matrices")


def matrix_power(A: Tensor, n: int) -> Tensor:  # noqa: N803 - PyTorch's argument name
    """Aⁿ by repeated squaring, as PyTorch computes it (n < 0: the power of A⁻¹; n = 0: I)."""
    kit = _kit()
    _square_shape(A, "matrix_power")
    if n == 0:
        eye = kit.eye(A.shape[-1], dtype=A.dtype, device=A.device)
        return A.clone().copy_(eye.expand_as(A))
    if n < 0:
        A, n = kit.linalg.inv(A), -n
        if n == 1:
            return A
    if n == 1:
        return A.clone()
    if n == 2:
        return kit.matmul(A, A)
    if n == 3:
        return kit.matmul(kit.matmul(A, A), A)
    z = result = None
    while n > 0:  # the bits of n from the lowest: z runs through A, A², A⁴, …
        bit, n = n % 2, n // 2
        z = A if z is None else kit.matmul(z, z)
        if bit:
            result = z if result is None else kit.matmul(result, z)
    return result


def matrix_exp(A: Tensor) -> Tensor:  # noqa: N803
    """exp(A) = Σ Aᵏ/k! (rule: ops/linalg_more.py `MatrixExp`)."""
    check_square(A, "matrix_exp")
    return rules.MatrixExp.apply(A)


def _chain_order(shapes: list[tuple[int, int]]) -> list[list[int]]:
    """The matrix-chain order of least cost (dynamic programming): split[i][j] is where the
    product of matrices i..j is best cut in two."""
    n = len(shapes)
    dims = [shapes[0][0]] + [s[1] for s in shapes]
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = math.inf
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if c < cost[i][j]:
                    cost[i][j], split[i][j] = c, k
    return split


def multi_dot(tensors: Sequence[Tensor]) -> Tensor:
    """A₁ A₂ ⋯ Aₙ in the cheapest order; the first may be a row vector and the last a column
    vector (1-D), as ``torch.linalg.multi_dot``."""
    kit = _kit()
    n = len(tensors)
    if n < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {n}")
    first, last = tensors[0].ndim, tensors[-1].ndim
    if first not in (1, 2):
        raise RuntimeError(f"multi_dot(): the first tensor must be 1D or 2D but got {first}D")
    if last not in (1, 2):
        raise RuntimeError(f"multi_dot(): the last tensor must be 1D or 2D but got {last}D")
    for i, t in enumerate(tensors[1:-1], start=1):
        if t.ndim != 2:
            raise RuntimeError(f"multi_dot(): tensor {i} must be 2D but got {t.ndim}D")
    for i, t in enumerate(tensors):
        if t.dtype != tensors[0].dtype:
            raise RuntimeError(
                f"multi_dot(): all tensors must have be the same dtype but tensor 0 is "
                f"{_c_name(tensors[0])} and tensor {i} {_c_name(t)}")
    mats = list(tensors)
    if first == 1:
        mats[0] = mats[0].unsqueeze(0)
    if last == 1:
        mats[-1] = mats[-1].unsqueeze(-1)
    for i in range(n - 1):
        if mats[i].shape[-1] != mats[i + 1].shape[0]:
            raise RuntimeError(
                f"multi_dot(): tensors {i} and {i + 1} with shapes {list(tensors[i].shape)} and "
                f"{list(tensors[i + 1].shape)} cannot be multiplied")
    out_shape = ([mats[0].shape[0]] if first == 2 else []) + (
        [mats[-1].shape[1]] if last == 2 else [])
    split = _chain_order([tuple(m.shape) for m in mats])

    def product(i: int, j: int) -> Tensor:
        if i == j:
            return mats[i]
        return kit.mm(product(i, split[i][j]), product(split[i][j] + 1, j))

    result = kit.mm(mats[0], mats[1]) if n == 2 else product(0, n - 1)
    return result.view(out_shape)


def _c_name(t: Tensor) -> str:
    """The C type word PyTorch's messages use: 'float', 'double', 'long', …"""
    return dtypes.scalar_type_word(t.dtype.name).lower()


def vecdot(x: Tensor, y: Tensor, *, dim: int = -1) -> Tensor:
    """Σᵢ xᵢ yᵢ along ``dim`` (``vdot`` for two vectors)."""
    if x.dtype != y.dtype:
        raise RuntimeError(
            "linalg.vecdot: Expected x and y to have the same dtype, but found x of type "
            f"{dtypes.scalar_type_word(x.dtype.name)} and y of type "
            f"{dtypes.scalar_type_word(y.dtype.name)} instead")
    if x.ndim == 1 and y.ndim == 1:
        return rules.Vdot.apply(x, y)
    return (x * y).sum(dim)


def solve_triangular(A: Tensor, B: Tensor, *, upper: bool, left: bool = True,  # noqa: N803
                     unitriangular: bool = False) -> Tensor:
    """X with AX = B (or XA = B when ``left=False``), A upper or lower triangular."""
    if B.ndim < 2:
        raise RuntimeError("linalg.solve_triangular: The input tensor B must have at least 2 "
                           "dimensions.")
    check_square(A, "solve_triangular")
    n, rows = A.shape[-1], (B.shape[-2] if left else B.shape[-1])
    if rows != n:
        equation = "AX = B" if left else "XA = B"
        raise RuntimeError(
            f"linalg.solve_triangular: Incompatible shapes of A and B for the equation "
            f"{equation} ({n}x{n} and {B.shape[-2]}x{B.shape[-1]})")
    return rules.SolveTriangular.apply(A, B, upper, left, unitriangular)


def lstsq(input: Tensor, b: Tensor, rcond: float | None = None, *,  # noqa: A002
          driver: str | None = None) -> Any:
    """The least-squares solution of AX ≈ B, as ``(solution, residuals, rank,
    singular_values)``, each filled as LAPACK's driver fills it in PyTorch: the rank by all
    but gels, the singular values by gelsd and gelss, the squared residuals when A has more
    rows than columns, by all but gelsy (PyTorch's default on the CPU), and by gelsd and
    gelss only when every A has full column rank. What is not computed is empty."""
    kit = _kit()
    A, B = input, b  # noqa: N806  (PyTorch's parameter names, the documentation's letters)
    vector = _check_lstsq_arguments(A, B, rcond, driver)
    driver = driver or "gelsy"
    if rcond is None:
        rcond = float(dtypes_eps(A)) * max(A.shape[-2:])
    m, n = A.shape[-2:]
    empty = kit.empty(0, dtype=A.dtype, device=A.device)
    rank = kit.empty(0, dtype=kit.int64, device=A.device)
    values = empty
    if driver == "gels":
        _check_full_rank_for_gels(A)
    else:
        s = svdvals(A.detach())
        largest = s.narrow(-1, 0, 1) if s.shape[-1] else s
        rank = (s > rcond * largest).sum(-1)
        values = s if driver in ("gelsd", "gelss") else empty
    residuals = m > n and driver != "gelsy" and (driver == "gels" or bool((rank == n).all()))
    solution, squares = rules.Lstsq.apply(A, B, rcond, residuals, vector)
    return rules.lstsq_result(solution, squares, rank, values)


def _check_lstsq_arguments(a: Any, b: Any, rcond: Any, driver: Any) -> bool:
    """PyTorch's checks of lstsq's arguments, in its order (its parser's first; the default
    rcond, machine epsilon, is defined for float and double only); whether B is a vector
    (one column)."""
    from .ops.operands import check_broadcast
    from .signature_parser import check

    check("linalg_lstsq", ("Tensor input, Tensor b, float? rcond = None, *, str? driver = None",),
          (a, b, rcond), {"driver": driver})
    if a.ndim < 2:
        raise RuntimeError("torch.linalg.lstsq: input must have at least 2 dimensions.")
    if b.ndim < 1:
        raise RuntimeError("torch.linalg.lstsq: other must have at least 1 dimension.")
    if a.dtype != b.dtype:
        raise RuntimeError(
            "torch.linalg.lstsq: Expected input and other to have the same dtype, but got "
            f"input's dtype {dtypes.scalar_type_word(a.dtype.name)} and other's dtype "
            f"{dtypes.scalar_type_word(b.dtype.name)}")
    if a.ndim - b.ndim not in (0, 1):
        raise RuntimeError("torch.linalg.lstsq: input.dim() must be greater or equal to "
                           "other.dim() and (input.dim() - other.dim()) <= 1")
    vector = is_vector_rhs(a, b)  # (as linalg.solve's vector B)
    if a.shape[-2] != (b.shape[-1] if vector else b.shape[-2]):
        raise RuntimeError("torch.linalg.lstsq: input.size(-2) should match "
                           f"other.size({-1 if vector else -2})")
    if driver not in (None, "gels", "gelsy", "gelsd", "gelss"):
        raise RuntimeError("torch.linalg.lstsq: parameter `driver` should be one of (gels, "
                           "gelsy, gelsd, gelss)")
    if rcond is None and a.dtype.name not in ("float32", "float64"):
        raise RuntimeError("This function doesn't handle types other than float and double")
    check_broadcast(a.shape[:-2], b.shape[:a.ndim - 2])  # (B one dimension short: as vectors)
    if a.dtype.name not in ("float32", "float64"):
        raise NotImplementedError('"linalg_lstsq_cpu" not implemented for '
                                  f"'{dtypes.scalar_type_word(a.dtype.name)}'")
    return vector


def _check_full_rank_for_gels(a: Tensor) -> None:
    """gels solves through a QR factorization of A (of Aᵀ, an LQ, when A is wide) and fails,
    as LAPACK's triangular solve there, on an exact zero on R's diagonal, naming its place
    (1-based); an all-zero A is solved by zero (LAPACK returns early for it)."""
    m, n = a.shape[-2:]
    if min(m, n) == 0:
        return
    xp = a._xp
    data = a._data if m >= n else xp.swapaxes(a._data, -1, -2)
    diagonal = to_host(xp.linalg.qr(data, mode="r")).diagonal(0, -2, -1).reshape(-1, min(m, n))
    nonzero = to_host(a._data).reshape(-1, m * n).any(axis=-1)
    for i, (row, solvable) in enumerate(zip(diagonal, nonzero)):
        zeros = (row == 0).nonzero()[0]
        if solvable and zeros.size:
            batch = f"(Batch element {i}): " if a.ndim > 2 else ""
            raise LinAlgError(
                f"torch.linalg.lstsq: {batch}The least squares solution could not be computed "
                f"because the input matrix does not have full rank (error code: {zeros[0] + 1}).")


def dtypes_eps(a: Tensor) -> float:
    return float(dtypes.finfo(a.dtype).eps)


def cond(A: Tensor, p: Any = None) -> Tensor:  # noqa: N803
    """κ(A) = ‖A‖ ‖A⁻¹‖: for p = None or ±2 the ratio of the extreme singular values."""
    kit = _kit()
    if p in (None, 2, -2):
        s = svdvals(A)
        big, small = s.narrow(-1, 0, 1), s.narrow(-1, s.shape[-1] - 1, 1)
        return (big / small if p != -2 else small / big).squeeze(-1)
    _square_shape_for_cond(A, p)
    if p == "nuc":  # ‖A‖_* ‖A⁻¹‖_* = Σσ · Σ1/σ, from the singular values (as PyTorch)
        s = svdvals(A)
        return s.sum(-1) * s.reciprocal().sum(-1)
    inverse, info = inv_ex(A)  # a singular matrix's inverse counts as infinite
    inverse = inverse.masked_fill((info > 0).unsqueeze(-1).unsqueeze(-1), math.inf)
    product = kit.linalg.matrix_norm(A, p) * kit.linalg.matrix_norm(inverse, p)
    return product.nan_to_num(math.inf, math.inf, -math.inf)  # as PyTorch records it


def _square_shape_for_cond(a: Tensor, p: Any) -> None:
    if a.shape[-1] != a.shape[-2]:
        raise RuntimeError(f"linalg.cond(ord={p}): A must be batches of square matrices, but "
                           f"they are {a.shape[-2]} by {a.shape[-1]} matrices")


def eig(A: Tensor) -> Any:  # noqa: N803
    """Eigenvalues and unit eigenvectors of a square matrix, when they are real (the kit has
    no complex dtype: complex ones raise an error, where PyTorch returns complex tensors)."""
    check_square(A, "eig")
    return rules.eig_result(*rules.Eig.apply(A))


def eigvals(A: Tensor) -> Tensor:  # noqa: N803
    """The eigenvalues of a square matrix, when they are real (see `eig`)."""
    check_square(A, "eigvals")
    return rules.Eig.apply(A)[0]


def _lu_input(a: Tensor, name: str, pivot: bool) -> None:
    """PyTorch's checks before an LU factorization: 2 dimensions, a float type, pivoting on
    the CPU."""
    if a.ndim < 2:
        size = ", ".join(str(n) for n in a.shape)
        raise RuntimeError(f"{name}: Expected tensor with 2 or more dimensions. Got size: "
                           f"[{size}] instead")
    if a.dtype.name not in ("float32", "float64"):
        kernel = "lu_cpu" if a.device.type == "cpu" else "lu_cuda"
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{dtypes.scalar_type_word(a.dtype.name)}'")
    if not pivot and a.device.type == "cpu":
        raise RuntimeError("linalg.lu_factor: LU without pivoting is not implemented on the CPU")


def _lu_info(lu: Tensor) -> Tensor:
    """LAPACK getrf's info: the first i (1-based) with U[i, i] = 0, else 0."""
    xp = lu._xp
    zero = xp.diagonal(lu._data, axis1=-2, axis2=-1) == 0
    if not zero.shape[-1]:
        return Tensor._make(xp.zeros(zero.shape[:-1], dtype="int32"))
    first = xp.where(zero.any(axis=-1), zero.argmax(axis=-1) + 1, 0).astype("int32")
    return Tensor._make(first)


def _check_lu_info(info: Tensor, name: str) -> None:
    """PyTorch's error for a zero on U's diagonal (the first such matrix of a batch)."""
    flat = info._data.reshape(-1)
    for i, first in enumerate(to_host(flat).tolist()):
        if first:
            batch = f"(Batch element {i}): " if info.ndim else ""
            raise RuntimeError(
                f"{name}: {batch}U[{first},{first}] is zero and using it on lu_solve would "
                "result in a division by zero. If you still want to perform the factorization, "
                "consider calling linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)")


def lu_factor(A: Tensor, *, pivot: bool = True) -> Any:  # noqa: N803
    """A = P L U packed in one matrix (L below the diagonal, U on and above) with the
    1-based pivot rows, as LAPACK's getrf; a zero on U's diagonal is an error."""
    _lu_input(A, "torch.lu_factor", pivot)
    lu, pivots = rules.LuFactor.apply(A)
    _check_lu_info(_lu_info(lu), "torch.linalg.lu_factor")
    return rules.lu_factor_result(lu, pivots)


def lu_factor_ex(A: Tensor, *, pivot: bool = True, check_errors: bool = False) -> Any:  # noqa: N803
    """`lu_factor` with getrf's info (the first zero on U's diagonal, 1-based; else 0)."""
    _lu_input(A, "torch.lu_factor", pivot)
    lu, pivots = rules.LuFactor.apply(A)
    info = _lu_info(lu)
    if check_errors:
        _check_lu_info(info, "torch.linalg.lu_factor_ex")
    return lu_factor_ex_result(lu, pivots, info)


def lu(A: Tensor, *, pivot: bool = True) -> Any:  # noqa: N803
    """P, L, U with A = P L U (partial pivoting)."""
    _lu_input(A, "linalg.lu", pivot)
    return rules.lu_result(*rules.Lu.apply(A))


def _lu_solve_checks(LU: Tensor, pivots: Tensor, B: Tensor, left: bool) -> None:  # noqa: N803
    """PyTorch's checks of lu_solve's arguments, in its order."""
    if LU.dtype != B.dtype:
        raise RuntimeError("linalg.lu_solve: Expected LU and B to have the same dtype, but "
                           f"found LU of type {dtypes.scalar_type_word(LU.dtype.name)} and B "
                           f"of type {dtypes.scalar_type_word(B.dtype.name)} instead")
    if not LU.dtype.is_floating_point:
        raise RuntimeError("torch.linalg.lu_solve: Expected a floating point or complex tensor "
                           f"as input. Got {dtypes.scalar_type_word(LU.dtype.name)}")
    if pivots.dtype.name != "int32":
        raise RuntimeError("linalg.lu_solve: pivots should be a Tensor of scalar type "
                           "torch.int32")
    n = LU.shape[-1]
    if LU.shape[-2] != n:
        raise RuntimeError("torch.linalg.lu_solve: A must be batches of square matrices, but "
                           f"they are {LU.shape[-2]} by {n} matrices")
    if B.ndim < 2:
        raise RuntimeError("linalg.lu_solve: The input tensor B must have at least 2 "
                           "dimensions.")
    if pivots.shape[-1:] != (n,):
        raise RuntimeError("linalg.lu_solve: Number of pivots per batch should be same as the "
                           "dimension of the matrix")
    if n != B.shape[-2 if left else -1]:
        raise RuntimeError("linalg.lu_solve: Incompatible shapes of A and B for the equation "
                           f"{'AX' if left else 'XA'} = B ({LU.shape[-2]}x{n} and "
                           f"{B.shape[-2]}x{B.shape[-1]})")
    if LU.dtype.name == "float16":
        raise NotImplementedError('"linalg.lu_solve_cpu" not implemented for \'Half\'')


def lu_solve(LU: Tensor, pivots: Tensor, B: Tensor, *, left: bool = True,  # noqa: N803
             adjoint: bool = False) -> Tensor:
    """X with AX = B (``left=False``: XA = B; ``adjoint=True``: Aᵀ for A), from
    ``lu_factor(A)``."""
    _lu_solve_checks(LU, pivots, B, left)
    return rules.LuSolve.apply(LU, pivots, B, left, adjoint)


def _info(a: Tensor, failed: bool = False) -> Tensor:
    kit = _kit()
    return kit.zeros(a.shape[:-2], dtype=kit.int32, device=a.device) + int(failed)


def _int32_tensor(values: list[int], like: Tensor) -> Tensor:
    return _kit().tensor(values, dtype=_kit().int32, device=like.device)


def inv_ex(A: Tensor, *, check_errors: bool = False) -> Any:  # noqa: N803
    """(A⁻¹, info): info is 0, or (for a singular A, without ``check_errors``) not 0 and
    the inverse is NaN."""
    from .linalg import Inv, _zero_pivot

    try:
        inverse = Inv.apply(A, check_errors)
    except LinAlgError as error:
        raise LinAlgError(str(error).replace("linalg.inv:", "linalg.inv_ex:")) from None
    info = _info(A)
    failed = inverse.detach().isnan().flatten(-2).all(-1) if A.shape[-1] else info.bool()
    if bool(failed.any()):  # LAPACK's info: where the first zero pivot is (1-based)
        pivots = [_zero_pivot(m._data) for m in A.detach().reshape(-1, *A.shape[-2:])]
        info = _int32_tensor(pivots, A).reshape(info.shape) * failed
    return inv_ex_result(inverse, info)


def solve_ex(A: Tensor, B: Tensor, *, left: bool = True,  # noqa: N803
             check_errors: bool = False) -> Any:
    kit = _kit()
    try:
        return solve_ex_result(kit.linalg.solve(A, B, left=left), _info(A))
    except LinAlgError:
        if check_errors:
            raise
        return solve_ex_result(kit.full_like(B, math.nan), _info(A, True))


def cholesky_ex(A: Tensor, *, upper: bool = False, check_errors: bool = False) -> Any:  # noqa: N803
    """(L, info): info 0, or for a matrix that is not positive-definite the order k of its
    first failing leading minor, with LAPACK's partial factorization in L (partial_cholesky)."""
    kit = _kit()
    try:
        return cholesky_ex_result(kit.linalg.cholesky(A, upper=upper), _info(A))
    except LinAlgError as error:
        if check_errors:
            raise LinAlgError(str(error).replace("linalg.cholesky:", "linalg.cholesky_ex:")) \
                from None
    xp = A._xp
    flat = A._data.reshape(-1, *A.shape[-2:])
    lows, infos = [], []
    for matrix in flat:
        low, info = partial_cholesky(matrix)
        lows.append(xp.tril(low))
        infos.append(info)
    low = xp.stack(lows).reshape(A.shape)
    low = xp.swapaxes(low, -1, -2).copy() if upper else low
    info = xp.asarray(infos, dtype="int32").reshape(A.shape[:-2])
    return cholesky_ex_result(Tensor._make(low), Tensor._make(info))


def diagonal(A: Tensor, *, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:  # noqa: N803
    return _kit().diagonal(A, offset, dim1, dim2)


def matmul(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return _kit().matmul(input, other)


def vander(x: Tensor, N: int | None = None) -> Tensor:  # noqa: N803
    """The Vandermonde matrix [1, x, x², …, x^(N-1)] (columns of increasing powers)."""
    kit = _kit()
    if x.dtype.name == "bool":
        raise RuntimeError("linalg.vander supports floating point, complex, and integer "
                           "tensors, but got Bool")
    x = x.unsqueeze(-1) if x.ndim == 0 else x  # (as PyTorch: a 0-dim x is one value)
    n = x.shape[-1] if N is None else N
    if n <= 1:
        raise RuntimeError("N must be greater than 1.")
    ones = kit.ones(*x.shape, 1, dtype=x.dtype, device=x.device)
    powers = x.unsqueeze(-1).expand(*x.shape, n - 1).cumprod(-1)
    return kit.cat([ones, powers], -1)


def tensorinv(A: Tensor, ind: int = 2) -> Tensor:  # noqa: N803
    """The inverse of A seen as a matrix of shape (prod(shape[:ind]), prod(shape[ind:]))."""
    if ind <= 0:
        raise RuntimeError(f"Expected a strictly positive integer for 'ind', but got {ind}")
    rows, cols = math.prod(A.shape[:ind]), math.prod(A.shape[ind:])
    if rows != cols:
        raise RuntimeError("Expected self to satisfy the requirement prod(self.shape[ind:]) == "
                           f"prod(self.shape[:ind]), but got {cols} != {rows}")
    inverse = _kit().linalg.inv(A.reshape(rows, cols))
    return inverse.reshape(*A.shape[ind:], *A.shape[:ind])


def tensorsolve(A: Tensor, B: Tensor, dims: Sequence[int] | None = None) -> Tensor:  # noqa: N803
    """X with tensordot(A, X, X.ndim) = B."""
    if dims is not None:
        A = A.movedim(list(dims), list(range(A.ndim - len(dims), A.ndim)))
    rows, cols = B.numel(), math.prod(A.shape[B.ndim:])
    if math.prod(A.shape[:B.ndim]) != cols or rows != cols:
        raise RuntimeError(
            "Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == "
            f"prod(self.shape[:other.ndim]), but got {cols} != {rows}")
    x = Solve.apply(A.reshape(rows, cols), B.reshape(rows), True)
    return x.view(*A.shape[B.ndim:])


def cholesky_deprecated(a: Tensor, upper: bool = False) -> Tensor:
    """``torch.cholesky`` (deprecated in PyTorch): recorded as ``CholeskyBackward0``."""
    check_square(a, "cholesky", prefix="")
    return _Cholesky.apply(a, upper)


class _Cholesky(Cholesky):
    __doc__ = Cholesky.__doc__
    node_name = "CholeskyBackward0"
    error_name = "cholesky"
    saved_tensor_names = ("result",)
    forward_ad_missing = "cholesky"  # (PyTorch has no forward-mode formula)


__all__ = ["cholesky_ex", "cond", "diagonal", "eig", "eigvals", "inv_ex", "lstsq", "lu",
           "lu_factor", "lu_factor_ex", "lu_solve", "matmul", "matrix_exp", "matrix_power",
           "multi_dot", "solve_ex", "solve_triangular", "tensorinv", "tensorsolve", "vander",
           "vecdot"]
