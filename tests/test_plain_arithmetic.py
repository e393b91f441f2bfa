"""+ - * / on plain operands skip the general path (ops/plain_arithmetic.py): the same bits, the
same nodes, the same errors."""

from __future__ import annotations

import operator

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd_kit as ak
from autograd_kit.ops import arithmetic, plain_arithmetic

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
    assert plain_arithmetic.mul(x, 2.0) is not None
    assert plain_arithmetic.mul(x, ak.tensor([3.0, 4.0])) is not None
    assert plain_arithmetic.mul(x, ak.tensor(3.0)) is not None  # a 0-dim operand broadcasts
    assert plain_arithmetic.mul(x, 2) is None  # ints, bools, mixed dtypes: the full path
    assert plain_arithmetic.mul(x, ak.tensor([3.0, 4.0], dtype=ak.float64)) is None
    assert plain_arithmetic.mul(x, ak.tensor([[3.0], [4.0]])) is None  # broadcasting: full checks
    assert plain_arithmetic.mul(ak.tensor([1, 2]), 2.0) is None
    recorded = plain_arithmetic.mul(ak.tensor([1.0], requires_grad=True), 2.0)
    assert type(recorded.grad_fn).__name__ == "MulBackward0"
    with ak.no_grad():
        assert plain_arithmetic.mul(ak.tensor([1.0], requires_grad=True), 2.0) is not None
    with ak.inference_mode():  # results there are inference tensors
        assert plain_arithmetic.mul(x, 2.0) is None


def test_a_view_that_requires_grad_through_its_base_takes_the_full_path():
    base = ak.zeros(3)
    view = base[1:]
    base.requires_grad_()  # the view now requires grad too (PyTorch's rule), as a leaf
    assert view.requires_grad and not view._requires_grad
    quick, full = plain_arithmetic.mul(view, 2.0), arithmetic.Mul.apply(view, 2.0)
    assert quick.grad_fn.next_functions == full.grad_fn.next_functions


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
    assert plain_arithmetic.mm(ak.tensor(a), ak.tensor(b)) is not None


def test_mm_keeps_its_checks_and_its_minus_zero_without_recording():
    with ak.no_grad():
        with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied "
                                               r"\(2x3 and 2x3\)"):
            ak.ones(2, 3).mm(ak.ones(2, 3))
        with pytest.raises(RuntimeError, match="self must be a matrix"):
            ak.ones(3).mm(ak.ones(3, 2))
        outer = ak.tensor([[-0.0], [-0.0]]).mm(ak.tensor([[1.0, 2.0]]))  # k = 1: one product
        row = ak.tensor([[-0.0]]).mm(ak.tensor([[1.0, 2.0]]))  # each (a row: added to +0)
    assert numpy.signbit(outer.numpy()).all()
    assert not numpy.signbit(row.numpy()).any()  # (as PyTorch's gemv gives it)
    assert plain_arithmetic.mm(ak.tensor([[-0.0]]), ak.tensor([[1.0, 2.0]])) is None


def _node_state(out: ak.Tensor) -> tuple:
    node = out.grad_fn
    saved = [type(v).__name__ if not isinstance(v, float) and v is not None else v
             for v in node._saved or ()]
    return (type(node).__name__, node.next_functions, node._input_shapes,
            node.needs_input_grad, saved, node._input_positions, node._input_dtypes,
            node.__dict__.get("alpha"), out.requires_grad, out.is_leaf, out._version)


@pytest.mark.parametrize("rule, quick", [(arithmetic.Add, plain_arithmetic.add),
                                         (arithmetic.Sub, plain_arithmetic.sub),
                                         (arithmetic.Mul, plain_arithmetic.mul),
                                         (arithmetic.Div, plain_arithmetic.div)])
@pytest.mark.parametrize("dtype", [ak.float32, ak.float64])
@pytest.mark.parametrize("case", ["number", "both", "first", "second", "zero-dim"])
def test_a_recorded_plain_operation_builds_the_node_function_apply_builds(rule, quick, dtype,
                                                                          case):
    a = ak.tensor([1.5, -2.0, 4.0], dtype=dtype, requires_grad=case != "second")
    b: object = 0.75
    if case != "number":
        shape = () if case == "zero-dim" else (3,)
        b = ak.full(shape, 0.5, dtype=dtype, requires_grad=case in ("both", "second",
                                                                    "zero-dim"))
    a_in = a * 1.0 if case == "both" else a  # a non-leaf input too
    fast, full = quick(a_in, b), rule.apply(a_in, b)
    assert fast is not None and fast.grad_fn is not None
    assert _node_state(fast) == _node_state(full)
    assert fast.grad_fn.sequence_number < full.grad_fn.sequence_number
    assert bits(fast) == bits(full)
    grads = [ak.autograd.grad(out.sum(), [t for t in (a, b) if isinstance(t, ak.Tensor)
                                          and t.requires_grad], retain_graph=True)
             for out in (fast, full)]
    for g_fast, g_full in zip(*grads):
        assert bits(g_fast) == bits(g_full)


def test_a_saved_input_changed_in_place_fails_as_on_the_full_path():
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0, 4.0])
    out = a * b  # saves b
    b.add_(1.0)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        out.sum().backward()


def test_hooks_anomaly_mode_and_listeners_take_the_full_path():
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    with ak.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        assert plain_arithmetic.mul(a, a) is None
    with ak.autograd.detect_anomaly():
        assert plain_arithmetic.mul(a, 2.0) is None
    assert plain_arithmetic.mul(a, 2.0) is not None
