"""nn.Linear's product x @ weight.t() (and its bias) bit for bit as PyTorch's BLAS adds it
on processors other than Intel's (see autograd_kit/ops/small_gemm.py)."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import small_gemm

torch = pytest.importorskip("torch")
from tests.parity_harness import with_special_values  # noqa: E402

# (no nan: MKL's nan signs are its own)
_with_special_values = partial(with_special_values, nans=False)

other_processor = pytest.mark.skipif(small_gemm.INTEL,
                                     reason="MKL's order measured on a non-Intel processor")


def _linear_outcome(lib: Any, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> list:
    X, W, B = lib.tensor(x), lib.tensor(weight), lib.tensor(bias)
    outs = [lib.nn.functional.linear(X, W, B), lib.nn.functional.linear(X, W), X @ W.t(),
            lib.addmm(B, X, W.t())]
    with lib.no_grad():
        outs.append(lib.mm(X, W.t()))
    return [out.detach().numpy().tobytes() for out in outs]


@other_processor
@pytest.mark.parametrize("outputs", [2, 3])
@pytest.mark.parametrize("inner", [4, 7, 8, 12, 16, 20, 32, 64, 256])
def test_linear_with_two_or_three_outputs_is_pytorchs_bit_for_bit(outputs: int,
                                                                   inner: int) -> None:
    """Linear(k, 2 or 3) in float32, k < 8 or a multiple of 4: MKL sums each value in 8
    lanes, folds them in halves, then adds the last k % 8 products in turn (`_lane_walk`);
    with and without bias, for F.linear, x @ w.t(), addmm and mm. Signed zeros and
    infinities included."""
    rng = np.random.default_rng(inner * 10 + outputs)
    for trial in range(6):
        n = int(rng.integers(2, max(3, 4096 // (inner * outputs))))
        x = rng.standard_normal((n, inner)).astype(np.float32)
        weight = rng.standard_normal((outputs, inner)).astype(np.float32)
        bias = rng.standard_normal(outputs).astype(np.float32)
        if trial % 2:
            x, weight = _with_special_values(rng, x), _with_special_values(rng, weight)
            bias[0] = -0.0
        assert _linear_outcome(ak, x, weight, bias) == _linear_outcome(torch, x, weight, bias), n


@other_processor
def test_linear_module_of_three_outputs_on_a_batch_of_sequences() -> None:
    """nn.Linear(16, 3) on a (batch, time, features) input: the same 8-lane sums."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 5, 16)).astype(np.float32)
    weight = rng.standard_normal((3, 16)).astype(np.float32)
    bias = rng.standard_normal(3).astype(np.float32)
    got, want = (lib.nn.functional.linear(lib.tensor(x), lib.tensor(weight), lib.tensor(bias))
                 for lib in (ak, torch))
    assert got.numpy().tobytes() == want.numpy().tobytes()


def test_lane_walk_leaves_other_shapes_to_numpy() -> None:
    """Other widths, odd k past 8, float64, and more than `small_gemm.LONG_WALK_UP_TO`
    products keep NumPy's product."""
    x = np.ones((8, 16), np.float32)
    assert small_gemm._lane_walk(x, np.ones((3, 16), np.float32).T) is not None
    assert small_gemm._lane_walk(x, np.ones((12, 16), np.float32).T) is None
    assert small_gemm._lane_walk(x[:, :9], np.ones((3, 9), np.float32).T) is None
    assert small_gemm._lane_walk(x.astype(np.float64), np.ones((3, 16)).T) is None
    assert small_gemm._lane_walk(np.ones((200, 16), np.float32),
                                 np.ones((2, 16), np.float32).T) is None


@other_processor
@pytest.mark.parametrize("n,k,m", [(4, 42, 22), (4, 36, 20), (8, 32, 13), (4, 61, 12),
                                   (16, 8, 24), (13, 5, 40)])
def test_products_of_twelve_or_more_columns_walk_with_fused_multiply_adds(n: int, k: int,
                                                                          m: int) -> None:
    """float32 x @ w with at least 12 columns and 4, 8 or at least 12 rows: MKL walks the
    products with fused multiply-adds from x₀·w₀ (`_fused_walk`), for a row-major w and for
    nn.Linear's weight.t(), with and without bias; also for Linear's input gradient
    (grad @ weight) where the input has at least 12 features."""
    rng = np.random.default_rng(n * k * m)
    for trial in range(4):
        x = rng.standard_normal((n, k)).astype(np.float32)
        weight = rng.standard_normal((m, k)).astype(np.float32)
        bias = rng.standard_normal(m).astype(np.float32)
        if trial % 2:
            x, weight = _with_special_values(rng, x), _with_special_values(rng, weight)
        grad = rng.standard_normal((n, m)).astype(np.float32)
        got, want = (_linear_outcome(lib, x, weight, bias)
                     + [(lib.tensor(x) @ lib.tensor(weight.T.copy())).numpy().tobytes()]
                     + [(lib.tensor(grad) @ lib.tensor(weight)).numpy().tobytes()] * (k >= 12)
                     for lib in (ak, torch))
        assert got == want


@other_processor
@pytest.mark.parametrize("n,m", [(2, 4), (5, 8), (32, 11), (64, 6), (3, 40), (2, 100)])
def test_linear_of_eight_inputs_sums_in_eight_lanes(n: int, m: int) -> None:
    """Linear(8, m) with up to 11 outputs (any number of outputs with 2 or 3 rows): each
    value is 8 products folded in halves (`_lane_walk`), with and without bias."""
    rng = np.random.default_rng(n * m)
    for trial in range(4):
        x = rng.standard_normal((n, 8)).astype(np.float32)
        weight = rng.standard_normal((m, 8)).astype(np.float32)
        bias = rng.standard_normal(m).astype(np.float32)
        if trial % 2:
            x, weight = _with_special_values(rng, x), _with_special_values(rng, weight)
        assert _linear_outcome(ak, x, weight, bias) == _linear_outcome(torch, x, weight, bias)


@other_processor
@pytest.mark.parametrize("n,k,m", [(5, 12, 4), (32, 16, 8), (15, 64, 4), (2, 16, 24),
                                   (3, 4, 12), (64, 4, 8)])
def test_linear_of_four_or_eight_outputs_sums_in_four_lanes(n: int, k: int, m: int) -> None:
    """Linear(k, 4 or 8) with k a multiple of 4 (any multiple of 4 outputs with 2 or 3 rows):
    each value sums its products in 4 lanes folded in halves (`_lane_walk`), with and
    without bias."""
    rng = np.random.default_rng(n * k * m)
    for trial in range(4):
        x = rng.standard_normal((n, k)).astype(np.float32)
        weight = rng.standard_normal((m, k)).astype(np.float32)
        bias = rng.standard_normal(m).astype(np.float32)
        if trial % 2:
            x, weight = _with_special_values(rng, x), _with_special_values(rng, weight)
        assert _linear_outcome(ak, x, weight, bias) == _linear_outcome(torch, x, weight, bias)


@other_processor
@pytest.mark.parametrize("n,k,m", [(16, 16, 5), (10, 12, 6), (32, 8, 7), (9, 32, 10),
                                   (4, 20, 11), (2, 16, 13), (3, 12, 30)])
def test_linear_columns_in_fours_take_four_lanes_the_rest_eight(n: int, k: int,
                                                                  m: int) -> None:
    """Linear(k, m) with 5 to 11 outputs (any number with 2 or 3 rows), k a multiple of 4:
    the outputs in whole groups of 4 sum in 4 lanes, the last m % 4 in 8 (`_lane_walk`)."""
    rng = np.random.default_rng(n * k * m)
    for trial in range(4):
        x = rng.standard_normal((n, k)).astype(np.float32)
        weight = rng.standard_normal((m, k)).astype(np.float32)
        bias = rng.standard_normal(m).astype(np.float32)
        if trial % 2:
            x, weight = _with_special_values(rng, x), _with_special_values(rng, weight)
        assert _linear_outcome(ak, x, weight, bias) == _linear_outcome(torch, x, weight, bias)


@other_processor
@pytest.mark.parametrize("n,k,m", [(16, 5, 9), (40, 7, 11), (2, 6, 100), (3, 64, 20),
                                   (2, 100, 5), (3, 40, 16)])
def test_more_row_major_products_add_term_by_term(n: int, k: int, m: int) -> None:
    """float32 x @ w (w row-major, x row- or column-major) with k < 8 and up to 11 columns,
    or with up to 3 rows and k < 8 or 4, 5 or a multiple of 4 columns: MKL adds the
    products term by term from +0 (`small_gemm._plain_for`), as in Linear's input gradient
    grad @ weight."""
    rng = np.random.default_rng(n * k * m)
    for trial in range(4):
        x = rng.standard_normal((n, k)).astype(np.float32)
        w = rng.standard_normal((k, m)).astype(np.float32)
        if trial % 2:
            x, w = _with_special_values(rng, x), _with_special_values(rng, w)
        got, want = ([(lib.tensor(a) @ lib.tensor(w)).numpy().tobytes()
                      for a in (x, np.asfortranarray(x))] for lib in (ak, torch))
        assert got == want


@other_processor
@pytest.mark.parametrize("n,k,m", [(2, 6, 4), (16, 10, 8), (33, 16, 4), (5, 40, 8)])
def test_double_linear_of_four_or_eight_outputs_sums_in_two_lanes(n: int, k: int,
                                                                  m: int) -> None:
    """float64 Linear(k, 4 or 8) with an even k: each value sums its products in 2 lanes,
    then adds the two (`_lane_walk`), with and without bias."""
    rng = np.random.default_rng(n * k * m)
    for trial in range(4):
        x, weight, bias = (rng.standard_normal(shape) for shape in ((n, k), (m, k), m))
        if trial % 2:
            x, weight = _with_special_values(rng, x), _with_special_values(rng, weight)
        assert _linear_outcome(ak, x, weight, bias) == _linear_outcome(torch, x, weight, bias)
