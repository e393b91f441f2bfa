"""Parity with PyTorch for ``logspace``: exponents in float64 from the endpoints rounded (or
truncated, for integer types) to the result's type, then the C library's pow. The kit used
NumPy's float64 power (one ulp off in a few percent of values) and, for integer types,
did not truncate the endpoints (``logspace(0, 3.14, 5, dtype=int64)`` gave 1380 for 1000)."""

import math
import random

import numpy
import pytest

import autograd_kit as ak


def test_integer_logspace_truncates_the_endpoints():
    assert ak.logspace(0, 3.14, 5, dtype=ak.int64).tolist() == [1, 5, 31, 177, 1000]
    assert ak.logspace(0.1, 0.9, 5, dtype=ak.int64).tolist() == [1, 1, 1, 1, 1]


def test_float64_uses_the_c_library_pow():
    assert ak.logspace(0, 1, 5, dtype=ak.float64)[3].item() == math.pow(10, 0.75)
    assert ak.logspace(0, 2, 3).tolist() == [1.0, 10.0, 100.0]


def _cases():
    rng = random.Random(0)
    cases = [(0, 1, 5), (-1, 1, 21), (0, 10, 7), (-5, 5, 100), (3, -2, 17), (0, 1, 1),
             (0, 1, 0), (0, 400, 5), (-401, 401, 3)]
    return cases + [(rng.uniform(-2, 2), rng.uniform(-2, 2), rng.randint(2, 500))
                    for _ in range(40)]


@pytest.mark.parametrize("name", ["float32", "float64", "int64", "int32"])
@pytest.mark.parametrize("base", [10.0, 2.0, math.e, 0.0])
def test_values_match_pytorch(name, base):
    torch = pytest.importorskip("torch")
    for start, end, steps in _cases():
        theirs = torch.logspace(start, end, steps, base=base, dtype=getattr(torch, name))
        with numpy.errstate(all="ignore"):
            ours = ak.logspace(start, end, steps, base=base, dtype=getattr(ak, name))
        assert ours.shape == tuple(theirs.shape)
        numpy.testing.assert_array_equal(ours.numpy(), theirs.numpy())
