"""+ - * / that record nothing skip the node (ops/untracked.py): same bits, same errors."""

from __future__ import annotations

import operator

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd_kit as ak
from autograd_kit.ops import untracked

OPERATORS = [operator.add, operator.sub, operator.mul, operator.truediv]
floats32 = hnp.arrays(numpy.float32, st.sampled_from([(), (3,), (2, 3)]),
                      elements=st.floats(width=32, allow_nan=True, allow_infinity=True))


def bits(t: ak.Tensor) -> bytes:
    return t.detach().numpy().tobytes()


@settings(max_examples=60, deadline=None)
@given(floats32, floats32, st.sampled_from(OPERATORS))
def test_same_bits_as_the_recorded_operation(a, b, op):
    if a.shape != b.shape and a.ndim and b.ndim:
        b = numpy.resize(b, a.shape) if b.size else numpy.zeros(a.shape, numpy.float32)
    with numpy.errstate(all="ignore"):
        recorded = op(ak.tensor(a, requires_grad=True), ak.tensor(b))
        assert recorded.grad_fn is not None
        with ak.no_grad():
            quick = op(ak.tensor(a), ak.tensor(b))
            quick_number = op(ak.tensor(a), 0.1)
        recorded_number = op(ak.tensor(a, requires_grad=True), 0.1)
    assert quick.grad_fn is None and not quick.requires_grad
    assert bits(quick) == bits(recorded) and quick.dtype == recorded.dtype
    assert bits(quick_number) == bits(recorded_number)
    assert quick.shape == recorded.shape


def test_only_the_plain_cases_take_the_short_path():
    x = ak.tensor([1.0, 2.0])
    assert untracked.mul(x, 2.0) is not None
    assert untracked.mul(x, ak.tensor([3.0, 4.0])) is not None
    assert untracked.mul(x, ak.tensor(3.0)) is not None  # a 0-dim operand broadcasts
    assert untracked.mul(x, 2) is None  # ints, bools, mixed dtypes: the full path
    assert untracked.mul(x, ak.tensor([3.0, 4.0], dtype=ak.float64)) is None
    assert untracked.mul(x, ak.tensor([[3.0], [4.0]])) is None  # broadcasting: full checks
    assert untracked.mul(ak.tensor([1, 2]), 2.0) is None
    assert untracked.mul(ak.tensor([1.0], requires_grad=True), 2.0) is None  # records
    with ak.no_grad():
        assert untracked.mul(ak.tensor([1.0], requires_grad=True), 2.0) is not None
    with ak.inference_mode():  # results there are inference tensors
        assert untracked.mul(x, 2.0) is None


def test_a_view_that_requires_grad_through_its_base_takes_the_full_path():
    base = ak.zeros(3)
    view = base[1:]
    base.requires_grad_()  # the view now requires grad too (PyTorch's rule), as a leaf
    assert view.requires_grad and not view._requires_grad
    assert untracked.mul(view, 2.0) is None


def test_errors_are_pytorchs_under_no_grad():
    with ak.no_grad():
        with pytest.raises(RuntimeError, match=r"The size of tensor a \(2\) must match the size "
                                               r"of tensor b \(3\) at non-singleton dimension 0"):
            ak.ones(2) * ak.ones(3)
        with pytest.raises(RuntimeError, match="Boolean alpha only supported"):
            ak.add(ak.ones(2), ak.ones(2), alpha=True)
        assert ak.add(ak.ones(2), ak.ones(2), alpha=2).tolist() == [3.0, 3.0]


def test_inference_mode_results_are_inference_tensors():
    with ak.inference_mode():
        out = ak.ones(2) * 2.0
    assert out.is_inference()


def test_backward_rules_give_the_same_gradients():
    x = ak.tensor([0.3, -1.7, 2.5], requires_grad=True)
    y = (x * 1.0001 + 0.0001) / 3.0 - x * x
    y.sum().backward()
    expected = numpy.float32(1.0001) / numpy.float32(3.0) - 2 * x.detach().numpy()
    numpy.testing.assert_allclose(x.grad.numpy(), expected, rtol=1e-6)


@pytest.mark.parametrize("shapes", [((3, 4), (4, 2)), ((1, 5), (5, 1)), ((6, 2), (2, 6))])
def test_mm_without_recording_gives_the_recorded_bits(shapes):
    rng = numpy.random.default_rng(3)
    a, b = (rng.standard_normal(s).astype(numpy.float32) for s in shapes)
    recorded = ak.tensor(a, requires_grad=True).mm(ak.tensor(b))
    with ak.no_grad():
        quick = ak.tensor(a).mm(ak.tensor(b))
        transposed = ak.tensor(a.T.copy()).t().mm(ak.tensor(b))
    assert recorded.grad_fn is not None and quick.grad_fn is None
    assert bits(quick) == bits(recorded) and bits(transposed) == bits(recorded)
    assert untracked.mm(ak.tensor(a), ak.tensor(b)) is not None


def test_mm_keeps_its_checks_and_its_minus_zero_without_recording():
    with ak.no_grad():
        with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied "
                                               r"\(2x3 and 2x3\)"):
            ak.ones(2, 3).mm(ak.ones(2, 3))
        with pytest.raises(RuntimeError, match="self must be a matrix"):
            ak.ones(3).mm(ak.ones(3, 2))
        outer = ak.tensor([[-0.0]]).mm(ak.tensor([[1.0, 2.0]]))  # k = 1: one product each
    assert numpy.signbit(outer.numpy()).all()
    assert untracked.mm(ak.tensor([[-0.0]]), ak.tensor([[1.0, 2.0]])) is None
