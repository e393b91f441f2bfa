"""Kit-only checks of PyTorch behaviours found by comparing nn.functional, losses and optim
with PyTorch (the numbers are PyTorch's)."""

from __future__ import annotations

import math
import re

import numpy
import pytest

import autograd_kit as ak

F = ak.nn.functional


def _four_steps() -> ak.Tensor:
    probs = [[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], [0.25] * 4, [0.7, 0.1, 0.1, 0.1]]
    return ak.tensor([[row] for row in probs]).log()


def test_ctc_target_equal_to_blank_may_be_skipped_to() -> None:
    """PyTorch's recursion allows s-2 → s wherever l'[s] != l'[s-2], even for a label that
    equals the blank (it does not check the label against the blank)."""
    lp = _four_steps()
    loss = F.ctc_loss(lp, ak.tensor([[1, 3]]), ak.tensor([4]), ak.tensor([2]), blank=3,
                      reduction="none")
    assert loss.tolist() == pytest.approx([3.8167128562927246], rel=1e-6)
    loss = F.ctc_loss(lp, ak.tensor([[3, 3]]), ak.tensor([4]), ak.tensor([2]), blank=3,
                      reduction="sum")
    assert loss.item() == pytest.approx(5.2983174324035645, rel=1e-6)


def _signs(values: list[float]) -> list[float]:
    return [math.copysign(1.0, v) for v in values]


def test_grid_sample_reads_plus_zero_outside_the_image() -> None:
    """Padding 'zeros' reads +0 outside (not -0 from a negative pixel times a 0 mask)."""
    x = -ak.arange(1.0, 17.0).reshape(1, 1, 4, 4)
    grid = ak.tensor([[[[1.0, 1.5], [-3.0, 0.0]]]])
    for mode in ("bilinear", "nearest"):
        out = F.grid_sample(x, grid, mode=mode, align_corners=False).flatten().tolist()
        assert out == [0.0, 0.0] and _signs(out) == [1.0, 1.0]


@pytest.mark.parametrize(("padding_mode", "align_corners", "values", "grads"), [
    ("border", False, [16.0, 10.0, 1.0], [-0.0, -0.0, -0.0, 8.0, 0.0, 0.0]),
    ("reflection", True, [16.0, 9.7, 1.0], [-0.0, -0.0, -1.5, 6.0, 0.0, 0.0]),
    ("reflection", False, [16.0, 10.0, 1.0], [-0.0, -0.0, -0.0, 8.0, 0.0, 0.0]),
])
def test_grid_sample_clipped_points_keep_the_sign_of_a_zero_gradient(
        padding_mode: str, align_corners: bool, values: list[float], grads: list[float]) -> None:
    """PyTorch multiplies the arriving gradient by a +0 where a point is clipped (no flip from
    the reflection), and writes each coordinate's gradient (no 0 added from the other)."""
    x = ak.arange(1.0, 17.0).reshape(1, 1, 4, 4)
    grid = ak.tensor([[[[1.0, 1.0], [1.2, 0.0], [-1.0, -1.0]]]], requires_grad=True)
    y = F.grid_sample(x, grid, padding_mode=padding_mode, align_corners=align_corners)
    assert y.flatten().tolist() == pytest.approx(values)
    got = ak.autograd.grad(y.sum(), grid)[0].flatten().tolist()
    assert got == grads and _signs(got) == _signs(grads)


def test_pdist_inf_gives_every_tied_maximum_the_whole_gradient() -> None:
    x = ak.tensor([[1.0, 2.0], [1.0, 2.0], [0.0, 3.0]], requires_grad=True)
    d = F.pdist(x, p=float("inf"))
    assert d.tolist() == [0.0, 1.0, 1.0] and d.grad_fn.name() == "PdistBackward0"
    d.sum().backward()
    assert x.grad.tolist() == [[1.0, -1.0], [1.0, -1.0], [-2.0, 2.0]]


def test_pdist_checks_and_a_single_row() -> None:
    x = ak.ones(1, 3, requires_grad=True)
    d = F.pdist(x)
    assert d.shape == (0,) and d.grad_fn.name() == "PdistBackward0"
    d.sum().backward()
    assert x.grad.tolist() == [[0.0, 0.0, 0.0]]
    with pytest.raises(RuntimeError, match="^pdist only supports non-negative p values$"):
        F.pdist(ak.ones(2, 2), p=-1)
    with pytest.raises(RuntimeError, match="^pdist only supports floating-point dtypes$"):
        F.pdist(ak.ones(2, 2, dtype=ak.long))


def test_interpolate_area_on_signals_and_volumes() -> None:
    x = ak.arange(6.0).reshape(1, 1, 6).requires_grad_()
    y = F.interpolate(x, size=4, mode="area")
    assert y.tolist() == [[[0.5, 1.5, 3.5, 4.5]]]
    assert y.grad_fn.name() == "SqueezeBackward1"  # (PyTorch pools 1-D as 2-D)
    assert y.grad_fn.next_functions[0][0].name() == "AdaptiveAvgPool2DBackward0"
    v = ak.arange(8.0).reshape(1, 1, 2, 2, 2).requires_grad_()
    y = F.interpolate(v, size=3, mode="area")
    assert y.grad_fn.name() == "AdaptiveAvgPool3DBackward0"
    assert y[0, 0, 1].tolist() == [[2.0, 2.5, 3.0], [3.0, 3.5, 4.0], [4.0, 4.5, 5.0]]


@pytest.mark.parametrize(("dim", "word"), [((0, 1), "tuple"), (1.0, "float"), ("a", "str"),
                                           ([1], "list"), (True, "bool")])
def test_softmax_dim_must_be_an_int(dim: object, word: str) -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]])
    for f, name in ((F.softmax, "softmax"), (F.log_softmax, "log_softmax"),
                    (F.softmin, "softmax")):
        message = f"{name}(): argument 'dim' (position 1) must be int, not {word}"
        with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
            f(x, dim)
    assert F.softmax(x, ak.tensor(1)).tolist() == F.softmax(x, 1).tolist()


def _sdpa_node(q_shape: tuple[int, ...], k_shape: tuple[int, ...], v_shape: tuple[int, ...],
               **options: object) -> str:
    q = ak.randn(*q_shape, requires_grad=True)
    return F.scaled_dot_product_attention(q, ak.randn(*k_shape), ak.randn(*v_shape),
                                          **options).grad_fn.name()


def test_sdpa_names_pytorchs_fused_cpu_kernel_where_pytorch_uses_it() -> None:
    flash = "ScaledDotProductFlashAttentionForCpuBackward0"
    same = ((1, 2, 3, 4), (1, 2, 5, 4), (1, 2, 5, 4))
    assert _sdpa_node(*same) == flash
    assert _sdpa_node(*same, is_causal=True) == flash
    assert _sdpa_node(*same, attn_mask=ak.zeros(3, 5)) == flash
    assert _sdpa_node(*same, dropout_p=0.5) == "UnsafeViewBackward0"
    assert _sdpa_node(*same, attn_mask=ak.zeros(3, 5, requires_grad=True)) == \
        "UnsafeViewBackward0"
    assert _sdpa_node((1, 2, 3, 4), (1, 2, 5, 4), (1, 2, 5, 6)) == "UnsafeViewBackward0"
    assert _sdpa_node((2, 2, 3, 4), (1, 2, 5, 4), (1, 2, 5, 4)) == "UnsafeViewBackward0"
    assert _sdpa_node((2, 3, 4), (2, 5, 4), (2, 5, 4)) == "UnsafeViewBackward0"
    with ak.nn.attention.sdpa_kernel(ak.nn.attention.SDPBackend.MATH):
        assert _sdpa_node(*same) == "UnsafeViewBackward0"
    q = ak.randn(1, 2, 4, 3, requires_grad=True).transpose(2, 3)
    assert F.scaled_dot_product_attention(q, q, q).grad_fn.name() == "UnsafeViewBackward0"


def test_sdpa_fused_node_gradients_are_the_formulas() -> None:
    ak.manual_seed(0)
    q, k, v = (ak.randn(1, 2, 3, 4, requires_grad=True) for _ in range(3))
    y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    assert y.grad_fn.next_functions[0][0].name() == "torch::autograd::AccumulateGrad"
    (y * ak.arange(4.0)).sum().backward()
    weights = ((q @ k.transpose(-2, -1)) / 2 + ak.ones(3, 3).triu(1) * -1e9).softmax(-1)
    assert ak.allclose(y, weights @ v, atol=1e-6)
    expected = ak.autograd.grad(((weights @ v) * ak.arange(4.0)).sum(), (q, k, v))
    for got, want in zip((q.grad, k.grad, v.grad), expected):
        assert ak.allclose(got, want, atol=1e-5)


def test_sdpa_fused_node_has_no_second_derivative() -> None:
    q = ak.randn(1, 2, 3, 4, requires_grad=True)
    y = F.scaled_dot_product_attention(q, q, q)
    g, = ak.autograd.grad(y.sum(), q, create_graph=True)
    assert g.requires_grad
    with pytest.raises(RuntimeError, match="^derivative for aten::_scaled_dot_product_flash_"
                                           "attention_for_cpu_backward is not implemented$"):
        g.sum().backward()


def test_linear_cross_entropy_is_cross_entropy_of_a_linear_layer() -> None:
    x = ak.tensor([[1.0, 0.0, -1.0], [0.5, 2.0, 0.0]], requires_grad=True)
    w = ak.tensor([[1.0, 2.0, 0.0], [0.0, 1.0, 1.0], [-1.0, 0.0, 1.0]])
    loss = F.linear_cross_entropy(x, w, ak.tensor([0, 2]),
                                  linear_bias=ak.tensor([0.0, 1.0, -1.0]), label_smoothing=0.1)
    assert loss.item() == pytest.approx(3.1733336448669434, rel=1e-6)
    assert loss.grad_fn.name() == "AddBackward0"  # (label smoothing's sum, as in PyTorch)
    with pytest.raises(RuntimeError, match=re.escape("expected linear_bias shape (3,), got (2,)")):
        F.linear_cross_entropy(x, w, ak.tensor([0, 2]), linear_bias=ak.ones(2))
    with pytest.raises(RuntimeError, match="^ignore_index cannot be specified when target "
                                           "contains probabilities$"):
        F.linear_cross_entropy(x, w, ak.ones(2, 3) / 3, ignore_index=1)


def test_grid_sample_mode_numbers() -> None:
    assert F.GRID_SAMPLE_INTERPOLATION_MODES == {"bilinear": 0, "nearest": 1, "bicubic": 2}
    assert F.GRID_SAMPLE_PADDING_MODES == {"zeros": 0, "border": 1, "reflection": 2}


def test_muon_steps_match_pytorch_bit_for_bit() -> None:
    """Newton-Schulz in bfloat16 (emulated), decoupled weight decay, Nesterov momentum."""
    w = ak.nn.Parameter(ak.tensor([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1], [2.0, 0.0, 1.0],
                                   [-0.5, 1.5, 0.2]]))
    opt = ak.optim.Muon([w], lr=0.02)
    for _ in range(3):
        opt.zero_grad()
        (w ** 2).sum().backward()
        opt.step()
    assert w.tolist() == [
        [0.968308687210083, -1.9367066621780396, 0.4872150719165802],
        [0.27056387066841125, 0.6791073083877563, -1.0270609855651855],
        [1.9349944591522217, -0.002431825501844287, 0.9679027199745178],
        [-0.47728976607322693, 1.451314926147461, 0.1772400438785553]]
    assert opt.state[w]["momentum_buffer"][3].tolist() == [
        -0.14036674797534943, 0.42306414246559143, 0.05480882152915001]


def test_muon_checks() -> None:
    with pytest.raises(ValueError, match=re.escape(
            "Muon only supports 2D parameters whereas we found a parameter with size: "
            "autograd_kit.Size([3])")):
        ak.optim.Muon([ak.nn.Parameter(ak.ones(3))])
    w = ak.nn.Parameter(ak.ones(2, 2))
    with pytest.raises(ValueError, match="^Learning rate should be >= 0 but is: -1.0$"):
        ak.optim.Muon([w], lr=-1.0)
    with pytest.raises(ValueError, match="^Adjust learning rate function x is not supported$"):
        ak.optim.Muon([w], adjust_lr_fn="x")


def test_pad_amounts_must_be_ints() -> None:
    x = ak.arange(6.0).reshape(1, 2, 3)
    first = "pad(): argument 'pad' (position 2) must be tuple of ints, but found element of " \
            "type float at pos 0"
    with pytest.raises(TypeError, match=f"^{re.escape(first)}$"):
        F.pad(x, (1.0, 1))
    later = "pad(): argument 'pad' failed to unpack the object at pos 3 with error \"type must " \
            "be tuple of ints,but got float\""
    with pytest.raises(TypeError, match=f"^{re.escape(later)}$"):
        F.pad(x, (1, 1, 1.0, 1))
    with pytest.raises(TypeError, match=re.escape("must be tuple of ints, not int")):
        F.pad(x, 1)
    assert F.pad(x, (1, True)).shape == (1, 2, 5)
    assert F.pad(x, (1, ak.tensor([1]))).shape == (1, 2, 5)


@pytest.mark.parametrize(("call", "message"), [
    (lambda x: F.max_pool2d(x, 2.0),
     "max_pool2d(): argument 'kernel_size' (position 2) must be tuple of ints, not float"),
    (lambda x: F.max_pool2d(x, 2, stride=1.5),
     "max_pool2d(): argument 'stride' (position 3) must be tuple of ints, not float"),
    (lambda x: F.max_pool2d(x, (2, 2.0)),
     "max_pool2d(): argument 'kernel_size' failed to unpack the object at pos 2 with error "
     "\"type must be tuple of ints,but got float\""),
    (lambda x: F.max_pool2d(x, 2, 1.0, return_indices=True),
     "max_pool2d_with_indices(): argument 'stride' (position 3) must be tuple of ints, not "
     "float"),
    (lambda x: F.avg_pool2d(x, 2, padding=1.0),
     "avg_pool2d(): argument 'padding' must be tuple of ints, not float"),
    (lambda x: F.max_pool1d(x[0], 2.0),
     "max_pool1d(): argument 'kernel_size' (position 2) must be tuple of ints, not float"),
    (lambda x: F.avg_pool1d(x[0], 2, 1, 1.0),
     "avg_pool1d(): argument 'padding' (position 4) must be tuple of ints, not float"),
    (lambda x: F.unfold(x, 2.0),
     "im2col(): argument 'kernel_size' (position 2) must be tuple of ints, but found element "
     "of type float at pos 0"),
    (lambda x: F.fold(ak.ones(1, 4, 4), (3.0, 3), 2),
     "col2im(): argument 'output_size' (position 2) must be tuple of ints, but found element "
     "of type float at pos 0"),
    (lambda x: F.pixel_shuffle(x, 2.0),
     "pixel_shuffle(): argument 'upscale_factor' (position 2) must be int, not float"),
    (lambda x: F.group_norm(x, True),
     "group_norm(): argument 'num_groups' (position 2) must be int, not bool"),
    (lambda x: F.layer_norm(x, 4),
     "layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not int"),
    (lambda x: F.one_hot(ak.tensor([0, 2]), 3.0),
     "one_hot(): argument 'num_classes' (position 2) must be int, not float"),
    (lambda x: F.embedding(ak.tensor([0]), ak.ones(3, 2), padding_idx=1.5),
     "embedding(): argument 'padding_idx' (position 3) must be int, not float"),
    (lambda x: F.cosine_similarity(x, x, dim=1.0),
     "cosine_similarity(): argument 'dim' must be int, not float"),
    (lambda x: F.cross_entropy(ak.ones(2, 3), ak.tensor([0, 1]), ignore_index=None),
     "cross_entropy_loss(): argument 'ignore_index' (position 5) must be int, not NoneType"),
    (lambda x: F.nll_loss(ak.ones(2, 3), ak.tensor([0, 1]), ignore_index=1.0),
     "nll_loss_nd(): argument 'ignore_index' (position 5) must be int, not float"),
    (lambda x: F.adaptive_avg_pool2d(x, 2.5), "object of type 'float' has no len()"),
])
def test_int_arguments_raise_pytorchs_type_errors(call: object, message: str) -> None:
    x = ak.ones(1, 4, 4, 4)
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        call(x)  # type: ignore[operator]


def test_int_like_arguments_are_taken() -> None:
    x = ak.ones(1, 4, 4, 4)
    assert F.max_pool2d(x, numpy.int64(2)).shape == (1, 4, 2, 2)
    assert F.one_hot(ak.tensor([1]), ak.tensor(3)).tolist() == [[0, 1, 0]]
    assert F.layer_norm(x, ak.Size([4])).shape == (1, 4, 4, 4)


def test_batch_norm_names_the_missing_running_statistic() -> None:
    v = ak.ones(2, 3)
    with pytest.raises(RuntimeError, match="^running_mean must be defined in evaluation mode$"):
        F.batch_norm(v, None, ak.ones(3))
    with pytest.raises(RuntimeError, match="^running_var must be defined in evaluation mode$"):
        F.batch_norm(v, ak.zeros(3), None)


@pytest.mark.parametrize(("call", "message"), [
    (lambda v: F.leaky_relu(v, "0.1"),
     "leaky_relu(): argument 'negative_slope' (position 2) must be Number, not str"),
    (lambda v: F.elu(v, alpha=None), "elu(): argument 'alpha' (position 2) must be Number, "
                                     "not NoneType"),
    (lambda v: F.celu(v, alpha="1"), "celu(): argument 'alpha' (position 2) must be Number, "
                                     "not str"),
    (lambda v: F.softplus(v, beta="2"), "softplus(): argument 'beta' must be Number, not str"),
    (lambda v: F.threshold(v, 0.0, None),
     "threshold(): argument 'value' (position 3) must be Number, not NoneType"),
    (lambda v: F.hardshrink(v, "0.5"),
     "hardshrink(): argument 'lambd' (position 2) must be Number, not str"),
    (lambda v: F.rrelu(v, lower="0.1"),
     "rrelu(): argument 'lower' (position 2) must be Number, not str"),
    (lambda v: F.gelu(v, approximate=None),
     "gelu(): argument 'approximate' must be str, not NoneType"),
    (lambda v: F.softmax(v, 1, dtype="float32"),
     "softmax(): argument 'dtype' must be autograd_kit.dtype, not str"),
    (lambda v: F.cross_entropy(v, ak.tensor([0, 1]), label_smoothing=None),
     "cross_entropy_loss(): argument 'label_smoothing' (position 6) must be float, not "
     "NoneType"),
    (lambda v: F.smooth_l1_loss(v, v, beta=None),
     "smooth_l1_loss(): argument 'beta' (position 4) must be float, not NoneType"),
    (lambda v: F.huber_loss(v, v, delta="1"),
     "huber_loss(): argument 'delta' (position 4) must be float, not str"),
    (lambda v: F.margin_ranking_loss(v, v, v, margin=None),
     "margin_ranking_loss(): argument 'margin' (position 4) must be float, not NoneType"),
    (lambda v: F.hinge_embedding_loss(v, v, margin=None),
     "hinge_embedding_loss(): argument 'margin' (position 3) must be float, not NoneType"),
    (lambda v: F.cosine_embedding_loss(v, v, ak.ones(2), margin=None),
     "cosine_embedding_loss(): argument 'margin' (position 4) must be float, not NoneType"),
])
def test_number_arguments_raise_pytorchs_type_errors(call: object, message: str) -> None:
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        call(ak.ones(2, 3))  # type: ignore[operator]


def test_a_one_element_tensor_is_a_number() -> None:
    v = ak.tensor([[-1.0, 2.0]])
    assert F.leaky_relu(v, ak.tensor(0.5)).tolist() == [[-0.5, 2.0]]


def test_optimizer_none_arguments_fail_as_pytorchs_comparisons() -> None:
    p = ak.nn.Parameter(ak.ones(2))
    for cls in (ak.optim.Adam, ak.optim.AdamW, ak.optim.RAdam, ak.optim.Adadelta):
        with pytest.raises(TypeError, match="not supported between instances of 'float' and "
                                            "'NoneType'"):
            cls([p], eps=None)
    with pytest.raises(TypeError):
        ak.optim.ASGD([p], weight_decay=None)
    ak.optim.ASGD([p])  # (no eps or betas to check)


def test_bool_arguments_must_be_bools() -> None:
    v = ak.ones(2, 3)
    with pytest.raises(TypeError, match=r"^dropout\(\): argument 'train' \(position 3\) must be "
                                        r"bool, not str$"):
        F.dropout(v, 0.5, training="yes")
    with pytest.raises(TypeError, match=r"^kl_div\(\): argument 'log_target' must be bool, not "
                                        r"NoneType$"):
        F.kl_div(v, v, reduction="sum", log_target=None)
    with pytest.raises(TypeError, match="must be bool, not numpy.bool"):
        F.dropout(v, 0.5, training=numpy.bool_(False))
    assert F.dropout(v, 0.5, training=False) is v
