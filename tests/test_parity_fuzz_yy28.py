"""Parity with PyTorch 2.13 for what the learner-program fuzzer (round 13, helper yy) found:
layouts of second-order gradients (convolution, layer norm)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def _conv_weight_second_order(lib, batch, c_in, c_out, kernel, two_d, groups, options):
    """The strides of the weight's gradient of Σ (∂L/∂x)² (PyTorch: a transposed, narrowed
    convolution result)."""
    F = lib.nn.functional
    spatial = [5] * (2 if two_d else 1)
    x = lib.arange(batch * c_in * 5 ** len(spatial), dtype=lib.float32)
    x = x.reshape([batch, c_in, *spatial]).sin().requires_grad_(True)
    w_shape = [c_out, c_in // groups] + [kernel] * len(spatial)
    w = lib.arange(len(lib.zeros(w_shape).flatten()), dtype=lib.float32).reshape(w_shape)
    w = w.cos().requires_grad_(True)
    y = (F.conv2d if two_d else F.conv1d)(x, w, None, groups=groups, **options)
    loss = (y * lib.arange(y.numel(), dtype=lib.float32).reshape(y.shape)).sum()
    (gx,) = lib.autograd.grad(loss, [x], create_graph=True)
    (gw,) = lib.autograd.grad((gx * gx).sum(), [w])
    return tuple(gw.shape), gw.stride(), gw.is_contiguous()


@pytest.mark.parametrize("options", [{}, {"stride": 2}, {"padding": 1}, {"dilation": 2},
                                     {"padding": "same"}, {"stride": 2, "padding": 2}])
@pytest.mark.parametrize("shape", [(1, 1, 2, 1, False, 1), (2, 2, 2, 2, False, 1),
                                   (1, 2, 1, 3, False, 1), (2, 2, 4, 2, True, 2),
                                   (1, 2, 2, 1, True, 1), (2, 2, 2, 3, True, 1)])
def test_conv_weight_second_order_gradient_layout(shape, options):
    same_built(lambda lib: _conv_weight_second_order(lib, *shape, options), torch, ak)
