"""Which in-place changes of views autograd refuses, with PyTorch 2.13's message and in its
order, and pieces of a vector that are views (a change to them reaches the vector)."""

from __future__ import annotations

import pytest

import autograd_kit as ak

VIEW_OF_LEAF = "a view of a leaf Variable that requires grad is being used in an in-place"
NO_GRAD_VIEW = "A view was created in no_grad mode and is being modified inplace with grad mode"
MULTI_VIEW = "Output 0 of Unbind is a view and is being modified inplace. This view is the output"


def test_a_view_that_was_made_to_require_grad_is_a_view_of_a_leaf() -> None:
    x = ak.ones(4)
    y = x.view(2, 2)
    y.requires_grad_()
    assert y.is_leaf and y._base is x
    with pytest.raises(RuntimeError, match=VIEW_OF_LEAF):
        y.add_(1)


def test_a_view_made_under_no_grad_refuses_a_recorded_change() -> None:
    x = ak.zeros(3)
    with ak.no_grad():
        y = x[:2]
    y.add_(1)  # nothing requires grad: nothing is recorded, and it is allowed
    assert x.tolist() == [1.0, 1.0, 0.0]
    with pytest.raises(RuntimeError, match=NO_GRAD_VIEW):
        y.add_(ak.ones(2, requires_grad=True))


def test_a_view_made_under_no_grad_and_then_made_to_require_grad() -> None:
    x = ak.ones(4)
    with ak.no_grad():
        y = x.view(2, 2)
    y.requires_grad_()
    with pytest.raises(RuntimeError, match=NO_GRAD_VIEW):
        y.add_(1)
    (y * 3).sum().backward()  # still a leaf of its own: its gradient arrives
    assert y.grad.tolist() == [[3.0, 3.0], [3.0, 3.0]]


def test_pieces_of_unbind_are_refused_before_the_leaf_check() -> None:
    x = ak.zeros(3, requires_grad=True)
    with pytest.raises(RuntimeError, match=MULTI_VIEW):
        x.unbind()[0].add_(1)


def test_pieces_of_a_vector_are_views_of_it() -> None:
    x = ak.zeros(3)
    x[0].add_(1)
    x.select(0, 1).add_(2)
    x.unbind()[2].add_(3)
    assert x.tolist() == [1.0, 2.0, 3.0]
    for piece in x:
        piece.mul_(10)
    assert x.tolist() == [10.0, 20.0, 30.0]


PARTIAL = "some elements of the input tensor and the written-to tensor refer to a single memory"


@pytest.mark.parametrize("change", [
    lambda x: x[1:].add_(x[:-1]),                      # shifted by one
    lambda x: x.mul_(x[0]),                            # a piece of itself, broadcast
    lambda x: x[1:3].copy_(x[:2]),
    lambda x: x.view(2, 2).t().copy_(x.view(2, 2)),    # the same elements, another layout
    lambda x: x.__setitem__([0, 1], x[2:]),           # by index arrays: x against its part
    lambda x: x.lerp_(x[0], 0.5),
    lambda x: ak.add(x[:3], 1, out=x[1:]),
])
def test_writing_over_part_of_an_input_is_refused(change: object) -> None:
    x = ak.arange(4.0)
    with pytest.raises(RuntimeError, match=PARTIAL):
        change(x)  # type: ignore[operator]
    assert x.tolist() == [0.0, 1.0, 2.0, 3.0]  # refused before anything was written


def test_writes_without_partial_overlap_are_allowed() -> None:
    x = ak.arange(4.0)
    x.add_(x)  # exactly itself
    x[:2] = x[2:]  # by slices: the written part and the input do not meet
    x[:2].copy_(x[2:])
    x.view(2, 2)[:, :1].add_(x.view(2, 2)[:, 1:])  # pieces with gaps: PyTorch allows them
    assert x.tolist() == [10.0, 6.0, 10.0, 6.0]  # [0,2,4,6] → [4,6,4,6] → +[6,_,6,_]
