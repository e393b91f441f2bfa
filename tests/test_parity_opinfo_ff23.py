"""Parity with PyTorch on the sample, reference and error inputs of PyTorch's OpInfo database
(torch/testing/_internal/common_methods_invocations.py and opinfo/definitions), on the
layouts of their results, and on the in-place, method and out= variants of its entries.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, strides, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("shapes", [
    "(2, 3, 3), (2, 3)", "(2, 3, 3), (3,)", "(2, 2, 3, 3), (2, 2, 3)", "(3, 3), (3,)",
    "(2, 3, 3), (2, 3, 4)",
])
def test_a_batch_of_vector_solutions_is_laid_out_as_one_column_major_matrix(
        shapes: str) -> None:
    # PyTorch allocates the solution with its last two dimensions column-major, the batch
    # of vectors included: X of shape (2, 3) has strides (1, 2)
    same(f"""
a_shape, b_shape = {shapes}
A = (T.arange(float(T.Size(a_shape).numel()), dtype=T.float64).view(a_shape) % 5
     + 4 * T.eye(a_shape[-1], dtype=T.float64)).requires_grad_()
B = T.linspace(-1., 2., T.Size(b_shape).numel(), dtype=T.float64).view(b_shape)
B.requires_grad_()
for x in (T.linalg.solve(A, B), T.linalg.solve_ex(A, B).result):
    out += [x.round(decimals=10), x.stride(), type(x.grad_fn).__name__]
    out += [g.round(decimals=10) for g in T.autograd.grad((x * x).sum(), [A, B])]
""")


@pytest.mark.parametrize("case", [
    "[[1., 1.], [1., 1.]], [[1.], [2.]]",
    "[[1., 0.], [0., 0.], [0., 0.]], [1., 2., 3.]",
    "[[1., 0., 0.], [0., 0., 0.]], [1., 2.]",
    "[[[1., 0.], [0., 1.]], [[2., 2.], [1., 1.]], [[1., 1.], [1., 1.]]], T.ones(3, 2, 1)",
    "[[[0., 0.], [0., 0.]]], T.ones(1, 2, 1)",
    "[[0., 0.], [0., 0.], [0., 0.]], [[1.], [2.], [3.]]",
    "[[1., 2.], [3., 4.], [5., 7.]], [[1.], [2.], [3.]]",
    "T.ones(0, 2), T.ones(0, 1)",
])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_gels_refuses_a_matrix_with_an_exact_zero_on_rs_diagonal(case: str, dtype: str) -> None:
    # LAPACK's gels solves through QR (LQ for a wide A) and fails on an exact zero pivot of
    # R; an all-zero A is solved by zero. The kit solved every A by its pseudo-inverse.
    same(f"""
a, b = {case}
A, B = T.as_tensor(a, dtype=T.{dtype}), T.as_tensor(b, dtype=T.{dtype})
r = T.linalg.lstsq(A, B, driver="gels")
out += [r.solution.round(decimals=4), r.rank, r.residuals.shape]
""")


@pytest.mark.parametrize("call", [
    "T.ones(3), T.ones(3)",
    "T.tensor(1.), T.tensor(1.)",
    "T.ones(3, 2), T.tensor(1.)",
    "T.ones(3, 2), T.ones(3, dtype=T.float64)",
    "T.ones(3, 2), T.ones(2, 3, 2, 2)",
    "T.ones(2, 3, 2), T.ones(3)",
    "T.ones(3, 2), T.ones(4)",
    "T.ones(3, 2), T.ones(4, 1)",
    "T.ones(4, 3, 2), T.ones(1, 3)",
    "T.ones(4, 3, 2), T.ones(3, 1)",
    "T.ones(2, 3, 2), T.ones(3, 3, 1)",
    "T.ones(4, 1, 3, 2), T.ones(5, 3, 4)",
    "T.ones(3, 3, 2), T.ones(3, 1)",
    "T.ones(2, 3, 2), T.ones(1, 3, 4)",
    "T.ones(3, 2, dtype=T.int64), T.ones(3, 1, dtype=T.int64)",
    "T.ones(3, 2, dtype=T.int64), T.ones(3, 1, dtype=T.int64), 1e-3",
    "T.ones(3, 2, dtype=T.int64), T.ones(3, 1, dtype=T.int64), driver='foo'",
    "T.ones(3, 2, dtype=T.float16), T.ones(3, 1, dtype=T.float16)",
    "T.ones(2, 3, 2, dtype=T.int64), T.ones(3, 3, 1, dtype=T.int64), 0.1",
    "T.ones(3, 2), T.ones(3, 1), 'gelsd'",
    "T.ones(3, 2), T.ones(3, 1), driver=1",
    "T.ones(3, 2), [1., 2., 3.]",
    "T.ones(3, 2), T.ones(3, 1), 1",
    "input=T.ones(3, 2), b=T.ones(3, 1), rcond=None, driver=None",
])
def test_lstsq_checks_its_arguments_in_pytorchs_order(call: str) -> None:
    # the kit indexed shapes before checking them (IndexError), took any B one dimension
    # short for a vector, and did not check dtypes, batches or argument types
    same(f"""
r = T.linalg.lstsq({call})
out += [r.solution.shape, r.rank.shape, r.residuals.shape]
""")
