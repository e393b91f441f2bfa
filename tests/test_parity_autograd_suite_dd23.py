"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py and
test/autograd/test_functional.py), run with the kit and with PyTorch live: what each snippet
leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("setup", [
    "o = [x.sum(), x.sum() * 2]; go = (T.ones(3),)",  # pair 0's shape before the count
    "o = [x, x.sum()]; go = (None,)",  # pair 0's implicit gradient before the count
    "o = [x.sum(), x.sum() * 2]; go = (5,)",  # pair 0's type before the count
    "o = [x.sum(), x.sum() * 2]; go = (T.ones(()),)",
    "o = [x.sum(), x.sum() * 2]; go = (T.ones(()), T.ones(()), T.ones(3))",
])
def test_each_given_gradient_is_checked_before_they_are_counted(setup: str) -> None:
    # test_grad: PyTorch's _make_grads checks the (output, gradient) pairs zip() makes, in
    # order, and only then does the engine count them; the kit counted first ('got 2
    # tensors and 1 gradients' where PyTorch names the mismatch in shape)
    assert_same(torch, ak, f"""
x = T.ones(2, 2, requires_grad=True)
{setup}
try: out.append(T.autograd.grad(o, (x,), go, retain_graph=True))
except Exception as e: out.append(repr(e))
try: out.append(T.autograd.backward(o, go))
except Exception as e: out.append(repr(e))
out.append(x.grad)
""")


@pytest.mark.parametrize("setup", [
    "o = x.sum(); go = None",
    "o = x.sum(); go = (None,)",
    "o = x.sum().reshape(1); go = None",
    "o = x.sum().reshape(1, 1); go = None",
    "o = [x.sum(), x.sum() * 2]; go = (T.ones(3), None)",
    "o = [x.sum().reshape(1), x.sum() * 2]; go = (None, T.ones(3))",
    "o = [x.sum().reshape(1, 1), x.sum() * 2]; go = (None, T.ones(1))",
    "o = [x.sum(), x.sum() * 2]; go = (T.ones(3), T.ones(2))",
    "o = x.sum().long(); go = None",
    "o = [x.sum(), T.ones(())]; go = (T.ones(3), None)",
    "o = [x.sum(), T.ones(())]; go = (T.ones(3), T.ones(3))",
    "o = x.sum(); go = (5,)",
    "o = x; go = None",
    "o = [x.sum(), x.sum() * 2]; go = (T.arange(3.), T.ones(3))",
])
def test_batched_grads_make_missing_gradients_as_pytorch(setup: str) -> None:
    # test_grad_batched_grad: with is_grads_batched=True PyTorch makes a missing gradient
    # ones like its output and vmaps over it too (a 0-dim one is refused, batch sizes must
    # agree, a row of ones lacks the output's first dimension); the kit ran the backward with
    # unbatched ones and returned unbatched gradients (or an IndexError for batch sizes
    # that differ)
    assert_same(torch, ak, f"""
x = T.ones(2, 2, requires_grad=True)
{setup}
try: out.append(T.autograd.grad(o, (x,), go, is_grads_batched=True))
except Exception as e: out.append(repr(e))
""")
