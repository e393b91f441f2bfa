"""The second batch of nn layers, without PyTorch: convolution, pooling, padding, embedding,
layer and batch normalization, more activations, cosine similarity, normalize, one_hot,
KL divergence and the parameter containers.

Values are worked by hand from the formulas; gradients (and gradients of gradients) are
checked against finite differences in float64. tests/test_torch_sweep_nn2.py compares the
same layers with PyTorch's printed output.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.nn import functional as F
from tests.layer_helpers import check, host, rand64

# 'same' padding with an even kernel warns, as in PyTorch (one extra zero on the right)
pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same'")


# ---- convolution ------------------------------------------------------------------------------

@pytest.mark.parametrize("options", [
    {}, {"stride": 2}, {"padding": 1}, {"dilation": 2}, {"stride": (2, 1), "padding": (1, 2)},
    {"padding": "same"}, {"groups": 2},
])
def test_conv2d_gradients(options: dict) -> None:
    x, w, b = rand64(2, 2, 5, 6), rand64(4, 2 // options.get("groups", 1), 3, 2), rand64(4)
    check(lambda x, w, b: F.conv2d(x, w, b, **options), x, w, b)


@pytest.mark.parametrize("options", [{}, {"stride": 2, "padding": 1}, {"dilation": 2},
                                     {"padding": "same"}])
def test_conv1d_gradients(options: dict) -> None:
    x, w = rand64(2, 3, 7), rand64(2, 3, 2)
    check(lambda x, w: F.conv1d(x, w, **options), x, w)


def test_conv2d_values_by_hand() -> None:
    x = ak.arange(16.0).view(1, 1, 4, 4)
    w = ak.ones(1, 1, 2, 2, requires_grad=True)
    y = F.conv2d(x, w, ak.tensor([0.5]), stride=2)
    # each output is the sum of a 2×2 block, plus 0.5
    assert host(y).tolist() == [[[[10.5, 18.5], [42.5, 50.5]]]]
    assert y.grad_fn.name() == "ConvolutionBackward0"


def test_conv2d_weight_gradient_is_the_patch_sum() -> None:
    x = ak.arange(9.0).view(1, 1, 3, 3)
    m = nn.Conv2d(1, 1, 2)
    m(x).sum().backward()
    assert host(m.weight.grad).tolist() == [[[[8.0, 12.0], [20.0, 24.0]]]]
    assert host(m.bias.grad).tolist() == [4.0]


def test_conv_modules_shapes_repr_and_state() -> None:
    m = nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False)
    assert repr(m) == "Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)"
    assert list(m.state_dict()) == ["weight"]
    assert m(ak.ones(2, 3, 8, 8)).shape == (2, 8, 4, 4)
    c1 = nn.Conv1d(2, 4, 3, groups=2)
    assert tuple(c1.weight.shape) == (4, 1, 3) and c1(ak.ones(5, 2, 10)).shape == (5, 4, 8)
    assert m(ak.ones(3, 8, 8)).shape == (8, 4, 4)  # unbatched input
    with pytest.raises(ValueError, match="in_channels must be divisible by groups"):
        nn.Conv2d(3, 4, 3, groups=2)
    with pytest.raises(RuntimeError, match="to have 3 channels, but got 2 channels"):
        m(ak.ones(1, 2, 8, 8))


# ---- pooling and padding ----------------------------------------------------------------------

@pytest.mark.parametrize("options", [
    {"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1},
    {"kernel_size": 2, "stride": 1, "dilation": 2},
    {"kernel_size": 3, "stride": 2, "ceil_mode": True},
])
def test_max_pool2d_gradients(options: dict) -> None:
    check(lambda x: F.max_pool2d(x, **options), rand64(2, 2, 6, 7))


@pytest.mark.parametrize("options", [
    {"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1},
    {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False},
    {"kernel_size": 2, "divisor_override": 3},
])
def test_avg_pool2d_gradients(options: dict) -> None:
    check(lambda x: F.avg_pool2d(x, **options), rand64(1, 2, 6, 7))


def test_pool_values_by_hand() -> None:
    x = ak.tensor([[[[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 8.0, 1.0],
                     [0.0, 0.0, 1.0, 1.0], [9.0, 0.0, 1.0, 7.0]]]])
    y, idx = F.max_pool2d(x, 2, return_indices=True)
    assert host(y).tolist() == [[[[5.0, 8.0], [9.0, 7.0]]]]
    assert host(idx).tolist() == [[[[1, 6], [12, 15]]]]
    assert host(F.avg_pool2d(x, 2)).tolist() == [[[[3.25, 2.75], [2.25, 2.5]]]]
    # padding counted in the divisor (9) or not (4 values in the corner window)
    ones = ak.ones(1, 1, 3, 3)
    assert host(F.avg_pool2d(ones, 3, 1, 1))[0, 0, 0, 0] == pytest.approx(4 / 9)
    assert host(F.avg_pool2d(ones, 3, 1, 1, count_include_pad=False))[0, 0, 0, 0] == 1.0


def test_max_pool2d_sends_the_gradient_to_the_maximum() -> None:
    x = ak.tensor([[[[1.0, 5.0], [3.0, 4.0]]]], requires_grad=True)
    F.max_pool2d(x, 2).sum().backward()
    assert host(x.grad).tolist() == [[[[0.0, 1.0], [0.0, 0.0]]]]


def test_adaptive_avg_pool2d() -> None:
    x = rand64(2, 3, 5, 7)
    g = nn.AdaptiveAvgPool2d((1, 1))(x)
    assert g.grad_fn.name() == "MeanBackward1"
    np.testing.assert_allclose(host(g)[..., 0, 0], host(x).mean(axis=(2, 3)))
    check(lambda x: F.adaptive_avg_pool2d(x, (2, 3)), rand64(1, 2, 5, 7))
    # windows [⌊i·n/k⌋, ⌈(i+1)·n/k⌉): for 5 → 2 rows: [0, 3) and [2, 5)
    y = F.adaptive_avg_pool2d(ak.arange(5.0).view(1, 1, 5, 1), (2, 1))
    assert host(y).ravel().tolist() == [1.0, 3.0]


def test_pad() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = F.pad(x, (1, 0, 0, 1), value=9.0)
    assert host(y).tolist() == [[9.0, 1.0, 2.0], [9.0, 3.0, 4.0], [9.0, 9.0, 9.0]]
    assert y.grad_fn.name() == "ConstantPadNdBackward0"
    assert host(F.pad(x, (-1, 0))).tolist() == [[2.0], [4.0]]
    check(lambda x: F.pad(x, (1, -1, 2, 0)), rand64(3, 4))
    with pytest.raises(RuntimeError, match="divisible by 2"):
        F.pad(x, (1,))


# ---- embedding --------------------------------------------------------------------------------

def test_embedding_lookup_and_gradient() -> None:
    m = nn.Embedding(4, 2, padding_idx=0)
    assert host(m.weight)[0].tolist() == [0.0, 0.0]
    ids = ak.tensor([[0, 2], [2, 3]])
    y = m(ids)
    assert y.shape == (2, 2, 2) and y.grad_fn.name() == "EmbeddingBackward0"
    np.testing.assert_array_equal(host(y)[1, 0], host(m.weight)[2])
    y.sum().backward()
    assert host(m.weight.grad).tolist() == [[0, 0], [0, 0], [2, 2], [1, 1]]  # padding row: 0


def test_embedding_gradients_and_options() -> None:
    ids = ak.tensor([1, 0, 1, 2])
    check(lambda w: F.embedding(ids, w), rand64(3, 2))
    w = ak.zeros(3, 2, requires_grad=True)
    F.embedding(ak.tensor([1, 1, 2]), w, scale_grad_by_freq=True).sum().backward()
    assert host(w.grad).tolist() == [[0, 0], [1, 1], [1, 1]]  # row 1: 2 reads / 2
    w = ak.tensor([[3.0, 4.0], [0.3, 0.4]])
    F.embedding(ak.tensor([0, 1]), w, max_norm=1.0)  # rows scaled down to norm 1, in place
    np.testing.assert_allclose(host(w), [[0.6, 0.8], [0.3, 0.4]], rtol=1e-6)
    with pytest.raises(IndexError, match="index out of range in self"):
        F.embedding(ak.tensor([3]), w)
    with pytest.raises(RuntimeError, match="'indices' to have one of the following"):
        F.embedding(ak.tensor([0.0]), w)


# ---- normalization ----------------------------------------------------------------------------

def test_layer_norm() -> None:
    m = nn.LayerNorm(4)
    y = m(ak.tensor([[1.0, 2.0, 3.0, 4.0]]))
    np.testing.assert_allclose(host(y), [[-1.3416, -0.4472, 0.4472, 1.3416]], atol=1e-4)
    assert y.grad_fn.name() == "NativeLayerNormBackward0"
    assert list(m.state_dict()) == ["weight", "bias"]
    x, w, b = rand64(3, 2, 4), rand64(2, 4), rand64(2, 4)
    check(lambda x, w, b: F.layer_norm(x, (2, 4), w, b, eps=0.1), x, w, b)
    check(lambda x: F.layer_norm(x, (4,)), rand64(3, 4))


def test_batch_norm_training_and_running_statistics() -> None:
    m = nn.BatchNorm1d(2)
    x = ak.tensor([[1.0, 10.0], [3.0, 20.0]])
    y = m(x)
    np.testing.assert_allclose(host(y), [[-1, -1], [1, 1]], atol=1e-4)
    # running ← 0.9 · running + 0.1 · batch statistic (the variance unbiased: n/(n-1))
    np.testing.assert_allclose(host(m.running_mean), [0.2, 1.5], rtol=1e-6)
    np.testing.assert_allclose(host(m.running_var), [0.9 + 0.2, 0.9 + 5.0], rtol=1e-6)
    assert m.num_batches_tracked.item() == 1
    m.eval()
    out = m(x)
    np.testing.assert_allclose(host(out)[0, 0], (1 - 0.2) / math.sqrt(1.1 + 1e-5), rtol=1e-5)
    assert m.num_batches_tracked.item() == 1
    assert list(m.state_dict()) == ["weight", "bias", "running_mean", "running_var",
                                    "num_batches_tracked"]


def test_batch_norm_gradients() -> None:
    x, w, b = rand64(4, 3, 2, 2), rand64(3), rand64(3)
    rm, rv = ak.zeros(3, dtype=ak.float64), ak.ones(3, dtype=ak.float64)
    check(lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), x, w, b)
    check(lambda x, w, b: F.batch_norm(x, rm, rv + 1, w, b, training=False), x, w, b)
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        F.batch_norm(ak.ones(1, 3), rm, rv, training=True)


def test_batch_norm_momentum_none_is_a_plain_average() -> None:
    m = nn.BatchNorm1d(1, momentum=None)
    m(ak.tensor([[0.0], [2.0]]))
    m(ak.tensor([[4.0], [6.0]]))
    assert host(m.running_mean).tolist() == [3.0]  # (1 + 5) / 2


# ---- activations ------------------------------------------------------------------------------

@pytest.mark.parametrize("fn", [F.selu, lambda x: F.celu(x, 0.7), F.mish, F.hardswish,
                                lambda x: F.threshold(x, 0.1, 2.0)])
def test_activation_gradients(fn) -> None:
    x = ak.tensor([-3.5, -1.2, -0.3, 0.4, 1.7, 3.6], dtype=ak.float64, requires_grad=True)
    check(fn, x)


def test_hardsigmoid_gradient() -> None:
    """(PyTorch gives hardsigmoid no second derivative: only the first is checked.)"""
    x = ak.tensor([-3.5, -1.2, -0.3, 0.4, 1.7, 3.6], dtype=ak.float64, requires_grad=True)
    assert ak.autograd.gradcheck(F.hardsigmoid, (x,))


def test_activation_values() -> None:
    x = ak.tensor([-4.0, -1.0, 0.0, 1.0, 4.0])
    np.testing.assert_allclose(host(F.hardswish(x)), [0, -1 / 3, 0, 2 / 3, 4], atol=1e-6)
    np.testing.assert_allclose(host(F.hardsigmoid(x)), [0, 1 / 3, 0.5, 2 / 3, 1], atol=1e-6)
    np.testing.assert_allclose(host(F.selu(x))[3], 1.0507009873554805, rtol=1e-6)
    np.testing.assert_allclose(host(F.celu(x, 2.0))[1], 2 * math.expm1(-0.5), rtol=1e-6)
    np.testing.assert_allclose(host(F.mish(x))[3], math.tanh(math.log1p(math.e)), rtol=1e-6)
    assert host(nn.Threshold(0.5, -9.0)(x)).tolist() == [-9, -9, -9, 1, 4]


def test_prelu() -> None:
    m = nn.PReLU(2, init=0.5)
    x = ak.tensor([[-2.0, -4.0], [1.0, 3.0]], requires_grad=True)
    y = m(x)
    assert host(y).tolist() == [[-1.0, -2.0], [1.0, 3.0]]
    y.sum().backward()
    assert host(m.weight.grad).tolist() == [-2.0, -4.0]
    check(lambda x, w: F.prelu(x, w), rand64(2, 3, 2), rand64(3))


# ---- similarity, normalize, one_hot, KL divergence --------------------------------------------

def test_cosine_similarity_and_normalize() -> None:
    a, b = ak.tensor([[1.0, 0.0], [1.0, 1.0]]), ak.tensor([[0.0, 2.0], [2.0, 2.0]])
    np.testing.assert_allclose(host(nn.CosineSimilarity()(a, b)), [0.0, 1.0], atol=1e-6)
    check(lambda x, y: F.cosine_similarity(x, y, dim=1), rand64(3, 4), rand64(3, 4) + 1)
    np.testing.assert_allclose(host(F.normalize(ak.tensor([[3.0, 4.0]]))), [[0.6, 0.8]])
    check(lambda x: F.normalize(x, dim=0), rand64(3, 2))


def test_one_hot() -> None:
    y = F.one_hot(ak.tensor([2, 0]), 3)
    assert y.dtype == ak.int64 and host(y).tolist() == [[0, 0, 1], [1, 0, 0]]
    with pytest.raises(RuntimeError, match="smaller than num_classes"):
        F.one_hot(ak.tensor([3]), 3)


def test_kl_div() -> None:
    logp = ak.tensor([[math.log(0.5), math.log(0.5)]], dtype=ak.float64)
    t = ak.tensor([[0.25, 0.75]], dtype=ak.float64)
    expected = 0.25 * math.log(0.5) + 0.75 * math.log(1.5)
    loss = nn.KLDivLoss(reduction="batchmean")(logp, t)
    assert loss.item() == pytest.approx(expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(lambda x, t: F.kl_div(x, t), rand64(2, 3), rand64(2, 3).abs())
    check(lambda x, t: F.kl_div(x, t, reduction="sum", log_target=True), rand64(2, 3), rand64(2, 3))


# ---- parameter containers ---------------------------------------------------------------------

def test_parameter_list_and_dict_register_parameters() -> None:
    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.scales = nn.ParameterList([ak.ones(2), ak.ones(2)])
            self.shifts = nn.ParameterDict({"b": ak.zeros(2), "a": ak.zeros(2)})

        def forward(self, x: ak.Tensor) -> ak.Tensor:
            for s in self.scales:
                x = x * s
            return x + self.shifts["a"]

    m = Model()
    assert list(m.state_dict()) == ["scales.0", "scales.1", "shifts.a", "shifts.b"]
    assert all(isinstance(p, nn.Parameter) for p in m.parameters())
    m(ak.tensor([1.0, 2.0])).sum().backward()
    assert host(m.scales[0].grad).tolist() == [1.0, 2.0]
    assert m.shifts["b"].grad is None
    m.scales.append(ak.ones(1))
    assert len(m.scales) == 3 and len(list(m.parameters())) == 5
