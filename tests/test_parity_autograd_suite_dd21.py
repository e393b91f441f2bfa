"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py: hooks of every
kind, saved-tensor hooks, nodes' saved values and their errors once freed), run with the kit
and with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("use", ["unpack()", "data", "register_hooks(lambda t: t, lambda t: t)"])
@pytest.mark.parametrize("op, raw", [("x.pow(2)", "_raw_saved_self"),
                                     ("x.exp()", "_raw_saved_result"),
                                     ("x * w", "_raw_saved_other")])
def test_a_saved_value_held_across_backward_is_freed_with_the_graph(op: str, raw: str,
                                                                      use: str) -> None:
    # test_grad_fn_attr_bindings / the raw saved tensor tests: backward frees what a node
    # saved, also for whoever still holds it (the kit's kept its data and took hooks)
    assert_same(torch, ak, f"""
x = T.ones(3, requires_grad=True)
w = T.full((3,), 2.0, requires_grad=True)
y = {op}
r = y.grad_fn.{raw}
y.sum().backward(retain_graph=True)
out.append(r.{use})
y.sum().backward()
out.append(r.{use})
""")
