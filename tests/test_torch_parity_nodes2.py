"""More backward nodes against PyTorch: ``name()``, ``next_functions``, ``dir(node)``'s
``_saved_*`` names and their values, for losses, normalization, embedding, padding,
convolution and a wide sweep of tensor operations; and what a node shows once backward
freed its saved values (skipped without PyTorch)."""

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
SHOW = ("\nn = y.grad_fn; names = [a for a in dir(n) if 'saved' in a]; print(type(n).__name__, n.name(), names)\n"
        "print([(type(f).__name__ if f is not None else None, i) for f, i in n.next_functions])\n"
        "for a in names:\n    print(a, getattr(n, a))")
# the same once backward freed the graph: what still shows, and what raises
FREED = ("\ny.sum().backward(); n = y.grad_fn\n"
         "for a in [a for a in dir(n) if a.startswith('_saved')]:\n"
         "    try: print(a, getattr(n, a))\n"
         "    except RuntimeError as e: print(a, 'freed', str(e)[:40])\n"
         "for a in [a for a in dir(n) if a.startswith('_raw_saved')]:\n"
         "    r = getattr(n, a); print(a, type(r).__name__)\n"
         "    try: r.register_hooks(lambda t: t, lambda t: t)\n"
         "    except RuntimeError as e: print(e)\n")

OPS = [
    # losses
    "T.nn.functional.nll_loss(x.log_softmax(1), T.tensor([0, 2]))",
    "T.nn.functional.nll_loss(x.log_softmax(1), T.tensor([0, 2]), reduction='sum')",
    "T.nn.functional.nll_loss(x.log_softmax(1), T.tensor([0, 2]), reduction='none')",
    "T.nn.functional.nll_loss(x.log_softmax(1), T.tensor([0, 2]), weight=T.ones(3), ignore_index=1)",
    "T.nn.functional.nll_loss(x.log_softmax(1), T.tensor([0, 2]), weight=T.tensor([1., 2., 3.]), ignore_index=0)",
    "T.nn.functional.nll_loss(x[0], T.tensor(1))",
    "T.nn.functional.cross_entropy(x, T.tensor([0, 2]))",
    # embedding
    "T.nn.functional.embedding(T.tensor([0, 2]), m)",
    "T.nn.functional.embedding(T.tensor([0, 2]), m, padding_idx=1)",
    "T.nn.functional.embedding(T.tensor([[0, 2]]), m, padding_idx=-1)",
    "T.nn.functional.embedding(T.tensor([0, 2, 2]), m, scale_grad_by_freq=True)",
    # normalization
    "T.nn.functional.layer_norm(x, (3,))",
    "T.nn.functional.layer_norm(x, (3,), w[0], v)",
    "T.nn.functional.layer_norm(x.view(1, 2, 3), (2, 3), w, eps=0.1)",
    "T.nn.functional.group_norm(x.view(2, 3, 1), 3)",
    "T.nn.functional.group_norm(x.view(2, 3, 1), 1, v, v)",
    "T.nn.functional.group_norm(x.view(1, 2, 3), 2, v[:2], eps=0.01)",
    "T.nn.functional.batch_norm(x, None, None, training=True)",
    "T.nn.functional.batch_norm(x, T.zeros(3), T.ones(3), v, v, training=True)",
    "T.nn.functional.batch_norm(x, T.zeros(3), T.ones(3), v, v, training=False)",
    "T.nn.functional.batch_norm(x.view(1, 2, 3), T.zeros(2), T.ones(2), training=True, momentum=0.5, eps=0.1)",
    "T.nn.BatchNorm1d(3)(x)", "T.nn.LayerNorm(3)(x)", "T.nn.GroupNorm(1, 2)(x.view(1, 2, 3))", "T.nn.BatchNorm1d(3).eval()(x)",
    # convolution
    "T.nn.functional.conv1d(x.view(1, 2, 3), x.view(1, 2, 3)[:, :, :2])",
    "T.nn.functional.conv1d(x.view(1, 2, 3), x.view(1, 2, 3)[:, :, :2], v[:1], padding=1, stride=2)",
    "T.nn.functional.conv1d(x.view(1, 2, 3), x.view(1, 2, 3)[:, :, :2], padding='same')",
    "T.nn.functional.conv2d(x.view(1, 1, 2, 3), w.view(1, 1, 2, 3)[:, :, :, :2], padding=(1, 0), dilation=(1, 2))",
    "T.nn.functional.conv2d(x.view(1, 2, 1, 3), w.view(2, 1, 1, 3), groups=2)",
    "T.nn.functional.conv_transpose1d(x.view(1, 2, 3), w.view(2, 1, 3), v[:1], stride=2, output_padding=1)",
    "T.nn.functional.conv_transpose2d(x.view(1, 1, 2, 3), w.view(1, 1, 2, 3), padding=1)",
    "T.nn.Conv2d(1, 1, 2, bias=False)(x.view(1, 1, 2, 3))",
    # padding
    "T.nn.functional.pad(x, (1, 2))", "T.nn.functional.pad(x, [1, 1], value=2.)", "T.nn.functional.pad(x, (1, -1, 0, 1))",
    "T.nn.functional.pad(x.view(1, 2, 3), (1, 1), mode='reflect')", "T.nn.functional.pad(x.view(1, 2, 3), (1, 1), mode='replicate')",
    "T.nn.functional.pad(x.view(1, 1, 2, 3), (1, 1, 1, 1), mode='reflect')", "T.nn.functional.pad(x.view(1, 1, 2, 3), (1, 1, 1, 0), mode='replicate')",
    "T.nn.functional.pad(x.view(1, 2, 3), (1, 1), mode='circular')", "T.nn.ReflectionPad1d(2)(x.view(1, 2, 3))", "T.nn.ZeroPad2d(1)(x.view(1, 2, 3))",
    # small ops
    "T.nn.functional.prelu(x, v[:1])", "T.nn.functional.prelu(x, v)", "x.take(T.tensor([0, 5]))", "x.take(T.tensor([[-1, 2]]))",
    "T.diag_embed(x)", "T.diag_embed(x, 1, 0, 2)", "T.diag_embed(v, -1)", "T.diag(v)", "T.diag(v, 1)", "T.diagflat(x)",
    "x.sgn()", "x.nan_to_num()", "x.nan_to_num(1., 2., 3.)",
    "x.index_copy(1, T.tensor([0, 2]), w[:, :2])", "x.index_copy(-1, T.tensor([0]), w[:, :1])", "x.clone().index_copy_(0, T.tensor([1]), w[:1])",
    # the split family keeps the dim as given
    "x.unbind(-1)[0]", "x.split(2, -1)[0]", "x.split(2, -1)[1]", "T.split(x, [1, 2], -1)[0]", "x.chunk(3, -1)[0]", "x.chunk(2, -2)[0]",
    "x.split([3], -1)[0]", "x.chunk(1, -1)[0]", "x.tensor_split(2, -1)[0]", "T.hsplit(x, 3)[0]",
    # var / std's correction
    "x.var()", "x.var(0)", "x.var(True)", "x.var(False)", "x.var(0, False)", "x.var(correction=1)", "x.var(keepdim=True)", "x.var(correction=2.5)",
    "x.std()", "x.std(unbiased=False)", "T.var(x)", "T.std(x, 1)", "T.var(x, unbiased=False)", "T.std(x, keepdim=True)",
    "T.var_mean(x)[0]", "T.var_mean(x)[1]", "T.var_mean(x, -1, correction=0)[0]", "T.std_mean(x, 1)[0]", "T.std_mean(x)[1]",
    "T.std_mean(x, (0, 1), keepdim=True)[0]",
]
SNIPPETS = [PRE + f"y = {op}" + SHOW for op in OPS]
FREED_OPS = [
    "x * w", "x * 2", "x.exp()", "x.max(0).values", "x[T.tensor([0])]", "x.clamp(T.zeros(3))",
    "T.nn.functional.nll_loss(x, T.tensor([0, 2]))", "T.nn.functional.layer_norm(x, (3,), w[0])",
    "T.nn.functional.embedding(T.tensor([0, 2]), m)", "T.nn.functional.group_norm(x.view(2, 3, 1), 3)",
]
SNIPPETS += [PRE + f"y = {op}" + FREED for op in FREED_OPS]
# a node that saved indices (or a mask) refuses a second backward, as in PyTorch
TWICE = "\ny.backward()\ntry:\n    y.backward(); print('ok')\nexcept Exception as e: print(type(e).__name__, e)\n"
TWICE_OPS = [
    "x.max(0).values.sum()", "x.max(1, keepdim=True)[0].sum()", "x[T.tensor([0])].sum()", "x[:, [0, 2]].sum()", "x[x > 0].sum()",
    "x.cummax(1).values.sum()", "x.sort(1).values.sum()", "x.topk(2).values.sum()", "x.kthvalue(2, 1).values.sum()",
    "x.median(1).values.sum()", "x.mode(1).values.sum()", "x.gather(1, T.tensor([[0], [1]])).sum()",
    "x.index_select(1, T.tensor([0, 2])).sum()", "x.take(T.tensor([0, 5])).sum()", "x.masked_fill(x > 0, 0.).sum()",
    "x.masked_fill(x > 0, T.tensor(1.)).sum()", "T.nn.functional.embedding(T.tensor([0, 2]), m).sum()",
    "x.scatter(1, T.tensor([[0], [1]]), 5.).sum()", "x.scatter(1, T.tensor([[0], [1]]), w[:, :1]).sum()",
    "x.scatter_add(1, T.tensor([[0], [1]]), w[:, :1]).sum()", "x.index_fill(1, T.tensor([0]), 2.).sum()",
    "x.sum()", "x.amax(1).sum()", "x[0].sum()", "x[:, 1:].sum()", "T.nn.functional.nll_loss(x, T.tensor([0, 2]))",
]
SNIPPETS += [PRE + f"y = {op}" + TWICE for op in TWICE_OPS]
SNIPPETS += [PRE + line for line in [
    # the saved indices are checked against in-place changes of the returned ones
    "v, i = x.max(0); i.add_(0); v.sum().backward()", "v, i = x.sort(1); i.add_(0); v.sum().backward()",
    "v, i = x.cummax(1); i.add_(0); v.sum().backward()", "v, i = x.median(1); i.add_(0); v.sum().backward()",
    "i = T.tensor([0, 2]); y = x.index_select(1, i); i.add_(0); y.sum().backward()",
    "v, i = x.max(0); print(v.grad_fn._saved_indices, v.grad_fn._saved_indices._version)",
]]
SNIPPETS += [
    # batch norm's own update of the running statistics leaves their version; a later change is caught
    "bn = T.nn.BatchNorm1d(3); x = T.randn(4, 3, requires_grad=True)\n"
    "print(bn.running_mean._version, bn.num_batches_tracked._version); y = bn(x); print(bn.running_mean._version, bn.num_batches_tracked._version)\n"
    "z = bn(x); (y.sum() + z.sum()).backward(); print('ok train')\n"
    "bn.eval(); y = bn(x); bn.running_mean.add_(1)\n"
    "try: y.sum().backward()\nexcept Exception as e: print(e)\n"
    "rm = T.zeros(3); y = T.nn.functional.batch_norm(x, rm, T.ones(3), training=True); print(rm._version); rm.add_(1)\n"
    "try: y.sum().backward()\nexcept Exception as e: print(e)\n",
    # nll_loss's target is saved: changing it in place breaks backward
    "x = T.randn(2, 3, requires_grad=True); t = T.tensor([0, 2]); y = T.nn.functional.nll_loss(x, t); t.add_(0); y.backward()",
    "x = T.randn(2, 3, requires_grad=True); T.nn.functional.nll_loss(x, T.tensor([0, 5]), weight=T.ones(3))",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"m{i:03d}" for i in range(len(SNIPPETS))])
def test_same_nodes_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
