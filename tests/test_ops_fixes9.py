"""Kit-only checks of the op fixes compared with PyTorch in tests/test_torch_parity_ops9.py
(the expected values, names and messages are PyTorch's, observed with PyTorch 2.13)."""

from __future__ import annotations

import autograd_kit as ak
from autograd_kit.ops.quick_select import quick_select_position


# ---- kthvalue: among ties, the position PyTorch's quickselect settles on
def test_kthvalue_among_ties_reports_the_quickselect_position() -> None:
    x = ak.tensor([[1, 3, 3, 2], [5, 5, 1, 1]])
    r = x.kthvalue(3)
    assert r.values.tolist() == [3, 5]
    assert r.indices.tolist() == [2, 0]  # a stable sort would say [1, 0]


def test_quick_select_positions_with_ties_and_nan() -> None:
    assert quick_select_position([1., 3., 3., 2.], 2) == 2
    assert quick_select_position([0., 0., 0., 0., 0.], 0) == 3
    assert quick_select_position([2., float("nan"), 2., 1.], 3) == 1
    assert quick_select_position([4.], 0) == 0


def test_kthvalue_along_the_first_dim_with_ties_and_its_gradient() -> None:
    x = ak.tensor([[0., 1.], [0., 1.], [0., 0.], [0., 1.], [0., 1.]], requires_grad=True)
    v, i = x.kthvalue(1, 0)
    assert i.tolist() == [3, 2]
    v.sum().backward()
    assert x.grad.tolist() == [[0., 0.], [0., 0.], [0., 1.], [1., 0.], [0., 0.]]
