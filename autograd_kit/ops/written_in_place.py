"""Gradients that PyTorch's formulas build by writing in place, and the version they show.

Some of PyTorch's backward formulas start from new zeros and write the gradient into them
in place: ``max()`` gives ``new_zeros(...).masked_fill_(mask, share)``, ``x[index]`` gives
``new_zeros(...).index_put_(...)``, ``max(dim)`` and ``sort`` give
``zeros(...).scatter_(...)`` (``zeros`` is itself ``empty(...).zero_()``, one more write).
Each in-place write moves the tensor's version on, and a learner can see the count as
``x.grad._version``. The kit computes these gradients out of place, then counts the writes.
"""

from __future__ import annotations

from ..tensor import Tensor


def written_in_place(gradient: Tensor, writes: int = 1) -> Tensor:
    """``gradient``, with its version moved on by the ``writes`` PyTorch's formula makes."""
    gradient._version_counter[0] += writes
    return gradient
