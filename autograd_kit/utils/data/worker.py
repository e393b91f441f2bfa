"""`DataLoader` workers, played in the main process (``torch.utils.data._utils.worker``).

With ``num_workers=n`` PyTorch forks ``n`` processes. Each gets its own copy of the dataset
and its own random numbers (``manual_seed(base_seed + id)``, Python's ``random`` seeded the
same, NumPy's from `numpy_seed`), runs ``worker_init_fn(id)``, and inside it
`get_worker_info` tells the dataset which worker it is. Batch ``i`` is made by worker
``i % n``; an `IterableDataset` is read by every worker (each its own copy, the classic
sharding by ``get_worker_info()``), the batches taken from the workers in turn until each
has run out.

The kit does the same one worker at a time in the main process: a `Worker` keeps the copy
of the dataset and the random states, swapped in while it fetches a batch.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import random
from collections.abc import Callable, Iterator
from typing import Any

import numpy

from ... import random as _random

__all__ = ["WorkerInfo", "get_worker_info"]

MASK32 = 0xFFFFFFFF


@dataclasses.dataclass(frozen=True)
class WorkerInfo:
    """Who is fetching: ``id`` (0 to ``num_workers - 1``), ``num_workers``, the worker's
    ``seed`` and its copy of the ``dataset``."""

    id: int
    num_workers: int
    seed: int
    dataset: Any
    rng: Any = None
    worker_method: str | None = "multiprocessing"


_worker_info: list[WorkerInfo | None] = [None]


def get_worker_info() -> WorkerInfo | None:
    """The `WorkerInfo` of the worker fetching now; ``None`` in the main process."""
    return _worker_info[0]


def numpy_seed(base_seed: int, worker_id: int) -> list[int]:
    """The four 32-bit words PyTorch seeds a worker's NumPy with (its ``_generate_state``:
    NumPy's SeedSequence hashing of ``[worker_id, base_seed low, base_seed high, 0]``)."""
    hash_const = [0x43B0D7E5]

    def hashed(value: int) -> int:
        value = (value ^ hash_const[0]) & MASK32
        hash_const[0] = (hash_const[0] * 0x931E8875) & MASK32
        value = (value * hash_const[0]) & MASK32
        return (value ^ (value >> 16)) & MASK32

    def mixed(x: int, y: int) -> int:
        result = ((0xCA01F9DD * x) - (0x4973F715 * y)) & MASK32
        return (result ^ (result >> 16)) & MASK32

    pool = [hashed(v) for v in (worker_id, base_seed & MASK32, base_seed >> 32, 0)]
    for src in range(4):
        for dst in range(4):
            if src != dst:
                pool[dst] = mixed(pool[dst], hashed(pool[src]))
    const_b, state = 0x8B51F9DD, []
    for value in pool:
        value = (value ^ const_b) & MASK32
        const_b = (const_b * 0x58F38DED) & MASK32
        value = (value * const_b) & MASK32
        state.append((value ^ (value >> 16)) & MASK32)
    return state


def _random_states() -> tuple[Any, int, Any, Any]:
    """The global random states a worker process has of its own."""
    return (_random.get_rng_state(), _random.initial_seed(), random.getstate(),
            numpy.random.get_state())


def _set_random_states(states: tuple[Any, int, Any, Any]) -> None:
    kit_state, seed, python_state, numpy_state = states
    _random.manual_seed(seed)
    _random.set_rng_state(kit_state)
    random.setstate(python_state)
    numpy.random.set_state(numpy_state)


class Worker:
    """One worker: its copy of the dataset, its random states, its `WorkerInfo`."""

    def __init__(self, dataset: Any, worker_id: int, num_workers: int, base_seed: int,
                 init_fn: Callable[[int], None] | None) -> None:
        try:
            dataset = copy.deepcopy(dataset)  # a forked process's own copy
        except Exception:  # noqa: BLE001 (a dataset that cannot be copied is shared)
            pass
        seed = base_seed + worker_id
        self.dataset = dataset
        self.info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed,
                               dataset=dataset)
        outside = _random_states()
        _random.manual_seed(seed)
        random.seed(seed)
        numpy.random.seed(numpy_seed(base_seed, worker_id))
        self._states = _random_states()
        _set_random_states(outside)
        if init_fn is not None:
            with self.active():
                init_fn(worker_id)

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        """Run the body as this worker: its random states and `get_worker_info`."""
        outside = _random_states()
        _set_random_states(self._states)
        _worker_info[0] = self.info
        try:
            yield
        finally:
            _worker_info[0] = None
            self._states = _random_states()
            _set_random_states(outside)


def round_robin(workers: list[Worker], streams: list[Iterator[Any]]) -> Iterator[Any]:
    """Batches from each worker's stream in turn, skipping the workers that have run out."""
    live = list(range(len(workers)))
    while live:
        for k in list(live):
            with workers[k].active():
                batch = next(streams[k], _END)
            if batch is _END:
                live.remove(k)
            else:
                yield batch


def by_batch_number(workers: list[Worker], batches: Iterator[Callable[[], Any]]) -> Iterator[Any]:
    """Batch ``i`` made by worker ``i % n``: each item of ``batches`` is a call that makes one."""
    for i, make in enumerate(batches):
        with workers[i % len(workers)].active():
            batch = make()
        yield batch


_END = object()
