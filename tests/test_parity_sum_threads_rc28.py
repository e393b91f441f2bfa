"""A strided sum follows set_num_threads as PyTorch's does: the kit caches each layout's
plan (ops/summation_layout.py), cut for the thread count of its time, so a plan made before
set_num_threads must not be reused after it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.parity_harness import same_built

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

LAYOUTS = [((64, 46, 76), (1, 2, 0), (2,)), ((66, 32, 74), (1, 2, 0), (0, 2)),
           ((70, 62, 18), (0, 2, 1), (0, 2))]  # (big: split between threads, by columns)


@pytest.mark.parametrize("shape, order, dims", LAYOUTS)
def test_a_strided_sum_after_set_num_threads_follows_the_new_count(shape: Any, order: Any,
                                                                   dims: Any) -> None:
    data = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    before = torch.get_num_threads(), ak.get_num_threads()

    def sums(T: Any) -> list[bytes]:
        out = []
        for count in (2, 1, 2):  # (the first plan, made for 2 threads, is the stale one)
            T.set_num_threads(count)
            out.append(T.tensor(data).permute(*order)[:, ::2].sum(dims).numpy().tobytes())
        return out

    try:
        same_built(sums, torch, ak)
    finally:
        torch.set_num_threads(before[0])
        ak.set_num_threads(before[1])
