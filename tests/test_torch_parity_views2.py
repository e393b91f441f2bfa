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
    # ---- a change of shape in place (t_, unsqueeze_, squeeze_, transpose_): the other views of the base get AsStridedBackward0
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y[0]; w = y[1]; v.unsqueeze_(0); print(v.grad_fn, w.grad_fn, y.grad_fn, v._base is y, v.shape, y._version); (v.sum() + w.sum() * 2).backward(); print(x.grad)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y.t(); v.t_(); print(v.grad_fn, v.shape, v._version, v.grad_fn.next_functions); v.sum().backward(); print(x.grad)',
    'x = T.ones(2, 3, requires_grad=True); v = x.t(); v.t_(); print(v.grad_fn, v.shape, v._version, v.is_leaf)',
    'x = T.ones(2, 3, requires_grad=True); x.t_(); print(x.grad_fn, x._version)',
    'x = T.ones(2, 3, requires_grad=True); v = x[0]; x.t_(); print(x.grad_fn, x._version, v.grad_fn)',
    'x = T.ones(2, 3, requires_grad=True); v = x[0]; w = x[1]\nwith T.no_grad():\n    v.unsqueeze_(0)\nprint(x.grad_fn, x._version, v.grad_fn, w.grad_fn, v.shape)',
    'x = T.ones(2, 3); v = x[0]\nx.t_(); print(v.grad_fn, x._version)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y[0]\nwith T.no_grad():\n    y.t_()\nprint(v.grad_fn, y.grad_fn, y._version)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y[0]; y.transpose_(0, 1); print(v.grad_fn, y.grad_fn, y._version); v.sum().backward(); print(x.grad)',
    'x = T.ones(1, 3, requires_grad=True); y = x * 1; v = y[0]; y.squeeze_(0); print(v.grad_fn, y.grad_fn, y._version); (v * T.tensor([1., 2., 3.])).sum().backward(); print(x.grad)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y[0]; u = v[1:]; y.t_(); print(v.grad_fn, u.grad_fn, u._base is y)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y.unbind(0)[0]; y.t_(); print(y.grad_fn); print(v.grad_fn)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1\nwith T.no_grad():\n    v = y[0]\ny.t_(); print(y.grad_fn); print(v.grad_fn)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y[0]\nwith T.no_grad():\n    y.squeeze_(); y.unsqueeze_(0)\nprint(y.grad_fn, y._version, v.grad_fn)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1\nwith T.no_grad():\n    v = y[0]\nwith T.no_grad():\n    y.add_(1)\nprint(v.grad_fn, v.requires_grad)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y.unbind(0)[0]\nwith T.no_grad():\n    y.add_(1)\nprint(v.grad_fn)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y.unbind(0)[0]\nwith T.no_grad():\n    y.t_()\nprint(v.grad_fn)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1\nwith T.no_grad():\n    v = y[0]\n    y.t_()\nprint(v.grad_fn)',
    'b = T.ones(2, 3, requires_grad=True); v = b.narrow(1, 0, 2)\nwith T.no_grad():\n    b.squeeze_()\nprint(v.grad_fn, b._version)',
    'b = T.ones(2, 3, requires_grad=True); v = b[0]\nwith T.no_grad():\n    b.unsqueeze_(0)\nprint(v.grad_fn, b._version, b.shape)',
    'b = T.ones(2, 3, requires_grad=True); v = b[0]\nwith T.no_grad():\n    b.t_()\nprint(v.grad_fn, b._version)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 1; v = y[1:]; y.unsqueeze_(0); print(v.grad_fn, y.grad_fn, y._version)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y.view(6); y.t_(); print(v.grad_fn, y.grad_fn); v.sum().backward(); print(x.grad)',
    'x = T.ones(2, 3, requires_grad=True); y = x * 1; v = y[0]; y.squeeze_(); print(v.grad_fn, y._version)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"v{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
