"""Kit-only checks of nn / optim behaviour matched to PyTorch (values observed with PyTorch)."""

from __future__ import annotations

import pickle

import pytest

import autograd_kit as T
from autograd_kit import nn
from autograd_kit.nn import functional as F


def test_functional_activations_save_pytorch_int_defaults() -> None:
    x = T.tensor([1.0, -2.0, 3.0], requires_grad=True)
    node = F.softplus(x).grad_fn
    assert repr((node._saved_beta, node._saved_threshold)) == "(1, 20)"
    node = F.relu6(x).grad_fn
    assert repr((node._saved_min_val, node._saved_max_val)) == "(0, 6)"
    assert repr(F.selu(x).grad_fn._saved_input_scale) == "1"
    node = nn.ReLU6()(x).grad_fn  # the module keeps floats, as PyTorch's does
    assert repr((node._saved_min_val, node._saved_max_val)) == "(0.0, 6.0)"
    node = nn.Softplus()(x).grad_fn
    assert repr((node._saved_beta, node._saved_threshold)) == "(1.0, 20.0)"


def test_functional_functions_live_in_nn_functional() -> None:
    for f in (F.mse_loss, F.l1_loss, F.cross_entropy, F.relu, F.softmax, F.batch_norm):
        assert f.__module__ == "autograd_kit.nn.functional"
    assert pickle.loads(pickle.dumps(F.mse_loss)) is F.mse_loss


def test_vars_of_a_module_lists_no_parameters_buffers_or_children() -> None:
    m = nn.Linear(2, 3)
    m.register_buffer("b", T.zeros(1))
    m.act = nn.ReLU()
    m.x = 3
    assert list(vars(m)) == [
        "training", "_parameters", "_buffers", "_non_persistent_buffers_set",
        "_backward_pre_hooks", "_backward_hooks", "_is_full_backward_hook", "_forward_hooks",
        "_forward_hooks_with_kwargs", "_forward_hooks_always_called", "_forward_pre_hooks",
        "_forward_pre_hooks_with_kwargs", "_state_dict_hooks", "_state_dict_pre_hooks",
        "_load_state_dict_pre_hooks", "_load_state_dict_post_hooks", "_modules",
        "in_features", "out_features", "x"]
    assert m.weight is m._parameters["weight"] and m.b is m._buffers["b"]
    assert m.act is m._modules["act"]
    assert {"weight", "bias", "b", "act", "x", "forward"} <= set(dir(m))


def test_assigning_and_deleting_registered_members() -> None:
    m = nn.Linear(2, 3)
    m.bias = None
    assert m.bias is None and "bias" in m._parameters and "bias" not in vars(m)
    del m.weight
    assert "weight" not in m._parameters
    with pytest.raises(AttributeError, match="'Linear' object has no attribute 'weight'"):
        m.weight  # noqa: B018
    m.weight = 5  # a plain attribute once the parameter is gone
    assert vars(m)["weight"] == 5
    m.weight = nn.Parameter(T.ones(1))  # back to a parameter: the plain one goes
    assert "weight" not in vars(m) and m.weight is m._parameters["weight"]
    hook = m.register_state_dict_pre_hook(lambda *a: None)
    assert len(m._state_dict_pre_hooks) == 1
    hook.remove()
    assert len(m._state_dict_pre_hooks) == 0


def test_moduledict_delete() -> None:
    d = nn.ModuleDict({"a": nn.ReLU(), "b": nn.Tanh()})
    del d["a"]
    assert list(d) == ["b"] and not hasattr(d, "a")
    with pytest.raises(KeyError):
        del d["zz"]


@pytest.mark.parametrize("name", ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta",
                                  "Adamax", "NAdam", "RAdam", "ASGD", "Rprop", "Adafactor"])
def test_optimizers_step_a_zero_dim_parameter(name: str) -> None:
    s = nn.Parameter(T.tensor(2.0))
    opt = getattr(T.optim, name)([s], lr=0.1)
    for _ in range(2):
        opt.zero_grad()
        (s ** 3).backward()
        opt.step()
    assert s.shape == () and s.item() < 2.0


def test_adam_on_a_zero_dim_parameter_matches_pytorch() -> None:
    s = nn.Parameter(T.tensor(2.0))
    opt = T.optim.Adam([s])
    for _ in range(3):
        opt.zero_grad()
        (s ** 3).backward()
        opt.step()
    assert f"{s.item():.4f}" == "1.9970"
    assert f"{opt.state[s]['exp_avg_sq'].item():.4f}" == "0.4307"


def _adafactor_loaded(old_shape: tuple[int, ...], new_shape: tuple[int, ...]) -> Exception:
    w = nn.Parameter(T.ones(*old_shape))
    opt = T.optim.Adafactor([w])
    w.grad = T.ones(*old_shape)
    opt.step()
    w2 = nn.Parameter(T.ones(*new_shape))
    opt2 = T.optim.Adafactor([w2])
    opt2.load_state_dict(opt.state_dict())
    w2.grad = T.ones(*new_shape)
    with pytest.raises((RuntimeError, AssertionError)) as info:
        opt2.step()
    assert w2.tolist() == T.ones(*new_shape).tolist()
    return info.value


@pytest.mark.parametrize("old, new, kind, message", [
    ((3, 4), (4, 3), RuntimeError, "The size of tensor a (3) must match the size of tensor b "
                                   "(4) at non-singleton dimension 0"),
    ((3, 4), (5,), AssertionError, "variance should be defined when grad is a vector"),
    ((5,), (3,), RuntimeError, "The size of tensor a (5) must match the size of tensor b (3) "
                               "at non-singleton dimension 0"),
    ((5,), (2, 5), AssertionError, "row_var and col_var should be defined when grad is "
                                   "multidimensional"),
    ((2, 3, 4), (3, 4), RuntimeError, "output with shape [3, 4] doesn't match the broadcast "
                                      "shape [2, 3, 4]"),
])
def test_adafactor_state_of_another_shape(old: tuple, new: tuple, kind: type,
                                          message: str) -> None:
    error = _adafactor_loaded(old, new)
    assert type(error) is kind and str(error) == message


def test_weight_norm_is_one_fused_node_along_the_first_or_last_dimension() -> None:
    T.manual_seed(0)
    for dim, name in [(0, "WeightNormInterfaceBackward0"), (2, "WeightNormInterfaceBackward0"),
                      (1, "MulBackward0"), (None, "MulBackward0")]:
        m = nn.utils.weight_norm(nn.Conv1d(3, 2, 2), dim=dim)
        assert m.weight.grad_fn.name() == name
    node = m.weight.grad_fn
    assert [type(f).__name__ for f, _ in node.next_functions] == ["AccumulateGrad", "DivBackward0"]
    m = nn.utils.parametrizations.weight_norm(nn.Linear(3, 2))
    node = m.weight.grad_fn
    assert node.name() == "WeightNormInterfaceBackward0" and node._saved_dim == 0
    assert node._saved_result1.shape == (2, 1)
    assert T.allclose(node._saved_result1, m.parametrizations.weight.original1.norm(dim=1,
                                                                                     keepdim=True))


@pytest.mark.parametrize("dim, g_shape", [(0, (2, 1, 1)), (2, (1, 1, 2))])
def test_weight_norm_interface_gradients(dim: int, g_shape: tuple) -> None:
    from autograd_kit.nn.utils.weight_norm import _weight_norm

    T.manual_seed(0)
    v = T.randn(2, 3, 2, dtype=T.float64, requires_grad=True)
    g = T.randn(*g_shape, dtype=T.float64, requires_grad=True)
    assert T.autograd.gradcheck(lambda v, g: _weight_norm(v, g, dim), (v, g))
    assert T.autograd.gradgradcheck(lambda v, g: _weight_norm(v, g, dim), (v, g))


def test_an_uninitialized_parameter_has_no_shape() -> None:
    m = nn.LazyLinear(4)
    with pytest.raises(RuntimeError, match="^Can't access the shape of an uninitialized "
                                           "parameter or buffer. This error usually happens"):
        m.weight.shape  # noqa: B018
    m(T.ones(2, 3))
    assert m.weight.shape == (4, 3) and type(m).__name__ == "Linear"


def test_sync_batch_norm_is_a_batch_norm_in_one_process() -> None:
    m = nn.SyncBatchNorm(3)
    assert repr(m) == ("SyncBatchNorm(3, eps=1e-05, momentum=0.1, affine=True, bias=True, "
                       "track_running_stats=True)")
    y = m(T.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]))
    assert T.allclose(y, T.tensor([[-1.0, 0.0, 1.0], [1.0, 0.0, -1.0]]), atol=1e-4)
    assert y.grad_fn.name() == "NativeBatchNormBackward0"
    with pytest.raises(ValueError, match=r"^expected at least 2D input \(got 1D input\)$"):
        m(T.ones(3))
    net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.InstanceNorm1d(3))
    net[1].eval()
    s = nn.SyncBatchNorm.convert_sync_batchnorm(net)
    assert s is net and type(s[1]) is nn.SyncBatchNorm and type(s[2]) is nn.InstanceNorm1d
    assert s[1].weight is not None and not s[1].training


def test_bound_methods_are_named_as_in_pytorch() -> None:
    m = nn.Linear(1, 1)
    assert repr(m.state_dict).startswith("<bound method Module.state_dict of Linear(")
    assert repr(m.register_forward_hook).startswith("<bound method Module.register_forward_hook")
    w = nn.Parameter(T.ones(1))
    assert repr(T.optim.SGD([w], lr=0.1).step).startswith("<bound method SGD.step of SGD (")
    assert T.optim.AdamW.step.__qualname__ == "Adam.step"
    assert T.optim.Optimizer.zero_grad.__qualname__ == "Optimizer.zero_grad"
    opt = T.optim.SGD([w], lr=0.1)
    opt.register_step_pre_hook(lambda *a: 5)
    w.grad = T.ones(1)
    with pytest.raises(RuntimeError, match=r"^<function SGD.step at 0x[0-9a-f]+> must return "):
        opt.step()


def test_prune_l1_then_ln_structured_then_remove() -> None:
    import autograd_kit.nn.utils.prune as prune

    layer = nn.Linear(3, 2)
    with T.no_grad():
        layer.weight.copy_(T.tensor([[1.0, -0.1, 0.5], [0.2, -3.0, 0.05]]))
    prune.l1_unstructured(layer, name="weight", amount=2)
    assert [n for n, _ in layer.named_parameters()] == ["bias", "weight_orig"]
    assert layer.weight_mask.tolist() == [[1, 0, 1], [1, 1, 0]]
    assert layer.weight.grad_fn.name() == "MulBackward0" and "weight" not in layer._parameters
    hook = next(iter(layer._forward_pre_hooks.values()))
    assert type(hook) is prune.L1Unstructured and hook._tensor_name == "weight"
    prune.ln_structured(layer, name="weight", amount=1, n=2, dim=0)
    container = next(iter(layer._forward_pre_hooks.values()))
    assert type(container) is prune.PruningContainer and len(container) == 2
    assert layer.weight_mask.tolist() == [[0, 0, 0], [1, 1, 0]]  # row 0 has the smaller norm
    assert prune.is_pruned(layer)
    prune.remove(layer, "weight")
    assert [n for n, _ in layer.named_parameters()] == ["bias", "weight"]
    assert layer.weight.tolist() == [[0.0, 0.0, 0.0], [0.20000000298023224, -3.0, 0.0]]
    assert not prune.is_pruned(layer)
    with pytest.raises(ValueError, match="^Parameter 'weight' of module Linear"):
        prune.remove(layer, "weight")


def test_prune_amount_checks_and_global_pruning() -> None:
    import autograd_kit.nn.utils.prune as prune

    m = nn.Linear(3, 2)
    with pytest.raises(ValueError, match=r"^amount=1.5 should either be a float in the range"):
        prune.l1_unstructured(m, "weight", amount=1.5)
    with pytest.raises(ValueError, match="^amount=10 should be smaller than the number of "
                                         "parameters to prune=6$"):
        prune.l1_unstructured(m, "weight", amount=10)
    assert [n for n, _ in m.named_parameters()] == ["bias", "weight"]  # put back (at the end)
    a, b = nn.Linear(2, 2, bias=False), nn.Linear(2, 1, bias=False)
    with T.no_grad():
        a.weight.copy_(T.tensor([[1.0, 2.0], [3.0, 4.0]]))
        b.weight.copy_(T.tensor([[0.5, 5.0]]))
    prune.global_unstructured([(a, "weight"), (b, "weight")], prune.L1Unstructured, amount=3)
    assert a.weight_mask.tolist() == [[0, 0], [1, 1]] and b.weight_mask.tolist() == [[0, 1]]
    assert type(next(iter(a._forward_pre_hooks.values()))) is prune.CustomFromMask


def test_stateless_functional_call_swaps_and_restores() -> None:
    from autograd_kit.nn.utils.stateless import _functional_call

    m = nn.Linear(2, 1)
    weight = m.weight
    w = T.ones(1, 2, requires_grad=True)
    out = _functional_call(m, {"weight": w, "bias": T.zeros(1)}, T.ones(3, 2))
    assert out.tolist() == [[2.0], [2.0], [2.0]]
    out.sum().backward()
    assert w.grad.tolist() == [[3.0, 3.0]] and m.weight.grad is None
    assert m.weight is weight and m._parameters["weight"] is weight and "weight" not in vars(m)
    with pytest.warns(FutureWarning, match="stateless.functional_call` is deprecated"):
        nn.utils.stateless.functional_call(m, {}, T.ones(1, 2))
    with pytest.raises(RuntimeError, match="^Error\\(s\\) in reparametrizing for Linear:\n\t"
                                           "Unexpected key\\(s\\): 'foo'.\n\tMissing key"):
        _functional_call(m, {"weight": w, "foo": w}, T.ones(1, 2), strict=True)


def test_stateless_functional_call_ties_shared_weights() -> None:
    from autograd_kit.nn.utils.stateless import _functional_call

    a, b = nn.Linear(2, 2, bias=False), nn.Linear(2, 2, bias=False)
    b.weight = a.weight
    model = nn.Sequential(a, b)
    x = T.ones(1, 2)
    assert _functional_call(model, {"0.weight": T.eye(2) * 2}, x).tolist() == [[4.0, 4.0]]
    untied = _functional_call(model, {"0.weight": T.eye(2) * 2}, x, tie_weights=False)
    assert untied.tolist() == b(T.tensor([[2.0, 2.0]])).tolist()
    assert model[0].weight is model[1].weight


def test_nn_utils_functions_live_where_pytorch_keeps_them() -> None:
    import autograd_kit.nn.utils.clip_grad as clip_grad
    import autograd_kit.nn.utils.convert_parameters as convert_parameters

    assert nn.utils.clip_grad_norm_ is clip_grad.clip_grad_norm_
    assert nn.utils.clip_grad_norm_.__module__ == "autograd_kit.nn.utils.clip_grad"
    assert nn.utils.parameters_to_vector is convert_parameters.parameters_to_vector
    assert nn.utils.skip_init.__module__ == "autograd_kit.nn.utils.init"


def test_lbfgs_keeps_an_int_lr_as_its_step_size() -> None:
    w = nn.Parameter(T.tensor([1.5, -0.5]))
    opt = T.optim.LBFGS([w], max_iter=3)

    def closure() -> T.Tensor:
        opt.zero_grad()
        loss = ((w - T.tensor([0.25, 0.75])) ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    assert opt.state[w]["n_iter"] > 1 and repr(opt.state[w]["t"]) == "1"


def test_full_backward_hook_outputs_refuse_in_place_changes() -> None:
    m = nn.Linear(2, 2)
    m.register_full_backward_hook(lambda *a: None)
    y = m(T.randn(1, 2, requires_grad=True))
    assert repr(y.grad_fn).startswith(
        "<autograd_kit.autograd.function.BackwardHookFunctionBackward object at 0x")
    advice = "Output 0 of BackwardHookFunction is a view and is being modified inplace. This "
    with pytest.raises(RuntimeError, match="^" + advice):
        y.add_(1)
    relu = nn.ReLU(inplace=True)
    relu.register_full_backward_hook(lambda *a: None)
    with pytest.raises(RuntimeError, match="^" + advice):
        relu(T.randn(3, requires_grad=True) * 1)


@pytest.mark.parametrize("name", ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"])
def test_differentiable_step_refuses_to_update_a_leaf_in_place(name: str) -> None:
    w = nn.Parameter(T.ones(2))
    opt = getattr(T.optim, name)([w], lr=0.1, differentiable=True)
    w.grad = T.ones(2)
    with pytest.raises(RuntimeError, match="^a leaf Variable that requires grad is being used "
                                           "in an in-place operation.$"):
        opt.step()
    assert w.tolist() == [1.0, 1.0]


def test_rnn_cells_check_sizes_as_pytorch() -> None:
    for cell in (nn.RNNCell(2, 3), nn.GRUCell(2, 3), nn.LSTMCell(2, 3)):
        pair = isinstance(cell, nn.LSTMCell)
        with pytest.raises(RuntimeError, match="^input has inconsistent input_size: got 5 "
                                               "expected 2$"):
            cell(T.randn(3, 5))
        h = T.zeros(2, 3)
        with pytest.raises(RuntimeError, match="^Input batch size 3 doesn't match hidden0 "
                                               "batch size 2$"):
            cell(T.randn(3, 2), (h, h) if pair else h)
        h = T.zeros(3, 4)
        with pytest.raises(RuntimeError, match="^hidden0 has inconsistent hidden_size: got 4, "
                                               "expected 3$"):
            cell(T.randn(3, 2), (h, h) if pair else h)
    with pytest.raises(RuntimeError, match="^lstm_cell expects two hidden states$"):
        nn.LSTMCell(2, 3)(T.randn(4, 2), (T.zeros(4, 3),))


def test_conv_groups_that_do_not_divide_the_output_channels() -> None:
    x = T.randn(1, 4, 4, 4)
    with pytest.raises(RuntimeError, match=r"^Given groups=4, expected weight to be at least 4 "
                                           r"at dimension 0, but got weight of size \[3, 1, 3, "
                                           r"3\] instead$"):
        F.conv2d(x, T.randn(3, 1, 3, 3), groups=4)
    with pytest.raises(RuntimeError, match=r"^Given groups=4, expected weight to be divisible "
                                           r"by 4 at dimension 0, but got weight of size "
                                           r"\[\[6, 1, 3, 3\]\] instead$"):
        F.conv2d(x, T.randn(6, 1, 3, 3), groups=4)


def test_conv_weight_of_another_dimension() -> None:
    x = T.randn(1, 2, 4, 4)
    with pytest.raises(RuntimeError, match="^weight should have at least three dimensions$"):
        F.conv2d(x, T.randn(3, 2))
    with pytest.raises(RuntimeError, match=r"^expected stride to be a single integer value or a "
                                           r"list of 1 values to match the convolution "
                                           r"dimensions, but got stride=\[2, 1\]$"):
        F.conv2d(x, T.randn(3, 2, 3), stride=(2, 1))
    with pytest.raises(RuntimeError, match=r"^Expected 4-dimensional input for 4-dimensional "
                                           r"weight \[3, 2, 3, 3\], but got 3-dimensional input "
                                           r"of size \[1, 2, 5\] instead$"):
        F.conv1d(T.randn(1, 2, 5), T.randn(3, 2, 3, 3))


def test_deprecated_init_eye_and_public_homes() -> None:
    with pytest.warns(FutureWarning, match=r"^`nn.init.eye` is now deprecated in favor of "
                                           r"`nn.init.eye_`.$"):
        w = nn.init.eye(T.empty(2, 3))
    assert w.tolist() == [[1, 0, 0], [0, 1, 0]]
    assert T.optim.Adafactor.__module__ == "autograd_kit.optim"
    assert nn.utils.parametrizations.orthogonal.__module__ == \
        "autograd_kit.nn.utils.parametrizations"


def test_lazy_norms_take_bias() -> None:
    m = nn.LazyBatchNorm1d(bias=False)
    assert m.bias is None
    m(T.randn(4, 3))
    assert [n for n, _ in m.named_parameters()] == ["weight"]
    assert "bias=False" in repr(m) and type(m) is nn.BatchNorm1d


def test_lazy_convolutions_take_positional_arguments_in_pytorch_order() -> None:
    m = nn.LazyConv2d(4, 3, 1, 1, 1, 1, False)
    assert m.bias is None and m.padding == (1, 1)
    assert m(T.randn(1, 2, 5, 5)).shape == (1, 4, 5, 5) and type(m) is nn.Conv2d
    t = nn.LazyConvTranspose2d(4, 3, 2, 1, 1, 1, False, 1)
    assert t.output_padding == (1, 1) and t.bias is None
    assert t(T.randn(1, 2, 5, 5)).shape == (1, 4, 10, 10)


def test_set_submodule_and_modules_with_duplicates() -> None:
    m = nn.Sequential(nn.Linear(2, 3), nn.Sequential(nn.ReLU(), nn.Linear(3, 1)))
    tanh = nn.Tanh()
    m.set_submodule("1.0", tanh)
    assert m[1][0] is tanh
    with pytest.raises(ValueError, match="^Cannot set the submodule without a target name!$"):
        m.set_submodule("", tanh)
    with pytest.raises(AttributeError, match="^Sequential has no attribute `x`$"):
        m.set_submodule("1.x", tanh, strict=True)
    with pytest.raises(AttributeError, match="^`weight` is not an nn.Module$"):
        m.set_submodule("0.weight", tanh)
    shared = nn.Linear(1, 1)
    twice = nn.Sequential(shared, shared)
    assert len(list(twice.modules())) == 2 and len(list(twice.modules(False))) == 3


def test_embedding_bag_checks_in_pytorch_order() -> None:
    w = T.randn(4, 2)
    with pytest.raises(ValueError, match="^offsets has to be a 1D Tensor but got None$"):
        F.embedding_bag(T.tensor([0, 1]), w, mode="mean", per_sample_weights=T.ones(2))
    with pytest.raises(ValueError, match="^weight has to be a 2D Tensor, but got Tensor of "
                                         "dimension 1$"):
        F.embedding_bag(T.tensor([0, 1]), T.randn(4), T.tensor([0]))
    with pytest.raises(ValueError, match="^max mode does not support sparse weights$"):
        F.embedding_bag(T.tensor([0, 1]), w, T.tensor([0]), mode="max", sparse=True)
    with pytest.raises(NotImplementedError, match=r"only supported for mode='sum' \(got "
                                                  r"mode='mean'\)"):
        F.embedding_bag(T.tensor([0, 1]), w, T.tensor([0]), per_sample_weights=T.ones(2))
