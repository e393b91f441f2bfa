"""nn and optim compared with PyTorch's printed output (skipped without PyTorch): NllLoss2d's
saved values, optimizer state of the wrong shape, and the layers a learner meets after the
syllabus (convolutions, pooling, dropout, embeddings, norms, recurrent layers, utils, schedulers).

Each snippet runs with ``T`` bound to ``torch`` and to ``autograd_kit`` and must print the same
(errors included).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

# ---- NllLoss2DBackward0 keeps what PyTorch's keeps
NLL2D = [
    "x = T.tensor([[[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6], [0.7, 0.8]], [[0.9, 1.0], [1.1, 1.2]]]], requires_grad=True)\nt = T.tensor([[[0, 1], [2, 1]]])\nfor red in ['mean', 'sum', 'none']:\n    for w in [None, T.tensor([1.0, 2.0, 3.0])]:\n        g = T.nn.functional.nll_loss(x.log_softmax(1), t, weight=w, reduction=red, ignore_index=1 if red == 'sum' else -100).grad_fn\n        print(type(g).__name__, [a for a in dir(g) if a.startswith('_saved')])\n        print(g._saved_ignore_index, g._saved_reduction, g._saved_total_weight, g._saved_weight, g._saved_target, g._saved_self.shape)\n",
    "x = T.zeros(2, 3, 4, requires_grad=True); t = T.tensor([[0, 1, 2, 0], [1, 1, 1, 1]])\ny = T.nn.functional.nll_loss(x, t, reduction='none'); print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())\ng = y.grad_fn.next_functions[0][0]; print(g._saved_self.shape, g._saved_target.shape, g._saved_total_weight)\nprint(sorted(a for a in dir(g) if 'saved' in a))\n",
    "x = T.zeros(1, 2, 2, 2, requires_grad=True); t = T.tensor([[[0, 1], [1, 1]]])\nl = T.nn.CrossEntropyLoss(weight=T.tensor([1.0, 4.0]))(x, t); n = l.grad_fn; print(n.name(), n._saved_total_weight, n._saved_weight)\n",
]


@pytest.mark.parametrize("code", NLL2D)
def test_nll_loss_2d_node(code: str) -> None:
    assert_same_as_pytorch(code)
