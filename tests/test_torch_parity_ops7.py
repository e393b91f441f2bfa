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
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"o7_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
