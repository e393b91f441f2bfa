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
        with backend.on_device(where) as xp:
            _generators[key] = xp.random.default_rng(_seed[0])
    return _generators[key]


def _draw(where: backend.device, method: str, *args: Any, **kwargs: Any) -> Any:
    """Call a generator method with ``where`` as the current device (CuPy allocates there)."""
    rng = generator(where)
    with backend.on_device(where):
        return getattr(rng, method)(*args, **kwargs)


def normal(shape: tuple[int, ...], where: backend.device, mean: float = 0.0,
           std: float = 1.0) -> Any:
    values = _draw(where, "standard_normal", shape, dtype=numpy.float32)
    if (mean, std) == (0.0, 1.0):
        return values
    with backend.on_device(where):
        return values * std + mean


def uniform(shape: tuple[int, ...], where: backend.device, low: float = 0.0,
            high: float = 1.0) -> Any:
    values = _draw(where, "random", shape, dtype=numpy.float32)
    if (low, high) == (0.0, 1.0):
        return values
    with backend.on_device(where):
        return values * (high - low) + low


def integers(low: int, high: int, shape: tuple[int, ...], where: backend.device) -> Any:
    return _draw(where, "integers", low, high, size=shape, dtype=numpy.int64)


def permutation(n: int, where: backend.device) -> Any:
    return _draw(where, "permutation", n)


manual_seed(0)


class Generator:
    """A random stream of its own, as ``torch.Generator``: ``ak.Generator().manual_seed(42)``.

    Pass it where PyTorch takes ``generator=`` (``DataLoader``, ``random_split``) to make
    shuffling repeatable without touching the global seed. The numbers are the kit's, not
    PyTorch's (see the README).
    """

    default_seed = 67280421310721  # PyTorch's seed for a new Generator

    def __init__(self, device: str | backend.device = "cpu") -> None:
        self.device = backend.device(device)
        self.manual_seed(self.default_seed)

    def manual_seed(self, seed: int) -> Generator:
        """Restart the stream from ``seed``; returns the generator itself."""
        self._seed = int(seed)
        with backend.on_device(self.device) as xp:
            self._rng = xp.random.default_rng(self._seed)
        return self

    def initial_seed(self) -> int:
        return self._seed

    def permutation(self, n: int) -> Any:
        """The numbers 0 … n-1 in a random order (an array of the generator's device)."""
        with backend.on_device(self.device):
            return self._rng.permutation(n)
