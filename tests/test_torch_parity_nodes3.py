"""A third round of what backward nodes show against PyTorch, and a few op fixes: signed
zeros, var/std's default correction, einsum's output subscripts, bool powers, negative dims
shown unsigned, saved number types, saved indices checked for in-place changes, and batch
norm's rounding in eval mode (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

PRE = ("x = T.tensor([[1., -2., 3.], [0.5, 0.25, -1.5]], requires_grad=True)\n")
SHOW = ("\nn = y.grad_fn; names = [a for a in dir(n) if a.startswith('_saved')]; print(n.name(), names)\n"
        "for a in names:\n    print(a, getattr(n, a))")

SNIPPETS = [
    "print(T.nn.functional.softshrink(T.tensor([-0.5, 0.5, 2., -3.]), 1))",
    "print(T.nn.functional.softshrink(T.tensor([-0.25, 0.25]), 0.5))",
    # var/std: a dim given as None still counts as given (correction 1)
    PRE + "for y in [x.var(), x.var(dim=None), x.std(dim=None), x.var(None), x.std(), x.var(0), x.var(None, False), x.var(None, keepdim=True), T.var(x, dim=None), T.var(x), x.var(correction=0), x.var(dim=None, correction=0), T.var_mean(x, dim=None)[0], T.std_mean(x)[0]]:\n"
    "    n = y.grad_fn; print(n.name(), n._saved_correction, n._saved_dim, y)",
    # einsum's output letters: each once, each found in an operand
    "for e, ops in [('ij->ik', [T.ones(2, 3)]), ('ij->ii', [T.ones(2, 3)]), ('ij,jk->ikl', [T.ones(2, 3), T.ones(3, 2)]), ('ij->ik', [T.ones(2, 3, 4)]), ('ij->iik', [T.ones(2, 3)]), ('ij->j', [T.ones(2, 3)]), ('ij->ki', [T.ones(2, 3)])]:\n"
    "    try: print(T.einsum(e, *ops))\n"
    "    except Exception as ex: print(type(ex).__name__, ex)",
    # powers of bool tensors: a bool exponent keeps bool, a bool result has no kernel
    'b = T.tensor([True, False])\nfor f in [lambda: b ** True, lambda: b ** False, lambda: b ** 2, lambda: b ** 2., lambda: b ** b, lambda: True ** b, lambda: 2 ** b, lambda: b.pow(True), lambda: T.pow(True, b), lambda: b ** T.tensor(True), lambda: T.tensor(True) ** b, lambda: T.tensor(True) ** True, lambda: b.clone().pow_(True), lambda: b.float_power(True)]:\n    try: r = f(); print(r, r.dtype)\n    except Exception as e: print(type(e).__name__, e)\nfor f in [lambda: True ** T.tensor([1, 2]), lambda: False ** b, lambda: b ** 0, lambda: b ** 1, lambda: T.tensor([1, 2]) ** True, lambda: 1 ** b, lambda: 2.5 ** b, lambda: b.clone().pow_(False), lambda: b.clone().pow_(2)]:\n    try: r = f(); print(r, r.dtype)\n    except Exception as e: print(type(e).__name__, e)\n',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
