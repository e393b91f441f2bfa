"""PyTorch's older LU functions: ``torch.lu_unpack``, ``torch.lu`` and ``torch.lu_solve``
(and the methods ``Tensor.lu``, ``Tensor.lu_solve``), beside ``torch.linalg``'s.

``lu_unpack(LU, pivots)`` gives P, L, U with A = P L U from a packed m×n LU (k = min(m, n)):
L is m×k (unit lower), U is k×n (upper). ``torch.lu`` and ``torch.lu_solve`` warn once that
they are deprecated, with PyTorch's words, and call ``linalg.lu_factor_ex`` and
``linalg.lu_solve`` (whose arguments come in another order).
"""

from __future__ import annotations

from typing import Any

from .function import Function
from .ops.decompositions import _named
from .ops.linalg_more import permutation_array
from .ops.preserved_layout import row_major
from .scalar_warning import triggered_at, warn_once_with
from .tensor import Tensor

lu_unpack_result = _named("lu_unpack", ["P", "L", "U"])
lu_with_info_result = _named("_lu_with_info", ["LU", "pivots", "info"])

LU_WARNING = triggered_at(
    "torch.lu is deprecated in favor of torch.linalg.lu_factor / torch.linalg.lu_factor_ex and "
    "will be removed in a future PyTorch release.\nLU, pivots = torch.lu(A, compute_pivots)\n"
    "should be replaced with\nLU, pivots = torch.linalg.lu_factor(A, compute_pivots)\nand\n"
    "LU, pivots, info = torch.lu(A, compute_pivots, get_infos=True)\nshould be replaced with\n"
    "LU, pivots, info = torch.linalg.lu_factor_ex(A, compute_pivots)",
    "aten/src/ATen/native/BatchLinearAlgebra.cpp:2073")
LU_SOLVE_WARNING = triggered_at(
    "torch.lu_solve is deprecated in favor of torch.linalg.lu_solveand will be removed in a "
    "future PyTorch release.\nNote that torch.linalg.lu_solve has its arguments reversed.\n"
    "X = torch.lu_solve(B, LU, pivots)\nshould be replaced with\n"
    "X = torch.linalg.lu_solve(LU, pivots, B)",
    "aten/src/ATen/native/BatchLinearAlgebra.cpp:2230")


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


class LuUnpack(Function):
    """L = tril₋₁(LU) + I (m×k), U = triu(LU) (k×n)

    grad_LU = tril₋₁(grad_L) + triu(grad_U), each in its own corner (PyTorch's
    lu_unpack_backward: for a wide LU, grad_L's part is added to the first k columns; for a
    tall one, grad_U's to the first k rows)
    """

    node_name = "LuUnpackBackward0"

    @staticmethod
    def forward(ctx: Any, lu: Tensor, unpack_data: bool = True) -> Any:
        """(``unpack_data=False``: two empty tensors, still recorded, as PyTorch's are.)"""
        xp, data = lu._xp, lu._data
        m, n = data.shape[-2:]
        k = min(m, n)
        ctx.shape, ctx.unpack_data = (m, n), unpack_data
        if not unpack_data:
            return xp.zeros(0, dtype=data.dtype), xp.zeros(0, dtype=data.dtype)
        low = xp.tril(data[..., :, :k], -1) + xp.eye(m, k, dtype=data.dtype)
        return low, xp.triu(data[..., :k, :])

    @staticmethod
    def backward(ctx: Any, grad_l: Tensor, grad_u: Tensor) -> tuple[Any, None]:
        if not ctx.unpack_data:
            return None, None
        return _unpack_backward(ctx, grad_l, grad_u), None


def _unpack_backward(ctx: Any, grad_l: Tensor, grad_u: Tensor) -> Tensor:
    """LuUnpack's rule (see there)."""
    kit = _kit()
    m, n = ctx.shape
    k = min(m, n)
    low, up = grad_l.tril(-1), grad_u.triu()
    if m == n:
        return low + up
    if m < n:
        return kit.cat([up[..., :, :k] + low, up[..., :, k:]], -1)
    return kit.cat([low[..., :k, :] + up, low[..., k:, :]], -2)


def lu_unpack(LU_data: Tensor, LU_pivots: Tensor, unpack_data: bool = True,  # noqa: N803
              unpack_pivots: bool = True) -> Any:
    """P, L, U with A = P L U, from ``lu_factor``'s packed LU and pivots (each part left
    empty when not asked for)."""
    kit = _kit()
    empty = kit.empty(0, dtype=LU_data.dtype, device=LU_data.device)
    low, up = LuUnpack.apply(LU_data, unpack_data)
    if unpack_pivots:
        p = permutation_array(LU_pivots._data, LU_data.shape[-2], LU_data._xp,
                              LU_data._data.dtype)
        permutation = Tensor._make(row_major(LU_data._xp, p))  # (row-major, as PyTorch's)
    else:
        permutation = empty
    return lu_unpack_result(permutation, low, up)


def lu(A: Tensor, pivot: bool = True, get_infos: bool = False) -> Any:  # noqa: N803
    """(LU, pivots), or with ``get_infos`` (LU, pivots, info): deprecated in PyTorch."""
    warn_once_with(LU_WARNING, stacklevel=2)
    result = _kit().linalg.lu_factor_ex(A, pivot=pivot)  # (no error for a singular A)
    if get_infos:
        return lu_with_info_result(*result)
    return result.LU, result.pivots


def lu_solve(input: Tensor, LU_data: Tensor, LU_pivots: Tensor) -> Tensor:  # noqa: A002, N803
    """X with AX = ``input``, from ``torch.lu``'s LU and pivots: deprecated in PyTorch."""
    warn_once_with(LU_SOLVE_WARNING, stacklevel=2)
    return _kit().linalg.lu_solve(LU_data, LU_pivots, input)


FUNCTIONS: dict[str, Any] = {"lu_unpack": lu_unpack, "lu": lu, "lu_solve": lu_solve}


def install_methods() -> None:
    """``Tensor.lu`` and ``Tensor.lu_solve``."""
    Tensor.lu = lu
    Tensor.lu_solve = lu_solve
