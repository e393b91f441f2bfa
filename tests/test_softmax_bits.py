"""PyTorch's float32 softmax, log_softmax, their gradients and nll_loss's adding order, to the
last bit (ops/softmax_float32.py, ops/nll_order.py, ops/sleef_float32.sleef_log).

The expected numbers were printed by PyTorch 2.13 (CPU, its AVX-512 kernels) for the same
inputs: sums of the results' bit patterns, so that one bit off anywhere fails. Run without
PyTorch. (PyTorch's AVX2 kernels, with vectors of 8 floats, give other last bits for some:
those run only where PyTorch would use AVX-512, see cpu_capability.py.)"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.cpu_capability import capability
from autograd_kit.ops import nll_order, softmax_float32
from autograd_kit.ops.sleef_float32 import sleef_log

avx512_bits = pytest.mark.skipif(capability() != "AVX512",
                                 reason="bits printed by PyTorch's AVX-512 kernels")


def bits(t: ak.Tensor) -> int:
    return int(t.detach().numpy().view(np.int32).astype(np.int64).sum())


def example() -> ak.Tensor:
    return ak.linspace(-3, 4, 40).reshape(2, 20) ** 2 / 7


def test_softmax_and_log_softmax_rows_match_pytorch_bit_for_bit() -> None:
    x = example()
    assert [bits(r) for r in ak.softmax(x, -1)] == [20552936817, 20510908097]
    assert [bits(r) for r in ak.log_softmax(x, -1)] == [-21383704709, -21370860307]


def test_cross_entropy_value_and_gradient_match_pytorch() -> None:
    x = example().requires_grad_()
    loss = F.cross_entropy(x, ak.tensor([3, 17]))
    assert loss.item() == 2.437978744506836
    (loss * 3).backward()  # (the mean's gradient: -(3 / N) · w, PyTorch's order)
    assert bits(x.grad) == 37017645465


@avx512_bits
def test_softmax_gradient_matches_pytorch_for_many_rows_and_one_row() -> None:
    x = example().requires_grad_()
    (ak.softmax(x, -1) * ak.arange(20.)).sum().backward()
    assert bits(x.grad) == -5525546011
    row = example()[0].clone().requires_grad_()  # one row: the last partial vector is fused
    (ak.softmax(row, -1) * ak.arange(20.)).sum().backward()
    assert bits(row.grad) == 3686448470


def test_nll_batch_sums_in_pytorchs_cascade_order() -> None:
    x = ak.linspace(-2, 2, 300).reshape(100, 3)
    t = ak.arange(100) % 3
    w = ak.tensor([0.3, 1.7, 0.9])
    assert F.cross_entropy(x, t).item() == 1.0988056659698486
    assert F.cross_entropy(x, t, weight=w).item() == 1.0959545373916626
    assert F.cross_entropy(x, t, reduction="sum").item() == 109.88056945800781


def test_log_softmax_keeps_huge_differences() -> None:
    x = ak.tensor([1.5, 2.75, 10.0, 123.456, 1e-30, 3e38])
    assert ak.log_softmax(x, 0).tolist() == [-3.0000000054977558e+38] * 5 + [0.0]


def reference_lane_sum(row: np.ndarray) -> np.float32:
    """PyTorch's reduce_all written out lane by lane, one addition at a time."""
    width = softmax_float32.LANES  # (16 with AVX-512, 8 with AVX2)
    if len(row) < width:
        total = row[0]
        for v in row[1:]:
            total = np.float32(total + v)
        return total
    lanes = list(row[:width])
    full = len(row) - len(row) % width
    for start in range(width, full, width):
        lanes = [np.float32(a + b) for a, b in zip(lanes, row[start:start + width])]
    for i, v in enumerate(row[full:]):
        lanes[i] = np.float32(lanes[i] + v)
    while len(lanes) > 1:
        half = len(lanes) // 2
        lanes = [np.float32(lanes[i] + lanes[i + half]) for i in range(half)]
    return lanes[0]


@pytest.mark.parametrize("n", [1, 2, 7, 15, 16, 17, 31, 32, 33, 48, 100])
def test_lane_sum_adds_in_the_vector_order(n: int) -> None:
    rows = np.random.default_rng(n).standard_normal((3, n)).astype(np.float32) * 1e3
    got = softmax_float32.lane_sum(rows)
    assert [float(g) for g in got] == [float(reference_lane_sum(r)) for r in rows]


def reference_nll_total(values: np.ndarray, counted: np.ndarray) -> np.float32:
    """PyTorch's nll_loss loop: 8 levels, emptied upward at rows whose low 4-bit groups are 0."""
    levels = [np.float32(0)] * 8
    for b, (v, keep) in enumerate(zip(values, counted)):
        if not keep:
            continue
        levels[0] = np.float32(levels[0] + v)
        for j in range(7):
            if b & (15 << (4 * j)):
                break
            levels[j + 1] = np.float32(levels[j + 1] + levels[j])
            levels[j] = np.float32(0)
    total = np.float32(0)
    for level in levels:
        total = np.float32(total + level)
    return total


@pytest.mark.parametrize("n", [1, 5, 16, 17, 100, 257, 1000])
def test_nll_cascade_matches_the_loop(n: int) -> None:
    rng = np.random.default_rng(n)
    values = rng.standard_normal(n).astype(np.float32)
    counted = rng.random(n) > 0.2
    assert float(nll_order.cascade_total(values, counted)) == float(
        reference_nll_total(values, counted))


def test_sleef_log_is_within_one_unit_of_the_true_log_and_handles_edges() -> None:
    x = np.random.default_rng(0).uniform(1e-3, 1e4, 20000).astype(np.float32)
    exact = np.log(x.astype(np.float64)).astype(np.float32)
    gap = np.abs(sleef_log(x).view(np.int32).astype(np.int64) - exact.view(np.int32))
    assert gap.max() <= 1
    edges = sleef_log(np.array([0.0, np.inf, -1.0, np.nan, 1.0], np.float32))
    assert edges[0] == -np.inf and edges[1] == np.inf and edges[4] == 0.0
    assert np.isnan(edges[2]) and np.isnan(edges[3])


def test_log_softmax_over_a_middle_dim_matches_pytorch_bits() -> None:
    """Another axis than the last: chunks of whole vectors (SLEEF's exp) and a scalar tail
    (the C library's exp), sums over the dim one by one; the backward fused."""
    x = (ak.linspace(-3, 4, 3 * 7 * 20).reshape(3, 7, 20) ** 2 / 5).requires_grad_()
    y = ak.log_softmax(x, 1)
    (y * ak.arange(20.)).sum().backward()
    assert (bits(y), bits(x.grad)) == (-451105983531, 97024763226)


@avx512_bits
def test_cross_entropy_with_spatial_dims_matches_pytorch() -> None:
    """(N, C, d): log_softmax over dim 1, then nll_loss2d's cascade over (n, d) positions."""
    x = (ak.linspace(-3, 4, 2 * 5 * 9).reshape(2, 5, 9) ** 2 / 5).requires_grad_()
    t = (ak.arange(18).reshape(2, 9) * 7) % 5
    loss = F.cross_entropy(x, t, weight=ak.linspace(0.5, 1.5, 5))
    (loss * 3).backward()
    assert (loss.item(), bits(x.grad)) == (1.7615669965744019, 53406490328)
