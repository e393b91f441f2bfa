"""Autograd semantics against PyTorch, seventh round: inference tensors changed in place
outside inference_mode, ... (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

INFERENCE_OPS = (
    "with T.inference_mode():\n    y = T.ones(2)\n    big = T.ones(2, 2)\n"
    "x = T.ones(2, requires_grad=True)\n"
    "for op in {ops}:\n"
    "    try: exec(op)\n"
    "    except RuntimeError as e: print(op, 'ERR', e)\n"
    "    print(op, y, big, y.requires_grad, y.grad_fn, big.shape)\n"
)

SNIPPETS = [
    # an inference tensor changed in place outside the mode: written first, then refused
    INFERENCE_OPS.format(ops="['y.add_(1)', 'y.mul_(2)', 'y.zero_()', 'y[0]=5', 'y.copy_(T.zeros(2))', 'y.clamp_(0,1)', 'y += 1', 'y.fill_(7)', 'y.data.add_(1)', 'y.sub_(1)', 'y.sin_()', 'y.add_(1, alpha=2)']"),
    INFERENCE_OPS.format(ops="['y.add_(x)', 'y.add_(T.ones(3))', 'y.mul_(x)', 'y.index_add_(0, T.tensor([0]), T.ones(1))', 'y.masked_fill_(T.tensor([True, False]), 9.)', 'y.detach_()', 'y.requires_grad_()']"),
    INFERENCE_OPS.format(ops="['big[0] = x', 'big[0] = 5', 'big[0] = T.zeros(2)', 'big[:, 0] = 3', 'big[T.tensor([1])] = 4', 'big[0].add_(1)', 'big.view(4).add_(1)', 'big[0].add_(x)']"),
    INFERENCE_OPS.format(ops="['y.t_()', 'y.unsqueeze_(0)', 'big.t_()', 'big.unsqueeze_(0)', 'big.squeeze_()', 'y.squeeze_()']"),
    "x = T.ones(2, requires_grad=True)\nwith T.inference_mode():\n    y = x * 2\ntry:\n    y.add_(1)\nexcept RuntimeError as e:\n    print(e)\nwith T.inference_mode():\n    y.add_(1)\nprint(y)",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"a7_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
