"""Randomized checks of ops/summation_order.py, bit for bit.

1. Its NumPy building block ``chain`` adds rows strictly left to right in every layout it
   meets (``np.add.reduce`` does so only where NumPy's innermost loop is not the summed axis).
2. With PyTorch installed (a reference only): ``torch.sum`` and ``torch.mean`` give the same
   bits as the kit over many shapes, sizes around the 4-row / 8-lane / 16-block boundaries,
   transposed arrays, dims side by side, keepdim, and thread counts across GRAIN_SIZE.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops.summation_order import (
    GRAIN_SIZE,
    _row_plan,
    _small_row_sum,
    chain,
    inner_sum,
    mean_like_torch,
    one_by_one,
    sum_like_torch,
    torch_order_sum,
)


def spread(rng: np.random.Generator, shape: tuple[int, ...], dtype: str) -> np.ndarray:
    """Values of both signs over several orders of magnitude: the adding order shows."""
    values = rng.standard_normal(shape) * 10.0 ** rng.uniform(-3, 3, shape)
    return values.astype(dtype)


def bits(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a).reshape(-1)
    return a.view(np.uint32 if a.dtype == np.float32 else np.uint64)


def left_to_right(values: np.ndarray) -> np.ndarray:
    """The reference order: row after row, in plain Python."""
    total = values[0].copy()
    for row in values[1:]:
        total = total + row
    return total


def layouts(rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Arrays summed down axis 0 in the layouts the module creates (views included)."""
    for rows, dtype in itertools.product((3, 5, 16, 17, 40, 300), ("float32", "float64")):
        yield spread(rng, (rows,), dtype)
        yield spread(rng, (rows, 1), dtype)
        yield spread(rng, (rows, 2), dtype)
        yield spread(rng, (rows, 33), dtype)
        yield spread(rng, (7, rows), dtype).T  # the summed axis contiguous
        yield spread(rng, (rows, 4, 3, 8), dtype)
        yield spread(rng, (rows, 4, 5, 1), dtype)
        yield spread(rng, (3, rows, 10), dtype).transpose(1, 0, 2)
        yield spread(rng, (3, rows, 40), dtype).transpose(1, 0, 2)[..., 32:]
        yield spread(rng, (2, rows, 33), dtype).transpose(1, 0, 2)[..., 32:]
        yield spread(rng, (rows * 16, 8), dtype).reshape(rows, 16, 8).swapaxes(0, 1)


def test_chain_adds_rows_left_to_right() -> None:
    rng = np.random.default_rng(0)
    for values in layouts(rng):
        assert bits(chain(values)).tolist() == bits(left_to_right(values)).tolist(), (
            values.shape, values.strides)


def test_the_reference_tells_pairwise_sums_apart() -> None:
    # NumPy's pairwise sum of a contiguous run differs: the check above can fail
    rng = np.random.default_rng(1)
    runs = [spread(rng, (300,), "float32") for _ in range(20)]
    assert any(bits(np.add.reduce(r)) != bits(left_to_right(r)) for r in runs)


def test_small_row_plan_adds_as_inner_sum() -> None:
    # the fast path for small full sums against the general one, every size it covers
    rng = np.random.default_rng(6)
    for dtype, last in (("float32", 8191), ("float64", 4095)):
        data = spread(rng, (last + 40,), dtype)
        assert _row_plan(last, data.itemsize) is not None
        assert _row_plan(last + 1, data.itemsize) is None
        for n in range(1, last + 1):
            plan = _row_plan(n, data.itemsize)
            if plan is not None:
                row = data[n % 7:n % 7 + n]
                assert bits(_small_row_sum(row, plan)).tolist() == bits(inner_sum(row)).tolist(), n


def test_one_by_one_starts_from_zero_or_start() -> None:
    values = np.float32([-0.0, -0.0, -0.0])
    assert bits(one_by_one(values)).tolist() == [0]  # 0 + -0.0 + … is 0.0
    rng = np.random.default_rng(2)
    for rows in (1, 3, 4, 5, 9):
        v = spread(rng, (rows, 3), "float32")
        start = spread(rng, (3,), "float32")
        assert bits(one_by_one(v, start)).tolist() == bits(left_to_right(
            np.concatenate((start[None], v)))).tolist()


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sums_of_negative_zeros_are_positive_zeros(dtype: str) -> None:
    for shape, dims in [((1,), None), ((40,), None), ((64, 10), None), ((64, 10), (0,)),
                        ((64, 10), (1,)), ((5, 1, 3), (1,)), ((3, 70), (1,)),
                        ((70, 3), (0,)), ((50000,), None)]:
        data = -np.zeros(shape, dtype)
        for keepdim in (False, True):
            out = torch_order_sum(data, dims, keepdim)
            assert out is not None and not np.signbit(out).any(), (shape, dims, keepdim)


# ---- against PyTorch (skipped without it) --------------------------------------------------

SIZES = [*range(1, 71), 127, 128, 129, 255, 256, 257, 511, 512, 513, 1000, 4095, 4096, 4097,
         8191, 8192, 8193, 32767, 32768, 32769, 40000, 65535, 70000, 100000]


@pytest.fixture
def torch_threads() -> Iterator[object]:
    """PyTorch, with its thread count and the kit's put back afterwards."""
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads(), ak.get_num_threads()
    yield torch
    torch.set_num_threads(before[0])
    ak.set_num_threads(before[1])


def check_against_torch(torch: object, data: np.ndarray, dims: tuple[int, ...] | None,
                        keepdim: bool) -> None:
    t = torch.from_numpy(data)  # type: ignore[attr-defined]
    args = () if dims is None else (dims, keepdim)
    expected_sum, expected_mean = t.sum(*args).numpy(), t.mean(*args).numpy()
    got_sum = sum_like_torch(data, dims, dims is not None and keepdim)
    got_mean = mean_like_torch(data, dims, dims is not None and keepdim)
    where = (data.shape, data.strides, dims, keepdim)
    assert got_sum.shape == expected_sum.shape, where
    assert bits(got_sum).tolist() == bits(expected_sum).tolist(), where
    assert bits(got_mean).tolist() == bits(expected_mean).tolist(), where


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_full_sums_match_torch(torch_threads: object, dtype: str) -> None:
    torch = torch_threads
    rng = np.random.default_rng(3)
    for threads in (1, 2, 3, 4):
        torch.set_num_threads(threads)  # type: ignore[attr-defined]
        ak.set_num_threads(threads)
        for n in SIZES:
            if threads > 1 and n < GRAIN_SIZE // 2:
                continue  # one thread anyway: checked once
            check_against_torch(torch, spread(rng, (n,), dtype), None, False)


def random_shapes(rng: np.random.Generator, count: int) -> Iterator[tuple[int, ...]]:
    """2-D to 4-D shapes with sizes near the boundaries (1 … 70 and a few bigger ones)."""
    sizes = [*range(1, 71), 100, 129, 300]
    for _ in range(count):
        ndim = int(rng.integers(2, 5))
        shape = tuple(int(rng.choice(sizes)) for _ in range(ndim))
        while np.prod(shape) > 200_000:
            shape = shape[1:]
        yield shape


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sums_over_dims_match_torch(torch_threads: object, dtype: str) -> None:
    torch = torch_threads
    rng = np.random.default_rng(4)
    for shape in random_shapes(rng, 120):
        data = spread(rng, shape, dtype)
        ndim = len(shape)
        for first in range(ndim):  # every run of dims side by side
            for last in range(first, ndim):
                keepdim = bool(rng.integers(2))
                check_against_torch(torch, data, tuple(range(first, last + 1)), keepdim)
        perm = tuple(int(a) for a in rng.permutation(ndim))
        check_against_torch(torch, data.transpose(perm), None, False)  # memory order


@pytest.mark.parametrize("shape", [(64, 10), (10, 64), (33, 17), (3, 1, 5), (1, 70),
                                   (70, 1), (256, 128), (200, 200), (2, 3, 4, 5)])
def test_common_shapes_match_torch(torch_threads: object, shape: tuple[int, ...]) -> None:
    torch = torch_threads
    rng = np.random.default_rng(5)
    for dtype in ("float32", "float64"):
        data = spread(rng, shape, dtype)
        check_against_torch(torch, data, None, False)
        check_against_torch(torch, data.T, None, False)
        for d in range(len(shape)):
            for keepdim in (False, True):
                check_against_torch(torch, data, (d,), keepdim)
        x = ak.from_numpy(data)  # through the public API as well
        assert bits(x.sum(0)._data).tolist() == bits(torch.from_numpy(data).sum(0).numpy()).tolist()
