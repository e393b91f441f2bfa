"""More random fills: ``cauchy_``, ``geometric_``, ``log_normal_`` (x's old values are gone:
zeros go back to it, through CauchyBackward0, GeometricBackward0, LogNormalBackward0).

Each is drawn from uniform values in float64, as PyTorch's CPU kernels draw them:

    cauchy:     median + σ · tan(π (u - ½))
    geometric:  ⌈ln u / ln(1 - p)⌉       (the number of trials up to the first success)
    log-normal: e^(mean + std · n),  n standard normal

On the CPU they are PyTorch's numbers for the same seed: the C library's tan, log and exp
(Python's ``math``), median + σ·t and mean + std·n each rounded once (PyTorch's compiled code
fuses them), and log-normal's normals drawn one at a time (the second of each Box–Muller
pair kept for the next element), never in PyTorch's blocks of 16.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from .. import dtypes
from .. import random as _random
from ..tensor import Tensor
from ..tensor_operators import TensorOperators
from .inplace_more import _fill_class
from .operands import kernel_error

CauchyFill = _fill_class("CauchyBackward0")
GeometricFill = _fill_class("GeometricBackward0")
LogNormalFill = _fill_class("LogNormalBackward0")


def _uniform64(t: Tensor, shape: tuple[int, ...], generator: Any) -> Any:
    return _random.uniform(shape, t.device, dtype="float64", chosen=generator)


def cauchy_(x: Tensor, median: float = 0.0, sigma: float = 1.0, *,
            generator: Any = None) -> Tensor:
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x)  # (PyTorch's first check)

    if not x.dtype.is_floating_point:
        raise RuntimeError("Cauchy distribution is a continuous probability distribution. dtype "
                           f"must be a floating point but you specified "
                           f"{dtypes.C_TYPES[x.dtype.name]}")
    if not sigma > 0:
        raise RuntimeError(f"cauchy_ expects sigma > 0.0, but found sigma={sigma:g}")
    def fill(t: Tensor, shape: tuple[int, ...]) -> Any:
        angles = math.pi * (_uniform64(t, shape, generator) - 0.5)
        if t._xp is not numpy:
            return median + sigma * t._xp.tan(angles)
        return _random.fused_multiply_add(_random.libm(math.tan, angles), sigma, median)

    return apply_inplace(x, CauchyFill, fill)


def geometric_(x: Tensor, p: float, *, generator: Any = None) -> Tensor:
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x)  # (PyTorch's first check)

    if not 0 < p < 1:
        raise RuntimeError(f"geometric_ expects p to be in (0, 1), but got p={p:g}")
    def fill(t: Tensor, shape: tuple[int, ...]) -> Any:
        units = _uniform64(t, shape, generator)
        logs = _random.libm(math.log, units) if t._xp is numpy else t._xp.log(units)
        return t._xp.ceil(logs / math.log1p(-p))

    return apply_inplace(x, GeometricFill, fill)


def log_normal_(x: Tensor, mean: float = 1.0, std: float = 2.0, *,
                generator: Any = None) -> Tensor:
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x)  # (PyTorch's first check)

    if not x.dtype.is_floating_point:
        raise kernel_error(f"log_normal_{x.device.type}", x.dtype)
    if not std > 0:
        raise RuntimeError(f"log_normal_ expects std > 0.0, but found std={std:g}")
    def fill(t: Tensor, shape: tuple[int, ...]) -> Any:
        stream = _random.generator(t.device, generator)
        if isinstance(stream, _random.MersenneTwister):
            normals = stream.normal_serial(t._data.size, mean, std)
            return _random.libm(math.exp, normals).reshape(shape)
        return t._xp.exp(_random.normal(shape, t.device, mean, std, dtype="float64",
                                        chosen=generator))

    return apply_inplace(x, LogNormalFill, fill)


for _name in ("cauchy_", "geometric_", "log_normal_"):
    if not hasattr(TensorOperators, _name):
        setattr(TensorOperators, _name, globals()[_name])
