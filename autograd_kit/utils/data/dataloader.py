"""`DataLoader`: cuts a dataset into batches (``torch.utils.data.dataloader``), and the
collate functions that merge samples into a batch.

As in PyTorch::

    from autograd_kit.utils.data import DataLoader, TensorDataset
    data = TensorDataset(x, y)                  # data[i] == (x[i], y[i])
    for xb, yb in DataLoader(data, batch_size=32, shuffle=True):
        ...

The loader asks its sampler for indices (in order, or shuffled with the kit's random
numbers), fetches the samples, and *collates* them: tensors are stacked along a new first
dimension, Python numbers become tensors, and tuples, lists and dicts are collated field by
field.

Differences from PyTorch: everything is loaded in the main process; with ``num_workers > 0``
the workers are played one after the other there (their copies of the dataset, seeds,
``worker_init_fn`` and ``get_worker_info``: see `worker`), so what they load and in which
order is PyTorch's. A shuffled order is PyTorch's for the same seed.
"""

from __future__ import annotations

import collections.abc
import copy
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy

from ... import backend
from ... import random as _random
from ...creation import as_tensor, tensor
from ...dtypes import float64
from ...ops import stack
from ...random import Generator
from ...tensor import Tensor
from . import worker as _worker
from .dataset import IterableDataset
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

__all__ = ["DataLoader", "default_collate", "default_convert"]

COLLATE_ERROR = ("default_collate: batch must contain tensors, numpy arrays, numbers, dicts "
                 "or lists; found {}")


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


def default_convert(data: Any) -> Any:
    """What a loader without batching (``batch_size=None``) does to each sample: NumPy
    arrays become tensors, tuples become lists, containers are converted field by field."""
    if isinstance(data, Tensor):
        return data
    if isinstance(data, (numpy.ndarray, numpy.generic)):
        return data if data.dtype.kind in "SaUO" else as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        converted = {key: default_convert(data[key]) for key in data}
        if isinstance(data, collections.abc.MutableMapping):
            clone = copy.copy(data)
            clone.update(converted)
            return clone
        return converted
    if isinstance(data, tuple) and hasattr(data, "_fields"):  # a namedtuple
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        try:
            return type(data)([default_convert(d) for d in data])  # type: ignore[call-arg]
        except TypeError:
            return [default_convert(d) for d in data]
    return data


def fetch_many(dataset: Any, indices: list[Any]) -> list[Any]:
    """The samples at ``indices``: ``dataset.__getitems__(indices)`` where the dataset has
    it (one call for the whole batch, as PyTorch's fetcher makes), else one by one."""
    if getattr(dataset, "__getitems__", None):
        return dataset.__getitems__(indices)
    return [dataset[i] for i in indices]


def _check_worker_options(num_workers: int, timeout: float, prefetch_factor: int | None,
                          persistent_workers: bool) -> None:
    """PyTorch's errors for the worker options (the kit loads in the main process)."""
    if num_workers < 0:
        raise ValueError("num_workers option should be non-negative; use num_workers=0 to "
                         "disable multiprocessing.")
    if timeout < 0:
        raise ValueError("timeout option should be non-negative")
    if num_workers == 0 and prefetch_factor is not None:
        raise ValueError("prefetch_factor option could only be specified in multiprocessing."
                         "let num_workers > 0 to enable multiprocessing, otherwise set "
                         "prefetch_factor to None.")
    if prefetch_factor is not None and prefetch_factor < 0:
        raise ValueError("prefetch_factor option should be non-negative")
    if persistent_workers and num_workers == 0:
        raise ValueError("persistent_workers option needs num_workers > 0")


class DataLoader:
    """Batches of a dataset: ``for xb, yb in DataLoader(data, batch_size=32, shuffle=True)``.

    ``shuffle=True`` draws a new order each time the loader is iterated (each epoch), from
    ``generator`` or else the global generator (``autograd_kit.manual_seed``).
    ``sampler`` (indices) or ``batch_sampler`` (lists of indices) choose the samples instead.
    ``drop_last=True`` leaves out a last, smaller batch. ``collate_fn`` merges a list of
    samples into a batch (``default_collate`` unless given). ``batch_size=None`` turns
    batching off: the loader yields the samples one by one (through ``default_convert``).
    """

    def __init__(self, dataset: Any, batch_size: int | None = 1, shuffle: bool | None = None,
                 sampler: Sampler | Iterable[int] | None = None,
                 batch_sampler: Sampler | Iterable[list[int]] | None = None,
                 num_workers: int = 0, collate_fn: Callable[[list[Any]], Any] | None = None,
                 pin_memory: bool = False, drop_last: bool = False, timeout: float = 0,
                 worker_init_fn: Callable[[int], None] | None = None,
                 multiprocessing_context: Any = None, generator: Generator | None = None, *,
                 prefetch_factor: int | None = None, persistent_workers: bool = False,
                 pin_memory_device: str = "", in_order: bool = True) -> None:
        _check_worker_options(num_workers, timeout, prefetch_factor, persistent_workers)
        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.in_order = in_order
        iterable = isinstance(dataset, IterableDataset)
        if iterable:
            _check_iterable_options(shuffle, sampler, batch_sampler)
        else:
            shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, "
                                 "shuffle, sampler, and drop_last")
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually "
                             "exclusive with drop_last")
        if sampler is None and not iterable:
            sampler = (RandomSampler(dataset, generator=generator) if shuffle
                       else SequentialSampler(dataset))
        if batch_size is not None and batch_sampler is None and not iterable:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)  # type: ignore[arg-type]
        elif batch_size is not None and iterable:
            BatchSampler([], batch_size, drop_last)  # PyTorch's checks of the two values
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        if collate_fn is None:
            collate_fn = default_collate if self._auto_collation else default_convert
        self.collate_fn = collate_fn
        self.persistent_workers = persistent_workers
        self._iterator: _MultiProcessingDataLoaderIter | None = None

    @property
    def _auto_collation(self) -> bool:
        return self.batch_sampler is not None or (
            isinstance(self.dataset, IterableDataset) and self.batch_size is not None)

    @property
    def _index_sampler(self) -> Any:
        return self.batch_sampler if self._auto_collation else self.sampler

    def __iter__(self) -> _SingleProcessDataLoaderIter:
        """A new pass; with ``persistent_workers`` the one pass object is reset for each epoch
        (its workers, their copies of the dataset and their random numbers carry on)."""
        if self.num_workers == 0:
            return _SingleProcessDataLoaderIter(self)
        if not self.persistent_workers:
            return _MultiProcessingDataLoaderIter(self)
        if self._iterator is None:
            self._iterator = _MultiProcessingDataLoaderIter(self)
        else:
            self._iterator._reset()
        return self._iterator

    def __len__(self) -> int:
        if isinstance(self.dataset, IterableDataset):
            length = len(self.dataset)
            if self.batch_size is None:
                return length
            whole, left = divmod(length, self.batch_size)
            return whole + (1 if left and not self.drop_last else 0)
        return len(self._index_sampler)


def _check_iterable_options(shuffle: Any, sampler: Any, batch_sampler: Any) -> None:
    """PyTorch's errors for options an `IterableDataset` cannot take."""
    if shuffle not in {False, None}:
        raise ValueError("DataLoader with IterableDataset: expected unspecified shuffle "
                         f"option, but got shuffle={shuffle}")
    if sampler is not None:
        raise ValueError("DataLoader with IterableDataset: expected unspecified sampler "
                         f"option, but got sampler={sampler}")
    if batch_sampler is not None:
        raise ValueError("DataLoader with IterableDataset: expected unspecified batch_sampler "
                         f"option, but got batch_sampler={batch_sampler}")


class _SingleProcessDataLoaderIter:
    """One pass over a `DataLoader` (PyTorch's name): fetch the samples, collate them."""

    def __init__(self, loader: DataLoader) -> None:
        self._loader = loader
        self._collate_fn = loader.collate_fn
        # PyTorch draws a seed for its workers here, from the loader's generator or the
        # global one, before the sampler draws anything: the kit draws it too, so that a
        # seeded shuffle gives PyTorch's order.
        self._base_seed = _random.generator(backend.device("cpu"), loader.generator).random64()
        self._batches = self._start()

    def _start(self) -> Iterator[Any]:
        dataset = self._loader.dataset
        if isinstance(dataset, IterableDataset):
            return self._stream(iter(dataset))
        return (self._fetch(dataset, index) for index in self._loader._index_sampler)

    def _fetch(self, dataset: Any, index: Any) -> Any:
        if self._loader._auto_collation:
            return self._collate_fn(fetch_many(dataset, index))
        return self._collate_fn(dataset[index])

    def _stream(self, samples: Iterator[Any]) -> Iterator[Any]:
        size = self._loader.batch_size
        if size is None:
            yield from (self._collate_fn(sample) for sample in samples)
            return
        while True:
            batch = [sample for _, sample in zip(range(size), samples)]
            if not batch or (self._loader.drop_last and len(batch) < size):
                return
            yield self._collate_fn(batch)

    def __iter__(self) -> _SingleProcessDataLoaderIter:
        return self

    def __next__(self) -> Any:
        return next(self._batches)

    def __len__(self) -> int:
        return len(self._loader)


class _MultiProcessingDataLoaderIter(_SingleProcessDataLoaderIter):
    """A pass with ``num_workers > 0``: the workers are played in turn in the main process
    (see `worker`): batch ``i`` by worker ``i % n``; an `IterableDataset` read by each."""

    def _start(self) -> Iterator[Any]:
        loader = self._loader
        self._workers = [_worker.Worker(loader.dataset, k, loader.num_workers, self._base_seed,
                                        loader.worker_init_fn)
                         for k in range(loader.num_workers)]
        return self._epoch()

    def _reset(self) -> None:
        """The next epoch of persistent workers (no new seed is drawn for them)."""
        self._batches = self._epoch()

    def _epoch(self) -> Iterator[Any]:
        loader, workers = self._loader, self._workers
        if isinstance(loader.dataset, IterableDataset):
            streams = [self._lazy_stream(w.dataset) for w in workers]
            return _worker.round_robin(workers, streams)
        indices = iter(loader._index_sampler)
        return _worker.by_batch_number(
            workers, (functools.partial(self._fetch, w.dataset, index)
                      for w, index in zip(itertools.cycle(workers), indices)))

    def _lazy_stream(self, dataset: Any) -> Iterator[Any]:
        """A worker's batches; it calls ``iter(dataset)`` on its first turn, as PyTorch's does."""
        yield from self._stream(iter(dataset))
