"""Scenarios ported from PyTorch's own test/test_autograd.py (round 27), run with the kit and
with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


_DEEP_REENTRANT = """
class DeepReentrant(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        with T.enable_grad():
            ctx.x = x.detach().requires_grad_() - 1
        return ctx.x.detach()
    @staticmethod
    def backward(ctx, g):
        if ctx.x < 0:
            if FAIL:
                raise ValueError("the deepest backward fails")
            return g
        with T.enable_grad():
            DeepReentrant.apply(ctx.x).sum().backward()
        return g
for start in (300.0, 70.0):
    v = T.tensor(start, requires_grad=True)
    DeepReentrant.apply(v).sum().backward()
    out.append(v.grad)
"""


@pytest.mark.parametrize("fail", [False, True])
def test_deep_reentrant_backward_does_not_exhaust_the_stack(fail: bool) -> None:
    # test_deep_reentrant: a backward that calls backward hundreds of levels deep works
    # (PyTorch's engine continues on another thread past 60 levels) and an error from the
    # deepest level reaches the caller; the kit hit Python's recursion limit
    assert_same(torch, ak, _DEEP_REENTRANT.replace("FAIL", str(fail)))


_TANGENT_UNDER_NO_GRAD = """
fw = T.autograd.forward_ad
foo = T.tensor([1.0, 2.0]); bar = T.tensor([1.0, 1.0], requires_grad=True)
with fw.dual_level():
    dual = fw.make_dual(foo, bar)
    with T.no_grad():
        for o in (dual * 3, dual.exp(), dual + dual):
            p, t = fw.unpack_dual(o)
            out.append((p.requires_grad, t, t.requires_grad, t.grad_fn))
    o = dual * 3
    out.append(fw.unpack_dual(o).tangent.requires_grad)
"""


def test_a_tangent_computed_under_no_grad_has_no_history() -> None:
    # test_advanced_packing_unpacking: "forward gradients are not impacted by no_grad", and
    # what no_grad does to them is PyTorch's: the tangent of dual * 3 is computed without
    # recording, so it does not require grad though the dual's tangent does; the kit's
    # tangent had a MulBackward0 history
    assert_same(torch, ak, _TANGENT_UNDER_NO_GRAD)


_GRAPH_DIES = """
import gc, weakref
from importlib import import_module
checkpoint = import_module(T.__name__ + ".utils.checkpoint").checkpoint
save_on_cpu = T.autograd.graph.save_on_cpu
class Handle:
    pass
def nodes_of(root):
    seen, todo = [], [root]
    while todo:
        node = todo.pop()
        if node is not None and all(node is not s for s in seen):
            seen.append(node)
            todo.extend(f for f, _ in node.next_functions)
    return seen
def alive_after(make):
    def scope():
        x = T.tensor(0.7, requires_grad=True)
        refs = []
        for node in nodes_of(make(x).grad_fn):
            handle = Handle()
            node.metadata["handle"] = handle
            refs.append(weakref.ref(handle))
        return refs
    return [node_ref() is not None for node_ref in scope()]
f = lambda x: x.sin().exp().sin()
def under_save_on_cpu(x):
    with save_on_cpu():
        return f(x)
gc.disable()
try:
    for make in (f, lambda x: checkpoint(f, x, use_reentrant=False), under_save_on_cpu):
        alive_after(make)  # (a first checkpoint in a process leaves PyTorch's leaf node
        out.append(alive_after(make))  # alive: measured on the second one)
finally:
    gc.enable()
"""


def test_a_graph_saved_through_hooks_dies_with_its_output() -> None:
    # TestNestedCheckpoint.check_graph_dies: a graph whose saved outputs went through
    # saved-tensor hooks (a non-reentrant checkpoint) is freed as soon as its output is
    # dropped; the kit's saved output kept its own node (a reference cycle), so the graph
    # lived until Python's cycle collector ran. (save_on_cpu packs a CPU tensor as it is, so
    # on the CPU PyTorch's graph is kept alive there: the kit agrees.)
    assert_same(torch, ak, _GRAPH_DIES)


_VIEW_TANGENT_UNDER_NO_GRAD = """
fw = T.autograd.forward_ad
foo = T.arange(6.).reshape(2, 3); bar = T.ones(2, 3, requires_grad=True)
with fw.dual_level():
    dual = fw.make_dual(foo, bar)
    with T.no_grad():
        for o in (dual.t(), dual[0], dual.view(6), dual.unsqueeze(0)):
            t = fw.unpack_dual(o).tangent
            out.append((t.tolist(), t.requires_grad, t.grad_fn, t._base is not None))
"""


def test_a_views_tangent_computed_under_no_grad_is_a_view_without_history() -> None:
    # under no_grad PyTorch's view of the tangent is made without recording too: a view of
    # the tangent's base that requires grad through it, with no grad_fn (the kit's had
    # TBackward0, SelectBackward0, ...)
    assert_same(torch, ak, _VIEW_TANGENT_UNDER_NO_GRAD)
