"""In-place arithmetic when nothing is recorded: computed straight into the tensor's memory."""

from __future__ import annotations

import pytest

import autograd_kit as ak


def test_optimizer_style_update_writes_into_the_same_memory(device):
    w = ak.ones(2, 3, requires_grad=True, device=device)
    before = w.data_ptr()
    with ak.no_grad():
        w -= 0.5 * ak.ones(2, 3, device=device)
        w.add_(ak.tensor([1.0, 2.0, 3.0], device=device))  # broadcast along the rows
        w.mul_(2)
        w.div_(4.0)
    assert w.data_ptr() == before and w._version == 4
    assert w.tolist() == [[0.75, 1.25, 1.75], [0.75, 1.25, 1.75]]
    assert w.requires_grad and w.is_leaf and w.grad_fn is None


def test_a_view_sees_the_update(device):
    base = ak.zeros(4, device=device)
    view = base[1:3]
    view += 1  # nothing requires grad: allowed, and it changes base
    assert base.tolist() == [0.0, 1.0, 1.0, 0.0] and base._version == view._version == 1


def test_errors_match_pytorch(device):
    with pytest.raises(RuntimeError, match=r"output with shape \[3\] doesn't match the broadcast "
                                           r"shape \[2, 3\]"):
        ak.zeros(3, device=device).add_(ak.ones(2, 3, device=device))
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired "
                                           "output type Long"):
        ak.zeros(3, dtype=ak.int64, device=device).add_(1.5)


def test_recorded_in_place_ops_still_take_the_general_path(device):
    x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
    a = x * 1
    a.mul_(3)
    assert a.grad_fn.name() == "MulBackward0"
    a.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]
