"""Samplers that draw a varying number of random numbers per value, as PyTorch's CPU kernels
do, so that a seeded script gets PyTorch's samples: ``poisson``.

They take uniform doubles from the generator one at a time (53 random bits of a 64-bit draw,
times 2⁻⁵³), value after value in memory order, and accept or reject as PyTorch's C++ code
does (``sample_poisson`` in ``aten/src/ATen/native/Distributions.cpp``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from . import backend
from . import random as _random
from .tensor import Tensor

_MASK53 = (1 << 53) - 1


def _uniform(stream: Any) -> float:
    """One uniform double in [0, 1): ``at::uniform_real_distribution<double>(0, 1)``."""
    return (int(stream.outputs64(1)[0]) & _MASK53) * 2.0 ** -53


def sample_poisson(lam: float, stream: Any) -> int:
    """One Poisson(λ) draw: for λ ≥ 10 Hörmann's transformed rejection (PTRS), for smaller λ
    the count of uniforms whose running product stays above e^-λ."""
    if lam >= 10:
        slam, loglam = math.sqrt(lam), math.log(lam)
        b = 0.931 + 2.53 * slam
        a = -0.059 + 0.02483 * b
        invalpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        while True:
            u = _uniform(stream) - 0.5
            v = _uniform(stream)
            us = 0.5 - abs(u)
            k = math.floor((2 * a / us + b) * u + lam + 0.43)
            if us >= 0.07 and v <= vr:
                return k
            if k < 0 or (us < 0.013 and v > us):
                continue
            if (math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b)
                    <= -lam + k * loglam - math.lgamma(k + 1.0)):
                return k
    if lam == 0:
        return 0
    limit, count, product = math.exp(-lam), 0, 1.0
    while True:
        product *= _uniform(stream)
        if product <= limit:
            return count
        count += 1


def poisson(input: Tensor, generator: Any = None) -> Tensor:  # noqa: A002
    """A Poisson sample for each rate in ``input`` (float results, ``input``'s dtype; not
    differentiable: PyTorch records no gradient through it)."""
    if not isinstance(input, Tensor):
        raise TypeError(f"poisson(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(input).__name__}")
    rates = input.detach().cpu()._data.astype(numpy.float64)
    if bool((rates < 0).any()) or bool(numpy.isnan(rates).any()):
        raise RuntimeError("invalid Poisson rate, expected rate to be non-negative")
    stream = _random.generator(backend.device("cpu"), generator)  # (PyTorch's CPU stream)
    values = [sample_poisson(float(r), stream) for r in rates.reshape(-1)]
    out = numpy.asarray(values, dtype=input._data.dtype).reshape(rates.shape)
    return Tensor._make(out).to(input.device)
