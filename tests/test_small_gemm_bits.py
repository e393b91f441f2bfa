"""nn.Linear's float32 output for the shapes whose BLAS order is known (ops/small_gemm.py).
MKL orders its sums one way on Intel processors and another elsewhere: the expected numbers
were printed by PyTorch 2.13 (CPU, MKL) for the same inputs on an Intel and on an AMD
processor (sums of the bit patterns of the output). Run without PyTorch."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.ops import small_gemm
from autograd_kit.ops.sleef_float32 import fma

# (Intel, other processors)
TWO_FEATURES = {3: (-3198460884, -3198460884), 6: (-2192985058, -2192985057),
                8: (-2244238146, -2244238145)}
ONE_FEATURE = (-14809086031, -14809086029)


def measured(numbers: tuple[int, int]) -> int:
    return numbers[0] if small_gemm.INTEL else numbers[1]


def bits(t: ak.Tensor) -> int:
    return int(t.detach().numpy().view(np.int32).astype(np.int64).sum())


@pytest.mark.parametrize("n", sorted(TWO_FEATURES))
def test_two_features_one_output_matches_pytorch(n: int) -> None:
    x = ak.linspace(-2, 3, 2 * n).reshape(n, 2) ** 3
    y = F.linear(x, ak.tensor([[0.37, -1.21]]), ak.tensor([0.05]))
    assert bits(y) == measured(TWO_FEATURES[n])


def test_one_feature_many_outputs_matches_pytorch() -> None:
    x = ak.linspace(-1, 1, 9).reshape(9, 1) ** 3
    w = ak.linspace(-0.7, 0.9, 6).reshape(6, 1)
    assert bits(F.linear(x, w, ak.linspace(0.1, -0.2, 6))) == measured(ONE_FEATURE)


def test_intels_two_orders_and_the_other_shapes() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 2)).astype(np.float32)
    w = rng.standard_normal((2, 1)).astype(np.float32)
    b = np.float32([0.3])
    out = small_gemm._intel_addmm(b, x, w)
    first = x[:, :1] * w[0]
    assert np.array_equal(out[:4], fma(x[:4, 1:], w[1], first[:4]) + b)
    assert np.array_equal(out[4:], (first[4:] + x[4:, 1:] * w[1]) + b)
    assert small_gemm._intel_addmm(b, rng.standard_normal((4, 3)).astype(np.float32),
                                   rng.standard_normal((3, 1)).astype(np.float32)) is None
    assert small_gemm._intel_addmm(b.astype(np.float64), x.astype(np.float64),
                                   w.astype(np.float64)) is None


def test_the_walk_of_other_processors() -> None:
    """Plain term-by-term sums up to 11 columns or 3 rows, fused beyond (float32 only)."""
    rng = np.random.default_rng(1)
    for (n, k, m), fused in [((5, 3, 11), False), ((3, 2, 40), False), ((4, 3, 12), True)]:
        x = rng.standard_normal((n, k)).astype(np.float32)
        w = rng.standard_normal((k, m)).astype(np.float32)
        expected = x[:, :1] * w[:1]
        for j in range(1, k):
            expected = (fma(x[:, j:j + 1], w[j:j + 1], expected) if fused
                        else expected + x[:, j:j + 1] * w[j:j + 1])
        assert np.array_equal(small_gemm._walk(x, w), expected)
        if not fused:
            assert small_gemm._walk(x.astype(np.float64), w.astype(np.float64)) is not None
    x, w = np.ones((4, 3)), np.ones((3, 12))
    assert small_gemm._walk(x, w) is None  # (a float64 fma has no NumPy equivalent)
    assert small_gemm._walk(np.ones((2, 4), np.float32), np.ones((4, 2), np.float32)) is None
    # past 4096 fused results NumPy's faster product is kept
    assert small_gemm._walk(np.ones((64, 2), np.float32), np.ones((2, 64), np.float32)) is not None
    assert small_gemm._walk(np.ones((65, 2), np.float32), np.ones((2, 64), np.float32)) is None


@pytest.mark.skipif(small_gemm.INTEL, reason="MKL orders these sums differently on Intel")
def test_a_zero_sum_is_plus_zero_and_one_row_keeps_the_bias_sign() -> None:
    # (PyTorch 2.13 on an AMD EPYC: a -0 sum starts from +0, before the bias too; one row
    # adds -0 + -0 = -0)
    x, w = ak.full((2, 2), -0.0), ak.ones(2, 3)
    assert str((x @ w)[0].tolist()) == "[0.0, 0.0, 0.0]"
    y = F.linear(x, ak.ones(3, 2), ak.full((3,), -0.0))
    assert str(y[0].tolist()) == "[0.0, 0.0, 0.0]"
    y = F.linear(x[:1], ak.ones(3, 2), ak.full((3,), -0.0))
    assert str(y[0].tolist()) == "[-0.0, -0.0, -0.0]"
