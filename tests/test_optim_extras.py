"""optim extras: AdamW, RMSprop, Adagrad and the lr schedulers.

Each optimizer is followed for a few steps on f(p) = ½ Σ c·p² (gradient c·p) against
PyTorch's documented update rule written out in Python floats; each scheduler against its
closed form. The PyTorch cross-checks (skipped without torch) run the same training loop in
both libraries and compare the parameters.
"""

from __future__ import annotations

import copy
import math
import warnings
from typing import Any

import numpy as np
import pytest
from test_optim import C
from test_optim import quadratic_steps as optim_loop

import autograd_kit as ak
from autograd_kit import nn, optim
from autograd_kit.optim import lr_scheduler

P0 = [1.0, 2.0, -3.0]


def quadratic_steps(opt_factory: Any, steps: int, device: str = "cpu") -> list[list[float]]:
    """Run ``steps`` optimizer steps on ½ Σ c p² from P0 (tests/test_optim.py's loop)."""
    return optim_loop(opt_factory, P0, steps, device)


# ---- hand references: PyTorch's documented algorithms, one float at a time ----------------

def reference_adamw(steps: int, lr: float = 0.1, b1: float = 0.9, b2: float = 0.999,
                    eps: float = 1e-8, wd: float = 0.01) -> list[list[float]]:
    history, params = [], list(P0)
    m, v = [0.0] * 3, [0.0] * 3
    for t in range(1, steps + 1):
        for i, c in enumerate(C):
            g = c * params[i]
            params[i] *= 1 - lr * wd
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            m_hat, v_hat = m[i] / (1 - b1**t), v[i] / (1 - b2**t)
            params[i] -= lr * m_hat / (math.sqrt(v_hat) + eps)
        history.append(list(params))
    return history


def reference_rmsprop(steps: int, lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8,
                      wd: float = 0.0, momentum: float = 0.0,
                      centered: bool = False) -> list[list[float]]:
    history, params = [], list(P0)
    v, gbar, buf = [0.0] * 3, [0.0] * 3, [0.0] * 3
    for _ in range(steps):
        for i, c in enumerate(C):
            g = c * params[i] + wd * params[i]
            v[i] = alpha * v[i] + (1 - alpha) * g * g
            if centered:
                gbar[i] = alpha * gbar[i] + (1 - alpha) * g
                s = math.sqrt(v[i] - gbar[i] ** 2) + eps
            else:
                s = math.sqrt(v[i]) + eps
            if momentum > 0:
                buf[i] = momentum * buf[i] + g / s
                params[i] -= lr * buf[i]
            else:
                params[i] -= lr * g / s
        history.append(list(params))
    return history


def reference_adagrad(steps: int, lr: float = 0.1, lr_decay: float = 0.0, wd: float = 0.0,
                      init: float = 0.0, eps: float = 1e-10) -> list[list[float]]:
    history, params, s = [], list(P0), [init] * 3
    for t in range(1, steps + 1):
        for i, c in enumerate(C):
            g = c * params[i] + wd * params[i]
            s[i] += g * g
            params[i] -= lr / (1 + (t - 1) * lr_decay) * g / (math.sqrt(s[i]) + eps)
        history.append(list(params))
    return history


def test_adamw_first_step_by_hand() -> None:
    """Step 1: m̂ = g, v̂ = g², so p₁ = p₀(1 - lr·wd) - lr·g/(|g| + eps)."""
    (p1,) = quadratic_steps(lambda ps: optim.AdamW(ps, lr=0.1, weight_decay=0.5), 1)
    expected = [p * (1 - 0.05) - 0.1 * math.copysign(1, c * p) * abs(c * p) / (abs(c * p) + 1e-8)
                for p, c in zip(P0, C)]
    np.testing.assert_allclose(p1, expected, rtol=1e-12)


@pytest.mark.parametrize("wd", [0.01, 0.0, 0.3])
def test_adamw_matches_the_documented_rule(device: str, wd: float) -> None:
    got = quadratic_steps(lambda ps: optim.AdamW(ps, lr=0.1, weight_decay=wd), 5, device)
    np.testing.assert_allclose(got, reference_adamw(5, wd=wd), rtol=1e-10, atol=1e-12)


def test_adamw_differs_from_adam_with_l2_penalty() -> None:
    decoupled = quadratic_steps(lambda ps: optim.AdamW(ps, lr=0.1, weight_decay=0.3), 3)
    coupled = quadratic_steps(lambda ps: optim.Adam(ps, lr=0.1, weight_decay=0.3), 3)
    same = quadratic_steps(
        lambda ps: optim.Adam(ps, lr=0.1, weight_decay=0.3, decoupled_weight_decay=True), 3)
    assert not np.allclose(decoupled, coupled)
    np.testing.assert_allclose(decoupled, same, rtol=0)


@pytest.mark.parametrize("kwargs", [
    {}, {"momentum": 0.9}, {"centered": True}, {"momentum": 0.5, "centered": True,
                                               "weight_decay": 0.1, "alpha": 0.9},
])
def test_rmsprop_matches_the_documented_rule(device: str, kwargs: dict[str, Any]) -> None:
    got = quadratic_steps(lambda ps: optim.RMSprop(ps, lr=0.01, **kwargs), 5, device)
    ref = reference_rmsprop(5, lr=0.01, alpha=kwargs.get("alpha", 0.99),
                            wd=kwargs.get("weight_decay", 0.0),
                            momentum=kwargs.get("momentum", 0.0),
                            centered=kwargs.get("centered", False))
    np.testing.assert_allclose(got, ref, rtol=1e-10, atol=1e-12)


def test_rmsprop_first_step_by_hand() -> None:
    """v₁ = (1 - α) g², so p₁ = p₀ - lr · g / (√(1 - α) |g| + eps) = p₀ - lr · sign(g) · 10."""
    (p1,) = quadratic_steps(lambda ps: optim.RMSprop(ps, lr=0.01), 1)
    np.testing.assert_allclose(p1, [p - 0.1 * math.copysign(1, c * p) for p, c in zip(P0, C)],
                               rtol=1e-6)


@pytest.mark.parametrize("kwargs", [
    {}, {"lr_decay": 0.1}, {"weight_decay": 0.2, "initial_accumulator_value": 0.5},
])
def test_adagrad_matches_the_documented_rule(device: str, kwargs: dict[str, Any]) -> None:
    got = quadratic_steps(lambda ps: optim.Adagrad(ps, lr=0.1, **kwargs), 5, device)
    ref = reference_adagrad(5, lr=0.1, lr_decay=kwargs.get("lr_decay", 0.0),
                            wd=kwargs.get("weight_decay", 0.0),
                            init=kwargs.get("initial_accumulator_value", 0.0))
    np.testing.assert_allclose(got, ref, rtol=1e-10, atol=1e-12)


def test_optimizer_reprs_match_pytorch() -> None:
    p = nn.Parameter(ak.ones(2))
    assert repr(optim.AdamW([p])) == (
        "AdamW (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n"
        "    capturable: False\n    decoupled_weight_decay: True\n    differentiable: False\n"
        "    eps: 1e-08\n    foreach: None\n    fused: None\n    lr: 0.001\n"
        "    maximize: False\n    weight_decay: 0.01\n)")
    assert repr(optim.RMSprop([p])) == (
        "RMSprop (\nParameter Group 0\n    alpha: 0.99\n    capturable: False\n"
        "    centered: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n"
        "    lr: 0.01\n    maximize: False\n    momentum: 0\n    weight_decay: 0\n)")
    assert repr(optim.Adagrad([p])) == (
        "Adagrad (\nParameter Group 0\n    differentiable: False\n    eps: 1e-10\n"
        "    foreach: None\n    fused: None\n    initial_accumulator_value: 0\n    lr: 0.01\n"
        "    lr_decay: 0\n    maximize: False\n    weight_decay: 0\n)")


def test_optimizer_state_dicts() -> None:
    p = nn.Parameter(ak.ones(2))
    ada = optim.Adagrad([p])  # state exists before the first step, as in PyTorch
    assert list(ada.state_dict()["state"][0]) == ["step", "sum"]
    rms = optim.RMSprop([p], momentum=0.9, centered=True)
    p.grad = ak.ones(2)
    rms.step()
    state = rms.state_dict()["state"][0]
    assert list(state) == ["step", "square_avg", "momentum_buffer", "grad_avg"]
    assert state["step"].item() == 1.0
    np.testing.assert_allclose(state["square_avg"].numpy(), [0.01, 0.01], rtol=1e-6)
    groups = optim.AdamW([p]).state_dict()["param_groups"]
    assert groups[0]["decoupled_weight_decay"] is True and groups[0]["weight_decay"] == 0.01


def test_optimizer_state_dict_round_trip_continues_identically() -> None:
    def make() -> tuple[ak.Tensor, optim.Optimizer]:
        p = ak.tensor(P0, dtype=ak.float64, requires_grad=True)
        return p, optim.RMSprop([p], lr=0.05, momentum=0.9, centered=True)

    c = ak.tensor(C, dtype=ak.float64)
    p, opt = make()
    for _ in range(3):
        (0.5 * c * p * p).sum().backward()
        opt.step()
        opt.zero_grad()
    q, opt2 = make()
    with ak.no_grad():
        q.copy_(p)
    # a deep copy, as torch.save/torch.load gives: like PyTorch, load_state_dict keeps the
    # very state tensors it is given, so two live optimizers would otherwise share them
    opt2.load_state_dict(copy.deepcopy(opt.state_dict()))
    for x, o in ((p, opt), (q, opt2)):
        (0.5 * c * x * x).sum().backward()
        o.step()
    np.testing.assert_array_equal(p.detach().numpy(), q.detach().numpy())


@pytest.mark.parametrize("factory, message", [
    (lambda ps: optim.AdamW(ps, lr=-1), "Invalid learning rate: -1"),
    (lambda ps: optim.AdamW(ps, betas=(0.9, 1.0)), "Invalid beta parameter at index 1: 1.0"),
    (lambda ps: optim.RMSprop(ps, alpha=-0.5), "Invalid alpha value: -0.5"),
    (lambda ps: optim.RMSprop(ps, momentum=-1), "Invalid momentum value: -1"),
    (lambda ps: optim.Adagrad(ps, lr_decay=-1), "Invalid lr_decay value: -1"),
    (lambda ps: optim.Adagrad(ps, initial_accumulator_value=-1),
     "Invalid initial_accumulator_value value: -1"),
])
def test_invalid_settings_raise_pytorchs_errors(factory: Any, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$".replace("(", r"\(")):
        factory([nn.Parameter(ak.ones(1))])


# ---- schedulers --------------------------------------------------------------------------

def lrs(scheduler_factory: Any, epochs: int, lr: float = 0.1) -> list[float]:
    """The lr in the optimizer after construction and after each of ``epochs`` steps."""
    opt = optim.SGD([nn.Parameter(ak.ones(1))], lr=lr)
    sched = scheduler_factory(opt)
    seen = [opt.param_groups[0]["lr"]]
    for _ in range(epochs):
        opt.step()
        sched.step()
        seen.append(opt.param_groups[0]["lr"])
        assert sched.get_last_lr() == [seen[-1]]
    return seen


def test_steplr_by_hand() -> None:
    got = lrs(lambda o: lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 7)
    np.testing.assert_allclose(got, [0.1] * 3 + [0.05] * 3 + [0.025] * 2, rtol=1e-15)


def test_multisteplr_by_hand() -> None:
    got = lrs(lambda o: lr_scheduler.MultiStepLR(o, milestones=[2, 5, 5], gamma=0.1), 6)
    np.testing.assert_allclose(got, [0.1, 0.1, 0.01, 0.01, 0.01, 1e-4, 1e-4], rtol=1e-13)


def test_exponentiallr_by_hand() -> None:
    got = lrs(lambda o: lr_scheduler.ExponentialLR(o, gamma=0.9), 5)
    np.testing.assert_allclose(got, [0.1 * 0.9**e for e in range(6)], rtol=1e-14)


def test_lambdalr_by_hand() -> None:
    got = lrs(lambda o: lr_scheduler.LambdaLR(o, lambda e: 1 / (e + 1)), 4)
    np.testing.assert_allclose(got, [0.1 / (e + 1) for e in range(5)], rtol=1e-15)


@pytest.mark.parametrize("eta_min", [0.0, 0.01])
def test_cosine_annealing_recursive_form_equals_closed_form(eta_min: float) -> None:
    """Over two periods (down and back up) the recursive update tracks the closed form."""
    t_max = 5
    got = lrs(lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=t_max, eta_min=eta_min), 15)
    closed = [eta_min + (0.1 - eta_min) * (1 + math.cos(math.pi * e / t_max)) / 2
              for e in range(16)]
    np.testing.assert_allclose(got, closed, rtol=1e-12, atol=1e-15)


def test_scheduler_attributes_and_state_dict() -> None:
    opt = optim.SGD([nn.Parameter(ak.ones(1))], lr=0.1)
    sched = lr_scheduler.StepLR(opt, step_size=2)
    assert sched.last_epoch == 0 and sched.base_lrs == [0.1]
    assert opt.param_groups[0]["initial_lr"] == 0.1
    assert sched.state_dict() == {
        "step_size": 2, "gamma": 0.1, "base_lrs": [0.1], "last_epoch": 0, "_step_count": 1,
        "_is_initial": False, "_get_lr_called_within_step": False, "_last_lr": [0.1]}
    lam = lr_scheduler.LambdaLR(opt, lambda e: 0.5)
    assert lam.state_dict()["lr_lambdas"] == [None]
    assert list(lam.state_dict())[-1] == "lr_lambdas"


def test_scheduler_load_state_dict_resumes() -> None:
    opt = optim.SGD([nn.Parameter(ak.ones(1))], lr=0.1)
    sched = lr_scheduler.ExponentialLR(opt, gamma=0.5)
    for _ in range(3):
        opt.step()
        sched.step()
    opt2 = optim.SGD([nn.Parameter(ak.ones(1))], lr=0.1)
    opt2.load_state_dict(opt.state_dict())
    sched2 = lr_scheduler.ExponentialLR(opt2, gamma=0.5, last_epoch=-1)
    sched2.load_state_dict(sched.state_dict())
    assert sched2.last_epoch == 3 and sched2.get_last_lr() == [0.0125]
    opt2.step()
    sched2.step()
    assert opt2.param_groups[0]["lr"] == 0.00625


def test_scheduler_warnings_and_errors() -> None:
    opt = optim.SGD([nn.Parameter(ak.ones(1))], lr=0.1)
    sched = lr_scheduler.StepLR(opt, step_size=2)
    with pytest.warns(UserWarning, match=r"Detected call of `lr_scheduler.step\(\)` before"):
        sched.step()
    with pytest.warns(UserWarning, match="please use `get_last_lr\\(\\)`"):
        sched.get_lr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fresh = optim.SGD([nn.Parameter(ak.ones(1))], lr=0.1)
        s2 = lr_scheduler.StepLR(fresh, step_size=2)
        fresh.step()
        s2.step()
    with pytest.raises(TypeError, match="^int is not an Optimizer$"):
        lr_scheduler.StepLR(3, step_size=2)  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="param 'initial_lr' is not specified in param_groups"):
        lr_scheduler.StepLR(optim.SGD([nn.Parameter(ak.ones(1))]), 2, last_epoch=4)
    with pytest.raises(ValueError, match="^Expected 1 lr_lambdas, but got 2$"):
        lr_scheduler.LambdaLR(opt, [lambda e: 1.0, lambda e: 1.0])


def test_step_with_epoch_uses_the_closed_form() -> None:
    opt = optim.SGD([nn.Parameter(ak.ones(1))], lr=0.1)
    sched = lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    opt.step()
    with pytest.warns(UserWarning, match="The epoch parameter in `scheduler.step\\(\\)`"):
        sched.step(5)
    assert sched.last_epoch == 5 and opt.param_groups[0]["lr"] == 0.1 * 0.25


# ---- PyTorch cross-checks ------------------------------------------------------------------

def _train_both(torch: Any, make_opts: Any, make_scheds: Any = None,
                steps: int = 25) -> list[tuple[Any, Any]]:
    """The same 2-layer net, data and loop in both libraries; pairs of final parameters."""
    rng = np.random.default_rng(0)
    shapes = [(8, 4), (8,), (1, 8), (1,)]
    init = [rng.standard_normal(s).astype(np.float32) * 0.5 for s in shapes]
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = rng.standard_normal((16, 1)).astype(np.float32)

    ak_params = [nn.Parameter(ak.tensor(a)) for a in init]
    t_params = [torch.nn.Parameter(torch.tensor(a)) for a in init]
    ak_opt, t_opt = make_opts(ak_params, t_params)
    ak_sched, t_sched = make_scheds(ak_opt, t_opt) if make_scheds else (None, None)
    ax, ay, tx, ty = ak.tensor(x), ak.tensor(y), torch.tensor(x), torch.tensor(y)
    for _ in range(steps):
        w1, b1, w2, b2 = ak_params
        loss = ((ax @ w1.t() + b1).tanh() @ w2.t() + b2 - ay).pow(2).mean()
        ak_opt.zero_grad()
        loss.backward()
        ak_opt.step()
        w1, b1, w2, b2 = t_params
        loss = ((tx @ w1.t() + b1).tanh() @ w2.t() + b2 - ty).pow(2).mean()
        t_opt.zero_grad()
        loss.backward()
        t_opt.step()
        if ak_sched is not None:
            ak_sched.step()
            t_sched.step()
            assert ak_sched.get_last_lr() == pytest.approx(t_sched.get_last_lr(), rel=1e-12)
    return list(zip(ak_params, t_params))


OPTIMIZERS = {
    "adamw": ("AdamW", {"lr": 0.01}),
    "adamw-wd": ("AdamW", {"lr": 0.01, "weight_decay": 0.5, "amsgrad": True}),
    "adam-decoupled": ("Adam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    "rmsprop": ("RMSprop", {}),
    "rmsprop-all": ("RMSprop", {"lr": 0.005, "momentum": 0.9, "centered": True,
                                "weight_decay": 0.01, "alpha": 0.9}),
    "adagrad": ("Adagrad", {"lr": 0.05, "lr_decay": 0.01, "weight_decay": 0.01,
                            "initial_accumulator_value": 0.1}),
}


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_optimizers_match_torch(name: str) -> None:
    torch = pytest.importorskip("torch")
    cls, kwargs = OPTIMIZERS[name]
    pairs = _train_both(torch, lambda a, t: (getattr(optim, cls)(a, **kwargs),
                                             getattr(torch.optim, cls)(t, **kwargs)))
    for a, t in pairs:
        np.testing.assert_allclose(a.detach().numpy(), t.detach().numpy(), atol=2e-6)


def test_optimizer_state_dict_and_repr_match_torch() -> None:
    torch = pytest.importorskip("torch")
    for cls, kwargs in OPTIMIZERS.values():
        a = getattr(optim, cls)([nn.Parameter(ak.ones(2))], **kwargs)
        t = getattr(torch.optim, cls)([torch.nn.Parameter(torch.ones(2))], **kwargs)
        assert repr(a) == repr(t)
        assert a.state_dict()["param_groups"] == t.state_dict()["param_groups"]


SCHEDULERS = {
    "step": ("StepLR", {"step_size": 4, "gamma": 0.5}),
    "multistep": ("MultiStepLR", {"milestones": [3, 7, 7, 12], "gamma": 0.3}),
    "exponential": ("ExponentialLR", {"gamma": 0.93}),
    "lambda": ("LambdaLR", {"lr_lambda": lambda e: 0.95**e + 0.1}),
    "cosine": ("CosineAnnealingLR", {"T_max": 6, "eta_min": 0.001}),
}


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_schedulers_match_torch(name: str) -> None:
    torch = pytest.importorskip("torch")
    cls, kwargs = SCHEDULERS[name]
    pairs = _train_both(
        torch,
        lambda a, t: (optim.SGD(a, lr=0.05, momentum=0.9), torch.optim.SGD(t, lr=0.05,
                                                                          momentum=0.9)),
        lambda a, t: (getattr(lr_scheduler, cls)(a, **kwargs),
                      getattr(torch.optim.lr_scheduler, cls)(t, **kwargs)),
        steps=20,
    )
    for a, t in pairs:
        np.testing.assert_allclose(a.detach().numpy(), t.detach().numpy(), atol=2e-6)


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_scheduler_state_dicts_match_torch(name: str) -> None:
    torch = pytest.importorskip("torch")
    cls, kwargs = SCHEDULERS[name]
    a_opt = optim.SGD([nn.Parameter(ak.ones(1))], lr=0.1)
    t_opt = torch.optim.SGD([torch.nn.Parameter(torch.ones(1))], lr=0.1)
    a = getattr(lr_scheduler, cls)(a_opt, **kwargs)
    t = getattr(torch.optim.lr_scheduler, cls)(t_opt, **kwargs)
    for _ in range(5):
        a_opt.step()
        t_opt.step()
        a.step()
        t.step()
    assert a.state_dict().keys() == t.state_dict().keys()
    for key, value in t.state_dict().items():
        assert a.state_dict()[key] == pytest.approx(value, rel=1e-12), key
    assert a_opt.param_groups[0]["initial_lr"] == t_opt.param_groups[0]["initial_lr"]
