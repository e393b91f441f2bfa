"""Mismatches with PyTorch found by a differential fuzzer (random small autograd programs run
with PyTorch and with the kit), each checked live against PyTorch."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402
from tests import parity_harness  # noqa: E402


def assert_same(code: str) -> None:
    parity_harness.assert_same(torch, ak, code)


# ---- where saves its condition as a tensor, freed with the graph ------------------------------

@pytest.mark.parametrize("call", ["T.where(x > 0, x, 1.)", "T.where(x > 0, 2., x)",
                                  "T.where(x == 0, 1., x * 3)", "x.where(x < 0, 0.5)"])
def test_where_with_a_number_cannot_backward_twice(call: str) -> None:
    assert_same(f"""
x = T.tensor([0., 1., -2.], requires_grad=True)
y = {call}
y.sum().backward()
out.append(x.grad)
y.sum().backward()
""")


def test_where_condition_changed_in_place_fails_backward() -> None:
    assert_same("""
x = T.tensor([1., -1., 2.], requires_grad=True)
c = x > 0
y = T.where(c, x, 0.)
c[1] = True
out.append(y.grad_fn._raw_saved_condition is not None)
y.sum().backward()
""")


def test_where_saved_condition_is_the_callers_and_freed() -> None:
    assert_same("""
x = T.tensor([1., -1.], requires_grad=True)
c = x > 0
y = T.where(c, x, x * 2)
out.append(y.grad_fn._saved_condition)
out.append(len(y.grad_fn.next_functions))
y.sum().backward()
out.append(x.grad)
y.grad_fn._saved_condition
""")


def test_where_double_backward_still_works() -> None:
    assert_same("""
x = T.tensor([1., -1., 0.5], requires_grad=True)
y = T.where(x > 0, x ** 3, 2.)
g, = T.autograd.grad(y.sum(), x, create_graph=True)
out.append(g)
g.sum().backward()
out.append(x.grad)
""")


# ---- .mT and .T of a 0-dim tensor: the identity, with PyTorch's warning -----------------------

def warned(lib: Any, code: str) -> list[str]:
    """The messages of the warnings ``code`` gives."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(code, {"T": lib})
    return [str(w.message) for w in caught]


@pytest.mark.parametrize("attribute", ["mT", "T"])
def test_transposes_of_a_0_dim_tensor(attribute: str) -> None:
    assert_same(f"""
x = T.tensor(2.5, requires_grad=True)
y = x.{attribute}
out += [y, y is x, y._base is x, type(y.grad_fn).__name__, y.is_leaf]
(y * 3).backward()
out.append(x.grad)
""")
    # PyTorch warns once per process (TORCH_WARN_ONCE), so its text is written out here; the
    # kit too warns once, so its warn-once state is reset as for a new process
    from autograd_kit import scalar_warning

    scalar_warning.forget()
    line = {"T": 4321, "mT": 4373}[attribute]
    assert warned(ak, f"T.tensor(2.5).{attribute}") == [
        f"Tensor.{attribute} is deprecated on 0-D tensors. This function is the identity in "
        "these cases. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/"
        f"TensorShape.cpp:{line}.)"]


# ---- what a node saves depends on which inputs need a gradient --------------------------------

SAVED_CASES = ["a.remainder(b)", "a.fmod(b)", "b.remainder(a)", "b.fmod(a)", "a.copysign(b)",
               "b.copysign(a)", "T.hypot(a, b)", "T.hypot(b, a)",
               "a.index_copy(0, T.tensor([0]), b[:1])", "b.index_copy(0, T.tensor([0]), a[:1])",
               "a.div(b, rounding_mode='floor')", "b.div(a, rounding_mode='trunc')"]


@pytest.mark.parametrize("call", SAVED_CASES)
@pytest.mark.parametrize("changed", ["a", "b"])
def test_changing_an_input_in_place_after_the_operation(call: str, changed: str) -> None:
    """Only a saved input makes backward fail once changed in place (a requires grad)."""
    assert_same(f"""
a = T.tensor([1.5, -2., 3.], requires_grad=True)
b = T.tensor([0.5, 2., -1.])
y = {call}
out += [(name, getattr(y.grad_fn, name)) for name in dir(y.grad_fn) if name.startswith('_saved')]
with T.no_grad():
    {changed}.mul_(2)
y.sum().backward()
out.append(a.grad)
""")


@pytest.mark.parametrize("call", SAVED_CASES)
def test_second_backward_fails_only_where_something_was_saved(call: str) -> None:
    assert_same(f"""
a = T.tensor([1.5, -2., 3.], requires_grad=True)
b = T.tensor([0.5, 2., -1.])
y = {call}
y.sum().backward()
y.sum().backward()
out.append(a.grad)
""")


# ---- unary rules check what they saved (input, and output where PyTorch keeps it) -------------

UNARY_SAVING = ["x.angle()", "x.sgn()", "x.nansum()", "x.nanmean()", "T.special.log_ndtr(x)",
                "T.special.erfcx(x)", "T.special.i0e(x)", "T.special.i1(x)", "T.special.i1e(x)"]


@pytest.mark.parametrize("call", UNARY_SAVING)
@pytest.mark.parametrize("change", ["x.mul_(2)", "y.mul_(1)", "pass"])
def test_unary_rules_check_their_saved_values(call: str, change: str) -> None:
    """Changing the saved input (or output) in place fails backward; so does a second one."""
    assert_same(f"""
a = T.tensor([0.3, -0.6, 0.9], dtype=T.float64, requires_grad=True)
x = a * 1
y = {call}
out.append(sorted(n for n in dir(y.grad_fn) if n.startswith('_saved')))
with T.no_grad():
    {change}
y.sum().backward()
out.append(a.grad)
y.sum().backward()
""")


@pytest.mark.parametrize("call", UNARY_SAVING[4:])
def test_special_functions_second_derivatives(call: str) -> None:
    assert_same(f"""
x = T.tensor([0., 0.5, -1.5], dtype=T.float64, requires_grad=True)
y = {call}
g, = T.autograd.grad(y.sum(), x, create_graph=True)
g2, = T.autograd.grad(g.sum(), x)
out += [T.allclose(g, g.detach()), [round(v, 12) for v in g.tolist()],
        [round(v, 12) for v in g2.tolist()]]
""")


# ---- kthvalue of a 1-D tensor with ties (was NumPy's ValueError from nonzero on 0-dim) -------

@pytest.mark.parametrize("values", [[2., 0., 3., 0.], [1., 1., 1., 1., 1.], [5., 5.],
                                    [float("nan"), 1., float("nan")]])
def test_kthvalue_of_a_vector_with_ties(values: list[float]) -> None:
    assert_same(f"""
for k in range(1, {len(values)} + 1):
    x = T.tensor({values}, requires_grad=True)
    r = x.kthvalue(k, 0)
    r.values.backward()
    out += [k, r.values, r.indices, x.grad]
""")
