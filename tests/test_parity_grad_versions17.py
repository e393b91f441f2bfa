"""The version a gradient shows (``x.grad._version``), compared with PyTorch live.

PyTorch builds some gradients by writing in place into new zeros (max, sort, indexing,
gather, …), adds paths into a gradient no one else holds, and keeps ("steals") a gradient
that only its engine holds as ``.grad``: each shows in the version counter.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _lib(x):
    return torch if isinstance(x, torch.Tensor) else ak


PICKS = {
    "max()": lambda x: x.max(),
    "min()": lambda x: x.min(),
    "median()": lambda x: x.median(),
    "max(0)": lambda x: x.max(0)[0],
    "min(1)": lambda x: x.min(1)[0],
    "median(0)": lambda x: x.median(0)[0],
    "kthvalue": lambda x: x.kthvalue(2)[0],
    "mode": lambda x: x.mode(1)[0],
    "topk": lambda x: x.topk(2)[0],
    "sort": lambda x: x.sort(1)[0],
    "cummax": lambda x: x.cummax(1)[0],
    "cummin": lambda x: x.cummin(1)[0],
    "x[[0, 1, 0]]": lambda x: x[[0, 1, 0]],
    "x[mask]": lambda x: x[x > 2],
    "masked_select": lambda x: x.masked_select(x > 2),
    "gather": lambda x: x.gather(1, _lib(x).tensor([[0], [1]])),
    "index_select": lambda x: x.index_select(1, _lib(x).tensor([0, 2])),
    "take": lambda x: x.take(_lib(x).tensor([0, 5])),
    "maximum": lambda x: x.maximum(x.detach() * 0 + 3),
    "minimum": lambda x: x.minimum(x.detach() * 0 + 3),
    "unsqueeze.expand": lambda x: x.unsqueeze(0).expand(3, 2, 3),
    "max_pool1d": lambda x: _lib(x).nn.functional.max_pool1d(x.unsqueeze(0), 2),
    "avg_pool1d": lambda x: _lib(x).nn.functional.avg_pool1d(x.unsqueeze(0), 2),
    "repeat_interleave": lambda x: x.repeat_interleave(2, 0),
    "kron": lambda x: _lib(x).kron(x, x.detach()),
    "pdist": lambda x: _lib(x).nn.functional.pdist(x),
    "exp": lambda x: x.exp(),
    "x * x": lambda x: x * x,
}


@pytest.mark.parametrize("name", list(PICKS))
def test_leaf_grad_version_after_backward(name):
    def run(lib):
        x = lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True)
        PICKS[name](x).sum().backward()
        return x.grad._version, x.grad.tolist()
    assert run(ak) == run(torch)


@pytest.mark.parametrize("name", ["max()", "sort", "x[[0, 1, 0]]", "gather", "maximum"])
def test_autograd_grad_result_version(name):
    def run(lib):
        x = lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True)
        (g,) = lib.autograd.grad(PICKS[name](x).sum(), x)
        return g._version
    assert run(ak) == run(torch)


def test_paths_meeting_after_a_rule_that_passes_its_gradient_on_add_in_place():
    # SubBackward0 hands on the gradient it was given; once the engine has let go of the
    # node's incoming gradients, the other path is added into it (version 1), as in PyTorch
    def run(lib):
        t1 = lib.ones(2, 3, dtype=lib.float64, requires_grad=True)
        t2 = t1 * 1
        t3 = t2 - t2
        t4 = t3[..., :2]
        (g,) = lib.autograd.grad([t3, t4], t2, grad_outputs=[lib.ones_like(t3), lib.ones_like(t4)])
        return g._version, g.tolist()
    assert run(ak) == run(torch)


def test_accumulating_twice_counts_every_write():
    def run(lib):
        x = lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True)
        y = x.max() + x.min()
        y.backward(retain_graph=True)
        first = x.grad._version
        y.backward()
        return first, x.grad._version, x.grad.tolist()
    assert run(ak) == run(torch)


def _desc(fn):
    if fn is None:
        return "None"
    return type(fn).__name__ + "(" + ", ".join(_desc(f) for f, _ in fn.next_functions) + ")"


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("how", ["sum", "ones", "broadcast add"])
def test_a_gradient_summed_over_leading_dims_is_a_view_of_the_kept_sum(how, create_graph):
    # PyTorch's sum_to: sum(dims, keepdim=True), then view(shape) when leading dims go
    def run(lib):
        x = lib.tensor([[1., 5.], [4., 2.]], requires_grad=True)
        if how == "broadcast add":
            out, go = (lib.ones(3, 2, 2) + x * x).sum(), None
        else:
            out = x.expand(3, 2, 2)
            go = lib.ones_like(out) if how == "ones" else None
            out = out.sum() if how == "sum" else out
        (g,) = lib.autograd.grad(out, x, go, create_graph=create_graph)
        base = g._base
        return (g._is_view(), None if base is None else tuple(base.shape), g._version,
                _desc(g.grad_fn), g.tolist())
    assert run(ak) == run(torch)


def test_a_leaf_keeps_such_a_view_as_its_own_tensor():
    def run(lib):
        b = lib.ones(2, requires_grad=True)
        (lib.ones(3, 2) + b).sum().backward()
        return b.grad._is_view(), b.grad._version, b.grad.tolist()
    assert run(ak) == run(torch)


def test_a_gradient_summed_to_0_dim_is_a_plain_sum():
    def run(lib):
        s = lib.tensor(2., requires_grad=True)
        (g,) = lib.autograd.grad((lib.ones(3) + s).sum(), s)
        return g._is_view(), g.item()
    assert run(ak) == run(torch)
