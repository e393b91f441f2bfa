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


# ---- out= : overlap with an input, functions with no derivative, take_along_dim, nonzero ---

OUT_CASES = [
    # PyTorch's assert_no_overlap: no memory shared at all (before resizing out)
    "x = T.arange(6.); T.index_select(x, 0, T.tensor([0, 1]), out=x)",
    "x = T.arange(6.); T.index_select(x, 0, T.arange(6), out=x)",
    "x = T.arange(6.); T.masked_select(x, x > 2, out=x)",
    "x = T.arange(6.); T.masked_select(x, x > -1, out=x)",
    "x = T.arange(6.); T.take(x, T.tensor([0, 1]), out=x)",
    "x = T.ones(6); T.take(x, T.tensor([0, 1, 2, 3, 4, 5]), out=x)",
    # ... after the resize warning
    "x = T.arange(6.); T.gather(x, 0, T.tensor([0, 1]), out=x)",
    "x = T.arange(6.); T.gather(x, 0, T.arange(6), out=x)",
    "x = T.arange(6.); T.cat([x, x], out=x)",
    "x = T.arange(6.); T.cat([x[:3], x[3:]], out=x)",
    "x = T.arange(6.); T.cat([x[:1], x[1:2]], out=x)",
    "x = T.arange(6.); T.take_along_dim(x, T.tensor([0, 1]), out=x)",
    # what stays allowed
    "x = T.arange(6.); out += [T.gather(x, 0, T.tensor([0, 1, 2]), out=x[3:]), x]",
    "x = T.arange(6.); out.append(T.mul(x, 2, out=x)); out.append(x)",
    "x = T.arange(6.); y = T.arange(6.); out += [T.take(x, T.tensor([1, 0]), out=y), y]",
    # take_along_dim(out=) is gather's out=
    "x = T.arange(6.).view(2, 3); o = T.empty(0)\n"
    "out += [T.take_along_dim(x, T.tensor([[0], [2]]), 1, out=o), o]",
    "x = T.arange(6.).view(2, 3); o = T.empty(2, 1, dtype=T.long)\n"
    "T.take_along_dim(x, T.tensor([[0], [2]]), 1, out=o)",
    "x = T.arange(6., requires_grad=True).view(2, 3)\n"
    "T.take_along_dim(x, T.tensor([[0], [2]]), 1, out=T.empty(2, 1))",
    "x = T.arange(6.).view(2, 3); out.append(T.take_along_dim(x, T.tensor([5, 0]), out=T.ones(2)))",
    # nonzero(out=)
    "x = T.tensor([0., 1., 2., 0.]); o = T.empty(0, dtype=T.long); out += [T.nonzero(x, out=o), o]",
    "x = T.tensor([0., 1., 2., 0.]); T.nonzero(x, out=T.empty(0))",
    "x = T.tensor([0., 1., 2., 0.]); T.nonzero(x, out=T.empty(0, dtype=T.int32))",
    "x = T.tensor([[0., 1.], [2., 0.]]); out.append(T.nonzero(x, out=T.empty(2, 2, dtype=T.long)))",
    "x = T.tensor([0., 1., 2., 0.]); T.nonzero(x, as_tuple=True, out=T.empty(0, dtype=T.long))",
    "x = T.tensor([0., 1.], requires_grad=True)\n"
    "out.append(T.nonzero(x, out=T.empty(0, dtype=T.long)))",
]


@pytest.mark.parametrize("code", OUT_CASES)
def test_out_arguments_as_pytorch(code: str) -> None:
    """index_select, masked_select, take (before resizing out) and gather, cat, stack (after
    the resize warning) refuse an ``out`` that shares any memory with an input; the kit
    wrote into it. take_along_dim and nonzero take ``out=`` as PyTorch's do."""
    same(code)


NOT_DIFFERENTIABLE = ["eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less",
                      "less_equal", "not_equal", "logical_and", "logical_or", "logical_xor"]
DIFFERENTIABLE = ["nextafter", "copysign", "fmax", "fmin", "remainder", "fmod", "mul"]


@pytest.mark.parametrize("name", NOT_DIFFERENTIABLE + DIFFERENTIABLE)
def test_out_of_a_function_without_derivative_takes_inputs_that_require_grad(name: str) -> None:
    """``torch.eq(x, y, out=flags)`` with x requiring grad is allowed (eq has no
    derivative); the kit refused it as it refuses ``torch.mul(x, y, out=z)``."""
    kind = "T.bool" if name in NOT_DIFFERENTIABLE else "T.float32"
    same(f"x = T.tensor([0., 1.5], requires_grad=True); y = T.tensor([1., 1.])\n"
         f"out.append(T.{name}(x, y, out=T.empty(0, dtype={kind})))")


@pytest.mark.parametrize("name", ["logical_not", "isposinf", "isneginf", "signbit"])
def test_out_of_a_unary_function_without_derivative(name: str) -> None:
    same(f"x = T.tensor([0., -1.5], requires_grad=True)\n"
         f"out.append(T.{name}(x, out=T.empty(0, dtype=T.bool)))")

