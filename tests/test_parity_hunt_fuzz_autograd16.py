"""Mismatches with PyTorch found by a differential fuzzer of autograd sequences (several
backward/grad calls on overlapping graphs, in-place changes, hooks, detach, requires_grad_
toggles, float32 beside float64), each checked live against PyTorch."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402
from tests import parity_harness  # noqa: E402

WALK = """
def walk(fn, depth=0):
    if fn is None:
        return []
    return [depth, type(fn).__name__] + [w for n, _ in fn.next_functions
                                         for w in walk(n, depth + 1)]
"""


def assert_same(code: str) -> None:
    parity_harness.assert_same(torch, ak, WALK + code)


# ---- x[key] = value: the value is viewed without its leading 1s, then expanded ---------------

@pytest.mark.parametrize(("key", "shape", "target"), [
    ("T.tensor([0, 1])", (1, 3), (2, 3)), ("T.tensor([0, 1])", (3,), (2, 3)),
    ("(0, T.tensor([0, 1]))", (1, 1), (2, 3)), ("...", (1, 2, 3), (2, 3)), ("...", (1,), (2,)),
    ("...", (1,), ()), ("(slice(None), slice(1, None))", (1, 2), (2, 3)), ("0", (3,), (2, 3)),
    ("0", (1, 3), (2, 3)), ("...", (2, 2), (2, 3)), ("...", (3,), (2, 3)),
    ("T.tensor([True, False])", (1, 3), (2, 3))])
def test_setitem_records_the_values_view_and_expand(key: str, shape: tuple, target: tuple) -> None:
    assert_same(f"""
t = T.zeros({target})
v = T.ones({shape}, requires_grad=True)
w = v * 2
t[{key}] = w
out += [walk(t.grad_fn), t]
t.sum().backward()
out += [v.grad]
""")


@pytest.mark.parametrize("target", ["T.zeros(())", "T.zeros(3)", "T.zeros(1)", "T.zeros(2, 1)"])
@pytest.mark.parametrize("value", ["v * 1", "2.", "3", "T.tensor(2.)"])
def test_setitem_of_a_0_dim_value_copies_when_the_sizes_agree(target: str, value: str) -> None:
    """PyTorch's copy_to: copy_ (CopyBackwards) for equal sizes, else fill_ (FillBackward3)."""
    assert_same(f"""
x = T.tensor(0.58, dtype=T.float64, requires_grad=True)
t = {target} * x
v = T.tensor(1.5, requires_grad=True)
t[...] = {value}
out += [walk(t.grad_fn), t]
t.sum().backward()
out += [x.grad, v.grad]
""")


# ---- mixed dtypes with an expanded operand: the result is row-major -------------------------

@pytest.mark.parametrize("call", ["a * f64", "a + f64", "f64 - a", "T.atan2(a, f64)", "i * 1.5",
                                  "i + x", "x.unsqueeze(1).expand(3, 2) * f64", "a.lerp(f64, 0.5)",
                                  "T.where(a > 0, a, f64)", "T.maximum(a, f64)", "a / f64"])
def test_promoted_expanded_operand_gives_a_row_major_result(call: str) -> None:
    assert_same(f"""
x = T.tensor([1.17, 0.19, 0.34], requires_grad=True)
a = x.expand(2, 3)
f64 = T.tensor([2.], dtype=T.float64)
i = T.tensor([1, 2, 3]).expand(2, 3)
y = {call}
f = y.flatten()
out += [y.stride(), y.is_contiguous(), y.dtype, walk(f.grad_fn), f._is_view()]
""")


# ---- addcmul/addcdiv/lerp_ check their arguments' types before the in-place checks ----------

@pytest.mark.parametrize("call", [
    "T.addcmul(x, 2., 2.)", "T.addcdiv(x, x, 2.)", "T.addcmul(x, x, x, value=x)",
    "x.addcmul(x, x, value=T.tensor(2.))", "x.addcmul(x, x, value='a')", "x.addcmul_(2., 2.)",
    "x.addcdiv_(2., 2.)", "x.addcmul(2., 2.)", "x.lerp_(2., 0.5)", "x.addcmul_(x, 2.)",
    "y.addcmul_(2., 2.)", "y.lerp_(2., 2.)", "y.addcmul_(x, x, value=x)", "y.lerp_(x, 0.5)",
    "y.lerp_(x, x)", "y.addcmul_(x, x, value=2)", "y.addcdiv_(x, x, value=T.tensor(2.))",
    "T.addcmul(x, x, x, value=2.)", "y.lerp_(end=x, weight=0.5)", "y.lerp_(x, 'a')",
    "x.detach().addcdiv_(x, x, value=T.tensor(2., requires_grad=True))"])
def test_argument_types_are_checked_first(call: str) -> None:
    assert_same(f"""
x = T.tensor([1., 2.], requires_grad=True)
y = x * 1
r = {call}
out += [r, y._version, y]
""")


@pytest.mark.parametrize("alpha", ["T.tensor(2., requires_grad=True)", "T.tensor(2.)",
                                   "T.tensor([2.], requires_grad=True)"])
def test_a_0_dim_tensor_needing_grad_is_no_number(alpha: str) -> None:
    assert_same(f"""
x = T.tensor([1., 2.])
out += [x.add(x, alpha={alpha}), x.sub(x, alpha={alpha})]
""")


# ---- CopySlices drops its op when the graph is freed: a second backward fails ----------------

@pytest.mark.parametrize("change", [
    "t[0] = 3.", "t[1:] = x[:2] * 2", "t[T.tensor([0, 1])] = 5.", "t[...] = 1.", "t[...] = x",
    "t[1:].add_(2)", "t[0].zero_()", "t[0] = x[1]", "t[T.tensor([True, False, True])] = 1.",
    "t[:2].copy_(x[1:])", "t.narrow(0, 1, 2).fill_(0.5)"])
@pytest.mark.parametrize("retain", [False, True])
def test_second_backward_through_copy_slices(change: str, retain: bool) -> None:
    assert_same(f"""
x = T.tensor([1., 2., 3.], requires_grad=True)
t = x + 0
{change}
out += [type(t.grad_fn).__name__, [n for n in dir(t.grad_fn) if 'saved' in n]]
t.sum().backward(retain_graph={retain})
out.append(x.grad)
t.sum().backward()
out.append(x.grad)
""")


def test_failed_backward_frees_the_copy_slices_it_ran() -> None:
    assert_same("""
x = T.tensor([[1.97, 1.89, -0.54], [-1.2, 1.91, 0.14]], dtype=T.float64, requires_grad=True)
y = x.sigmoid()
y[0] = 3.
for i in range(3):
    try:
        y.backward(T.ones_like(y))
    except RuntimeError as error:
        out.append(str(error)[:60])
""")


# ---- x[key] = v on a piece of split/unbind (or a no_grad view): the error names x[key] ------

@pytest.mark.parametrize("change", ["t[0] = 3.", "t[0, 1] = 3.", "t[:, :1] = 3.", "t[...] = 3.",
                                    "t[T.tensor([0])] = 3.", "t[:] = 1.", "t[None] = 1.",
                                    "t[0] = x[1, 0]", "t[0].add_(1)"])
@pytest.mark.parametrize("made", ["x.abs().split(1)[0]", "x.abs().unbind(0)[0]",
                                  "x.abs().chunk(2)[1]", "no_grad"])
def test_setitem_on_a_view_of_a_view_names_the_new_view(change: str, made: str) -> None:
    assert_same(f"""
x = T.tensor([[-1.58, -0.54], [1.67, -0.83]], requires_grad=True)
if '{made}' == 'no_grad':
    with T.no_grad():
        t = x[0:]
else:
    t = {made}
{change}
out.append(t)
""")


# ---- index_add_ checks the index, then the dtypes, then the sizes (PyTorch's order) ----------

@pytest.mark.parametrize(("target", "index", "source"), [
    ("T.tensor(1.)", "T.tensor([0])", "T.ones(1, 2)"),
    ("T.tensor(1.)", "T.tensor([0])", "T.ones(1, 2, dtype=T.float64)"),
    ("T.zeros(2, 3)", "T.tensor([0])", "T.ones(1, 2, dtype=T.float64)"),
    ("T.zeros(3)", "T.tensor([0])", "T.ones(2, dtype=T.float64)"),
    ("T.zeros(3)", "T.tensor([0.])", "T.ones(1, dtype=T.float64)"),
    ("T.zeros(3)", "T.tensor([[0]])", "T.ones(1, dtype=T.float64)"),
    ("T.zeros(3)", "T.tensor([[0.]])", "T.ones(1)"),
    ("T.zeros(3)", "T.tensor([5])", "T.ones(1, dtype=T.float64)"),
    ("T.zeros(3)", "T.tensor([0])", "T.ones(1, dtype=T.int64)"),
    ("T.tensor(1.)", "T.tensor([0])", "T.ones(())")])
def test_index_add_checks_in_pytorchs_order(target: str, index: str, source: str) -> None:
    assert_same(f"out.append({target}.index_add_(0, {index}, {source}))")
    assert_same(f"out.append({target}.index_add(0, {index}, {source}))")


# ---- a saved output of copy_ changed in place: named by its C++ node's full name ------------

@pytest.mark.parametrize("write", ["t[...] = x", "t.copy_(x)", "t[...] = x[:1]"])
def test_version_error_names_copy_backwards_in_full(write: str) -> None:
    assert_same(f"""
x = T.tensor([-0.08, 0.3, -0.76], dtype=T.float64, requires_grad=True)
t = x * x
y = t.lerp(x, 0.3)
z = T.atan2(y, t)
y[...] = x
{write.replace('t', 'y', 1)}
z.sum().backward()
""")
