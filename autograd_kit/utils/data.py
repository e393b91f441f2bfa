"""`autograd_kit.utils.data`: datasets and the `DataLoader` that cuts them into batches.

As in PyTorch::

    from autograd_kit.utils.data import DataLoader, TensorDataset
    data = TensorDataset(x, y)                  # data[i] == (x[i], y[i])
    for xb, yb in DataLoader(data, batch_size=32, shuffle=True):
        ...

A *dataset* is anything with ``__getitem__`` and ``__len__``. The loader picks indices (in
order, or shuffled with the kit's random numbers), fetches the samples, and *collates* them:
tensors are stacked along a new first dimension, Python numbers become tensors, and tuples,
lists and dicts are collated field by field.

Differences from PyTorch: everything is loaded in the main process (``num_workers`` is
accepted and ignored), and a shuffled order follows the kit's generator, so the same seed
gives the same order in the kit but not PyTorch's order.
"""

from __future__ import annotations

import collections.abc
import copy
import itertools
import math
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy

from .. import backend
from .. import random as _random
from ..creation import as_tensor, tensor
from ..dtypes import float64
from ..ops import stack
from ..random import Generator
from ..tensor import Tensor

__all__ = ["DataLoader", "Dataset", "Subset", "TensorDataset", "default_collate",
           "random_split"]

COLLATE_ERROR = ("default_collate: batch must contain tensors, numpy arrays, numbers, dicts "
                 "or lists; found {}")


class Dataset:
    """The base class of map-style datasets: subclass it, write ``__getitem__`` and
    ``__len__``."""

    def __getitem__(self, index: Any) -> Any:
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")


class TensorDataset(Dataset):
    """Tensors that share their first dimension: sample ``i`` is ``(t[i] for t in tensors)``."""

    def __init__(self, *tensors: Tensor) -> None:
        if not all(tensors[0].shape[0] == t.shape[0] for t in tensors):
            raise AssertionError("Size mismatch between tensors")
        self.tensors = tensors

    def __getitem__(self, index: Any) -> tuple[Tensor, ...]:
        return tuple(t[index] for t in self.tensors)

    def __len__(self) -> int:
        return self.tensors[0].shape[0]


class Subset(Dataset):
    """The samples of ``dataset`` at ``indices``, in that order."""

    def __init__(self, dataset: Any, indices: Sequence[int]) -> None:
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, list):
            return self.dataset[[self.indices[i] for i in index]]
        return self.dataset[self.indices[index]]

    def __len__(self) -> int:
        return len(self.indices)


def _permutation(n: int, generator: Generator | None) -> list[int]:
    """0 … n-1 shuffled, drawn from ``generator`` or else the kit's global CPU generator."""
    if generator is not None:
        return [int(i) for i in backend.to_host(generator.permutation(n))]
    return _random.permutation(n, backend.device("cpu")).tolist()


def random_split(dataset: Any, lengths: Sequence[int | float],
                 generator: Generator | None = None) -> list[Subset]:
    """Split ``dataset`` at random into non-overlapping `Subset` s of the given lengths.

    Fractions that sum to 1 are allowed (``[0.8, 0.2]``): each length is
    ``floor(fraction * len(dataset))``, and what is left over is handed out one at a time,
    round-robin from the first split.
    """
    total = sum(lengths)
    if math.isclose(total, 1) and total <= 1:
        counts = []
        for i, fraction in enumerate(lengths):
            if fraction < 0 or fraction > 1:
                raise ValueError(f"Fraction at index {i} is not between 0 and 1")
            counts.append(math.floor(len(dataset) * fraction))
        for i in range(len(dataset) - sum(counts)):
            counts[i % len(counts)] += 1
        lengths = counts
        for i, length in enumerate(lengths):
            if length == 0:
                warnings.warn(f"Length of split at index {i} is 0. This might result in an "
                              "empty dataset.", stacklevel=2)
    if sum(lengths) != len(dataset):
        raise ValueError("Sum of input lengths does not equal the length of the input dataset!")
    indices = _permutation(int(sum(lengths)), generator)
    return [Subset(dataset, indices[end - length:end])
            for end, length in zip(itertools.accumulate(lengths), lengths)]


def default_collate(batch: Sequence[Any]) -> Any:
    """Merge a list of samples into one batch, as PyTorch's ``default_collate``.

    tensors → ``stack(batch)``; NumPy arrays → tensors, stacked; ``float`` → a float64
    tensor; ``int`` → an int64 tensor (``bool`` → bool); strings stay a list; dicts, named
    tuples and sequences are collated field by field (a tuple of fields gives a *list*).
    A batch is a list of samples (or, one level down, a tuple of fields).
    """
    elem = batch[0]
    if isinstance(elem, Tensor):
        return stack(batch, 0)
    if isinstance(elem, numpy.ndarray):
        if elem.dtype.kind in "SaUO":
            raise TypeError(COLLATE_ERROR.format(elem.dtype))
        return stack([as_tensor(b) for b in batch], 0)
    if isinstance(elem, numpy.generic):
        return as_tensor(numpy.asarray(batch))
    if isinstance(elem, float):
        return tensor(batch, dtype=float64)
    if isinstance(elem, int):
        return tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        fields = {key: default_collate([d[key] for d in batch]) for key in elem}
        if isinstance(elem, collections.abc.MutableMapping):
            clone = copy.copy(elem)
            clone.update(fields)
            return clone
        return fields
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):  # a namedtuple
        return type(elem)(*(default_collate(s) for s in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        if not all(len(sample) == len(elem) for sample in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        fields = [default_collate(s) for s in zip(*batch)]
        if isinstance(elem, tuple):
            return fields
        try:
            return type(elem)(fields)
        except TypeError:
            return fields
    raise TypeError(COLLATE_ERROR.format(type(elem)))


class DataLoader:
    """Batches of a dataset: ``for xb, yb in DataLoader(data, batch_size=32, shuffle=True)``.

    ``shuffle=True`` draws a new order each time the loader is iterated (each epoch), from
    ``generator`` or else the kit's global generator (``autograd_kit.manual_seed``).
    ``drop_last=True`` leaves out a last, smaller batch. ``collate_fn`` merges a list of
    samples into a batch (``default_collate`` unless given). ``batch_size=None`` turns
    batching off: the loader yields the samples one by one.
    """

    def __init__(self, dataset: Any, batch_size: int | None = 1, shuffle: bool | None = False,
                 drop_last: bool = False, collate_fn: Callable[[list[Any]], Any] | None = None,
                 generator: Generator | None = None, num_workers: int = 0) -> None:
        if batch_size is None:
            if drop_last:
                raise ValueError("batch_size=None option disables auto-batching and is "
                                 "mutually exclusive with drop_last")
        elif isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size <= 0:
            raise ValueError("batch_size should be a positive integer value, but got "
                             f"batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = bool(shuffle)
        self.drop_last = drop_last
        self.collate_fn = collate_fn if collate_fn is not None else (
            default_collate if batch_size is not None else _no_collate)
        self.generator = generator
        self.num_workers = num_workers  # accepted for PyTorch's code; loading stays in-process

    def _order(self) -> Iterator[int]:
        n = len(self.dataset)
        return iter(_permutation(n, self.generator) if self.shuffle else range(n))

    def __iter__(self) -> Iterator[Any]:
        order = self._order()
        if self.batch_size is None:
            for i in order:
                yield self.collate_fn(self.dataset[i])
            return
        while True:
            indices = list(itertools.islice(order, self.batch_size))
            if not indices or (self.drop_last and len(indices) < self.batch_size):
                return
            yield self.collate_fn([self.dataset[i] for i in indices])

    def __len__(self) -> int:
        n = len(self.dataset)
        if self.batch_size is None:
            return n
        if self.drop_last:
            return n // self.batch_size
        return -(-n // self.batch_size)


def _no_collate(sample: Any) -> Any:
    """``batch_size=None``: a sample passes through (NumPy arrays become tensors)."""
    if isinstance(sample, numpy.ndarray) and sample.dtype.kind not in "SaUO":
        return as_tensor(sample)
    return sample
