"""Engine details found by the session-16 autograd fuzzer, compared with PyTorch live."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import error_of

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("lib", [torch, ak], ids=["torch", "kit"])
def test_an_output_that_leads_to_no_input_is_not_reached(lib):
    seen = []
    x = lib.tensor([1., 2.], requires_grad=True)
    a = x * 2
    a.retain_grad()
    a.register_hook(lambda g: seen.append("a"))
    b = x * 3
    (g,) = lib.autograd.grad([a, b], [b], grad_outputs=[lib.ones(2), lib.ones(2)])
    assert g.tolist() == [1., 1.]
    assert a.grad is None and seen == []


def test_a_lone_output_runs_its_own_hooks_even_when_it_leads_nowhere():
    def run(lib):
        seen = []
        x = lib.tensor([1., 2.], requires_grad=True)
        a = x * 2
        a.register_hook(lambda g: seen.append(g.tolist()))
        b = x * 3
        result = lib.autograd.grad([a], [b], grad_outputs=[lib.ones(2)], allow_unused=True)
        return seen, result
    assert run(ak) == run(torch) == ([[1., 1.]], (None,))


def test_an_output_given_twice_adds_its_gradients_outside_the_graph():
    def run(lib):
        x = lib.tensor([1., 2.], dtype=lib.float64, requires_grad=True)
        y = x.sqrt()
        g = lib.autograd.grad([y, y], [y], grad_outputs=[lib.full_like(y, 0.5).requires_grad_(),
                                                          lib.ones_like(y)])
        return g[0].tolist(), g[0].requires_grad, g[0].grad_fn is None
    assert run(ak) == run(torch)


@pytest.mark.parametrize("case", ["broadcast", "ambiguous", "equal"])
def test_the_shape_mismatch_is_found_as_pytorch_finds_it(case):
    def run(lib):
        x = lib.tensor([1., 2.], requires_grad=True)
        if case == "broadcast":
            outs, grads = [x * 1, x.expand(3, 2)], [lib.ones(2), lib.ones(3)]
        elif case == "ambiguous":
            outs, grads = [x.unsqueeze(0), x.expand(3, 2)], [lib.ones(1, 2), lib.ones(1)]
        else:
            outs, grads = [x * 1, x.expand(3, 2)], [lib.ones(2), lib.ones(2)]
        return error_of(lambda: lib.autograd.grad(outs, [x], grad_outputs=grads))
    assert run(ak) == run(torch)


def test_vmap_over_autograd_grad_walks_the_graph_as_once():
    """torch.vmap's docstring example: batched gradients without retain_graph, then the
    graph is freed as after one backward."""
    def run(lib):
        lib.manual_seed(0)
        x = lib.randn(5, requires_grad=True)
        y = x ** 2
        (jac,) = lib.vmap(lambda v: lib.autograd.grad(y, x, v))(lib.eye(5))
        return jac.tolist(), error_of(lambda: y.backward(lib.ones(5)))[0]
    assert run(ak) == run(torch)


@pytest.mark.parametrize("shapes", [((1, 2), (1, 1, 4, 4, 4), (1, 1, 4, 4, 4)),
                                    ((3,), (2,), (3,)), ((3,), (3,), (2,)), ((2,), (3,), (3,)),
                                    ((2, 1), (3,), (4, 1, 1)), ((2, 1), None, (3, 2))])
def test_where_checks_its_shapes_in_pytorchs_order(shapes):
    def run(lib):
        def make(shape):
            return 1.5 if shape is None else lib.ones(shape)
        return error_of(lambda: tuple(lib.where(lib.ones(shapes[0]).bool(), make(shapes[1]),
                                                make(shapes[2])).shape))
    assert run(ak) == run(torch)
