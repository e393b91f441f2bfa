"""The fifth batch of nn pieces, without PyTorch: group and instance normalization, the 1-D
and adaptive max pools, and transposed convolutions (padding modes, fold and the pixel
shuffles are in tests/test_nn_layers6.py).

Values are worked from the formulas with NumPy; gradients (and gradients of gradients) are
checked against finite differences in float64. tests/test_torch_sweep_nn5.py compares the
same pieces with PyTorch's printed output.
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.nn import functional as F
from tests.layer_helpers import check, host, rand64

# ---- group and instance norm ------------------------------------------------------------------


def test_group_norm_values_by_hand() -> None:
    x = rand64(2, 6, 3, requires_grad=False)
    w, b = rand64(6, seed=1), rand64(6, seed=2)
    y = F.group_norm(x, 3, w, b, eps=1e-5)
    g = host(x).reshape(2, 3, -1)
    want = ((g - g.mean(2, keepdims=True)) / np.sqrt(g.var(2, keepdims=True) + 1e-5))
    want = want.reshape(2, 6, 3) * host(w)[:, None] + host(b)[:, None]
    np.testing.assert_allclose(host(y), want, rtol=1e-12, atol=1e-12)
    assert type(y.grad_fn).__name__ == "NativeGroupNormBackward0"


@pytest.mark.parametrize("affine", [True, False])
def test_group_norm_gradients(affine: bool) -> None:
    x = rand64(2, 4, 3)
    if affine:
        check(lambda x, w, b: F.group_norm(x, 2, w, b), x, rand64(4, seed=3), rand64(4, seed=4))
    else:
        check(lambda x: F.group_norm(x, 2), x)


def test_group_norm_module_and_errors() -> None:
    m = nn.GroupNorm(2, 4)
    assert repr(m) == "GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)"
    assert list(m.state_dict()) == ["weight", "bias"]
    with pytest.raises(ValueError, match="must be divisible by num_groups"):
        nn.GroupNorm(2, 3)
    with pytest.raises(RuntimeError, match="divisible by num_groups"):
        F.group_norm(ak.randn(2, 3, 4), 2)


def test_instance_norm_is_per_sample_and_channel() -> None:
    x = rand64(2, 3, 5, requires_grad=False)
    y = F.instance_norm(x)
    d = host(x)
    want = (d - d.mean(2, keepdims=True)) / np.sqrt(d.var(2, keepdims=True) + 1e-5)
    np.testing.assert_allclose(host(y), want, rtol=1e-12, atol=1e-12)
    assert type(F.instance_norm(rand64(2, 3, 5)).grad_fn).__name__ == "ViewBackward0"


def test_instance_norm_gradients_and_running_stats() -> None:
    check(lambda x, w, b: F.instance_norm(x, weight=w, bias=b), rand64(2, 3, 4),
          rand64(3, seed=5), rand64(3, seed=6))
    m = nn.InstanceNorm2d(3, track_running_stats=True).double()
    x = rand64(2, 3, 2, 2, requires_grad=False)
    m(x)
    d = host(x)
    np.testing.assert_allclose(host(m.running_mean), 0.1 * d.mean((0, 2, 3)), rtol=1e-12)
    assert repr(m) == ("InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, bias=False, "
                       "track_running_stats=True)")
    with pytest.raises(ValueError, match="expected 3D or 4D input"):
        m(ak.randn(3, 4))


# ---- pooling ----------------------------------------------------------------------------------


def test_max_pool1d_values_and_graph() -> None:
    x = rand64(2, 3, 8)
    y, i = F.max_pool1d(x, 2, return_indices=True)
    np.testing.assert_array_equal(host(y), host(x).reshape(2, 3, 4, 2).max(-1))
    np.testing.assert_array_equal(host(i), host(x).reshape(2, 3, 4, 2).argmax(-1)
                                  + 2 * np.arange(4))
    assert type(y.grad_fn).__name__ == "SqueezeBackward1"
    check(lambda x: F.max_pool1d(x, 3, 2, 1), x)


def test_avg_and_adaptive_pools_1d() -> None:
    x = rand64(2, 3, 8)
    np.testing.assert_allclose(host(F.avg_pool1d(x, 2)), host(x).reshape(2, 3, 4, 2).mean(-1))
    check(lambda x: F.avg_pool1d(x, 3, 2, 1, ceil_mode=True), x)
    check(lambda x: F.adaptive_avg_pool1d(x, 3), x)
    check(lambda x: F.adaptive_max_pool1d(x, 3), x)
    assert repr(nn.AvgPool1d(3)) == "AvgPool1d(kernel_size=(3,), stride=(3,), padding=(0,))"


def test_adaptive_max_pool2d() -> None:
    x = ak.arange(16.0).view(1, 4, 4)
    y, i = F.adaptive_max_pool2d(x, 2, return_indices=True)
    assert host(y).tolist() == [[[5.0, 7.0], [13.0, 15.0]]]
    assert host(i).tolist() == [[[5, 7], [13, 15]]]
    check(lambda x: F.adaptive_max_pool2d(x, (2, 3)), rand64(2, 2, 5, 7))
    assert type(nn.AdaptiveMaxPool2d(3)(rand64(1, 2, 4, 4)).grad_fn).__name__ == \
        "AdaptiveMaxPool2DBackward0"


# ---- transposed convolutions ------------------------------------------------------------------


def test_conv_transpose_is_the_adjoint_of_conv() -> None:
    """<conv_transpose(y, w), x> = <y, conv(x, w)> for the same stride, padding, dilation."""
    x, y, w = rand64(2, 4, 7, 6, seed=1), rand64(2, 6, 4, 3, seed=2), rand64(6, 2, 3, 2, seed=3)
    options = {"stride": 2, "padding": 1, "dilation": (1, 2), "groups": 2}
    conv = F.conv2d(x, w, **options)
    assert conv.shape == y.shape
    back = F.conv_transpose2d(y, w, output_padding=(0, 1), **options)
    assert back.shape == x.shape
    np.testing.assert_allclose(host((back * x).sum()), host((y * conv).sum()), rtol=1e-10)


@pytest.mark.parametrize("nd", [1, 2])
def test_conv_transpose_gradients(nd: int) -> None:
    shape = (2, 4) + (3,) * nd
    w = rand64(4, 3, *(2,) * nd, seed=4)
    fn = F.conv_transpose1d if nd == 1 else F.conv_transpose2d
    check(lambda x, w, b: fn(x, w, b, stride=2, padding=1, output_padding=1, groups=2,
                             dilation=1), rand64(*shape), rand64(4, 1, *(2,) * nd, seed=5),
          rand64(2, seed=6))
    check(lambda x, w: fn(x, w, dilation=2), rand64(*shape), w)


def test_conv_transpose_module() -> None:
    m = nn.ConvTranspose2d(4, 2, 3, stride=2)
    assert tuple(m.weight.shape) == (4, 2, 3, 3)
    assert tuple(m(ak.randn(1, 4, 3, 3), output_size=(8, 8)).shape) == (1, 2, 8, 8)
    assert type(m(ak.randn(1, 4, 3, 3)).grad_fn).__name__ == "ConvolutionBackward0"
    with pytest.raises(ValueError, match="valid sizes range"):
        m(ak.randn(1, 4, 3, 3), output_size=(9, 9))
