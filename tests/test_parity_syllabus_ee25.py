"""Syllabus variations (C01-C32), session 32: run live with PyTorch and with the kit.

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
SCENARIOS["C01 tensor() of a list of tensors that require grad warns once per number"] = '''
x = T.ones(2, 3, requires_grad=True)
each("T.tensor([x[0, 0], x[0, 1], x[1, 1]])", "T.tensor([[x[0, 0]], [x[0, 1]]])",
     "T.tensor([[1., 2.], x[0, :2]])", "T.tensor([[x[0, 0], 1.], x[1, :2]])",
     "T.tensor([x[0, 0], T.ones(2), x[1, 1]])", "T.tensor([x[0, :1], x[1, :1]])",
     "T.as_tensor([x[0, 0], x[0, 1]])", "x.new_tensor([x[0, 0] * 2, x[0, 1]])",
     "T.tensor([x[0, 0].detach(), x[0, 1]])")
with T.no_grad():
    each("T.tensor([x[0, 0], x[0, 1]])")
'''
SCENARIOS["C01 a tensor handed to NumPy: copies, results and NumPy 2's warnings"] = '''
t = T.tensor([1., 4.]); r = T.tensor([1., 2.], requires_grad=True)
each("np.array(t)", "np.array(t, dtype=np.float64)", "np.array(t, copy=False)", "np.asarray(t)",
     "np.exp(t)", "np.sqrt(t)", "np.isnan(t)", "np.argmax(t)", "t + np.array([1., 2.])",
     "np.dot(t, t)", "np.array(T.tensor(2.))", "np.array(r)", "np.exp(r)")
a = np.array(t); a[0] = 9.; obs(t)
'''


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_syllabus_variation_matches_pytorch(name: str) -> None:
    _same(SCENARIOS[name])
