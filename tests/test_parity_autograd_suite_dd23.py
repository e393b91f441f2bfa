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


_LAYOUTS = """
def mk(): return T.empty(2, 3, 4).permute(2, 0, 1).requires_grad_()
def column_major(): return T.zeros(3, 4).t().requires_grad_()
"""


@pytest.mark.parametrize("steps", [
    "q = mk(); (q * 2).sum().backward(); out.append(q.grad.stride())",
    "q = mk(); (q * 2).sum().backward(); (q * 2).sum().backward(); out.append(q.grad.stride())",
    "q = mk(); q.grad = T.ones(4, 2, 3); (q * 2).sum().backward(); out.append(q.grad.stride())",
    "r = column_major(); (r * 2).sum().backward(); out.append(r.grad.stride())",
    "r = column_major(); (r.contiguous() * 2).sum().backward(); out.append(r.grad.stride())",
    "e = T.empty_strided((2, 2), (4, 2)).requires_grad_(); (e * 2).sum().backward()\n"
    "out.append(e.grad.stride())",
    "g = T.ones(4, 2, 3); q = mk(); q.backward(g); out.append((q.grad.stride(), q.grad is g))",
    "q = mk(); T.autograd.backward(q.contiguous(), T.ones(4, 2, 3)); out.append(q.grad.stride())",
])
@pytest.mark.parametrize("enforce", [True, False])
def test_enforce_grad_layout_policy_lets_a_stolen_gradient_keep_its_layout(steps: str,
                                                                          enforce: bool) -> None:
    # torch.autograd.enforce_grad_layout_policy (PyTorch 2.13; test_autograd's grad layout
    # tests): with False a gradient nobody else holds becomes .grad as it is, however laid
    # out, and no warning is given; a gradient the caller holds is still copied into the
    # leaf's layout. The kit had no such switch
    assert_same(torch, ak, _LAYOUTS + f"""
with T.autograd.enforce_grad_layout_policy({enforce}):
    {steps}
""")


def test_enforce_grad_layout_policy_is_set_when_made_and_per_thread() -> None:
    # as PyTorch's: set on construction, restored on exit; as a decorator it changes nothing
    # until the function runs; clone() makes (and sets) another; a bool only; per thread
    assert_same(torch, ak, _LAYOUTS + """
import threading
E = T.autograd.enforce_grad_layout_policy
def enforced():
    p = column_major()
    (p * 2).sum().backward()
    return p.grad.stride() == p.stride()
out.append(enforced())
c = E(False)
out.append(enforced())
with c:
    out.append(enforced())
out.append(enforced())
@E(False)
def f():
    return enforced()
out.append((enforced(), f(), enforced()))
c2 = E(False).clone()
out.append((type(c2).__name__, c2.mode, enforced()))
E(True)
for bad in (1, None):
    try:
        E(bad)
    except TypeError as e:
        out.append(str(e))
out.append(enforced())
res = []
with E(False):
    th = threading.Thread(target=lambda: res.append(enforced()))
    th.start()
    th.join()
    out.append((res, enforced()))
out.append(type(E()).__module__)
""")


_GRAPH = """
def desc(fn, depth=0):
    if fn is None or depth > 9:
        return 'None'
    return type(fn).__name__ + '(' + ', '.join(desc(n, depth + 1)
                                               for n, _ in fn.next_functions) + ')'
"""


@pytest.mark.parametrize("call", ["x.inverse()", "T.linalg.inv(x)", "T.linalg.inv_ex(x)[0]",
                                  "x.inverse().sum(0)"])
def test_the_inverse_rule_groups_its_products_as_pytorch(call: str) -> None:
    # test_function's graph_desc, for a double backward through the inverse: PyTorch's rule
    # is -Yᵀ·(grad·Yᵀ), so the gradient's graph is Neg(Mm(Transpose, Mm(grad, Transpose)));
    # the kit computed (-Yᵀ·grad)·Yᵀ: the same values but another graph
    assert_same(torch, ak, _GRAPH + f"""
x = T.tensor([[2., 1.], [1., 3.]], dtype=T.double, requires_grad=True)
(g,) = T.autograd.grad({call}.sum(), x, create_graph=True)
out.append(desc(g.grad_fn))
out.append(T.allclose(g, T.autograd.grad({call}.sum(), x)[0]))
""")


@pytest.mark.parametrize("call", ["x ** y", "T.pow(x, y)", "T.float_power(x, y)",
                                  "T.pow(x, y.detach())", "T.logaddexp2(x, y)",
                                  "T.logaddexp2(x, y.detach())"])
def test_double_backward_graphs_of_power_rules_are_pytorchs(call: str) -> None:
    # test_function's graph_desc for a double backward: PyTorch's pow rule writes b - 1 with
    # a number (SubBackward1), and logaddexp2's 1 + pow(2, b - a) (PowBackward2); the kit
    # recorded b - tensor(1) (SubBackward0) and exp2 (Exp2Backward0); the values were equal
    assert_same(torch, ak, _GRAPH + f"""
x = T.tensor([0.3, 0.6, 0.2, 0.9], dtype=T.double, requires_grad=True)
y = T.tensor([0.5, 0.1, 0.7, 0.4], dtype=T.double, requires_grad=True)
g = T.autograd.grad(({call}).sum(), (x, y), create_graph=True, allow_unused=True)
out.append([None if t is None else desc(t.grad_fn) for t in g])
""")


@pytest.mark.parametrize("call", ["T.linalg.cholesky(A)", "T.cholesky(A)",
                                  "T.linalg.cholesky(A, upper=True)", "T.linalg.eigh(A)[1]",
                                  "T.linalg.eigh(A)[0]"])
def test_double_backward_graphs_of_cholesky_and_eigh_are_pytorchs(call: str) -> None:
    # PyTorch's cholesky_backward and linalg_eig_backward halve with a number in C++
    # (0.5 * t: MulBackward1); the kit recorded a multiplication by a wrapped number
    # (MulBackward0 with a None edge); the values were equal
    assert_same(torch, ak, _GRAPH + f"""
x = T.tensor([[2., 0.5], [0.3, 1.5]], dtype=T.double, requires_grad=True)
A = x @ x.t() + T.eye(2, dtype=T.double)
(g,) = T.autograd.grad({call}.sum(), x, create_graph=True)
out.append(desc(g.grad_fn))
""")
