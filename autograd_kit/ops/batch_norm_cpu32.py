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

from ..global_settings import get_num_threads
from .sleef_float32 import fma

f32, f64 = numpy.float32, numpy.float64


def applies(data: Any) -> bool:
    """True for a NumPy float32 array of at least two dimensions (the kernel reproduced)."""
    return type(data) is numpy.ndarray and data.dtype == f32 and data.ndim >= 2


def _row_chunks(rows: Any, fill: Any) -> Any:
    """The rows split as PyTorch's ``parallel_for`` splits them: (chunks, rows per chunk, C),
    the last chunk padded with ``fill`` (rows that leave a running sum as it is)."""
    n = rows.shape[0]
    threads = get_num_threads()
    per = -(-n // threads) if n > threads else n
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
