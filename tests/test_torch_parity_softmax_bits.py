"""softmax, log_softmax, their gradients, cross_entropy and nll_loss against PyTorch bit for
bit on random float32 inputs (last dim). Skipped when PyTorch is not installed."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402


def same_bits(a: object, b: object) -> bool:
    return np.array_equal(np.asarray(a).view(np.uint32), np.asarray(b).view(np.uint32))


def loss_and_grad(lib: object, x: np.ndarray, make_loss: object) -> tuple[np.ndarray, ...]:
    xt = lib.tensor(x, requires_grad=True)
    loss = make_loss(lib, xt)
    (loss * 3).sum().backward()
    return loss.detach().numpy(), xt.grad.numpy()


CASES = {
    "log_softmax_dim0": lambda L, x: L.log_softmax(x, 0) * L.arange(x.shape[-1]).float(),
    "softmax": lambda L, x: L.softmax(x, -1) * L.arange(x.shape[-1]).float(),
    "log_softmax": lambda L, x: L.log_softmax(x, -1) * L.arange(x.shape[-1]).float(),
    "cross_entropy": lambda L, x: L.nn.functional.cross_entropy(
        x.reshape(-1, x.shape[-1]), L.arange(x.numel() // x.shape[-1]) % x.shape[-1]),
    "weighted_sum": lambda L, x: L.nn.functional.cross_entropy(
        x.reshape(-1, x.shape[-1]), L.arange(x.numel() // x.shape[-1]) % x.shape[-1],
        weight=L.linspace(0.5, 2, x.shape[-1]), reduction="sum"),
    "ignore_index": lambda L, x: L.nn.functional.nll_loss(
        L.log_softmax(x.reshape(-1, x.shape[-1]), 1),
        (L.arange(x.numel() // x.shape[-1]) % (x.shape[-1] + 1)).masked_fill(
            L.arange(x.numel() // x.shape[-1]) % (x.shape[-1] + 1) == x.shape[-1], -100)),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("seed", range(12))
def test_same_bits_as_pytorch(case: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = tuple(int(v) for v in rng.integers(1, 5, int(rng.integers(0, 3))))
    shape += (int(rng.integers(2, 70)),)
    x = (rng.standard_normal(shape) * rng.choice([0.3, 2.0, 9.0])).astype(np.float32)
    expected = loss_and_grad(torch, x, CASES[case])
    got = loss_and_grad(ak, x, CASES[case])
    assert same_bits(got[0], expected[0]), (shape, got[0], expected[0])
    assert same_bits(got[1], expected[1]), shape
