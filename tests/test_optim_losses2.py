"""The newer optimizers and losses without PyTorch: steps worked out by hand from the
documented update rules, and finite-difference checks of the losses' gradients (float64)."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit import nn, optim
from autograd_kit.autograd import gradcheck, gradgradcheck


def _param(values: list[float]) -> nn.Parameter:
    return nn.Parameter(ak.tensor(values, dtype=ak.float64))


def _step(opt: optim.Optimizer, p: nn.Parameter, grad: list[float]) -> np.ndarray:
    p.grad = ak.tensor(grad, dtype=ak.float64)
    opt.step()
    return p.detach().numpy().copy()


# ---- optimizers: one or two steps by hand ------------------------------------------------

def test_adamax_two_steps() -> None:
    p = _param([1.0, -2.0])
    opt = optim.Adamax([p], lr=0.1, betas=(0.9, 0.99), eps=1e-8)
    g1, g2 = np.array([0.5, -1.0]), np.array([-0.2, 0.4])
    m = 0.1 * g1
    u = np.abs(g1) + 1e-8
    want = np.array([1.0, -2.0]) - 0.1 / (1 - 0.9) * m / u
    assert np.allclose(_step(opt, p, list(g1)), want, rtol=0, atol=1e-15)
    m = 0.9 * m + 0.1 * g2
    u = np.maximum(0.99 * u, np.abs(g2) + 1e-8)
    want = want - 0.1 / (1 - 0.9**2) * m / u
    assert np.allclose(_step(opt, p, list(g2)), want, rtol=0, atol=1e-15)
    assert sorted(opt.state[p]) == ["exp_avg", "exp_inf", "step"]


def test_nadam_first_step() -> None:
    p = _param([1.0, -2.0])
    opt = optim.NAdam([p], lr=0.01)
    g = np.array([0.5, -1.0])
    mu1 = 0.9 * (1 - 0.5 * 0.96 ** (1 * 4e-3))
    mu2 = 0.9 * (1 - 0.5 * 0.96 ** (2 * 4e-3))
    mu_product = float(np.float32(mu1))  # kept as a float32 tensor, as in PyTorch
    m, v = 0.1 * g, 0.001 * g * g
    denom = np.sqrt(v / (1 - 0.999)) + 1e-8
    want = (np.array([1.0, -2.0]) - 0.01 * (1 - mu1) / (1 - mu_product) * g / denom
            - 0.01 * mu2 / (1 - mu_product * mu2) * m / denom)
    assert np.allclose(_step(opt, p, list(g)), want, rtol=0, atol=1e-12)
    assert opt.state[p]["mu_product"].dtype == ak.float32


def test_radam_is_plain_momentum_while_rho_is_small() -> None:
    p = _param([1.0, -2.0])
    opt = optim.RAdam([p], lr=0.1)
    g = np.array([0.5, -1.0])
    # ρ∞ = 1999, ρ₁ = ρ∞ - 2·β₂/(1 - β₂) = 1 ≤ 5: p ← p - lr · m / (1 - β₁) = p - lr · g
    assert np.allclose(_step(opt, p, list(g)), [1.0 - 0.05, -2.0 + 0.1], rtol=0, atol=1e-15)


def test_radam_rectified_steps() -> None:
    p = _param([1.0])
    opt = optim.RAdam([p], lr=0.1, betas=(0.5, 0.9))
    x, m, v, rectified = 1.0, 0.0, 0.0, 0
    for t in range(1, 9):
        g = 1.0 + 0.1 * t
        m, v = 0.5 * m + 0.5 * g, 0.9 * v + 0.1 * g * g
        rho_inf = 2 / (1 - 0.9) - 1
        rho_t = rho_inf - 2 * t * 0.9**t / (1 - 0.9**t)
        m_hat = m / (1 - 0.5**t)
        if rho_t > 5:  # the rectified adaptive step
            rectified += 1
            r = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf
                          / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            x -= m_hat * 0.1 * math.sqrt(1 - 0.9**t) / (math.sqrt(v) + 1e-8) * r
        else:  # plain momentum early on
            x -= m_hat * 0.1
        assert math.isclose(_step(opt, p, [g])[0], x, abs_tol=1e-14)
    assert 0 < rectified < 8


def test_adadelta_first_step() -> None:
    p = _param([1.0])
    opt = optim.Adadelta([p], lr=1.0, rho=0.9, eps=1e-6)
    v = 0.1 * 4.0
    delta = math.sqrt(1e-6) / math.sqrt(v + 1e-6) * 2.0
    assert math.isclose(_step(opt, p, [2.0])[0], 1.0 - delta, abs_tol=1e-15)
    assert math.isclose(float(opt.state[p]["acc_delta"]), 0.1 * delta * delta, rel_tol=1e-12)


def test_rprop_grows_shrinks_and_skips() -> None:
    p = _param([0.0, 0.0])
    opt = optim.Rprop([p], lr=0.1, etas=(0.5, 1.2), step_sizes=(0.01, 0.13))
    assert np.allclose(_step(opt, p, [1.0, -1.0]), [-0.1, 0.1])
    assert np.allclose(_step(opt, p, [1.0, 1.0]), [-0.1 - 0.12, 0.1])  # grow; sign change
    assert np.allclose(opt.state[p]["step_size"].numpy(), [0.12, 0.05])
    assert np.allclose(opt.state[p]["prev"].numpy(), [1.0, 0.0])
    assert np.allclose(_step(opt, p, [1.0, 1.0]), [-0.22 - 0.13, 0.1 - 0.05])  # clamped at max


def test_asgd_steps_and_average() -> None:
    p = _param([1.0])
    opt = optim.ASGD([p], lr=0.1, lambd=0.5, alpha=0.75, t0=1)
    eta = float(np.float32(0.1))
    want = 1.0 * (1 - 0.5 * eta) - eta * 2.0
    assert math.isclose(_step(opt, p, [2.0])[0], want, abs_tol=1e-15)
    assert math.isclose(float(opt.state[p]["ax"]), want)  # μ = 1: the average is p
    eta2 = float(np.float32(0.1 / (1 + 0.5 * 0.1 * 1) ** 0.75))
    assert math.isclose(float(opt.state[p]["eta"]), eta2, rel_tol=1e-7)
    want2 = want * (1 - 0.5 * eta2) - eta2 * 2.0
    assert math.isclose(_step(opt, p, [2.0])[0], want2, abs_tol=1e-15)
    assert math.isclose(float(opt.state[p]["ax"]), want2)  # μ = 1 / max(1, 1 - 1) = 1 still
    after3 = _step(opt, p, [2.0])[0]
    assert float(opt.state[p]["mu"]) == 0.5  # 1 / max(1, 3 - 1)
    after4 = _step(opt, p, [2.0])[0]
    assert math.isclose(float(opt.state[p]["ax"]), after3 + 0.5 * (after4 - after3))


@pytest.mark.parametrize("name", ["Adamax", "NAdam", "RAdam", "Adadelta", "Rprop", "ASGD"])
def test_maximize_is_minimizing_the_negative(name: str) -> None:
    p, q = _param([1.0, -2.0]), _param([1.0, -2.0])
    up = getattr(optim, name)([p], maximize=True)
    down = getattr(optim, name)([q])
    for g in ([0.5, -1.0], [0.3, 0.2]):
        _step(up, p, g)
        _step(down, q, [-x for x in g])
    assert np.array_equal(p.detach().numpy(), q.detach().numpy())


@pytest.mark.parametrize("name", ["Adamax", "NAdam", "RAdam", "Adadelta", "ASGD"])
def test_weight_decay_adds_to_the_gradient(name: str) -> None:
    p, q = _param([1.0, -2.0]), _param([1.0, -2.0])
    with_decay = getattr(optim, name)([p], weight_decay=0.1)
    plain = getattr(optim, name)([q])
    _step(with_decay, p, [0.5, -1.0])
    _step(plain, q, [0.5 + 0.1, -1.0 - 0.2])
    assert np.array_equal(p.detach().numpy(), q.detach().numpy())


# (not NAdam: as in PyTorch, its float32 mu_product comes back float64 for a float64 parameter,
# so the resumed steps differ in the last bits; tests/test_parity_hunt_fuzz_nn13.py)
@pytest.mark.parametrize("name", ["Adamax", "RAdam", "Adadelta", "Rprop", "ASGD"])
def test_state_dict_round_trip_continues_alike(name: str) -> None:
    p, q = _param([1.0, -2.0]), _param([1.0, -2.0])
    a = getattr(optim, name)([p], lr=0.05)
    _step(a, p, [0.5, -1.0])
    b = getattr(optim, name)([q])
    q.data = p.detach().clone()
    # a deep copy, as torch.save/torch.load gives (PyTorch's load_state_dict keeps the state
    # tensors it is given, so b would otherwise share a's and see a's next step)
    b.load_state_dict(copy.deepcopy(a.state_dict()))
    assert b.param_groups[0]["lr"] == 0.05
    assert np.array_equal(_step(a, p, [0.3, 0.1]), _step(b, q, [0.3, 0.1]))


@pytest.mark.parametrize("search", [None, "strong_wolfe"])
def test_lbfgs_solves_a_quadratic(search: str | None) -> None:
    A = ak.tensor([[3.0, 1.0], [1.0, 2.0]], dtype=ak.float64)
    b = ak.tensor([1.0, -1.0], dtype=ak.float64)
    x = nn.Parameter(ak.zeros(2, dtype=ak.float64))
    opt = optim.LBFGS([x], history_size=5, line_search_fn=search)

    def closure() -> ak.Tensor:
        opt.zero_grad()
        loss = 0.5 * (x @ (A @ x)) - b @ x
        loss.backward()
        return loss

    for _ in range(3):
        opt.step(closure)
    want = np.linalg.solve(A.numpy(), b.numpy())
    assert np.allclose(x.detach().numpy(), want, atol=1e-8)
    assert opt.state[x]["n_iter"] >= 2 and opt.state[x]["func_evals"] >= 2


def test_lbfgs_first_step_length_and_errors() -> None:
    x = nn.Parameter(ak.tensor([3.0, -1.0], dtype=ak.float64))
    opt = optim.LBFGS([x], max_iter=1)

    def closure() -> ak.Tensor:
        opt.zero_grad()
        loss = (x * x).sum()
        loss.backward()
        return loss

    opt.step(closure)  # g = (6, -2): t = min(1, 1/Σ|g|) = 1/8, x ← x - g/8
    assert np.allclose(x.detach().numpy(), [3.0 - 6 / 8, -1.0 + 2 / 8])
    with pytest.raises(ValueError, match="parameter groups"):
        optim.LBFGS([{"params": [_param([1.0])]}, {"params": [_param([1.0])]}])
    with pytest.raises(RuntimeError, match="only 'strong_wolfe' is supported"):
        optim.LBFGS([x], line_search_fn="armijo").step(closure)


# ---- losses: gradient checks and small hand-worked values --------------------------------

def _x(*shape: int, seed: int = 0) -> ak.Tensor:
    data = np.random.default_rng(seed).standard_normal(shape)
    return ak.tensor(data, dtype=ak.float64, requires_grad=True)


LOSSES = {
    "margin_ranking": (lambda a, b: F.margin_ranking_loss(
        a, b, ak.tensor([1.0, -1.0, 1.0, -1.0], dtype=ak.float64), margin=0.3), (4,), (4,)),
    "hinge_embedding": (lambda a: F.hinge_embedding_loss(
        a, ak.tensor([1.0, -1.0, -1.0, 1.0], dtype=ak.float64), margin=2.5), (4,)),
    "cosine_embedding": (lambda a, b: F.cosine_embedding_loss(
        a, b, ak.tensor([1, -1, -1]), margin=-0.9), (3, 4), (3, 4)),
    "triplet": (lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=5.0, swap=True),
                (3, 4), (3, 4), (3, 4)),
    "soft_margin": (lambda a: F.soft_margin_loss(
        a, ak.tensor([[1.0, -1.0, 1.0], [-1.0, -1.0, 1.0]], dtype=ak.float64)), (2, 3)),
    "multilabel_soft_margin": (lambda a: F.multilabel_soft_margin_loss(
        a, ak.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]], dtype=ak.float64)), (2, 3)),
    "multilabel_margin": (lambda a: F.multilabel_margin_loss(
        a, ak.tensor([[2, 0, -1, 1], [1, -1, 0, 0]]), reduction="sum"), (2, 4)),
    "multi_margin": (lambda a: F.multi_margin_loss(
        a, ak.tensor([1, 3]), margin=4.0, weight=ak.tensor([1.0, 2.0, 3.0, 4.0],
                                                            dtype=ak.float64)), (2, 4)),
    "multi_margin_p2": (lambda a: F.multi_margin_loss(a, ak.tensor([1, 3]), p=2, margin=4.0,
                                                      reduction="none"), (2, 4)),
    "poisson": (lambda a: F.poisson_nll_loss(
        a, ak.tensor([[0.5, 1.0, 3.0], [2.0, 5.0, 1.0]], dtype=ak.float64), full=True), (2, 3)),
    "gaussian": (lambda a, v: F.gaussian_nll_loss(
        a, ak.zeros(2, 3, dtype=ak.float64), v.exp(), full=True), (2, 3), (2, 3)),
}


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_gradients(name: str) -> None:
    fn, *shapes = LOSSES[name]
    inputs = tuple(_x(*shape, seed=i) for i, shape in enumerate(shapes))
    assert gradcheck(fn, inputs)


@pytest.mark.parametrize("name", ["soft_margin", "gaussian", "poisson"])  # (PyTorch has no
# double backward for multi_margin_loss: test_parity_nn_layers_cc21)
def test_loss_second_derivatives(name: str) -> None:
    fn, *shapes = LOSSES[name]
    inputs = tuple(_x(*shape, seed=i) for i, shape in enumerate(shapes))
    assert gradgradcheck(fn, inputs)


def test_loss_values_by_hand() -> None:
    x = ak.tensor([[0.1, 0.2, 0.4, 0.8]], dtype=ak.float64)
    # targets {3, 0}: pairs (3 or 0, 1 or 2): Σ max(0, 1 - x_j + x_i) / 4
    pairs = [(3, 1), (3, 2), (0, 1), (0, 2)]
    want = sum(max(0.0, 1 - x[0, j].item() + x[0, i].item()) for j, i in pairs) / 4
    got = F.multilabel_margin_loss(x, ak.tensor([[3, 0, -1, 1]]))
    assert math.isclose(float(got), want)
    # multi-margin, target 2: Σ_{i≠2} max(0, 1 - 0.4 + x_i) / 4
    want = sum(max(0.0, 1 - 0.4 + v) for v in (0.1, 0.2, 0.8)) / 4
    assert math.isclose(float(F.multi_margin_loss(x, ak.tensor([2]))), want)
    assert math.isclose(float(F.soft_margin_loss(x, -ak.ones(1, 4, dtype=ak.float64))),
                        np.mean(np.log1p(np.exp([0.1, 0.2, 0.4, 0.8]))))
    losses = F.hinge_embedding_loss(ak.tensor([0.3, 2.0]), ak.tensor([-1.0, 1.0]),
                                    reduction="none")
    assert np.allclose(losses.numpy(), [0.7, 2.0])
    losses = F.poisson_nll_loss(ak.tensor([0.0, 1.0]), ak.tensor([2.0, 1.0]), reduction="none")
    assert np.allclose(losses.numpy(), [1.0, math.e - 1.0])


def test_loss_modules_and_reprs() -> None:
    assert repr(nn.MultiMarginLoss()) == "MultiMarginLoss()"
    assert nn.TripletMarginLoss(margin=2.0, p=1).p == 1
    assert nn.GaussianNLLLoss(full=True).full
    with pytest.raises(ValueError, match="only p == 1 and p == 2 supported"):
        nn.MultiMarginLoss(p=3)
    with pytest.raises(ValueError, match="greater than 0"):
        nn.TripletMarginLoss(margin=0.0)
    x = _x(3, 4)
    for reduction, shape in (("mean", ()), ("sum", ()), ("none", (3,))):
        out = nn.MultiLabelSoftMarginLoss(reduction=reduction)(x, ak.ones(3, 4, dtype=ak.float64))
        assert tuple(out.shape) == shape
    assert nn.SoftMarginLoss()(x, ak.ones(3, 4)).grad_fn.name() == "SoftMarginLossBackward0"
