"""Optimizers and lr schedulers against PyTorch 2.13, live (skipped without PyTorch): round 3
of the optim area (custom optimizers, fused steps, schedulers as a training loop meets them).

Each snippet runs with ``T`` bound to ``torch`` and to ``autograd_kit``; what it leaves in
``out`` (or the error it raises) must match.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")

P = "p = T.nn.Parameter(T.ones(2)); q = T.nn.Parameter(T.zeros(3))\n"

# a learner's own optimizer: `required` marks a setting each group must give
REQUIRED = ("from T.optim.optimizer import required, Optimizer\n"
            "class O(Optimizer):\n"
            "    def __init__(self, ps):\n"
            "        super().__init__(ps, {'lr': required, 'm': 0})\n" + P)
CUSTOM = [
    REQUIRED + "O([p])",
    REQUIRED + "o = O([{'params': [p], 'lr': 0.3}]); out.append(o.param_groups[0]['lr']); out.append(o.defaults); out.append(repr(o)); out.append(o.state_dict())",
    REQUIRED + "o = O([{'params': [p], 'lr': 0.3}]); o.add_param_group({'params': [q]})",
    REQUIRED + "o = O([{'params': [p], 'lr': 0.3}]); o.add_param_group({'params': [q], 'lr': 0.1}); out.append(o.param_groups[1])",
    REQUIRED + "out.append(repr(required)); out.append(type(required).__name__)",
]


@pytest.mark.parametrize("code", CUSTOM, ids=[f"custom{i:02d}" for i in range(len(CUSTOM))])
def test_custom_optimizers_as_pytorch(code: str) -> None:
    assert_same(torch, ak, code)
