# ruff: noqa: E501  (snippets are kept on one line each, as they were probed)
"""Sums and means printed with full float digits, the kit against PyTorch (skipped without it).

The kit adds float32/float64 values in PyTorch's CPU order (ops/summation_order.py), so
``.item()`` and ``.tolist()`` of sums and means agree to the last bit.
"""

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    "import math\nx = T.linspace(-math.pi, math.pi, 2000)\nprint(x.sum().item(), x.mean().item(), (x * x).sum().item())",
    "T.manual_seed(0)\nx = T.randn(1000)\nprint(x.sum().item(), x.mean().item(), (x * x).mean().item())",
    "T.manual_seed(1)\nx = T.randn(64, 100)\nprint(x.sum(0).tolist()[:5], x.sum(1).tolist()[:5], x.mean(dim=1, keepdim=True)[:3].tolist())",
    "T.manual_seed(2)\nx = T.rand(50000)\nprint(x.sum().item(), x.mean().item(), x.sum())",
    "T.manual_seed(4)\nx = T.randn(8, 3, 32, 32)\nprint(x.mean().item(), x.sum(dim=(2, 3))[0].tolist(), x.mean(dim=(1, 2, 3)).tolist())",
    "T.manual_seed(5)\nx = T.randn(30, 40, dtype=T.float64)\nprint(x.sum().item(), x.sum(0).tolist()[:4], x.mean(1).tolist()[:4])",
    "T.manual_seed(6)\nx = T.randn(100, 7)\nprint(x.t().sum().item(), x.T.mean().item(), x.sum(-1).tolist()[:3])",
    "x = T.arange(1000, dtype=T.float32) / 3\nprint(x.sum(), x.mean(), x.reshape(10, 100).sum(1), x.reshape(100, 10).mean(0))",
    "T.manual_seed(7)\nx = T.randn(5, 4, 3, requires_grad=True)\ns = x.sum(1)\nm = x.mean()\nprint(s[0].tolist(), m.item())\n(s.sum() + m).backward()\nprint(x.grad[0, 0].tolist())",
    "T.manual_seed(9)\nx = T.rand(300, 200)\nprint(x.sum(0).tolist()[-3:], x.sum(1).tolist()[-3:], x.mean().item(), x.sum(0, keepdim=True).shape)",
    "T.manual_seed(10)\nx = T.randn(1000, 3)\nprint(x.sum(0).tolist(), x.mean(0).tolist(), x.sum().item())",
    "T.manual_seed(11)\nx = T.randn(4, 50, 60)\nprint(x.sum(1)[0, :4].tolist(), x.mean(-1)[0, :4].tolist(), x.sum((1, 2)).tolist())",
    "x = T.full((33, 17), 0.1)\nprint(x.sum().item(), x.sum(0)[0].item(), x.sum(1)[0].item(), x.mean().item())",
    "T.manual_seed(12)\nx = T.randn(1000000)\nprint(x.sum().item(), x.mean().item(), x.abs().sum().item())",
    "T.manual_seed(13)\nx = T.randn(20, requires_grad=True)\nloss = (x ** 2).mean()\nloss.backward()\nprint(loss.item(), x.grad.sum().item())",
    "print(T.tensor([-0.0]).sum(), T.tensor([[-0.0, -0.0]]).sum(1), T.tensor([1e30, 1.0, -1e30]).sum().item())",
]


@pytest.mark.parametrize("code", SNIPPETS)
def test_sums_match_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
