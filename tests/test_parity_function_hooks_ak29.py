"""Live comparison with PyTorch: custom autograd Functions mixed with hooks (found by round
29's fuzzer of Functions and hooks)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")

DOUBLES_IN_PLACE = '''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x
    @staticmethod
    def backward(ctx, g):
        return g * 2, g
'''


def _same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("inputs", [
    "T.zeros(3).reshape(3).requires_grad_()[:], T.ones(3)",
    "T.zeros(3).reshape(3).requires_grad_().view(-1), T.ones(3, requires_grad=True)",
    "T.zeros(3)[:], T.ones(3, requires_grad=True)",
    "(T.zeros(3).reshape(3).requires_grad_() * 1)[:], T.ones(3)",
])
def test_mark_dirty_on_a_view_of_a_leaf_that_is_itself_a_view(inputs):
    # a = T.tensor(...).reshape(...).requires_grad_(): a leaf whose base needs no grad; a view
    # of it changed in a Function is still a view of a leaf that requires grad
    _same(DOUBLES_IN_PLACE + f"y = F.apply({inputs}); "
          "out.append((type(y.grad_fn).__name__, y._version, y.requires_grad))")
