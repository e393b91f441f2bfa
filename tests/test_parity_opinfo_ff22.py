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


GRAPH = """
def graph(f):
    names = []
    while f is not None:
        names.append(type(f).__name__)
        f = f.next_functions[0][0] if f.next_functions else None
    return names
"""


@pytest.mark.parametrize("case", [
    "T.ones(3), T.ones(3), 1",
    "T.ones(2, 3), T.ones(2, 3), 2",
    "T.ones(1, 3), T.ones(3, 1), 1",
    "T.ones(3, 1), T.ones(3, 1), ([0], [0])",
    "T.ones(2, 5, 3), T.ones(2, 1, 3), ([0, 1, 2], [0, 1, 2])",
    "T.tensor(2.), T.tensor(3.), 0",
    "T.ones(0), T.ones(0), 1",
    "T.ones(2, 3), T.ones(3, 2), ([0, 1], [1, 0])",
    "T.ones(2, 3), T.ones(2, 3), ([1, 0], [1, 0])",
    "T.ones(6)[::2], T.ones(3), 1",
    "T.ones(2, 1, 3), T.ones(3, 1, 2), ([0, 1, 2], [2, 1, 0])",
    "T.ones(2, 3), T.ones(2, 3), ([0], [0])",
])
def test_tensordot_of_a_full_contraction_records_a_dot(case: str) -> None:
    # no free dimension with more than one value: PyTorch takes the dot of the flattened
    # operands, or the sum of their squeezed product when a permuted one is not contiguous
    same(GRAPH + f"""
a, b, dims = {case}
a = (a.double() * T.arange(1, a.numel() + 1).view(a.shape)).requires_grad_()
b = (b.double() + 0.5).requires_grad_()
r = T.tensordot(a, b, dims)
ga, gb = T.autograd.grad(r.sum() * r.sum(), [a, b], create_graph=True)
out += [r, r.shape, graph(r.grad_fn), ga, gb, graph(ga.grad_fn)]
out += [T.autograd.grad(ga.sum() + gb.sum(), [a, b])]
""")


def test_tensordot_of_integers_and_a_full_contraction() -> None:
    same("""
a = T.arange(6).view(2, 3)
out += [T.tensordot(a, a, 2), T.tensordot(a, a.t(), ([0, 1], [1, 0])), T.tensordot(a, a.t(), 1)]
""")


@pytest.mark.parametrize("case", [
    "(30, 2), (4, 2), {}",
    "(4, 3), (5, 3), {'compute_mode': 'use_mm_for_euclid_dist'}",
    "(5, 5, 2), (5, 6, 2), {'compute_mode': 'use_mm_for_euclid_dist'}",
    "(1, 5, 3), (3, 6, 3), {'compute_mode': 'use_mm_for_euclid_dist'}",
    "(2, 1, 27, 3), (3, 4, 3), {}",
    "(30, 2), (4, 2), {'compute_mode': 'donot_use_mm_for_euclid_dist'}",
    "(30, 2), (4, 2), {'p': 1.0}",
])
def test_cdist_by_matrix_product_records_euclidean_dist_backward(case: str) -> None:
    # p = 2 with more than 25 rows (or compute_mode="use_mm_for_euclid_dist"): PyTorch
    # computes |a|² - 2a·b + |b|² by one matrix product, node EuclideanDistBackward0
    same(GRAPH + f"""
import numpy as np
sa, sb, kw = {case}
rng = np.random.default_rng(0)
a = T.tensor(rng.standard_normal(sa), requires_grad=True)
b = T.tensor(rng.standard_normal(sb), requires_grad=True)
r = T.cdist(a, b, **kw)
ga, gb = T.autograd.grad((r * r.detach().sin()).sum(), [a, b], create_graph=True)
out += [r.round(decimals=10), r.stride(), graph(r.grad_fn), type(ga.grad_fn).__name__]
out += [ga.round(decimals=8), gb.round(decimals=8), type(gb.grad_fn).__name__]
try:  # (CdistBackward0's gradient has no derivative in PyTorch)
    gg = T.autograd.grad((ga ** 2).sum() + (gb ** 2).sum(), [a, b])
    out += [[g.round(decimals=6) for g in gg]]
except NotImplementedError as e:
    out += [str(e)]
node = r.grad_fn.next_functions[0][0] if r.grad_fn.next_functions else r.grad_fn
out += [node.name(), sorted(k for k in dir(node) if k.startswith("_saved_"))]
""")


def test_cdist_gradient_is_one_node_that_refuses_a_backward() -> None:
    same(GRAPH + """
a = T.randn(1, 3, 2, dtype=T.float64, requires_grad=True)
b = T.randn(2, 4, 2, dtype=T.float64, requires_grad=True)
g = T.randn(2, 3, 4, dtype=T.float64, requires_grad=True)
ga, gb = T.autograd.grad(T.cdist(a, b), [a, b], g, create_graph=True)
out += [graph(ga.grad_fn), [type(n).__name__ for n, _ in ga.grad_fn.next_functions[0][0]
                            .next_functions], [type(n).__name__ for n, _ in
                                               gb.grad_fn.next_functions], ga.requires_grad]
try:
    T.autograd.grad(ga.sum(), [g])
except NotImplementedError as e:
    out += [str(e)]
""")


def test_cdist_checks_compute_mode_first() -> None:
    same("""
for call in (lambda: T.cdist(T.ones(2, 2), T.ones(2, 2), compute_mode="bad"),
             lambda: T.cdist(T.ones(2), T.ones(2, 2), compute_mode="bad"),
             lambda: T.cdist(T.ones(2, 2, 3), T.ones(3, 30, 3)),
             lambda: T.cdist(T.ones(30, 2), T.ones(0, 2)).grad_fn):
    try:
        out.append(call())
    except Exception as e:
        out.append(f"{type(e).__name__}: {e}")
""")


@pytest.mark.parametrize("driver", [None, "gels", "gelsy", "gelsd", "gelss"])
@pytest.mark.parametrize("shapes", [
    "(2, 3), (2, 2)", "(3, 3), (3, 2)", "(5, 3), (5, 2)", "(5, 3), (5,)", "(2, 5, 3), (2, 5, 2)",
    "(5, 3), (5, 2), 'deficient'", "(2, 5, 3), (2, 5, 2), 'deficient'",
])
def test_lstsq_fills_residuals_rank_and_singular_values_by_driver(shapes: str,
                                                                   driver: str | None) -> None:
    # PyTorch: the rank by all drivers but gels, the singular values by gelsd and gelss, the
    # squared residuals (differentiable) when m > n by all but gelsy, by gelsd and gelss only
    # when every A has full column rank; what is not computed is an empty tensor
    same(f"""
import numpy as np
sa, sb, *deficient = {shapes} + ()
rng = np.random.default_rng(0)
A = rng.standard_normal(sa)
if deficient:
    A[0, ..., 2] = A[0, ..., 1]
a = T.tensor(A, requires_grad=True)
b = T.tensor(rng.standard_normal(sb), requires_grad=True)
r = T.linalg.lstsq(a, b, driver={driver!r})
for v in r:
    out += [v.round(decimals=8) if v.is_floating_point() else v, v.shape, v.dtype, v.requires_grad,
            type(v.grad_fn).__name__]
if r.residuals.numel():
    g = T.linspace(-1, 1, r.residuals.numel(), dtype=T.float64).view(r.residuals.shape)
    ga, gb = T.autograd.grad(r.residuals, [a, b], g, create_graph=True)
    out += [ga.round(decimals=8), gb.round(decimals=8)]
    ga, gb = T.autograd.grad((r.solution ** 2).sum() + r.residuals.sum(), [a, b],
                             create_graph=True)
    out += [ga.round(decimals=8), gb.round(decimals=8), type(ga.grad_fn).__name__]
    out += [x.round(decimals=6) for x in T.autograd.grad((ga ** 2).sum(), [a, b])]
""")


def test_lstsq_checks_the_driver() -> None:
    same("""
try:
    T.linalg.lstsq(T.ones(3, 2), T.ones(3, 1), driver="gelsx")
except RuntimeError as e:
    out.append(str(e))
r = T.linalg.lstsq(T.ones(4, 2, dtype=T.float32), T.ones(4, 1), driver="gelsd")
out += [v.dtype for v in r]
""")


@pytest.mark.parametrize("call", ["T.vander(x)", "T.vander(x, N=4)", "T.vander(x, N=2)",
                                  "T.vander(x, increasing=True)", "T.vander(x, N=1)"])
def test_vander_copies_x_into_its_columns_by_broadcasting(call: str) -> None:
    # PyTorch's copy_ broadcasts the unsqueezed x (no ExpandBackward0 in the graph); its
    # in-place cumprod then makes the backward fail, as in PyTorch
    same(GRAPH + f"""
x = T.tensor([1., 2., 3.], dtype=T.float64, requires_grad=True)
r = {call}
nodes, f = [], r.grad_fn
while f is not None:
    nodes.append(type(f).__name__)
    nexts = [n for n, _ in f.next_functions if n is not None]
    f = nexts[0] if nexts else None
out += [r, r.stride(), nodes]
try:
    out.append(T.autograd.grad(r.sum(), x))
except RuntimeError as e:
    out.append(str(e)[:60])
""")


@pytest.mark.parametrize("reduce", ["prod", "mean", "amax", "amin"])
def test_index_reduce_returns_a_row_major_result(reduce: str) -> None:
    # PyTorch allocates the out-of-place result row-major and copies x in, whatever x's
    # layout (the kit kept the reduced dimension first in memory)
    same(f"""
x = T.arange(1., 26., dtype=T.float64).view(5, 5).requires_grad_()
i = T.tensor([0, 2, 2, 4])
s = T.linspace(-2., 3., 20, dtype=T.float64).view(5, 4)
for r in (x.index_reduce(1, i, s, {reduce!r}), x.t().index_reduce(1, i, s, {reduce!r}),
          x.view(5, 1, 5).expand(5, 2, 5).index_reduce(2, i, T.ones(5, 2, 4,
                                                      dtype=T.float64), {reduce!r})):
    out += [r, r.stride(), r.is_contiguous(), r.view(-1).shape]
y = x.detach().t().clone().index_reduce_(1, i, s, {reduce!r})
out += [y, y.stride()]
""")


def test_nonzero_static_is_row_major() -> None:
    # nonzero's result is column-major in PyTorch, nonzero_static's row-major
    same("""
x = T.tensor([[1., 0, 2], [0, 3, 0]])
for size in (0, 1, 2, 3, 5):
    r = T.nonzero_static(x, size=size, fill_value=-7)
    out += [r, r.stride(), x.nonzero_static(size=size).stride()]
out += [T.nonzero(x).stride(), T.nonzero_static(T.tensor([0., 5.]), size=1).stride()]
""")


@pytest.mark.parametrize("call", [
    "F.conv_transpose1d(T.ones(1, 3, 4), T.ones(3, 3, 3), stride=2, padding=2, "
    "output_padding=1)",
    "F.conv_transpose2d(T.ones(1, 3, 4, 4), T.ones(3, 2, 3, 3), padding=1)",
    "F.conv_transpose2d(T.ones(3, 4, 4), T.ones(3, 2, 3, 3), padding=(1, 2))",
    "T.nn.ConvTranspose2d(3, 2, 3, padding=1).double()(T.ones(1, 3, 4, 4))",
    "F.conv_transpose3d(T.ones(2, 3, 4, 4, 4), T.ones(3, 2, 3, 3, 3), padding=1)",
    "F.conv3d(T.ones(2, 3, 5, 5, 5), T.ones(4, 3, 3, 3, 3), padding=1)",
    "F.conv3d(T.ones(3, 5, 5, 5), T.ones(4, 3, 3, 3, 3), stride=2)",
    "F.avg_pool3d(T.ones(1, 2, 4, 4, 4), 2, stride=1, padding=1)",
    "F.avg_pool3d(T.ones(2, 4, 4, 4), 2)",
    "F.lp_pool3d(T.ones(2, 3, 4, 4, 4), 2, 2)",
])
def test_convolution_and_pooling_results_are_contiguous(call: str) -> None:
    # PyTorch's kernels allocate these results row-major (a decoder's y.view(N, -1) works);
    # the kit returned a padded buffer's cut or depth slices' transposed layout
    same(f"""
T.set_default_dtype(T.float64)
F = T.nn.functional
try:
    y = {call}
    out += [y.shape, y.stride(), y.is_contiguous(), y.view(-1).shape]
finally:
    T.set_default_dtype(T.float32)
""")


def test_sum_to_size_of_no_dimensions_is_a_full_sum() -> None:
    same("""
for x in (T.tensor(2., requires_grad=True), T.ones(3, requires_grad=True),
          T.ones(2, 3, requires_grad=True)):
    r = x.sum_to_size(())
    out += [r, r is x, type(r.grad_fn).__name__, x.sum_to_size(x.shape) is x]
try:
    T.ones(2).sum_to_size()
except TypeError as e:
    out.append(str(e))
y = T.ones(2, 3, requires_grad=True)
out += [type(y.sum_to_size(1, 3).grad_fn).__name__, type(y.sum_to_size(3).grad_fn).__name__]
""")


def test_lu_unpack_permutation_is_row_major() -> None:
    same("""
A = T.tensor([[4., 3, 1, 2, 5], [6, 3, 2, 1, 1], [1, 5, 7, 3, 3]], dtype=T.float64)
for a in (A, A.mT, A[:, :3], T.stack([A[:, :3], A[:, 2:]])):
    LU, piv = T.linalg.lu_factor(a)
    for lu in (LU, LU.contiguous()):
        P, L, U = T.lu_unpack(lu, piv)
        out += [P, P.stride(), L.stride(), U.stride(), LU.stride()]
""")


def test_solving_xa_equals_b_gives_a_row_major_x() -> None:
    # PyTorch solves Aᵀ Xᵀ = Bᵀ, LAPACK leaving Xᵀ column-major: X itself is row-major
    same("""
A = T.tensor([[4., 3, 1], [6, 3, 2], [1, 5, 7]], dtype=T.float64, requires_grad=True)
B = T.linspace(-1., 2., 12, dtype=T.float64).view(4, 3).requires_grad_()
LU, piv = T.linalg.lu_factor(A)
for x in (T.linalg.solve(A, B, left=False), T.linalg.lu_solve(LU, piv, B, left=False),
          T.linalg.lu_solve(LU, piv, B, left=False, adjoint=True),
          T.linalg.solve(T.stack([A, 2 * A]), T.stack([B, B]), left=False),
          T.linalg.solve(A, B.mT), T.linalg.lu_solve(LU, piv, B.mT)):
    out += [x.round(decimals=10), x.stride(), type(x.grad_fn).__name__]
    out += [g.round(decimals=10) for g in T.autograd.grad((x * x).sum(), [A, B])]
""")
