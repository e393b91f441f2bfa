"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py: in-place changes
of views under double backward, custom Functions changing a view, …), run with the kit and
with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")

_GRAPH = """
def desc(fn, depth=0):
    if fn is None or depth > 12:
        return 'None'
    return type(fn).__name__ + '(' + ', '.join(desc(n, depth + 1)
                                               for n, _ in fn.next_functions) + ')'
"""


@pytest.mark.parametrize("change", ["y[1:, 2].add_(x[1:, 1] ** 2)", "y[0].exp_()",
                                    "y[:, 1:].clamp_(min=1.5)", "y.view(-1)[2:5].mul_(2)",
                                    "y[1].copy_(x[0] * 3)", "y.t()[1].add_(x[:, 0] ** 2)"])
def test_double_backward_through_a_change_of_a_view_builds_pytorchs_graph(change: str) -> None:
    # test_inplace_on_view_backward: CopySlices' rule is written with PyTorch's own steps
    # (the gradient copied into a tensor laid out as the base, read as the view, the op's
    # rule run on a clone, written back), so the recorded graph is PyTorch's; the kit's
    # rule (MaskedFill + IndexPut + Add) gave the same values with another graph
    assert_same(torch, ak, _GRAPH + f"""
x = T.tensor([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]], requires_grad=True)
y = x.clone()
{change}
(g,) = T.autograd.grad(y.pow(2).sum(), x, create_graph=True)
out.append(g)
out.append(desc(g.grad_fn))
g.sum().backward()
out.append(x.grad)
""")


def test_threshold_in_place_on_a_view_double_backward_node_names() -> None:
    # test_inplace_on_view_backward, second half (the gradient penalty example)
    assert_same(torch, ak, """
inputs = T.ones((1, 3, 4, 4), requires_grad=True)
tmp1 = (inputs + 1).view_as(inputs)
tmp2 = T.nn.functional.threshold(tmp1, 0.0, 0.0, True)
p = T.sigmoid(tmp2)
g = T.autograd.grad(outputs=p, inputs=inputs, grad_outputs=T.ones(p.size()),
                    create_graph=True, retain_graph=True)[0]
penalty = g.sum()
penalty.backward()
fn = penalty.grad_fn.next_functions[0][0]
out.append(fn.name())
out.append([type(n).__name__ for n, _ in fn.next_functions])
out.append(fn.next_functions[1][0].name())
out.append(inputs.grad.sum())
""")


def test_a_custom_function_giving_no_gradient_for_the_view_it_changed() -> None:
    # CopySlices returns no gradient for the base when the op's rule gives none for the
    # view (PyTorch leaves it undefined); the kit sent the base's gradient with zeros there
    assert_same(torch, ak, """
class Double(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x
    @staticmethod
    def backward(ctx, g):
        return None, g.sum()
a = T.ones(2, 3, requires_grad=True)
w = T.ones((), requires_grad=True)
b = a.clone()
Double.apply(b[0], w)
b.sum().backward()
out.append(a.grad)
out.append(w.grad)
c = a.clone()
Double.apply(c[:, 1], w)
(c * 3).sum().backward()
out.append(a.grad)
out.append(w.grad)
""")


@pytest.mark.parametrize("change", ["y.mul_(w)", "y.sin_()", "y.div_(w)", "y.pow_(2)",
                                    "y.atan2_(w)", "y.lerp_(w, w)", "y.clamp_(min=w)",
                                    "y.abs_()", "y[1:].mul_(w[1:])", "y.exp_()", "y.mul_(2)",
                                    "y.add_(w)"])
def test_an_in_place_op_saves_a_recorded_clone_of_the_old_value(change: str) -> None:
    # the in-place tests of test_autograd.py (and its double-backward graphs): an in-place
    # op whose rule needs the value from before the change saves self.clone(), recorded
    # (CloneBackward0, numbered after the op's node); the kit saved a copy with the old
    # history, so _saved_self.grad_fn and double-backward graphs lacked the CloneBackward0
    assert_same(torch, ak, _GRAPH + f"""
x = T.tensor([1., 2., 3.], requires_grad=True)
w = T.tensor([.5, 2., -3.], requires_grad=True)
y = x * 1
start = y.grad_fn._sequence_nr()
{change}
n = y.grad_fn
for name in sorted(a for a in dir(n) if a.startswith('_saved_')):
    value = getattr(n, name)
    if isinstance(value, T.Tensor):
        out.append((name, type(value.grad_fn).__name__,
                    value.grad_fn._sequence_nr() - start if value.grad_fn else None))
gx, gw = T.autograd.grad((y ** 2).sum(), (x, w), create_graph=True, allow_unused=True)
out.append(desc(gx.grad_fn))
out.append(T.autograd.grad((gx * gx).sum(), (x, w), allow_unused=True))
""")


def test_lerp_with_a_tensor_weight_names_its_saved_values_as_pytorch() -> None:
    # _saved_end and _saved_weight (the kit showed _saved_other and no weight)
    assert_same(torch, ak, """
a = T.tensor([0.3, -1.2, 2.5], requires_grad=True)
b = T.tensor([1.1, 0.4, -0.7], requires_grad=True)
c = T.tensor([0.2, 0.9, 1.3], requires_grad=True)
n = T.lerp(a, b, c).grad_fn
out.append(sorted(x for x in dir(n) if x.startswith('_saved_') or x.startswith('_raw_saved')))
out.append((n._saved_self is a, n._saved_end is b, n._saved_weight is c))
""")


@pytest.mark.parametrize("f", ["elu_", "celu_", "selu_", "elu", "celu", "selu"])
@pytest.mark.parametrize("on_view", [False, True])
def test_in_place_elus_double_backward_node_is_elu_backward_backward(f: str,
                                                                     on_view: bool) -> None:
    # (the in-place forms' rule works from the saved result; PyTorch names its double
    # backward EluBackwardBackward0 too: the kit named it EluResultBackwardBackward /
    # ScaledEluResultBackwardBackward)
    target = "y[:, 1]" if on_view else "y"
    assert_same(torch, ak, _GRAPH + f"""
x = T.tensor([[0.5, -1.5, 2.0], [1.0, -3.0, 0.25]], requires_grad=True)
y = x * 1
T.nn.functional.{f}({target})
(g,) = T.autograd.grad((y ** 2).sum(), x, create_graph=True)
out.append(g)
out.append(desc(g.grad_fn))
out.append(T.autograd.grad(g.pow(2).sum(), x))
""")


@pytest.mark.parametrize("op", ["T.add(x, w, alpha=2)", "T.sub(x, w, alpha=0.3)",
                                "x.add(w, alpha=-1.5)", "x.clone().add_(w, alpha=3)",
                                "x.clone().sub_(w, alpha=2)"])
def test_add_and_sub_with_alpha_scale_the_gradient_as_a_number(op: str) -> None:
    # grad · alpha is recorded as PyTorch's MulBackward1 (a product with a number); the
    # kit recorded MulBackward0 with an edge to nothing
    assert_same(torch, ak, _GRAPH + f"""
x = T.tensor([0.5, -1.5, 2.0], requires_grad=True)
w = T.tensor([0.3, -2.0, 1.0], requires_grad=True)
y = {op}
gx, gw = T.autograd.grad((y ** 2).sum(), (x, w), create_graph=True)
out.append((gx, gw))
out.append(desc(gw.grad_fn))
out.append(T.autograd.grad(gw.pow(2).sum(), (x, w)))
""")
