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
