"""PyTorch's CPU group norm of a contiguous float32 NumPy batch, forward, to the last bit.

PyTorch's kernel (``aten/src/ATen/native/cpu/group_norm_kernel.cpp``, contiguous input) takes
each sample's group (its C/G channels and their positions, D·HxW values in a row) as one row
of layer norm's statistics (`layer_norm_cpu32.row_moments`), then r = 1/√(max(σ², 0) + ε)
with ε in double (rounded to float at the end), and per channel c of the group:
scale = r·w_c, bias = b_c - scale·μ (fused), y = scale·x + bias (fused); with neither weight
nor bias, y = (x - μ)·r.

Backward (`backward`): per sample and channel, ds = Σ dy·x and db = Σ dy over the positions
(vectorised sums, `lane_sum`); per group, Σ ds·w and Σ db·w over its channels (8 at a time in
8 fused running sums, added left to right, then the channels left over, fused);
c2 = (db·μ - ds)·r³/(D·HxW), c3 = -c2·μ - db·r/(D·HxW), c1 = r·w_c and
∂L/∂x = (c1·dy + c2·x) + c3; ∂L/∂w_c = Σ_n (ds - db·μ)·r and ∂L/∂b_c = Σ_n db, sample after
sample (the fused steps as measured against PyTorch 2.13 here).
"""

from __future__ import annotations

from typing import Any

import numpy

from . import layer_norm_cpu32
from .sleef_float32 import fma
from .softmax_float32 import lane_sum

f32 = numpy.float32
LANES = layer_norm_cpu32.LANES  # (8 floats to a vector: no AVX-512 build)


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


def _left_to_right(values: Any) -> Any:
    """Σ over the last axis, one value after the other from 0 (``std::accumulate``)."""
    total = numpy.zeros(values.shape[:-1], f32)
    for i in range(values.shape[-1]):
        total = total + values[..., i]
    return total


def _group_sums(ds: Any, db: Any, w: Any) -> tuple[Any, Any]:
    """Σ ds·w and Σ db·w over each group's channels (ds, db: (N, G, D); w: (G, D))."""
    per_channel = ds.shape[2]
    whole = per_channel - per_channel % LANES
    lanes_s, lanes_b = numpy.zeros((2, *ds.shape[:2], LANES), f32)
    for j in range(0, whole, LANES):
        part = slice(j, j + LANES)
        lanes_s = fma(ds[..., part], w[:, part], lanes_s)
        lanes_b = fma(db[..., part], w[:, part], lanes_b)
    total_s, total_b = _left_to_right(lanes_s), _left_to_right(lanes_b)
    for j in range(whole, per_channel):
        total_s = fma(ds[..., j], w[:, j], total_s)
        total_b = fma(db[..., j], w[:, j], total_b)
    return total_s, total_b


def backward(grad: Any, data: Any, groups: int, mean: Any, rstd: Any, weight: Any,
             needs: tuple[bool, bool, bool]) -> tuple[Any, Any, Any]:
    """(∂L/∂x, ∂L/∂w, ∂L/∂b) of group norm (None where not needed), from the forward's μ and
    r (N, G), rounded as PyTorch's kernel rounds them."""
    with numpy.errstate(all="ignore"):
        return _backward(grad, data, groups, mean, rstd, weight, needs)


def _backward(grad: Any, data: Any, groups: int, mean: Any, rstd: Any, weight: Any,
              needs: tuple[bool, bool, bool]) -> tuple[Any, Any, Any]:
    n, channels = data.shape[:2]
    per_channel = channels // groups
    dy, x = grad.reshape(n, channels, -1), data.reshape(n, channels, -1)
    ds = lane_sum(dy * x, None, LANES)
    db = lane_sum(dy, None, LANES)
    ds_g, db_g = ds.reshape(n, groups, per_channel), db.reshape(n, groups, per_channel)
    m, r = mean.reshape(n, groups), rstd.reshape(n, groups)
    grad_x = grad_w = grad_b = None
    if needs[0]:
        w = (weight if weight is not None else numpy.ones(channels, f32))
        w = w.reshape(groups, per_channel)
        sum_s, sum_b = _group_sums(ds_g, db_g, w)
        s = f32(1) / f32(x.shape[2] * per_channel)
        c2 = fma(sum_b, m, -sum_s) * r * r * r * s
        c3 = fma(-(sum_b * r), s, -c2 * m)
        c1 = r[..., None] * w
        dy_g = grad.reshape(n, groups, per_channel, -1)
        x_g = data.reshape(n, groups, per_channel, -1)
        grad_x = fma(c1[..., None], dy_g, c2[..., None, None] * x_g) + c3[..., None, None]
        grad_x = grad_x.reshape(data.shape)
    if needs[1] and weight is not None:
        total = numpy.zeros((groups, per_channel), f32)
        for i in range(n):
            total = fma(fma(-db_g[i], m[i][:, None], ds_g[i]), r[i][:, None], total)
        grad_w = total.reshape(channels)
    if needs[2]:
        grad_b = numpy.cumsum(numpy.vstack([numpy.zeros((1, channels), f32), db]), axis=0,
                              dtype=f32)[-1]  # (from 0, sample after sample)
    return grad_x, grad_w, grad_b
