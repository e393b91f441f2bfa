"""The product of float32/float64 values in the order PyTorch's CPU ``prod`` multiplies them,
so that the rounding, and so every bit, is the same.

Along a contiguous run of n values (the last dimension, or all of a contiguous tensor)
PyTorch's reduction (``vectorized_inner_reduction``, ATen's Reduce.h) works on blocks of four
32-byte vectors (4 × 8 float32, 4 × 4 float64):

    acc[j] = block₀[j] · block₁[j] · …        (lane by lane, j = 0 … 3)
    v = (acc[0] · acc[1]) · (acc[2] · acc[3]);  p = v₀ · v₁ · … (one lane after the other)

then multiplies the values after the last whole block into ``1 · p`` one at a time. With
fewer than one block the product is simply left to right. NumPy's own ``prod`` multiplies
in yet another order (one value in ten thousand differs on a few hundred values).

Along any other dimension PyTorch multiplies whole rows into an accumulator one after the
other, as NumPy does, so only the contiguous case needs this module.
"""

from __future__ import annotations

from typing import Any

import numpy

_VECTOR_BYTES = 32
_GRAIN = 32768  # longer runs are split among threads by PyTorch: left to NumPy here


def inner_product(data: numpy.ndarray) -> numpy.ndarray:
    """Π over the last axis of ``data`` (float32 or float64, on the CPU) in PyTorch's order."""
    lanes = _VECTOR_BYTES // data.dtype.itemsize
    block = 4 * lanes
    n, rest = data.shape[-1], data.shape[:-1]
    count = n // block
    out = numpy.ones(rest, dtype=data.dtype)
    if count:
        blocks = data[..., :count * block].reshape(*rest, count, 4, lanes)
        acc = blocks[..., 0, :, :].copy()
        for i in range(1, count):
            acc *= blocks[..., i, :, :]
        v = (acc[..., 0, :] * acc[..., 1, :]) * (acc[..., 2, :] * acc[..., 3, :])
        p = v[..., 0]
        for j in range(1, lanes):
            p = p * v[..., j]
        out = out * p
    for i in range(count * block, n):
        out = out * data[..., i]
    return out


def torch_order_prod(data: Any, dims: tuple[int, ...] | None, keepdim: bool) -> Any | None:
    """``data.prod(axis=dims, keepdims=keepdim)`` in PyTorch's order where it differs from
    NumPy's (a contiguous run of float32/float64 values); None where NumPy's is the same
    (or where PyTorch's threads would split the run)."""
    if not isinstance(data, numpy.ndarray) or data.dtype not in (numpy.float32, numpy.float64):
        return None
    if dims is None:
        if not data.flags.c_contiguous or data.size > _GRAIN:
            return None
        out = inner_product(data.reshape(-1))
        return out.reshape((1,) * data.ndim) if keepdim else out
    (dim,) = dims
    if dim != data.ndim - 1 or data.strides[-1] != data.itemsize or data.shape[-1] > _GRAIN:
        return None
    out = inner_product(data)
    return out.reshape(*out.shape, 1) if keepdim else out  # (out[..., None] has a stride 0)
