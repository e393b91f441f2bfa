"""Graphs recorded by backward rules under create_graph=True, compared with PyTorch's:
grad_fn and next_functions names, the first derivative and a second one (their sums,
rounded: the last digits follow the summation order)."""

import pytest

torch = pytest.importorskip("torch")

from tests.test_torch_scenarios import assert_same_as_pytorch  # noqa: E402

TEMPLATE = """T.manual_seed(0)
x = T.randn(3, 4, dtype=T.float64, requires_grad=True)
idx = T.tensor([0, 2])
y = {f}
y = y[0] if isinstance(y, tuple) else y
g, = T.autograd.grad(y.pow(2).sum(), x, create_graph=True)
gf = g.grad_fn
print(gf.name() if gf else None, [n.name() if n else None for n, _ in
                                  (gf.next_functions if gf else ())])
if gf is not None:
    h, = T.autograd.grad((g * g.detach().cos()).sum(), x, allow_unused=True)
    print(round(g.detach().sum().item(), 6) + 0.0,
          h if h is None else round(h.sum().item(), 4) + 0.0)
"""

EXPRESSIONS = [
    "x.max()", "x.min()", "x.index_select(1, idx)", "x.index_select(0, T.tensor([2, 2]))",
    "x.take(idx)", "x[:, [0, 1]]", "x[x > 0]", "x[idx]", "x[0]", "x[..., 1]", "x[1:, ::2]",
    "x[0, 1:3]", "x[1, [0, 2]]", "T.trace(x)", "T.trace(x[:, :3])", "x.narrow(1, 1, 2)",
    "x[:]", "x[None, 1]", "x.select(1, 2)", "x.t()[1]", "x.unbind(1)[2]",
    "x.mean()", "x.mean(1)", "x.mean(0, keepdim=True)", "x.squeeze()", "x.squeeze(0)",
    "x.view(3, 1, 4, 1).squeeze()", "x.unsqueeze(1).squeeze(1)", "x[:, None, :, None].squeeze()",
    "x.view(1, 12).squeeze(0)", "x.view(3, 1, 4).squeeze((0, 1))",
    "x.norm()", "x.norm(dim=1)", "x.norm(p=1)", "x.norm(p=float('inf'))",
    "T.linalg.vector_norm(x, 3)", "T.linalg.vector_norm(x, 1.5, dim=0)",
    "T.linalg.vector_norm(x, 0.5)", "T.linalg.vector_norm(x, -float('inf'), dim=1)",
    "T.linalg.matrix_norm(x)", "x.norm(dim=1, keepdim=True)", "x.norm(dim=(0, 1))",
    "T.nn.functional.normalize(x)", "T.nn.functional.pairwise_distance(x, x.flip(0))",
    "x.var()", "x.var(1)", "x.std()", "x.std(1)", "x.var(0, keepdim=True)", "x.std((0, 1))",
    "x.std(1, correction=0)", "x[0].var()", "x[0].std()", "x.prod()", "x.prod(1)",
    "x.prod(0, keepdim=True)", "x.logsumexp(1)", "x.logsumexp(0)", "x.logsumexp((0, 1))",
    "x.logsumexp(1, keepdim=True)", "x.sum((0, 1))", "x.sum()", "x.sum(1)", "x.sum(())",
    "x.sum((0, 1), keepdim=True)", "x.mean((0, 1))", "x.amax((0, 1))", "x.amax()", "x.amin(1)",
    "x.amax(1, keepdim=True)", "x.nansum((0, 1))", "x.nanmean((0, 1))", "x.var((0, 1))",
    "x[0, 0].sum(0)", "x.max(1)", "x.median(1)", "x.sort(1)", "x.topk(2)", "x.cummax(1)",
    "x.diagonal()", "x.unfold(1, 2, 1)", "x.masked_select(x > 0)",
]


@pytest.mark.parametrize("f", EXPRESSIONS)
def test_double_backward_graph_matches_pytorch(f: str) -> None:
    assert_same_as_pytorch(TEMPLATE.format(f=f))


WRITE_TEMPLATE = """T.manual_seed(0)
x = T.randn(3, 4, dtype=T.float64, requires_grad=True)
idx = T.tensor([0, 2])
y = x * 1
{statement}
g, = T.autograd.grad(y.pow(2).sum(), x, create_graph=True)
gf = g.grad_fn
print(g)
print(gf.name() if gf else None, [n.name() if n else None for n, _ in
                                  (gf.next_functions if gf else ())])
"""

STATEMENTS = [
    "y[idx] = 0.", "y[y > 0] = 0.", "y.index_put_((idx,), T.zeros(4, dtype=T.float64))",
    "y[:] = 5.", "y[:, :] = 1.", "y[...] = x[0]", "y[:] = x[0] * 2", "y[0] = 1.",
    "y[:, 1] = 0.", "y[1:, [0, 2]] = 0.", "y[..., 0] = x[:, 1]", "y.fill_(1.)",
    "y.copy_(x.flip(0))", "y[idx] = x[1:]",
    "y.index_put_((idx,), x[0] * 2, accumulate=True)",
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_writes_double_backward_graph_matches_pytorch(statement: str) -> None:
    assert_same_as_pytorch(WRITE_TEMPLATE.format(statement=statement))
