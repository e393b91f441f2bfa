"""Mismatches with PyTorch found by running the ``>>>`` examples of PyTorch's own docstrings
(``torch.*``, ``torch.linalg.*``, ``torch.special.*`` and ``Tensor.*``) once with PyTorch and
once with the kit, each checked live against PyTorch."""

from __future__ import annotations

import warnings

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402
from tests import parity_harness  # noqa: E402


def assert_same(code: str) -> None:
    """``code`` (``T`` is the library) leaves the same reprs in ``out`` with both."""
    parity_harness.assert_same(torch, ak, code)


# ---- asarray: requires_grad=False detaches (or switches a leaf's flag off), copy=False ------

@pytest.mark.parametrize("call", [
    "T.asarray(b, requires_grad=False)", "T.asarray(a, requires_grad=False)",
    "T.asarray(b, requires_grad=True)", "T.asarray(x, requires_grad=True)",
    "T.asarray(b, copy=True)", "T.asarray(b, copy=True, requires_grad=False)",
    "T.asarray(a, copy=True)", "T.asarray(b, dtype=T.float64)",
    "T.asarray(b, dtype=T.float64, requires_grad=False)",
    "T.asarray(x, dtype=T.float64, requires_grad=True)",
    "T.asarray(x, dtype=T.float64, copy=False)", "T.asarray(a, dtype=T.float64, copy=False)",
    "T.asarray(i, requires_grad=True)", "T.asarray(i, requires_grad=False)",
    "T.asarray([1., 2.], requires_grad=True)", "T.asarray([1, 2], requires_grad=True)",
    "T.asarray(a, requires_grad=None)", "T.asarray(x, copy=False)", "T.asarray(x, copy=True)",
    "T.asarray([1, 2], copy=False)", "T.asarray(3.5, copy=False)",
    "T.asarray(n, copy=False)", "T.asarray(n, dtype=T.float64, copy=False)",
    "T.asarray(n, dtype=T.float64)", "T.asarray(n, requires_grad=True)",
    "T.asarray(ni, requires_grad=True)", "T.asarray(b, copy=False, requires_grad=False)",
])
def test_asarray_of_tensors_that_require_grad(call: str) -> None:
    assert_same(f"""
import numpy as np
a = T.tensor([1., 2., 3.], requires_grad=True)
b = a + 2
x = T.tensor([1., 2.])
i = T.tensor([1, 2])
n = np.array([1., 2.], dtype=np.float32)
ni = np.array([1, 2])
c = {call}
out.append(repr(c))
out.append((c.is_leaf, c.requires_grad, [k for k in 'abxi' if c is eval(k)]))
out.append((a.requires_grad, x.requires_grad))
if isinstance(eval("{call}".split("(")[1].split(",")[0]), np.ndarray):
    out.append(np.shares_memory(c.detach().numpy(), n))
""")


def test_asarray_docstring_example() -> None:
    assert_same("""
a = T.tensor([1., 2., 3.], requires_grad=True)
b = a + 2
c = T.asarray(b, requires_grad=False)
d = T.asarray(b, requires_grad=True)
e = T.asarray(b)
out.extend(repr(t) for t in (b, c, d, e))
c.add_(1)
out.append(repr(b))
""")


def test_asarray_warns_once_when_requires_grad_is_left_unset() -> None:
    from autograd_kit import creation_asarray

    a = ak.tensor([1.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ak.asarray(a * 2, requires_grad=False)
        ak.asarray(a.detach())
        ak.asarray(a)
        ak.asarray(a)
    assert [str(w.message) for w in caught] == [creation_asarray.GRAD_WARNING]
    assert str(caught[0].message).startswith(
        "torch.asarray: unspecified requires_grad now defaults to obj.requires_grad instead "
        "of False. Pass requires_grad=False explicitly to get the old behavior and silence "
        "this warning.")


# ---- typename: a class or a function by its own qualified name -----------------------------

@pytest.mark.parametrize("value", ["T.nn.Parameter", "T.nn.Linear(1, 1)", "T.tensor([1, 2])",
                                   "T.tensor([1.])", "len", "3", "[1]", "T.Size([1])",
                                   "T.float32", "T.nn.Module"])
def test_typename(value: str) -> None:
    assert_same(f"out.append(T.typename({value}))")


# ---- linalg.pinv / matrix_rank: atol, hermitian=True (eigh of the lower triangle), the older
# positional forms (rcond, tol) -----------------------------------------------------------

@pytest.mark.parametrize("call", [
    "T.linalg.pinv(A, hermitian=True)", "T.linalg.pinv(A, atol=0.5)",
    "T.linalg.pinv(A, atol=0.5, rtol=0.1)", "T.linalg.pinv(A, atol=-1.)",
    "T.linalg.pinv(A, 0.5)", "T.linalg.pinv(A, rcond=0.5)", "T.linalg.pinv(A, 0.5, True)",
    "T.linalg.pinv(A, rtol=T.tensor(0.3))", "T.linalg.pinv(R)", "T.linalg.pinv(R, atol=0.9)",
    "T.linalg.pinv(Bb, atol=T.tensor([0.1, 5.]))", "T.linalg.pinv(Ab, hermitian=True)",
    "T.linalg.pinv(R, hermitian=True)", "T.linalg.pinv(T.ones(3))",
    "T.linalg.pinv(R.int())", "T.linalg.pinv(T.zeros(0, 3), hermitian=True)",
    "T.linalg.pinv(T.zeros(2, 3, 0), atol=1.)", "T.linalg.pinv(T.zeros(3, 3), hermitian=True)",
    "T.linalg.matrix_rank(A, hermitian=True)", "T.linalg.matrix_rank(S, hermitian=True)",
    "T.linalg.matrix_rank(R, hermitian=True)", "T.linalg.matrix_rank(A, 0.5)",
    "T.linalg.matrix_rank(A, tol=0.5)", "T.linalg.matrix_rank(A, 0.5, True)",
    "T.linalg.matrix_rank(A, atol=T.tensor([0.1, 5.]))", "T.linalg.matrix_rank(S, atol=1.)",
    "T.linalg.matrix_rank(A, rtol=0.5, atol=0.1)", "T.linalg.matrix_rank(T.ones(3))",
    "T.linalg.matrix_rank(R.int())", "T.linalg.matrix_rank(T.zeros(0, 3), hermitian=True)",
    "T.linalg.matrix_rank(T.zeros(2, 0, 3))", "T.linalg.matrix_rank(T.zeros(3, 3))",
])
def test_pinv_and_matrix_rank_tolerances(call: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn(3, 3, dtype=T.float64)
S = A + A.mT
R = T.randn(2, 3, dtype=T.float64)
Bb = T.randn(2, 2, 3, dtype=T.float64)
Ab = T.randn(2, 3, 3, dtype=T.float64)
out.append(repr({call}))
""")


@pytest.mark.parametrize("call", ["T.linalg.pinv(X, hermitian=True)",
                                  "T.linalg.pinv(X, atol=0.5)", "T.linalg.pinv(X, 0.2)"])
def test_pinv_gradients_with_tolerances(call: str) -> None:
    assert_same(f"""
T.manual_seed(0)
X = T.randn(3, 3, dtype=T.float64, requires_grad=True)
P = {call}
out.append(repr(P))
out.append(T.autograd.grad((P * T.arange(9.).reshape(3, 3)).sum(), X)[0])
""")


# ---- linalg.solve(left=False): B's shape is checked (the kit reported a singular matrix);
# a singular matrix of a batch is named in the error --------------------------------------

@pytest.mark.parametrize("call", [
    "T.linalg.solve(A, B, left=False)", "T.linalg.solve(A, B.mT, left=False)",
    "T.linalg.solve(A, T.ones(3), left=False)", "T.linalg.solve(A, T.ones(2), left=False)",
    "T.linalg.solve(A, T.ones(2, 4, 3), left=False)",
    "T.linalg.solve(A, T.ones(2, 4, 2), left=False)",
    "T.linalg.solve(T.ones(2, 3, 3), T.ones(2, 3), left=False)",
    "T.linalg.solve_ex(A, B, left=False)", "T.linalg.solve(A, T.ones(2))",
    "T.linalg.solve(A, T.ones(0, 3), left=False)",
    "T.linalg.solve(T.ones(2, 3, 3), T.ones(2, 3))",
    "T.linalg.solve(T.stack([T.eye(3), T.ones(3, 3)]), T.ones(2, 3))",
    "T.linalg.inv(T.ones(2, 3, 3))", "T.linalg.inv(T.stack([T.eye(3), T.ones(3, 3)]))",
    "T.linalg.inv(T.ones(3, 3))", "T.inverse(T.stack([T.eye(3), T.zeros(3, 3)]))",
    "T.linalg.inv_ex(T.ones(2, 3, 3), check_errors=True)",
])
def test_solve_shapes_and_singular_batch_elements(call: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn(3, 3, dtype=T.float64)
B = T.randn(3, 2, dtype=T.float64)
out.append(repr({call}))
""")


# ---- linalg.lu_factor: a zero on U's diagonal is an error (lu_factor_ex: info), pivot=False
# is refused on the CPU, PyTorch's input errors, empty matrices --------------------------

@pytest.mark.parametrize("call", [
    "T.linalg.lu_factor(T.ones(3, 3))", "T.linalg.lu_factor(T.ones(2, 3, 3))",
    "T.linalg.lu_factor(T.ones(2, 3))", "T.linalg.lu_factor(T.ones(3, 2))",
    "T.linalg.lu_factor(T.zeros(3, 3))", "T.linalg.lu_factor_ex(T.ones(3, 3))",
    "T.linalg.lu_factor_ex(T.ones(2, 3, 3), check_errors=True)",
    "T.linalg.lu_factor_ex(T.stack([T.eye(3), T.ones(3, 3)]))",
    "T.linalg.lu_factor(T.tensor([[0., 1.], [0., 1.]]))", "T.linalg.lu(T.ones(3, 3))",
    "T.linalg.lu(A, pivot=False)", "T.linalg.lu_factor(A, pivot=False)",
    "T.linalg.lu_factor_ex(A, pivot=False)", "T.linalg.lu_factor(T.ones(3))",
    "T.linalg.lu_factor_ex(T.ones(3))", "T.linalg.lu(T.ones(3))",
    "T.linalg.lu(T.ones(3), pivot=False)", "T.linalg.lu_factor(T.ones(3, 3).int())",
    "T.linalg.lu(T.ones(3, 3).int(), pivot=False)", "T.linalg.lu_factor(T.ones(3, 3).half())",
    "T.linalg.lu(T.ones(0, 3))", "T.linalg.lu_factor(T.ones(0, 3))",
    "T.linalg.lu_factor_ex(T.ones(2, 0, 3))", "T.linalg.lu(T.ones(2, 0, 3))",
    "T.linalg.lu_factor(T.ones(3, 0))", "T.linalg.lu_factor(A)",
])
def test_lu_factor_errors_and_info(call: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn(3, 3)
out.append(repr({call}))
""")


# ---- linalg.lu_solve: left=False (XA = B) and adjoint=True (AᵀX = B), with gradients, and
# PyTorch's argument checks ----------------------------------------------------------------

@pytest.mark.parametrize("form", ["left=True, adjoint=True", "left=False, adjoint=False",
                                  "left=False, adjoint=True", "left=True, adjoint=False"])
def test_lu_solve_left_and_adjoint(form: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn(3, 3, dtype=T.float64, requires_grad=True)
B = T.randn(3, 3, dtype=T.float64, requires_grad=True)
LU, pivots = T.linalg.lu_factor(A)
X = T.linalg.lu_solve(LU, pivots, B, {form})
out.append(repr(X))
AA = A if "adjoint=False" in "{form}" else A.mT
out.append(T.allclose(AA @ X if "left=True" in "{form}" else X @ AA, B))
gA, gB = T.autograd.grad((X * T.arange(9.).reshape(3, 3)).sum(), (A, B))
out.append(repr(gA))
out.append(repr(gB))
""")


def test_lu_solve_left_false_batched() -> None:
    assert_same("""
T.manual_seed(0)
A = T.randn(2, 3, 3, dtype=T.float64)
B = T.randn(2, 4, 3, dtype=T.float64)
LU, pivots = T.linalg.lu_factor(A)
out.append(repr(T.linalg.lu_solve(LU, pivots, B, left=False)))
out.append(repr(T.linalg.lu_solve(LU, pivots, B, left=False, adjoint=True)))
""")


@pytest.mark.parametrize("call", [
    "T.linalg.lu_solve(*T.linalg.lu_factor(A), B, left=False)",
    "T.linalg.lu_solve(R, T.ones(3).int(), B)", "T.linalg.lu_solve(A, T.ones(2).int(), B)",
    "T.linalg.lu_solve(A, T.ones(3), B)", "T.linalg.lu_solve(A, T.ones(3).int(), B.double())",
    "T.linalg.lu_solve(R, T.ones(2), B.double())", "T.linalg.lu_solve(A, T.ones(3), T.ones(3))",
    "T.linalg.lu_solve(A.int(), T.ones(3).int(), B.int())",
    "T.linalg.lu_solve(A.int(), T.ones(3), B.int())", "T.linalg.lu_solve(A, T.ones(2), B.mT)",
    "T.linalg.lu_solve(A.half(), T.ones(3).int(), B.half())",
    "T.linalg.lu_solve(R, T.ones(3).int(), T.ones(3))",
    "T.linalg.lu_solve(A, T.ones(3).int(), T.ones(3))",
])
def test_lu_solve_argument_errors(call: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn(3, 3)
R = T.randn(2, 3)
B = T.randn(3, 2)
out.append(repr({call}))
""")


# ---- masked_scatter (out of place) broadcasts self with the mask, as Tensor.masked_scatter's
# docstring shows; x's gradient is summed back --------------------------------------------

@pytest.mark.parametrize("call", [
    "T.zeros(5).masked_scatter(T.tensor([[0, 0, 0, 1, 1], [1, 1, 0, 1, 1]]).bool(), "
    "T.arange(10.).reshape(2, 5))",
    "T.zeros(2, 5).masked_scatter(T.tensor([0, 0, 0, 1, 1]).bool(), T.arange(10.))",
    "T.zeros(2, 1).masked_scatter(T.tensor([0, 1, 1]).bool(), T.arange(10.))",
    "T.zeros(3).masked_scatter(T.ones(2, 2).bool(), T.arange(10.))",
    "T.zeros(3).masked_scatter(T.ones(2, 2), T.arange(10.))",
    "T.zeros(3).masked_scatter(T.ones(2, 2).bool(), T.arange(10))",
    "T.zeros(3).masked_scatter(T.ones(2, 3).bool(), T.arange(3.))",
    "T.zeros(3).masked_scatter(T.ones(2, 3), T.arange(3))",
    "T.masked_scatter(T.zeros(3), T.ones(2, 3).bool(), T.arange(6.))",
])
def test_masked_scatter_broadcasts_self(call: str) -> None:
    assert_same(f"out.append(repr({call}))")


def test_masked_scatter_broadcast_gradients() -> None:
    assert_same("""
x = T.zeros(2, 1, requires_grad=True)
s = T.arange(10., requires_grad=True)
y = x.masked_scatter(T.tensor([0, 1, 1]).bool(), s)
out.append(repr(y))
out.append(type(y.grad_fn).__name__)
out.append([type(f).__name__ for f, _ in y.grad_fn.next_functions])
(y * T.arange(6.).reshape(2, 3)).sum().backward()
out.append(repr(x.grad))
out.append(repr(s.grad))
""")


# ---- torch.lu_unpack, torch.lu and torch.lu_solve (and Tensor.lu, Tensor.lu_solve): PyTorch's
# older LU functions, which the kit lacked -------------------------------------------------

@pytest.mark.parametrize("shape", ["3, 3", "2, 3, 3"])
def test_lu_and_lu_unpack(shape: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn({shape}, dtype=T.float64, requires_grad=True)
LU, piv = T.lu(A)
out.extend([repr(LU), repr(piv)])
r = T.lu_unpack(LU, piv)
out.append(repr(r))
P, L, U = r
out.append(T.allclose(P @ L @ U, A))
gA, = T.autograd.grad((L * L.detach().add(1)).sum() + (U * 2).sum(), A)
out.append(repr(gA))
out.append(repr(T.lu_unpack(LU, piv, unpack_data=False)))
out.append(repr(T.lu_unpack(LU, piv, unpack_pivots=False)))
out.append(repr(T.lu(A, get_infos=True)))
out.append(repr(A.lu()))
out.append(repr(T.lu(T.ones(3, 3))))
out.append(repr(T.lu(T.ones(3, 3), get_infos=True)))
""")


@pytest.mark.parametrize("shape", ["3, 2", "2, 3"])
def test_lu_unpack_of_rectangular_lu_gradients(shape: str) -> None:
    assert_same(f"""
T.manual_seed(0)
LU, piv = T.linalg.lu_factor(T.randn({shape}, dtype=T.float64))
LU.requires_grad_()
P, L, U = T.lu_unpack(LU, piv)
out.append(repr((P, L, U)))
out.append(repr(T.autograd.grad((L * L.detach().add(1)).sum() + (U * 2).sum(), LU)))
""")


def test_lu_solve_old_argument_order() -> None:
    assert_same("""
T.manual_seed(0)
A = T.randn(3, 3, dtype=T.float64, requires_grad=True)
b = T.randn(3, 2, dtype=T.float64)
LU, piv = A.lu()
out.append(repr(T.lu_solve(b, LU, piv)))
out.append(repr(b.lu_solve(LU, piv)))
""")


def test_lu_and_lu_solve_warn_once_that_they_are_deprecated() -> None:
    from autograd_kit import lu_older

    a = ak.randn(3, 3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lu, pivots = ak.lu(a)
        ak.lu(a)
        ak.lu_solve(ak.randn(3, 1), lu, pivots)
        ak.lu_solve(ak.randn(3, 1), lu, pivots)
    assert [str(w.message) for w in caught] == [lu_older.LU_WARNING, lu_older.LU_SOLVE_WARNING]
    t = torch.randn(3, 3)
    with warnings.catch_warnings(record=True) as from_torch:
        warnings.simplefilter("always")
        lu_t, pivots_t = torch.lu(t)
        torch.lu_solve(torch.randn(3, 1), lu_t, pivots_t)
    expected = [str(w.message) for w in from_torch]
    # (PyTorch warns once a process: only the warnings no earlier test brought out)
    assert all(message in [str(w.message) for w in caught] for message in expected)


# ---- distributions: FisherSnedecor samples X₁/X₂ (the kit gave X₁ alone), LKJCholesky samples
# Cholesky factors by the onion method (the kit gave the Beta draws); poisson refuses integer
# rates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    "m = T.distributions.FisherSnedecor(T.tensor([1.0]), T.tensor([2.0]))\n"
    "out.append(repr(m.sample()))\nout.append(repr(m.sample((2, 3))))",
    "m = T.distributions.FisherSnedecor(T.tensor([1.0, 3.]), T.tensor([2.0, 5.]))\n"
    "out.append(repr(m.rsample((4,))))",
    "d1 = T.tensor([1.0, 3.], requires_grad=True)\n"
    "m = T.distributions.FisherSnedecor(d1, T.tensor([2.0, 5.]))\nx = m.rsample()\n"
    "out.append(repr(x))\nout.append(repr(T.autograd.grad(x.sum(), d1)))",
    "m = T.distributions.FisherSnedecor(2., 3.)\nout.append(repr(m.sample((3,))))",
    "l = T.distributions.LKJCholesky(3, T.tensor(0.5, dtype=T.float64))\n"
    "out.append(repr(l.sample()))\nout.append(repr(l.sample((2,))))",
    "l = T.distributions.LKJCholesky(2, T.tensor([0.5, 2.]))\nout.append(repr(l.sample()))",
    "l = T.distributions.LKJCholesky(4, T.tensor([0.5, 2.], dtype=T.float64))\n"
    "out.append(repr(l.sample((3,))))\ns = l.sample()\nout.append(repr(l.log_prob(s)))",
    "out.append(repr(T.poisson(T.tensor([4]))))",
    "out.append(repr(T.poisson(T.tensor([True]))))",
    "out.append(repr(T.poisson(T.tensor([4], dtype=T.uint8))))",
    "out.append(repr(T.distributions.Poisson(T.tensor([4])).sample()))",
    "out.append(repr(T.distributions.Poisson(T.tensor([4.])).sample((3,))))",
])
def test_distribution_samples(code: str) -> None:
    assert_same("T.manual_seed(0)\n" + code)


# ---- linalg.lu / lu_factor backward for rectangular matrices (the kit raised
# NotImplementedError: square only) --------------------------------------------------------

@pytest.mark.parametrize("shape", ["3, 4", "4, 3", "2, 3, 5", "5, 2", "3, 3", "2, 5, 3"])
def test_lu_gradients_of_rectangular_matrices(shape: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn({shape}, dtype=T.float64, requires_grad=True)
P, L, U = T.linalg.lu(A)
w1 = T.randn(L.shape, dtype=T.float64)
w2 = T.randn(U.shape, dtype=T.float64)
out.append(repr(T.autograd.grad((L * w1).sum() + (U * w2).sum(), A, retain_graph=True)))
out.append(repr(T.autograd.grad((L * w1).sum(), A, retain_graph=True)))
out.append(repr(T.autograd.grad((U * w2).sum(), A)))
LU, piv = T.linalg.lu_factor(A)
w = T.randn(LU.shape, dtype=T.float64)
out.append(repr(T.autograd.grad((LU * w).sum(), A)))
x = A.detach().requires_grad_()
out.append(T.autograd.gradcheck(lambda a: T.linalg.lu(a)[1:], (x,)))
out.append(T.autograd.gradcheck(lambda a: T.linalg.lu_factor(a)[0], (x,)))
""")


# ---- cholesky_solve / cholesky_inverse with a zero on the factor's diagonal: NaN from the
# substitutions, and PyTorch's LinAlgError (the kit raised NumPy's "Singular matrix") --------

@pytest.mark.parametrize("call", [
    "T.cholesky_inverse(T.zeros(2, 3, 3))", "T.cholesky_inverse(T.tensor([[1., 0], [1., 0]]))",
    "T.cholesky_inverse(T.tensor([[0., 0], [1., 1]]), upper=True)",
    "T.cholesky_solve(T.ones(3, 1), T.tensor([[1., 0, 0], [1., 0, 0], [1, 1, 1]]))",
    "T.cholesky_solve(T.ones(3, 1), T.zeros(3, 3))",
    "T.cholesky_solve(T.ones(2, 3, 2), T.zeros(3, 3))",
    "T.cholesky_solve(T.arange(6.).reshape(3, 2), "
    "T.tensor([[1., 0, 0], [1., 0, 0], [1, 1, 1]]), upper=True)",
    "T.cholesky_solve(B, T.linalg.cholesky(A @ A.mT + T.eye(3)))",
])
def test_cholesky_solve_and_inverse_of_singular_factors(call: str) -> None:
    assert_same(f"""
T.manual_seed(0)
A = T.randn(3, 3)
B = T.randn(3, 2)
out.append(repr({call}))
""")
