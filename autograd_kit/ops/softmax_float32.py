"""PyTorch's CPU softmax (over the last dim) and log_softmax (over any dim) of a float32 array,
to the last bit.

Softmax is computed row by row; a float32 row can come out a bit differently depending on
which exp is used, in which order the exponentials are added, and whether the sum divides or
its reciprocal multiplies. PyTorch's lastdim kernels (``SoftMaxKernel.cpp``, vectors of
``LANES`` floats: 16 in its AVX-512 build, 8 in its AVX2 one) do, for each row x:

* softmax:      e = exp(x - max) with SLEEF's vector exp on every value (the tail of a row
  too); s = Σe; y = e · (1 / s)
* log_softmax:  s = Σ exp(x - max); y = (x - max) - log(s), with SLEEF's vector log
* backward of softmax:      g_x = (g - Σ(g·y)) · y (for a tensor of one row, the products
  of the last partial vector are added with fused multiply-adds)
* backward of log_softmax:  g_x = g - exp(y)·Σg, the product and the difference one fused
  multiply-add

Each Σ is PyTorch's ``reduce_all``: a row shorter than a vector is added left to right;
otherwise ``LANES`` running sums (one per lane) take the row a vector at a time, the last
partial vector added into the first lanes, then the lanes are folded in halves (with 16:
lane i + lane i+8, then i+4, i+2, i+1). ``lane_sum`` does exactly that, for all rows at
once. (log_softmax over another dim runs PyTorch's other kernel, described below
``log_softmax_backward``.)
"""

from __future__ import annotations

from typing import Any

import numpy

from ..cpu_capability import FLOAT_LANES
from .sleef_float32 import fma, scalar_exp, sleef_exp, sleef_log

f32 = numpy.float32
LANES = FLOAT_LANES  # floats in one vector: 16 with AVX-512, 8 with AVX2 (cpu_capability.py)


def lane_sum(rows: numpy.ndarray,
             factors: tuple[numpy.ndarray, numpy.ndarray] | None = None,
             vector: int = LANES) -> numpy.ndarray:
    """Σ along the last axis in the order of PyTorch's vectorised ``reduce_all`` (see above).

    ``factors``: ``rows`` is their product, and the partial last vector is added with fused
    multiply-adds (what PyTorch's compiled loop does for a tensor of one row). ``vector``:
    floats to a vector (a kernel with no AVX-512 build takes 8 on any machine, see
    cpu_capability.py)."""
    n = rows.shape[-1]
    if n < vector:
        total = rows[..., 0].copy()
        for i in range(1, n):
            total = total + rows[..., i]
        return total
    full = n - n % vector
    lanes = rows[..., :vector].copy()
    for start in range(vector, full, vector):
        lanes += rows[..., start:start + vector]
    if n > full and factors is not None:
        a, b = factors
        lanes[..., :n - full] = fma(a[..., full:], b[..., full:], lanes[..., :n - full])
    elif n > full:
        lanes[..., :n - full] += rows[..., full:]
    width = vector
    while width > 1:
        width //= 2
        lanes = lanes[..., :width] + lanes[..., width:2 * width]
    return lanes[..., 0]


def _max(x: numpy.ndarray) -> numpy.ndarray:
    return x.max(axis=-1, keepdims=True)


def softmax(x: numpy.ndarray, axis: int = -1) -> numpy.ndarray:
    """yᵢ = e^(xᵢ - max) · (1 / Σⱼ e^(xⱼ - max)), row by row over the last axis (see
    `_softmax_inner` for an axis that is not the last)."""
    if axis not in (-1, x.ndim - 1):
        return _along(_softmax_inner, axis, x)
    with numpy.errstate(all="ignore"):
        e = sleef_exp(x - _max(x))
        return e * (f32(1) / lane_sum(e))[..., None]


def log_softmax(x: numpy.ndarray, axis: int = -1) -> numpy.ndarray:
    """yᵢ = (xᵢ - max) - log Σⱼ e^(xⱼ - max) along ``axis`` (see `_log_softmax_inner` for
    an axis that is not the last)."""
    if axis not in (-1, x.ndim - 1):
        return _along(_log_softmax_inner, axis, x)
    with numpy.errstate(all="ignore"):
        shifted = x - _max(x)
        return shifted - sleef_log(lane_sum(sleef_exp(shifted)))[..., None]


def softmax_backward(grad: numpy.ndarray, y: numpy.ndarray, axis: int = -1) -> numpy.ndarray:
    """(g - Σ(g·y)) · y over the last axis (see `_softmax_backward_inner` for another)."""
    if axis not in (-1, grad.ndim - 1):
        return _along(_softmax_backward_inner, axis, grad, y)
    one_row = grad.size == grad.shape[-1]
    with numpy.errstate(all="ignore"):
        total = lane_sum(grad * y, (grad, y) if one_row else None)
        return (grad - total[..., None]) * y


def log_softmax_backward(grad: numpy.ndarray, y: numpy.ndarray, axis: int = -1
                         ) -> numpy.ndarray:
    """g - e^y · Σg along ``axis`` (one rounding for the product and the difference)."""
    if axis not in (-1, grad.ndim - 1):
        return _along(_log_softmax_backward_inner, axis, grad, y)
    with numpy.errstate(all="ignore"):
        total = numpy.broadcast_to(lane_sum(grad)[..., None], grad.shape)
        return fma(-sleef_exp(y), total, grad)


# ---- another axis than the last (PyTorch's ``_vec_logsoftmax``, ``_vec_log_softmax_backward``)
# The tensor is read as (outer, n, inner) with the softmax over n; the inner positions are
# taken in chunks of ``_chunk(n)`` (128 KiB of float32 across n), each chunk's whole vectors
# of ``width`` floats with SLEEF's exp, its last size % width positions with the C library's
# scalar exp. The sums over n are added one by one, from 0. The width is a vector's,
# `LANES`, for log_softmax; softmax matches PyTorch with 16 on AVX2 machines too (measured).

SOFTMAX_INNER_WIDTH = 16


def _chunk(n: int, width: int) -> int:
    return max(128 * 1024 // n // 4, width) // width * width


def _along(kernel: Any, axis: int, *arrays: numpy.ndarray) -> numpy.ndarray:
    """Run ``kernel`` on (outer, n, inner) views of C-contiguous copies of ``arrays``."""
    shape = arrays[0].shape
    outer = int(numpy.prod(shape[:axis], dtype=numpy.int64))
    blocks = [numpy.ascontiguousarray(a).reshape(outer, shape[axis], -1) for a in arrays]
    with numpy.errstate(all="ignore"):
        return kernel(*blocks).reshape(shape)


def _pieces(n: int, inner: int, width: int = LANES) -> list[tuple[slice, Any]]:
    """The inner positions of each chunk: (whole vectors, SLEEF's exp), (the rest, scalar)."""
    pieces = []
    step = _chunk(n, width)
    for begin in range(0, inner, step):
        size = min(step, inner - begin)
        split = begin + size - size % width
        pieces += [(slice(begin, split), sleef_exp), (slice(split, begin + size), scalar_exp)]
    return [(where, exp) for where, exp in pieces if where.stop > where.start]


def _sum_over_n(values: numpy.ndarray) -> numpy.ndarray:
    total = numpy.zeros(values[:, :1].shape, f32)
    for i in range(values.shape[1]):
        total = total + values[:, i:i + 1]
    return total


def _softmax_inner(x: numpy.ndarray) -> numpy.ndarray:
    """PyTorch's ``_vec_softmax``: e = exp(x - max) as above, then e / Σe (a division here,
    where the last-dim kernel multiplies by the reciprocal). Checked against PyTorch: the
    same bits for fewer than 16 inner positions; with more, a few values per hundred can
    still differ in the last bit when the softmax runs over a long dim."""
    out = numpy.empty_like(x)
    for where, exp in _pieces(x.shape[1], x.shape[2], SOFTMAX_INNER_WIDTH):
        part = x[:, :, where]
        e = exp(part - part.max(axis=1, keepdims=True))
        out[:, :, where] = e / _sum_over_n(e)
    return out


def _log_softmax_inner(x: numpy.ndarray) -> numpy.ndarray:
    out = numpy.empty_like(x)
    for where, exp in _pieces(x.shape[1], x.shape[2]):
        part = x[:, :, where]
        top = part.max(axis=1, keepdims=True)
        log_total = sleef_log(_sum_over_n(exp(part - top)))
        out[:, :, where] = (part - top) - log_total
    return out


def _softmax_backward_inner(grad: numpy.ndarray, y: numpy.ndarray) -> numpy.ndarray:
    """PyTorch's ``_vec_softmax_backward``: Σ(g·y) over n taken one by one with fused
    multiply-adds, then (g - Σ) · y."""
    total = numpy.zeros(grad[:, :1].shape, f32)
    for i in range(grad.shape[1]):
        total = fma(grad[:, i:i + 1], y[:, i:i + 1], total).astype(f32, copy=False)
    return (grad - total) * y


def _log_softmax_backward_inner(grad: numpy.ndarray, y: numpy.ndarray) -> numpy.ndarray:
    out = numpy.empty_like(grad)
    for where, exp in _pieces(grad.shape[1], grad.shape[2]):
        g = grad[:, :, where]
        total = numpy.broadcast_to(_sum_over_n(g), g.shape)
        out[:, :, where] = fma(-exp(y[:, :, where]), total, g)
    return out


def applies(*arrays: numpy.ndarray, axis: int, any_axis: bool = False) -> bool:
    """Whether these kernels are PyTorch's for this call: NumPy float32 (or float16, see
    `half_float`) data reduced over its last axis (any axis for softmax and log_softmax:
    ``any_axis``); other dtypes, other dims (softmax's backward) and GPU arrays keep the
    plain formulas."""
    first = arrays[0]
    return (all(type(a) is numpy.ndarray and a.dtype in (f32, f16) for a in arrays)
            and len({a.dtype for a in arrays}) == 1
            and first.ndim > 0 and first.size > 0 and (any_axis or axis == first.ndim - 1))


f16 = numpy.float16


def half_float(kernel: Any) -> Any:
    """``kernel`` for float16 arrays too: PyTorch's CPU kernels for Half compute in float32
    and round once to Half (log_softmax over the last dim apart: `_half_log_softmax`)."""
    def run(*args: Any, **kwargs: Any) -> numpy.ndarray:
        first = args[0]
        if first.dtype != f16:
            return kernel(*args, **kwargs)
        axis = kwargs.get("axis", args[-1] if type(args[-1]) is int else -1)
        last = axis in (-1, first.ndim - 1)
        if kernel is _log_softmax and last:
            return _half_log_softmax(first)
        if kernel is _softmax:
            return _half_softmax(first) if last else _along(_half_softmax_inner, axis, first)
        wide = [a.astype(f32) if isinstance(a, numpy.ndarray) else a for a in args]
        return kernel(*wide, **kwargs).astype(f16)

    run.__doc__ = kernel.__doc__
    return run


def _half_log_softmax(x16: numpy.ndarray) -> numpy.ndarray:
    """PyTorch's ``_vec_log_softmax_lastdim`` for Half: s = Σ e^(x - max) in float32 (its
    ``map_reduce_all``: two vectors of running sums over pairs of vectors, the partial tail
    into the first lanes, then folded), *kept as a Half*, l = log(s) rounded to Half again,
    y = (x - max) - l in float32, rounded to Half."""
    x = x16.astype(f32)
    top = _max(x)
    with numpy.errstate(all="ignore"):
        e = sleef_exp(x - top)
        n, width = e.shape[-1], LANES
        if n <= width:
            total = e[..., 0].copy()
            for i in range(1, n):
                total = total + e[..., i]
        else:
            first = e[..., :width].copy()
            second = numpy.zeros_like(first)
            start = width
            if n >= 2 * width:
                second += e[..., width:2 * width]
                start = 2 * width
                while start + 2 * width <= n:
                    first += e[..., start:start + width]
                    second += e[..., start + width:start + 2 * width]
                    start += 2 * width
                rest = n - start
                if rest > width:
                    first += e[..., start:start + width]
                    second[..., :rest - width] += e[..., start + width:]
                elif rest:
                    first[..., :rest] += e[..., start:]
            else:
                first[..., :n - width] += e[..., width:]
            total = _folded(first + second if n >= 2 * width else first)
        log_total = sleef_log(total.astype(f16).astype(f32)).astype(f16).astype(f32)
        return ((x - top) - log_total[..., None]).astype(f16)


def _half_softmax(x16: numpy.ndarray) -> numpy.ndarray:
    """PyTorch's ``_vec_softmax_lastdim`` for Half, in float32: e = exp(x - max) (SLEEF's
    on whole vectors of `LANES` floats, the C library's on the tail), Σe over the whole
    vectors in lanes, folded, then the tail added one by one; y = e · (1 / Σe) rounded."""
    x = x16.astype(f32)
    shifted = x - _max(x)
    n = x.shape[-1]
    full = n - n % LANES
    with numpy.errstate(all="ignore"):
        e = numpy.concatenate([sleef_exp(shifted[..., :full]),
                               scalar_exp(shifted[..., full:])], axis=-1)
        if full:
            lanes = e[..., :LANES].copy()
            for start in range(LANES, full, LANES):
                lanes += e[..., start:start + LANES]
            total = _folded(lanes)
        else:
            total = e[..., 0].copy()
        for i in range(max(full, 1), n):
            total = total + e[..., i]
        return (e * (f32(1) / total)[..., None]).astype(f16)


def _half_softmax_inner(x16: numpy.ndarray) -> numpy.ndarray:
    """PyTorch's ``_vec_softmax`` for Half, on (outer, n, inner): the (outer, inner)
    positions split between the threads (``parallel_for`` with grain 0), each thread's taken
    a vector of Halves (2 `LANES`) at a time where one fits in its range and in the row:
    e = exp(x - max) with SLEEF's exp, y = e / Σe rounded once; the other positions one by
    one with the C library's exp, e rounded to Half, then y = e / Σe rounded again. The sums
    over n are added one by one, from 0."""
    from ..global_settings import get_num_threads

    outer, n, inner = x16.shape
    x = x16.astype(f32)
    shifted = x - x.max(axis=1, keepdims=True)
    total = outer * inner
    threads = min(get_num_threads(), total) if total > 1 else 1
    size = -(-total // threads)
    vector = numpy.zeros(total, bool)
    step = 2 * LANES
    for begin in range(0, total, size):
        end, idx = min(begin + size, total), begin
        while idx < end:
            if idx % inner + step <= inner and idx + step <= end:
                vector[idx:idx + step] = True
                idx += step
            else:
                idx += 1
    vector = vector.reshape(outer, 1, inner)
    with numpy.errstate(all="ignore"):
        e = numpy.where(vector, sleef_exp(shifted), scalar_exp(shifted))
        e = numpy.where(vector, e, e.astype(f16).astype(f32))
        return (e / _sum_over_n(numpy.where(vector, e, scalar_exp(shifted)))).astype(f16)


def _folded(lanes: numpy.ndarray) -> numpy.ndarray:
    width = lanes.shape[-1]
    while width > 1:
        width //= 2
        lanes = lanes[..., :width] + lanes[..., width:2 * width]
    return lanes[..., 0]


_log_softmax, _softmax = log_softmax, softmax
softmax, log_softmax = half_float(softmax), half_float(log_softmax)
softmax_backward = half_float(softmax_backward)
log_softmax_backward = half_float(log_softmax_backward)
