"""Kit-only checks of the seventh round of autograd fixes (the PyTorch behaviour each one
matches was observed with PyTorch 2.x and is written out here)."""

from __future__ import annotations

import pytest

import autograd_kit as ak

INFERENCE_REFUSED = "Inplace update to inference tensor outside InferenceMode is not allowed"


def test_inference_tensor_changed_in_place_outside_the_mode_is_written_then_refused():
    with ak.inference_mode():
        y = ak.ones(2)
        big = ak.ones(2, 2)
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        y.add_(1)
    assert y.tolist() == [2.0, 2.0]
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        y.mul_(ak.ones(2, requires_grad=True))
    assert y.tolist() == [2.0, 2.0] and not y.requires_grad and y.grad_fn is None
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        big[0] = 5
    assert big.tolist() == [[5.0, 5.0], [1.0, 1.0]]
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        big[1] = ak.zeros(2, requires_grad=True)  # refused before writing
    assert big.tolist() == [[5.0, 5.0], [1.0, 1.0]]
    with pytest.raises(RuntimeError, match="The size of tensor a"):
        y.add_(ak.ones(3))  # the op's own error comes first
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        y.unsqueeze_(0)
    assert y.shape == (1, 2)
