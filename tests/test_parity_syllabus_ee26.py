"""Syllabus variations (C01-C32), session 33: run live with PyTorch and with the kit.

The same harness as ``test_parity_syllabus_ee23`` (``T`` is ``torch`` or ``autograd_kit``;
``obs(...)`` records what a learner would print, ``each(...)`` each expression's value or
error; warnings are recorded too, under ``set_warn_always(True)``): the two records must be
the same.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from test_parity_syllabus_ee23 import _same  # noqa: E402

SCENARIOS: dict[str, str] = {}

# ---- A. Tensors and the graph (C01-C06)
SCENARIOS["C01 warnings PyTorch gives once come every time under warn_always"] = '''
x = T.ones(2, requires_grad=True); r = np.ones(2); r.flags.writeable = False
for _ in range(2):
    each("T.asarray(x)", "T.asarray(x * 2)", "T.asarray(x, requires_grad=False)",
         "T.from_numpy(r)", "T.as_tensor(r)", "T.as_tensor(r, dtype=T.float32)", "T.tensor(r)",
         "T.frombuffer(bytes(8), dtype=T.float32)")
'''
SCENARIOS["C01 a list of arrays warns once per array read (under warn_always)"] = '''
each("T.tensor([np.ones(2), np.ones(2)])", "T.tensor([np.ones(2)] * 3, dtype=T.float32)",
     "T.tensor([np.ones((2, 2))])", "T.tensor([np.ones((2, 3, 2))])",
     "T.tensor([[1., 2.], np.ones(2), np.ones(2)])", "T.tensor([np.ones(2), T.ones(2)])",
     "T.tensor(([np.ones(2)],))", "T.tensor([np.ones(0), np.ones(0)])",
     "T.tensor([np.ones((0, 2))])", "T.as_tensor([np.ones(2)], dtype=T.float64)",
     "T.ones(1).new_tensor([np.ones(2)] * 2)", "T.tensor([np.float64(1.), 2.])")
'''
SCENARIOS["C01 the old LU functions and index_reduce warn every time under warn_always"] = '''
a = T.tensor([[2., 1.], [1., 3.]])
for _ in range(2):
    each("T.lu(a)", "T.lu_solve(T.ones(2, 1), *T.lu(a))",
         "T.zeros(3).index_reduce(0, T.tensor([0]), T.ones(1), 'prod')")
'''

SCENARIOS["C20 the legacy Tensor(t) of a tensor is an alias, recorded"] = '''
x = T.tensor([1., 2.], requires_grad=True); y = x * 2; i = T.tensor([1, 2])
each("T.Tensor(x)", "T.Tensor(x)._base is x", "T.Tensor(y).grad_fn.next_functions",
     "T.FloatTensor(y)", "T.Tensor(i)", "T.Tensor(i)._base is i", "T.Tensor(x.detach())._is_view()",
     "T.Tensor(x, device='cpu')", "T.FloatTensor(x, device='cpu')", "T.Tensor([1.], device='cpu')",
     "T.Tensor(2, 3).shape", "T.Tensor([[1, 2]])", "T.Tensor()",
     "isinstance(T.Tensor(x), T.Tensor)")
a = T.Tensor(x); a.sum().backward(); obs(x.grad, a._version)
b = T.Tensor(i); b[0] = 5; obs(i, i._version)
with T.no_grad():
    c = T.Tensor(x)
obs(c, c._is_view(), nn.Parameter(T.Tensor(x.detach())))
'''

# ---- B. Backward (C08-C16)
SCENARIOS["C16 a .grad assigned with other strides warns each time under warn_always"] = '''
w = T.tensor([1., 2.], requires_grad=True)
for grad in ("T.zeros(4)[::2]", "T.zeros(2, 2)[:, 0]", "T.zeros(2).expand(2)", "T.zeros(4)[::2]"):
    w.grad = eval(grad); kept = w.grad
    (w * 3).sum().backward(); obs(kept is w.grad, w.grad, w.grad.stride())
m = T.ones(2, 2, requires_grad=True)
m.grad = T.zeros(2, 2).t(); (m * 3).sum().backward(); obs(m.grad.stride())
m.grad = T.zeros(2, 2).t(); (m * 3).sum().backward(create_graph=True); obs(m.grad.stride())
'''


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_syllabus_variation_matches_pytorch(name: str) -> None:
    _same(SCENARIOS[name])
