"""Scenarios harvested from PyTorch's own autograd tests (test/autograd/test_forward_mode.py,
test_autograd.py, test_functional.py), run with the kit and with PyTorch live: what each
snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")

FW = "fw = T.autograd.forward_ad\n"


@pytest.mark.parametrize("change", [
    "d.mul_(2)", "d *= 2", "d.add_(T.ones(2, dtype=T.double))", "d.exp_()", "d.div_(4.)",
    "d.neg_()", "d.sub_(2.)", "d.mul_(2).add_(1)",
])
def test_a_duals_tangent_changes_in_place_with_it(change: str) -> None:
    # test_view_inplace_non_differentiable_views: after ``dual *= 2`` the tangent given to
    # make_dual (and one read before with unpack_dual) holds the new tangent, its version
    # counted; the kit made a new tangent tensor and left the old one as it was
    assert_same(torch, ak, FW + f"""
foo = T.tensor([0.5, 0.25], dtype=T.double); bar = T.ones(2, dtype=T.double)
with fw.dual_level():
    d = fw.make_dual(foo, bar)
    {change}
    t = fw.unpack_dual(d).tangent
    out.append((bar.tolist(), t is bar, bar._version, fw.unpack_dual(foo).tangent))
""")


@pytest.mark.parametrize("change", [
    "d.copy_(T.zeros(2))", "d.zero_()", "d.fill_(3.)", "d[0] = 5.", "d.clamp_(min=5.)",
    "d.masked_fill_(T.tensor([True, False]), 1.)", "d.copy_(T.zeros(2, dtype=T.double))",
])
def test_a_dual_whose_new_value_depends_on_no_tangent_keeps_its_tangent_as_zeros(
        change: str) -> None:
    # the same test's idea for changes that drop the tangent: PyTorch writes zeros into the
    # same tangent tensor; the kit gave a new tensor of zeros
    assert_same(torch, ak, FW + f"""
with fw.dual_level():
    d = fw.make_dual(T.ones(2), T.ones(2)); tt = fw.unpack_dual(d).tangent
    {change}
    t = fw.unpack_dual(d).tangent
    out.append((tt.tolist(), t.tolist(), t is tt, tt._version))
""")


def test_a_dual_of_a_tensor_that_requires_grad_changed_in_place() -> None:
    # make_dual of a tensor in the user's graph is a view of it: changed in place, PyTorch
    # gives the new tangent (in the same tensor); the kit kept answering the tangent the dual
    # was made with ([1, 1] after mul_(3) and after copy_ of a plain tensor)
    assert_same(torch, ak, FW + """
x = T.ones(2, requires_grad=True)
with fw.dual_level():
    d = fw.make_dual(x * 1, T.ones(2)); tt = fw.unpack_dual(d).tangent
    d.mul_(3); t = fw.unpack_dual(d).tangent
    out.append((tt.tolist(), t.tolist(), t is tt))
    d.copy_(T.zeros(2)); t = fw.unpack_dual(d).tangent
    out.append((tt.tolist(), t.tolist(), t is tt))
    d2 = fw.make_dual(x * 1, T.ones(2)); z = d2 * d2
    d2.mul_(3); d2.add_(d2)
    out.append((fw.unpack_dual(z).tangent, fw.unpack_dual(d2).tangent.tolist()))
    d2.sum().backward(); out.append(x.grad)
""")


def test_a_view_of_a_dual_changed_in_place_changes_the_duals_tangent() -> None:
    # test_view_inplace_differentiable_views: a view of a dual carries a view of its
    # tangent, so changing the view in place changes the tangent given to make_dual, and the
    # view's own tangent stays one tensor; the kit left both unchanged
    assert_same(torch, ak, FW + """
with fw.dual_level():
    bar = T.ones(2); d = fw.make_dual(T.tensor([1., 2.]), bar)
    v = d.narrow(0, 0, 1); vt = fw.unpack_dual(v).tangent
    v *= 2
    out.append((bar.tolist(), fw.unpack_dual(d).tangent is bar, fw.unpack_dual(v).tangent
                is vt, vt.tolist()))
    d.mul_(3)
    out.append((bar.tolist(), fw.unpack_dual(v).tangent.tolist(),
                fw.unpack_dual(v).tangent is vt))
""")


def test_a_tangent_computed_before_a_change_keeps_its_values() -> None:
    # what was computed from a dual before it changed in place keeps the tangent of the old
    # value; the changed tensors' tangents change in place
    assert_same(torch, ak, FW + """
with fw.dual_level():
    bar = T.ones(3); d = fw.make_dual(T.tensor([1., 2., 3.]), bar)
    v = d[1:]; e = d.exp()
    d.mul_(2)
    out.append((fw.unpack_dual(v).tangent, fw.unpack_dual(e).tangent, bar))
    w = d.sin(); d.add_(d)
    out.append((fw.unpack_dual(w).tangent, fw.unpack_dual(d).tangent, bar, bar._version))
    y = d * 2; yt = fw.unpack_dual(y).tangent; y.add_(d)
    out.append((yt.tolist(), fw.unpack_dual(y).tangent is yt))
    y.exp_(); out.append((yt.tolist(), fw.unpack_dual(y).tangent is yt))
""")


def test_a_change_in_place_under_no_grad_changes_the_tangent_in_place() -> None:
    # forward AD ignores no_grad: PyTorch's tangent changes in place there too; the kit gave
    # the dual a new tangent tensor
    assert_same(torch, ak, FW + """
with fw.dual_level():
    bar = T.ones(2); d = fw.make_dual(T.tensor([1., 2.]), bar)
    with T.no_grad(): d.mul_(3)
    out.append((bar, fw.unpack_dual(d).tangent is bar))
    y = d * 2; yt = fw.unpack_dual(y).tangent
    with T.no_grad(): y.add_(1)
    out.append((yt, fw.unpack_dual(y).tangent is yt))
""")


def test_func_jvp_writes_the_new_tangent_into_the_given_one() -> None:
    # torch.func.jvp of a function that changes its input in place: the tangent passed in
    # holds the new tangent afterwards
    assert_same(torch, ak, """
def f(x, y):
    x.mul_(2)
    return x
a = T.tensor([1., 2., 3.]); b = T.tensor([4., 5., 6.]); t = T.ones(3)
out.append(T.func.jvp(f, (a, b), (t, T.tensor([3., 1., 2.]))))
out.append((t, t._version, a))
""")


@pytest.mark.parametrize("changes", [
    ["d.mul_(2)", "with T.no_grad(): d.mul_(2)"],
    ["d.addcmul_(e, d)", "with T.no_grad(): d.mul_(2)", "d.div_(e)"],
    ["d[0] = 3.", "with T.no_grad(): d.mul_(2)", "v = d[1:]; v.mul_(3)"],
    ["y = d * e; y.mul_(2)", "d.clamp_(min=0.5)", "with T.no_grad(): d.mul_(2)",
     "d.clamp_(min=0.5)"],
    ["v = d.view(3, 1); v.mul_(2)", "d.index_add_(0, T.tensor([0, 2]), e[:2])",
     "d.lerp_(e, 0.3)"],
])
def test_changes_in_place_with_and_without_recording_in_turn(changes: list[str]) -> None:
    # a dual changed in place with grad mode on and under no_grad in turn: PyTorch's tangent
    # follows every change in the one tensor; the kit kept the tangent from before a change
    # under no_grad for the next recorded one, and failed as the level ended ('you can only
    # change requires_grad flags of leaf variables')
    steps = "".join(f"    {change}\n    t = fw.unpack_dual(d).tangent\n"
                    "    out.append((d.detach(), t.detach(), t is tt, tt._version))\n"
                    for change in changes)
    assert_same(torch, ak, FW + """
e = T.tensor([0.5, 1.5, 2.5], dtype=T.double)
with fw.dual_level():
    tt = T.tensor([1., -1., 2.], dtype=T.double)
    d = fw.make_dual(T.tensor([0.3, 0.7, 1.1], dtype=T.double), tt)
    w = d.cos()
""" + steps + """    out.append(fw.unpack_dual(w).tangent)
out.append((d, d.requires_grad, d.grad_fn))
""")
