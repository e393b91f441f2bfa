"""Views and in-place changes with autograd: mismatches with PyTorch found by a random-program
generator (leaves, views of them, in-place changes to views and bases, backward), each
checked live against PyTorch."""

from __future__ import annotations

from typing import Any

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402
from tests import parity_harness  # noqa: E402


def outcome(lib: Any, code: str) -> list[str]:
    return parity_harness.outcome(lib, code, _describe=describe)


def assert_same(code: str) -> None:
    parity_harness.assert_same(torch, ak, code, _describe=describe)


# ---- as_strided of a 0-dim tensor, and to a 0-dim result: backward -------------------------

@pytest.mark.parametrize("view", ["x[1].as_strided((1,), (1,), 0)",
                                  "x[1].as_strided((1,), (1,), 1)",
                                  "x[2].as_strided((2, 2), (0, 0), 2)",
                                  "x.as_strided((), (), 1)",
                                  "x[0].as_strided((), (), 0)"])
def test_as_strided_backward_with_0_dim_input_or_output(view: str) -> None:
    assert_same(f"""
x = T.tensor([2.25, -3.0, 0.76], requires_grad=True)
v = {view}
out.append(v)
out.append(T.autograd.grad((v * 3).sum(), x))
""")


# ---- unsqueeze (and x[..., None]): the new dimension's stride is PyTorch's -----------------

@pytest.mark.parametrize("view", ["x.diagonal(-1, 0, 1).unsqueeze(1)",
                                  "x.diagonal(-1, 0, 1)[:, None]",
                                  "y[:, ::2, 1].unsqueeze(2)", "y[:, ::2, 1][..., None]",
                                  "y.transpose(0, 2).unsqueeze(3)",
                                  "x[:, :1].unsqueeze(2)", "x[::2].unsqueeze(-1).unsqueeze(-1)",
                                  "y[:, ::2, 1].unsqueeze(1)", "x.t().unsqueeze(0)"])
def test_unsqueeze_strides(view: str) -> None:
    assert_same(f"""
x = T.arange(6.).reshape(3, 2)
y = T.arange(24.).reshape(2, 3, 4)
v = {view}
out.append((v.stride(), v.is_contiguous(), v.storage_offset()))
v.add_(100)
out.append(x)
out.append(y)
""")


def test_in_place_unsqueeze_of_a_strided_view_then_backward() -> None:
    assert_same("""
x = T.arange(12., requires_grad=True)
y = (x * 1).reshape(3, 4)[:, ::2]
y.unsqueeze_(2)
out.append((y.stride(), type(y.grad_fn).__name__))
(y * T.arange(6.).reshape(3, 2, 1)).sum().backward()
out.append(x.grad)
""")


# ---- x[key] = value on a leaf that requires grad: which error, in PyTorch's order ---------

LEAVES = {
    "leaf": "x = T.zeros(2, 3, requires_grad=True)",
    # a view made a leaf by requires_grad_() (the arange(...).reshape(...) idiom)
    "view_leaf": "x = T.arange(6.).reshape(2, 3).requires_grad_()",
    "no_grad_view_leaf": "with T.no_grad():\n    x = T.arange(6.).reshape(2, 3)\n"
                         "x.requires_grad_()",
    "sliced_leaf": "b = T.zeros(2, 4)\nx = b[:, 1:].requires_grad_()",
    "unbound_leaf": "x = T.zeros(2, 2, 3).unbind(0)[1].requires_grad_()",
    "no_grad_unbound_leaf": "with T.no_grad():\n    x = T.zeros(2, 2, 3).unbind(0)[1]\n"
                            "x.requires_grad_()",
}
KEYS = ["x > 0", "...", "slice(None)", "(slice(None), slice(None))", "0", "T.tensor([0, 1])",
        "(T.tensor([0]), 1)", "True", "None", "(Ellipsis, T.tensor([True, False, True]))",
        "(Ellipsis, T.tensor([True, False]))", "T.tensor([0.5])", "(1, T.tensor([0.5]))"]


@pytest.mark.parametrize("leaf", list(LEAVES))
@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("value", ["5.", "T.tensor(5., requires_grad=True)"])
def test_setitem_on_a_leaf(leaf: str, key: str, value: str) -> None:
    assert_same(f"""
{LEAVES[leaf]}
x[{key}] = {value}
""")


@pytest.mark.parametrize("key", ["0", "...", "slice(None)", "T.tensor([0])", "x > 0"])
@pytest.mark.parametrize("value", ["T.ones(4)", "T.ones(2, 3)", "T.ones(1, 1, 3)", "[1., 2.]",
                                   "None", "'a'"])
def test_setitem_value_errors_before_the_leaf_error(key: str, value: str) -> None:
    assert_same(f"""
x = T.zeros(2, 3, requires_grad=True)
x[{key}] = {value}
""")


def describe(t: Any) -> str:
    """A tensor's place in the graph: grad_fn, its next functions, requires_grad, is_leaf,
    version (or the error reading them raises)."""
    try:
        node = t.grad_fn
        nexts = [type(n).__name__ if n is not None else None
                 for n, _ in (node.next_functions if node is not None else ())]
        name = type(node).__name__ if node is not None else None
        return f"{name} {nexts} {t.requires_grad} {t.is_leaf} {t._version}"
    except RuntimeError as error:
        return f"RuntimeError: {error}"


# ---- an unrecorded change (no_grad) to a leaf made from a view by requires_grad_(): its -----
# ---- views get AsStridedBackward0 of the base, which does not require grad (no gradient) ----

@pytest.mark.parametrize("change", ["x.mul_(2)", "x.add_(1)", "x.zero_()", "x[0] = 5.",
                                    "x.t_()", "x.unsqueeze_(0)", "b.add_(1)"])
@pytest.mark.parametrize("view", ["x[0]", "x[:, 1:]", "x.t()", "x.view(-1)", "x[...]",
                                  "x.unsqueeze(0)", "x.chunk(2, 1)[0]", "x.unbind(0)[1]"])
def test_views_of_a_view_made_a_leaf_after_an_unrecorded_change(change: str,
                                                                  view: str) -> None:
    assert_same(f"""
b = T.arange(6.)
x = b.view(2, 3).requires_grad_()
v = {view}
with T.no_grad():
    {change}
out.append(_describe(v))
out.append(_describe(x))
try:
    (v * 2).sum().backward()
except RuntimeError as error:
    out.append(str(error))
out.append(x.grad)
""")


# ---- a change through a detach()ed alias shares the version counter: views of the -----------
# ---- original get new histories (or, for unbind/split pieces, refuse to be used) ------------

@pytest.mark.parametrize("view", ["y[0:2]", "y.t()", "y[1]", "y.unbind(0)[0]",
                                  "y.split(2)[1]", "y.chunk(3)[2]", "y[1:].detach()"])
@pytest.mark.parametrize("change", ["y.detach().add_(1)", "y.detach()[0:1].mul_(2)",
                                    "y.detach().detach().zero_()", "y.detach().t_()"])
def test_change_through_a_detached_alias(view: str, change: str) -> None:
    assert_same(f"""
x = T.tensor([1., 2., 3.], requires_grad=True)
y = x * 1
v = {view}
{change}
out.append(_describe(v))
out.append(_describe(y))
try:
    (v * 3).sum().backward()
except RuntimeError as error:
    out.append(str(error))
out.append(x.grad)
""")
