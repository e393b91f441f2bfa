"""Views and type promotion, scenarios ported from PyTorch's test_view_ops.py and
test_type_promotion.py: each compared live with PyTorch (values, strides, view bases,
grad_fn names, gradients, errors and their messages)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402
from tests import parity_harness  # noqa: E402


def assert_same(code: str) -> None:
    parity_harness.assert_same(torch, ak, code)


# ---- ravel is contiguous().view(-1): a strided input is copied first -------------------------

@pytest.mark.parametrize("source", ["T.ones(10, requires_grad=True)[::2]",
                                    "T.arange(12.).reshape(4, 3).requires_grad_().t()",
                                    "T.arange(12.).reshape(4, 3).requires_grad_()",
                                    "T.tensor(3., requires_grad=True)"])
@pytest.mark.parametrize("call", ["x.ravel()", "T.ravel(x)"])
def test_ravel_is_contiguous_then_view(source: str, call: str) -> None:
    assert_same(f"""
x = {source}
f = {call}
out.append((f, f.stride(), f.is_contiguous(), f._base is x,
            type(f._base.grad_fn).__name__))
(f * T.arange(float(f.numel()))).sum().backward()
out.append(x.grad if x.is_leaf else x._base.grad)
""")


# ---- narrow with a tensor start: it must be a 0-dim integral tensor --------------------------

@pytest.mark.parametrize("start", ["T.tensor(1)", "T.tensor(1, dtype=T.uint8)", "T.tensor(0.)",
                                   "T.tensor([0])", "T.tensor([0, 1])", "T.tensor(True)"])
def test_narrow_with_a_tensor_start(start: str) -> None:
    assert_same(f"""
x = T.arange(9.).reshape(3, 3).requires_grad_()
v = x.narrow(1, {start}, 2)
out.append((v, v._base is x))
v.sum().backward()
out.append(x.grad)
out.append(T.narrow(x.detach(), 0, {start}, 1))
""")


# ---- swapaxes takes axis0= and axis1= (swapdims and transpose: dim0=, dim1=) -----------------

@pytest.mark.parametrize("call", ["x.swapaxes(axis0=0, axis1=1)", "T.swapaxes(x, axis0=1, axis1=0)",
                                  "T.swapaxes(input=x, axis0=0, axis1=1)",
                                  "x.swapaxes(0, axis1=-1)", "x.swapdims(dim0=0, dim1=1)",
                                  "x.swapaxes(dim0=0, dim1=1)", "x.transpose(axis0=0, axis1=1)",
                                  "T.swapdims(x, axis0=0, axis1=1)",
                                  "x.swapaxes(axis0=0.0, axis1=1)"])
def test_swapaxes_keywords(call: str) -> None:
    assert_same(f"""
x = T.arange(6.).reshape(2, 3).requires_grad_()
v = {call}
out.append((v, v.stride(), v._base is x))
(v * T.arange(6.).reshape(3, 2)).sum().backward()
out.append(x.grad)
""")


def test_swapaxes_in_place_keywords() -> None:
    assert_same("""
x = T.arange(6.).reshape(2, 3)
v = x.view_as(x)
w = v.swapaxes_(axis0=0, axis1=1)
out.append((w is v, w.stride(), w._base is x, x._version))
""")
