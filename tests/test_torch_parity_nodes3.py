"""A third round of what backward nodes show against PyTorch, and a few op fixes: signed
zeros, var/std's default correction, einsum's output subscripts, bool powers, negative dims
shown unsigned, saved number types, saved indices checked for in-place changes, and batch
norm's rounding in eval mode (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

PRE = ("x = T.tensor([[1., -2., 3.], [0.5, 0.25, -1.5]], requires_grad=True)\n")
SHOW = ("\nn = y.grad_fn; names = [a for a in dir(n) if a.startswith('_saved')]; print(n.name(), names)\n"
        "for a in names:\n    print(a, getattr(n, a))")

SNIPPETS = [
    "print(T.nn.functional.softshrink(T.tensor([-0.5, 0.5, 2., -3.]), 1))",
    "print(T.nn.functional.softshrink(T.tensor([-0.25, 0.25]), 0.5))",
    # var/std: a dim given as None still counts as given (correction 1)
    PRE + "for y in [x.var(), x.var(dim=None), x.std(dim=None), x.var(None), x.std(), x.var(0), x.var(None, False), x.var(None, keepdim=True), T.var(x, dim=None), T.var(x), x.var(correction=0), x.var(dim=None, correction=0), T.var_mean(x, dim=None)[0], T.std_mean(x)[0]]:\n"
    "    n = y.grad_fn; print(n.name(), n._saved_correction, n._saved_dim, y)",
    # einsum's output letters: each once, each found in an operand
    "for e, ops in [('ij->ik', [T.ones(2, 3)]), ('ij->ii', [T.ones(2, 3)]), ('ij,jk->ikl', [T.ones(2, 3), T.ones(3, 2)]), ('ij->ik', [T.ones(2, 3, 4)]), ('ij->iik', [T.ones(2, 3)]), ('ij->j', [T.ones(2, 3)]), ('ij->ki', [T.ones(2, 3)])]:\n"
    "    try: print(T.einsum(e, *ops))\n"
    "    except Exception as ex: print(type(ex).__name__, ex)",
    # powers of bool tensors: a bool exponent keeps bool, a bool result has no kernel
    'b = T.tensor([True, False])\nfor f in [lambda: b ** True, lambda: b ** False, lambda: b ** 2, lambda: b ** 2., lambda: b ** b, lambda: True ** b, lambda: 2 ** b, lambda: b.pow(True), lambda: T.pow(True, b), lambda: b ** T.tensor(True), lambda: T.tensor(True) ** b, lambda: T.tensor(True) ** True, lambda: b.clone().pow_(True), lambda: b.float_power(True)]:\n    try: r = f(); print(r, r.dtype)\n    except Exception as e: print(type(e).__name__, e)\nfor f in [lambda: True ** T.tensor([1, 2]), lambda: False ** b, lambda: b ** 0, lambda: b ** 1, lambda: T.tensor([1, 2]) ** True, lambda: 1 ** b, lambda: 2.5 ** b, lambda: b.clone().pow_(False), lambda: b.clone().pow_(2)]:\n    try: r = f(); print(r, r.dtype)\n    except Exception as e: print(type(e).__name__, e)\n',
    # negative dims (and roll's shifts, select's index) show unsigned, as given
    "x = T.tensor([[1., -2., 3.], [0.5, 0.25, -1.5]], requires_grad=True)\nfor y in [T.cat([x, x], -1), T.cat([x, x], -2), x.transpose(-1, -2), x.transpose(0, -1), x.mT, x.narrow(-1, 0, 2), x.select(-1, 1), x.select(-2, 0), T.nn.functional.glu(x.view(3, 2), -1), x.roll(-1, 1), x.roll((1, -2), (0, -1)), x.roll(-1), x.squeeze(-1), x.unsqueeze(-1), x.sum(-1), x.movedim(-1, 0), x.flip(-1), x.cumsum(-1), x.softmax(-1), x.unbind(-1)[0], x.split(1, -1)[0], x.chunk(3, -1)[0], T.stack([x, x], -1), x.diagonal(0, -1, -2), x.unflatten(-1, (3, 1)), x.flatten(-2, -1), x.permute(-1, 0), x.repeat_interleave(2, -1), x.gather(-1, T.tensor([[0], [1]])), x.index_select(-1, T.tensor([0])), x.norm(dim=-1), x.mean(-1), x.prod(-1), x.logsumexp(-1), x.max(-1)[0], x.sort(-1)[0], x.cummax(-1)[0], x.log_softmax(-1), x.median(-1)[0], x.kthvalue(1, -1)[0], x.topk(1, -1)[0], x.amax(-1), x.var(-1), x.std(-1), x.tril(-1), x.triu(-1), x.diag_embed(-1), x.expand(2, -1, -1), x.nansum(-1), x.cumprod(-1), x.logcumsumexp(-1), T.nn.functional.normalize(x, dim=-1)]:\n    n = y.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved') and not isinstance(getattr(n, a), T.Tensor)})\nfor y in [x.select(0, -1), x.select(-1, -3), x.narrow(-1, -2, 1), x.narrow(1, -2, 1), x.roll(-4, 1), x[:, -1], x[-1], x[:, -2:], x.unbind(-1)[0], x.swapaxes(-1, 0), x.swapdims(0, -1), x.view(3, 2).t(), T.concat([x, x], -1), T.concatenate([x, x], -2)]:\n    n = y.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved') and not isinstance(getattr(n, a), T.Tensor)})\nfor f in [lambda: T.nn.functional.glu(x, -1), lambda: x.select(-3, 0), lambda: T.cat([x, x], -3), lambda: x.transpose(-3, 0)]:\n    try: f()\n    except Exception as e: print(type(e).__name__, e)\n(T.cat([x, x], -1).sum() + x.select(-1, -1).sum() * 2 + x.narrow(-1, 1, 2).sum() * 3 + T.nn.functional.glu(x.view(3, 2), -1).sum()).backward(); print(x.grad)\n",
    # linalg.norm's ord: 2.0 when none was given, 2 for 'fro'
    "x = T.tensor([[1., -2., 3.], [0.5, 0.25, -1.5]], requires_grad=True)\nfor y in [T.linalg.norm(x), T.linalg.norm(x, dim=1), T.linalg.norm(x, dim=(0, 1)), T.linalg.norm(x, dim=(1, -2)), T.linalg.norm(x.view(6)), T.linalg.norm(x.view(1, 2, 3)), T.linalg.norm(x, 'fro'), T.linalg.norm(x, 'fro', (0, 1)), T.linalg.matrix_norm(x, 'fro'), T.linalg.matrix_norm(x), x.norm(), x.norm(dim=1), x.norm(p='fro', dim=(0, 1)), x.norm(p='fro', dim=1), T.norm(x), T.norm(x, 2), T.linalg.norm(x, 2, 1), T.linalg.norm(x.view(6), 2), T.linalg.norm(x, keepdim=True), T.linalg.norm(x, dim=(0, 1), keepdim=True)]:\n    n = y.grad_fn; print(n.name(), repr(n._saved_ord), n._saved_dim, y)\n",
    # in-place squeeze (and matmul's vector squeeze) shows its dims
    "x = T.ones(3, requires_grad=True) * 1; m = T.ones(3, 2)\ny = x @ m; n = y.grad_fn.next_functions[0][0]; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved')})\ny = T.ones(2, 3) @ x; n = y.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved')})\nz = x.view(1, 3).clone(); z.squeeze_(0); n = z.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved')})\nz = x.view(1, 3, 1).clone(); z.squeeze_(-1); n = z.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved')})\nz = x.view(1, 3, 1).clone(); z.squeeze_((0, -1)); n = z.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved')})\nz = x.view(1, 3, 1).clone(); z.squeeze_(); n = z.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved')})\nx = T.ones(3, requires_grad=True) * 1; m = T.ones(3, 2)\ny = x @ m; n = y.grad_fn; print(n.name(), {a: getattr(n, a) for a in dir(n) if a.startswith('_saved')})\n",
    # the caller's mask or index is saved: changing it in place breaks backward
    "x = T.tensor([[1., -2., 3.], [0.5, 0.25, -1.5]], requires_grad=True)\ndef mf():\n    m = x > 0; y = x.masked_fill(m, 0.); m.logical_not_(); return y\ndef mf2():\n    m = x > 0; y = x.masked_fill(m, T.tensor(1.)); m.logical_not_(); return y\ndef sc():\n    i = T.tensor([[0], [1]]); y = x.scatter(1, i, 5.); i.add_(0); return y\ndef sc2():\n    i = T.tensor([[0], [1]]); y = x.scatter(1, i, x[:, :1]); i.add_(0); return y\ndef sa():\n    i = T.tensor([[0], [1]]); y = x.scatter_add(1, i, x[:, :1]); i.add_(0); return y\ndef ifl():\n    i = T.tensor([0]); y = x.index_fill(1, i, 2.); i.add_(0); return y\ndef tk():\n    i = T.tensor([0, 5]); y = x.take(i); i.add_(0); return y\ndef ic():\n    i = T.tensor([0]); y = x.index_copy(1, i, x[:, :1]); i.add_(0); return y\ndef ia():\n    i = T.tensor([0]); y = x.index_add(1, i, x[:, :1]); i.add_(0); return y\ndef ga():\n    i = T.tensor([[0], [1]]); y = x.gather(1, i); i.add_(0); return y\ndef ms():\n    m = x > 0; y = x.masked_select(m); m.logical_not_(); return y\ndef ix():\n    i = T.tensor([0, 1]); y = x[i]; i.add_(0); return y\ndef ip():\n    i = T.tensor([0]); y = x.index_put((i,), T.tensor(1.)); i.add_(0); return y\ndef msc():\n    m = x > 0; y = x.masked_scatter(m, T.ones(6)); m.logical_not_(); return y\nfor f in [mf, mf2, sc, sc2, sa, ifl, tk, ic]:\n    try:\n        y = f(); print(f.__name__, y.grad_fn.name()); y.sum().backward(); print('ok')\n    except Exception as e: print(type(e).__name__, str(e).split('[')[0], y.grad_fn.name())\ny = x.masked_fill(x > 0, 0.); print([type(f).__name__ for f, _ in y.grad_fn.next_functions], y.grad_fn._saved_mask)\ni = T.tensor([[0], [1]]); y = x.scatter(1, i, 5.); print([type(f).__name__ for f, _ in y.grad_fn.next_functions], y.grad_fn._saved_index is i)\ni = T.tensor([1, 0]); y = x.take(i); print(len(y.grad_fn.next_functions), y.grad_fn._saved_index is i)\nx.grad = None; z = x.clone(); m = x > 0; z.masked_fill_(m, 1.); m.logical_not_()\ntry: z.sum().backward()\nexcept RuntimeError as e: print(str(e)[:60])\nz = x.clone(); i = T.tensor([0]); z.index_fill_(1, i, 1.); i.add_(0)\ntry: z.sum().backward()\nexcept RuntimeError as e: print(str(e)[:60])\nx.grad = None; i = T.tensor([[0], [1]], dtype=T.int32); y = x.scatter(1, i, 5.); y.sum().backward(); print(x.grad)\n",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
