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
