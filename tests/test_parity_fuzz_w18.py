"""Parity with PyTorch for corners found by the differential autograd fuzzer (helper w,
seeds 450 and up): backward rules recorded under create_graph, and what gradients are."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402

LIBS = [torch, ak]


def names(fn, depth: int = 0):
    """The graph below a node, as (name, [children]) down a few levels."""
    if fn is None or depth > 5:
        return None
    return (type(fn).__name__, [names(f, depth + 1) for f, _ in fn.next_functions])


def both(build):
    """Run build(lib) with torch and with the kit and return the two results."""
    return build(torch), build(ak)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("weight", [0.3, "tensor", "0-dim"])
def test_lerp_backward_recorded_as_cpp_writes_it(dtype, weight):
    def build(lib):
        dt = getattr(lib, dtype)
        a = lib.tensor([1.25, 2.5, -0.75], dtype=dt, requires_grad=True)
        b = lib.tensor([3.0, -5.5, 0.125], dtype=dt, requires_grad=True)
        w = {0.3: 0.3, "tensor": lib.tensor([0.3, 0.6, 0.9], dtype=dt, requires_grad=True),
             "0-dim": lib.tensor(0.3, dtype=dt, requires_grad=True)}[weight]
        g = lib.tensor([1.0, 0.5, 2.0], dtype=dt, requires_grad=True)
        ins = [a, b] + ([w] if weight == "tensor" else [])
        grads = lib.autograd.grad(a.lerp(b, w), ins, g, create_graph=True)
        return [(names(x.grad_fn), x.tolist(), str(x.dtype).split(".")[-1]) for x in grads]

    t, k = both(build)
    assert k == t
