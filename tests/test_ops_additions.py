"""Kit-only checks of the behaviour compared with PyTorch in tests/test_torch_parity_ops3.py
(that file is skipped where PyTorch is not installed): values written out by hand, and
gradients against hand-derived formulas or finite differences."""

from __future__ import annotations

import math

import numpy
import pytest

import autograd_kit as ak


def signbits(t: ak.Tensor) -> list[bool]:
    return numpy.signbit(t.numpy()).tolist()


# ---- remainder and clamp: the sign of zero ------------------------------------------------

def test_a_zero_remainder_keeps_the_dividends_sign() -> None:
    x = ak.tensor([6., -6., 0., -0., 5., -5.])
    assert signbits(x % -3) == [False, True, False, True, True, True]
    assert (x % -3).tolist() == [0., 0., 0., 0., -1., -2.]
    assert signbits(x % 3) == [False, True, False, True, False, False]
    assert signbits(ak.remainder(-6., ak.tensor([3., -3.]))) == [True, True]
    assert signbits(ak.tensor([-6.]).remainder_(3)) == [True]
    assert (ak.tensor([5, -5]) % -3).tolist() == [-1, -2]  # integers as before


def test_clamp_keeps_x_on_a_tie_with_a_bound() -> None:
    x = ak.tensor([-0., 0., -1., 1.])
    assert signbits(x.clamp(min=0)) == [True, False, False, False]
    assert signbits(x.clamp(max=-0.)) == [True, False, True, True]
    assert signbits(x.clamp_min(0.)) == [True, False, False, False]
    assert signbits(ak.clamp(x, ak.tensor(0.), ak.tensor(0.))) == [True, False, False, False]
    assert math.isnan(ak.tensor([float("nan")]).clamp(0., 1.).item())


# ---- add / sub with alpha ------------------------------------------------------------------

def test_alpha_on_bools() -> None:
    x = ak.tensor([True, False])
    assert x.add(x, alpha=2).tolist() == [True, False]
    assert x.add(ak.tensor([False, True]), alpha=0).tolist() == [True, False]
    assert x.add(ak.tensor([False, True]), alpha=-1).dtype == ak.bool
    with pytest.raises(RuntimeError, match="Boolean alpha only supported for Boolean results"):
        ak.tensor([1., 2.]).add(ak.tensor([1., 2.]), alpha=True)
    with pytest.raises(RuntimeError, match="with two bool tensors is not supported"):
        x.sub(x, alpha=2)
    with pytest.raises(RuntimeError, match="must not be a floating point number"):
        ak.tensor([1, 2]).add(ak.tensor([1, 2]), alpha=1.0)


def test_alpha_must_fit_the_result_type() -> None:
    x = ak.tensor([1, 2], dtype=ak.int8)
    with pytest.raises(RuntimeError, match="cannot be converted to type int8_t without overflow"):
        x.add(x, alpha=1000)
    with pytest.raises(OverflowError, match="int too big to convert"):
        ak.tensor([1, 2]).add(1, alpha=2**70)
    assert ak.tensor([1., 2.]).sub(ak.tensor([1., 1.]), alpha=3).tolist() == [-2., -1.]


# ---- out-of-range Python numbers ------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda v: ak.full((2,), v, dtype=ak.int8),
    lambda v: ak.zeros(2, dtype=ak.int8).fill_(v),
    lambda v: ak.zeros(2, dtype=ak.int8).masked_fill(ak.tensor([True, False]), v),
    lambda v: ak.zeros(2, dtype=ak.int8).clamp(min=v),
    lambda v: ak.where(ak.tensor([True, False]), ak.zeros(2, dtype=ak.int8), v),
])
def test_an_int8_refuses_a_number_it_cannot_hold(make) -> None:
    with pytest.raises(RuntimeError, match="value cannot be converted to type int8_t without "
                                           "overflow"):
        make(1000)
    assert make(-100).dtype == ak.int8


def test_unsigned_types_wrap_small_negative_numbers() -> None:
    assert ak.full((2,), -1, dtype=ak.uint8).tolist() == [255, 255]
    assert ak.zeros(1, dtype=ak.uint8).fill_(-255).tolist() == [1]
    assert ak.tensor([1, 2], dtype=ak.uint8).clamp(min=-1).tolist() == [255, 255]
    assert ak.where(ak.tensor([True, False]), -1, ak.tensor([3, 4], dtype=ak.uint8)).tolist() \
        == [255, 4]
    with pytest.raises(RuntimeError, match="uint8_t"):
        ak.full((2,), -256, dtype=ak.uint8)


def test_other_types_name_their_c_type() -> None:
    with pytest.raises(RuntimeError, match="type int without overflow"):
        ak.full((1,), 2**40, dtype=ak.int32)
    with pytest.raises(RuntimeError, match="type float without overflow"):
        ak.full((1,), 1e39)
    with pytest.raises(OverflowError, match="int too big to convert"):
        ak.full((1,), 2**64)
    assert ak.full((1,), 1e39, dtype=ak.float64).item() == 1e39
