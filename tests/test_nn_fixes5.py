"""Kit-only checks (no PyTorch needed) of the nn/optim fixes compared in
tests/test_torch_parity_nn5.py: expected values and messages written down from PyTorch 2.13."""

from __future__ import annotations

import copy
import warnings

import pytest

import autograd_kit as ak

F = ak.nn.functional


# ---- optimizer state_dict / load_state_dict share state tensors, as in PyTorch ------------

def _stepped(name: str, **kw: float) -> tuple[ak.Tensor, ak.optim.Optimizer]:
    p = ak.tensor([1.0, -2.0], requires_grad=True)
    opt = getattr(ak.optim, name)([p], lr=0.05, **kw)
    p.grad = ak.tensor([0.5, -1.0])
    opt.step()
    return p, opt


@pytest.mark.parametrize("name, kw", [("SGD", {"momentum": 0.9}), ("Adam", {}), ("RMSprop", {}),
                                      ("Adagrad", {}), ("NAdam", {}), ("Rprop", {})])
def test_state_dict_holds_the_optimizer_own_state(name: str, kw: dict) -> None:
    p, opt = _stepped(name, **kw)
    saved = opt.state_dict()
    assert saved["state"][0] is opt.state[p]  # the same dict, not a copy
    assert saved["param_groups"][0] is not opt.param_groups[0]


@pytest.mark.parametrize("name, kw", [("SGD", {"momentum": 0.9}), ("Adam", {}), ("Adamax", {})])
def test_load_state_dict_keeps_the_given_tensors(name: str, kw: dict) -> None:
    p, opt = _stepped(name, **kw)
    q = ak.tensor([1.0, -2.0], requires_grad=True)
    other = getattr(ak.optim, name)([q], lr=0.01, **kw)
    saved = opt.state_dict()
    other.load_state_dict(saved)
    for key, value in opt.state[p].items():
        assert other.state[q][key] is value, key
    assert other.param_groups[0]["lr"] == 0.05


def test_loaded_momentum_is_shared_so_the_source_step_moves_it() -> None:
    p, opt = _stepped("SGD", momentum=0.9)
    q = ak.tensor([1.0, -2.0], requires_grad=True)
    other = ak.optim.SGD([q], lr=0.05, momentum=0.9)
    other.load_state_dict(opt.state_dict())
    opt.state_dict()["state"][0]["momentum_buffer"].add_(5)
    assert other.state[q]["momentum_buffer"].tolist() == [5.5, 4.0]


def test_a_deep_copied_state_dict_lets_both_go_on_alone() -> None:
    p, opt = _stepped("Adam")
    q = ak.tensor([1.0, -2.0], requires_grad=True)
    q.data = p.detach().clone()
    other = ak.optim.Adam([q], lr=0.01)
    other.load_state_dict(copy.deepcopy(opt.state_dict()))
    p.grad = ak.tensor([0.3, 0.1])
    q.grad = ak.tensor([0.3, 0.1])
    opt.step()
    other.step()
    assert p.tolist() == q.tolist()


def test_loaded_state_of_another_dtype_is_cast_not_shared() -> None:
    p, opt = _stepped("SGD", momentum=0.9)
    q = ak.zeros(2, dtype=ak.float64, requires_grad=True)
    other = ak.optim.SGD([q], lr=0.05, momentum=0.9)
    other.load_state_dict(opt.state_dict())
    buf = other.state[q]["momentum_buffer"]
    assert buf.dtype == ak.float64 and buf is not opt.state[p]["momentum_buffer"]


# ---- F.linear: PyTorch's errors for a 0-dim input and a vector of weights ------------------

def test_linear_with_a_vector_of_weights_and_a_scalar_bias_is_a_dot_product() -> None:
    x = ak.ones(3, requires_grad=True)
    y = F.linear(x, ak.ones(3), ak.tensor(1.0))
    assert y.item() == 4.0 and y.grad_fn.name() == "AddBackward0"
    assert y.grad_fn.next_functions[0][0].name() == "DotBackward0"


@pytest.mark.parametrize("args", [(ak.ones(2, 3), ak.ones(3), ak.ones(1)),
                                  (ak.ones(2, 2, 3), ak.ones(3), ak.ones(1)),
                                  (ak.ones(2, 3), ak.ones(3), ak.tensor(1.0))])
def test_linear_vector_weight_with_a_batch_and_a_bias_is_refused(args) -> None:
    with pytest.raises(RuntimeError, match="^mat2 must be a matrix, got 1-D tensor$"):
        F.linear(*args)


@pytest.mark.parametrize("weight, bias, dims", [(ak.ones(3), ak.ones(1), "0D and 1D"),
                                                (ak.ones(2, 1), None, "0D and 2D"),
                                                (ak.ones(3, 1), ak.ones(1), "0D and 2D")])
def test_linear_of_a_0_dim_input_names_linear(weight, bias, dims: str) -> None:
    with pytest.raises(RuntimeError, match=f"^both arguments to linear need to be at least 1D, "
                                           f"but they are {dims}$"):
        F.linear(ak.tensor(1.0), weight, bias)


# ---- F.logsigmoid: PyTorch's name, and no kernel for integers ------------------------------

def test_logsigmoid_is_named_log_sigmoid_and_refuses_integers() -> None:
    assert F.logsigmoid.__name__ == "log_sigmoid"
    for dtype, word in ((ak.int32, "Int"), (ak.int64, "Long"), (ak.bool, "Bool"),
                        (ak.uint8, "Byte")):
        with pytest.raises(NotImplementedError,
                           match=f"^\"log_sigmoid_cpu\" not implemented for '{word}'$"):
            F.logsigmoid(ak.ones(2, dtype=dtype))
    assert round(F.logsigmoid(ak.zeros(1)).item(), 4) == -0.6931


def test_threshold_function_carries_pytorch_private_name() -> None:
    assert F.threshold.__name__ == "_threshold"
    assert F.threshold(ak.tensor([-1, 0, 2]), 1, 5).tolist() == [5, 5, 2]


# ---- F.glu: dim checked as PyTorch checks it ------------------------------------------------

RANGE = r"Dimension out of range \(expected to be in range of \[-2, 1\], but got "


@pytest.mark.parametrize("dim, kind, message", [
    (2, IndexError, RANGE + "2\\)"),
    (-3, IndexError, RANGE + "-3\\)"),
    (1.5, TypeError, r"glu\(\): argument 'dim' \(position 2\) must be int, not float"),
    (True, TypeError, r"glu\(\): argument 'dim' \(position 2\) must be int, not bool")])
def test_glu_checks_its_dimension(dim, kind, message: str) -> None:
    with pytest.raises(kind, match=f"^{message}$"):
        F.glu(ak.ones(2, 2), dim)


def test_glu_of_a_list_and_a_negative_dim() -> None:
    with pytest.raises(AttributeError, match="^'list' object has no attribute 'dim'$"):
        F.glu([1.0, 2.0])
    assert F.glu(ak.ones(4, 2), -2).shape == (2, 2)


# ---- global module hooks, and always_call hooks after any error ----------------------------

def test_global_forward_hooks_run_before_the_module_own_and_can_be_removed() -> None:
    from autograd_kit.nn.modules import module as M

    seen: list[str] = []
    lin = ak.nn.Linear(2, 1)
    lin.register_forward_pre_hook(lambda mod, args: seen.append("own pre"))
    lin.register_forward_hook(lambda mod, args, out: seen.append("own post"))
    h1 = M.register_module_forward_pre_hook(lambda mod, args: seen.append("global pre"))
    h2 = M.register_module_forward_hook(lambda mod, args, out: out * 0 + 7)
    try:
        assert lin(ak.ones(1, 2)).tolist() == [[7.0]]
    finally:
        h1.remove()
        h2.remove()
    assert seen == ["global pre", "own pre", "own post"]
    lin(ak.ones(1, 2))
    assert seen[-2:] == ["own pre", "own post"]


def test_global_full_backward_hooks_see_each_module_gradients() -> None:
    from autograd_kit.nn.modules import module as M

    seen = []
    lin = ak.nn.Linear(2, 1)
    ak.nn.init.ones_(lin.weight)
    handle = M.register_module_full_backward_hook(
        lambda mod, gin, gout: seen.append((type(mod).__name__, gin[0].tolist(),
                                            gout[0].tolist())))
    try:
        x = ak.ones(1, 2, requires_grad=True)
        lin(x).sum().backward()
        with pytest.raises(RuntimeError, match="^Cannot use both regular backward hooks and "
                                               "full backward hooks as a global Module hook"):
            M.register_module_backward_hook(lambda *a: None)
    finally:
        handle.remove()
    assert seen == [("Linear", [[1.0, 1.0]], [[1.0]])]


def test_always_call_forward_hook_runs_when_a_pre_hook_raises() -> None:
    seen = []
    lin = ak.nn.Linear(2, 1)
    lin.register_forward_hook(lambda mod, inp, out: seen.append(out), always_call=True)

    def bad(mod, inp):
        raise ValueError("boom")

    lin.register_forward_pre_hook(bad)
    with pytest.raises(ValueError, match="^boom$"):
        lin(ak.ones(1, 2))
    assert seen == [None]


def test_always_call_hook_after_a_failing_forward_hook_gets_the_output() -> None:
    seen = []
    lin = ak.nn.Linear(2, 1)
    lin.register_forward_hook(lambda mod, inp, out: seen.append("ran once"), always_call=True)

    def bad(mod, inp, out):
        raise ValueError("hook boom")

    def bad_too(mod, inp, out):
        raise KeyError("again")

    lin.register_forward_hook(bad)
    lin.register_forward_hook(bad_too, always_call=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError, match="^hook boom$"):
            lin(ak.ones(1, 2))
    assert seen == ["ran once"]  # not run a second time
    assert [str(w.message) for w in caught] == [
        "module forward hook with ``always_call=True`` raised an exception that was silenced "
        "as another error was raised in forward: 'again'"]


# ---- F.kl_div refuses integer (and bool) inputs and targets, as PyTorch -------------------

@pytest.mark.parametrize("input, target", [
    (ak.tensor([0.25, 0.5]), ak.tensor([1, 0])), (ak.tensor([1, 2]), ak.tensor([0.5, 0.5])),
    (ak.tensor([0.25, 0.5]), ak.tensor([True, False]))])
def test_kl_div_refuses_integral_inputs(input, target) -> None:
    for log_target in (False, True):
        with pytest.raises(RuntimeError, match="^kl_div: Integral inputs not supported.$"):
            F.kl_div(input, target, reduction="sum", log_target=log_target)
    with pytest.raises(ValueError, match="^bad is not a valid value for reduction$"):
        F.kl_div(input, target, reduction="bad")


# ---- losses given integer inputs: PyTorch's dtypes and errors --------------------------------

def test_margin_losses_of_integer_inputs() -> None:
    x = ak.tensor([[1, 2, 3]])
    hinge = F.hinge_embedding_loss(x, ak.tensor([[1, -1, -1]]), margin=3.5, reduction="none")
    assert hinge.dtype == ak.int64 and hinge.tolist() == [[1, 1, 0]]  # margin filled as Long 3
    with pytest.raises(RuntimeError, match="^mean\\(\\): could not infer output dtype"):
        F.hinge_embedding_loss(x, ak.tensor([[1, -1, 1]]))
    ranking = F.margin_ranking_loss(ak.tensor([1, 2]), ak.tensor([2, 2]), ak.tensor([1, -1]))
    assert ranking.dtype == ak.float32 and ranking.item() == 0.5


@pytest.mark.parametrize("loss, args, kind, message", [
    (F.multi_margin_loss, (ak.tensor([[1, 2, 3]]), ak.tensor([2])), NotImplementedError,
     "\"multi_margin_loss_cpu_kernel\" not implemented for 'Long'"),
    (F.multilabel_soft_margin_loss, (ak.tensor([[1, 2]]), ak.tensor([[1, 0]])),
     NotImplementedError, "\"log_sigmoid_cpu\" not implemented for 'Long'"),
    (F.soft_margin_loss, (ak.tensor([1, 2]), ak.tensor([1, -1])), RuntimeError,
     "result type Float can't be cast to the desired output type Long")])
def test_losses_without_integer_kernels(loss, args, kind, message: str) -> None:
    with pytest.raises(kind, match=f"^{message}$"):
        loss(*args)


# ---- constructor arguments as PyTorch takes them ------------------------------------------

def test_module_init_refuses_arguments_in_the_subclass_name() -> None:
    with pytest.raises(TypeError, match=r"^Tanh.__init__\(\) takes 1 positional argument but 2 "
                                        r"were given$"):
        ak.nn.Tanh(1)
    with pytest.raises(TypeError, match=r"^Sigmoid.__init__\(\) got an unexpected keyword "
                                        r"argument 'dim'$"):
        ak.nn.Sigmoid(dim=1)

    class Net(ak.nn.Module):
        def __init__(self, n: int) -> None:
            super().__init__(n)

    with pytest.raises(TypeError, match=r"^Net.__init__\(\) takes 1 positional argument"):
        Net(3)
    assert ak.nn.Module.call_super_init is False


def test_hardtanh_takes_the_deprecated_keywords_with_a_future_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = ak.nn.Hardtanh(max_value=3.0, min_value=0)
    assert repr(m) == "Hardtanh(min_val=0, max_val=3.0)"
    assert [(w.category, str(w.message)) for w in caught] == [
        (FutureWarning, "keyword argument `min_value` is deprecated and renamed to `min_val`"),
        (FutureWarning, "keyword argument `max_value` is deprecated and renamed to `max_val`")]


def test_batch_norm_bias_is_keyword_only() -> None:
    with pytest.raises(TypeError, match="takes from 2 to 8 positional arguments but 9 were given"):
        ak.nn.BatchNorm1d(3, 1e-5, 0.1, True, True, None, None, False)
    assert ak.nn.BatchNorm1d(3, bias=False).bias is None
    assert ak.nn.InstanceNorm1d(3, affine=True, bias=False).bias is None


def test_named_modules_memo_holds_modules() -> None:
    m = ak.nn.Sequential(ak.nn.Linear(1, 1), ak.nn.Sequential(ak.nn.ReLU()))
    assert [n for n, _ in m.named_modules(memo={m[1]})] == ["", "0"]
    memo: set = set()
    assert [n for n, _ in m.named_modules(memo=memo)] == ["", "0", "1", "1.0"]
    assert memo == set(m.modules())
