"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py: hooks of every
kind, saved-tensor hooks, nodes' saved values and their errors once freed), run with the kit
and with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("use", ["unpack()", "data", "register_hooks(lambda t: t, lambda t: t)"])
@pytest.mark.parametrize("op, raw", [("x.pow(2)", "_raw_saved_self"),
                                     ("x.exp()", "_raw_saved_result"),
                                     ("x * w", "_raw_saved_other")])
def test_a_saved_value_held_across_backward_is_freed_with_the_graph(op: str, raw: str,
                                                                      use: str) -> None:
    # test_grad_fn_attr_bindings / the raw saved tensor tests: backward frees what a node
    # saved, also for whoever still holds it (the kit's kept its data and took hooks)
    assert_same(torch, ak, f"""
x = T.ones(3, requires_grad=True)
w = T.full((3,), 2.0, requires_grad=True)
y = {op}
r = y.grad_fn.{raw}
y.sum().backward(retain_graph=True)
out.append(r.{use})
y.sum().backward()
out.append(r.{use})
""")


_NODE_VALUES = """
a = T.tensor([[2.0, 0.5, 0.25], [0.5, 3.0, 0.5], [0.25, 0.5, 4.0]], requires_grad=True)
r = {op}
n = r.grad_fn
names = sorted(x for x in dir(n) if x.startswith('_saved') or x.startswith('_raw_saved'))
out.append((n.name(), names))
for x in names:
    if not x.startswith('_raw'):
        out.append((x, getattr(n, x)))
r.sum().backward()
for x in names:
    try:
        value = getattr(n, x)
        out.append((x, type(value).__name__ if x.startswith('_raw') else value))
    except RuntimeError as error:
        out.append((x, str(error)))
"""


@pytest.mark.parametrize("op", [
    "T.linalg.inv(a)", "T.inverse(a)", "T.linalg.inv_ex(a)[0]", "T.linalg.eigh(a)[0]",
    "T.linalg.eigh(a, UPLO='U')[1]", "T.linalg.eigvalsh(a)", "T.linalg.svd(a)[1]",
    "T.svd(a)[1]", "T.linalg.svdvals(a)", "T.linalg.svd(a[:, :2], full_matrices=False)[1]",
    "T.linalg.cholesky(a)", "T.linalg.cholesky(a, upper=True)",
    "T.linalg.cholesky_ex(a)[0]", "T.mvlgamma(a + 3, 2)",
    "T.special.multigammaln(a + 3, 1)"])
def test_a_nodes_saved_values_have_pytorchs_names(op: str) -> None:
    # test_grad_fn_attr_bindings: a node shows what it saved under the names of PyTorch's
    # derivatives.yaml (the kit showed _saved_result for inv's inverse, cholesky's L, eigh's
    # eigenvalues and eigenvectors, svd's U, S, Vh, and left out svd's full_matrices and
    # S_sym_argsize_minus_1, cholesky's upper, mvlgamma's p)
    assert_same(torch, ak, _NODE_VALUES.format(op=op))
