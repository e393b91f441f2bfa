"""`DistributedSampler` (``torch.utils.data.distributed``): the share of a dataset that one
of ``num_replicas`` processes trains on.

The indices (shuffled from ``seed + epoch`` when ``shuffle``) are padded by repeating the
first ones until every replica gets as many (or cut, with ``drop_last``); replica ``rank``
takes every ``num_replicas``-th index from position ``rank``. The kit has no process group,
so ``num_replicas`` and ``rank`` must be given (PyTorch's error otherwise).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ...random import Generator
from .sampler import Sampler, permutation

__all__ = ["DistributedSampler"]

NO_PROCESS_GROUP = ("Default process group has not been initialized, please make sure to call "
                    "init_process_group.")


class DistributedSampler(Sampler):
    """Replica ``rank``'s indices: ``len(dataset) / num_replicas`` of them, rounded up."""

    def __init__(self, dataset: Any, num_replicas: int | None = None, rank: int | None = None,
                 shuffle: bool = True, seed: int = 0, drop_last: bool = False) -> None:
        if num_replicas is None or rank is None:
            raise ValueError(NO_PROCESS_GROUP)
        if rank >= num_replicas or rank < 0:
            raise ValueError(f"Invalid rank {rank}, rank should be in the interval "
                             f"[0, {num_replicas - 1}]")
        self.dataset = dataset
        self.num_replicas = num_replicas
        self.rank = rank
        self.epoch = 0
        self.drop_last = drop_last
        if drop_last and len(dataset) % num_replicas != 0:
            self.num_samples = math.ceil((len(dataset) - num_replicas) / num_replicas)
        else:
            self.num_samples = math.ceil(len(dataset) / num_replicas)
        self.total_size = self.num_samples * num_replicas
        self.shuffle = shuffle
        self.seed = seed

    def __iter__(self) -> Iterator[int]:
        if self.shuffle:
            indices = permutation(len(self.dataset),
                                  Generator().manual_seed(self.seed + self.epoch))
        else:
            indices = list(range(len(self.dataset)))
        if self.drop_last:
            indices = indices[:self.total_size]
        else:
            padding = self.total_size - len(indices)
            indices += (indices * math.ceil(padding / len(indices)))[:padding]
        return iter(indices[self.rank:self.total_size:self.num_replicas])

    def __len__(self) -> int:
        return self.num_samples

    def set_epoch(self, epoch: int) -> None:
        """The epoch number: with ``shuffle``, each epoch has its own order."""
        self.epoch = epoch
