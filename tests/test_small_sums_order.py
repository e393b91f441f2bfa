"""Small sums and means (a loss, a bias gradient) take cached plans in ops/summation_order.py:
their bits must stay PyTorch's for every shape, dims, keepdim, layout and special value."""

import numpy as np
import pytest

from autograd_kit.ops.summation_order import (
    _row_summer,
    _summer,
    inner_sum,
    mean_like_torch,
    sum_like_torch,
    torch_order_sum,
)

torch = pytest.importorskip("torch")

# sizes around the cuts of the small plans: W lanes (8 float32 / 4 float64), runs of 4·W,
# blocks of 16 runs, the last small plan (8191 float32 values), and a few training shapes
SIZES = (1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 200,
         255, 256, 257, 511, 512, 513, 640, 1000, 2047, 2048, 2049, 6400, 8191, 8192, 8200)
SHAPES = ((200,), (200, 1), (64, 10), (64, 100), (10, 64), (3, 5, 7), (2, 33, 4), (1, 200),
          (16, 32), (7, 1, 9), (4, 4, 4, 4))


def _bits(value: object) -> np.ndarray:
    array = np.asarray(value)
    unsigned = array.view(np.uint32 if array.dtype == np.float32 else np.uint64)
    return np.where(np.isnan(array), 0, unsigned)  # (any nan: PyTorch's payload may differ)


def _torch(reduce: object, data: np.ndarray, dims: tuple[int, ...] | None,
           keepdim: bool) -> np.ndarray:
    tensor = torch.from_numpy(data)
    if dims is None and not keepdim:
        return reduce(tensor).numpy()
    return reduce(tensor, dim=dims or tuple(range(data.ndim)), keepdim=keepdim).numpy()


def _check(data: np.ndarray, dims: tuple[int, ...] | None, keepdim: bool) -> None:
    """Against PyTorch where the module knows its order, else against NumPy (its fallback:
    dims of a strided array)."""
    known = torch_order_sum(data, dims, keepdim) is not None
    for ours, theirs in ((sum_like_torch, torch.sum), (mean_like_torch, torch.mean)):
        got = ours(data, dims, keepdim)
        if known:
            want = _torch(theirs, data, dims, keepdim)
        else:
            want = np.asarray(getattr(data, theirs.__name__)(axis=dims, keepdims=keepdim))
        where = f"{ours.__name__} {data.shape} {data.strides} {dims} {keepdim}"
        assert np.shape(got) == want.shape and np.asarray(got).dtype == want.dtype, where
        assert np.array_equal(np.isnan(got), np.isnan(want)), where
        assert np.array_equal(_bits(got), _bits(want)), where
        again = ours(data, dims, keepdim)  # (the cached plan, a second time)
        assert type(again) is type(got) and np.array_equal(_bits(again), _bits(got)), where


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_full_sums_of_every_small_size_match_torch(dtype: type) -> None:
    rng = np.random.default_rng(0)
    for n in SIZES:
        data = (rng.standard_normal(n) * 10 ** rng.uniform(-3, 3, n)).astype(dtype)
        _check(data, None, False)
        _check(data, None, True)
        _check(data.reshape(n, 1), (0,), False)  # (a bias gradient of one output)
        if n % 8 == 0:
            _check(data.reshape(8, n // 8), None, False)
            _check(data.reshape(8, n // 8).T, None, False)  # read in memory order


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_column_sums_of_every_small_height_match_torch(dtype: type) -> None:
    rng = np.random.default_rng(4)
    for n in (2, 3, 4, 5, 6, 7, 15, 16, 17, 33, 64, 67, 200, 255, 256, 263):
        for columns in (1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 31, 32, 33, 34, 36, 100):
            data = rng.standard_normal((n, columns)).astype(dtype)
            _check(data, (0,), False)
            _check(data[None], (1,), True)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_random_shapes_dims_and_layouts_match_torch(dtype: type) -> None:
    rng = np.random.default_rng(1)
    for shape in SHAPES:
        base = (rng.standard_normal(shape) * 10 ** rng.uniform(-4, 4, shape)).astype(dtype)
        views = [base, base.T, base[::2] if shape[0] > 1 else base]
        for data in views:
            options: list[tuple[int, ...] | None] = [None]
            options += [(d,) for d in range(data.ndim)]
            options += [(d, d + 1) for d in range(data.ndim - 1)]
            options += [tuple(range(data.ndim))]
            for dims in options:
                for keepdim in (False, True):
                    _check(data, dims, keepdim)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_special_values_keep_their_bits(dtype: type) -> None:
    rng = np.random.default_rng(2)
    for n in (7, 8, 40, 200, 640, 6400):
        _check(np.full(n, -0.0, dtype), None, False)  # PyTorch: 0 + (-0.0 …) is 0.0
        _check(np.full((n, 1), -0.0, dtype), (0,), True)
        for special in (np.nan, np.inf, -np.inf, -0.0):
            data = rng.standard_normal(n).astype(dtype)
            data[rng.integers(n)] = special
            _check(data, None, False)
            _check(data.reshape(-1, 1), (0,), False)
        mixed = rng.standard_normal(n).astype(dtype)
        mixed[0], mixed[-1] = np.inf, -np.inf
        _check(mixed, None, False)


def test_row_summer_adds_as_inner_sum_and_writes_nothing() -> None:
    rng = np.random.default_rng(3)
    for dtype in (np.float32, np.float64):
        for n in (32, 33, 40, 41, 63, 64, 200, 203, 520, 4095, 8191):
            row = rng.standard_normal(n).astype(dtype)
            kept = row.copy()
            _summer.cache_clear()
            total = sum_like_torch(row, None, False)
            assert np.array_equal(row, kept)
            assert _bits(total) == _bits(inner_sum(row) + dtype(0)), n


def test_plan_caches_are_bounded() -> None:
    assert _summer.cache_info().maxsize is not None
    assert _row_summer.cache_info().maxsize is not None
