"""Scenarios harvested from PyTorch's own test/test_autograd.py (hooks, saved tensors, custom
Functions, grad modes, views changed in place), run with the kit and with PyTorch live: what
each snippet leaves in ``out`` (values, grads, hook calls, errors) must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def test_a_hook_added_to_a_view_whose_base_changed_goes_to_its_old_node() -> None:
    # test_tensor_hooks_inplace_over_view: PyTorch files a tensor's hooks with the node it had
    # at its first hook; until the view's grad_fn is read again, more hooks join that node
    assert_same(torch, ak, """
calls = []
for read_grad_fn in (False, True):
    base = T.tensor([1.], requires_grad=True).clone()
    v, v2 = base[:], base[:]
    v.register_hook(lambda g: calls.append(('v', g)))
    v2.register_hook(lambda g: calls.append(('v2', g)))
    v.mul_(2)
    if read_grad_fn:
        v2.grad_fn
    v2.register_hook(lambda g: calls.append(('v2 again', g)))
    (v + v2).sum().backward()
    out.append((read_grad_fn, calls[:], base.grad))
    calls.clear()
""")
