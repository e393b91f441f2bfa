"""Tensor operations compared with PyTorch's printed output (skipped without PyTorch;
tests/test_ops_fixes8.py checks the same fixes without it): second derivatives through
svd-based functions, slogdet's sign, gradients of every tensor in cat / stack / block_diag,
node names in graphs built with create_graph=True."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- svdvals / svd: second derivatives
    'x = T.randn(2, 3, dtype=T.float64, requires_grad=True)\ng, = T.autograd.grad((T.linalg.svdvals(x) ** 2).sum(), x, create_graph=True)\nh, = T.autograd.grad((g * T.tensor([1., 2., 3.], dtype=T.float64)).sum(), x)\nprint(h)',
    'x = T.randn(2, 3, dtype=T.float64, requires_grad=True)\nu, s, vh = T.linalg.svd(x, full_matrices=False)\ng, = T.autograd.grad((s ** 2).sum(), x, create_graph=True)\nh, = T.autograd.grad((g * T.tensor([1., 2., 3.], dtype=T.float64)).sum(), x)\nprint(h)',
    'x = T.randn(3, 3, dtype=T.float64, requires_grad=True)\nprint(T.autograd.gradgradcheck(T.linalg.svdvals, (x,)), T.autograd.gradgradcheck(lambda a: T.linalg.matrix_norm(a, "nuc"), (x,)))\nprint(T.autograd.gradgradcheck(lambda a: T.linalg.matrix_norm(a, 2), (x,)), T.autograd.gradgradcheck(T.linalg.cond, (x,)))',
    'x = T.eye(3, requires_grad=True)\ns = T.linalg.svdvals(x)\nprint(s, s.grad_fn)\ns.sum().backward()\nprint(x.grad)',
    'x = T.eye(3, requires_grad=True)\nu, s, vh = T.linalg.svd(x)\ns.sum().backward()\nprint(x.grad)',
    'x = T.randn(3, 3, dtype=T.float64, requires_grad=True)\ng, = T.autograd.grad(T.linalg.svdvals(x)[0], x, create_graph=True)\nprint(g.grad_fn)',
    # ---- slogdet: no gradient through the sign
    'x = T.tensor([[2., 1.], [1., 3.]], requires_grad=True)\ns, l = T.linalg.slogdet(x)\ns.backward()\nprint(x.grad)',
    'x = T.tensor([[2., 1.], [1., 3.]], requires_grad=True)\ns, l = T.slogdet(x)\ns.sum().backward()\nprint(x.grad)',
    'x = T.tensor([[2., 1.], [1., 3.]], requires_grad=True)\ns, l = T.linalg.slogdet(x)\ng, = T.autograd.grad(s, x, allow_unused=True)\nprint(g)',
    'x = T.tensor([[2., 1.], [1., 3.]], requires_grad=True)\ns, l = T.linalg.slogdet(x)\ns.grad_fn.register_hook(lambda gi, go: print("hook", gi, go))\ns.backward()\nprint(x.grad)',
    'x = T.tensor([[2., 1.], [1., 3.]], requires_grad=True)\ns, l = T.linalg.slogdet(x)\ns.grad_fn.register_hook(lambda gi, go: print("hook", gi, go))\nl.backward()\nprint(x.grad)',
    'w = T.tensor([[2., 1.], [1., 3.]], requires_grad=True)\ns, l = T.slogdet(w * 2)\n(s * 3).sum().backward()\nprint(w.grad)',
    'x = T.tensor([[2., 1.], [1., 3.]], requires_grad=True)\ns, l = T.slogdet(x)\n(s * l).backward()\nprint(x.grad)',
    # ---- cat / stack / block_diag: a gradient for every tensor of the list
    'a = T.tensor([1., 2.], requires_grad=True); y = T.cat([a, T.ones(2)]); y.grad_fn.register_hook(lambda gi, go: print(gi)); y.sum().backward()',
    'a = T.tensor([1., 2.], requires_grad=True); y = T.stack([T.ones(2), a]); y.grad_fn.register_hook(lambda gi, go: print(gi)); y.sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); y = T.cat([T.tensor([]), a, T.ones(1)]); y.grad_fn.register_hook(lambda gi, go: print(gi)); (y * 3).sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); y = T.hstack([a, T.ones(2)]); print(y.grad_fn); y.grad_fn.register_hook(lambda gi, go: print(gi)); y.sum().backward()',
    'a = T.tensor([1., 2.], requires_grad=True); y = T.cat([a.float(), T.ones(2, dtype=T.float64)]); y.grad_fn.register_hook(lambda gi, go: print(gi)); y.sum().backward(); print(a.grad)',
    'a = T.tensor([[1., 2.]], requires_grad=True); y = T.block_diag(a, T.ones(2, 1), T.ones(1, 1)); y.grad_fn.register_hook(lambda gi, go: print(gi)); (y * 2).sum().backward(); print(a.grad)',
    'a = T.tensor([[1., 2.]], requires_grad=True); b = T.ones(2, 1, dtype=T.float64, requires_grad=True); y = T.block_diag(a, b); y.grad_fn.register_hook(lambda gi, go: print(gi)); (y*2).sum().backward(); print(a.grad, b.grad)',
    # ---- picking ops: ScatterBackward0 / ScatterAddBackward0 in graphs built by create_graph
    'x = T.randn(3, 4, dtype=T.float64, requires_grad=True)\nfs = [lambda a: a.sort(1)[0], lambda a: a.sort(0, descending=True)[0], lambda a: a.topk(2)[0], lambda a: a.kthvalue(2, 1)[0], lambda a: a.median(1)[0], lambda a: a.max(1)[0], lambda a: a.max(0, keepdim=True)[0], lambda a: a.gather(1, T.tensor([[0, 0], [1, 3], [1, 1]])), lambda a: a.cummax(1)[0], lambda a: a.cummin(0)[0], lambda a: a.mode(1)[0], lambda a: a.msort()]\nprint([T.autograd.gradgradcheck(f, (x,)) for f in fs])\nfor f in fs:\n    g, = T.autograd.grad(f(x).pow(2).sum(), x, create_graph=True)\n    print(g.grad_fn)',
    'x = T.randn(3, 4, requires_grad=True)\ng, = T.autograd.grad(x.sort(1)[0].pow(2).sum(), x, create_graph=True)\nprint(g.grad_fn.next_functions, g.grad_fn._saved_dim, g.grad_fn._saved_index)\nh, = T.autograd.grad(g.sum(), x, create_graph=True)\nprint(h.grad_fn)',
    'x = T.randn(3, 4, requires_grad=True)\ng, = T.autograd.grad(x.gather(1, T.tensor([[0, 0], [1, 3], [1, 1]])).pow(2).sum(), x, create_graph=True)\nprint(g.grad_fn.next_functions, g.grad_fn._saved_dim, g.grad_fn._saved_index)\nprint(g)',
    'x = T.tensor([[1., 1., 0.], [2., 2., 2.]], requires_grad=True)\nx.max(1)[0].sum().backward(); print(x.grad)\nx.grad = None; x.min(1, keepdim=True)[0].sum().backward(); print(x.grad)\nx.grad = None; x.cummax(1)[0].sum().backward(); print(x.grad)\nx.grad = None; x.median(1)[0].sum().backward(); print(x.grad)',
    'x = T.tensor(3., requires_grad=True)\nfor f in [lambda a: a.sort()[0], lambda a: a.max(0)[0], lambda a: a.cummax(0)[0], lambda a: a.kthvalue(1)[0], lambda a: a.gather(0, T.tensor(0)), lambda a: a.topk(1)[0]]:\n    g, = T.autograd.grad(f(x) * x, x, create_graph=True)\n    print(g, g.grad_fn)',
    'x = T.randn(3, 4, requires_grad=True)\ng, = T.autograd.grad(x.mean(), x, create_graph=True); print(g.grad_fn, g.grad_fn.next_functions)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"o8_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
