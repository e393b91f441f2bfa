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
