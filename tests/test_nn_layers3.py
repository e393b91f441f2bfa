"""The third batch of nn pieces, without PyTorch: class-index target checks, recurrent layers
and cells, channel dropout, interpolation, parameter vectors, ``pad_sequence`` and
``CyclicLR``.

Values are worked by hand from the formulas; gradients (and gradients of gradients) are
checked against finite differences in float64. tests/test_torch_sweep_nn3.py compares the
same pieces with PyTorch's printed output.
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.nn import functional as F
from tests.layer_helpers import check, host, rand64

# ---- class-index targets ----------------------------------------------------------------

@pytest.mark.parametrize("loss", [nn.CrossEntropyLoss(), nn.NLLLoss()])
def test_a_column_of_class_indices_is_a_multi_target(loss: nn.Module) -> None:
    with pytest.raises(RuntimeError, match="0D or 1D target tensor expected, multi-target not "
                                           "supported"):
        loss(ak.randn(3, 4), ak.tensor([[1], [0], [2]]))


def test_long_targets_shaped_like_the_scores_are_not_probabilities() -> None:
    with pytest.raises(RuntimeError, match="Expected floating point type for target with class "
                                           "probabilities, got Long"):
        F.cross_entropy(ak.randn(3, 4), ak.zeros(3, 4, dtype=ak.long))
    with pytest.raises(RuntimeError, match="multi-target"):
        F.nll_loss(ak.randn(3, 4), ak.zeros(3, 4, dtype=ak.long))


def test_probabilities_for_another_batch_size() -> None:
    with pytest.raises(ValueError, match=r"Expected input batch_size \(3\) to match target "
                                         r"batch_size \(2\)\."):
        F.cross_entropy(ak.randn(3, 4), ak.rand(2, 4))


def test_spatial_targets_errors() -> None:
    with pytest.raises(RuntimeError, match="only batches of spatial targets supported"):
        F.nll_loss(ak.randn(2, 3, 4, 5), ak.zeros(2, 4, dtype=ak.long))
    with pytest.raises(RuntimeError, match=r"size mismatch \(got input: \[2, 3, 4, 5\] , "
                                           r"target: \[2, 4, 6\]"):
        F.nll_loss(ak.randn(2, 3, 4, 5), ak.zeros(2, 4, 6, dtype=ak.long))
    # a weight of C elements in any shape is taken for images
    x = rand64(2, 3, 4)
    t = ak.tensor([[0, 1, 2, 1], [2, 2, 0, 1]])
    w = ak.tensor([[1.0, 2.0, 3.0]], dtype=ak.float64)
    assert F.cross_entropy(x, t, weight=w).item() == pytest.approx(
        F.cross_entropy(x, t, weight=w.flatten()).item())


# ---- recurrent layers and cells ------------------------------------------------------------

def test_rnn_cell_by_hand() -> None:
    cell = nn.RNNCell(2, 1, dtype=ak.float64)
    with ak.no_grad():
        cell.weight_ih.copy_(ak.tensor([[0.5, -1.0]]))
        cell.weight_hh.copy_(ak.tensor([[2.0]]))
        cell.bias_ih.fill_(0.25)
        cell.bias_hh.fill_(-0.5)
    h = cell(ak.tensor([1.0, 2.0], dtype=ak.float64), ak.tensor([0.3], dtype=ak.float64))
    assert h.item() == pytest.approx(np.tanh(0.5 - 2.0 + 0.25 + 0.6 - 0.5))
    assert h.shape == (1,)


def test_lstm_and_gru_cells_by_hand() -> None:
    """With all weights zero and biases b, the gates are constants: easy to work by hand."""
    lstm = nn.LSTMCell(3, 2, dtype=ak.float64)
    with ak.no_grad():
        for p in lstm.parameters():
            p.zero_()
        lstm.bias_ih.copy_(ak.tensor([1.0, 1.0, -1.0, -1.0, 0.5, 0.5, 2.0, 2.0]))
    c0 = ak.tensor([[0.3, -0.3]], dtype=ak.float64)
    h, c = lstm(rand64(1, 3), (ak.zeros(1, 2, dtype=ak.float64), c0))
    s = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    want_c = s(-1.0) * np.array([0.3, -0.3]) + s(1.0) * np.tanh(0.5)
    np.testing.assert_allclose(host(c)[0], want_c)
    np.testing.assert_allclose(host(h)[0], s(2.0) * np.tanh(want_c))
    gru = nn.GRUCell(3, 2, dtype=ak.float64)
    with ak.no_grad():
        for p in gru.parameters():
            p.zero_()
        gru.bias_ih.copy_(ak.tensor([0.0, 0.0, 1.0, 1.0, 0.5, -0.5]))
    h0 = ak.tensor([[0.2, 0.4]], dtype=ak.float64)
    h = gru(rand64(1, 3), h0)
    z, n = s(np.array([1.0, 1.0])), np.tanh(np.array([0.5, -0.5]))
    np.testing.assert_allclose(host(h)[0], (1 - z) * n + z * np.array([0.2, 0.4]))


def test_parameter_names_shapes_and_bounds() -> None:
    m = nn.LSTM(3, 4, num_layers=2, bidirectional=True, proj_size=2)
    shapes = {n: tuple(p.shape) for n, p in m.named_parameters()}
    assert list(shapes)[:5] == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                "weight_hr_l0"]
    assert shapes["weight_ih_l1_reverse"] == (16, 4)  # 2 directions × proj_size 2
    assert shapes["weight_hh_l0"] == (16, 2)
    assert all(float(p.detach().abs().max()) <= 0.5 for p in m.parameters())  # 1/√4
    assert repr(nn.GRU(3, 4, 2, bias=False)) == "GRU(3, 4, num_layers=2, bias=False)"
    assert repr(nn.RNNCell(3, 4, nonlinearity="relu")) == "RNNCell(3, 4, nonlinearity=relu)"


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("batch_first", [False, True])
def test_layers_gradcheck(kind: str, batch_first: bool) -> None:
    m = getattr(nn, kind)(2, 3, num_layers=2, bidirectional=True, batch_first=batch_first,
                          dtype=ak.float64)
    x = rand64(2, 3, 2) if batch_first else rand64(3, 2, 2)
    h0 = rand64(4, 2, 3)

    def run(x: ak.Tensor, h0: ak.Tensor) -> ak.Tensor:
        if kind == "LSTM":
            out, (h, c) = m(x, (h0, h0 * 0.5))
            return out.sum() + h.sum() + c.sum()
        out, h = m(x, h0)
        return out.sum() + h.sum()

    check(run, x, h0)


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_layer_weight_gradients_match_finite_differences(kind: str) -> None:
    m = getattr(nn, kind)(2, 3, dtype=ak.float64)
    x = rand64(4, 1, 2, requires_grad=False)
    weight = m.weight_hh_l0
    out = m(x)[0]
    (out ** 2).sum().backward()
    eps, (i, j) = 1e-6, (1, 2)
    with ak.no_grad():
        weight[i, j] += eps
        up = (m(x)[0] ** 2).sum().item()
        weight[i, j] -= 2 * eps
        down = (m(x)[0] ** 2).sum().item()
    assert weight.grad[i, j].item() == pytest.approx((up - down) / (2 * eps), rel=1e-5)


@pytest.mark.parametrize("cell", ["RNNCell", "LSTMCell", "GRUCell"])
def test_cells_gradcheck_and_unbatched(cell: str) -> None:
    m = getattr(nn, cell)(2, 3, dtype=ak.float64)
    x, h = rand64(2, 2), rand64(2, 3)

    def run(x: ak.Tensor, h: ak.Tensor) -> ak.Tensor:
        out = m(x, (h, h * 2)) if cell == "LSTMCell" else m(x, h)
        return out[0] + out[1] if cell == "LSTMCell" else out

    check(run, x, h)
    one = run(x[0], h[0])
    assert one.shape == (3,)
    np.testing.assert_allclose(host(one), host(run(x, h))[0])


def test_unbatched_sequence_and_errors() -> None:
    m = nn.GRU(2, 3, dtype=ak.float64)
    x = rand64(4, 2)
    out, h = m(x)
    assert out.shape == (4, 3) and h.shape == (1, 3)
    out_b, h_b = m(x.unsqueeze(1))
    np.testing.assert_allclose(host(out), host(out_b)[:, 0])
    with pytest.raises(RuntimeError, match=r"Expected hidden size \(1, 2, 3\), got \[2, 2, 3\]"):
        m(rand64(4, 2, 2), rand64(2, 2, 3))
    with pytest.raises(ValueError, match="GRU: Expected input to be 2D or 3D, got 1D instead"):
        m(rand64(4))
    with pytest.raises(RuntimeError, match="input.size\\(-1\\) must be equal to input_size"):
        m(rand64(4, 2, 5))


# ---- channel dropout, interpolate -----------------------------------------------------------

def test_dropout2d_zeroes_whole_channels() -> None:
    ak.manual_seed(3)
    x = ak.ones(4, 6, 3, 3, requires_grad=True)
    y = nn.Dropout2d(0.5)(x)
    per_channel = host(y).reshape(4, 6, 9)
    assert set(np.unique(per_channel)) <= {0.0, 2.0}
    assert (per_channel.min(axis=2) == per_channel.max(axis=2)).all()
    y.sum().backward()
    np.testing.assert_array_equal(host(x.grad), host(y))
    assert nn.Dropout2d().eval()(x) is x
    assert repr(nn.Dropout1d(0.2)) == "Dropout1d(p=0.2, inplace=False)"


def test_dropout1d_unbatched_and_errors() -> None:
    ak.manual_seed(0)
    y = F.dropout1d(ak.ones(5, 4), 0.5)
    rows = host(y)
    assert y.shape == (5, 4) and (rows.min(axis=1) == rows.max(axis=1)).all()
    with pytest.raises(RuntimeError, match="dropout1d: Expected 2D or 3D input"):
        F.dropout1d(ak.ones(1, 2, 3, 4))
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1"):
        nn.Dropout2d(1.5)


def test_interpolate_nearest_by_hand() -> None:
    x = ak.tensor([[[1.0, 2.0, 3.0]]])
    assert F.interpolate(x, scale_factor=2).tolist() == [[[1.0, 1.0, 2.0, 2.0, 3.0, 3.0]]]
    assert F.interpolate(x, size=2).tolist() == [[[1.0, 2.0]]]  # floor(i · 3/2)
    assert F.interpolate(x, size=2, mode="nearest-exact").tolist() == [[[1.0, 3.0]]]


def test_interpolate_linear_by_hand() -> None:
    x = ak.tensor([[[0.0, 10.0]]], dtype=ak.float64)
    # align_corners: the end points stay; 0, 1/3, 2/3, 1 of the way
    np.testing.assert_allclose(host(F.interpolate(x, size=4, mode="linear", align_corners=True)),
                               [[[0.0, 10 / 3, 20 / 3, 10.0]]])
    # half-pixel centres: source x = (i + ½)/2 - ½, clamped at 0
    np.testing.assert_allclose(host(F.interpolate(x, size=4, mode="linear")),
                               [[[0.0, 2.5, 7.5, 10.0]]])
    img = ak.tensor([[[[0.0, 1.0], [2.0, 3.0]]]], dtype=ak.float64)
    up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)(img)
    np.testing.assert_allclose(host(up)[0, 0, 1], [2 / 3, 1.0, 4 / 3, 5 / 3])


@pytest.mark.parametrize("mode, kwargs", [
    ("nearest", {"scale_factor": 2}), ("nearest", {"size": (5, 3)}),
    ("nearest-exact", {"size": (3, 7)}), ("bilinear", {"scale_factor": 1.7}),
    ("bilinear", {"size": (5, 2), "align_corners": True}), ("bilinear", {"size": (2, 3)}),
])
def test_interpolate_gradcheck(mode: str, kwargs: dict) -> None:
    x = rand64(1, 2, 3, 4)
    check(lambda t: F.interpolate(t, mode=mode, **kwargs).pow(2), x)


def test_interpolate_1d_3d_gradcheck_and_errors() -> None:
    check(lambda t: F.interpolate(t, size=7, mode="linear").pow(2), rand64(1, 2, 4))
    check(lambda t: F.interpolate(t, scale_factor=1.5, mode="trilinear").pow(2),
          rand64(1, 1, 2, 3, 2))
    with pytest.raises(ValueError, match="only one of size or scale_factor should be defined"):
        F.interpolate(ak.ones(1, 1, 3, 3), size=4, scale_factor=2)
    with pytest.raises(NotImplementedError, match="Got 3D input, but bilinear mode needs 4D"):
        F.interpolate(ak.ones(1, 1, 3), size=4, mode="bilinear")
    with pytest.raises(ValueError, match="align_corners option can only be set"):
        F.interpolate(ak.ones(1, 1, 3), size=4, align_corners=True)


# ---- parameter vectors, pad_sequence, CyclicLR -----------------------------------------------

def test_parameters_to_vector_and_back() -> None:
    m = nn.Linear(3, 2)
    v = nn.utils.parameters_to_vector(m.parameters())
    assert v.shape == (8,) and v.grad_fn.name() == "CatBackward0"
    np.testing.assert_array_equal(host(v[:6]), host(m.weight).ravel())
    nn.utils.vector_to_parameters(ak.arange(8.0), m.parameters())
    assert m.weight.tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    assert m.bias.tolist() == [6.0, 7.0] and m.weight.is_leaf
    with pytest.raises(TypeError, match="expected torch.Tensor, but got: list"):
        nn.utils.vector_to_parameters([1.0], m.parameters())


def test_pad_sequence_by_hand() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0, 4.0, 5.0])
    p = nn.utils.rnn.pad_sequence([a, b])
    assert p.tolist() == [[1.0, 3.0], [2.0, 4.0], [0.0, 5.0]]
    (p * ak.arange(6.0).view(3, 2)).sum().backward()
    assert a.grad.tolist() == [0.0, 2.0]
    left = nn.utils.rnn.pad_sequence([a, b], batch_first=True, padding_value=-1,
                                     padding_side="left")
    assert left.tolist() == [[-1.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    with pytest.raises(RuntimeError, match="received an empty list of sequences"):
        nn.utils.rnn.pad_sequence([])


def test_cyclic_lr_triangle_by_hand() -> None:
    p = nn.Parameter(ak.zeros(2))
    opt = ak.optim.SGD([p], lr=0.5, momentum=0.9)
    sched = ak.optim.lr_scheduler.CyclicLR(opt, base_lr=0.1, max_lr=0.4, step_size_up=3,
                                           base_momentum=0.8, max_momentum=0.9)
    lrs, momenta = [opt.param_groups[0]["lr"]], [opt.param_groups[0]["momentum"]]
    for _ in range(7):
        opt.step()
        sched.step()
        lrs.append(opt.param_groups[0]["lr"])
        momenta.append(opt.param_groups[0]["momentum"])
    np.testing.assert_allclose(lrs, [0.1, 0.2, 0.3, 0.4, 0.3, 0.2, 0.1, 0.2])
    np.testing.assert_allclose(momenta, [0.9, 0.8667, 0.8333, 0.8, 0.8333, 0.8667, 0.9, 0.8667],
                               atol=1e-4)
    with pytest.raises(ValueError, match="mode is invalid and scale_fn is None"):
        ak.optim.lr_scheduler.CyclicLR(opt, 0.1, 0.4, mode="zigzag")
