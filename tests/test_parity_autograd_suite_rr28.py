"""Scenarios ported from PyTorch's own test/test_autograd.py and
test/autograd/test_functional.py (round 28), run with the kit and with PyTorch live: what
each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


_STANDARD_BASIS = """
F = T.autograd.functional
cases = [(T.randn(2, 3),), (T.randn(1),), (T.randn([]),),
         (T.randn(1), T.randn([]), T.randn([])), (T.randn(2), T.randn(3), T.randn([])),
         (T.randn(2), T.randn([]), T.randn(3)),
         (T.randn(2, 3), T.randn(3), T.randn(3, 4, 2)),
         (T.randn(2, dtype=T.float64), T.randn(3, dtype=T.float32, requires_grad=True))]
for inputs in cases:
    blocks = F._construct_standard_basis_for(inputs, tuple(t.numel() for t in inputs))
    out.append([(b.dtype, b.shape, b.requires_grad, b.is_contiguous()) for b in blocks])
    whole = T.cat([b.to(dtype=T.float) for b in blocks], dim=1)
    out.append(T.equal(whole, T.eye(whole.shape[0])))
"""


def test_construct_standard_basis_for() -> None:
    # test_construct_standard_basis_for (test_functional.py): the private helper that gives
    # the unit vectors of the vectorized Jacobian, one block of columns per input, in that
    # input's dtype; the kit had no such function (AttributeError)
    assert_same(torch, ak, _STANDARD_BASIS)


_BACKWARD_INSIDE_A_DUAL_LEVEL = """
fwAD = T.autograd.forward_ad
w = T.ones(2, requires_grad=True)
x = T.tensor([1.0, 2.0])
with fwAD.dual_level():
    d = fwAD.make_dual(x, T.tensor([1.0, 0.0]))
    q = (d * w).sum()
    q.backward(retain_graph=True)
    out.append((w.grad, d.grad, x.grad))
    d2 = fwAD.make_dual(x.clone(), T.ones(2))
    d2.mul_(3)
    (d2 * w).sum().backward()
    out.append((w.grad, d2.grad, fwAD.unpack_dual(d2).tangent))
q.backward()
out.append((w.grad, d.grad))
x = T.tensor([1.0, 2.0], requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(x, T.ones(2))
    (d * d).sum().backward()
    out.append((x.grad, d.grad))
"""


def test_a_backward_inside_a_dual_level_leaves_the_duals_grad_alone() -> None:
    # test_advanced_packing_unpacking's "backward mode check", with a dual of a plain tensor:
    # PyTorch's dual does not require grad, so a backward through it fills w.grad only;
    # the kit's dual (a helper leaf carrying the tangent) got a .grad of its own
    assert_same(torch, ak, _BACKWARD_INSIDE_A_DUAL_LEVEL)


_A_DUAL_DOES_NOT_REQUIRE_GRAD = """
fwAD = T.autograd.forward_ad
w = T.ones(2, requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(T.tensor([1.0, 2.0]), T.tensor([1.0, 0.0]))
    e = d * 2
    for code in ("d.retain_grad()", "e.retain_grad()", "d.register_hook(lambda g: g)",
                 "e.register_hook(lambda g: g)",
                 "d.register_post_accumulate_grad_hook(lambda t: None)",
                 "T.autograd.graph.get_gradient_edge(d)", "T.autograd.grad((d * w).sum(), [w, d])",
                 "T.autograd.grad((e * w).sum(), e)",
                 "(d * w).sum().backward(inputs=[d])", "(e * w).sum().backward(inputs=[w, e])"):
        try:
            exec(code)
            out.append((code, "ok", w.grad))
        except RuntimeError as error:
            out.append((code, str(error)))
    mixed = d * w  # (depends on w: part of the user's graph)
    mixed.retain_grad()
    handle = mixed.register_hook(lambda g: g * 2)
    mixed.sum().backward()
    out.append((mixed.grad, w.grad, T.autograd.graph.get_gradient_edge(mixed).output_nr))
"""


def test_a_dual_of_a_plain_tensor_does_not_require_grad() -> None:
    # test_advanced_packing_unpacking ("forward gradients are not impacted by" backward):
    # a dual of a plain tensor, and what is computed from it alone, do not require grad in
    # PyTorch, so hooks, retain_grad, get_gradient_edge and grad/backward with it as an
    # input are refused; the kit allowed them all (and gave a gradient for the dual)
    assert_same(torch, ak, _A_DUAL_DOES_NOT_REQUIRE_GRAD)


_COPIES_OF_DUALS = """
import copy, pickle
fwAD = T.autograd.forward_ad
w = T.ones(2, requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(T.tensor([1.0, 2.0]), T.tensor([1.0, 0.0]))
    for t in (d, d * 2, d * w):
        for copier in (copy.deepcopy, copy.copy, lambda t: pickle.loads(pickle.dumps(t))):
            try:
                c = copier(t)
                out.append((c, c.requires_grad, c.is_leaf, fwAD.unpack_dual(c).tangent))
            except RuntimeError as error:
                out.append(str(error)[:60])
"""


def test_copies_of_a_dual_do_not_require_grad() -> None:
    # test_advanced_packing_unpacking's family: deepcopy, copy and pickle of a dual of a
    # plain tensor (or of what is computed from such duals alone) give a plain tensor, as
    # PyTorch's dual does not require grad; the kit's copies required grad, and deepcopy of
    # a computed one was refused as a non-leaf
    assert_same(torch, ak, _COPIES_OF_DUALS)


_GRAD_OF_A_COMPUTED_DUAL = """
import warnings
fwAD = T.autograd.forward_ad
w = T.ones(2, requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(T.tensor([1.0, 2.0]), T.tensor([1.0, 0.0]))
    for t in (d, d * 2, (d * 2).sum(), d * w):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out.append((t.grad, len(caught)))
"""


def test_reading_grad_of_what_is_computed_from_duals_does_not_warn() -> None:
    # test_tensor_grad_warnings, inside a dual level: what is computed from duals of plain
    # tensors alone is a leaf in PyTorch (no history), so reading its .grad does not warn;
    # the kit warned about a non-leaf (its helper history)
    assert_same(torch, ak, _GRAD_OF_A_COMPUTED_DUAL)


_SWITCHING_OFF_REQUIRES_GRAD = """
fwAD = T.autograd.forward_ad
w = T.ones(2, requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(T.tensor([1.0, 2.0]), T.tensor([1.0, 0.0]))
    e = d * 2
    for code in ("e.requires_grad_(False)", "setattr(e, 'requires_grad', False)",
                 "(d * w).requires_grad_(False)", "setattr(d * w, 'requires_grad', False)"):
        try:
            exec(code)
            out.append((code, "ok"))
        except RuntimeError as error:
            out.append((code, str(error)))
    out.append((fwAD.unpack_dual(e).tangent, fwAD.unpack_dual(e * 3).tangent))
"""


def test_switching_off_requires_grad_of_what_is_computed_from_duals() -> None:
    # test_advanced_packing_unpacking's family: what is computed from duals of plain tensors
    # alone is a leaf that needs no grad in PyTorch, so requires_grad_(False) is allowed
    # (and keeps the tangent); the kit refused it as a non-leaf
    assert_same(torch, ak, _SWITCHING_OFF_REQUIRES_GRAD)
