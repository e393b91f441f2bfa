"""The kit against PyTorch on the last bit of float32 exp, log, tanh, sin, cos and sigmoid,
printed with ``.tolist()`` / ``.item()`` (sleef_float32.py; skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    'x = T.linspace(-8, 8, 1000); print(T.sigmoid(x).tolist())',
    'x = T.linspace(-100, 100, 777); print(T.sigmoid(x).tolist(), x.sigmoid().sum().item())',
    'T.manual_seed(0); x = T.randn(3, 7) * 4; print(T.sigmoid(x).tolist(), T.sigmoid(x.t()).tolist())',
    'T.manual_seed(1); x = T.randn(64, requires_grad=True); y = T.sigmoid(x); print(y.tolist()); y.sum().backward(); print(x.grad.tolist())',
    'x = T.tensor([0.1, -0.2, 0.3]); print(T.sigmoid(x).tolist(), T.sigmoid(T.tensor(2.5)).item(), T.nn.Sigmoid()(x).tolist(), T.nn.functional.sigmoid(x).tolist())',
    'print(T.exp(T.tensor([-3.9731, 3.4081, 0.3291, -2.3543, 4.8001, 0.6086])).tolist())',
    'print(T.log(T.tensor([0.7551, 2.3643, 2.2562, 0.8283, 5.2064, 3.4997])).tolist())',
    'print(T.tanh(T.tensor([-2.4058, 0.3291, -1.6579, 0.6086, -1.464, 1.6601])).tolist())',
    'print(T.cos(T.tensor([1.2613, -5.1964, -1.8879, 1.6601, 2.4896, -2.5214])).tolist())',
    'x = T.tensor([1.5, 2.5, 0.25], requires_grad=True); y = x.exp(); print(y.tolist()); y.sum().backward(); print(x.grad.tolist())',
    'x = T.tensor(0.6086, requires_grad=True); y = T.tanh(x); print(y.item(), y)',
    'x = T.tensor([[0.3291, 4.8001], [-2.3543, 0.6086]]); print(T.exp(x).tolist(), x.exp().sum().item())',
]


@pytest.mark.parametrize("code", SNIPPETS)
def test_same_as_pytorch(code):
    assert_same_as_pytorch(code)
