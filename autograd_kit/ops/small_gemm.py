"""Two small shapes of ``x @ w + bias`` (``nn.Linear``) in the order PyTorch's BLAS (Intel MKL)
adds them, so that float32 results match PyTorch to the last bit.

MKL picks a different kernel for each matrix shape, and its kernels are not public, so
matrix products generally differ from PyTorch in the last bit. Two shapes that lessons use
all the time follow a simple, measured pattern (PyTorch 2.13, MKL 2024.2, AVX-512):

* one input feature, several outputs (``Linear(1, m)``, the first layer of a net fitting a
  curve): each value is one fused multiply-add, x·w + b rounded once;
* two input features, one output (``Linear(2, 1)``, logistic regression on points in the
  plane): rows in whole groups of 4 take fma(x₁, w₁, x₀·w₀) + b; the last n % 4 rows
  (all rows when n < 4) take (x₀·w₀ + x₁·w₁) + b.

Other shapes keep NumPy's product.
"""

from __future__ import annotations

from typing import Any

import numpy

from .sleef_float32 import fma

f32 = numpy.float32
ROW_GROUP = 4


def addmm_float32(bias: Any, x: Any, w: Any) -> Any:
    """``bias + x @ w`` (x: n×k, w: k×m) in MKL's order for the shapes above, else None."""
    (n, k), m = x.shape, w.shape[1]
    if not ((k == 1 and m > 1 and n >= 2) or (k == 2 and m == 1)) or not (
            type(x) is numpy.ndarray and type(w) is numpy.ndarray
            and type(bias) is numpy.ndarray and x.dtype == w.dtype == bias.dtype == f32):
        return None
    if k == 1:
        return fma(x, w, numpy.broadcast_to(bias, (n, m)))
    first = x[:, :1] * w[0]
    out = fma(x[:, 1:], w[1], first)  # (a fresh array: the rows' own order is written in)
    grouped = n - n % ROW_GROUP if n >= ROW_GROUP else 0
    if grouped < n:  # (only the last n % 4 rows are computed the plain way)
        out[grouped:] = first[grouped:] + x[grouped:, 1:] * w[1]
    return out + bias
