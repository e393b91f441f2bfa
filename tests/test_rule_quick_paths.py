"""Two short paths of backward give what the general ones give:

- MulBackward0 of ``x * number`` multiplies the gradient's array by the number when nothing
  is recorded (`unrecorded.times_number`): the same bits as ``grad * number``, and a recorded
  product under ``create_graph``;
- `run_rule`'s usual case (a kit rule, CPU gradients of their inputs' shapes) returns the
  rule's gradients as they are, and still sums a broadcast gradient back and refuses a
  wrong one.
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import grad_mode
from autograd_kit.ops.unrecorded import times_number
from autograd_kit.returned_gradients import run_rule
from autograd_kit.tensor import Tensor

NUMBERS = [1.0001, -3.5, 1e-30, 0.1]


@pytest.mark.parametrize("dtype", [ak.float32, ak.float64])
@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("shape", [(), (3,), (2, 5)])
def test_times_number_is_the_operator(dtype: ak.dtype, number: float,
                                      shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(0)
    grad = ak.tensor(rng.standard_normal(shape) * 1e3, dtype=dtype)
    with ak.no_grad():
        expected = grad * number
        got = times_number(grad, number)
    assert type(got) is Tensor and got.dtype == dtype and got.shape == grad.shape
    assert got._data.tobytes() == expected._data.tobytes()
    assert got.grad_fn is None and got.is_leaf and got._version == 0
    assert got._data is not grad._data  # a new array, not the gradient changed in place


def test_times_number_records_under_grad_mode() -> None:
    grad = ak.tensor([1.0, 2.0], requires_grad=True)
    got = times_number(grad, 3.0)
    assert got.grad_fn.name() == "MulBackward0"
    assert got.tolist() == [3.0, 6.0]


def test_times_number_other_dtypes_take_the_operator() -> None:
    grad = ak.tensor([1.0, 2.0], dtype=ak.float16)
    with ak.no_grad():
        got = times_number(grad, 0.1)
        assert got.dtype == ak.float16
        assert got._data.tobytes() == (grad * 0.1)._data.tobytes()


@pytest.mark.parametrize("dtype", [ak.float32, ak.float64])
def test_chain_gradient_matches_hand_product(dtype: ak.dtype) -> None:
    """d/dx of x·a·b·… is the product of the numbers, each step rounded in ``dtype``."""
    x = ak.tensor(2.0, dtype=dtype, requires_grad=True)
    y = x
    for number in NUMBERS:
        y = y * number
    y.backward()
    expected = np.ones((), dtype.numpy)
    for number in reversed(NUMBERS):
        expected = np.multiply(expected, number, out=...)
    assert x.grad._data.tobytes() == np.asarray(expected).tobytes()


def test_mul_by_number_under_create_graph_is_differentiable() -> None:
    x = ak.tensor(1.5, dtype=ak.float64, requires_grad=True)
    y = (x * 3.0) * x  # d/dx = 6x, d2/dx2 = 6
    (g,) = ak.autograd.grad(y, x, create_graph=True)
    assert g.item() == 9.0 and g.grad_fn is not None
    (gg,) = ak.autograd.grad(g, x)
    assert gg.item() == 6.0


def _node_of(out: Tensor) -> object:
    return out.grad_fn


def test_usual_rule_outputs_come_back_as_they_are() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0, 4.0], requires_grad=True)
    node = _node_of(a * b)
    grad = ak.tensor([1.0, 1.0])
    with ak.no_grad():
        ga, gb = run_rule(node, [grad])
    assert ga.tolist() == [3.0, 4.0] and gb.tolist() == [1.0, 2.0]


def test_usual_rule_broadcast_gradient_is_summed_back() -> None:
    a = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = ak.tensor([10.0, 20.0], requires_grad=True)
    (a + b).sum().backward()
    assert b.grad.tolist() == [2.0, 2.0] and b.grad.shape == (2,)
    assert a.grad.tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_usual_rule_wrong_gradient_shape_is_an_error() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    node = _node_of(a * 2.0)
    state = grad_mode.state
    saved = state.enabled
    state.enabled = False
    try:
        with pytest.raises(RuntimeError, match=r"returned an invalid gradient at index 0 - got "
                                               r"\[3\] but expected shape compatible with \[2\]"):
            run_rule(node, [ak.tensor([1.0, 1.0, 1.0])])
    finally:
        state.enabled = saved


def test_usual_rule_under_anomaly_mode_still_checks_for_nan() -> None:
    x = ak.tensor([0.0], requires_grad=True)
    with pytest.warns(UserWarning), ak.autograd.detect_anomaly():
        y = x.sqrt() * 0.0
        with pytest.raises(RuntimeError, match="returned nan values in its 0th output"):
            y.sum().backward()
