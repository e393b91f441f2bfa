"""The sixth batch of nn pieces, without PyTorch: ``F.pad``'s reflect, replicate and circular
modes, the padding layers and Conv's ``padding_mode`` (then, as they come, fold/unfold, the
pixel shuffles and packed sequences).

Values are worked out with NumPy; gradients (and gradients of gradients) are checked against
finite differences in float64. tests/test_torch_sweep_nn6.py compares the same pieces with
PyTorch's printed output.
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.nn import functional as F
from tests.layer_helpers import check, host, rand64

# ---- padding modes ----------------------------------------------------------------------------

NP_MODES = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize("pads", [(2, 1), (1, 2, 0, 3), (1, 0, 2, 1, 1, 2)])
def test_pad_modes_match_numpy(mode: str, pads: tuple) -> None:
    x = rand64(2, 3, 4, 4, 5, requires_grad=False)
    if len(pads) == 2:
        x = x[0, 0]
    elif len(pads) == 4:
        x = x[0]
    y = F.pad(x, pads, mode=mode)
    widths = [(0, 0)] * (x.dim() - len(pads) // 2)
    widths += [(pads[2 * i], pads[2 * i + 1]) for i in reversed(range(len(pads) // 2))]
    np.testing.assert_array_equal(host(y), np.pad(host(x), widths, mode=NP_MODES[mode]))


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize("pads", [(2, 1), (1, -1, 2, 0), (1, 0, 1, 1, 1, 2)])
def test_pad_mode_gradients(mode: str, pads: tuple) -> None:
    shape = {2: (2, 3), 4: (2, 3, 4), 6: (1, 2, 3, 3, 4)}[len(pads)]
    check(lambda x: F.pad(x, pads, mode=mode), rand64(*shape))


def test_pad_node_names() -> None:
    x = rand64(1, 2, 3, 4)
    assert type(F.pad(x[0], (1, 1), "reflect").grad_fn).__name__ == "ReflectionPad1DBackward0"
    assert type(F.pad(x, (1, 1, 1, 1), "replicate").grad_fn).__name__ == \
        "ReplicationPad2DBackward0"
    assert type(F.pad(x, (1, 1, 1, 1, 1, 1), "reflect").grad_fn).__name__ == \
        "ReflectionPad3DBackward0"
    assert type(F.pad(x[0], (1, 1), "circular").grad_fn).__name__ == "CopySlices"
    g, = ak.autograd.grad(F.pad(x, (1, 1, 1, 1), "reflect").pow(2).sum(), x, create_graph=True)
    assert type(g.grad_fn).__name__ == "ReflectionPad2DBackwardBackward0"


def test_pad_mode_errors() -> None:
    with pytest.raises(RuntimeError, match="Padding size should be less than"):
        F.pad(rand64(1, 2, 5), (5, 0), mode="reflect")
    with pytest.raises(NotImplementedError, match="Padding size 2 is not supported for 4D"):
        F.pad(rand64(1, 2, 3, 5), (1, 1), mode="replicate")
    with pytest.raises(RuntimeError, match="wrapping around more than once"):
        F.pad(rand64(1, 2, 5), (6, 0), mode="circular")
    with pytest.raises(RuntimeError, match="doesn't take in value argument"):
        F.pad(rand64(1, 2, 5), (1, 0), mode="reflect", value=1.0)


def test_padding_layers() -> None:
    x = rand64(1, 2, 3, 4, requires_grad=False)
    assert repr(nn.ReflectionPad2d(1)) == "ReflectionPad2d((1, 1, 1, 1))"
    assert repr(nn.ConstantPad1d(2, 3.5)) == "ConstantPad1d(padding=(2, 2), value=3.5)"
    assert repr(nn.ZeroPad2d((1, 2, 0, 0))) == "ZeroPad2d((1, 2, 0, 0))"
    assert nn.ReplicationPad2d((1, 2, 0, 1))(x).shape == (1, 2, 4, 7)
    np.testing.assert_array_equal(host(nn.ZeroPad2d(1)(x)), np.pad(host(x), [(0, 0)] * 2
                                                                   + [(1, 1)] * 2))
    with pytest.raises(ValueError, match="expected 3D or 4D input"):
        nn.CircularPad2d(1)(x[0, 0])


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
def test_conv_padding_modes(mode: str) -> None:
    ak.manual_seed(0)
    conv = nn.Conv2d(2, 3, 3, padding=(1, 2), padding_mode=mode).double()
    x = rand64(1, 2, 4, 5)
    want = F.conv2d(F.pad(x, (2, 2, 1, 1), mode=mode), conv.weight, conv.bias)
    np.testing.assert_allclose(host(conv(x)), host(want))
    check(lambda x: conv(x), x)


# ---- fold, unfold, pixel shuffles -------------------------------------------------------------


def test_unfold_matches_loops_and_fold_is_its_transpose() -> None:
    x = rand64(2, 3, 4, 5, requires_grad=False)
    u = F.unfold(x, (2, 3), padding=1, stride=(1, 2))
    xp = np.pad(host(x), [(0, 0), (0, 0), (1, 1), (1, 1)])
    cols = [xp[:, :, i:i + 2, j:j + 3].reshape(2, -1) for i in range(5) for j in range(0, 5, 2)]
    np.testing.assert_array_equal(host(u), np.stack(cols, -1))
    c = rand64(*u.shape, seed=5, requires_grad=False)
    lhs = (host(u) * host(c)).sum()
    rhs = (host(x) * host(F.fold(c, (4, 5), (2, 3), padding=1, stride=(1, 2)))).sum()
    assert abs(lhs - rhs) < 1e-10


def test_fold_unfold_gradients() -> None:
    check(lambda x: F.unfold(x, 2, dilation=(1, 2), padding=1, stride=2), rand64(1, 2, 4, 5))
    check(lambda c: F.fold(c, (4, 5), (2, 3), padding=1, stride=(1, 2)), rand64(1, 6, 15))
    check(lambda x: F.unfold(x, 2), rand64(2, 3, 3))


def test_pixel_shuffle_round_trip_and_gradients() -> None:
    x = ak.arange(2 * 8 * 9.).view(2, 8, 3, 3)
    p = nn.PixelShuffle(2)(x)
    assert p.shape == (2, 2, 6, 6) and p[0, 0, 1, 1].item() == x[0, 3, 0, 0].item()
    assert nn.PixelUnshuffle(2)(p).equal(x)
    check(lambda x: F.pixel_shuffle(x, 2), rand64(1, 4, 2, 3))
    check(lambda x: F.pixel_unshuffle(x, 2), rand64(2, 4, 6))
    with pytest.raises(RuntimeError, match="divisible by the square of upscale_factor"):
        F.pixel_shuffle(rand64(2, 7, 3, 3), 2)
    with pytest.raises(RuntimeError, match="calculated number of sliding blocks"):
        F.fold(rand64(2, 12, 5), (4, 5), 2)
