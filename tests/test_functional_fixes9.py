"""Kit-only checks of PyTorch behaviours found by comparing nn.functional, losses and optim
with PyTorch (the numbers are PyTorch's)."""

from __future__ import annotations

import pytest

import autograd_kit as ak

F = ak.nn.functional


def _four_steps() -> ak.Tensor:
    probs = [[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], [0.25] * 4, [0.7, 0.1, 0.1, 0.1]]
    return ak.tensor([[row] for row in probs]).log()


def test_ctc_target_equal_to_blank_may_be_skipped_to() -> None:
    """PyTorch's recursion allows s-2 → s wherever l'[s] != l'[s-2], even for a label that
    equals the blank (it does not check the label against the blank)."""
    lp = _four_steps()
    loss = F.ctc_loss(lp, ak.tensor([[1, 3]]), ak.tensor([4]), ak.tensor([2]), blank=3,
                      reduction="none")
    assert loss.tolist() == pytest.approx([3.8167128562927246], rel=1e-6)
    loss = F.ctc_loss(lp, ak.tensor([[3, 3]]), ak.tensor([4]), ak.tensor([2]), blank=3,
                      reduction="sum")
    assert loss.item() == pytest.approx(5.2983174324035645, rel=1e-6)
