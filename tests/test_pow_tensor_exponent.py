"""float32 ``x ** y`` and ``number ** y`` with a tensor exponent give PyTorch's bits: the power
computed in float64 and rounded once (NumPy's float32 power is often one float off)."""

from __future__ import annotations

import numpy
import pytest

import autograd_kit as ak


def bits(values: ak.Tensor) -> list[int]:
    return values.detach().numpy().view(numpy.int32).tolist()


def test_a_number_to_a_tensor_power_is_the_nearest_float() -> None:
    assert bits(3 ** ak.tensor([-3.0])) == [0x3D17B426]  # 1/27, rounded once
    assert (3 ** ak.tensor([-3.0])).dtype == ak.float32


def test_both_forms_round_once_from_float64() -> None:
    rng = numpy.random.default_rng(11)
    x = (rng.random(500) * 4).astype(numpy.float32)
    y = (rng.standard_normal(500) * 3).astype(numpy.float32)
    once = (x.astype(numpy.float64) ** y.astype(numpy.float64)).astype(numpy.float32)
    assert bits(ak.from_numpy(x) ** ak.from_numpy(y)) == once.view(numpy.int32).tolist()
    base = float(numpy.float32(2.7))
    once = (base ** y.astype(numpy.float64)).astype(numpy.float32)
    assert bits(2.7 ** ak.from_numpy(y)) == once.view(numpy.int32).tolist()


def test_special_values_and_gradients_are_unchanged() -> None:
    out = ak.tensor([0.0, -1.0, 1e30]) ** ak.tensor([-1.0, 0.5, 2.0])
    assert out.tolist()[0] == float("inf") and numpy.isnan(out.tolist()[1])
    assert out.tolist()[2] == float("inf")
    a = ak.tensor([2.0, 3.0], requires_grad=True)
    b = ak.tensor([1.5, 2.0], requires_grad=True)
    (a ** b).sum().backward()
    assert a.grad.tolist() == pytest.approx([1.5 * 2.0 ** 0.5, 6.0])
    assert b.grad.tolist() == pytest.approx([2.0 ** 1.5 * numpy.log(2.0), 9.0 * numpy.log(3.0)])
    assert (ak.tensor([1.0, 2.0]) ** ak.tensor([2, 3])).tolist() == [1.0, 8.0]
    assert (2.5 ** ak.tensor([1, 2])).tolist() == [2.5, 6.25]


def test_the_same_bits_as_pytorch() -> None:
    torch = pytest.importorskip("torch")
    rng = numpy.random.default_rng(12)
    x = (rng.random(400) * 4).astype(numpy.float32)
    y = (rng.standard_normal(400) * 3).astype(numpy.float32)
    expected = (torch.from_numpy(x) ** torch.from_numpy(y)).numpy().view(numpy.int32)
    got = numpy.array(bits(ak.from_numpy(x) ** ak.from_numpy(y)))
    assert (got != expected).mean() < 0.05  # (PyTorch's vectorised powf: almost always)
    small = (torch.tensor(3.0) ** torch.from_numpy(y[:8])).numpy().view(numpy.int32)
    assert bits(3.0 ** ak.from_numpy(y[:8])) == small.tolist()
