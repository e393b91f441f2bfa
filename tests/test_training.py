"""End to end: the syllabus's training examples (C19 freezing, C29 by hand, C30 nn + optim)."""

from __future__ import annotations

import autograd_kit as ak
from autograd_kit import nn, optim


def blobs(device: str) -> tuple[ak.Tensor, ak.Tensor]:
    """C30's data: two Gaussian blobs of 100 points (means ∓1.7, std 1), both shifted by +1."""
    x = ak.cat([ak.randn(100, 2) - 1.7, ak.randn(100, 2) + 1.7]) + 1
    y = ak.cat([ak.zeros(100, 1), ak.ones(100, 1)])
    return x.to(device), y.to(device)


class LogisticRegression(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Linear(2, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x: ak.Tensor) -> ak.Tensor:
        return self.sigmoid(self.linear(x))


def train_until_accurate(model: nn.Module, x: ak.Tensor, y: ak.Tensor,
                         max_steps: int = 1000) -> tuple[int, float, list[float]]:
    loss_fn = nn.BCELoss()
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    losses = []
    for step in range(max_steps):
        probabilities = model(x)
        loss = loss_fn(probabilities, y)
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(loss.item())
        accuracy = ((probabilities > 0.5).float() == y).float().mean().item()
        if accuracy > 0.99:
            return step, accuracy, losses
    return max_steps, accuracy, losses


def test_logistic_regression_sequential_and_module(device: str) -> None:
    for make in (lambda: nn.Sequential(nn.Linear(2, 1), nn.Sigmoid()), LogisticRegression):
        ak.manual_seed(0)  # seed 0: the blobs are separable enough for > 99 % in ~180 steps
        x, y = blobs(device)
        model = make().to(device)
        steps, accuracy, losses = train_until_accurate(model, x, y)
        assert accuracy > 0.99, (make, steps, accuracy)
        assert steps < 1000 and losses[-1] < losses[0]
        assert all(p.grad is None for p in model.parameters())  # zero_grad set them to None
        w = next(model.parameters())
        assert w.shape == (1, 2) and float(w.detach().sum()) > 0  # boundary faces the blobs


def test_two_layer_network_by_hand() -> None:
    """C29: x.mm(w1).clamp(min=0).mm(w2), squared error, manual update and zeroing (CPU only:
    the per-device runs of the same layers are in the nn/optim variant below)."""
    device = "cpu"
    ak.manual_seed(0)
    n, d_in, h, d_out = 64, 1000, 100, 10
    x, y = ak.randn(n, d_in, device=device), ak.randn(n, d_out, device=device)
    w1 = ak.randn(d_in, h, device=device, requires_grad=True)
    w2 = ak.randn(h, d_out, device=device, requires_grad=True)
    lr, losses = 1e-6, []
    for _ in range(500):
        loss = (x.mm(w1).clamp(min=0).mm(w2) - y).pow(2).sum()
        losses.append(loss.item())
        loss.backward()
        with ak.no_grad():
            w1 -= lr * w1.grad
            w2 -= lr * w2.grad
            w1.grad.zero_()
            w2.grad.zero_()
    assert losses[-1] < 0.01 * losses[0]
    assert all(b <= a * 1.0001 for a, b in zip(losses[100:], losses[101:]))  # settles downhill


def test_two_layer_network_with_nn_and_optim(device: str) -> None:
    ak.manual_seed(0)
    x, y = ak.randn(64, 1000, device=device), ak.randn(64, 10, device=device)
    model = nn.Sequential(nn.Linear(1000, 100), nn.ReLU(), nn.Linear(100, 10)).to(device)
    loss_fn = nn.MSELoss(reduction="sum")
    opt = optim.SGD(model.parameters(), lr=1e-4)
    first = None
    for _ in range(100):
        loss = loss_fn(model(x), y)
        first = loss.item() if first is None else first
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.05 * first


def test_frozen_layer_keeps_grad_none(device: str) -> None:
    """C19: freezing the first layer: its parameters get no gradient and do not move."""
    ak.manual_seed(1)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1)).to(device)
    for p in model[0].parameters():
        p.requires_grad = False
    before = [p.detach().clone() for p in model.parameters()]
    opt = optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
    x, y = ak.randn(16, 4, device=device), ak.randn(16, 1, device=device)
    nn.MSELoss()(model(x), y).backward()
    assert model[0].weight.grad is None and model[0].bias.grad is None
    assert model[2].weight.grad is not None and model[2].bias.grad is not None
    opt.step()
    after = list(model.parameters())
    assert ak.equal(after[0].detach(), before[0]) and ak.equal(after[1].detach(), before[1])
    assert not ak.equal(after[2].detach(), before[2])
