"""Tensor operations compared with PyTorch's printed output (skipped without PyTorch;
tests/test_ops_fixes7.py checks the same fixes without it): shape-op argument errors,
reductions, indexing, sorting, dtypes of results."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- flatten of a 0-dim tensor: dims checked as for one dimension
    'x = T.tensor(3.); print(x.flatten(), x.flatten(0), x.flatten(-1), x.flatten(0, -1), x.flatten(-1, 0))',
    'x = T.tensor(3.); print(x.flatten(1))',
    'x = T.tensor(3.); print(T.flatten(x, 0, 1))',
    'x = T.tensor(3.); print(x.flatten(-2))',
    # ---- repeat: argument errors
    'x = T.arange(3); print(x.repeat())',
    'x = T.ones(2, 3); print(x.repeat(2, -1))',
    'x = T.ones(2, 3); print(x.repeat(1, 1, -2))',
    'x = T.ones(2, 3); print(x.repeat(2, 2.0))',
    'x = T.ones(2, 3); print(x.repeat((2, 2.0)))',
    'x = T.ones(2, 3); print(x.repeat(2.0, 2))',
    'x = T.ones(2, 3); print(x.repeat(2.0))',
    'x = T.ones(2, 3); print(x.repeat([2.]))',
    'x = T.ones(2, 3); print(x.repeat(T.tensor(2), 1).shape, x.repeat(0, 1))',
    # ---- sum / mean over dim=None keeping the dims (SumBackward1 / MeanBackward1)
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); s = x.sum(None, True); m = x.mean(dim=None, keepdim=True); print(s, m, s.grad_fn._saved_dim, s.grad_fn._saved_keepdim, m.grad_fn._saved_dim, m.grad_fn._saved_keepdim); (s + m).sum().backward(); print(x.grad)',
    'x = T.tensor([[1, 2], [3, 4]]); print(x.sum(None, True), T.sum(x, None, keepdim=True, dtype=T.float64))',
    'x = T.tensor([[1, 2], [3, 4]]); print(x.mean(None, True))',
    # ---- bmm needs 3-D tensors; linalg's dtype words (Long, Int, Short, Byte, Bool)
    'a = T.ones(2, 3); print(T.bmm(a, a))',
    'print(T.bmm(T.ones(2, 2, 2), T.ones(2, 3)))',
    'print(T.linalg.inv(T.ones(3, 3, dtype=T.int64)))',
    'print(T.linalg.inv(T.ones(2, 2, dtype=T.int32)))',
    'print(T.inverse(T.ones(2, 2, dtype=T.uint8)))',
    'print(T.linalg.inv(T.ones(2, 2, dtype=T.bool)))',
    'print(T.linalg.det(T.ones(2, 2, dtype=T.int16)))',
    # ---- einsum with an ellipsis (...): broadcast leading dimensions, PyTorch's errors
    "o = T.ones; print(T.einsum('...ij,...jk->...ik', o(5, 2, 3), o(3, 4)).shape, T.einsum('i j , j k -> i k', o(2, 3), o(3, 4)).shape)",
    "o = T.ones; print(T.einsum('ij...->ij', o(2,3,4)), T.einsum('...ij', o(2,3,4)).shape, T.einsum('...ji', o(2,3,4)).shape, T.einsum('i...,i...', o(2,3), o(2,1)))",
    "o = T.ones; print(T.einsum('...ijk', o(2,3)))",
    "o = T.ones; print(T.einsum('..i', o(2,3)))",
    "o = T.ones; print(T.einsum('i.j', o(2,3)))",
    "o = T.ones; print(T.einsum('...i...', o(2,3)))",
    "o = T.ones; print(T.einsum('...i->...i...', o(2,3)))",
    "o = T.ones; print(T.einsum('...i->..i', o(2,3)))",
    "o = T.ones; print(T.einsum('i->...i', o(2)), T.einsum('b...,b...->b', o(2,3,4), o(2,3,4)), T.einsum('...', o(2,3)), T.einsum('...,...', o(2,3), o(3)), T.einsum('i,j->...', o(3), o(2)), T.einsum('...', o(())))",
    "o = T.ones; print(T.einsum('...i,...i->...', o(2,3), o(4,3)))",
    "o = T.ones; print(T.einsum('...i,...i->...', o(2,5,3), o(4,3)))",
    "o = T.ones; print(T.einsum('...i,...i->...', o(4,3), o(2,5,3)))",
    "o = T.ones; print(T.einsum('i...,i...->...', o(3,2,5), o(3,4)))",
    "o = T.ones; print(T.einsum('...ik,...k->...i', o(6,5,2,3), o(2, 1, 3)))",
    "o = T.ones; print(T.einsum('...ii->...i', T.arange(18.).view(2,3,3)), T.einsum('...ij,...jk', o(5,2,3), o(3,4)).shape, T.einsum('...i,...j->...ij', o(3), o(2, 4)).shape)",
    "q = T.randn(2, 4, 5, 8, requires_grad=True); k = T.randn(2, 4, 6, 8, requires_grad=True); s = T.einsum('...qd,...kd->...qk', q, k); print(s.shape, s.grad_fn, T.allclose(s, q @ k.transpose(-1, -2))); s.sum().backward(); print(q.grad.shape, T.allclose(q.grad, k.sum(2, keepdim=True).expand(2, 4, 5, 8)))",
    "a = T.randn(3, 2, 4, requires_grad=True); b = T.randn(4, requires_grad=True); y = T.einsum('...j,j->...', a, b); print(y.shape, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(T.allclose(b.grad, a.sum((0, 1))))",
    "a = T.arange(6.).view(2, 3).requires_grad_(); y = T.einsum('...->', a); print(y, y.grad_fn); y.backward(); print(a.grad)",
    "a = T.arange(24.).view(2, 3, 4).requires_grad_(); y = T.einsum('i...->...', a); print(y, y.grad_fn); y.sum().backward(); print(a.grad.shape)",
    "a = T.arange(24.).view(2, 3, 4); print(T.einsum('...i,i...->...', a, T.ones(4, 2, 3)), T.einsum('a...b->b...a', a).shape)",
    # ---- split with negative sizes; index_select out of range (IndexError, but dim 1's kernel)
    'x = T.arange(10); print(x.split([5, -1, 6]))',
    'x = T.arange(10); print(x.split([-1, 11]))',
    'x = T.arange(10); print(T.split(x, [3, 3]))',
    'x = T.arange(12.).view(3, 4); print(x.index_select(0, T.tensor([5])))',
    'x = T.arange(12.).view(3, 4); print(x.index_select(0, T.tensor([-1])))',
    'x = T.arange(12.).view(3, 4); print(x.index_select(1, T.tensor([4])))',
    'x = T.arange(12.).view(3, 4); print(x.index_select(-1, T.tensor([0, 4])))',
    'x = T.arange(24.).view(2, 3, 4); print(x.index_select(2, T.tensor([4])))',
    'x = T.arange(24.).view(2, 3, 4); print(x.index_select(-2, T.tensor([1, 3])))',
    'x = T.arange(24.).view(2, 3, 4); print(x.index_select(0, T.tensor([2])))',
    'x = T.arange(4.); print(x.index_select(0, T.tensor([4])))',
    'x = T.tensor(4.); print(x.index_select(0, T.tensor([1])))',
    # ---- cat leaves out shape-[0] tensors; cat/stack take axis=; non-Tensor elements are TypeErrors
    'print(T.cat([T.ones(2, 3), T.tensor([])]), T.cat([T.tensor([]), T.ones(2)]), T.cat([T.zeros(0, 3), T.ones(2, 3)]))',
    'a = T.ones(2, 3, requires_grad=True); b = T.tensor([], requires_grad=True); c = T.cat([a, b]); print(c.grad_fn, c.grad_fn._saved_dim); c.sum().backward(); print(a.grad, b.grad)',
    'a = T.ones(2, 3, requires_grad=True); b = T.tensor([], requires_grad=True); c = T.cat([b, a, b], 1); (c * 2).sum().backward(); print(c, a.grad, b.grad)',
    'print(T.cat([T.ones(2, 3), T.tensor([], dtype=T.float64)]).dtype, T.cat([T.tensor([]), T.tensor([])]), T.cat([T.tensor([]), T.ones(2, 3)], dim=1), T.cat([T.tensor([]), T.ones(2, 3)], dim=-1))',
    'print(T.cat([T.tensor([]), T.ones(2, 3)], dim=2))',
    'print(T.cat([T.tensor([]), T.tensor(1.)], dim=0))',
    'print(T.cat([T.ones(2, 3), T.zeros(0, 2)], dim=0))',
    'print(T.cat([T.tensor([]), T.ones(2, 3), T.ones(2, 2)], dim=0))',
    'print(T.cat([T.tensor([]), T.tensor([])], dim=1))',
    'x = []; x.append(T.ones(1, 2)); acc = T.tensor([]); acc = T.cat([acc, T.ones(1, 2)]); acc = T.cat([acc, T.zeros(1, 2)]); print(acc)',
    'x = T.ones(2, 3); print(T.cat([x, x], axis=1).shape, T.stack([x, x], axis=1).shape, T.concat([x, x], axis=1).shape, T.concatenate([x, x], axis=0).shape)',
    'x = T.ones(2, 3); print(T.cat([x, 1]))',
    'x = T.ones(2, 3); print(T.cat([x, [1.]]))',
    'x = T.ones(2, 3); print(T.stack([x, 1]))',
    'x = T.ones(2, 3); print(T.stack([1, x]))',
    'x = T.ones(2, 3); print(T.cat((x, None)))',
    'x = T.ones(2, 3); print(T.stack(x))',
    'x = T.ones(2, 3); print(T.hstack([x, 1]))',
    'x = T.ones(2, 3); print(T.vstack([x, 1]))',
    'x = T.ones(2, 3); print(T.column_stack([x, 1]))',
    'x = T.ones(2, 3); print(T.cat([x, x.numpy()]))',
    'x = T.ones(2, 3); print(T.cat(x, x))',
    'x = T.ones(2, 3); print(T.cat(5))',
    'x = T.ones(2, 3); print(T.stack(5))',
    'x = T.ones(2, 3); print(T.vstack(5))',
    'x = T.ones(2, 3); print(T.hstack([]))',
    'x = T.ones(2, 3); print(T.cat(iter([x, x])))',
    'x = T.ones(2, 3); print(T.stack((t for t in [x, x])))',
    'x = T.ones(2, 3); print(T.cat([x, x], -1, out=None).shape, T.stack((x, x), dim=-1).shape)',
    # ---- permute / expand / reshape / repeat: PyTorch's TypeErrors for sizes that are not ints
    'x = T.arange(6).view(2, 3); print(x.permute(1.0, 0))',
    'x = T.arange(6).view(2, 3); print(x.permute(1, 0.))',
    'x = T.arange(6).view(2, 3); print(x.permute((1, 0.)))',
    'x = T.arange(6).view(2, 3); print(x.permute([1.0, 0]))',
    'x = T.arange(6).view(2, 3); print(x.permute(1.0))',
    'x = T.arange(6).view(2, 3); print(x.permute(None))',
    'x = T.arange(6).view(2, 3); print(x.permute(True, 0))',
    'x = T.arange(6).view(2, 3); print(x.permute(1, True))',
    'x = T.arange(6).view(2, 3); print(x.permute([True, 0]))',
    'x = T.arange(6).view(2, 3); print(x.permute((1, 0), 1))',
    'x = T.arange(6).view(2, 3); print(x.permute(1, (0,)))',
    'x = T.arange(6).view(2, 3); print(x.permute(T.tensor(1), 0).shape, x.permute(-1, 0).shape)',
    'x = T.tensor(1.); print(x.permute())',
    'x = T.tensor(1.); print(x.permute(()), x.permute([]))',
    'x = T.arange(6).view(2, 3); print(x.expand())',
    'x = T.arange(6).view(2, 3); print(x.expand(2.0))',
    'x = T.arange(6).view(2, 3); print(x.expand(2, 3.0))',
    'x = T.arange(6).view(2, 3); print(x.expand((2, 3.0)))',
    'x = T.arange(6).view(2, 3); print(x.expand(True, 3))',
    'x = T.arange(6).view(2, 3); print(x.expand(2, True))',
    'x = T.arange(6).view(2, 3); print(x.expand(T.tensor(2), 3).shape, x.expand(2, -1).shape, x.expand_as(T.ones(2, 2, 3)).shape)',
    'x = T.arange(6).view(2, 3); print(x.reshape(2, 3.0))',
    'x = T.arange(6).view(2, 3); print(x.reshape((2, 3.0)))',
    'x = T.arange(6).view(2, 3); print(x.reshape([2, None]))',
    'x = T.arange(6).view(2, 3); print(x.reshape(6, True), x.reshape(T.tensor(2), 3).shape, T.reshape(x, (3, 2)).shape, T.reshape(x, (-1,)).shape)',
    'x = T.arange(6).view(2, 3); print(x.repeat(2, True).shape)',
    'x = T.arange(6).view(2, 3); print(x.repeat([True, 2]))',
    'x = T.arange(6).view(2, 3); n = 6; print(x.reshape(-1, n / 2))',
    'x = T.arange(6).view(2, 3); n = 6; print(x.view(-1, n / 2))',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"o7_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
