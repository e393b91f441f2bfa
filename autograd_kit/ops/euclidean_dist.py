"""cdist's matrix-product route for p = 2, as PyTorch takes it (``_euclidean_dist``).

With ``compute_mode="use_mm_for_euclid_dist"``, or by default when either operand has more
than 25 rows, PyTorch computes the squared distances as one matrix product,
‖a - b‖² = ‖a‖² - 2 a·b + ‖b‖², clamps them at 0 and takes the square root. Its node is
EuclideanDistBackward0 (under a view to the result's shape), not CdistBackward0, and its
values carry the product's rounding: two equal rows may lie a tiny distance apart.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from ..function import Function
from ..tensor import Tensor
from .operands import check_broadcast

MODES = {None: 0, "use_mm_for_euclid_dist_if_necessary": 0, "use_mm_for_euclid_dist": 1,
         "donot_use_mm_for_euclid_dist": 2}


class EuclideanDist(Function):
    """out[..., i, j] = √max(‖x1ᵢ‖² - 2 x1ᵢ·x2ⱼ + ‖x2ⱼ‖², 0)

    With r = grad / out (0 where out is 0):
    grad_x1 = x1 · Σⱼ r[:, j] - r @ x2,   grad_x2 = x2 · Σᵢ r[i, :] - rᵀ @ x1
    """

    node_name = "EuclideanDistBackward0"
    forward_ad_missing = "_euclidean_dist"  # (PyTorch has no forward-mode formula)
    saved_tensor_names = ("x1", "x2", "result")

    @staticmethod
    def forward(ctx: Any, x1: Tensor, x2: Tensor) -> Any:
        xp, a, b = x1._xp, x1._data, x2._data
        a_norm = (a * a).sum(axis=-1, keepdims=True)
        b_norm = (b * b).sum(axis=-1, keepdims=True)
        left = xp.concatenate([a * -2, a_norm, xp.ones_like(a_norm)], axis=-1)
        right = xp.concatenate([b, xp.ones_like(b_norm), b_norm], axis=-1)
        out = xp.sqrt(xp.maximum(left @ xp.swapaxes(right, -1, -2), 0))
        ctx.save_for_backward(x1, x2, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        x1, x2, out = ctx.saved_tensors
        ratio = grad / out
        ratio.masked_fill_(out == 0, 0)
        needs_1, needs_2 = ctx.needs_input_grad[:2]
        return (x1 * ratio.sum(-1, True) - ratio.matmul(x2) if needs_1 else None,
                x2 * ratio.sum(-2, False).unsqueeze(-1) - ratio.mT.matmul(x1) if needs_2
                else None)


def mode_number(compute_mode: Any) -> int:
    """cdist's ``compute_mode`` as PyTorch's C++ takes it: 0 (by size), 1 (always), 2 (never)."""
    if compute_mode not in MODES:
        raise ValueError(f"{compute_mode} is not a valid value for compute_mode")
    return MODES[compute_mode]


def takes_matrix_product(x1: Tensor, x2: Tensor, p: float, mode: int) -> bool:
    """Whether PyTorch's cdist takes the matrix-product route."""
    if x1.numel() == 0 or x2.numel() == 0 or p != 2:
        return False
    return mode == 1 or (mode == 0 and (x1.shape[-2] > 25 or x2.shape[-2] > 25))


def euclidean_cdist(x1: Tensor, x2: Tensor) -> Tensor:
    """cdist for p = 2 by the matrix product: batch dimensions broadcast and flattened into
    one (both operands expanded, made contiguous and viewed as ``(batch, rows, columns)``,
    as PyTorch does even when it then uses the operands as they are)."""
    check_broadcast(x1.shape[:-2], x2.shape[:-2])
    batch = numpy.broadcast_shapes(x1.shape[:-2], x2.shape[:-2])
    flat = []
    for x in (x1, x2):
        expanded = x.expand(*batch, *x.shape[-2:]).contiguous()
        flat.append(expanded.view(math.prod(batch), *x.shape[-2:]))
    if math.prod(batch) == 1:
        flat = [x1, x2]
    return EuclideanDist.apply(*flat).view(*batch, x1.shape[-2], x2.shape[-2])
