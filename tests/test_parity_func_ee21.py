"""torch.func and forward AD compared with PyTorch live (continued from ee20): nests that hold
a Size, ... """

from __future__ import annotations

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")

PRELUDE = ("from_func = T.func\n"
           "grad, grad_and_value, vjp, jvp = from_func.grad, from_func.grad_and_value, "
           "from_func.vjp, from_func.jvp\n"
           "jacrev, jacfwd, hessian, vmap = from_func.jacrev, from_func.jacfwd, "
           "from_func.hessian, from_func.vmap\n"
           "linearize = from_func.linearize\n"
           "fwAD = T.autograd.forward_ad\n"
           "x = T.tensor([1., 2., 3.])\n")


def same(code: str) -> None:
    assert_same(torch, ak, PRELUDE + code)


# ---- a Size in an output nest is a node of ints, rebuilt as a plain tuple ---------------------

@pytest.mark.parametrize("call", [
    "vmap(lambda x: x.size(), out_dims=None)(T.ones(2, 3))",
    "vmap(lambda x: (x.size(), x.numel()), out_dims=None)(T.ones(2, 3))",
    "vmap(lambda x: (x * 2, x.shape), out_dims=(0, None))(T.ones(2, 3))",
])
def test_size_in_an_output_nest(call: str) -> None:
    same(f"r = {call}\nout.append([r, type(r).__name__])\n")
