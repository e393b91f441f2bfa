"""Parity with PyTorch for corners found by helper bb's fifth fuzzer round (layouts of every
intermediate and every .grad, double backward through random programs, nn.functional calls
inside programs, in-place ops on views then double backward, grad-mode regions)."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import built_outcome, same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def close(build):
    """build(lib) returns (what must be equal, a list of numbers that must be close)."""
    t, k = built_outcome(build, torch), built_outcome(build, ak)
    if isinstance(t, str) or isinstance(k, str):
        assert k == t
        return
    assert k[0] == t[0]
    np.testing.assert_allclose(np.array(k[1], dtype=float), np.array(t[1], dtype=float),
                               rtol=1e-5, atol=1e-6)


def layout(t):
    """What a tensor's memory looks like: shape, strides, contiguity, offset."""
    if t is None:
        return None
    return tuple(t.shape), t.stride(), t.is_contiguous(), t.storage_offset()


def values(seed, shape, low=-2.0, high=2.0):
    return np.random.default_rng(seed).uniform(low, high, shape).round(2).tolist()


# ---- layer_norm's output is contiguous --------------------------------------------------------

@pytest.mark.parametrize("make", ["x.t()", "x.t().contiguous().t()", "x.flip(-1).t()",
                                  "x[:, ::2]", "x.unsqueeze(0).expand(2, 3, 4)"])
@pytest.mark.parametrize("affine", [False, True])
def test_layer_norm_of_a_strided_input_is_contiguous(make, affine):
    """PyTorch's native_layer_norm writes a fresh contiguous output whatever the input's
    layout (so .view() of it works); the kit kept a transposed input's layout, and
    layer_norm(x.t(), ...).view(-1) failed."""
    def build(L):
        x = L.tensor(values(0, (3, 4)), dtype=L.float64, requires_grad=True)
        a = eval(make, {"x": x})
        n = a.shape[-1]
        w = L.tensor(values(1, (n,)), dtype=L.float64, requires_grad=True) if affine else None
        b = L.tensor(values(2, (n,)), dtype=L.float64, requires_grad=True) if affine else None
        y = L.nn.functional.layer_norm(a, (n,), w, b)
        flat = y.view(-1)
        (flat * L.arange(flat.numel())).sum().backward()
        return (layout(y), type(flat.grad_fn).__name__, layout(x.grad)), x.grad.tolist()

    close(build)


# ---- convolution's double backward: an unused first-order gradient sends nothing --------------

CONVS = {"conv1d": ((1, 2, 5), (3, 2, 2)), "conv2d": ((1, 2, 4, 4), (3, 2, 2, 2)),
         "conv_transpose1d": ((1, 2, 5), (2, 3, 2))}


@pytest.mark.parametrize("conv", sorted(CONVS))
@pytest.mark.parametrize("used", [(0,), (1,), (2,), (0, 1), (0, 2), (1, 2)])
@pytest.mark.parametrize("outer", ["sum", "square"])
def test_conv_double_backward_leaves_unreached_grads_none(conv, used, outer):
    """L = conv(x, w, b) is linear in x: gx = ∂L/∂x depends on w only, so gx's gradient reaches
    w and not x. PyTorch's ConvolutionBackwardBackward0 sends x no gradient (x.grad stays
    None) when gw is not used; the kit sent x a tensor of zeros (its unused upstream gradients
    were filled with zeros)."""
    xs, ws = CONVS[conv]

    def build(L):
        x = L.tensor(values(3, xs), dtype=L.float64, requires_grad=True)
        w = L.tensor(values(4, ws), dtype=L.float64, requires_grad=True)
        b = L.tensor(values(5, (ws[1] if "transpose" in conv else ws[0],)), dtype=L.float64,
                     requires_grad=True)
        y = getattr(L.nn.functional, conv)(x, w, b)
        first = y.sum() if outer == "sum" else (y * y).sum()
        g = L.autograd.grad(first, [x, w, b], create_graph=True)
        sum((g[i] * g[i]).sum() for i in used).backward()
        grads = [u.grad for u in (x, w, b)]
        return ([None if u is None else layout(u) for u in grads],
                [v for u in grads if u is not None for v in u.reshape(-1).tolist()])

    close(build)
