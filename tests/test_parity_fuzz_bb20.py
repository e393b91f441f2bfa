"""Parity with PyTorch for corners found by helper bb's third fuzzer round (chains of views
with in-place ops and hooks, double backward through nn.functional, autograd.grad options,
mixed dtypes, grad-mode and inference-mode regions)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402

LIBS = [torch, ak]


def outcome(build, lib):
    """build(lib), or its error as type and message (the kit's name read as torch's)."""
    try:
        return build(lib)
    except Exception as error:  # noqa: BLE001
        return f"{type(error).__name__}: {error}".replace("autograd_kit", "torch")


def same(build):
    t, k = outcome(build, torch), outcome(build, ak)
    assert k == t
    return t


def described(t):
    if not isinstance(t, (torch.Tensor, ak.Tensor)):
        return t
    fn = None if t.grad_fn is None else type(t.grad_fn).__name__
    return (str(t.tolist()), str(t.dtype).split(".")[-1], tuple(t.shape), t.requires_grad, fn,
            t._version)  # (the values as text: nan equals nan)


# ---- mixed dtypes -------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["gcd", "lcm"])
@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8"])
def test_gcd_of_zero_dim_tensors_can_be_changed_in_place(op, dtype):
    """gcd / lcm of 0-dim tensors: a tensor like any other (the kit held a NumPy scalar,
    and mul_ on it failed with 'unsupported array type')."""
    def build(lib):
        a = lib.tensor(4, dtype=getattr(lib, dtype))
        out = getattr(lib, op)(a, lib.tensor(6, dtype=getattr(lib, dtype)))
        out.mul_(True)
        out.add_(1)
        return described(out)

    same(build)


@pytest.mark.parametrize("dtype", ["bool", "int64", "float32", "float16", "float64"])
@pytest.mark.parametrize("equal_nan", [False, True])
@pytest.mark.parametrize("shape", [(), (3,)])
def test_isclose_result_and_its_version(dtype, equal_nan, shape):
    """isclose is a == b widened in place by |= (twice for equal NaNs of floats): version 1
    or 2; a 0-dim bool result is a tensor the kit can change in place."""
    def build(lib):
        values = [1, 0, 1] if shape else 1
        a = lib.tensor(values, dtype=getattr(lib, dtype))
        out = lib.isclose(a, a, equal_nan=equal_nan)
        first = described(out)
        out.logical_not_()
        return first, described(out)

    same(build)


@pytest.mark.parametrize("call", ["x.var()", "x.std()", "x.var(0)", "x.std(-1)",
                                  "x.var(correction=0)", "x.std(0, keepdim=True)",
                                  "L.var_mean(x, 0)", "L.std_mean(x)", "L.std_mean(x, -1)"])
@pytest.mark.parametrize("values", [[-1.77, 0.67, -1.13], [[0.1, 0.13, 0.11], [0.2, 0.05, 0.3]],
                                    [[15.1, -3.5], [20.25, 7.0], [1.5, 11.0]]])
def test_half_variance_is_computed_in_double(call, values):
    """PyTorch's variance kernel sums float16 in double and rounds once (as float32); the
    kit summed in float16, one unit in the last place off."""
    def build(lib):
        x = lib.tensor(values, dtype=lib.float16)
        out = eval(call, {"x": x, "L": lib})  # noqa: S307
        return [t.tolist() for t in out] if isinstance(out, tuple) else out.tolist()

    same(build)


# ---- double backward through nn.functional ------------------------------------------------

PIECEWISE_LINEAR = ["F.leaky_relu(x, 0.1)", "F.hardtanh(x)", "F.relu6(x)", "F.threshold(x, 0.1, 2.)",
                    "F.hardshrink(x, 0.3)", "F.softshrink(x, 0.3)", "F.rrelu(x, training=False)",
                    "F.relu(x)", "F.elu(x)"]


@pytest.mark.parametrize("call", PIECEWISE_LINEAR)
def test_second_derivative_of_a_piecewise_linear_activation(call):
    """PyTorch's rule for ∂(g · f'(x))/∂x of these is zeros_like(grad): a new tensor outside
    the graph, so the second derivative does not require grad, and an inf or nan in the
    gradient gives 0 (the kit's g · 0 required grad and gave nan)."""
    def build(lib):
        x = lib.tensor([[0.5, -1.2, 0.3], [2.0, -0.1, 0.9]], dtype=lib.float64,
                       requires_grad=True)
        out = eval(call, {"F": lib.nn.functional, "x": x})  # noqa: S307
        g, = lib.autograd.grad(out.sum(), x, create_graph=True)
        h, = lib.autograd.grad(g.pow(2).sum(), x, create_graph=True)
        go = lib.tensor([[float("inf"), 1., float("nan")], [1., -2., 3.]], dtype=lib.float64,
                        requires_grad=True)
        g2, = lib.autograd.grad(out, x, go, create_graph=True)
        h2 = lib.autograd.grad(g2.sum(), [x, go])
        return described(g), described(h), [described(t) for t in h2]

    same(build)
