"""Values and gradients of the later nn additions, checked without PyTorch: against values
worked out by hand, identities (a transposed convolution is the adjoint of the convolution)
and finite differences (``autograd.gradcheck``)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck

F = ak.nn.functional


def _rand(*shape: int, seed: int = 0) -> ak.Tensor:
    data = np.random.default_rng(seed).standard_normal(shape)
    return ak.tensor(data, dtype=ak.float64, requires_grad=True)


# ---- 3-D layers: one node each, with PyTorch's names, and the right gradients

def test_3d_layers_are_one_node_with_pytorchs_names() -> None:
    x = _rand(1, 2, 4, 4, 4)
    w = _rand(3, 2, 2, 2, 2, seed=1)
    names = [F.conv3d(x, w).grad_fn.name(), F.max_pool3d(x, 2).grad_fn.name(),
             F.avg_pool3d(x, 2).grad_fn.name(), F.adaptive_avg_pool3d(x, 2).grad_fn.name(),
             F.adaptive_max_pool3d(x, 2).grad_fn.name(),
             F.conv_transpose3d(x, w.transpose(0, 1)).grad_fn.name()]
    assert names == ["ConvolutionBackward0", "MaxPool3DWithIndicesBackward0",
                     "AvgPool3DBackward0", "AdaptiveAvgPool3DBackward0",
                     "AdaptiveMaxPool3DBackward0", "ConvolutionBackward0"]
    edges = F.conv3d(x, w).grad_fn.next_functions
    assert len(edges) == 3 and edges[2] == (None, 0)


def test_conv3d_and_its_transpose_pass_gradcheck_and_gradgradcheck() -> None:
    x, w, b = _rand(1, 2, 3, 3, 4), _rand(2, 2, 2, 2, 2, seed=1), _rand(2, seed=2)
    assert gradcheck(lambda x, w, b: F.conv3d(x, w, b, stride=(1, 2, 1), padding=1), (x, w, b))
    assert gradgradcheck(lambda x, w: F.conv3d(x, w, padding=(1, 0, 1)), (x, w))
    wt = _rand(2, 2, 2, 2, 2, seed=3)
    assert gradcheck(lambda x, w, b: F.conv_transpose3d(x, w, b, stride=2, padding=1,
                                                        output_padding=1), (x, wt, b))


def test_transposed_3d_convolution_is_the_adjoint_of_the_convolution() -> None:
    """⟨conv3d(x, w), y⟩ = ⟨x, conv_transpose3d(y, w)⟩ for the same stride and padding."""
    x, w = _rand(2, 2, 5, 4, 6).detach(), _rand(4, 2, 3, 2, 3, seed=1).detach()
    out = F.conv3d(x, w, stride=(2, 1, 2), padding=(1, 1, 0), dilation=(1, 2, 1))
    y = _rand(*out.shape, seed=2).detach()
    back = F.conv_transpose3d(y, w, stride=(2, 1, 2), padding=(1, 1, 0), dilation=(1, 2, 1),
                              output_padding=(0, 0, 1))
    assert back.shape == x.shape
    assert math.isclose((out * y).sum().item(), (x * back).sum().item(), rel_tol=1e-10)


def test_max_pool3d_returns_flat_indices_and_sends_gradients_there() -> None:
    x = ak.tensor([[[[[1., 3.], [3., 2.]], [[5., 0.], [1., 5.]]]]], requires_grad=True)
    y, i = F.max_pool3d(x, 2, return_indices=True)
    assert y.item() == 5.0 and i.item() == 4  # the first 5: depth 1, row 0, column 0
    y.backward()
    assert x.grad.flatten().tolist() == [0, 0, 0, 0, 1, 0, 0, 0]
    z, j = ak.nn.MaxPool3d((1, 2, 2), return_indices=True)(x)
    assert j.flatten().tolist() == [1, 4]
    assert gradcheck(lambda x: F.max_pool3d(x, 2, stride=1, padding=1), (_rand(1, 1, 3, 3, 3),))
    assert gradcheck(lambda x: F.adaptive_max_pool3d(x, (2, 1, 2)), (_rand(1, 2, 3, 3, 3),))
    assert gradcheck(lambda x: F.avg_pool3d(x, 2, padding=1, count_include_pad=False),
                     (_rand(1, 1, 3, 3, 3),))


# ---- sampling grids

def test_affine_grid_of_the_identity_is_the_pixel_centres() -> None:
    theta = ak.tensor([[[1., 0., 0.], [0., 1., 0.]]])
    grid = F.affine_grid(theta, (1, 1, 2, 3), align_corners=False)
    assert np.allclose(grid[0, :, :, 0].numpy(), [[-2 / 3, 0, 2 / 3]] * 2)
    assert np.allclose(grid[0, :, :, 1].numpy(), [[-0.5] * 3, [0.5] * 3])
    corners = F.affine_grid(theta, (1, 1, 2, 3), align_corners=True)
    assert corners[0, 1, 2].tolist() == [1.0, 1.0]
    # grid[i, j] = θ · (x_j, y_i, 1): ∂Σgrid/∂θ[r] = Σ over the places of (x, y, 1)
    theta.requires_grad_()
    F.affine_grid(theta, (1, 1, 2, 3), align_corners=True).sum().backward()
    assert theta.grad[0].tolist() == [[0.0, 0.0, 6.0], [0.0, 0.0, 6.0]]


def test_grid_sample_reads_the_pixels_of_an_identity_grid() -> None:
    x = ak.arange(12.).reshape(1, 1, 3, 4)
    grid = F.affine_grid(ak.tensor([[[1., 0., 0.], [0., 1., 0.]]]), (1, 1, 3, 4),
                         align_corners=True)
    assert np.allclose(F.grid_sample(x, grid, align_corners=True).numpy(), x.numpy(), atol=1e-6)
    assert F.grid_sample(x, grid, mode="nearest", align_corners=True).tolist() == x.tolist()
    # half way between pixels 0 and 1 of the first row: their mean
    half = ak.tensor([[[[-1 + 1 / 3, -1.0]]]])
    assert F.grid_sample(x, half, align_corners=True).item() == pytest.approx(0.5)
    # outside: zeros, the border value, or the reflection
    far = ak.tensor([[[[-2.0, -1.0]]]])
    assert F.grid_sample(x, far, align_corners=True).item() == 0.0
    assert F.grid_sample(x, far, padding_mode="border", align_corners=True).item() == 0.0
    assert F.grid_sample(x, far, padding_mode="reflection", align_corners=True).item() == 1.5


@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("align_corners", [False, True])
def test_grid_sample_gradients_match_finite_differences(padding_mode: str,
                                                        align_corners: bool) -> None:
    x = _rand(2, 2, 3, 4)
    rng = np.random.default_rng(5)
    grid = ak.tensor(rng.uniform(-1.3, 1.3, (2, 3, 2, 2)), dtype=ak.float64,
                     requires_grad=True)
    assert gradcheck(lambda x, g: F.grid_sample(x, g, padding_mode=padding_mode,
                                                align_corners=align_corners), (x, grid))
    assert gradcheck(lambda x, g: F.grid_sample(x, g, mode="bicubic", padding_mode=padding_mode,
                                                align_corners=align_corners), (x, grid))
    volume, points = _rand(1, 1, 2, 3, 3), ak.tensor(
        rng.uniform(-0.9, 0.9, (1, 2, 1, 2, 3)), dtype=ak.float64, requires_grad=True)
    assert gradcheck(lambda x, g: F.grid_sample(x, g, padding_mode=padding_mode,
                                                align_corners=align_corners), (volume, points))


# ---- the CTC loss

def test_ctc_loss_sums_the_alignments() -> None:
    """Two steps, target [1]: the alignments 11, b1, 1b; an empty target: blanks only."""
    probs = np.array([[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]])
    lp = ak.tensor(np.log(probs))[:, None, :]
    p = probs[0, 1] * probs[1, 1] + probs[0, 0] * probs[1, 1] + probs[0, 1] * probs[1, 0]
    loss = F.ctc_loss(lp, ak.tensor([[1]]), [2], [1], reduction="none")
    assert loss.item() == pytest.approx(-math.log(p), rel=1e-6)
    empty = F.ctc_loss(lp, ak.tensor([[1]]), [2], [0], reduction="sum")
    assert empty.item() == pytest.approx(-math.log(0.5 * 0.1), rel=1e-6)
    # 'mean' divides by the target lengths (at least 1), then averages
    two = F.ctc_loss(lp.expand(2, 2, 3), ak.tensor([[1], [1]]), [2, 2], [1, 0])
    assert two.item() == pytest.approx((-math.log(p) - math.log(0.05)) / 2, rel=1e-6)
    impossible = F.ctc_loss(lp, ak.tensor([[1, 1]]), [2], [2], reduction="none")
    assert impossible.item() == math.inf  # 1, 1 needs a blank between: three steps


def test_ctc_loss_gradient_through_log_softmax_matches_finite_differences() -> None:
    logits = _rand(5, 2, 4)
    targets = ak.tensor([[1, 2, 2], [3, 1, 0]])

    def loss(z: ak.Tensor) -> ak.Tensor:
        return F.ctc_loss(z.log_softmax(2), targets, [5, 4], [3, 2])

    assert gradcheck(loss, (logits,))


def test_ctc_loss_zero_infinity_gives_zero_loss_and_gradient() -> None:
    lp = _rand(2, 1, 3).log_softmax(2).detach().requires_grad_()
    loss = F.ctc_loss(lp, ak.tensor([[1, 1]]), [2], [2], zero_infinity=True)
    assert loss.item() == 0.0
    loss.backward()
    assert lp.grad.abs().sum().item() == 0.0


# ---- state_dict metadata

def test_state_dict_metadata_has_each_modules_version() -> None:
    model = ak.nn.Sequential(ak.nn.Linear(1, 1), ak.nn.BatchNorm1d(1))
    sd = model.state_dict()
    assert sd._metadata == {"": {"version": 1}, "0": {"version": 1}, "1": {"version": 2}}
    del sd["1.num_batches_tracked"]
    with pytest.raises(RuntimeError, match="Missing key"):
        model.load_state_dict(sd)  # version 2 says it was saved
    sd._metadata["1"]["version"] = 1
    model.load_state_dict(sd)  # an older layout: num_batches_tracked kept


# ---- parametrizations and spectral norm

class _Symmetric(ak.nn.Module):
    def forward(self, x: ak.Tensor) -> ak.Tensor:
        return x.triu() + x.triu(1).transpose(-1, -2)


def test_a_parametrized_weight_is_computed_from_original_and_gets_its_gradient() -> None:
    P = ak.nn.utils.parametrize
    layer = ak.nn.Linear(3, 3)
    P.register_parametrization(layer, "weight", _Symmetric())
    assert type(layer).__name__ == "ParametrizedLinear" and P.is_parametrized(layer, "weight")
    w = layer.weight
    assert np.array_equal(w.detach().numpy(), w.detach().numpy().T)
    layer.weight.sum().backward()
    # Σ(triu(X) + triu(X, 1)ᵀ): each diagonal entry counted once, each upper one twice
    assert layer.parametrizations.weight.original.grad.tolist() == [[1, 2, 2], [0, 1, 2],
                                                                     [0, 0, 1]]
    assert sorted(layer.state_dict()) == ["bias", "parametrizations.weight.original"]
    with P.cached():
        assert layer.weight is layer.weight
    P.remove_parametrizations(layer, "weight")
    assert type(layer) is ak.nn.Linear and isinstance(layer.weight, ak.nn.Parameter)
    assert np.array_equal(layer.weight.detach().numpy(), w.detach().numpy())


def test_spectral_norm_divides_by_the_largest_singular_value() -> None:
    ak.manual_seed(0)
    layer = ak.nn.utils.spectral_norm(ak.nn.Linear(5, 4), n_power_iterations=50)
    layer(ak.ones(1, 5))  # a training call: power iteration runs
    sigma = np.linalg.svd(layer.weight.detach().numpy(), compute_uv=False)[0]
    assert sigma == pytest.approx(1.0, rel=1e-4)
    ak.manual_seed(0)
    new = ak.nn.utils.parametrizations.spectral_norm(ak.nn.Linear(5, 4))
    sigma = np.linalg.svd(new.weight.detach().numpy(), compute_uv=False)[0]
    assert sigma == pytest.approx(1.0, rel=1e-3)  # 15 iterations at registration


def test_weight_norm_parametrization_keeps_the_weight_and_learns_length_and_direction() -> None:
    layer = ak.nn.Linear(3, 2)
    before = layer.weight.detach().numpy().copy()
    ak.nn.utils.parametrizations.weight_norm(layer)
    g = layer.parametrizations.weight.original0
    assert np.allclose(layer.weight.detach().numpy(), before, atol=1e-6)
    assert np.allclose(g.detach().numpy()[:, 0], np.linalg.norm(before, axis=1), atol=1e-6)


# ---- channel shuffle, power pools, Gumbel softmax, triplet loss with a distance

def test_channel_shuffle_interleaves_the_groups() -> None:
    x = ak.arange(6.).reshape(1, 6, 1)
    assert F.channel_shuffle(x, 2).flatten().tolist() == [0, 3, 1, 4, 2, 5]
    assert F.channel_shuffle(x, 3).flatten().tolist() == [0, 2, 4, 1, 3, 5]


def test_lp_pool3d_is_the_p_norm_of_each_window() -> None:
    x = ak.tensor(np.arange(8.0).reshape(1, 1, 2, 2, 2) - 3)
    expected = np.sqrt(((np.arange(8.0) - 3) ** 2).sum())
    assert F.lp_pool3d(x, 2, 2).item() == pytest.approx(expected)
    assert F.lp_pool3d(x, math.inf, 2).item() == 4.0
    assert gradcheck(lambda x: F.lp_pool3d(x, 3, (1, 2, 2)), (_rand(1, 1, 2, 2, 2) + 3,))


def test_gumbel_softmax_hard_is_one_hot_with_the_soft_gradient() -> None:
    logits = _rand(4, 3)
    hard = F.gumbel_softmax(logits, hard=True)
    assert hard.detach().sum(1).tolist() == [1.0] * 4
    assert set(hard.detach().flatten().tolist()) <= {0.0, 1.0}
    soft = F.gumbel_softmax(logits, tau=0.5)
    assert np.allclose(soft.detach().sum(1).numpy(), 1.0)


def test_triplet_margin_with_distance_loss_uses_the_given_distance() -> None:
    a, p, n = ak.zeros(1, 2), ak.tensor([[3.0, 4.0]]), ak.tensor([[1.0, 0.0]])

    def manhattan(x: ak.Tensor, y: ak.Tensor) -> ak.Tensor:
        return (x - y).abs().sum(-1)

    loss = F.triplet_margin_with_distance_loss(a, p, n, distance_function=manhattan,
                                               margin=0.5)
    assert loss.item() == pytest.approx(7 - 1 + 0.5)
    swapped = F.triplet_margin_with_distance_loss(a, p, n, distance_function=manhattan,
                                                  swap=True)
    assert swapped.item() == pytest.approx(7 - 1 + 1)  # d(p, n) = 6 is not smaller


# ---- saving and loading: extra state, hooks; optimizer hooks

class _WithExtra(ak.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.inner = ak.nn.Linear(1, 1)
        self.extra = 5

    def get_extra_state(self) -> dict:
        return {"extra": self.extra}

    def set_extra_state(self, state: dict) -> None:
        self.extra = state["extra"]


def test_extra_state_is_saved_and_loaded() -> None:
    model = _WithExtra()
    sd = model.state_dict()
    assert list(sd) == ["_extra_state", "inner.weight", "inner.bias"]
    sd["_extra_state"] = {"extra": 7}
    model.load_state_dict(sd)
    assert model.extra == 7
    del sd["_extra_state"]
    assert model.load_state_dict(sd, strict=False).missing_keys == ["_extra_state"]


def test_state_dict_and_load_hooks_run_in_order() -> None:
    seen = []
    model = ak.nn.Sequential(ak.nn.Linear(1, 1))
    model.register_state_dict_pre_hook(lambda m, prefix, keep: seen.append(("pre", prefix)))
    model[0].register_state_dict_post_hook(lambda m, sd, prefix, meta: seen.append(
        ("post", prefix, meta["version"])))
    model[0].register_load_state_dict_post_hook(lambda m, keys: seen.append(("loaded",
                                                                               keys)))
    sd = model.state_dict()
    model.load_state_dict(sd)
    assert seen[:2] == [("pre", ""), ("post", "0.", 1)]
    assert seen[2][0] == "loaded" and str(seen[2][1]) == "<All keys matched successfully>"
    handle = model[0]._register_state_dict_hook(lambda m, sd, prefix, meta: {"replaced": 1})
    assert model[0].state_dict() == {"replaced": 1}
    handle.remove()


def test_load_state_dict_with_assign_uses_the_given_tensors() -> None:
    layer = ak.nn.Linear(2, 1)
    new = {"weight": ak.ones(1, 2), "bias": ak.zeros(1)}
    layer.load_state_dict(new, assign=True)
    assert isinstance(layer.weight, ak.nn.Parameter) and layer.weight.requires_grad
    assert layer.weight.tolist() == [[1.0, 1.0]]


def test_optimizer_step_and_state_dict_hooks() -> None:
    w = ak.ones(2, requires_grad=True)
    opt = ak.optim.SGD([w], lr=0.5)
    calls = []
    opt.register_step_pre_hook(lambda o, args, kwargs: calls.append("pre"))
    handle = opt.register_step_post_hook(lambda o, args, kwargs: calls.append("post"))
    (w * w).sum().backward()
    opt.step()
    assert calls == ["pre", "post"] and w.tolist() == [0.0, 0.0]
    handle.remove()
    opt.step()
    assert calls == ["pre", "post", "pre"]
    opt.register_state_dict_post_hook(lambda o, sd: {**sd, "note": 1})
    assert opt.state_dict()["note"] == 1
    global_handle = ak.optim.optimizer.register_optimizer_step_pre_hook(
        lambda o, args, kwargs: calls.append("global"))
    opt.step()
    global_handle.remove()
    assert calls[-2:] == ["global", "pre"]


def test_optimizer_load_state_dict_takes_the_saved_groups() -> None:
    w = ak.ones(2, requires_grad=True)
    opt = ak.optim.SGD([w], lr=0.1, momentum=0.9)
    saved = ak.optim.SGD([ak.zeros(2, requires_grad=True)], lr=0.7).state_dict()
    opt.load_state_dict(saved)
    assert opt.param_groups[0]["lr"] == 0.7 and opt.param_groups[0]["momentum"] == 0
    assert opt.param_groups[0]["params"][0] is w


def test_fused_conv_and_linear_compute_what_the_pair_computed() -> None:
    conv, bn = ak.nn.Conv2d(2, 3, 2).double().eval(), ak.nn.BatchNorm2d(3).double().eval()
    with ak.no_grad():
        bn.running_mean.copy_(ak.tensor([0.5, -1.0, 2.0]))
        bn.running_var.copy_(ak.tensor([2.0, 0.5, 1.5]))
        bn.weight.copy_(ak.tensor([1.5, -0.5, 2.0]))
    x = _rand(2, 2, 4, 4).detach()
    fused = ak.nn.utils.fuse_conv_bn_eval(conv, bn)
    assert np.allclose(fused(x).detach().numpy(), bn(conv(x)).detach().numpy())
    linear, bn1 = ak.nn.Linear(2, 3).double().eval(), ak.nn.BatchNorm1d(3).double().eval()
    with ak.no_grad():
        bn1.running_var.fill_(4.0)
    y = _rand(5, 2).detach()
    fused = ak.nn.utils.fuse_linear_bn_eval(linear, bn1)
    assert np.allclose(fused(y).detach().numpy(), bn1(linear(y)).detach().numpy())


def test_skip_init_makes_the_module_with_its_shapes() -> None:
    layer = ak.nn.utils.skip_init(ak.nn.Linear, 2, 3)
    assert tuple(layer.weight.shape) == (3, 2) and isinstance(layer.weight, ak.nn.Parameter)
    with pytest.raises(RuntimeError, match="Expected a Module"):
        ak.nn.utils.skip_init(int)


# ---- bicubic and antialiased resampling

def test_antialiased_halving_averages_with_triangle_weights() -> None:
    """Shrinking by 2: the triangle kernel stretched to 4 places, weights 1/8, 3/8, 3/8, 1/8
    (cut at the border and renormalized there)."""
    x = ak.tensor([[[[0.0, 8.0, 16.0, 0.0, 8.0, 0.0]]]], dtype=ak.float64)
    y = F.interpolate(x, size=(1, 3), mode="bilinear", antialias=True)
    middle = (8 + 3 * 16 + 3 * 0 + 8) / 8
    first = (3 * 0 + 3 * 8 + 16) / 7  # the weight at place -1 falls outside
    assert y.flatten().tolist() == pytest.approx([first, middle, (0 + 3 * 8 + 3 * 0) / 7])


def test_bicubic_keeps_values_at_aligned_corners_and_passes_gradcheck() -> None:
    x = _rand(1, 2, 4, 5)
    y = F.interpolate(x, size=(7, 9), mode="bicubic", align_corners=True)
    assert np.allclose(y.detach().numpy()[..., ::2, ::2], x.detach().numpy())
    assert gradcheck(lambda x: F.interpolate(x, size=(3, 7), mode="bicubic"), (x,))
    assert gradcheck(lambda x: F.interpolate(x, size=(2, 3), mode="bicubic", antialias=True),
                     (x,))


@pytest.mark.parametrize("orthogonal_map", ["matrix_exp", "cayley", "householder"])
@pytest.mark.parametrize("shape", [(4, 4), (5, 3), (2, 5)])
def test_orthogonal_weights_stay_orthogonal_while_training(orthogonal_map: str,
                                                           shape: tuple[int, int]) -> None:
    ak.manual_seed(0)
    layer = ak.nn.Linear(shape[1], shape[0]).double()
    ak.nn.utils.parametrizations.orthogonal(layer, orthogonal_map=orthogonal_map)
    opt = ak.optim.SGD(layer.parameters(), lr=0.3)
    x = _rand(3, shape[1]).detach()
    for _ in range(3):
        opt.zero_grad()
        layer(x).pow(2).sum().backward()
        opt.step()
    w = layer.weight.detach().numpy()
    small = min(shape)
    gram = w.T @ w if shape[0] >= shape[1] else w @ w.T
    assert np.allclose(gram, np.eye(small), atol=1e-10)
    assert layer.parametrizations.weight.original.grad.abs().sum().item() > 0


def test_loaded_optimizer_groups_get_the_missing_settings_and_tensor_steps() -> None:
    w = ak.ones(2, requires_grad=True)
    opt = ak.optim.AdamW([w])
    opt.load_state_dict({"state": {0: {"step": 3, "exp_avg": ak.zeros(2),
                                       "exp_avg_sq": ak.zeros(2)}},
                         "param_groups": [{"params": [0], "lr": 0.5, "betas": (0.9, 0.999),
                                           "eps": 1e-8, "weight_decay": 0.0}]})
    group = opt.param_groups[0]
    assert group["decoupled_weight_decay"] is True and group["amsgrad"] is False
    assert isinstance(opt.state[w]["step"], ak.Tensor) and opt.state[w]["step"].item() == 3


def test_fractional_max_pool_windows_follow_the_random_numbers() -> None:
    """u = 0: α = (6 - 2)/(3 - 1) = 2, starts 0, 2 and 6 - 2 = 4 along both axes."""
    x = ak.arange(36.).reshape(1, 1, 6, 6).requires_grad_()
    y, i = F.fractional_max_pool2d(x, 2, output_size=3, return_indices=True,
                                   _random_samples=ak.zeros(1, 1, 2))
    assert y.flatten().tolist() == [7, 9, 11, 19, 21, 23, 31, 33, 35]
    assert i.flatten().tolist() == [7, 9, 11, 19, 21, 23, 31, 33, 35]
    y.sum().backward()
    assert x.grad.sum().item() == 9 and x.grad[0, 0, 1, 1].item() == 1
    assert gradcheck(lambda x: F.fractional_max_pool3d(
        x, 2, output_size=2, _random_samples=ak.full((1, 1, 3), 0.5, dtype=ak.float64)),
        (_rand(1, 1, 4, 4, 4),))


def test_adaptive_softmax_is_a_distribution_and_its_loss_is_the_targets_nll() -> None:
    ak.manual_seed(0)
    model = ak.nn.AdaptiveLogSoftmaxWithLoss(6, 9, cutoffs=[3, 6], div_value=2.0).double()
    x, target = _rand(4, 6).detach(), ak.tensor([0, 4, 8, 5])
    log_prob = model.log_prob(x)
    assert np.allclose(log_prob.exp().sum(1).detach().numpy(), 1.0)
    out = model(x, target)
    picked = log_prob.gather(1, target.unsqueeze(1)).squeeze(1)
    assert np.allclose(out.output.detach().numpy(), picked.detach().numpy())
    assert out.loss.item() == pytest.approx(-picked.mean().item())
    assert model.predict(x).tolist() == log_prob.argmax(1).tolist()


def test_adafactor_first_step_on_a_vector_by_hand() -> None:
    """Step 1: β = 1, so v = g² and u = g/|g| = sign(g); ρ = min(lr, 1) = lr,
    α = max(eps2, ‖p‖/√n)·ρ; ‖u‖/√n = 1 ≤ d, so p ← p - α·sign(g)."""
    p = ak.tensor([3.0, -4.0], dtype=ak.float64, requires_grad=True)
    opt = ak.optim.Adafactor([p], lr=0.1)
    (p * ak.tensor([2.0, 5.0], dtype=ak.float64)).sum().backward()
    opt.step()
    alpha = max(1e-3, 5.0 / math.sqrt(2)) * 0.1
    assert p.tolist() == pytest.approx([3.0 - alpha, -4.0 - alpha])
