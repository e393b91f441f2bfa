"""PyTorch's CPU group norm of a contiguous float32 NumPy batch, forward, to the last bit.

PyTorch's kernel (``aten/src/ATen/native/cpu/group_norm_kernel.cpp``, contiguous input) takes
each sample's group (its C/G channels and their positions, D·HxW values in a row) as one row
of layer norm's statistics (`layer_norm_cpu32.row_moments`), then r = 1/√(max(σ², 0) + ε)
with ε in double (rounded to float at the end), and per channel c of the group:
scale = r·w_c, bias = b_c - scale·μ (fused), y = scale·x + bias (fused); with neither weight
nor bias, y = (x - μ)·r.

(The backward stays the plain formulas of ops/normalization.py: close, not bit for bit.)
"""

from __future__ import annotations

from typing import Any

import numpy

from . import layer_norm_cpu32
from .sleef_float32 import fma

f32 = numpy.float32


def applies(data: Any, groups: int, *params: Any) -> bool:
    """True for a C-contiguous float32 NumPy batch (and float32 weight and bias, if any) whose
    groups' rows `layer_norm_cpu32` takes (see its sizes)."""
    if not (type(data) is numpy.ndarray and data.flags.c_contiguous and data.ndim >= 2):
        return False
    rows = data.shape[0] * groups
    return layer_norm_cpu32.applies(rows, data.size // max(rows, 1), data, *params)


def forward(data: Any, groups: int, weight: Any, bias: Any, eps: float) -> tuple[Any, Any, Any]:
    """(y, μ, r) of group norm, μ and r of shape (N, G)."""
    n, channels = data.shape[:2]
    per_channel = channels // groups
    rows = data.reshape(n * groups, -1)
    with numpy.errstate(all="ignore"):
        mean, var = layer_norm_cpu32.row_moments(rows)
        rstd = (1 / numpy.sqrt(numpy.maximum(var, 0).astype(numpy.float64) + eps)).astype(f32)
        if weight is None and bias is None:
            y = (rows - mean[:, None]) * rstd[:, None]
        else:
            w = weight if weight is not None else numpy.ones(channels, f32)
            b = bias if bias is not None else numpy.zeros(channels, f32)
            scale = rstd.reshape(n, groups, 1) * w.reshape(groups, per_channel)
            shift = fma(-scale, mean.reshape(n, groups, 1), b.reshape(groups, per_channel))
            y = fma(scale[..., None], data.reshape(n, groups, per_channel, -1), shift[..., None])
    return y.reshape(data.shape), mean.reshape(n, groups), rstd.reshape(n, groups)
