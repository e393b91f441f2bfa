"""More syllabus variations (C01-C32) run live with PyTorch and with the kit, side by side.

The same harness as ``test_parity_syllabus_ee23`` (``T`` is ``torch`` or ``autograd_kit``;
``obs(...)`` records what a learner would print, ``each(...)`` each expression's value or
error; warnings are recorded too): the two records must be the same.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from test_parity_syllabus_ee23 import _same  # noqa: E402

SCENARIOS: dict[str, str] = {}

# ---- A. Tensors and the graph (C01-C06)
SCENARIOS["C01 a tensor's read-only attributes, name among them"] = '''
x = T.ones(2, requires_grad=True); y = x * 2
each("x.name", "y.name", "setattr(x, 'name', 'w')", "x.name", "setattr(y, 'is_leaf', True)",
     "setattr(y, 'grad_fn', None)", "setattr(x, 'shape', (1, 2))", "delattr(x, 'name')")
'''

# ---- B. Backward (C08-C16)
SCENARIOS["C12 a NumPy array or a generator as the gradient argument"] = '''
x = T.tensor([1., 2.], requires_grad=True); y = x * 2
G = lambda *a, **k: T.autograd.grad(*a, retain_graph=True, **k)
each("y.backward(np.ones(2), retain_graph=True)", "G(y, x, grad_outputs=np.ones(2))",
     "y.backward((g for g in [T.ones(2)]), retain_graph=True)", "x.grad",
     "G(y, x, grad_outputs=(g for g in [T.ones(2)]))", "G(y, x, grad_outputs=1.)",
     "y.backward(np.array(1.), retain_graph=True)", "T.autograd.backward([y], 3)")
'''

# ---- G. Reading the engine (C32)
SCENARIOS["C32 a node called by hand gives None for an input that needs no gradient"] = '''
w = T.tensor([1.], requires_grad=True); x = T.tensor([2.], requires_grad=True); c = T.tensor([3.])
b = w + 1; y = (x + w) * b
each("b.grad_fn(T.ones(1))", "y.grad_fn(T.ones(1))", "(x + c).grad_fn(T.ones(1))",
     "(c + x).grad_fn(T.ones(1))", "(1 + x).grad_fn(T.ones(1))", "(c - x).grad_fn(T.ones(1))",
     "(x - c).grad_fn(T.ones(1))", "x.add(c, alpha=2).grad_fn(T.ones(1))",
     "c.add(x, alpha=2).grad_fn(T.ones(1))", "c.sub(x, alpha=2).grad_fn(T.ones(1))",
     "x.sub(c, alpha=2).grad_fn(T.ones(1))", "(x + x).grad_fn(T.ones(1))",
     "x.add(w, alpha=3).grad_fn(T.ones(1))")
m = T.tensor([[0.5, -1.], [2., 0.25]]); r = T.tensor([[1., 2.]], requires_grad=True)
each("m.index_add(0, T.tensor([0]), r).grad_fn(T.ones(2, 2))",
     "m.index_add(0, T.tensor([1]), r, alpha=3).grad_fn(T.ones(2, 2))",
     "m.scatter_add(0, T.tensor([[0, 1]]), r).grad_fn(T.ones(2, 2))",
     "m.fmod(r).grad_fn(T.ones(2, 2))", "m.remainder(r).grad_fn(T.ones(2, 2))",
     "(m % r).grad_fn(T.ones(2, 2))")
'''


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_syllabus_variation_matches_pytorch(name: str) -> None:
    _same(SCENARIOS[name])
