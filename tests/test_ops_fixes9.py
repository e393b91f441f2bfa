"""Kit-only checks of the op fixes compared with PyTorch in tests/test_torch_parity_ops9.py
(the expected values, names and messages are PyTorch's, observed with PyTorch 2.13)."""

from __future__ import annotations

import pytest

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


# ---- topk: ties and sorted=False follow PyTorch's std::nth_element / std::partial_sort
def test_topk_among_ties_reports_pytorchs_positions() -> None:
    x = ak.tensor([1, 3, 3, 3, 2, 3])
    assert x.topk(2).indices.tolist() == [3, 5]  # a stable sort would say [1, 2]
    assert x.topk(3, largest=False).indices.tolist() == [0, 4, 3]
    assert x.topk(3, sorted=False).indices.tolist() == [3, 5, 1]


def test_topk_unsorted_keeps_the_selection_order() -> None:
    r = ak.tensor([5., 1., 4., 2., 3., 9., 0.]).topk(3, sorted=False)
    assert r.values.tolist() == [5., 9., 4.]
    assert r.indices.tolist() == [0, 5, 2]


def test_topk_of_a_long_row_uses_the_partial_sort_positions() -> None:
    x = ak.tensor([1., 3, 3, 3, 2, 3] * 20)  # 64·k ≤ 120: std::partial_sort
    assert x.topk(2).indices.tolist() == [73, 71]


def test_topk_gradient_goes_to_the_reported_tie() -> None:
    x = ak.tensor([[1., 2., 2.], [2., 2., 1.]], requires_grad=True)
    v, i = x.topk(1)
    v.sum().backward()
    assert i.tolist() == [[1], [0]]
    assert x.grad.tolist() == [[0., 1., 0.], [1., 0., 0.]]


# ---- searchsorted: PyTorch's argument checks
@pytest.mark.parametrize("kwargs, values, message", [
    ({"side": "left", "right": True}, [1.], "torch.searchsorted(): side and right can't be set "
     "to opposites, got side of left while right was True"),
    ({"side": "middle"}, [1.], "torch.searchsorted(): side can only be 'left' or 'right' but "
     "got middle"),
    ({"sorter": [0]}, [1.], "torch.searchsorted(): boundary and sorter must have the same size, "
     "but got boundary tensor [2]and got sorter tensor [1]"),
    ({"sorter": [0., 1.]}, [1.], "torch.searchsorted(): sorter must be a tensor of long dtype "
     "but got dtype Float"),
    ({"sorter": [1, 5]}, [1.], "torch.searchsorted(): sorter index out of range"),
])
def test_searchsorted_argument_errors(kwargs: dict, values: list, message: str) -> None:
    if "sorter" in kwargs:
        kwargs = {**kwargs, "sorter": ak.tensor(kwargs["sorter"])}
    with pytest.raises(RuntimeError) as info:
        ak.searchsorted(ak.tensor([1., 2.]), ak.tensor(values), **kwargs)
    assert str(info.value) == message


def test_searchsorted_dimension_errors() -> None:
    with pytest.raises(RuntimeError, match=r"boundaries tensor should have positive dimension, "
                       r"but got 0 dimension"):
        ak.searchsorted(ak.tensor(1.), ak.tensor([1.]))
    with pytest.raises(RuntimeError, match=r"input value can be a scalar only when boundaries "
                       r"tensor dimension is 1, but we got boundaries tensor dim\(2\) and input "
                       r"value's dim\(0\) numel\(1\)"):
        ak.searchsorted(ak.tensor([[1., 2.]]), 1.5)
    assert ak.searchsorted(ak.tensor([1., 2.]), ak.tensor([1.]), side="right",
                           right=False).tolist() == [1]


# ---- det / slogdet: PyTorch factors Aᵀ (A contiguous) with MKL's rounding
def test_det_of_a_singular_matrix_has_pytorchs_signed_zero() -> None:
    d = ak.linalg.det(ak.tensor([[2., 4.], [1., 2.]]))
    assert d.item() == 0 and str(d) == "tensor(-0.)"
    assert str(ak.linalg.det(ak.tensor([[2., 4.], [1., 2.]]).t())) == "tensor(-0.)"


def test_det_and_slogdet_float32_bits_match_pytorch() -> None:
    a = ak.tensor([[0.3, 1.7, -2.2], [0.9, 0.4, 1.1], [-1.3, 2.5, 0.6]])
    assert ak.linalg.det(a).item() == -10.195999145507812
    assert ak.linalg.det(a.t()).item() == -10.195999145507812
    assert ak.linalg.slogdet(a)[1].item() == 2.321995496749878


def test_fused_subtract_rounds_once() -> None:
    import numpy

    from autograd_kit.linalg import fused_subtract

    a, b, c = numpy.float32(1 + 2 ** -12), numpy.float32(1 - 2 ** -12), numpy.float32(1)
    got = fused_subtract(numpy, numpy.array([c]), numpy.array([a]), numpy.array([b]))
    assert got[0] == numpy.float32(2 ** -24)  # a·b - 1 = -2⁻²⁴ exactly: no rounding to 0
    a64, b64 = 1 + 2.0 ** -30, 1 - 2.0 ** -30
    got = fused_subtract(numpy, numpy.array([1.0]), numpy.array([a64]), numpy.array([b64]))
    assert got[0] == 2.0 ** -60
