"""In-place changes through views: the base's history (CopySlices) and stale views.

Every gradient here is worked out by hand in the docstring of its test, so these run
without PyTorch (tests/test_torch_autograd_more.py compares the same cases with PyTorch).
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.views import positions_in_base


def test_augmented_assignment_on_an_element() -> None:
    """y = x·1; y[0] += 5 → y = (x0 + 5, x1, x2): every ∂Σy/∂x_i is 1."""
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * 1
    y[0] += 5
    assert y.tolist() == [6.0, 2.0, 3.0]
    assert y.grad_fn.name().endswith("CopySlices")
    y.sum().backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0]


def test_method_on_a_slice_changes_the_base_history() -> None:
    """y = x·1; y[:2] *= 2 → y = (2x0, 2x1, x2); Σy² has gradient (8x0, 8x1, 2x2)."""
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * 1
    v = y[:2]
    v.mul_(2)
    assert v.grad_fn.name() == "AsStridedBackward0"
    (y * y).sum().backward()
    assert x.grad.tolist() == [8.0, 16.0, 6.0]


def test_a_view_made_before_its_base_changed_sees_the_new_history() -> None:
    """h = x·1; v = h[:2]; h *= 3 → v = (3x0, 3x1): ∂Σv/∂x = (3, 3, 0), not (1, 1, 0)."""
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = x * 1
    v = h[:2]
    h.mul_(3)
    v.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0, 0.0]


def test_a_view_of_a_constant_joins_the_graph_when_its_base_does() -> None:
    """y = zeros; v = y[1:]; y += x → v = (x1, x2) requires grad: ∂Σv/∂x = (0, 1, 1)."""
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = ak.zeros(3)
    v = y[1:]
    y.add_(x)
    assert v.requires_grad
    v.sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 1.0]


def test_the_other_operand_gets_its_gradient() -> None:
    """y = x·1; y[1:] *= w → y = (x0, x1 w0, x2 w1); Σy²: ∂/∂w_k = 2 x_{k+1}² w_k."""
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    w = ak.tensor([5.0, 6.0], requires_grad=True)
    y = x * 1
    y[1:].mul_(w)
    (y ** 2).sum().backward()
    assert w.grad.tolist() == [40.0, 108.0]
    assert x.grad.tolist() == [2.0, 100.0, 216.0]


def test_second_derivative_through_a_changed_view() -> None:
    """y = x²; y[1:] *= x[1:] → Σy = x0² + x1³ + x2³: gradient (2x0, 3x1², 3x2²) and
    second derivative summed (2, 6x1, 6x2)."""
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * x
    y[1:].mul_(x[1:])
    (g,) = ak.autograd.grad(y.sum(), x, create_graph=True)
    assert g.tolist() == [2.0, 12.0, 27.0]
    g.sum().backward()
    assert x.grad.tolist() == [2.0, 12.0, 18.0]


def test_finite_differences_through_a_transposed_view() -> None:
    def f(x: ak.Tensor) -> ak.Tensor:
        y = x * 1
        y.t()[0].mul_(x.t()[1].exp())  # column 0 times exp(column 1), written into column 0
        return (y.exp() * ak.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=ak.float64)).sum()

    x = ak.tensor([[0.1, 0.2], [0.3, 0.4]], dtype=ak.float64, requires_grad=True)
    assert ak.autograd.gradcheck(f, (x,))


def test_pieces_of_unbind_may_not_be_changed_in_place() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    with pytest.raises(RuntimeError, match="Output 0 of Unbind is a view and is being modified"):
        (x * 1).unbind(1)[0].mul_(2)


def test_saved_values_of_a_changed_view_are_checked() -> None:
    """exp_ on a view saves its result; changing the view again makes backward refuse."""
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * 1
    v = y[1:]
    v.exp_()
    v.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


@pytest.mark.parametrize("make", [
    lambda a: a[1:, ::2], lambda a: a.T[1], lambda a: a[:, 2], lambda a: a.reshape(12)[3:7],
    lambda a: a[None, 1], lambda a: a.transpose()[::-1],
])
def test_positions_in_base_read_the_view(make) -> None:
    base = np.arange(12.0).reshape(3, 4)
    view = make(base)
    assert np.shares_memory(view, base)
    assert (base[positions_in_base(view, base)] == view).all()
