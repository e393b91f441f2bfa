"""Kit-only checks (no PyTorch needed) of the nn/optim fixes compared in
tests/test_torch_parity_nn4.py: expected values are derived by hand or written down from
PyTorch 2.13's printed output."""

from __future__ import annotations

import warnings

import numpy
import pytest

import autograd_kit as ak

F = ak.nn.functional
DEPRECATED = "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead."


@pytest.mark.parametrize("loss", [F.mse_loss, F.l1_loss, F.huber_loss, F.smooth_l1_loss,
                                  F.kl_div, F.soft_margin_loss, F.hinge_embedding_loss,
                                  F.binary_cross_entropy_with_logits])
def test_elementwise_mean_is_mean_with_a_warning(loss) -> None:
    x, t = ak.tensor([[1., 2., 3.]]), ak.tensor([[0., 1., 1.]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = loss(x, t, reduction="elementwise_mean")
    assert DEPRECATED in [str(w.message) for w in caught]
    assert old.item() == loss(x, t, reduction="mean").item()


def test_elementwise_mean_is_refused_where_pytorch_refuses_it() -> None:
    x, t = ak.tensor([[1., 2., 3.]]), ak.tensor([[0., 1., 1.]])
    with pytest.raises(ValueError, match="^elementwise_mean is not valid$"):
        F.multilabel_soft_margin_loss(x, t, reduction="elementwise_mean")
    with pytest.raises(ValueError, match="^elementwise_mean is not a valid value for reduction$"):
        F.poisson_nll_loss(x, t, reduction="elementwise_mean")


def test_a_loss_module_keeps_the_old_word_and_warns_when_called() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = ak.nn.MSELoss(reduction="elementwise_mean")
        assert m.reduction == "elementwise_mean" and not caught
        assert m(ak.ones(2), ak.zeros(2)).item() == 1.0
        assert len(caught) == 1


def test_sgd_step_is_one_fused_multiply_add() -> None:
    """p = -1, g = -10, lr = 0.1: PyTorch computes -1 + 10·float32(0.1) rounded once, which is
    float32(0.1)·10 - 1 = 1.4901161e-08, not 0 (what rounding 10·0.1 first gives)."""
    p = ak.tensor([-1.], requires_grad=True)
    p.grad = ak.tensor([-10.])
    ak.optim.SGD([p], lr=0.1).step()
    assert p.item() == float(numpy.float32(0.1)) * 10 - 1 == 1.4901161193847656e-08


def test_sgd_weight_decay_and_nesterov_are_fused_too() -> None:
    # g + wd·p with g = 1, p = 1, wd = 0.1: 1 + float32(0.1), rounded once to float32
    p = ak.tensor([1.], requires_grad=True)
    p.grad = ak.tensor([1.])
    ak.optim.SGD([p], lr=1.0, weight_decay=0.1).step()
    g = numpy.float32(1 + float(numpy.float32(0.1)))  # one rounding of the exact sum
    assert p.item() == float(numpy.float32(1 - float(g)))


def test_adam_steps_match_pytorch_to_the_last_bit() -> None:
    p = ak.tensor([0.3, -0.7], requires_grad=True)
    opt = ak.optim.Adam([p], lr=0.1)
    seen = []
    for _ in range(3):
        opt.zero_grad()
        (p ** 2).sum().backward()
        opt.step()
        seen.append(p.tolist())
    assert seen == [[0.20000001788139343, -0.6000000238418579],  # PyTorch 2.13's values
                    [0.10296480357646942, -0.5006944537162781],
                    [0.013288982212543488, -0.40274351835250854]]


def test_sgd_maximize_matches_pytorch_to_the_last_bit() -> None:
    p = ak.tensor([1., -2.], requires_grad=True)
    opt = ak.optim.SGD([p], lr=0.1, maximize=True)
    for _ in range(3):
        opt.zero_grad()
        (p ** 2).sum().backward()
        opt.step()
    assert p.tolist() == [1.7280000448226929, -3.4560000896453857]


def test_fused_lerp_rounds_once_with_pytorch_weight() -> None:
    """lerp_(end, w) for w ≥ 0.5 is end - (end - a)·(1 - w), 1 - w taken in float32 and the
    product-and-difference rounded once (as PyTorch's vectorised lerp)."""
    from autograd_kit.optim import _fused

    a = numpy.array([0.3], dtype="float32")
    end = numpy.array([1.7], dtype="float32")
    diff = numpy.float64(end[0] - a[0])
    rest = numpy.float64(numpy.float32(1) - numpy.float32(0.9))
    expected = numpy.float32(numpy.float64(end[0]) - diff * rest)
    _fused.lerp_(a, end, 0.9)
    assert a[0] == expected and a.dtype == numpy.float32


def test_rmsprop_and_adagrad_steps_match_pytorch_to_the_last_bit() -> None:
    seen = []
    for make in (lambda q: ak.optim.RMSprop(q, lr=0.01, centered=True, momentum=0.5),
                 lambda q: ak.optim.Adagrad(q, lr=0.1, weight_decay=0.1)):
        p = ak.tensor([0.3, -0.7], requires_grad=True)
        opt = make([p])
        for _ in range(3):
            opt.zero_grad()
            (p ** 2).sum().backward()
            opt.step()
        seen.append(p.tolist())
    assert seen == [[0.014408601447939873, -0.37785324454307556],  # PyTorch 2.13's values
                    [0.10732260346412659, -0.4847358465194702]]


def test_radam_nadam_asgd_steps_match_pytorch_to_the_last_bit() -> None:
    """RAdam's 'bias_correction2 ** 0.5 / root' is, as in PyTorch, root.reciprocal() · number."""
    seen = []
    for make, steps in ((lambda q: ak.optim.RAdam(q, lr=0.1), 8),
                        (lambda q: ak.optim.NAdam(q, lr=0.1), 3),
                        (lambda q: ak.optim.ASGD(q, lr=0.1, weight_decay=0.1), 3)):
        p = ak.tensor([0.3, -0.7], requires_grad=True)
        opt = make([p])
        for _ in range(steps):
            opt.zero_grad()
            (p ** 2).sum().backward()
            opt.step()
        seen.append(p.tolist())
    assert seen == [[0.05294983834028244, -0.13359303772449493],  # PyTorch 2.13's values
                    [0.08412013202905655, -0.45760905742645264],
                    [0.14790695905685425, -0.34511619806289673]]


def test_add_param_group_completes_the_dict_given() -> None:
    a = ak.ones(2, requires_grad=True)
    group = {"params": a, "lr": 0.3}
    opt = ak.optim.SGD([ak.zeros(1, requires_grad=True)], lr=0.1)
    opt.add_param_group(group)
    assert opt.param_groups[1] is group
    assert group["params"] == [a] and group["momentum"] == 0 and group["lr"] == 0.3


def test_add_param_group_errors_and_warning() -> None:
    m = ak.nn.Linear(2, 1)
    with pytest.raises(TypeError, match="^optimizer parameters need to be organized in ordered "
                                        "collections, but the ordering of tensors in sets"):
        ak.optim.SGD([m.weight]).add_param_group({"params": {m.bias}})
    with pytest.raises(ValueError, match="^all optimizer params should be with/without names. "
                                         "Some param names are missing$"):
        ak.optim.SGD([("w", m.weight), m.bias])
    with pytest.raises(ValueError, match="cannot add param group without names to the optimizer$"):
        ak.optim.SGD(m.named_parameters()).add_param_group({"params": [ak.ones(1)]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ak.optim.SGD([m.bias, m.bias])
    assert [str(w.message) for w in caught] == [
        "optimizer contains a parameter group with duplicate parameters; in future, this will "
        "cause an error; see github.com/pytorch/pytorch/issues/40967 for more information"]


def test_a_non_leaf_that_retains_its_grad_can_be_optimized() -> None:
    a = ak.ones(2, requires_grad=True)
    b = a * 2
    b.retain_grad()
    assert ak.optim.SGD([b], lr=0.1).param_groups[0]["params"][0] is b
    with pytest.raises(ValueError, match="^can't optimize a non-leaf Tensor$"):
        ak.optim.SGD([a * 3], lr=0.1)


def test_loaded_state_takes_the_parameter_dtype_but_step_keeps_its_own() -> None:
    a = ak.ones(2, requires_grad=True)
    opt = ak.optim.Adam([a], lr=0.1)
    a.grad = ak.ones(2)
    opt.step()
    b = ak.zeros(2, dtype=ak.float64, requires_grad=True)
    other = ak.optim.Adam([b])
    other.load_state_dict(opt.state_dict())
    state = other.state[b]
    assert state["exp_avg"].dtype is ak.float64 and state["exp_avg_sq"].dtype is ak.float64
    assert state["step"].dtype is ak.float32


def test_lbfgs_reads_the_loss_without_a_requires_grad_warning() -> None:
    p = ak.tensor([1., -2.], requires_grad=True)
    opt = ak.optim.LBFGS([p], max_iter=5)

    def closure():
        opt.zero_grad()
        loss = ((p - 3) ** 2).sum()
        loss.backward()
        return loss

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert opt.step(closure).item() == 29.0
    assert not [w for w in caught if "requires_grad" in str(w.message)]
    assert p.tolist() == [3.0, 2.9999990463256836]  # PyTorch 2.13 lands here (fused steps)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: ak.nn.Linear(2, 1)(numpy.ones((1, 2))),
     "linear(): argument 'input' (position 1) must be Tensor, not numpy.ndarray"),
    (lambda: F.linear(ak.ones(2), ak.ones(1, 2), 3),
     "linear(): argument 'bias' (position 3) must be Tensor, not int"),
    (lambda: ak.nn.ReLU()([1.0]), "relu(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda: ak.nn.Sigmoid()(numpy.ones(2)),
     "sigmoid(): argument 'input' (position 1) must be Tensor, not numpy.ndarray"),
    (lambda: ak.nn.ReLU6()(1.0),
     "hardtanh(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda: F.relu6(1.0), "relu6(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda: ak.nn.Embedding(3, 2)([0, 1]),
     "embedding(): argument 'indices' (position 2) must be Tensor, not list"),
    (lambda: ak.nn.LogSigmoid()([1.0]),
     "log_sigmoid(): argument 'input' (position 1) must be Tensor, not list"),
])
def test_a_layer_given_no_tensor_says_so_as_pytorch(call, message) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == message


def test_the_functionals_pytorch_writes_as_methods_raise_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="^'list' object has no attribute 'sigmoid'$"):
        F.sigmoid([1.0])
    with pytest.raises(AttributeError, match="^'numpy.ndarray' object has no attribute 'softmax'$"):
        ak.nn.Softmax(0)(numpy.ones(2))


def test_type_name_is_what_cpython_prints() -> None:
    from autograd_kit.nn.arguments import type_name

    class Mine:
        pass

    assert [type_name(v) for v in ([], 1, numpy.ones(1), numpy.float32(1), Mine())] == [
        "list", "int", "numpy.ndarray", "numpy.float32", "Mine"]


def test_a_convolution_refuses_a_bias_or_weight_of_another_dtype() -> None:
    image = ak.ones(1, 1, 5, 5, dtype=ak.float64)
    with pytest.raises(RuntimeError, match=r"^Input type \(double\) and bias type \(float\) "
                                           "should be the same$"):
        ak.nn.Conv2d(1, 2, 3)(image)
    with pytest.raises(RuntimeError, match="^expected scalar type Double but found Float$"):
        ak.nn.Conv2d(1, 2, 3, bias=False)(image)
    with pytest.raises(RuntimeError, match=r"^Input type \(long int\) and bias type \(float\)"):
        F.conv1d(ak.ones(1, 1, 3, dtype=ak.int64), ak.ones(1, 1, 2), ak.ones(1))
    assert ak.nn.Conv2d(1, 2, 3).double()(image).dtype is ak.float64


def test_normalization_refuses_parameters_of_another_dtype() -> None:
    with pytest.raises(RuntimeError, match=r"^mixed dtype \(CPU\): all inputs must share same "
                                           r"datatype\.$"):
        ak.nn.BatchNorm1d(3)(ak.ones(4, 3, dtype=ak.float64))
    with pytest.raises(RuntimeError, match=r"^mixed dtype \(CPU\): expect parameter to have "
                                           "scalar type of Float$"):
        F.layer_norm(ak.ones(2, 3), (3,), ak.ones(3, dtype=ak.float64))
    assert ak.nn.LayerNorm(3)(ak.ones(2, 3).half()).dtype is ak.float16  # allowed, as there
    with pytest.raises(RuntimeError, match="^prelu: Type promoting not supported. Got Double "
                                           "and Float$"):
        ak.nn.PReLU()(ak.ones(2, dtype=ak.float64))
    with pytest.raises(RuntimeError, match="^All tensors must have the same dtype, got input1: "
                                           "double, input2: float, weight: float, bias: float$"):
        ak.nn.Bilinear(2, 2, 1)(ak.ones(1, 2, dtype=ak.float64), ak.ones(1, 2))


def test_fused_and_capturable_flags_are_checked_as_in_pytorch() -> None:
    a = ak.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="^`fused` does not support `differentiable`$"):
        ak.optim.Adam([a], fused=True, differentiable=True, foreach=True)
    with pytest.raises(RuntimeError, match="^`fused` and `foreach` cannot be `True` together.$"):
        ak.optim.SGD([a], fused=True, foreach=True)
    opt = ak.optim.NAdam([a], capturable=True)
    a.grad = ak.ones(2)
    with pytest.raises(AssertionError, match=r"^If capturable=True, params, mu_products and "
                                             r"state_steps must be on supported devices: \["):
        opt.step()


def test_step_hooks_see_the_optimizer_among_the_arguments_and_pickling_drops_them() -> None:
    import pickle

    a = ak.ones(2, requires_grad=True)
    opt = ak.optim.SGD([a], lr=0.1)
    seen = []
    opt.register_step_pre_hook(lambda o, args, kwargs: seen.append(args[0] is o))
    a.grad = ak.ones(2)
    opt.step()
    assert seen == [True]
    assert set(opt.__getstate__()) == {"defaults", "state", "param_groups"}
    assert pickle.loads(pickle.dumps(opt)).defaults["lr"] == 0.1


def test_spatial_nll_is_one_node_on_the_scores() -> None:
    x = ak.zeros(1, 2, 1, 2, requires_grad=True)
    target = ak.tensor([[[0, 1]]])
    loss = F.nll_loss(x, target, reduction="none")
    assert loss.grad_fn.name() == "NllLoss2DBackward0"
    assert loss.grad_fn.next_functions[0][0].name().endswith("AccumulateGrad")
    g, = ak.autograd.grad(loss.sum(), x, create_graph=True)
    assert g.grad_fn.name() == "NllLoss2DBackwardBackward0"
    assert g.tolist() == [[[[-1.0, 0.0]], [[0.0, -1.0]]]]  # -1 at each position's target
    scores = ak.zeros(1, 2, 3, requires_grad=True)
    seq = F.nll_loss(scores, ak.tensor([[0, 1, 1]]), reduction="none")
    assert seq.grad_fn.name() == "ViewBackward0"
    assert seq.grad_fn.next_functions[0][0].name() == "NllLoss2DBackward0"


def test_trunc_normal_far_window_uses_uniform_proposals() -> None:
    """Mean 5, window [-2, 2]: almost no mass inside, so values are uniform proposals on the
    window kept with probability pdf(x) / pdf(2); all inside, skewed towards 2."""
    ak.manual_seed(0)
    with warnings.catch_warnings(record=True):  # (mean more than 2 std from the window)
        warnings.simplefilter("always")
        w = ak.nn.init.trunc_normal_(ak.empty(2000), mean=5.0, std=1.0, a=-2.0, b=2.0)
        ak.manual_seed(0)
        first = ak.nn.init.trunc_normal_(ak.empty(2, 2), mean=5.0, a=-2.0, b=2.0).tolist()
    assert bool((w >= -2).all()) and bool((w <= 2).all())
    assert w.mean().item() > 1.0  # the density e^(-(x-5)²/2) rises steeply towards 2
    assert first == [  # PyTorch 2.13's values
        [1.6930584907531738, 1.6570987701416016], [1.8109524250030518, 1.9882662296295166]]


def test_float64_steps_are_fused_too() -> None:
    """p = -1, g = -10, lr = 0.1 in float64: -1 + 10·0.1 rounded once is the error of the
    double nearest 0.1, times 10: 10·0.1000000000000000055511… - 1 = 5.551115123125783e-17."""
    p = ak.tensor([-1.0], dtype=ak.float64, requires_grad=True)
    p.grad = ak.tensor([-10.0], dtype=ak.float64)
    ak.optim.SGD([p], lr=0.1).step()
    assert p.item() == 5.551115123125783e-17
    from autograd_kit.optim import _fused

    big = numpy.array([1e308, -1.0])  # near the top the error terms would overflow: plain sum
    assert _fused.add_scaled(big, numpy.array([1.0, 2.0]), 0.5).tolist() == [1e308, 0.0]
