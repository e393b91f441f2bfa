"""Seeded random numbers for every device: `manual_seed` makes runs (and lessons) repeatable."""

from __future__ import annotations

from typing import Any

import numpy

from . import backend

_generators: dict[str, Any] = {}
_seed = [0]


def manual_seed(seed: int) -> None:
    """Seed the random numbers of every device."""
    _seed[0] = int(seed)
    _generators.clear()


def initial_seed() -> int:
    return _seed[0]


def generator(where: backend.device) -> Any:
    """The random generator for a device (NumPy's on the CPU, CuPy's on a GPU)."""
    key = str(where)
    if key not in _generators:
        if where.type == "cpu":
            _generators[key] = numpy.random.default_rng(_seed[0])
        else:
            module = backend.array_module(where)
            _generators[key] = module.random.default_rng(_seed[0])
    return _generators[key]


def normal(shape: tuple[int, ...], where: backend.device, mean: float = 0.0,
           std: float = 1.0) -> Any:
    values = generator(where).standard_normal(shape, dtype="float32")
    return values * std + mean if (mean, std) != (0.0, 1.0) else values


def uniform(shape: tuple[int, ...], where: backend.device, low: float = 0.0,
            high: float = 1.0) -> Any:
    values = generator(where).random(shape, dtype="float32")
    return values * (high - low) + low if (low, high) != (0.0, 1.0) else values


def integers(low: int, high: int, shape: tuple[int, ...], where: backend.device) -> Any:
    return generator(where).integers(low, high, size=shape, dtype="int64")


manual_seed(0)
