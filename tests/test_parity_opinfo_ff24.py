"""Parity with PyTorch on the sample, reference and error inputs of PyTorch's OpInfo database
(torch/testing/_internal/common_methods_invocations.py and opinfo/definitions), among them
the entries whose op is a lambda over torch (random samplers seeded alike, einsum, embedding,
attention) and their in-place and method variants.

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


@pytest.mark.parametrize("probs", [
    "[1., -1., 1.]", "[1., float('inf'), 1.]", "[1., -float('inf'), 1.]",
    "[1., 1., float('nan')]", "[[0., 0., 0.], [1., -1., 1.]]",
    "[[1., 1., 1.], [float('nan'), float('inf'), 1.]]", "[[1., 1., 1.], [0., 0., 0.]]",
    "[[2., 0., 0.], [float('inf'), 0., 0.]]", "[0., 0.]", "[1., 1e-300, 0.]",
])
@pytest.mark.parametrize("draws", ["2, True", "1, True", "2, False", "3, True"])
def test_multinomial_checks_its_probabilities_as_pytorch(probs: str, draws: str) -> None:
    # With replacement (more than one sample) PyTorch's kernel walks each row entry by entry:
    # 'encountering probability entry < 0' (NaN too) or '= infinity or NaN', then the row's
    # sum; otherwise it checks the whole tensor at once. The kit checked the whole tensor in
    # every case, with the one-sample message.
    same(f"""
T.manual_seed(0)
x = T.tensor({probs}, dtype=T.float64)
out.append(T.multinomial(x, {draws}).tolist())
""")


@pytest.mark.parametrize("shape", ["(3, 0)", "(0,)", "(0, 3)", "(2 ** 24 + 1,)"])
@pytest.mark.parametrize("draws", ["2, True", "1, True"])
def test_multinomial_of_empty_rows_or_too_many_categories(shape: str, draws: str) -> None:
    # PyTorch refuses more than 2^24 categories before looking at the values, and an empty
    # row with aminmax's error (one sample) or the sum's (more); the kit let NumPy fail
    same(f"""
T.manual_seed(0)
x = T.zeros({shape}, dtype=T.float64)
y = T.multinomial(x, {draws})
out += [y.shape, y.dtype]
""")
