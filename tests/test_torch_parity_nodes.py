"""What backward nodes expose, against PyTorch: ``dir(node)``'s ``_saved_*`` names and the
values they show, for the common operations (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

# x, w: 2×3 leaves; m: 3×2; v: 3 elements
PRE = ("x = T.tensor([[1., -2., 3.], [0.5, 0.25, -1.5]], requires_grad=True); "
       "w = T.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], requires_grad=True); "
       "m = T.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True); "
       "v = T.tensor([1., 2., 3.], requires_grad=True)\n")
SHOW = ("\nn = y.grad_fn; names = [a for a in dir(n) if 'saved' in a]; print(type(n).__name__, names)\n"
        "for a in names:\n    print(a, getattr(n, a))")

# each: the expression whose grad_fn is shown
OPS = [
    "x + w", "x + 2", "x.add(w, alpha=2)", "x - w", "x - 3", "x * w", "x * 2", "x / w", "x / 2",
    "2 / x", "x ** 2", "x ** w", "2 ** x", "x.pow(T.tensor(2.))", "x.pow(2.5)", "x.square()",
    "x.exp()", "x.tanh()", "x.sigmoid()", "x.relu()",
    "x.sum()", "x.sum(0)", "x.sum(1, keepdim=True)", "x.sum(-1)", "x.sum((0, 1))",
    "x.mean()", "x.mean(0)", "x.mean(dim=(0, 1))", "x.mean(-1, True)",
    "x.max()", "x.max(1).values", "x.min(0).values", "x.max(-1, keepdim=True).values",
    "x.norm()", "x.norm(dim=1)", "x.norm(p=1, dim=-1)",
    "x.softmax(1)", "x.log_softmax(0)", "x.softmax(-1)",
    "x @ m", "x.mm(m)", "x.matmul(m)", "x.mv(v)", "T.dot(v, v)", "x.unsqueeze(0).bmm(m.unsqueeze(0))",
    "x.detach() @ m", "x @ m.detach()", "x.mv(v.detach())", "x.detach().mv(v)",
    "x.clone().add_(1)", "x.clone().add_(w, alpha=3)", "x.clone().sub_(1)", "x.clone().pow_(2)",
    "x.clamp(0, 1)", "x.clamp(min=0.5)", "x.clamp(max=0.5)",
    "x.clamp(T.zeros(2, 3), T.ones(2, 3))", "x.clamp(min=T.zeros(3))", "T.clamp_min(x, T.zeros(3))", "T.clamp_max(x, T.zeros(3))",
    "x.std()", "x.std(1)", "x.std(unbiased=False)", "x.std(-1, correction=0, keepdim=True)", "x.var()", "x.var(0)", "x.std((0, 1))",
    "x.prod()", "x.prod(0)", "x.prod(-1, True)", "x.logsumexp(1)", "x.logsumexp((0, 1))", "x.amax()", "x.amax(1)", "x.amin(-1)",
    "x.cumsum(0)", "x.cumsum(-1)", "x.cumprod(1)", "x.cumprod(-1)", "x.logcumsumexp(-1)", "x.cummax(1).values", "x.cummin(0).values",
    "x.kthvalue(2, 1).values", "x.kthvalue(1).values", "x.median(1).values", "x.mode(1).values", "x.median()",
    "x.sort(1).values", "x.sort().values", "x.topk(2).values", "x.topk(1, 0).values",
    "x.gather(1, T.tensor([[0], [1]]))", "x.gather(-1, T.tensor([[0]]))",
    "x.index_select(1, T.tensor([0, 2]))", "x.index_select(-1, T.tensor([2, 1, 0]))",
    "x.masked_fill(x > 0, 0.)", "x.masked_fill(x > 0, T.tensor(1.))", "T.where(x > 0, x, w)", "T.where(x > 0, x, 0.)",
    "T.maximum(x, w)", "T.minimum(x, w)",
    "T.nn.functional.leaky_relu(x)", "T.nn.functional.leaky_relu(x, 0.2)", "T.nn.functional.elu(x)", "T.nn.functional.elu(x, 0.5)",
    "T.nn.functional.gelu(x)", "T.nn.functional.gelu(x, approximate='tanh')", "T.nn.functional.hardtanh(x)", "T.nn.functional.hardtanh(x, -2., 2.)",
    "T.nn.functional.celu(x)", "T.nn.functional.threshold(x, 0.1, 20)", "T.nn.functional.softplus(x, 2, 10)",
    "T.addmm(w[:, :2], x, m)", "T.nn.functional.linear(x, m.t())", "T.nn.functional.linear(x, m.t(), v[:2])",
    "T.addmm(x, T.ones(2, 2, requires_grad=True), T.ones(2, 3), beta=0.5, alpha=2)", "T.addmm(x, T.ones(2, 2), T.ones(3, 2, requires_grad=True).t())",
    "T.addmv(w[0, :2], m.t(), x[0])", "T.addmv(T.ones(2, requires_grad=True), T.ones(2, 3), T.ones(3), alpha=3)",
    "T.addr(x, T.ones(2, requires_grad=True), T.ones(3))", "T.baddbmm(x.unsqueeze(0), T.ones(1, 2, 2, requires_grad=True), T.ones(1, 2, 3))",
    "T.addbmm(x, T.ones(1, 2, 2, requires_grad=True), T.ones(1, 2, 3), alpha=2)",
    "x.addcmul(w, w, value=2)", "x.addcdiv(w, w, value=2)", "x.addcmul(w.detach(), w.detach())", "x.addcdiv(w.detach(), w.detach(), value=0.5)", "x.detach().addcdiv(w.detach(), w)",
    "x.lerp(w, 0.5)", "x.lerp(w, 0.25)",
    "T.nn.functional.mse_loss(x, w)", "T.nn.functional.mse_loss(x, w, reduction='sum')", "T.nn.functional.mse_loss(x, w, reduction='none')",
    "T.nn.functional.binary_cross_entropy(x.sigmoid(), w.sigmoid().detach())", "T.nn.functional.binary_cross_entropy(x.sigmoid(), w.detach(), weight=w.detach())",
    "T.nn.functional.binary_cross_entropy_with_logits(x, w.detach())", "T.nn.functional.binary_cross_entropy_with_logits(x, w.detach(), pos_weight=T.ones(3))",
    "x.split(2, 1)[0]", "x.split([1, 2], 1)[0]", "x.chunk(2, 1)[1]", "x.unbind(1)[0]", "x.flip(-1, 0)", "x.flip(1)", "x.roll(1)", "x.roll((1, 2), (0, -1))",
    "x.triu(-1)", "x.tril()", "x.diagonal(1, -1, 0)", "x.diagonal()", "T.diag(x, 1)", "T.diag(x)", "x.trace()", "x.unfold(1, 2, 1)",
    "x.repeat(1, 2, 1)", "x.repeat(2, 1)",
    "10 - x", "T.rsub(x, w)", "x.div(2, rounding_mode='floor')", "x.div(w, rounding_mode='trunc')", "x.aminmax(dim=1)[0]", "x.aminmax()[1]",
    "x.nansum()", "x.nansum(-1, True)", "T.cdist(x, w)", "T.cdist(x, w, 1.5)", "x.dist(w)", "x.dist(w, 3)", "x.clamp_min(0.5)", "x.clamp_max(0)",
    "x.polygamma(2)", "x.scatter(-1, T.tensor([[0], [1]]), 5.)", "x.scatter(1, T.tensor([[0], [1]]), w[:, :1])", "x.scatter_add(1, T.tensor([[0], [1]]), w[:, :1])",
    "x.index_fill(1, T.tensor([0]), 2.)", "T.nn.functional.softshrink(x, 0.3)", "T.nn.functional.hardshrink(x)",
    "T.linalg.cross(x, w, dim=-1)", "T.cross(x, w, dim=1)", "T.linalg.cross(x, w)",
    "T.nn.functional.smooth_l1_loss(x, w)", "T.nn.functional.smooth_l1_loss(x, w, beta=0.5)", "T.nn.functional.huber_loss(x, w)", "T.nn.functional.huber_loss(x, w, delta=2.)",
    # views and indexing (shape.py, indexing.py)
    "x.view(6)", "x.t().reshape(6)", "x.view(1, 2, 3).squeeze()", "x.unsqueeze(0).squeeze(0)", "x.unsqueeze(0).squeeze((0,))",
    "x.view(2, 3, 1).squeeze(-1)", "x.unsqueeze(-1)", "x[..., None]", "x.unsqueeze(1).expand(2, 4, 3)", "x.expand(2, 2, 3)",
    "x.permute(1, 0)", "x.permute(-1, 0)", "x.movedim(0, 1)", "x.flatten()", "x.unflatten(1, (3, 1))",
    "x[[0, 1]]", "x[T.tensor([True, False])]", "x[x > 0]", "x[:, [0, 2]]", "x[..., [1]]", "x[1, [0, 2]]", "x[[1], [0]]",
    "x[0]", "x[:, 1:]", "x[::2, 1]", "x.narrow(1, 0, 2)", "T.stack([x, w], 1)", "T.stack([x, w], -1)",
]
SNIPPETS = [PRE + f"y = {op}" + SHOW for op in OPS]
SNIPPETS += [
    # a saved tensor's version check still applies under its PyTorch name
    "x = T.tensor([1., 2.], requires_grad=True); e = T.tensor([2., 3.]); y = x ** e; e.add_(1); print(y.grad_fn._saved_exponent)",
    "x = T.tensor([1., 2.], requires_grad=True); y = 2 ** x; print(y.grad_fn._saved_self, y.grad_fn._saved_exponent is x)",
    "x = T.tensor([[1., 2.]], requires_grad=True); m = T.ones(2, 3, requires_grad=True); y = x @ m; y.sum().backward(); print(y.grad_fn._saved_self_sym_sizes); y.grad_fn._saved_mat2",
    "x = T.tensor([[1., 2.]], requires_grad=True); y = x.max(1).values; print(type(y.grad_fn._raw_saved_indices).__name__, y.grad_fn._saved_indices)",
    "x = T.tensor([1., 2.], requires_grad=True); y = x * 2; print(type(y.grad_fn._raw_saved_other).__name__)",
    # index_select's result is contiguous (PyTorch's layout), so it can be viewed
    "x = T.ones(2, 3); y = x.index_select(-1, T.tensor([2, 1, 0])); print(y.is_contiguous(), y.stride()); print(y.view(6))",
    "x = T.arange(6.).view(2, 3); print(x.index_select(1, T.tensor([1])).stride(), T.tensor(5.).index_select(0, T.tensor([0])))",
    # index_add_ keeps its source (and index) as PyTorch does, and checks the source's shape; pow's
    # derivative graph multiplies by the exponent as a number; cumsum/cumprod results are row-major;
    # a one-value cumprod's backward reads nothing
    'a = T.ones(1, 3, requires_grad=True); b = T.zeros(2, 3); b.index_add_(0, T.tensor([0]), a)\nwith T.no_grad():\n    a.add_(1)\nb.sum().backward(); print(a.grad)',
    'a = T.zeros(2, 3); a.index_add_(0, T.tensor([0]), T.ones(1)); print(a)',
    "a = T.ones(1, 3, requires_grad=True); b = T.zeros(2, 3); b.index_add_(0, T.tensor([0]), a); n = b.grad_fn; print(n, [x for x in dir(n) if 'saved' in x], n._saved_alpha, n._saved_dim, n._saved_index, n._saved_source.shape, n._saved_source_dim)",
    "x = T.zeros(2, 3, requires_grad=True); y = x.index_add(-1, T.tensor([0]), T.ones(2, 1), alpha=2); n = y.grad_fn; print(n, [x for x in dir(n) if 'saved' in x], n._saved_alpha, n._saved_dim, n._saved_index, n._saved_source); y.sum().backward(); print(x.grad)",
    "for s in ['T.zeros(2, 3).index_add_(0, T.tensor([0, 1]), T.ones(1, 2))','T.zeros(2, 3).index_add_(0, T.tensor([0, 1]), T.ones(1))','T.zeros(2, 3).index_add_(0, T.tensor([5]), T.ones(1,2))', 'T.zeros(2, 3).index_add_(0, T.tensor([0]), T.ones(1,3), alpha=0.5)','T.zeros(2, 3).index_add_(1, T.tensor([0]), T.ones(3, 1))','T.zeros(2, 3).index_add_(1, T.tensor([0]), T.ones(2, 1, 1))','T.zeros(3).index_add_(0, T.tensor([0]), T.ones(1, 1))','T.zeros(2,3).index_add_(0, T.tensor([0]), T.tensor(1.))','T.zeros(()).index_add_(0, T.tensor([0]), T.tensor(1.))','T.zeros(()).index_add_(0, T.tensor([0]), T.ones(1))','T.zeros(3).index_add_(0, T.tensor([0]), T.tensor(1.))']:\n    try: print(eval(s))\n    except Exception as e: print(type(e).__name__, e)",
    'x = T.zeros(2, 3, requires_grad=True); s = T.ones(2, 2, requires_grad=True); y = x.index_add(1, T.tensor([0, 2]), s, alpha=3.); y.backward(T.arange(6.).view(2, 3)); print(x.grad, s.grad)\n',
    "x = T.tensor(3., requires_grad=True); y = x ** 2; g, = T.autograd.grad(y, x, create_graph=True); n = g.grad_fn.next_functions[1][0]; print(n, n.next_functions, [a for a in dir(n) if 'saved' in a], n._saved_other)",
    'x = T.tensor([3., 2.], requires_grad=True); y = (x ** 0.5).sum(); g, = T.autograd.grad(y, x, create_graph=True); print(g, g.grad_fn.next_functions[1][0].next_functions); h, = T.autograd.grad(g.sum(), x); print(h)',
    'x = T.tensor([3., 2.], requires_grad=True); y = (x ** 3).sum(); g, = T.autograd.grad(y, x, create_graph=True); h, = T.autograd.grad(g.sum(), x, create_graph=True); print(h, h.grad_fn, h.grad_fn.next_functions)',
    'x = T.tensor(3., requires_grad=True); y = x ** -1; g, = T.autograd.grad(y, x, create_graph=True); print(g, g.grad_fn.next_functions[1][0]._saved_other)',
    'x = T.tensor([3, 2]); print(x ** 2)',
    'x = T.tensor(3., dtype=T.float64, requires_grad=True); y = x.pow(2); g, = T.autograd.grad(y, x, create_graph=True); print(g, g.grad_fn.next_functions[1][0]._saved_other)\n',
    'x = T.ones(2, 3).t(); print([(f, getattr(x, f)(-1).stride()) for f in ("cumsum", "cumprod", "logcumsumexp")], x.cumsum(0).stride(), x.double().cumsum(1).stride(), x.int().cumsum(1).stride())',
    'x = T.ones(2, 3, 4).permute(2, 0, 1); print(x.cumsum(1).stride(), x.cumprod(2).stride(), x.cummax(0).values.stride())',
    'x = T.tensor([1.37], requires_grad=True); y = x.cumprod(0); y.data.mul_(2); y.backward(); print(x.grad)',
    'x = T.tensor([[1.37]], requires_grad=True); y = x.cumprod(1); y.sum().backward(); print(x.grad)',
    'x = T.tensor(1.37, requires_grad=True); y = x.cumprod(0); y.backward(); print(x.grad)',
    'x = T.tensor([2], dtype=T.int32); print(x.cumprod(0), x.cumprod(0, dtype=T.float32))',
    'x = T.tensor([[2., 0.]], requires_grad=True); y = x.cumprod(1); y.sum().backward(); print(x.grad)\n',
]


# einsum is recorded as PyTorch's einsum runs it (permute/unsqueeze/diagonal, bmm, view, sum, mul):
# the nodes, node for node, and the gradients (ReshapeAliasBackward0 aside: see EINSUM_SKIPS)
EINSUM = (
    "def chain(t):\n"
    "    out = []\n"
    "    def rec(n, d):\n"
    "        out.append('  ' * d + type(n).__name__)\n"
    "        if n is not None and type(n).__name__ != 'AccumulateGrad':\n"
    "            for f, _ in n.next_functions:\n"
    "                rec(f, d + 1)\n"
    "    rec(t.grad_fn, 0)\n"
    "    return '\\n'.join(out)\n"
    "x = T.arange(6.).view(2, 3).requires_grad_(); y = T.arange(12.).view(3, 4).requires_grad_(); v = T.tensor([1., 2., 3.], requires_grad=True); "
    "sq = T.arange(9.).view(3, 3).requires_grad_(); b = T.arange(30.).view(5, 2, 3).requires_grad_(); c = T.arange(60.).view(5, 3, 4).requires_grad_()\n"
)
EINSUM_CASES = [
    ("ij,jk->ik", "x, y"), ("ij->ji", "x"), ("ii->i", "sq"), ("ij->", "x"), ("ij->j", "x"), ("ii", "sq"), ("i,i->", "v, v"),
    ("i,j->ij", "v, v"), ("bij,bjk->bik", "b, c"), ("ij,j->i", "x, v"), ("ij,ij->ij", "x, x"), ("ij,ij->", "x, x"),
    ("i,j", "v, v[:2]"), ("ij,ij->i", "x, x"), ("iij->j", "T.ones(3, 3, 2, requires_grad=True)"), ("ij,jk", "x, y"), ("ji", "x"),
]
# (not yet: "ij,i->j", "ij,jk,kl->il", "ij,jk->ki": PyTorch's reshape of a permuted operand that
# can be viewed records ReshapeAliasBackward0, the kit's reshape (shape.py) ViewBackward0)
SNIPPETS += [EINSUM + f"args = ({a},); r = T.einsum({e!r}, *args); print(r); print(chain(r)); r.sum().backward(); print([t.grad for t in args])"
             for e, a in EINSUM_CASES]
SNIPPETS += [
    "x = T.ones(2, 3, requires_grad=True); T.einsum('ij,jk->ik', x, T.ones(2, 2))",
    "x = T.ones(2, 3, requires_grad=True); T.einsum('ijk->i', x)",
    "x = T.ones(2, 3, requires_grad=True); T.einsum('ii->i', x)", "x = T.ones(2, 3); T.einsum('ij,ii->i', x, T.ones(3, 2))",
    "x = T.ones(2, 3, requires_grad=True); print(T.einsum('ij,ij->i', x, T.ones(1, 3)))",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_saved_values_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
