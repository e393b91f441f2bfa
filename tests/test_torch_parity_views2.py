"""Views, in-place changes, overlapping memory and the Tensor class compared with PyTorch's
printed output (skipped without PyTorch; tests/test_view_fixes2.py checks the same fixes
without it).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- writes into an expanded tensor: the ones PyTorch allows, and its errors for the others
    'x = T.ones(1); e = x.expand(3); e.fill_(2.); print(x, e)',
    'x = T.ones(1); e = x.expand(3); e.zero_(); print(x, e)',
    'x = T.zeros(1); e = x.expand(3); e[0] = 5.; print(x)',
    'x = T.zeros(1); e = x.expand(3); e[0] = T.tensor(5.); e[0:1] = 6.; print(x)',
    'x = T.zeros(1); e = x.expand(3); e[:] = 5.',
    'x = T.zeros(1); e = x.expand(3); e[...] = 5.',
    'x = T.zeros(1); e = x.expand(3); e[1:] = 5.',
    'x = T.zeros(1); e = x.expand(3); e[None] = 5.',
    'x = T.zeros(1); e = x.expand(3); e[:] = T.tensor([1., 2., 3.])',
    'x = T.ones(1); e = x.expand(3); e.add_(1)',
    'x = T.ones(1); e = x.expand(3); e.neg_()',
    'x = T.ones(1); e = x.expand(3); e.copy_(T.tensor(3.))',
    'x = T.ones(1); e = x.expand(3); e.fill_(T.tensor(2.))',
    'x = T.ones(1); e = x.expand(3); e.normal_()',
    'x = T.ones(1); e = x.expand(3); e.index_add_(0, T.tensor([0]), T.tensor([2.]))',
    'x = T.ones(1); e = x.expand(3); e[[0, 1]] = T.tensor([3., 4.]); print(x)',
    'x = T.ones(1); e = x.expand(3); e[T.tensor([True, False, True])] = T.tensor([4., 5.]); print(x)',
    'x = T.ones(1); e = x.expand(3); e[T.tensor([True, False, False])] = 4.; print(x)',
    'x = T.ones(1); e = x.expand(3); e.masked_fill_(T.tensor([True, False, False]), 2.); e2 = T.ones(1).expand(3); e2.masked_fill_(T.tensor([False, True, False]), T.tensor(3.)); print(x, e2)',
    'x = T.ones(1); e = x.expand(3); e.index_fill_(0, T.tensor([1]), 2.); print(x)',
    'x = T.ones(1); e = x.expand(3); e.index_put_((T.tensor([2]),), T.tensor(7.)); print(x); e.index_put_((T.tensor([0]),), T.tensor(2.), accumulate=True); print(x)',
    'x2 = T.arange(3.); e2 = x2.expand(2, 3); e2[1] = T.tensor([3., 4., 5.]); e2[0, 1:] = 7.; print(x2); e2[:, 0] = 3.',
    'x2 = T.arange(3.); e2 = x2.expand(2, 3); e2.fill_(3.); print(x2, e2)',
    'x = T.zeros(3); e = x.expand(2, 3); e[0] += 1; e[1].add_(1); print(x)',
    'x = T.zeros(3); e = x.expand(2, 3); e += 1',
    # ---- ... with a recorded history
    'x = T.ones(1, requires_grad=True); y = x * 1; e = y.expand(3); e[0] = 5.; print(y, e); y.sum().backward(); print(x.grad)',
    'x = T.ones(1, requires_grad=True); v = T.tensor(3., requires_grad=True); y = x * 1; e = y.expand(3); e[1] = v; print(y); y.sum().backward(); print(x.grad, v.grad)',
    'x = T.ones(1, requires_grad=True); y = x * 1; e = y.expand(3); e.fill_(2.); print(y, e); y.sum().backward(); print(x.grad)',
    'x = T.ones(1, requires_grad=True); y = x * 1; e = y.expand(3); e.zero_(); print(y, e, e._version)',
    'x = T.ones(1, requires_grad=True); e = x.expand(3); e.fill_(2.)',
    'x = T.ones(1, requires_grad=True)\nwith T.no_grad():\n    e = x.expand(3); e.fill_(2.)\nprint(x, e)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"v{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
