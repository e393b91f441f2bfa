"""Adam's second moment as PyTorch's fused CPU kernel (``Adam(..., fused=True)``) rounds it.

The kernel updates ``v ← β₂ v + (1 - β₂) g²`` in one expression. Its vector loop (and the
256-bit loop the compiler makes of the first whole lanes of its scalar tail) rounds it as the
kit's single-tensor step does, ``fma((1 - β₂)·g, g, β₂ v)``; the last values of each tensor,
``numel % (32 bytes / itemsize)`` of them (7 at most for float32, 3 for float64), go through
the plain C++ loop, where the compiler fuses the other product:
``fma(v, β₂, ((1 - β₂)·g)·g)``. Only those last values are redone here.

A float16 parameter goes through the kernel's other loop: everything read as float32, the
whole step in float32, only what is stored rounded to float16 (`fused_half_step`); the
single-tensor step rounds each operation's result instead.
"""

from __future__ import annotations

from typing import Any

import numpy

from ..ops.sleef_float32 import fma
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
    else:
        flat[-count:] = fma(v_tail, dtype(beta2), square)


def half_fused(group: dict[str, Any], data: Any) -> bool:
    """Whether PyTorch's fused CPU step would compute this float16 parameter in float32
    (`fused_half_step`)."""
    return bool(group.get("fused")) and type(data) is numpy.ndarray and data.dtype == numpy.float16


def fused_half_step(data: Any, grad: Any, state: dict[str, Any], group: dict[str, Any],
                    step: float, decoupled: bool) -> None:
    """One fused Adam step of a float16 parameter as PyTorch's CPU kernel takes it: every
    value read as float32, the whole update in float32 (m by lerp's fused form, v as
    ``fma((1 - β₂)·g, g, β₂ v)``, the denominator from the unrounded v), and only what is
    stored (p, m, v, max v) rounded to float16::

        m ← fma(1 - β₁, g - m, m)   (|1 - β₁| < ½; else fma(-β₁, g - m, g))
        p ← p + (-lr / (1 - β₁ᵗ)) · m / (√v / √(1 - β₂ᵗ) + eps)
    """
    f32 = numpy.float32
    lr, weight_decay = float(group["lr"]), group["weight_decay"]
    beta1, beta2 = (float(beta) for beta in group["betas"])
    p, g = data.astype(f32), grad.astype(f32)
    if group["maximize"]:
        g = -g
    if weight_decay != 0 and decoupled:
        p = p * f32(1 - lr * weight_decay)
    elif weight_decay != 0:
        g = fma(p, f32(weight_decay), g)
    m = state["exp_avg"]._data.astype(f32)
    weight = f32(1 - beta1)
    if abs(weight) < 0.5:
        m = fma(weight, g - m, m)
    else:
        m = fma(weight - f32(1), g - m, g)
    v = fma(f32(1 - beta2) * g, g, state["exp_avg_sq"]._data.astype(f32) * f32(beta2))
    state["exp_avg"]._data[...] = m
    state["exp_avg_sq"]._data[...] = v
    if "max_exp_avg_sq" in state:
        v = numpy.maximum(state["max_exp_avg_sq"]._data.astype(f32), v)
        state["max_exp_avg_sq"]._data[...] = v
    step_size = lr / (1 - beta1 ** step)
    denom = numpy.sqrt(v) / f32((1 - beta2 ** step) ** 0.5) + f32(group["eps"])
    data[...] = p + f32(-step_size) * m / denom
