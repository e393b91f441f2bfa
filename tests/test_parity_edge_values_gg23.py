"""Gradients at kinks and special values (0, ±∞, NaN, ties), compared with PyTorch live:
values, first and second derivatives, bit for bit (NaN where PyTorch has NaN)."""

from __future__ import annotations

import math
import warnings

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


def _equal(a, b, rtol):
    """Bit for bit (NaN where NaN), or within ``rtol`` with ∞ and NaN in the same places."""
    if not rtol:
        return np.array_equal(a, b, equal_nan=True)
    np.testing.assert_allclose(a, b, rtol=rtol, atol=0)
    return True


def assert_same(kit, ref, rtol=0.):
    assert kit.keys() == ref.keys()
    for key in kit:
        a, b = kit[key], ref[key]
        if isinstance(a, list):
            assert len(a) == len(b), key
            for x, y in zip(a, b):
                assert (x is None) == (y is None), key
                if x is not None:
                    assert x.dtype == y.dtype and x.shape == y.shape, key
                    assert _equal(x, y, rtol), (key, x, y)
        elif isinstance(a, np.ndarray):
            assert a.dtype == b.dtype and _equal(a, b, rtol), (key, a, b)
        else:
            assert a == b, key


def check(fn, values, dtype, order2=True, rtol=0.):
    assert_same(derivatives(ak, fn, values, dtype, order2),
                derivatives(torch, fn, values, dtype, order2), rtol)


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


# -- cdist: pairs at distance 0, coordinates that agree, ∞ ---------------------------------

CDIST_PAIRS = [([[0., 0.]], [[0., 1.]]), ([[0., 0.]], [[0., 0.]]), ([[2., -2.], [1., 0.]],
                                                                    [[0., 0.], [1., 3.]]),
               ([[INF, 1.]], [[0., 1.]]), ([[1., 2.]], [[1., 0.5]])]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("p", [0., 0.5, 1., 1.5, 2., 3., INF])
@pytest.mark.parametrize("pair", CDIST_PAIRS, ids=str)
def test_cdist_at_special_values(pair, p, dtype):
    """PyTorch's per-pair terms: for p < 1 a coordinate where the rows agree gets 0 (the
    kit's |d|^(p-1) = ∞ times sign 0 gave NaN); p = 0 gives zeros even beside ∞; p = ∞
    marks the largest |d| by ⌈||d| - out|⌉ (NaN beside ∞, as PyTorch)."""
    rtol = 0. if p in (0., 1., 2., INF) else 1e-6 if dtype == "float32" else 1e-14  # (pow)
    check(lambda lib, a, b: lib.cdist(a, b, p=p) * 3, list(pair), dtype, False, rtol)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("p", [0., 1., 1.5, 3., INF])
def test_cdist_values_and_gradients_bit_for_bit(p, dtype):
    """The pairs' terms added one by one from 0, as PyTorch's kernel adds them, and the root
    (Σ|d|^p)^(1/p) taken in double as its std::pow(agg, 1.0 / p) takes it."""
    rng = np.random.default_rng(3)
    a, b, w = rng.standard_normal((2, 5, 3)), rng.standard_normal((2, 6, 3)), \
        rng.standard_normal((2, 5, 6))
    results = []
    for lib in (ak, torch):
        x1 = lib.tensor(a, dtype=getattr(lib, dtype), requires_grad=True)
        x2 = lib.tensor(b, dtype=getattr(lib, dtype), requires_grad=True)
        out = lib.cdist(x1, x2, p=p)
        (out * lib.tensor(w, dtype=getattr(lib, dtype))).sum().backward()
        results.append([out.detach().numpy(), x1.grad.numpy(), x2.grad.numpy()])
    exact = p in (0., 1., INF)  # (elsewhere the C library's / SLEEF's pow differ by an ulp)
    for kit, ref in zip(*results):
        assert kit.dtype == ref.dtype
        if exact:
            assert np.array_equal(kit, ref)
        else:
            np.testing.assert_allclose(kit, ref, rtol=1e-5 if dtype == "float32" else 1e-12)
    np.testing.assert_array_equal(results[0][0], results[1][0])  # the distances themselves


def _outcome(lib, a_grad, b_grad):
    a = lib.tensor([0., 1., 2.], requires_grad=a_grad)
    b = lib.tensor([0., 1., 0.], requires_grad=b_grad)
    try:
        lib.dist(a, b, p=0).backward()
    except RuntimeError as error:
        return str(error)
    return a.grad, b.grad


@pytest.mark.parametrize("needs", [(True, False), (False, True), (True, True)], ids=str)
def test_dist_p0_backward(needs):
    """dist(a, b, p=0) counts: PyTorch sends a no gradient (a.grad stays None), and b's,
    the negation of no gradient, raises; the kit gave None for b silently."""
    assert _outcome(ak, *needs) == _outcome(torch, *needs)


# -- anomaly mode at NaN-producing backward rules -----------------------------------------

NAN_BACKWARDS = {
    "sqrt of 0 times 0": lambda lib, x: (x * 0).sqrt(),
    "log of 0 times 0": lambda lib, x: x.log() * 0,
    "x / x": lambda lib, x: x / x,
    "xlogy(x, x)": lambda lib, x: lib.xlogy(x, x),
    "std of one value": lambda lib, x: x[:1].std(),
    "logsumexp of -inf": lambda lib, x: x.log().logsumexp(0),
    "prod of logs": lambda lib, x: x.log().prod(),
    "abs then sqrt": lambda lib, x: x.abs() ** 0.5,
    "where with log": lambda lib, x: lib.where(x >= 0, x, x.log()),
}


def _from(message, function):
    """``message`` with the trace's frames before ``function``'s own left out (the test's
    callers, which differ between the two runs)."""
    lines = message.split("\n")
    starts = [i for i, line in enumerate(lines) if line.endswith(f", in {function}")]
    return "\n".join(lines[:1] + lines[starts[-1]:]) if starts else message


def _anomaly_messages(lib, fn, inside=True):
    x = lib.tensor([0., 0.], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = None if inside else fn(lib, x)
        try:
            with lib.autograd.detect_anomaly():
                y = fn(lib, x) if inside else y
                y.sum().backward()
        except RuntimeError as error:
            raised = str(error)
        else:
            raised = None
    return raised, [_from(str(w.message), "_anomaly_messages") for w in caught]


@pytest.mark.parametrize("inside", [True, False], ids=["forward-inside", "forward-outside"])
@pytest.mark.parametrize("name", NAN_BACKWARDS)
def test_anomaly_messages_for_nan_backward(name, inside):
    """The error names the node and the output; the warning gives the forward's trace (or
    says there is none) and ends, as PyTorch's C++ warning does, with '(Triggered internally
    at …python_anomaly_mode.cpp:122.)' (100 without a trace); the kit's had no such end."""
    kit = _anomaly_messages(ak, NAN_BACKWARDS[name], inside)
    assert kit == _anomaly_messages(torch, NAN_BACKWARDS[name], inside)
    assert kit[0] is not None and "returned nan values" in kit[0]


def test_anomaly_messages_through_a_double_backward():
    """The 'Previous calculation was induced by' warning ends with cpp:129."""
    def run(lib):
        x = lib.tensor([0., 1.], requires_grad=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(RuntimeError), lib.autograd.detect_anomaly():
                (g,) = lib.autograd.grad((x.sqrt() * 1).sum(), x, create_graph=True)
                lib.autograd.grad((g * 0).sum(), x)
        return [_from(str(w.message), "run") for w in caught
                if "Previous calculation" in str(w.message)]

    kit = run(ak)
    assert kit == run(torch) and len(kit) == 1


# -- soft_margin_loss where t x is large ------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_soft_margin_loss_second_derivative_at_saturation(reduction, dtype):
    """PyTorch's gradient is its own node (SoftMarginLossBackwardBackward0, edges to the
    arriving gradient and x) whose x-derivative t² z / (1 + z)² keeps 1.9e-44 at t x = -100;
    the kit recorded -t z / (1 + z) from small operations (MulBackward0), whose derivative
    cancels to 0 there."""
    def run(lib):
        x = lib.tensor([1., 100., -3., 0.], dtype=getattr(lib, dtype), requires_grad=True)
        t = lib.tensor([1., -1., 1., -1.], dtype=getattr(lib, dtype))
        loss = lib.nn.functional.soft_margin_loss(x, t, reduction=reduction)
        (g,) = lib.autograd.grad(loss.sum(), x, create_graph=True)
        (g2,) = lib.autograd.grad(g.sum(), x)
        edges = [type(f).__name__ for f, _ in g.grad_fn.next_functions]
        return type(g.grad_fn).__name__, edges, g.detach().numpy(), g2.numpy()

    kit, ref = run(ak), run(torch)
    assert kit[:2] == ref[:2]
    assert np.array_equal(kit[2], ref[2], equal_nan=True)
    np.testing.assert_allclose(kit[3], ref[3], rtol=1e-6, atol=0)


# -- float16 activations: computed in float, rounded once ---------------------------------

def _float16_run(lib, name, values):
    x = lib.tensor(values, dtype=lib.float16, requires_grad=True)
    y = getattr(lib.nn.functional, name)(x)
    y.backward(lib.ones_like(y) * 0.7)
    return y.detach().numpy(), x.grad.numpy()


FLOAT16_VALUES = (np.random.default_rng(0).standard_normal(500) * 4).astype(np.float16)


@pytest.mark.parametrize("name", ["elu", "selu", "celu", "softplus", "hardswish",
                                  "hardsigmoid", "leaky_relu", "hardtanh", "relu6", "silu",
                                  "mish"])
def test_float16_activations_bit_for_bit(name):
    """PyTorch's CPU kernels compute a float16 activation in float (its opmath type) and
    round once; the kit computed in float16 (selu, softplus, hardswish: hundreds of values
    one ulp or more away; elu's gradient too)."""
    kit, ref = _float16_run(ak, name, FLOAT16_VALUES), _float16_run(torch, name, FLOAT16_VALUES)
    for a, b in zip(kit, ref):
        assert a.dtype == b.dtype == np.float16
        assert np.array_equal(a, b)


def test_float16_gelu_in_its_tail():
    """At x = -3, PyTorch's float16 gelu is -0.00405 (x Φ(x)); the kit's float16 arithmetic
    gave -0.00439, 8% off (its gradient 1% off)."""
    values = [-5., -3., -1., 0., 1., 3.]
    for a, b in zip(_float16_run(ak, "gelu", values), _float16_run(torch, "gelu", values)):
        np.testing.assert_allclose(a.astype(np.float64), b.astype(np.float64), rtol=1e-3)


def _cdist_outcome(lib, rows, p, second=None):
    a = lib.zeros(rows, 2, dtype=lib.float16)
    b = a if second is None else lib.zeros(3, 2, dtype=second(lib))
    try:
        return str(lib.cdist(a, b, p=p).dtype).split(".")[-1]
    except NotImplementedError as error:
        return str(error)


@pytest.mark.parametrize(("rows", "p", "second"), [
    (3, 2., None), (3, 1., None), (30, 2., None), (30, 1., None), (0, 2., None),
    (2, 2., lambda lib: lib.float32)])
def test_cdist_of_float16(rows, p, second):
    """PyTorch's cdist kernel has no float16: '"cdist" not implemented for 'Half'' (the
    matrix-product route for p = 2 and more than 25 rows works; no rows: an empty result);
    the kit computed."""
    assert _cdist_outcome(ak, rows, p, second) == _cdist_outcome(torch, rows, p, second)
