"""nn.Linear with one output (MKL's gemv: x @ weight.t() for a 1×k weight, F.linear and
addmm with a bias, x @ w for a k×1 w) bit for bit as PyTorch adds it on processors other
than Intel's (see `small_gemm._one_output`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import small_gemm

torch = pytest.importorskip("torch")

other_processor = pytest.mark.skipif(small_gemm.INTEL,
                                     reason="MKL's order measured on a non-Intel processor")


def _values(rng: np.random.Generator, shape: tuple, dtype: type) -> np.ndarray:
    """Random values of many sizes, with zeros of both signs and a few infinities."""
    a = rng.standard_normal(shape) * np.exp2(rng.integers(-8, 9, shape))
    u = rng.random(shape)
    a[u < 0.08], a[(u >= 0.08) & (u < 0.16)], a[(u >= 0.16) & (u < 0.17)] = 0.0, -0.0, np.inf
    return a.astype(dtype)


def _bits(out: Any) -> bytes:
    """The result's bytes, every nan read as one nan (MKL's nan signs are its own)."""
    a = out.detach().numpy()
    return np.where(np.isnan(a), np.nan, a).astype(a.dtype).tobytes()


def _one_output_outcome(lib: Any, x: np.ndarray, weight: np.ndarray,
                        bias: np.ndarray) -> list:
    X, W, B = lib.tensor(x), lib.tensor(weight), lib.tensor(bias)
    outs = [lib.nn.functional.linear(X, W, B), lib.nn.functional.linear(X, W), X @ W.t(),
            lib.addmm(B, X, W.t()), X @ lib.tensor(np.ascontiguousarray(weight.T))]
    return [_bits(out) for out in outs]


@other_processor
@pytest.mark.parametrize("dtype, inner", [(np.float32, k) for k in [*range(4, 20), 33, 100]]
                         + [(np.float64, k) for k in [*range(4, 12), 33, 100]])
def test_linear_with_one_output_is_pytorchs_bit_for_bit(dtype: type, inner: int) -> None:
    """Linear(k, 1): rows in whole groups of 4 add ((p₀ + … + p₍ₖ₋₄₎) + p₍ₖ₋₂₎) +
    (p₍ₖ₋₃₎ + p₍ₖ₋₁₎) for k from 5 to 8 (any k > 4: the first (k - 1) % L + 1 into L = 4
    lanes (float64: 2) of the next in rounds of L), the other rows in turn (float32, k from
    12 to 19: the first 4 into 8 lanes of the next 8, folded, then the rest in turn); with
    and without bias, for F.linear, x @ w.t(), addmm and x @ w. Signed zeros and infinities
    included."""
    rng = np.random.default_rng(inner * 10 + (dtype == np.float64))
    for n in (1, 2, 3, 4, 5, 7, 8, 13):
        if n % 4 and inner > (19 if dtype == np.float32 else 9):
            n -= n % 4  # (the last n % 4 rows: order not known past these k)
        if n == 1 and inner >= 12 or n == 0:
            continue  # (one row of 12 or more: not known)
        x, weight = _values(rng, (n, inner), dtype), _values(rng, (1, inner), dtype)
        bias = _values(rng, (1,), dtype)
        with np.errstate(all="ignore"):
            expected = _one_output_outcome(torch, x, weight, bias)
            assert _one_output_outcome(ak, x, weight, bias) == expected, (n, inner)


@other_processor
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("inner", [4, 5, 9, 12, 16, 40])
def test_negative_zero_sums_with_one_output(dtype: type, inner: int) -> None:
    """A -0 sum is +0 without a bias; with a -0 bias it stays -0, but in the groups of 4
    rows whose sums start from +0 (k > 4, or float64)."""
    weight = np.where(np.arange(inner) % 2 == 0, -1.0, 1.0).astype(dtype)[None]
    for n in (1, 3, 4, 5, 8):
        x = np.where(np.arange(inner) % 2 == 0, 0.0, -0.0).astype(dtype) * np.ones((n, 1), dtype)
        bias = np.array([-0.0], dtype)
        if inner > (19 if dtype == np.float32 else 9) and n % 4:
            n, x = n - n % 4, x[:n - n % 4]
        if inner >= 12 and n == 1:
            continue  # (one row of 12: MKL's -0 sum depends on more than the kit knows)
        assert _one_output_outcome(ak, x, weight, bias) == _one_output_outcome(
            torch, x, weight, bias), n
