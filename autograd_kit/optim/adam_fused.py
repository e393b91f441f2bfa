"""Adam's second moment as PyTorch's fused CPU kernel (``Adam(..., fused=True)``) rounds it.

The kernel updates ``v ← β₂ v + (1 - β₂) g²`` in one expression. Its vector loop (and the
256-bit loop the compiler makes of the first whole lanes of its scalar tail) rounds it as the
kit's single-tensor step does, ``fma((1 - β₂)·g, g, β₂ v)``; the last values of each tensor,
``numel % (32 bytes / itemsize)`` of them (7 at most for float32, 3 for float64), go through
the plain C++ loop, where the compiler fuses the other product:
``fma(v, β₂, ((1 - β₂)·g)·g)``. Only those last values are redone here.
"""

from __future__ import annotations

from typing import Any

import numpy

from ._fused import _fma64

_LANE_BYTES = 32  # the width of the compiler's vector loop over the kernel's scalar tail


def scalar_tail(v: Any) -> int:
    """How many of ``v``'s last values PyTorch's fused CPU kernel updates one at a time."""
    return v.size % (_LANE_BYTES // v.itemsize)


def fused_second_moment_(v: Any, v_tail: Any, g: Any, beta2: float) -> None:
    """Redo the last ``len(v_tail)`` values of ``v`` (already updated by the single-tensor
    rounding) from their old values ``v_tail``: ``fma(v, β₂, ((1 - β₂)·g)·g)``."""
    count = v_tail.size
    flat = v.reshape(-1)  # (the state is contiguous: a view)
    dtype = v.dtype.type
    grad = g.reshape(-1)[-count:]
    square = dtype(1 - beta2) * grad * grad
    if v.dtype == numpy.float64:
        flat[-count:] = _fma64(square, v_tail, numpy.full(count, beta2))
    else:  # (float32: the product is exact in float64, the sum rounded once)
        flat[-count:] = v_tail.astype(numpy.float64) * float(dtype(beta2)) + square
