"""Parity with PyTorch for digamma's gradient (trigamma) at edge points: nan, ±inf, the
poles and negative numbers used to crash (``ValueError: cannot convert float NaN to integer``)
or give inf where PyTorch's reflection gives a huge finite number."""

import math

import numpy

import autograd_kit as ak

VALUES = [math.nan, -1.0, math.inf, -math.inf, 0.0, -0.0, 1.0, -2.5, 3.0, 0.3, 1e-3, -3.7]


def _grad(module, values, dtype_name="float32"):
    x = module.tensor(values, dtype=getattr(module, dtype_name), requires_grad=True)
    x.digamma().sum().backward()
    return x.grad.numpy()


def test_digamma_backward_at_nan_and_infinities_does_not_crash():
    grad = _grad(ak, [math.nan, math.inf, -math.inf, 1.0])
    assert math.isnan(grad[0]) and grad[1] == 0.0 and math.isnan(grad[2])
    assert grad[3] == numpy.float32(math.pi ** 2 / 6)


def test_trigamma_at_a_negative_integer_is_finite_as_pytorch():
    assert ak.polygamma(1, ak.tensor([-1.0])).item() == 1291369695936512.0


def test_zeta_at_positive_infinity_is_nan():
    assert math.isnan(ak.special.zeta(2.0, ak.tensor([math.inf])).item())


def test_trigamma_matches_pytorch_bitwise():
    torch = __import__("pytest").importorskip("torch")
    for dtype_name in ("float32", "float64"):
        ours, theirs = _grad(ak, VALUES, dtype_name), _grad(torch, VALUES, dtype_name)
        numpy.testing.assert_array_equal(ours, theirs)
        q = torch.special.zeta(2.0, torch.tensor(VALUES, dtype=getattr(torch, dtype_name)))
        numpy.testing.assert_array_equal(
            ak.special.zeta(2.0, ak.tensor(VALUES, dtype=getattr(ak, dtype_name))).numpy()[[0, 2]],
            q.numpy()[[0, 2]])
