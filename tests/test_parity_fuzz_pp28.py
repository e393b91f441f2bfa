"""Parity with PyTorch for corners found by helper pp's fuzzer (round 12: learner-style
programs mixing nn.functional calls (activations, losses, layer norm, small convolutions and
pools) with views and in-place changes of non-leaf tensors, detach, retain_grad, gradient
hooks, accumulation over two backward calls, autograd.grad with create_graph, and
backward(inputs=...))."""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def signed(values):
    """Values as text, so that -0.0 and 0.0 differ."""
    if isinstance(values, list):
        return [signed(v) for v in values]
    return repr(values) if not math.isnan(values) else "nan"


# ---- layer norm ---------------------------------------------------------------------------

@pytest.mark.parametrize("affine", ["wb", "w", "none"])
@pytest.mark.parametrize("rows", [(1,), (3,), (2, 2)])
def test_float32_layer_norm_gradient_under_create_graph_is_the_kernels(affine, rows):
    """Under create_graph PyTorch still computes the first gradients with its float32
    kernel (the recorded NativeLayerNormBackwardBackward0 only adds the graph); the kit took
    the plain formulas there, off in the last bit."""
    def build(T):
        x = T.tensor([[-0.5, -1.5, 0.264, 2.0, 1.17]], requires_grad=True) * T.ones(*rows, 1)
        w = T.tensor([-1.0, -1.831, -2.0, -0.75, 0.3], requires_grad=True)
        b = T.tensor([2.0, -0.188, -0.228, 0.0, 1.0], requires_grad=True)
        y = T.nn.functional.layer_norm(x, (5,), w if "w" in affine else None,
                                       b if "b" in affine else None)
        L = (y * T.arange(y.numel(), dtype=y.dtype).reshape(y.shape) * 0.25).sum()
        wanted = [x, w] if "w" in affine else [x]
        gs = T.autograd.grad(L, wanted, create_graph=True)
        g2 = T.autograd.grad(sum((g * g).sum() for g in gs), wanted)
        return ([signed(g.tolist()) for g in gs], [type(g.grad_fn).__name__ for g in gs],
                [v for g in g2 for v in g.flatten().tolist()])

    first, names, second = build(torch)
    kit_first, kit_names, kit_second = build(ak)
    assert (kit_first, kit_names) == (first, names)
    assert kit_second == pytest.approx(second, rel=1e-4, abs=1e-5)  # (not bit for bit)


@pytest.mark.parametrize("rows", [1, 2, 5])
@pytest.mark.parametrize("create_graph", [False, True])
def test_float32_layer_norm_weight_and_bias_gradients_of_zeros_are_plus_zero(rows,
                                                                              create_graph):
    """PyTorch's kernel sums dw and db from +0, so a column whose terms are all -0 (a zero
    gradient times a negative x̂, or -0 gradients) sums to +0; the kit's sums started from
    the first term and kept -0."""
    def build(T):
        x = T.tensor([[-0.5, -1.5, 0.264, 2.0]] * rows, requires_grad=True)
        w = T.tensor([-1.0, -1.831, -2.0, -0.75], requires_grad=True)
        b = T.zeros(4, requires_grad=True)
        y = T.nn.functional.layer_norm(x, (4,), w, b)
        gw, gb = T.autograd.grad((y * T.tensor([0., 1., 2., -0.])).sum(), (w, b),
                                 create_graph=create_graph)
        return signed(gw.tolist()), signed(gb.tolist())

    same(build)
