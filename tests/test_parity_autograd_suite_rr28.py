"""Scenarios ported from PyTorch's own test/test_autograd.py and
test/autograd/test_functional.py (round 28), run with the kit and with PyTorch live: what
each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


_STANDARD_BASIS = """
F = T.autograd.functional
cases = [(T.randn(2, 3),), (T.randn(1),), (T.randn([]),),
         (T.randn(1), T.randn([]), T.randn([])), (T.randn(2), T.randn(3), T.randn([])),
         (T.randn(2), T.randn([]), T.randn(3)),
         (T.randn(2, 3), T.randn(3), T.randn(3, 4, 2)),
         (T.randn(2, dtype=T.float64), T.randn(3, dtype=T.float32, requires_grad=True))]
for inputs in cases:
    blocks = F._construct_standard_basis_for(inputs, tuple(t.numel() for t in inputs))
    out.append([(b.dtype, b.shape, b.requires_grad, b.is_contiguous()) for b in blocks])
    whole = T.cat([b.to(dtype=T.float) for b in blocks], dim=1)
    out.append(T.equal(whole, T.eye(whole.shape[0])))
"""


def test_construct_standard_basis_for() -> None:
    # test_construct_standard_basis_for (test_functional.py): the private helper that gives
    # the unit vectors of the vectorized Jacobian, one block of columns per input, in that
    # input's dtype; the kit had no such function (AttributeError)
    assert_same(torch, ak, _STANDARD_BASIS)
