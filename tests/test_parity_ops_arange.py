"""Parity with PyTorch for floating-point ``arange``: its CPU kernel fills SIMD vectors from
a base value (fused multiply-adds), so ``arange(-1, 1, 0.1)`` has -2.9802e-09 at index 10,
where float64 arithmetic (the kit before) gave -2.2204e-16."""

import math
import random

import numpy
import pytest

import autograd_kit as ak


def test_arange_minus_one_to_one_by_a_tenth():
    x = ak.arange(-1, 1, 0.1)
    assert x[10].item() == numpy.float32(-2.9802322e-09)
    assert "-2.9802e-09" in repr(x)
    assert x.shape == (20,) and x.dtype is ak.float32


def test_whole_steps_stay_exact():
    assert ak.arange(5.).tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert ak.arange(10, 0, -1.5).tolist() == [10.0, 8.5, 7.0, 5.5, 4.0, 2.5, 1.0]
    assert ak.arange(0.0, 0.0).shape == (0,)


def _cases():
    rng = random.Random(0)
    cases = [(-1, 1, 0.1), (0, 1, 0.1), (0, 5, 0.3), (-3, 3, 0.7), (0.5, 100.3, 0.37),
             (1e-3, 2, 1e-3), (10, -10, -0.13)]
    for _ in range(60):
        a, n = rng.uniform(-10, 10), rng.randint(1, 2000)
        s = rng.choice([-1, 1]) * rng.uniform(0.001, 3)
        cases.append((a, a + s * n * rng.uniform(0.99, 1.0), s))
    return cases


@pytest.mark.parametrize("name", ["float32", "float64", "float16"])
def test_bits_match_pytorch(name):
    torch = pytest.importorskip("torch")
    for start, end, step in _cases():
        ours = ak.arange(start, end, step, dtype=getattr(ak, name)).numpy()
        theirs = torch.arange(start, end, step, dtype=getattr(torch, name)).numpy()
        assert ours.shape == theirs.shape == (math.ceil((end - start) / step),)
        numpy.testing.assert_array_equal(ours.view(numpy.uint8), theirs.view(numpy.uint8))
