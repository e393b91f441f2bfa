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


@pytest.mark.parametrize("op", [
    "F.max_pool2d(x, 2)", "F.max_pool2d(x, (2, 3), stride=1, padding=1, ceil_mode=True)",
    "F.max_pool2d(x, 3, 2, 1, 2, return_indices=True)[0]", "F.max_pool2d(x, 2, stride=[])",
    "T.nn.MaxPool2d(2)(x)", "F.avg_pool2d(x, 2)", "T.nn.AvgPool2d(2, ceil_mode=True)(x)",
    "F.adaptive_max_pool2d(x, (2, 3))", "F.adaptive_max_pool2d(x, 2, return_indices=True)[0]",
    "F.avg_pool2d(x, (2, 3), (1, 2), 1, True, count_include_pad=False, divisor_override=3)"])
def test_a_pools_node_shows_its_arguments(op: str) -> None:
    # a pool's node keeps its arguments as given (the stride empty when F.max_pool2d got
    # none) and max pooling its indices as _saved_result1 (adaptive max pooling too); the
    # kit showed only _saved_self.
    # Double backward still goes through the same arguments
    assert_same(torch, ak, f"""
F = T.nn.functional
x = T.arange(30., dtype=T.float64).view(1, 1, 5, 6).requires_grad_()
r = {op}
n = r.grad_fn
names = sorted(a for a in dir(n) if a.startswith('_saved') or a.startswith('_raw_saved'))
out.append((n.name(), names))
out.append([(a, getattr(n, a)) for a in names if not a.startswith('_raw')])
r.pow(2).sum().backward(create_graph=True)
out.append([(a, getattr(n, a)) for a in names if a not in ('_saved_self', '_saved_result1')
            and not a.startswith('_raw')])
g = x.grad
g.pow(2).sum().backward()
out.append((g.grad_fn.name(), x.grad))
""")


@pytest.mark.parametrize("op", [
    "T.nn.functional.pixel_shuffle(a.view(1, 9, 1, 1), 3)",
    "T.pixel_unshuffle(a.view(1, 1, 3, 3)[..., :2, :2], 2)",
    "T.nn.PixelShuffle(1)(a.view(1, 1, 3, 3))",
    "T.trapezoid(a)", "T.trapezoid(a, dx=2)", "T.trapezoid(a, dx=0.5, dim=0)"])
def test_a_nodes_number_options_show_as_pytorchs(op: str) -> None:
    # pixel_shuffle's node shows _saved_upscale_factor (pixel_unshuffle's
    # _saved_downscale_factor), which the kit left out; trapezoid's step shows as a float
    # (1.0 for the default dx=1; the kit showed the int)
    assert_same(torch, ak, _NODE_VALUES.format(op=op))


@pytest.mark.parametrize("call", ["x.clamp_min(y)", "x.clamp_max(y)", "T.clamp_min(x, y)",
                                  "T.clamp_max(x, y.detach())", "x.clone().clamp_min_(y)",
                                  "x.clone().clamp_max_(y)", "T.clamp(x, min=y)"])
def test_clamp_min_with_a_tensor_has_two_edges(call: str) -> None:
    # ClampMinBackward1 / ClampMaxBackward1 take the input and the one bound (the kit's
    # node had a third edge, (None, 0), for the missing bound); clamp(min=tensor) is
    # ClampBackward0, with three
    assert_same(torch, ak, f"""
x = T.tensor([[0.5, 1.5, -1.0], [2.0, 0.0, 1.0]], requires_grad=True)
y = T.tensor([1., 0.5, 0.0], requires_grad=True)
r = {call}
n = r.grad_fn
out.append((n.name(), [None if f is None else f.name() for f, _ in n.next_functions]))
out.append([(a, getattr(n, a)) for a in sorted(dir(n)) if a.startswith('_saved')])
(r * T.arange(6.).view(2, 3)).sum().backward(create_graph=True)
out.append((x.grad, y.grad))
fw = T.autograd.forward_ad
with fw.dual_level():
    d = fw.make_dual(x.detach(), T.ones(2, 3))
    y = fw.make_dual(y.detach(), T.full((3,), 2.))
    out.append(fw.unpack_dual({call.replace("x.", "d.").replace("(x,", "(d,")}).tangent)
""")


@pytest.mark.parametrize("op", [
    "T.trapezoid(a, a * 2)", "T.cumulative_trapezoid(a, a * 2)",
    "T.nn.functional.cross_entropy(a, a.softmax(1))"])
def test_a_division_by_a_number_shows_the_number(op: str) -> None:
    # DivBackward1 (a C++ division by a number: trapezoid's halving, cross_entropy's mean
    # over the batch with probabilities) shows _saved_other, which the kit left out
    assert_same(torch, ak, f"""
a = T.tensor([[2.0, 0.5, 0.25], [0.5, 3.0, 0.5], [0.25, 0.5, 4.0]], requires_grad=True)
r = {op}
n = r.grad_fn
out.append((n.name(), sorted(x for x in dir(n) if x.startswith('_saved'))))
out.append((n._saved_other, type(n._saved_other).__name__))
""")


@pytest.mark.parametrize("op", [
    "T.vdot(x[0], y[0])", "T.dot(x[0], y[0])",
    "T.linalg.lu_solve(*T.linalg.lu_factor(x[:, :2].detach() + T.eye(2) * 3), y[:, :2])",
    "T.linalg.lu_solve(*T.linalg.lu_factor(x[:, :2] + T.eye(2) * 3), y[:, :2], left=False)",
    "T.linalg.lu_solve(*T.linalg.lu_factor(x[:, :2] + 3 * T.eye(2)), y[:, :2], adjoint=True)",
    "T.lu_solve(y[:, :2], *T.linalg.lu_factor(x[:, :2] + T.eye(2) * 3))",
    "T.cholesky_solve(x[:, :2], T.eye(2) + y[:, :2].triu(), upper=True)"])
def test_solver_nodes_have_pytorchs_edges_and_saved_values(op: str) -> None:
    # lu_solve's node has no edge for the (integer) pivots (the kit's had a (None, 0) one)
    # and shows _saved_LU, _saved_pivots, _saved_left, _saved_adjoint, _saved_result; vdot's
    # second saved tensor is _saved_other (dot's _saved_tensor); cholesky_solve shows
    # _saved_upper
    assert_same(torch, ak, f"""
x = T.tensor([[0.5, 1.5, 2.0], [1.25, 0.75, 3.0]], requires_grad=True)
y = T.tensor([[1.0, 2.0, 0.5], [0.25, 1.5, 1.0]], requires_grad=True)
r = {op}
n = r.grad_fn
out.append((n.name(), [None if f is None else f.name() for f, _ in n.next_functions]))
out.append(sorted(a for a in dir(n) if 'saved' in a))
out.append([(a, getattr(n, a)) for a in sorted(dir(n)) if a.startswith('_saved')])
r.sum().backward()
out.append((x.grad, y.grad))
""")


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_soft_margin_loss_node_shows_target_and_reduction(reduction: str) -> None:
    # SoftMarginLossBackward0 shows _saved_self, _saved_target and _saved_reduction (the
    # kit showed _saved_self and _saved_other)
    assert_same(torch, ak, f"""
x = T.tensor([[0.5, 1.5, 2.0], [1.25, 0.75, 3.0]], requires_grad=True)
y = T.tensor([[1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]])
r = T.nn.functional.soft_margin_loss(x, y, reduction={reduction!r})
n = r.grad_fn
out.append((n.name(), sorted(a for a in dir(n) if 'saved' in a)))
out.append([(a, getattr(n, a)) for a in sorted(dir(n)) if a.startswith('_saved')])
r.sum().backward()
out.append(x.grad)
""")
