"""Parity with PyTorch on the sample, reference and error inputs of PyTorch's OpInfo database
(torch/testing/_internal/common_methods_invocations.py and opinfo/definitions), on the
layouts of their results, and on the in-place, method and out= variants of its entries.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, strides, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


GRAPH = """
def graph(f):
    names = []
    while f is not None:
        names.append(type(f).__name__)
        f = f.next_functions[0][0] if f.next_functions else None
    return names
"""


@pytest.mark.parametrize("case", [
    "T.ones(3), T.ones(3), 1",
    "T.ones(2, 3), T.ones(2, 3), 2",
    "T.ones(1, 3), T.ones(3, 1), 1",
    "T.ones(3, 1), T.ones(3, 1), ([0], [0])",
    "T.ones(2, 5, 3), T.ones(2, 1, 3), ([0, 1, 2], [0, 1, 2])",
    "T.tensor(2.), T.tensor(3.), 0",
    "T.ones(0), T.ones(0), 1",
    "T.ones(2, 3), T.ones(3, 2), ([0, 1], [1, 0])",
    "T.ones(2, 3), T.ones(2, 3), ([1, 0], [1, 0])",
    "T.ones(6)[::2], T.ones(3), 1",
    "T.ones(2, 1, 3), T.ones(3, 1, 2), ([0, 1, 2], [2, 1, 0])",
    "T.ones(2, 3), T.ones(2, 3), ([0], [0])",
])
def test_tensordot_of_a_full_contraction_records_a_dot(case: str) -> None:
    # no free dimension with more than one value: PyTorch takes the dot of the flattened
    # operands, or the sum of their squeezed product when a permuted one is not contiguous
    same(GRAPH + f"""
a, b, dims = {case}
a = (a.double() * T.arange(1, a.numel() + 1).view(a.shape)).requires_grad_()
b = (b.double() + 0.5).requires_grad_()
r = T.tensordot(a, b, dims)
ga, gb = T.autograd.grad(r.sum() * r.sum(), [a, b], create_graph=True)
out += [r, r.shape, graph(r.grad_fn), ga, gb, graph(ga.grad_fn)]
out += [T.autograd.grad(ga.sum() + gb.sum(), [a, b])]
""")


def test_tensordot_of_integers_and_a_full_contraction() -> None:
    same("""
a = T.arange(6).view(2, 3)
out += [T.tensordot(a, a, 2), T.tensordot(a, a.t(), ([0, 1], [1, 0])), T.tensordot(a, a.t(), 1)]
""")
