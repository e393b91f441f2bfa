"""Engine details found by the session-16 autograd fuzzer, compared with PyTorch live."""

from __future__ import annotations

import warnings

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


@pytest.mark.parametrize("code", [
    "t.index_add_(0, L.tensor([0, 1, 2]), t)", "t.index_add_(0, L.tensor([0, 1, 2]), t[:, :])",
    "t.index_copy_(0, L.tensor([0, 1, 2]), t)", "t.index_copy_(0, L.tensor([0]), t[:1])",
    "t.scatter_(0, L.tensor([[0, 1, 2]]).T.expand(3, 2).contiguous(), t)",
    "t.scatter_add_(0, L.tensor([[0, 1, 2]]).T.expand(3, 2).contiguous(), t)",
    "t.scatter_reduce_(0, L.tensor([[0, 1, 2]]).T.expand(3, 2).contiguous(), t, 'sum')",
    "t.index_reduce_(0, L.tensor([0, 1, 2]), t, 'prod')",
    "t.index_put_((L.tensor([0, 1, 2]),), t)", "t.index_put_((L.tensor([0, 1]),), t[1:])",
    "t.index_put_((L.tensor([0, 1, 2]),), t, accumulate=True)",
    "t.index_put_((t > 0,), t[0, 0])", "t.index_put_((L.tensor([0, 1]),), t[0, 0])",
    "t[L.tensor([0, 1, 2])] = t", "t[t > 0] = t[0, 0]",
    "t[L.tensor([True, False, True])] = t[0, 0]",
    "t[L.tensor([0, 1])] = t[0, 0]", "t[L.tensor([0, 1]), 0] = t[0, 0]", "t[t > 0] = t[0]",
    "t.index_add_(0, L.tensor([0, 1, 2]), t.clone())", "t.add_(t)", "t.copy_(t)",
])
def test_writes_by_index_refuse_a_source_sharing_the_memory(code):
    """PyTorch's assert_no_overlap: the writes by index refuse a source in the written memory,
    even all of it in the same layout (an elementwise x.add_(x) is fine); x[mask] = 0-dim
    value is masked_fill_, which reads the value first."""
    def run(lib):
        t = lib.arange(6.).reshape(3, 2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            error = error_of(lambda: exec(code, {"L": lib, "t": t}))  # noqa: S102
        return error, t.tolist()
    assert run(ak) == run(torch)
