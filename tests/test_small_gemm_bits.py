"""nn.Linear's float32 output for the two shapes whose BLAS order is known (ops/small_gemm.py):
Linear(1, m) (one fused multiply-add per value) and Linear(2, 1) (fused in whole groups of 4
rows). The expected numbers were printed by PyTorch 2.13 (CPU, MKL) for the same inputs: sums
of the bit patterns of the output. Run without PyTorch."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.ops.sleef_float32 import fma
from autograd_kit.ops.small_gemm import addmm_float32


def bits(t: ak.Tensor) -> int:
    return int(t.detach().numpy().view(np.int32).astype(np.int64).sum())


@pytest.mark.parametrize(("n", "expected"), [(3, -3198460884), (6, -2192985058),
                                             (8, -2244238146)])
def test_two_features_one_output_matches_pytorch(n: int, expected: int) -> None:
    x = ak.linspace(-2, 3, 2 * n).reshape(n, 2) ** 3
    y = F.linear(x, ak.tensor([[0.37, -1.21]]), ak.tensor([0.05]))
    assert bits(y) == expected


def test_one_feature_many_outputs_matches_pytorch() -> None:
    x = ak.linspace(-1, 1, 9).reshape(9, 1) ** 3
    w = ak.linspace(-0.7, 0.9, 6).reshape(6, 1)
    assert bits(F.linear(x, w, ak.linspace(0.1, -0.2, 6))) == -14809086031


def test_the_two_orders_and_the_other_shapes() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 2)).astype(np.float32)
    w = rng.standard_normal((2, 1)).astype(np.float32)
    b = np.float32([0.3])
    out = addmm_float32(b, x, w)
    first = x[:, :1] * w[0]
    assert np.array_equal(out[:4], fma(x[:4, 1:], w[1], first[:4]) + b)
    assert np.array_equal(out[4:], (first[4:] + x[4:, 1:] * w[1]) + b)
    assert addmm_float32(b, rng.standard_normal((4, 3)).astype(np.float32),
                         rng.standard_normal((3, 1)).astype(np.float32)) is None
    assert addmm_float32(b, x.astype(np.float64), w) is None
