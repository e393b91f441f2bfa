"""Parity with PyTorch for corners found by helper bb's sixth fuzzer round (hooks inside random
programs and their order, backward(inputs=) on subsets, autograd.grad options, gradient
accumulation over several backward calls, random custom Functions, error families)."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def values(seed, shape, low=-2.0, high=2.0):
    return np.random.default_rng(seed).uniform(low, high, shape).round(2).tolist()


# ---- a stolen .grad that NumPy will not write to --------------------------------------------

@pytest.mark.parametrize("make", [
    "T.stack([b, a]).sum(0)", "a.lerp(T.stack([b, a]).sum(0), 0.25)",
    "T.stack([b, a * 2]).sum(0) * 3", "T.cat([b[None], a[None]]).sum(0)",
    "a.expand(2, 2, 3)[0] + b.expand(2, 2, 3)[1]", "T.stack([b, a], 1).mean(1)"])
def test_a_second_backward_adds_into_a_grad_kept_from_an_expanded_gradient(make):
    """The first backward's gradient of b is a slice of an expanded gradient (stack's backward
    of a sum's); PyTorch keeps it as b.grad (version 0) and adds the second backward into it.
    The kit kept NumPy's read-only view, and the second backward failed with 'output array
    is read-only'."""
    def build(T):
        a = T.tensor(values(0, (2, 3)), dtype=T.float64, requires_grad=True)
        b = T.tensor(values(1, (2, 3)), dtype=T.float64, requires_grad=True)
        loss = eval(make, {"T": T, "a": a, "b": b}).sum()
        loss.backward(retain_graph=True)
        first = b.grad
        seen = (b.grad._version, b.grad.stride(), b.grad.tolist())
        loss.backward()
        return seen, b.grad is first, b.grad._version, b.grad.tolist(), a.grad.tolist()

    same(build)


# ---- backward twice through an op that kept no tensor ---------------------------------------

@pytest.mark.parametrize("make", [
    "x.addcmul(w, w)", "x.addcmul(w, w, value=2)", "w.addcmul(x, w)", "x.addcdiv(w, w)",
    "T.addcmul(x, w, w * 2)", "x * w", "x + w", "x * 3", "x.mul(2.5)"])
def test_backward_twice_through_a_node_that_saved_nothing(make):
    """PyTorch's built-in nodes keep a tensor only for a gradient that is needed: addcmul(x,
    t1, t2) with only x requiring grad keeps neither factor, so a second backward runs
    (addcdiv keeps its divisor always, and fails). The kit refused any second backward
    through a node that had called save_for_backward, even with nothing in it."""
    def build(T):
        x = T.tensor(values(2, (3,)), requires_grad=True)
        w = T.tensor(values(3, (3,)))
        loss = eval(make, {"T": T, "x": x, "w": w}).sum()
        loss.backward()
        loss.backward()
        return x.grad.tolist()

    same(build)


def test_a_custom_function_that_saved_only_none_still_refuses_a_second_backward():
    """A Python Function's saved_tensors after the graph was freed fails whatever it held."""
    def build(T):
        class F(T.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                ctx.save_for_backward(None)
                return a * 2

            @staticmethod
            def backward(ctx, g):
                _ = ctx.saved_tensors
                return g * 2

        x = T.tensor([1.0, 2.0], requires_grad=True)
        loss = F.apply(x).sum()
        loss.backward()
        loss.backward()

    same(build)


# ---- once_differentiable under create_graph: what backward returned is aliased as PyTorch --

@pytest.mark.parametrize("returned", ["2", "(g * 2, 3)", "g.long()", "(g, g.int())",
                                      "(g * 2, None)", "(None, None)", "(g, g * 3)"])
def test_once_differentiable_results_that_cannot_require_grad(returned):
    """With create_graph=True and a gradient that requires grad, PyTorch's once_differentiable
    detaches each result of backward and sets it to require grad: a number fails with
    "'int' object has no attribute 'detach'", an integer tensor with the requires_grad
    setter's message. The kit let a number through (a later, different error) and used
    requires_grad_()'s message for an integer tensor."""
    def build(T):
        class F(T.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                return a * 2

            @staticmethod
            @T.autograd.function.once_differentiable
            def backward(ctx, g):
                return eval(returned, {"g": g})

        x = T.tensor([1.0, 2.0], requires_grad=True)
        w = T.tensor([0.5, 1.5], requires_grad=True)
        grads = T.autograd.grad(F.apply(x * 1, w).exp().sum(), [x, w], create_graph=True,
                                allow_unused=True)
        return [None if g is None else (g.tolist(), str(g.dtype)[-7:], g.requires_grad)
                for g in grads]

    same(build)


# ---- a custom Function marks dirty a tensor that has views ----------------------------------

def _doubling_in_place(T):
    class DoubleInPlace(T.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            a.mul_(2)
            ctx.mark_dirty(a)
            return a

        @staticmethod
        def backward(ctx, g):
            return g * 2, None

    return DoubleInPlace


@pytest.mark.parametrize("view", ["b[:2]", "b.view(3)", "b[1]", "b.unsqueeze(0)", "b.t()",
                                  "b[::2]", "b.expand(2, 3)"])
def test_views_of_a_base_a_custom_function_marked_dirty_take_its_history(view):
    """PyTorch's views of a tensor changed in place by a custom Function (mark_dirty) get a
    new history from it (AsStridedBackward0 -> CBackward), so gradients through them pass
    the Function's backward. The kit refreshed views only when the dirty tensor was itself
    a view: the views of a dirty base kept their old node, and x.grad missed the Function."""
    def build(T):
        x = T.tensor([1.0, 2.0, 3.0], requires_grad=True)
        b = x * 1
        v = eval(view, {"b": b})
        out = _doubling_in_place(T).apply(b, x)
        node = v.grad_fn
        names = (type(node).__name__, [type(f).__name__ for f, _ in node.next_functions],
                 v._version, out is b)
        (v.sum() * 3 + out.sum()).backward()
        return names, x.grad.tolist()

    same(build)


def test_a_view_of_a_tensor_that_needed_no_grad_joins_the_graph_when_marked_dirty():
    """A tensor needing no grad, marked dirty by a Function whose other input requires grad,
    gets the Function's history; PyTorch's views of it too (the kit's stayed leaves)."""
    def build(T):
        w = T.tensor(1.82, dtype=T.float64, requires_grad=True)
        t = T.tensor([-0.63, 2.0], dtype=T.float64)
        v = t.view(-1)

        class F(T.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                a.mul_(b.detach())
                ctx.mark_dirty(a)
                return a

            @staticmethod
            def backward(ctx, g):
                return g, g.sum()

        F.apply(t, w)
        seen = (type(v.grad_fn).__name__, v.is_leaf, v.requires_grad)
        (v * 3).sum().backward()
        return seen, w.grad.tolist()

    same(build)
