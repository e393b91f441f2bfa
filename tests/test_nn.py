"""nn: Module bookkeeping, Linear, activations, losses, functional, init.

Expected values are computed by hand (or with NumPy from the formulas); gradients are
checked against finite differences in float64. The PyTorch cross-check at the end is skipped
when torch is not installed.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.autograd import gradcheck
from autograd_kit.nn import functional as F


def t64(values: object, device: str, requires_grad: bool = False) -> ak.Tensor:
    return ak.tensor(values, dtype=ak.float64, device=device, requires_grad=requires_grad)


def host(t: ak.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


class TwoLayer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(3, 4)
        self.act = nn.ReLU()
        self.out = nn.Linear(4, 2, bias=False)

    def forward(self, x: ak.Tensor) -> ak.Tensor:
        return self.out(self.act(self.hidden(x)))


# ---- Module ----------------------------------------------------------------------------------

def test_registration_and_walking(device: str) -> None:
    model = TwoLayer().to(device)
    names = [n for n, _ in model.named_parameters()]
    assert names == ["hidden.weight", "hidden.bias", "out.weight"]
    assert [p.shape for p in model.parameters()] == [(4, 3), (4,), (2, 4)]
    assert all(isinstance(p, nn.Parameter) and p.requires_grad for p in model.parameters())
    assert [type(m).__name__ for m in model.children()] == ["Linear", "ReLU", "Linear"]
    assert [type(m).__name__ for m in model.modules()] == ["TwoLayer", "Linear", "ReLU", "Linear"]
    assert model.out.bias is None
    assert list(model.hidden.parameters()) == [model.hidden.weight, model.hidden.bias]
    # a plain tensor attribute is not a parameter
    model.scale = ak.ones(1)
    assert len(list(model.parameters())) == 3


def test_shared_parameter_counted_once(device: str) -> None:
    layer = nn.Linear(2, 2, device=device)
    model = nn.Sequential(layer, nn.ReLU(), layer)
    assert len(list(model.parameters())) == 2


def test_assigning_a_tensor_to_a_parameter_name_is_an_error() -> None:
    layer = nn.Linear(2, 2)
    with pytest.raises(TypeError, match="cannot assign .* as parameter 'weight'"):
        layer.weight = ak.zeros(2, 2)


def test_train_eval_and_requires_grad(device: str) -> None:
    model = TwoLayer().to(device)
    assert model.training and model.hidden.training
    assert model.eval() is model
    assert not model.training and not model.hidden.training and not model.act.training
    model.train()
    assert model.out.training
    model.requires_grad_(False)
    assert not any(p.requires_grad for p in model.parameters())


def test_zero_grad(device: str) -> None:
    model = TwoLayer().to(device)
    model(ak.randn(5, 3, device=device)).sum().backward()
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad(set_to_none=False)
    assert all(float(p.grad.abs().sum()) == 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())


def test_state_dict_roundtrip(device: str) -> None:
    a, b = TwoLayer().to(device), TwoLayer().to(device)
    state = a.state_dict()
    assert list(state) == ["hidden.weight", "hidden.bias", "out.weight"]
    assert not state["hidden.weight"].requires_grad
    result = b.load_state_dict(state)
    assert result.missing_keys == [] and result.unexpected_keys == []
    for p, q in zip(a.parameters(), b.parameters()):
        assert np.array_equal(host(p), host(q))
        assert q.requires_grad


def test_load_state_dict_errors() -> None:
    layer = nn.Linear(2, 3)
    with pytest.raises(RuntimeError) as info:
        layer.load_state_dict({"weight": ak.zeros(3, 2), "extra": ak.zeros(1)})
    assert str(info.value) == (
        "Error(s) in loading state_dict for Linear:\n"
        '\tMissing key(s) in state_dict: "bias". \n'
        '\tUnexpected key(s) in state_dict: "extra". '
    )
    with pytest.raises(RuntimeError, match=r"size mismatch for weight: copying a param with "
                       r"shape autograd_kit.Size\(\[2, 3\]\) from checkpoint"):
        layer.load_state_dict({"weight": ak.zeros(2, 3), "bias": ak.zeros(3)})
    keys = layer.load_state_dict({"weight": ak.ones(3, 2)}, strict=False)
    assert keys.missing_keys == ["bias"]
    assert float(layer.weight.detach().sum()) == 6.0


def test_reprs_match_pytorch() -> None:
    model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
    assert repr(model) == (
        "Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n  (1): Sigmoid()\n)"
    )
    assert repr(TwoLayer()) == (
        "TwoLayer(\n"
        "  (hidden): Linear(in_features=3, out_features=4, bias=True)\n"
        "  (act): ReLU()\n"
        "  (out): Linear(in_features=4, out_features=2, bias=False)\n"
        ")"
    )
    nested = nn.Sequential(nn.Sequential(nn.Tanh()), nn.Softmax(dim=1), nn.Identity())
    assert repr(nested) == (
        "Sequential(\n  (0): Sequential(\n    (0): Tanh()\n  )\n  (1): Softmax(dim=1)\n"
        "  (2): Identity()\n)"
    )
    p = nn.Parameter(ak.tensor([1.0, 2.0]))
    assert repr(p) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
    assert repr(nn.MSELoss()) == "MSELoss()"


def test_parameter_shares_data_and_is_leaf() -> None:
    data = ak.tensor([1.0, 2.0])
    p = nn.Parameter(data)
    assert p.is_leaf and p.requires_grad and p.grad_fn is None
    with ak.no_grad():
        p.mul_(2)
    assert data.tolist() == [2.0, 4.0]
    assert not nn.Parameter(ak.zeros(1), requires_grad=False).requires_grad


def test_module_without_forward() -> None:
    with pytest.raises(NotImplementedError, match='missing the required "forward"'):
        nn.Module()(ak.zeros(1))


def test_sequential_indexing_and_call(device: str) -> None:
    model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1)).to(device)
    assert len(model) == 3 and isinstance(model[1], nn.Tanh) and isinstance(model[-1], nn.Linear)
    x = ak.randn(4, 2, device=device)
    assert np.allclose(host(model(x)), host(model[2](model[1](model[0](x)))))
    assert len(model[:2]) == 2


# ---- Linear ----------------------------------------------------------------------------------

def test_linear_initial_values_lie_in_pytorch_bounds(device: str) -> None:
    ak.manual_seed(3)
    for fan_in, fan_out in [(2, 1), (10, 5), (1000, 100)]:
        layer = nn.Linear(fan_in, fan_out, device=device)
        bound = 1 / math.sqrt(fan_in)
        w, b = host(layer.weight), host(layer.bias)
        assert w.shape == (fan_out, fan_in) and b.shape == (fan_out,)
        assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
        if fan_in * fan_out >= 1000:  # spread over the whole range, not a corner of it
            assert np.abs(w).max() > 0.9 * bound and w.std() > 0.5 * bound
        assert layer.weight.device.type == ak.device(device).type


def test_linear_forward_and_graph(device: str) -> None:
    layer = nn.Linear(3, 2, device=device, dtype=ak.float64)
    with ak.no_grad():
        layer.weight.copy_(t64([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]], device))
        layer.bias.copy_(t64([0.5, -0.5], device))
    x = t64([[1.0, 1.0, 1.0], [2.0, 0.0, -1.0]], device)
    y = layer(x)
    assert host(y).tolist() == [[6.5, -0.5], [-0.5, -1.5]]
    node = y.grad_fn
    assert node.name() == "AddmmBackward0"
    nexts = node.next_functions
    assert nexts[0][0].name() == "torch::autograd::AccumulateGrad"
    assert nexts[0][0].variable is layer.bias
    assert nexts[1] == (None, 0)
    assert nexts[2][0].name() == "TBackward0"
    assert nexts[2][0].next_functions[0][0].variable is layer.weight
    y.sum().backward()
    assert host(layer.weight.grad).tolist() == [[3.0, 1.0, 0.0], [3.0, 1.0, 0.0]]
    assert host(layer.bias.grad).tolist() == [2.0, 2.0]


def test_linear_other_input_shapes(device: str) -> None:
    layer = nn.Linear(3, 2, device=device)
    one = layer(ak.randn(3, device=device))
    assert one.shape == (2,) and one.grad_fn.name() == "ViewBackward0"
    assert one.grad_fn.next_functions[0][0].name() == "AddmmBackward0"
    assert layer(ak.randn(5, 4, 3, device=device)).shape == (5, 4, 2)
    no_bias = nn.Linear(3, 2, bias=False, device=device)
    y = no_bias(ak.randn(4, 3, device=device))
    assert y.shape == (4, 2) and y.grad_fn.name() == "MmBackward0"


def test_linear_wrong_feature_size_names_both_sizes() -> None:
    layer = nn.Linear(3, 5)
    with pytest.raises(RuntimeError, match=r"^mat1 and mat2 shapes cannot be multiplied "
                                           r"\(4x2 and 3x5\)$"):
        layer(ak.randn(4, 2))
    with pytest.raises(RuntimeError, match=r"\(1x2 and 3x5\)"):
        layer(ak.randn(2))


def test_linear_gradcheck(device: str) -> None:
    w = ak.randn(2, 3, dtype=ak.float64, device=device, requires_grad=True)
    b = ak.randn(2, dtype=ak.float64, device=device, requires_grad=True)
    x = ak.randn(4, 3, dtype=ak.float64, device=device, requires_grad=True)
    assert gradcheck(F.linear, (x, w, b))
    assert gradcheck(lambda x, w: F.linear(x, w), (x, w))
    assert gradcheck(F.linear, (x[0].detach().requires_grad_(), w, b))


def test_linear_second_derivative(device: str) -> None:
    w = ak.randn(2, 3, dtype=ak.float64, device=device, requires_grad=True)
    b = ak.randn(2, dtype=ak.float64, device=device, requires_grad=True)
    x = ak.randn(4, 3, dtype=ak.float64, device=device, requires_grad=True)
    assert ak.autograd.gradgradcheck(lambda x, w, b: F.linear(x, w, b) ** 2, (x, w, b))


# ---- activations -----------------------------------------------------------------------------

def test_activations_values(device: str) -> None:
    x = t64([-2.0, 0.0, 1.5], device)
    assert host(nn.ReLU()(x)).tolist() == [0.0, 0.0, 1.5]
    sig = [1 / (1 + math.exp(2)), 0.5, 1 / (1 + math.exp(-1.5))]
    assert np.allclose(host(nn.Sigmoid()(x)), sig)
    assert np.allclose(host(nn.Tanh()(x)), [math.tanh(-2), 0.0, math.tanh(1.5)])
    assert nn.Identity()(x) is x
    rows = t64([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], device)
    e = np.exp([1.0, 2.0, 3.0])
    out = host(nn.Softmax(dim=1)(rows))
    assert np.allclose(out, [e / e.sum(), [1 / 3] * 3])
    assert np.allclose(host(nn.Softmax(dim=0)(rows)).sum(axis=0), 1.0)
    assert np.allclose(host(F.log_softmax(rows, dim=1))[0], np.log(e / e.sum()))


def test_activation_gradients(device: str) -> None:
    x = t64([[-1.3, 0.4, 2.0], [0.7, -0.2, 1.1]], device, requires_grad=True)
    for module in (nn.ReLU(), nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1), nn.Softmax(dim=0)):
        assert gradcheck(module, (x,)), module


def test_softmax_without_dim_warns_like_pytorch() -> None:
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        out = F.softmax(ak.tensor([[1.0, 1.0], [1.0, 1.0]]))
    assert np.allclose(out.numpy(), 0.5)


# ---- losses ----------------------------------------------------------------------------------

def test_mse_loss_values_and_reductions(device: str) -> None:
    x, y = t64([1.0, 2.0, 4.0], device), t64([0.0, 2.0, 1.0], device)
    assert float(nn.MSELoss()(x, y)) == pytest.approx(10 / 3)
    assert float(nn.MSELoss(reduction="sum")(x, y)) == 10.0
    assert host(nn.MSELoss(reduction="none")(x, y)).tolist() == [1.0, 0.0, 9.0]
    xg = t64([1.0, 2.0, 4.0], device, requires_grad=True)
    loss = F.mse_loss(xg, y)
    assert loss.grad_fn.name() == "MseLossBackward0"
    loss.backward()
    assert np.allclose(host(xg.grad), [2 / 3, 0.0, 2.0])


def test_bce_loss_values(device: str) -> None:
    p, t = t64([0.9, 0.2, 0.5], device), t64([1.0, 0.0, 1.0], device)
    each = [-math.log(0.9), -math.log(0.8), -math.log(0.5)]
    assert np.allclose(host(nn.BCELoss(reduction="none")(p, t)), each)
    assert float(nn.BCELoss()(p, t)) == pytest.approx(sum(each) / 3)
    assert float(nn.BCELoss(reduction="sum")(p, t)) == pytest.approx(sum(each))
    weighted = nn.BCELoss(weight=t64([1.0, 2.0, 0.0], device), reduction="sum")(p, t)
    assert float(weighted) == pytest.approx(each[0] + 2 * each[1])
    pg = t64([0.9, 0.2, 0.5], device, requires_grad=True)
    loss = nn.BCELoss()(pg, t)
    assert loss.grad_fn.name() == "BinaryCrossEntropyBackward0"
    loss.backward()
    # d/dp of -[t ln p + (1-t) ln(1-p)] = (p - t) / (p (1 - p))
    expected = [(0.9 - 1) / (0.9 * 0.1) / 3, 0.2 / (0.2 * 0.8) / 3, -0.5 / 0.25 / 3]
    assert np.allclose(host(pg.grad), expected)


@pytest.mark.filterwarnings("ignore:divide by zero")  # the CuPy stand-in warns like NumPy
def test_bce_clamps_log_at_minus_100(device: str) -> None:
    p, t = t64([0.0, 1.0, 1.0], device), t64([1.0, 0.0, 1.0], device)
    assert host(F.binary_cross_entropy(p, t, reduction="none")).tolist() == [100.0, 100.0, 0.0]


def test_bce_errors() -> None:
    with pytest.raises(RuntimeError, match="^all elements of input should be between 0 and 1$"):
        nn.BCELoss()(ak.tensor([0.5, 1.5]), ak.tensor([1.0, 0.0]))
    with pytest.raises(ValueError, match=r"Using a target size \(autograd_kit.Size\(\[1\]\)\) "
                       r"that is different to the input size \(autograd_kit.Size\(\[1, 1\]\)\) "
                       r"is deprecated. Please ensure they have the same size."):
        nn.BCELoss()(ak.tensor([[0.5]]), ak.tensor([1.0]))
    loss = nn.MSELoss(reduction="foo")  # as in PyTorch, the reduction is checked when called
    with pytest.raises(ValueError, match="foo is not a valid value for reduction"):
        loss(ak.ones(1), ak.ones(1))


def test_bce_with_logits_values_and_stability(device: str) -> None:
    x, t = t64([2.0, -1.0, 0.0, 100.0, -100.0], device), t64([1.0, 0.0, 1.0, 0.0, 0.0], device)
    sig = 1 / (1 + np.exp(-np.array([2.0, -1.0, 0.0])))
    each = [-math.log(sig[0]), -math.log(1 - sig[1]), -math.log(sig[2]), 100.0, 0.0]
    out = host(nn.BCEWithLogitsLoss(reduction="none")(x, t))
    assert np.all(np.isfinite(out)) and np.allclose(out, each)
    assert float(nn.BCEWithLogitsLoss()(x, t)) == pytest.approx(sum(each) / 5)
    xg = t64([2.0, -1.0], device, requires_grad=True)
    loss = F.binary_cross_entropy_with_logits(xg, t64([1.0, 0.0], device), reduction="sum")
    assert loss.grad_fn.name() == "BinaryCrossEntropyWithLogitsBackward0"
    loss.backward()
    assert np.allclose(host(xg.grad), [1 / (1 + math.exp(-2)) - 1, 1 / (1 + math.exp(1))])


def test_nll_and_cross_entropy_values(device: str) -> None:
    logits = t64([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]], device)
    target = ak.tensor([2, 0], device=device)
    e = np.exp([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    logp = np.log(e / e.sum(1, keepdims=True))
    each = [-logp[0, 2], -logp[1, 0]]
    assert np.allclose(host(nn.CrossEntropyLoss(reduction="none")(logits, target)), each)
    assert float(nn.CrossEntropyLoss()(logits, target)) == pytest.approx(sum(each) / 2)
    assert float(nn.CrossEntropyLoss(reduction="sum")(logits, target)) == pytest.approx(sum(each))
    lp = t64(logp.tolist(), device)
    assert float(nn.NLLLoss()(lp, target)) == pytest.approx(sum(each) / 2)
    # ignore_index rows count nothing, also in the mean's divisor
    assert float(nn.NLLLoss(ignore_index=0)(lp, target)) == pytest.approx(each[0])
    weight = t64([2.0, 1.0, 0.5], device)
    wmean = (0.5 * each[0] + 2 * each[1]) / 2.5
    assert float(nn.NLLLoss(weight=weight)(lp, target)) == pytest.approx(wmean)
    # a single sample without a batch dimension
    assert float(F.cross_entropy(logits[0], ak.tensor(2, device=device))) == pytest.approx(each[0])


def test_cross_entropy_graph_and_gradient(device: str) -> None:
    logits = t64([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]], device, requires_grad=True)
    target = ak.tensor([2, 0], device=device)
    loss = nn.CrossEntropyLoss()(logits, target)
    assert loss.grad_fn.name() == "NllLossBackward0"
    assert loss.grad_fn.next_functions[0][0].name() == "LogSoftmaxBackward0"
    loss.backward()
    soft = np.exp([[1, 2, 3], [1, 1, 1]]) / np.exp([[1, 2, 3], [1, 1, 1]]).sum(1, keepdims=True)
    onehot = np.array([[0, 0, 1], [1, 0, 0]])
    assert np.allclose(host(logits.grad), (soft - onehot) / 2)


def test_nll_loss_errors() -> None:
    with pytest.raises(IndexError, match="Target 5 is out of bounds."):
        F.nll_loss(ak.zeros(2, 3), ak.tensor([0, 5]))
    with pytest.raises(ValueError, match=r"Expected input batch_size \(2\) to match target "
                                         r"batch_size \(3\)."):
        F.nll_loss(ak.zeros(2, 3), ak.tensor([0, 1, 2]))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_loss_gradchecks(device: str, reduction: str) -> None:
    ak.manual_seed(1)
    x = ak.randn(4, 3, dtype=ak.float64, device=device, requires_grad=True)
    y = ak.randn(4, 3, dtype=ak.float64, device=device, requires_grad=True)
    p = (ak.rand(4, 3, dtype=ak.float64, device=device) * 0.8 + 0.1).requires_grad_()
    t = ak.rand(4, 3, dtype=ak.float64, device=device).requires_grad_()
    w = ak.rand(4, 3, dtype=ak.float64, device=device) + 0.5
    labels = ak.tensor([0, 2, 1, 2], device=device)
    cw = t64([0.5, 1.0, 2.0], device)
    checks = [
        (lambda a, b: F.mse_loss(a, b, reduction=reduction), (x, y)),
        (lambda a, b: F.binary_cross_entropy(a, b, reduction=reduction), (p, t)),
        (lambda a, b: F.binary_cross_entropy(a, b, w, reduction=reduction), (p, t)),
        (lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction=reduction), (x, t)),
        (lambda a, b: F.binary_cross_entropy_with_logits(a, b, w, reduction=reduction), (x, t)),
        (lambda a: F.cross_entropy(a, labels, reduction=reduction), (x,)),
        (lambda a: F.cross_entropy(a, labels, cw, reduction=reduction), (x,)),
        (lambda a: F.nll_loss(a, labels, reduction=reduction, ignore_index=1), (x,)),
    ]
    for fn, inputs in checks:
        assert gradcheck(fn, inputs)


def test_loss_second_derivatives(device: str) -> None:
    x = ak.randn(3, 2, dtype=ak.float64, device=device, requires_grad=True)
    p = (ak.rand(3, 2, dtype=ak.float64, device=device) * 0.8 + 0.1).requires_grad_()
    t = ak.rand(3, 2, dtype=ak.float64, device=device)
    labels = ak.tensor([0, 1, 1], device=device)
    gg = ak.autograd.gradgradcheck
    assert gg(lambda a: F.mse_loss(a, t), (x,))
    assert gg(lambda a: F.binary_cross_entropy(a, t), (p,))
    assert gg(lambda a: F.binary_cross_entropy_with_logits(a, t), (x,))
    assert gg(lambda a: F.cross_entropy(a, labels), (x,))


def test_mse_broadcast_warns() -> None:
    with pytest.warns(UserWarning, match="Using a target size"):
        F.mse_loss(ak.zeros(3), ak.zeros(2, 3))


# ---- init ------------------------------------------------------------------------------------

def test_init_functions(device: str) -> None:
    ak.manual_seed(0)
    w = ak.zeros(200, 50, device=device, requires_grad=True)
    assert nn.init.uniform_(w, -0.5, 2.0) is w
    values = host(w)
    assert values.min() >= -0.5 and values.max() < 2.0 and abs(values.mean() - 0.75) < 0.05
    assert w.requires_grad and w.is_leaf
    nn.init.normal_(w, 1.0, 3.0)
    assert abs(host(w).mean() - 1.0) < 0.1 and abs(host(w).std() - 3.0) < 0.1
    nn.init.zeros_(w)
    assert not host(w).any()
    nn.init.ones_(w)
    assert (host(w) == 1).all()
    nn.init.kaiming_uniform_(w)  # gain √2 (leaky_relu, a=0): bound √2 · √(3/50)
    bound = math.sqrt(2) * math.sqrt(3 / 50)
    assert np.abs(host(w)).max() <= bound and np.abs(host(w)).max() > 0.95 * bound
    nn.init.xavier_uniform_(w)
    bound = math.sqrt(6 / 250)
    assert np.abs(host(w)).max() <= bound and np.abs(host(w)).max() > 0.95 * bound
    with pytest.raises(ValueError, match="fewer than 2 dimensions"):
        nn.init.kaiming_uniform_(ak.zeros(3))


# ---- against PyTorch ---------------------------------------------------------------------------

def test_against_torch(device: str) -> None:
    torch = pytest.importorskip("torch")
    tF = torch.nn.functional
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 4))
    p = rng.uniform(0.05, 0.95, (5, 4))
    t = rng.uniform(0, 1, (5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    cases = [
        (F.mse_loss, tF.mse_loss, x, t),
        (F.binary_cross_entropy, tF.binary_cross_entropy, p, t),
        (F.binary_cross_entropy_with_logits, tF.binary_cross_entropy_with_logits, x, t),
        (F.cross_entropy, tF.cross_entropy, x, labels),
        (F.nll_loss, tF.nll_loss, x, labels),
    ]
    for reduction in ("mean", "sum", "none"):
        for kit_fn, torch_fn, a, b in cases:
            ka = ak.tensor(a, device=device, requires_grad=True)
            ta = torch.tensor(a, requires_grad=True)
            kout = kit_fn(ka, ak.tensor(b, device=device), reduction=reduction)
            tout = torch_fn(ta, torch.tensor(b), reduction=reduction)
            assert np.allclose(host(kout), tout.detach().numpy()), (kit_fn, reduction)
            assert kout.grad_fn.name() == tout.grad_fn.name()
            kout.sum().backward()
            tout.sum().backward()
            assert np.allclose(host(ka.grad), ta.grad.numpy()), (kit_fn, reduction)
    w, b = rng.standard_normal((3, 4)), rng.standard_normal(3)
    kx = ak.tensor(x, device=device)
    out = F.linear(kx, ak.tensor(w, device=device), ak.tensor(b, device=device))
    assert np.allclose(host(out), tF.linear(torch.tensor(x), torch.tensor(w), torch.tensor(b)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tl = torch.nn.Linear(3, 5)
        with pytest.raises(RuntimeError) as expected:
            tl(torch.zeros(4, 2))
        with pytest.raises(RuntimeError) as got:
            nn.Linear(3, 5)(ak.zeros(4, 2))
        assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_implicit_softmax_dim_warning_names_the_function(name):
    with pytest.warns(UserWarning, match=f"Implicit dimension choice for {name} has been"):
        getattr(ak.nn.functional, name)(ak.ones(2, 3))
