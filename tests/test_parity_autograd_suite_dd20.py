"""Scenarios harvested from PyTorch's own autograd tests (test/autograd/test_functional.py and
test_autograd.py's forward-mode, inference-mode and mutation-on-saved classes), run with the
kit and with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("strategy", ["reverse-mode", "forward-mode"])
def test_jacobian_of_outputs_of_other_dtypes(strategy: str) -> None:
    # test_jacobian_vectorize_correctness_different_dtype: forward mode's Jacobian has each
    # output's dtype (its tangent), reverse mode's the input's
    assert_same(torch, ak, f"""
F = T.autograd.functional
def f(x, y): return (x * y).float(), (x * y).double()
x, y = T.tensor([1., 2., 3.]), T.tensor([3., 4., 5.])
out.append(F.jacobian(f, (x, y), vectorize=True, strategy={strategy!r}))
""")


@pytest.mark.parametrize("f", [
    "(x ** 2).sum()", "T.ones([])", "(3 * x).sum()", "(3 * x).sum() + (x * y[:2]).sum()",
    "x.exp().sum() + y.sum()", "(x * 0).sum()", "x.detach().sum() + y.sum() ** 2",
    "(x @ x) * y.sum()"])
def test_forward_over_reverse_hessian_tracks_the_rows_whose_gradient_has_a_tangent(f: str):
    # test_hessian_vectorize_correctness_unrelated_outputs: a row of the Hessian is one
    # tangent of the gradient, tracked (ReshapeAliasBackward0) only where that gradient
    # depends on an input; a gradient that does not (its input enters linearly) gives rows
    # without history
    assert_same(torch, ak, f"""
F = T.autograd.functional
def f(x, y): return {f}
x, y = T.tensor([1., 2.]), T.tensor([3., 4., 5.])
r = F.hessian(f, (x, y), vectorize=True, outer_jacobian_strategy="forward-mode")
out.append([[(b, type(b.grad_fn).__name__) for b in row] for row in r])
r = F.hessian(lambda x: f(x, y), x, vectorize=True, outer_jacobian_strategy="forward-mode")
out.append((r, type(r.grad_fn).__name__))
""")


@pytest.mark.parametrize("f", ["x ** 2", "(x * y[:2], y.sum())", "(x.exp(), T.ones(2))",
                               "x.detach() * y[:2]"])
def test_forward_mode_jacobian_rows_are_tracked_together(f: str) -> None:
    # the blocks of one output are split from one batched tangent: with x requiring grad
    # the block for y is tracked as x's is
    assert_same(torch, ak, f"""
F = T.autograd.functional
x, y = T.tensor([1., 2.], requires_grad=True), T.tensor([3., 4., 5.])
out.append(F.jacobian(lambda x, y: {f}, (x, y), vectorize=True, strategy="forward-mode"))
""")
