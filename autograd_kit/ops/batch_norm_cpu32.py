"""PyTorch's CPU statistics of batch norm in training, for float32 NumPy input, to the last bit.

PyTorch (``batch_norm_cpu_collect_stats``) takes per channel c, over the n values of c:

* images (some size after the channel, NCHW laid out contiguously): μ = Σx / n summed in
  double and rounded to float; var_sum = Σ (x - μ)² with each square in float, summed in
  double, rounded to float;
* a plain batch (N, C) (one value per sample and channel): the rows are split into one
  chunk per thread (``ceil(N / threads)`` rows each, or one chunk when N ≤ threads); each
  chunk adds its rows in float (the variance with a fused multiply-add, acc + d·d rounded
  once), then the chunks' sums are added in double.

Then 1/√(σ² + ε) with σ² = var_sum / n rounded to float first, and the running statistics
move in float: r_mean ← m·μ + (1 - m)·r_mean; r_var ← m·(var_sum / (n - 1)) + (1 - m)·r_var,
that last sum in double. (`NativeBatchNorm` applies y = x·α + β with these, as in evaluation.)
"""

from __future__ import annotations

from typing import Any

import numpy

from ..cpu_capability import AVX2_FLOAT_LANES
from ..global_settings import get_num_threads
from .sleef_float32 import fma
from .softmax_float32 import lane_sum

f32, f64 = numpy.float32, numpy.float64


def applies(data: Any) -> bool:
    """True for a NumPy float32 array of at least two dimensions (the kernel reproduced)."""
    return type(data) is numpy.ndarray and data.dtype == f32 and data.ndim >= 2


def _row_chunks(rows: Any, fill: Any, one_row_each: bool = False) -> Any:
    """The rows split as PyTorch's ``parallel_for`` splits them: (chunks, rows per chunk, C),
    the last chunk padded with ``fill`` (rows that leave a running sum as it is). With N ≤
    threads, one chunk (statistics), or one chunk per row (``one_row_each``: backward)."""
    n = rows.shape[0]
    threads = get_num_threads()
    per = -(-n // threads) if n > threads else 1 if one_row_each else n
    chunks = -(-n // per)
    padded = numpy.empty((chunks * per, rows.shape[1]), f32)
    padded[:n], padded[n:] = rows, fill
    return padded.reshape(chunks, per, rows.shape[1])


def _plain_batch_stats(rows: Any) -> tuple[Any, Any]:
    """μ and var_sum of an (N, C) batch, chunk by chunk as PyTorch's threads add them."""
    n = rows.shape[0]
    chunks = _row_chunks(rows, f32(0))
    total = numpy.zeros(chunks.shape[::2], f32)
    for i in range(chunks.shape[1]):
        total += chunks[:, i]
    mean = (total.astype(f64).sum(0) / n).astype(f32)
    chunks = _row_chunks(rows, mean)
    squares = numpy.zeros(chunks.shape[::2], f32)
    for i in range(chunks.shape[1]):
        d = chunks[:, i] - mean
        squares = fma(d, d, squares)
    return mean, squares.astype(f64).sum(0).astype(f32)


def _image_stats(data: Any, axes: tuple[int, ...], n: int) -> tuple[Any, Any]:
    """μ and var_sum with one channel's values added in double (each square in float)."""
    mean = (data.astype(f64).sum(axis=axes) / n).astype(f32)
    d = data - mean.reshape((1, -1) + (1,) * (data.ndim - 2))
    return mean, (d * d).astype(f64).sum(axis=axes).astype(f32)


def training_stats(data: Any, eps: float) -> tuple[Any, Any, Any]:
    """(μ, 1/√(σ² + ε), var_sum) per channel, each float32 of shape (C,), as PyTorch."""
    axes = (0, *range(2, data.ndim))
    n = data.size // data.shape[1]
    if data.size == data.shape[0] * data.shape[1]:
        mean, var_sum = _plain_batch_stats(data.reshape(data.shape[0], data.shape[1]))
    else:
        mean, var_sum = _image_stats(data, axes, n)
    rstd = (1 / numpy.sqrt((var_sum / f32(n)).astype(f64) + eps)).astype(f32)
    return mean, rstd, var_sum


def move_running(running_mean: Any, running_var: Any, mean: Any, var_sum: Any, n: int,
                 momentum: float) -> None:
    """PyTorch's update of the running statistics in place (arrays of float32, or None)."""
    m = f32(momentum)
    if running_mean is not None:
        running_mean[...] = m * mean + (f32(1) - m) * running_mean
    if running_var is not None:
        unbiased = (var_sum / f32(max(n - 1, 1))).astype(f64)
        kept = ((f32(1) - m) * running_var).astype(f64)
        running_var[...] = (f64(m) * unbiased + kept).astype(f32)


def plain_batch_backward(grad: Any, x: Any, weight: Any, mean: Any, invstd: Any
                         ) -> tuple[Any, Any, Any]:
    """(∂L/∂x, ∂L/∂w, ∂L/∂b) of batch norm in training over a plain (N, C) batch (or
    (N, C, 1, …)), as PyTorch's CPU kernel (``batch_norm_cpu_backward_channels_last_impl``)
    rounds them:

    per thread's chunk of rows (one row each when N ≤ threads), in float: Σdy and
    dotp = Σ (x - μ)·dy (each step fused); the chunks' sums added in double, rounded to
    float. Then per value, with k = dotp·r·r/N (r = 1/√(σ² + ε)):
    ∂L/∂x = (dy - Σdy/N - (x - μ)·k) · r · w, the product (x - μ)·k and the difference
    fused in the whole vectors of 8 channels, not in the channels left over;
    ∂L/∂w = dotp · r;  ∂L/∂b = Σdy."""
    shape, (n, channels) = x.shape, x.shape[:2]
    x, grad = x.reshape(n, channels), grad.reshape(n, channels)
    centred = _row_chunks(x, mean, True) - mean  # (padding rows: x = μ, adding nothing)
    grads = _row_chunks(grad, f32(0), True)
    total, dotp = numpy.zeros((2, grads.shape[0], channels), f32)
    for i in range(grads.shape[1]):
        total += grads[:, i]
        dotp = fma(centred[:, i], grads[:, i], dotp)
    total, dotp = (a.astype(f64).cumsum(0)[-1].astype(f32) for a in (total, dotp))
    k = dotp * invstd * invstd / f32(n)
    grad_mean = total / f32(n)
    w = weight if weight is not None else f32(1)
    centred = x - mean
    shifted = grad - grad_mean
    whole = channels - channels % AVX2_FLOAT_LANES  # (the kernel has no AVX-512 build)
    grad_x = numpy.empty_like(x)
    grad_x[:, :whole] = fma(-centred[:, :whole], k[:whole], shifted[:, :whole])
    grad_x[:, whole:] = shifted[:, whole:] - centred[:, whole:] * k[whole:]
    return (grad_x * invstd * w).reshape(shape), dotp * invstd, total


def _vector_sum(values: Any, factors: tuple[Any, Any] | None = None) -> Any:
    """Σ over the last axis as PyTorch's ``reduce_all`` / ``map2_reduce_all`` with vectors of
    8 floats (batch norm's kernels have no AVX-512 build): `softmax_float32.lane_sum`."""
    return lane_sum(values, factors, AVX2_FLOAT_LANES)


def image_batch_backward(grad: Any, x: Any, weight: Any, mean: Any, invstd: Any
                         ) -> tuple[Any, Any, Any]:
    """(∂L/∂x, ∂L/∂w, ∂L/∂b) of batch norm in training over a contiguous (N, C, *) batch, as
    PyTorch's CPU kernel (``batch_norm_cpu_backward_contiguous_impl``) rounds them:

    per sample and channel, Σdy and dotp = Σ (x - μ)·dy over the positions in float
    (`_vector_sum`), added over the samples in double. Then with n values per channel,
    k = float(dotp)·r·r/n and ∂L/∂x = (dy - Σdy/n - (x - μ)·k) · r · w, the product and the
    difference fused;  ∂L/∂w = dotp · r (in double, rounded);  ∂L/∂b = Σdy."""
    rows = x.reshape(x.shape[0], x.shape[1], -1)
    grads = grad.reshape(rows.shape)
    count = rows.shape[0] * rows.shape[2]
    centred = rows - mean[:, None]
    total = _vector_sum(grads).astype(f64).cumsum(0)[-1]
    dotp = _vector_sum(centred * grads, (centred, grads)).astype(f64).cumsum(0)[-1]
    k = dotp.astype(f32) * invstd * invstd / f32(count)
    grad_mean = (total / count).astype(f32)
    w = weight if weight is not None else numpy.ones_like(invstd)
    grad_x = fma(-centred, k[:, None], grads - grad_mean[:, None])
    grad_x = grad_x * invstd[:, None] * w[:, None]
    return (grad_x.reshape(x.shape), (dotp * invstd).astype(f32), total.astype(f32))
