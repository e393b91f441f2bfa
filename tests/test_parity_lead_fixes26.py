"""Parity with PyTorch for what the lead fixed in session 33 (each compared live)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import assert_same  # noqa: E402


def same(code: str) -> None:
    assert_same(torch, ak, code)


# ---- repr of a dual tensor that has a history of its own ----------------------------------

DUAL_REPRS = [
    "x = T.tensor([1., 2.], requires_grad=True)\nwith T.autograd.forward_ad.dual_level():\n"
    "    d = T.autograd.forward_ad.make_dual(x, T.ones(2))\n    y = (d * d).sum()\n"
    "    out += [repr(d), repr(y)]\n    y.backward()\n    out += [repr(y), repr(x)]",
    "x = T.tensor([1., 2.], requires_grad=True)\nwith T.autograd.forward_ad.dual_level():\n"
    "    d = T.autograd.forward_ad.make_dual(x, T.tensor([3., 4.]))\n    e = d.exp()\n"
    "    out += [repr(e), repr(e.detach()), repr(d[0]), repr(d.view(2, 1))]\n"
    "    with T.no_grad():\n        out.append(repr(d * 2))",
    "x = T.tensor(2., requires_grad=True)\nwith T.autograd.forward_ad.dual_level():\n"
    "    d = T.autograd.forward_ad.make_dual(x, T.tensor(1.))\n    y = d ** 3\n"
    "    out += [str(d), str(y), repr(x * 2)]\nout.append(repr(y))",
]


@pytest.mark.parametrize("code", DUAL_REPRS)
def test_a_dual_with_a_history_prints_its_grad_fn_and_its_tangent(code: str) -> None:
    """PyTorch prints ``grad_fn=<...>, tangent=...`` for a dual that requires grad (the
    tangent itself without a tangent of its own); the kit left the tangent out."""
    same(code)
