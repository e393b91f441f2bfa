"""Small matrix products bit for bit as PyTorch's BLAS (MKL) adds them on processors other
than Intel's, and the speed paths of that code (autograd_kit/ops/small_gemm.py,
small_gemm_fused.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import small_gemm, small_gemm_fused
from autograd_kit.ops.sleef_float32 import fma

torch = pytest.importorskip("torch")
from tests.parity_harness import with_special_values  # noqa: E402

other_processor = pytest.mark.skipif(small_gemm.INTEL,
                                     reason="MKL's order measured on a non-Intel processor")


def _bits(out: Any) -> bytes:
    a = out.detach().numpy().copy()
    a[np.isnan(a)] = np.nan  # (MKL's nan signs are its own)
    return a.tobytes()


def test_a_large_product_is_turned_away_without_asking_the_walks(monkeypatch) -> None:
    """The two-layer net's 64×1000 @ 1000×100 (past LONG_WALK_UP_TO) is decided in `mm`
    itself, every training step: none of the walks is asked."""
    def asked(*args: Any) -> None:
        raise AssertionError("a walk was asked")

    monkeypatch.setattr(small_gemm, "_long_sum", asked)
    x, w = np.ones((64, 1000), np.float32), np.ones((1000, 100), np.float32)
    assert small_gemm.mm(x, w) is None
    assert small_gemm.mm(x[:, :100], w[:100, :10]) is None


def _fma_chain(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    total = x[:, None, 0] * w[None, 0, :]
    for j in range(1, x.shape[1]):
        total = fma(x[:, None, j], w[None, j, :], total)
    return total


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 17, 64])
def test_the_fused_chain_is_the_exact_fma_chain(k: int) -> None:
    """`fused_in_turn` (short chains one product at a time, long ones all products at once)
    gives the bits of exact fused multiply-adds, also where a float64 sum lies halfway
    between two floats (small integers times powers of two make many such ties), with
    signed zeros, infinities and subnormal results."""
    rng = np.random.default_rng(k)
    for trial in range(6):
        n, m = (int(v) for v in rng.integers(1, 20, 2))
        x = rng.standard_normal((n, k)).astype(np.float32)
        w = rng.standard_normal((k, m)).astype(np.float32)
        if trial % 3 == 0:
            x = (rng.integers(-8, 8, (n, k)) * 2.0 ** rng.integers(-3, 26, (n, k)))
            w = (rng.integers(-8, 8, (k, m)) * 2.0 ** rng.integers(-3, 26, (k, m)))
            x, w = x.astype(np.float32), w.astype(np.float32)
        elif trial % 3 == 1:
            x, w = with_special_values(rng, x, nans=False), with_special_values(rng, w, nans=False)
        if trial == 5:
            x = (x * np.float32(1e-38)).astype(np.float32)
        with np.errstate(all="ignore"):
            got, want = small_gemm_fused.fused_in_turn(x, w), _fma_chain(x, w)
        assert got.dtype == np.float32 and got.tobytes() == want.tobytes()


@other_processor
@pytest.mark.parametrize("n,k,m", [(4, 64, 16), (8, 40, 12), (12, 30, 11 + 2)])
def test_a_long_fused_walk_is_pytorchs_bit_for_bit(n: int, k: int, m: int) -> None:
    """x @ w and nn.Linear of 4, 8 or 12+ rows, 12+ columns and long k: MKL's fused walk."""
    rng = np.random.default_rng(n * k * m)
    x = with_special_values(rng, rng.standard_normal((n, k)).astype(np.float32), nans=False)
    w = rng.standard_normal((k, m)).astype(np.float32)
    def outs(lib: Any) -> list[bytes]:
        X, W = lib.tensor(x), lib.tensor(np.ascontiguousarray(w.T))
        return [_bits(X @ W.t()), _bits(lib.nn.functional.linear(X, W))]

    assert outs(ak) == outs(torch)


def _linear_outcome(lib: Any, x: np.ndarray, weight: np.ndarray, bias: np.ndarray,
                    offset: int = 0) -> list[bytes]:
    """F.linear with and without bias, x @ weight.t() and addmm; ``offset``: x a view that
    starts that many values into a larger tensor."""
    X = lib.tensor(np.concatenate([np.zeros(offset, x.dtype), x.ravel()]))[offset:]
    X, W, B = X.reshape(x.shape), lib.tensor(weight), lib.tensor(bias)
    outs = [lib.nn.functional.linear(X, W, B), lib.nn.functional.linear(X, W), X @ W.t(),
            lib.addmm(B, X, W.t())]
    return [_bits(out) for out in outs]


def _draws(rng: np.random.Generator, n: int, k: int, m: int, dtype: Any, trial: int) -> tuple:
    x = rng.standard_normal((n, k)).astype(dtype)
    weight = rng.standard_normal((m, k)).astype(dtype)
    bias = rng.standard_normal(m).astype(dtype)
    if trial % 2:
        x, weight = with_special_values(rng, x, nans=False), with_special_values(rng, weight,
                                                                                nans=False)
        bias[0] = -0.0
    return x, weight, bias


@other_processor
@pytest.mark.parametrize("m", [2, 3, 4, 5, 6, 7, 9, 11])
@pytest.mark.parametrize("k", [5, 6, 7, 9, 10, 13, 18, 27, 45])
def test_linear_of_any_inner_size_sums_in_lanes_after_a_head_to_an_aligned_row(
        m: int, k: int) -> None:
    """Linear(k, m) in float32 with 2 to 11 outputs and k not a multiple of 4: each row of x
    that starts 4, 8 or 12 bytes past an address of 16 bytes first adds its 3, 2 or 1 first
    products in turn into lane 0, then MKL's 4 or 8 lanes as for k a multiple of 4; also for
    an x that is a view starting inside a larger tensor."""
    rng = np.random.default_rng(k * 100 + m)
    for trial in range(4):
        n = int(rng.integers(2, max(3, min(40, 4096 // (k * m)))))
        x, weight, bias = _draws(rng, n, k, m, np.float32, trial)
        offset = trial % 4
        assert (_linear_outcome(ak, x, weight, bias, offset)
                == _linear_outcome(torch, x, weight, bias, offset)), (n, offset)


@other_processor
@pytest.mark.parametrize("m", [12, 17, 30])
@pytest.mark.parametrize("n", [2, 3])
def test_linear_of_two_or_three_rows_and_odd_inner_size(n: int, m: int) -> None:
    """With 2 or 3 rows, any number of outputs and k not a multiple of 4: the same lanes."""
    rng = np.random.default_rng(n * 100 + m)
    for trial, k in enumerate((9, 15, 22, 37)):
        x, weight, bias = _draws(rng, n, k, m, np.float32, trial)
        assert _linear_outcome(ak, x, weight, bias) == _linear_outcome(torch, x, weight, bias)


@other_processor
@pytest.mark.parametrize("n,m", [(5, 4), (13, 8), (2, 12), (3, 16), (2, 4)])
@pytest.mark.parametrize("k", [5, 7, 9, 13, 31])
def test_double_linear_of_odd_inner_size_sums_in_two_lanes_after_a_head(n: int, m: int,
                                                                      k: int) -> None:
    """Linear(k, 4 or 8) in float64 (any multiple of 4 outputs with 2 or 3 rows) and an odd
    k: a row of x 8 bytes past an address of 16 adds its first product into lane 0 of the
    2 lanes first."""
    rng = np.random.default_rng(n * k * m)
    for trial in range(2):
        x, weight, bias = _draws(rng, n, k, m, np.float64, trial)
        for offset in (0, 1):
            assert (_linear_outcome(ak, x, weight, bias, offset)
                    == _linear_outcome(torch, x, weight, bias, offset))


def _one_sample_outcome(lib: Any, x: np.ndarray, weight: np.ndarray,
                        bias: np.ndarray) -> list[bytes]:
    X, W = lib.tensor(x), lib.tensor(weight)
    return _linear_outcome(lib, x, weight, bias) + [
        _bits(lib.mm(X, W.t())), _bits(lib.nn.functional.linear(X[0], W)),
        _bits(lib.nn.functional.linear(X[0], W, lib.tensor(bias)))]


@other_processor
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("m,inner", [(4, (4, 7, 12, 17, 33, 64)), (8, (5, 9, 20, 31)),
                                     (32, (6, 13, 27)), (2, (4, 5, 7, 9)), (3, (6, 8)),
                                     (13, (4, 9))])
def test_linear_of_one_sample_is_mkls_gemv_of_the_weight(dtype: Any, m: int,
                                                         inner: tuple) -> None:
    """Linear(k, m) on one row of x (one sample; also a 1-D input): MKL takes the gemv of
    weight times x, in `_one_output`'s order with weight as the matrix (outputs in whole
    groups of 4: any k; the last m % 4: k up to 9); heavy signed zeros and infinities
    too."""
    rng = np.random.default_rng(m)
    for trial, k in enumerate(inner):
        x, weight, bias = _draws(rng, 1, k, m, dtype, trial)
        if trial % 3 == 2:
            for a in (x, weight, bias):
                u = rng.random(a.shape)
                a[u < 0.4], a[(u >= 0.4) & (u < 0.8)] = 0.0, -0.0

        assert _one_sample_outcome(ak, x, weight, bias) == _one_sample_outcome(
            torch, x, weight, bias), k


@other_processor
@pytest.mark.parametrize("n", [2, 3, 5, 6, 7, 10])
@pytest.mark.parametrize("k", [12, 20, 21, 28, 33, 47, 64, 101])
def test_linear_of_one_output_sums_its_last_rows_in_blocks_of_eight(n: int, k: int) -> None:
    """Linear(k, 1) in float32 with k >= 12: the last n % 4 rows add 4 products in turn into
    lane 0 of 8 lanes that take whole blocks of 8 (the second of those rows: 4 lanes per
    block), fold them in halves and add the rest in turn (also with mostly signed zeros)."""
    rng = np.random.default_rng(n * 1000 + k)
    for trial in range(3):
        x, weight, bias = _draws(rng, n, k, 1, np.float32, trial)
        if trial == 2:
            for a in (x, weight):
                u = rng.random(a.shape)
                a[u < 0.45], a[(u >= 0.45) & (u < 0.9)] = 0.0, -0.0
        assert _linear_outcome(ak, x, weight, bias) == _linear_outcome(torch, x, weight, bias)


@other_processor
@pytest.mark.parametrize("m", [2, 3, 6, 11])
def test_linear_of_one_sample_with_long_rows(m: int) -> None:
    """Linear(k, m) in float32 on one sample with k >= 12 and m not a multiple of 4: the last
    m % 4 outputs sum as the last rows above (MKL's gemv of weight)."""
    rng = np.random.default_rng(m)
    for trial, k in enumerate((12, 25, 40, 77, 128)):
        x, weight, bias = _draws(rng, 1, k, m, np.float32, trial)
        assert _one_sample_outcome(ak, x, weight, bias) == _one_sample_outcome(
            torch, x, weight, bias), k
