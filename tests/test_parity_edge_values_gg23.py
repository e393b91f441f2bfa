"""Gradients at kinks and special values (0, ±∞, NaN, ties), compared with PyTorch live:
values, first and second derivatives, bit for bit (NaN where PyTorch has NaN)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

INF, NAN = math.inf, math.nan
DTYPES = ["float32", "float64"]


def _array(t):
    return None if t is None else t.detach().numpy()


def derivatives(lib, fn, values, dtype, order2=True):
    """fn's value, its first derivatives (create_graph when order2) and the derivatives of
    their sum, for inputs built from ``values`` (each a list)."""
    xs = [lib.tensor(v, dtype=getattr(lib, dtype), requires_grad=True) for v in values]
    y = fn(lib, *xs)
    grads = lib.autograd.grad(y.sum(), xs, create_graph=order2, allow_unused=True)
    out = {"value": _array(y), "node": type(y.grad_fn).__name__,
           "grads": [_array(g) for g in grads]}
    if order2:
        total = sum(g.sum() for g in grads if g is not None and g.requires_grad)
        out["grads2"] = ([_array(g) for g in lib.autograd.grad(total, xs, allow_unused=True)]
                         if isinstance(total, lib.Tensor) else "constant")
    return out


def assert_same(kit, ref):
    assert kit.keys() == ref.keys()
    for key in kit:
        a, b = kit[key], ref[key]
        if isinstance(a, list):
            assert len(a) == len(b), key
            for x, y in zip(a, b):
                assert (x is None) == (y is None), key
                if x is not None:
                    assert x.dtype == y.dtype and x.shape == y.shape, key
                    assert np.array_equal(x, y, equal_nan=True), (key, x, y)
        elif isinstance(a, np.ndarray):
            assert a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True), (key, a, b)
        else:
            assert a == b, key


def check(fn, values, dtype, order2=True):
    assert_same(derivatives(ak, fn, values, dtype, order2),
                derivatives(torch, fn, values, dtype, order2))


# -- cumprod / prod with zeros beside ∞ or NaN --------------------------------------------

PRODUCTS = [[1., INF, 0.], [1., 0., INF], [INF, 0., 2.], [0., INF], [1., NAN, 0.],
            [0., 0., INF], [2., 0., 3., 0.], [0., 0., 2.], [2., INF, 3.]]


def _weighted_cumprod(lib, x):
    return x.cumprod(0) * lib.arange(1., x.shape[0] + 1)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("values", PRODUCTS, ids=str)
@pytest.mark.parametrize("order2", [False, True], ids=["first", "second"])
def test_cumprod_with_zeros_and_infinities(values, dtype, order2):
    """PyTorch's cumprod gradient with a zero: an O(n) rule without a graph, an O(n²) one
    (products before k times running products after k) under create_graph; the kit's single
    masked-product rule put NaN where PyTorch has ∞ or a number (and back)."""
    check(_weighted_cumprod, [values], dtype, order2)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("values", PRODUCTS, ids=str)
@pytest.mark.parametrize("order2", [False, True], ids=["first", "second"])
def test_prod_with_zeros_and_infinities(values, dtype, order2):
    """prod over everything: without a graph and with two zeros PyTorch's gradient is all
    zeros (the kit's was NaN beside an ∞); its second derivative runs through cumprod's."""
    check(lambda lib, x: x.prod(), [values], dtype, order2)


@pytest.mark.parametrize("dim", [0, 1])
def test_cumprod_with_zeros_along_a_dim(dim):
    values = [[0., 2., INF], [1., 0., 0.], [3., INF, 0.]]
    check(lambda lib, x: (x.cumprod(dim) * lib.tensor([[1., 2., 3.]])), [values], "float64")
    check(lambda lib, x: (x.cumprod(dim) * lib.tensor([[1., 2., 3.]])), [values], "float64",
          order2=False)


def test_cumprod_second_order_graph_is_pytorchs():
    """Under create_graph the gradient is written slice by slice into zeros: CopySlices."""
    names = []
    for lib in (ak, torch):
        x = lib.tensor([2., 0., 3.], requires_grad=True)
        (g,) = lib.autograd.grad(x.cumprod(0).sum(), x, create_graph=True)
        names.append((type(g.grad_fn).__name__,
                      [type(f).__name__ for f, _ in g.grad_fn.next_functions]))
    assert names[0] == names[1]


@pytest.mark.parametrize("order2", [False, True], ids=["first", "second"])
def test_cumprod_along_a_dim_of_one(order2):
    """Along a dim of size 1, y = x and PyTorch passes the gradient through; the kit divided
    y by x, NaN at an x of ∞."""
    check(lambda lib, x: x.cumprod(1) * 2, [[[INF], [2.], [0.]]], "float64", order2)
    check(lambda lib, x: x.cumprod(1) * 2, [[[INF], [2.]]], "float32", order2)
