"""Fast paths that must give the very bits of the slow ones (and of PyTorch): each test runs a
shape a fast path takes, with signed zeros, infinities, NaN and empty inputs where they can
reach it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import fused_float64

torch = pytest.importorskip("torch")
from tests.parity_harness import same_built, with_special_values  # noqa: E402


def _bits(a: np.ndarray) -> tuple:
    return a.shape, a.strides, np.ascontiguousarray(a).tobytes()


def _wide_range(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Values over the whole float64 exponent range (subnormal products, overflowing ones)."""
    return rng.standard_normal(shape) * np.exp2(rng.integers(-1070, 1020, shape).astype(float))


@pytest.mark.parametrize("small", [(1, 5, 1, 1), (3, 5, 50, 51)])
def test_fma64_in_blocks_gives_the_one_pass_bits(small: tuple, monkeypatch: Any) -> None:
    """fma64 of a large array goes block by block through scratch arrays: the same operations
    in the same order as the one-pass formula, so the same bits (and layout), also where the
    product or the sum overflows, is subnormal, infinite or NaN."""
    rng = np.random.default_rng(1)
    shape = (3, 5, 50, 51)
    cases = [(rng.standard_normal(shape), rng.standard_normal(small), rng.standard_normal(small))]
    cases.append(tuple(with_special_values(rng, _wide_range(rng, s))
                       for s in (shape, small, small)))
    x = rng.standard_normal((3, 50, 51, 5)).transpose(0, 3, 1, 2)  # (channels last)
    cases.append((x, rng.standard_normal(small), rng.standard_normal(small)))
    every_other_row = rng.standard_normal((3, 5, 100, 51))[:, :, ::2]
    cases.append((every_other_row, rng.standard_normal(small), 0.25))
    blocked = [fused_float64.fma64(*case) for case in cases]
    monkeypatch.setattr(fused_float64, "_BLOCK", 10**9)  # (everything in one pass)
    for case, got in zip(cases, blocked, strict=True):
        assert _bits(got) == _bits(fused_float64.fma64(*case))


@pytest.mark.parametrize("layout", ["contiguous", "channels_last", "special"])
def test_float64_eval_batch_norm_of_a_large_batch_bit_for_bit(layout: str) -> None:
    """A batch large enough for fma64's blocks, as PyTorch's float64 kernel (fused α·x + β)."""
    rng = np.random.default_rng(2)
    x = rng.standard_normal((4, 5, 45, 45)) * 3 + 1
    if layout == "special":
        x = with_special_values(rng, x)
    state = {"running_mean": rng.standard_normal(5), "running_var": rng.random(5) + 0.5,
             "weight": rng.standard_normal(5), "bias": rng.standard_normal(5)}

    def build(lib: Any) -> tuple:
        layer = lib.nn.BatchNorm2d(5, dtype=lib.float64)
        layer.load_state_dict({k: lib.tensor(v) for k, v in state.items()}, strict=False)
        data = lib.tensor(x)
        if layout == "channels_last":
            data = lib.tensor(np.ascontiguousarray(x.transpose(0, 2, 3, 1))).permute(0, 3, 1, 2)
        y = layer.eval()(data).detach()
        return y.stride(), y.numpy().tobytes()
    same_built(build, torch, ak)


def test_float64_eval_batch_norm_of_an_empty_batch() -> None:
    def build(lib: Any) -> tuple:
        layer = lib.nn.BatchNorm2d(5, dtype=lib.float64).eval()
        y = layer(lib.zeros(0, 5, 3, 3, dtype=lib.float64))
        return tuple(y.shape), y.stride()
    same_built(build, torch, ak)



STRIDED_FULL_SUMS = {"x[:, ::2]": lambda x: x[:, ::2], "x[::3, 1::2]": lambda x: x[::3, 1::2],
                     "x.t()": lambda x: x.t(), "x[:, :300].t()": lambda x: x[:, :300].t(),
                     "x[1:, 7:]": lambda x: x[1:, 7:]}


@pytest.mark.parametrize("view", STRIDED_FULL_SUMS)
@pytest.mark.parametrize("threads", [2, 3])
def test_a_big_strided_full_sum_bit_for_bit(view: str, threads: int) -> None:
    """A full sum of a big strided view is cut between threads as PyTorch cuts it; the sums
    of whole rows are worked out only when a thread has whole rows (a view read as one long
    run has none), with the same bits (signed zeros, infinities; NaN stays NaN)."""
    rng = np.random.default_rng(3)
    plain = rng.standard_normal((700, 502)).astype(np.float32)
    with_nan = plain.copy()
    with_nan[5, 9] = np.nan
    datas = (plain, with_special_values(rng, plain, nans=False), -np.zeros_like(plain))
    before = torch.get_num_threads(), ak.get_num_threads()

    def sums(T: Any) -> list:
        T.set_num_threads(threads)
        out = []
        for data in datas:
            x = STRIDED_FULL_SUMS[view](T.tensor(data))
            out += [x.sum().numpy().tobytes(), x.mean().numpy().tobytes(),
                    x.sum(dtype=T.float64).numpy().tobytes()]
        return [*out, bool(STRIDED_FULL_SUMS[view](T.tensor(with_nan)).sum().isnan())]

    try:
        same_built(sums, torch, ak)
    finally:
        torch.set_num_threads(before[0])
        ak.set_num_threads(before[1])


def test_chain_of_few_strided_rows_gives_the_copied_bits(monkeypatch: Any) -> None:
    """summation_order.chain adds a big strided view of 16 rows or fewer (a cascade's blocks)
    row by row instead of copying it first: each value still added in turn, so the bits of
    the copy (signed zeros, infinities, NaN included)."""
    from autograd_kit.ops import summation_order

    rng = np.random.default_rng(4)
    data = with_special_values(rng, rng.standard_normal((2, 31250, 16)))
    views = [data[:, :31248].reshape(2, 1953, 16, 16).swapaxes(0, 2)[:, :, 0],  # (16, 1953, 2)
             data.reshape(-1)[::2][:124992].reshape(1953, 16, 4).swapaxes(0, 1),
             data[:, :4000, :5].swapaxes(0, 2).astype(np.float32)[:, ::3]]
    in_turn = [summation_order.chain(view) for view in views]
    monkeypatch.setattr(summation_order, "_FEW_ROWS", 0)
    for view, got in zip(views, in_turn, strict=True):
        assert _bits(got) == _bits(summation_order.chain(view))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_big_sums_with_a_wider_dtype_bit_for_bit(dtype: str) -> None:
    """x.sum(dtype=torch.float64) of float32 (x.to(float64), then PyTorch's threaded cascade)
    and the plain sums and means of big arrays, also over a dim, with special values."""
    rng = np.random.default_rng(5)
    plain = rng.standard_normal((1000, 500)).astype(dtype)
    special = with_special_values(rng, plain, nans=False)

    def sums(T: Any) -> list:
        out = []
        for data in (plain, special, -np.zeros_like(plain), plain[:0]):
            x = T.tensor(data)
            for y in (x.sum(dtype=T.float64), x.sum(), x.mean(), x.sum(0), x.t().sum(1),
                      x[:, ::2].sum(dtype=T.float64), x.mean(dtype=T.float64)):
                out.append(y.numpy().tobytes())
        return out
    same_built(sums, torch, ak)


ADAPTIVE_POOLS = [("adaptive_avg_pool2d", (4, 3, 32, 32), 7),
                  ("adaptive_avg_pool2d", (2, 3, 7, 11), (3, 5)),
                  ("adaptive_avg_pool2d", (2, 3, 4, 6), (10, 4)),
                  ("adaptive_avg_pool1d", (3, 2, 13), 5),
                  ("adaptive_avg_pool3d", (2, 2, 5, 9, 6), (3, 2, 7)),
                  ("adaptive_avg_pool2d", (0, 3, 32, 32), 7)]


@pytest.mark.parametrize("name, shape, size", ADAPTIVE_POOLS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_adaptive_avg_pool_of_unevenly_placed_windows_bit_for_bit(name: str, shape: tuple,
                                                                  size: Any, dtype: str) -> None:
    """Windows whose places are not evenly spaced (32 -> 7) are gathered once, their missing
    elements set to 0, then added offset after offset: PyTorch's order, as before (signed
    zeros, infinities; NaN stays NaN), and its gradient."""
    rng = np.random.default_rng(6)
    plain = rng.standard_normal(shape).astype(dtype)
    with_nan = plain.copy().reshape(-1)
    with_nan[:: 7] = np.nan

    def pooled(T: Any) -> list:
        pool = getattr(T.nn.functional, name)
        out = []
        for data in (plain, with_special_values(np.random.default_rng(7), plain, nans=False)):
            x = T.tensor(data, requires_grad=True)
            y = pool(x, size)
            y.backward(T.ones_like(y))
            out += [y.stride(), y.detach().numpy().tobytes(), x.grad.numpy().tobytes()]
        y = pool(T.tensor(with_nan.reshape(shape)), size)
        return [*out, y.isnan().numpy().tobytes()]
    same_built(pooled, torch, ak)


def test_training_step_fast_paths_after_moving_their_imports() -> None:
    """add_/sub_ with and without alpha (the in-place check imported only when alpha is
    given) and x ** 2's unrecorded gradient: PyTorch's values, errors and versions."""
    rng = np.random.default_rng(8)
    x_data, w_data = (rng.standard_normal(s).astype(np.float32) for s in ((16, 9), (9, 3)))
    target = rng.standard_normal((16, 3)).astype(np.float32)

    def step(T: Any) -> list:
        w = T.tensor(w_data, requires_grad=True)
        loss = ((T.tensor(x_data) @ w - T.tensor(target)) ** 2).sum()
        loss.backward()
        out = [loss.detach().numpy().tobytes(), w.grad.numpy().tobytes()]
        for alpha in (1, 2, 0.5):
            try:
                w.sub_(w.grad, alpha=alpha)
            except RuntimeError as error:
                out.append(str(error))
        with T.no_grad():
            w.sub_(w.grad, alpha=1e-3)
            w.add_(w.grad)
        return [*out, w._version, w.detach().numpy().tobytes()]
    same_built(step, torch, ak)
