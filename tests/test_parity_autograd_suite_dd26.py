"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py's custom Function,
gradcheck and grad-mode tests, and variations on them), run with the kit and with PyTorch
live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


_JVP_SEES = """
fw = T.autograd.forward_ad
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        ctx.set_materialize_grads(MATERIALIZE)
        return x * y
    @staticmethod
    def jvp(ctx, tx, ty):
        out.append((tx, ty))
        return ty if tx is None else tx
    @staticmethod
    def backward(ctx, g):
        return g, g
with fw.dual_level():
    dual = fw.make_dual(T.tensor([3.0]), T.tensor([1.0]))
    for x, y in [(T.tensor([2.0]), dual), (T.tensor([2.0], requires_grad=True), dual),
                 (dual, T.tensor([2])), (dual, 2.0)]:
        out.append(fw.unpack_dual(F.apply(x, y)).tangent)
"""


@pytest.mark.parametrize("materialize", [True, False])
def test_a_custom_jvp_gets_none_for_an_input_without_a_tangent_unless_materialized(
        materialize: bool) -> None:
    # test_gradcheck_forward_ad_respects_requires_grad's family: after
    # ctx.set_materialize_grads(False) a jvp gets None for a tensor input that carries no
    # tangent (zeros otherwise), and an integer tensor input always gets None; the kit gave
    # zeros for every tensor input
    assert_same(torch, ak, _JVP_SEES.replace("MATERIALIZE", str(materialize)))
