"""Parity hunt over torch.nn / optim / autograd docstring examples (helper c, session 16):
each case runs the same code with ``torch`` bound to PyTorch and to the kit, and compares
the value's repr or the error's type and message."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402


def _run(mod, code: str) -> str:
    ns = {"torch": mod, "nn": mod.nn, "F": mod.nn.functional, "np": np}
    mod.manual_seed(0)
    try:
        exec(code, ns)
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}".replace("autograd_kit", "torch")
    return repr(ns.get("r")).replace("autograd_kit", "torch")


def _same(code: str) -> None:
    assert _run(ak, code) == _run(torch, code)


NOT_TENSOR_CONV = [
    "r = F.conv1d([1, 2., 3], torch.ones(1, 1, 2), None, 1, 0, 1, 1)",
    "r = F.conv1d(np.ones(2), torch.ones(1, 1, 2), stride=1)",
    "r = F.conv2d(None, torch.ones(1, 1, 2, 2))",
    "r = nn.Conv2d(1, 1, 2)(np.ones((1, 3, 3), dtype=np.float32))",
    "r = nn.Conv3d(1, 1, 2)([[1.0]])",
    "r = nn.Conv1d(1, 1, 2, bias=False)((1.0,))",
    "r = nn.Conv1d(1, 1, 2, padding='same')([])",
    "r = nn.Conv2d(1, 1, 2)(torch.ones(1, 3, 3)).shape",
]


@pytest.mark.parametrize("code", NOT_TENSOR_CONV)
def test_conv_input_not_a_tensor(code: str) -> None:
    _same(code)


NOT_TENSOR_INPUT = [
    "F.conv_transpose1d(x, torch.ones(1, 1, 2))", "F.conv_transpose2d(x, torch.ones(1, 1, 2, 2))",
    "F.conv_transpose3d(x, torch.ones(1, 1, 2, 2, 2))", "F.max_pool1d(x, 2)", "F.max_pool3d(x, 2)",
    "F.avg_pool1d(x, 2)", "F.avg_pool3d(x, 2)", "F.adaptive_avg_pool1d(x, 2)",
    "F.adaptive_max_pool1d(x, 2)", "F.pixel_shuffle(x, 2)", "F.pixel_unshuffle(x, 2)",
    "F.channel_shuffle(x, 2)", "F.alpha_dropout(x)", "F.feature_alpha_dropout(x)", "F.pdist(x)",
    "F.cosine_similarity(x, t)", "F.pairwise_distance(x, t)",
    "F.bilinear(x, t, torch.ones(1, 2, 2))", "F.kl_div(x, t)", "F.multi_margin_loss(x, t)",
    "F.multilabel_margin_loss(x, t)", "F.poisson_nll_loss(x, t)", "F.rms_norm(x, (2,))",
    "F.hinge_embedding_loss(x, t)", "nn.MaxPool1d(2)(x)", "nn.AvgPool3d(2)(x)",
    "nn.ConvTranspose2d(1, 1, 2)(x)", "nn.PixelShuffle(2)(x)", "nn.CosineSimilarity()(x, t)",
    "nn.KLDivLoss()(x, t)", "nn.FeatureAlphaDropout()(x)", "nn.AdaptiveAvgPool1d(2)(x)",
]
NOT_TENSORS = ["[[1.0, 2.0]]", "np.ones((1, 2), dtype=np.float32)", "None", "1.5"]


@pytest.mark.parametrize("x", NOT_TENSORS)
@pytest.mark.parametrize("call", NOT_TENSOR_INPUT)
def test_functional_input_not_a_tensor(call: str, x: str) -> None:
    _same(f"t = torch.ones(1, 2)\nx = {x}\nr = {call}")


@pytest.mark.parametrize("call", NOT_TENSOR_INPUT)
def test_functional_tensor_input_still_runs(call: str) -> None:
    _same(f"t = torch.ones(4)\nx = torch.ones(1, 1, 4, 4, 4)\nr = {call}")


NOT_TENSOR_MORE = [
    "F.relu_(x)", "F.leaky_relu_(x)", "F.elu_(x)", "F.hardtanh_(x)", "F.celu_(x)", "F.selu_(x)",
    "F.rrelu_(x)", "F.threshold_(x, 0.5, 0.0)", "F.soft_margin_loss(x, t)", "F.unfold(x, 2)",
    "F.fold(x, (2, 2), 1)", "F.grid_sample(x, torch.ones(1, 1, 2, 2))", "F.cross_entropy(x, t)",
    "F.nll_loss(x, t)", "nn.Unfold(2)(x)", "nn.ReLU(inplace=True)(x)",
    "nn.CrossEntropyLoss()(x, t)",
    "F.relu6(x, inplace=True)", "F.silu(x, inplace=True)", "F.mish(x, inplace=True)",
    "F.hardswish(x, inplace=True)", "F.threshold(x, 0.0, 0.0, inplace=True)",
    "nn.ELU(inplace=True)(x)",
]


@pytest.mark.parametrize("x", NOT_TENSORS)
@pytest.mark.parametrize("call", NOT_TENSOR_MORE)
def test_more_functionals_input_not_a_tensor(call: str, x: str) -> None:
    _same(f"t = torch.ones(1, 2)\nx = {x}\nr = {call}")


SIZE_FIRST = [
    "F.adaptive_avg_pool2d(x, 2)", "F.adaptive_avg_pool3d(x, 2)", "F.adaptive_max_pool2d(x, 2)",
    "F.adaptive_max_pool3d(x, 2)", "F.instance_norm(x)", "F.max_unpool1d(x, t, 2)",
    "F.max_unpool2d(x, t, 2)", "nn.AdaptiveAvgPool2d(1)(x)", "nn.InstanceNorm2d(3)(x)",
]


@pytest.mark.parametrize("x", NOT_TENSORS)
@pytest.mark.parametrize("call", SIZE_FIRST)
def test_python_functionals_read_input_size_first(call: str, x: str) -> None:
    _same(f"t = torch.ones(1, 2)\nx = {x}\nr = {call}")


ONLY_INPUT = ["pixel_shuffle", "channel_shuffle", "cosine_similarity", "bilinear",
              "conv_transpose2d", "avg_pool1d", "adaptive_avg_pool1d", "threshold_", "pdist",
              "kl_div", "rms_norm", "unfold", "fold", "hinge_embedding_loss", "alpha_dropout",
              "adaptive_avg_pool2d", "instance_norm", "max_unpool3d", "soft_margin_loss"]


@pytest.mark.parametrize("name", ONLY_INPUT)
def test_missing_arguments_or_wrong_input_first(name: str) -> None:
    """PyTorch's C++ functionals check the input's type first; its Python ones let Python
    report the missing arguments first."""
    _same(f"r = F.{name}([1.0])")


BY_KEYWORD_OR_MORE = [
    "r = F.prelu([1.0])", "r = F.prelu(np.ones(2), torch.ones(1))",
    "r = F.scaled_dot_product_attention([1.0])",
    "r = F.scaled_dot_product_attention(query=[1.0], key=torch.ones(1, 2), value=torch.ones(1, 2))",
    "r = F.multilabel_soft_margin_loss([1.0], [1.0])", "r = F.multilabel_soft_margin_loss([1.0])",
    "r = F.pixel_shuffle(input=[1.0], upscale_factor=2)",
    "r = F.conv_transpose2d(input=None, weight=torch.ones(1, 1, 2, 2))",
    "r = F.max_pool1d(input=[1.0], kernel_size=2)", "r = nn.PReLU()([1.0])",
]


@pytest.mark.parametrize("code", BY_KEYWORD_OR_MORE)
def test_input_by_keyword_and_more_functionals(code: str) -> None:
    """A C++ builtin names no position for an argument given by keyword."""
    _same(code)
