"""optim: SGD and Adam against PyTorch's documented update rules, worked by hand.

The loss f(p) = ½ Σ c·p² has gradient c·p, so every step's gradient is known in closed form
and a few steps can be followed with plain Python floats. The PyTorch cross-check at the end
is skipped when torch is not installed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn, optim

C = [1.0, -2.0, 0.5]  # curvatures: gradient = C * p


def quadratic_steps(opt_factory, p0, steps, device):  # type: ignore[no-untyped-def]
    """Run ``steps`` optimizer steps on ½ Σ c p², return the parameter after each step."""
    p = ak.tensor(p0, dtype=ak.float64, device=device, requires_grad=True)
    c = ak.tensor(C, dtype=ak.float64, device=device)
    opt = opt_factory([p])
    history = []
    for _ in range(steps):
        (0.5 * c * p * p).sum().backward()
        opt.step()
        opt.zero_grad()
        history.append(p.detach().cpu().numpy().tolist())
    return history


def reference_sgd(p0, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0,  # type: ignore[no-untyped-def]
                  nesterov=False):
    """PyTorch's documented SGD, in Python floats."""
    history, params, bufs = [], list(p0), [None] * len(p0)
    for _ in range(steps):
        for i, (p, c) in enumerate(zip(params, C)):
            g = c * p + weight_decay * p
            if momentum:
                bufs[i] = g if bufs[i] is None else momentum * bufs[i] + (1 - dampening) * g
                g = g + momentum * bufs[i] if nesterov else bufs[i]
            params[i] = p - lr * g
        history.append(list(params))
    return history


def reference_adam(p0, steps, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):  # type: ignore[no-untyped-def]
    """PyTorch's documented Adam, in Python floats."""
    b1, b2 = betas
    history, params = [], list(p0)
    m, v = [0.0] * len(p0), [0.0] * len(p0)
    for t in range(1, steps + 1):
        for i, (p, c) in enumerate(zip(params, C)):
            g = c * p + weight_decay * p
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            m_hat, v_hat = m[i] / (1 - b1**t), v[i] / (1 - b2**t)
            params[i] = p - lr * m_hat / (math.sqrt(v_hat) + eps)
        history.append(list(params))
    return history


P0 = [1.0, 0.5, -2.0]


def test_sgd_plain_worked_by_hand(device: str) -> None:
    got = quadratic_steps(lambda ps: optim.SGD(ps, lr=0.1), P0, 2, device)
    # p ← p - 0.1 · c p  =  p (1 - 0.1 c)
    assert np.allclose(got[0], [0.9, 0.6, -1.9])
    assert np.allclose(got[1], [0.81, 0.72, -1.805])


def test_sgd_momentum_worked_by_hand(device: str) -> None:
    got = quadratic_steps(lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9), [1.0, 0, 0], 3, device)
    # c = 1: g=1, b=1, p=0.9;  g=0.9, b=1.8, p=0.72;  g=0.72, b=2.34, p=0.486
    assert np.allclose([h[0] for h in got], [0.9, 0.72, 0.486])


@pytest.mark.parametrize("settings", [
    {"lr": 0.1, "momentum": 0.9},
    {"lr": 0.05, "momentum": 0.8, "dampening": 0.3},
    {"lr": 0.1, "momentum": 0.9, "nesterov": True},
    {"lr": 0.1, "weight_decay": 0.2},
    {"lr": 0.05, "momentum": 0.5, "weight_decay": 0.1, "nesterov": True},
])
def test_sgd_matches_documented_rule(device: str, settings: dict) -> None:
    got = quadratic_steps(lambda ps: optim.SGD(ps, **settings), P0, 5, device)
    assert np.allclose(got, reference_sgd(P0, 5, **settings), rtol=1e-12, atol=1e-12)


def test_sgd_nesterov_worked_by_hand(device: str) -> None:
    got = quadratic_steps(lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True),
                          [1.0, 0, 0], 2, device)
    # g=1, b=1, step = g + 0.9 b = 1.9 → p=0.81;  g=0.81, b=0.9+0.81=1.71,
    # step = 0.81 + 0.9·1.71 = 2.349 → p = 0.81 - 0.2349 = 0.5751
    assert np.allclose([h[0] for h in got], [0.81, 0.5751])


def test_adam_first_step_is_lr_times_sign(device: str) -> None:
    got = quadratic_steps(lambda ps: optim.Adam(ps, lr=0.01), P0, 1, device)
    # m̂ = g, v̂ = g² → p ← p - lr · g / (|g| + eps) ≈ p - lr · sign(g);  g = c p = [1, -1, -1]
    assert np.allclose(got[0], [0.99, 0.51, -1.99], atol=1e-9)


@pytest.mark.parametrize("settings", [
    {"lr": 0.01},
    {"lr": 0.1, "betas": (0.8, 0.99), "eps": 1e-6},
    {"lr": 0.05, "weight_decay": 0.1},
])
def test_adam_matches_documented_rule(device: str, settings: dict) -> None:
    got = quadratic_steps(lambda ps: optim.Adam(ps, **settings), P0, 6, device)
    assert np.allclose(got, reference_adam(P0, 6, **settings), rtol=1e-10, atol=1e-12)


def test_zero_grad_and_version_counter(device: str) -> None:
    p = ak.ones(3, device=device, requires_grad=True)
    opt = optim.SGD([p], lr=0.1)
    (p * 2).sum().backward()
    version = p._version
    opt.step()
    assert p._version == version + 1
    assert np.allclose(p.detach().cpu().numpy(), 0.8)
    opt.zero_grad(set_to_none=False)
    assert p.grad is not None and not p.grad.cpu().numpy().any()
    opt.zero_grad()
    assert p.grad is None


def test_frozen_parameters_are_skipped(device: str) -> None:
    ak.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1)).to(device)
    model[0].weight.requires_grad_(False)
    frozen = model[0].weight.detach().clone()
    for opt in (optim.SGD(model.parameters(), lr=0.1, momentum=0.9),
                optim.Adam(model.parameters(), lr=0.1)):
        for _ in range(2):
            model(ak.randn(5, 3, device=device)).pow(2).sum().backward()
            opt.step()
            opt.zero_grad()
        assert model[0].weight.grad is None
        assert np.array_equal(model[0].weight.detach().cpu().numpy(), frozen.cpu().numpy())
        assert model[0].weight not in opt.state
        assert model[2].weight in opt.state


def test_param_groups_and_state_dict(device: str) -> None:
    a = ak.ones(2, device=device, requires_grad=True)
    b = ak.ones(2, device=device, requires_grad=True)
    opt = optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1, momentum=0.9)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert opt.param_groups[1]["momentum"] == 0.9
    (a + b).sum().backward()
    opt.step()
    assert np.allclose(a.detach().cpu().numpy(), 0.9) and np.allclose(b.detach().cpu().numpy(), 0.5)
    state = opt.state_dict()
    assert [g["params"] for g in state["param_groups"]] == [[0], [1]]
    assert set(state["state"]) == {0, 1}
    assert np.allclose(state["state"][1]["momentum_buffer"].cpu().numpy(), 1.0)
    assert state["param_groups"][0] == {
        "lr": 0.1, "momentum": 0.9, "dampening": 0, "weight_decay": 0, "nesterov": False,
        "maximize": False, "foreach": None, "differentiable": False, "fused": None,
        "params": [0],
    }
    fresh = optim.SGD([{"params": [a]}, {"params": [b]}], lr=1.0)
    fresh.load_state_dict(state)
    assert fresh.param_groups[1]["lr"] == 0.5
    assert np.allclose(fresh.state[b]["momentum_buffer"].cpu().numpy(), 1.0)


def test_adam_state_dict(device: str) -> None:
    p = ak.ones(2, device=device, requires_grad=True)
    opt = optim.Adam([p])
    (p * 3).sum().backward()
    opt.step()
    state = opt.state_dict()["state"][0]
    assert sorted(state) == ["exp_avg", "exp_avg_sq", "step"]
    assert float(state["step"]) == 1.0
    assert np.allclose(state["exp_avg"].cpu().numpy(), 0.3)
    assert np.allclose(state["exp_avg_sq"].cpu().numpy(), 0.009)


def test_optimizer_errors() -> None:
    with pytest.raises(ValueError, match="^optimizer got an empty parameter list$"):
        optim.SGD([], lr=0.1)
    with pytest.raises(TypeError, match="^optimizer can only optimize Tensors, but one of the "
                                        "params is int$"):
        optim.SGD([1], lr=0.1)
    with pytest.raises(TypeError, match="should be an iterable of Tensors or dicts"):
        optim.SGD(ak.ones(2, requires_grad=True), lr=0.1)
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        optim.Adam([ak.ones(2, requires_grad=True) * 2])
    with pytest.raises(ValueError, match="Invalid learning rate: -1"):
        optim.SGD([ak.ones(1, requires_grad=True)], lr=-1)
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum and zero "
                                         "dampening"):
        optim.SGD([ak.ones(1, requires_grad=True)], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="Invalid beta parameter at index 1: 1.0"):
        optim.Adam([ak.ones(1, requires_grad=True)], betas=(0.9, 1.0))


def test_repr_like_pytorch() -> None:
    opt = optim.SGD([ak.ones(1, requires_grad=True)], lr=0.1)
    assert repr(opt) == (
        "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n"
        "    foreach: None\n    fused: None\n    lr: 0.1\n    maximize: False\n"
        "    momentum: 0\n    nesterov: False\n    weight_decay: 0\n)"
    )


@pytest.mark.parametrize("name, settings", [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.1, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.2, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.05, "amsgrad": True}),
])
def test_against_torch(device: str, name: str, settings: dict) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    w0, b0 = rng.standard_normal((3, 4)), rng.standard_normal(3)
    x, y = rng.standard_normal((8, 4)), rng.standard_normal((8, 3))
    results = []
    for lib, dev in ((ak, device), (torch, "cpu")):
        layer = lib.nn.Linear(4, 3, dtype=lib.float64, device=dev)
        with lib.no_grad():
            layer.weight.copy_(lib.tensor(w0, device=dev))
            layer.bias.copy_(lib.tensor(b0, device=dev))
        opt = getattr(lib.optim, name)(layer.parameters(), **settings)
        xs, ys = lib.tensor(x, device=dev), lib.tensor(y, device=dev)
        for _ in range(5):
            lib.nn.functional.mse_loss(layer(xs), ys).backward()
            opt.step()
            opt.zero_grad()
        results.append([p.detach().cpu().numpy() for p in layer.parameters()])
    for kit_value, torch_value in zip(*results):
        assert np.allclose(kit_value, torch_value, rtol=1e-10, atol=1e-12)


def test_optimizer_accepts_named_parameters_as_pytorch_does():
    model = ak.nn.Linear(2, 1)
    optimizer = ak.optim.SGD(model.named_parameters(), lr=0.1)
    group = optimizer.param_groups[0]
    assert group["param_names"] == ["weight", "bias"]
    assert group["params"][0] is model.weight and group["params"][1] is model.bias
    saved = optimizer.state_dict()["param_groups"][0]
    assert list(saved)[0] == "param_names" and saved["params"] == [0, 1]
    assert "param_names: ['weight', 'bias']" in repr(optimizer)


def test_sgd_without_momentum_keeps_no_state():
    """As in PyTorch: plain SGD stores nothing per parameter (state_dict()['state'] == {})."""
    w = ak.tensor([1.0, 2.0], requires_grad=True)
    opt = optim.SGD([w], lr=0.1)
    (w * w).sum().backward()
    opt.step()
    assert opt.state_dict()["state"] == {} and len(opt.state) == 0
