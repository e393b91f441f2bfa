"""Samplers, as in ``torch.utils.data.sampler``: which indices a `DataLoader` fetches, and
in which order (``BatchSampler`` groups them into batches).

The random ones draw from ``generator`` or else the global random numbers
(``autograd_kit.manual_seed``), as PyTorch's do: the same seed gives PyTorch's order
(but for ``WeightedRandomSampler`` without replacement).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import Any

import numpy

from ... import backend
from ... import random as _random
from ...random import Generator

__all__ = ["BatchSampler", "RandomSampler", "Sampler", "SequentialSampler",
           "SubsetRandomSampler", "WeightedRandomSampler"]


def _stream(generator: Generator | None) -> Any:
    """The random stream to draw from: the generator's own, or the global CPU one."""
    return _random.generator(backend.device("cpu"), generator)


def permutation(n: int, generator: Generator | None) -> list[int]:
    """0 … n-1 shuffled (PyTorch's ``randperm``), from ``generator`` or the global one."""
    where = backend.device("cpu") if generator is None else generator.device
    return [int(i) for i in backend.to_host(_random.permutation(n, where, generator))]


def _generator_for_one_pass(generator: Generator | None) -> Generator:
    """What PyTorch's RandomSampler shuffles with: its own generator, or else a new one
    seeded from the global random numbers each time it is iterated."""
    if generator is not None:
        return generator
    return _random.Generator().manual_seed(_stream(None).random64())


class Sampler:
    """The base class: an iterable of indices (subclasses write ``__iter__``)."""

    def __init__(self, data_source: Sized | None = None) -> None:
        pass

    def __iter__(self) -> Iterator[Any]:
        raise NotImplementedError


class SequentialSampler(Sampler):
    """0, 1, …, len(data_source) - 1."""

    def __init__(self, data_source: Sized) -> None:
        self.data_source = data_source

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.data_source)))

    def __len__(self) -> int:
        return len(self.data_source)


class RandomSampler(Sampler):
    """A new random order each time it is iterated (or ``num_samples`` indices drawn with
    replacement)."""

    def __init__(self, data_source: Sized, replacement: bool = False,
                 num_samples: int | None = None, generator: Generator | None = None) -> None:
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(replacement, bool):
            raise TypeError(
                f"replacement should be a boolean value, but got replacement={replacement}")
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise ValueError("num_samples should be a positive integer value, but got "
                             f"num_samples={self.num_samples}")

    @property
    def num_samples(self) -> int:
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self) -> Iterator[int]:
        n = len(self.data_source)
        generator = _generator_for_one_pass(self.generator)
        if self.replacement:  # 32 at a time, as PyTorch draws them
            for size in [32] * (self.num_samples // 32) + [self.num_samples % 32]:
                yield from (int(i) for i in _stream(generator).integers(0, n, (size,)))
            return
        for _ in range(self.num_samples // n):
            yield from permutation(n, generator)
        yield from permutation(n, generator)[:self.num_samples % n]

    def __len__(self) -> int:
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """The given indices, in a new random order each time."""

    def __init__(self, indices: Sequence[int], generator: Generator | None = None) -> None:
        self.indices = indices
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        for i in permutation(len(self.indices), self.generator):
            yield self.indices[i]

    def __len__(self) -> int:
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """``num_samples`` indices drawn with probabilities proportional to ``weights``."""

    def __init__(self, weights: Sequence[float], num_samples: int, replacement: bool = True,
                 generator: Generator | None = None) -> None:
        if (not isinstance(num_samples, int) or isinstance(num_samples, bool)
                or num_samples <= 0):
            raise ValueError("num_samples should be a positive integer value, but got "
                             f"num_samples={num_samples}")
        if not isinstance(replacement, bool):
            raise ValueError(
                f"replacement should be a boolean value, but got replacement={replacement}")
        from ...creation import as_tensor
        from ...dtypes import float64

        weights_tensor = as_tensor(weights, dtype=float64)
        if len(weights_tensor.shape) != 1:
            raise ValueError("weights should be a 1d sequence but given weights have shape "
                             f"{tuple(weights_tensor.shape)}")
        self.weights = weights_tensor
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        weights = numpy.asarray(backend.to_host(self.weights._data), dtype=numpy.float64)
        yield from (int(i) for i in _weighted_draw(weights, self.num_samples, self.replacement,
                                                   _stream(self.generator)))

    def __len__(self) -> int:
        return self.num_samples


def _weighted_draw(weights: numpy.ndarray, count: int, replacement: bool,
                   stream: Any) -> numpy.ndarray:
    """``count`` indices with probabilities ∝ ``weights``: PyTorch's ``multinomial``, the
    same numbers for the same seed (see autograd_kit/random.py ``multinomial``)."""
    if not replacement and count > len(weights):
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    return _random.multinomial(weights, count, replacement, stream)


class BatchSampler(Sampler):
    """Lists of ``batch_size`` indices from ``sampler`` (the last one shorter, or dropped)."""

    def __init__(self, sampler: Sampler | Iterable[int], batch_size: int,
                 drop_last: bool) -> None:
        if (not isinstance(batch_size, int) or isinstance(batch_size, bool)
                or batch_size <= 0):
            raise ValueError("batch_size should be a positive integer value, but got "
                             f"batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self) -> Iterator[list[int]]:
        indices = iter(self.sampler)
        while True:
            batch = list(itertools.islice(indices, self.batch_size))
            if not batch or (self.drop_last and len(batch) < self.batch_size):
                return
            yield batch

    def __len__(self) -> int:
        n = len(self.sampler)  # type: ignore[arg-type]
        if self.drop_last:
            return n // self.batch_size
        return (n + self.batch_size - 1) // self.batch_size
