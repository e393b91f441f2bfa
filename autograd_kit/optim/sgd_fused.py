"""``SGD(fused=True)`` on the CPU: PyTorch's fused kernel, to the same bits.

The kernel runs over the parameter in SIMD vectors (8 float32 or 4 float64 values: AVX2)
and then over the few values left at the end one by one. Its compiled code turns each
``a·b + c`` into one fused multiply-add (one rounding), and the vector and the scalar code
group the momentum update differently (μ = momentum, τ = dampening)::

    g ← fma(p, weight_decay, g)                      (if weight_decay ≠ 0; g ← -g first
                                                      if maximize)
    b ← g                                            (first step)
    b ← fma(g, 1 - τ, μ·b)      (vector part)   or   fma(b, μ, (1 - τ)·g)   (the rest)
    g ← fma(b, μ, g)  if nesterov  else  b
    p ← fma(g, -lr, p)

Every scalar is first rounded to the parameter's dtype. The kernel writes the parameter and
the buffer without counting a change in their ``_version`` (PyTorch's fused step does not).
"""

from __future__ import annotations

from typing import Any

import numpy

from ._fused import _fma64

_VECTOR = {numpy.dtype("float32"): 8, numpy.dtype("float64"): 4}


def fusable(data: Any, grad: Any) -> bool:
    """Whether the fused CPU step applies: NumPy float32 or float64 arrays of one shape and
    dtype (elsewhere the usual step computes the same formula)."""
    return (type(data) is numpy.ndarray and type(grad) is numpy.ndarray and data.dtype in _VECTOR
            and grad.dtype == data.dtype and data.shape == grad.shape
            and data.flags.c_contiguous)


def _fma(a: Any, b: Any, c: Any) -> Any:
    """a·b + c rounded once (float32: exact in float64, then one rounding)."""
    if a.dtype == numpy.float64:
        return _fma64(c, a, numpy.broadcast_to(numpy.asarray(b, dtype=numpy.float64), a.shape))
    return (a.astype(numpy.float64) * numpy.float64(b) + c).astype(a.dtype)


def sgd_step(data: Any, grad: Any, buf: Any | None, group: dict[str, Any]) -> Any | None:
    """One fused step of ``data`` (changed in place); returns the new momentum buffer's
    values (``buf`` None: the first step), or None without momentum."""
    kind = data.dtype.type
    lr, momentum, dampening = float(group["lr"]), group["momentum"], group["dampening"]
    flat = data.reshape(-1)
    g = -grad.reshape(-1) if group["maximize"] else grad.reshape(-1)
    if group["weight_decay"] != 0:
        g = _fma(flat, kind(group["weight_decay"]), g)
    if momentum != 0:
        if buf is None:
            buf = g.copy()
        else:
            old = buf.reshape(-1)
            vector = flat.size - flat.size % _VECTOR[data.dtype]
            new = numpy.empty_like(g)
            new[:vector] = _fma(g[:vector], kind(1 - dampening), old[:vector] * kind(momentum))
            new[vector:] = _fma(old[vector:], kind(momentum), g[vector:] * kind(1 - dampening))
            buf = new
        g = _fma(buf, kind(momentum), g) if group["nesterov"] else buf
        buf = buf.reshape(data.shape)
    data[...] = _fma(g.reshape(-1), kind(-lr), flat).reshape(data.shape)
    return buf
