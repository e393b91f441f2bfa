"""Regression losses (values and gradients) against PyTorch bit for bit on random float32
inputs of many sizes. Skipped when PyTorch is not installed."""

from __future__ import annotations

import numpy as np
import pytest

from tests.test_torch_parity_softmax_bits import same_bits

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

LOSSES = {
    "mse": lambda F, x, t, r: F.mse_loss(x, t, reduction=r),
    "smooth_l1": lambda F, x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=0.3),
    "smooth_l1_default": lambda F, x, t, r: F.smooth_l1_loss(x, t, reduction=r),
    "huber": lambda F, x, t, r: F.huber_loss(x, t, reduction=r, delta=0.7),
}


def run(lib: object, x: np.ndarray, t: np.ndarray, name: str, reduction: str) -> tuple:
    xt, tt = lib.tensor(x, requires_grad=True), lib.tensor(t, requires_grad=True)
    loss = LOSSES[name](lib.nn.functional, xt, tt, reduction)
    (loss * 1.7).sum().backward()
    return loss.detach().numpy(), xt.grad.numpy(), tt.grad.numpy()


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("seed", range(6))
def test_same_bits_as_pytorch(name: str, reduction: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 9)), int(rng.integers(1, 40)))
    x = rng.standard_normal(shape).astype(np.float32)
    t = rng.standard_normal(shape).astype(np.float32)
    for got, expected in zip(run(ak, x, t, name, reduction), run(torch, x, t, name, reduction)):
        assert same_bits(got, expected), shape


LOGISTIC = {
    "bce": lambda L, x, t: L.nn.functional.binary_cross_entropy(L.sigmoid(x), L.sigmoid(t)),
    "bce_sum": lambda L, x, t: L.nn.functional.binary_cross_entropy(
        L.sigmoid(x), (t > 0).float(), reduction="sum"),
    "bce_logits": lambda L, x, t: L.nn.functional.binary_cross_entropy_with_logits(
        x, L.sigmoid(t)),
    "logsigmoid": lambda L, x, t: L.nn.functional.logsigmoid(x * 4) * t,
    "log1p": lambda L, x, t: L.log1p(x.abs() * 3) * t,
}


@pytest.mark.parametrize("name", sorted(LOGISTIC))
@pytest.mark.parametrize("seed", range(8))
def test_logistic_losses_same_bits_as_pytorch(name: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 9)), int(rng.integers(1, 40)))
    x = (rng.standard_normal(shape) * 2).astype(np.float32)
    t = rng.standard_normal(shape).astype(np.float32)
    results = []
    for lib in (ak, torch):
        xt = lib.tensor(x, requires_grad=True)
        y = LOGISTIC[name](lib, xt, lib.tensor(t))
        (y * 1.3).sum().backward()
        results.append((y.detach().numpy(), xt.grad.numpy()))
    for got, expected in zip(*results):
        assert same_bits(got, expected), shape
