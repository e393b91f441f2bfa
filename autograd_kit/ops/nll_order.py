"""The order in which PyTorch's CPU ``nll_loss`` adds up a batch, so that a float32 loss (and
``cross_entropy``, which is log_softmax + nll_loss) matches PyTorch to the last bit.

PyTorch's loop (``nll_loss_out_frame`` for a (batch, classes) input) keeps 8 running sums,
levels 0 to 7, and for each row b that is not ignored:

    level[0] -= w · logp[b, target[b]]      (w = 1 without class weights)
    then, while the next 4 bits of b (the lowest first) are all zero, it empties level j
    into level j+1 (b = 0 goes all the way up; b = 16 empties level 0 into 1; b = 256
    levels 0 and 1 …)

and finally adds 0 + level[0] + … + level[7]. With class weights the weights are added the
same way, and their total is what 'mean' divides by. (The block size is 16 for any batch
below 2**40 rows: 2**max(4, ⌈log2 batch⌉ // 8).)
"""

from __future__ import annotations

import numpy

from .summation_order import one_by_one

LEVELS = 8


def _levels_emptied(b: int, level_bits: int) -> int:
    """How many levels row b empties upward: one per all-zero group of bits, lowest first."""
    mask = (1 << level_bits) - 1
    count = 0
    while count < LEVELS - 1 and not b & (mask << (count * level_bits)):
        count += 1
    return count


def cascade_total(values: numpy.ndarray, counted: numpy.ndarray) -> numpy.ndarray:
    """Σ values[b] over the counted rows, in PyTorch's nll_loss order (see above)."""
    n = values.shape[0]
    level_bits = max(4, (int(n - 1).bit_length() if n > 1 else 0) // 8)
    rows = numpy.flatnonzero(counted)
    kept = values[rows]
    levels = [numpy.zeros((), values.dtype) for _ in range(LEVELS)]
    start = 0
    for position in numpy.flatnonzero(rows % (1 << level_bits) == 0):
        levels[0] = one_by_one(kept[start:position + 1], levels[0])
        for j in range(_levels_emptied(int(rows[position]), level_bits)):
            levels[j + 1] = levels[j + 1] + levels[j]
            levels[j] = numpy.zeros((), values.dtype)
        start = position + 1
    levels[0] = one_by_one(kept[start:], levels[0])
    return one_by_one(numpy.stack(levels))


def nll_reduced(picked: numpy.ndarray, w: numpy.ndarray, counted: numpy.ndarray,
                weighted: bool) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(Σ -w·logp, Σ w) over the counted rows, in PyTorch's order; ``picked`` holds each row's
    logp[b, target[b]], ``w`` each row's class weight."""
    losses = -(picked * w) if weighted else -picked
    total = cascade_total(losses, counted)
    if weighted:
        return total, cascade_total(w, counted)
    return total, numpy.asarray(counted.sum(), picked.dtype)
