"""Parity with PyTorch for ``prod`` of float32/float64 values along a contiguous run of 32 or
more: PyTorch multiplies blocks of four 32-byte vectors lane by lane, NumPy in its own order,
so the last bit differed (one row in three of ``prod(dim=-1)`` on 100 values)."""

import numpy
import pytest

import autograd_kit as ak
from autograd_kit.ops.product_order import inner_product


def test_block_order_by_hand():
    x = numpy.random.RandomState(0).uniform(0.5, 1.5, 40).astype(numpy.float32)
    acc = x[:32].reshape(4, 8)
    v = (acc[0] * acc[1]) * (acc[2] * acc[3])
    p = numpy.float32(1)
    for value in v:
        p = p * value
    for value in x[32:]:
        p = p * value
    assert inner_product(x) == p
    assert ak.tensor(x).prod().item() == p


def test_short_runs_are_left_to_right():
    assert ak.tensor([1.5, 2.0, 3.0]).prod().item() == 9.0
    assert ak.tensor([[1.0, 2.0], [3.0, 4.0]]).prod(1).tolist() == [2.0, 12.0]


@pytest.mark.parametrize("name", ["float32", "float64"])
def test_bits_match_pytorch(name):
    torch = pytest.importorskip("torch")
    rng = numpy.random.RandomState(1)
    for shape in [(100,), (10, 100), (100, 10), (33,), (3, 40), (2, 64), (5, 5, 70), (5, 70, 5)]:
        x = rng.uniform(0.5, 1.5, shape).astype(name)
        for args in [(), (0,), (-1,), (-1, True)]:
            ours = ak.tensor(x).prod(*args).numpy()
            theirs = torch.tensor(x).prod(*args).numpy()
            assert ours.shape == theirs.shape
            numpy.testing.assert_array_equal(ours, theirs)
