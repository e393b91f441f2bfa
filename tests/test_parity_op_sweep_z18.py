"""Parity with PyTorch for differences found by a randomised differential sweep of tensor ops
(shapes with 0-dim, size-1 and empty dimensions, broadcasting, non-contiguous inputs):
layouts of results, gradients, grad_fn names and errors, compared with PyTorch live."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def both(make):
    """The same expression built with torch and with the kit."""
    return make(torch), make(ak)


def strides_of_long_dims(t) -> list[int]:
    """Strides of the dimensions longer than 1 (a size-1 dimension's stride is free)."""
    return [s for s, n in zip(t.stride(), t.shape) if n > 1]


def assert_same_layout(t, k) -> None:
    assert tuple(t.shape) == tuple(k.shape)
    assert strides_of_long_dims(t) == strides_of_long_dims(k)
    assert t.is_contiguous() == k.is_contiguous()
    np.testing.assert_array_equal(t.detach().numpy(), k.detach().numpy())


BASE = np.arange(24.0).reshape(2, 3, 4)


@pytest.mark.parametrize("perm", list(itertools.permutations(range(3))))
@pytest.mark.parametrize("key", [
    lambda m: (slice(None), m.tensor([[0, 2, 1]])),
    lambda m: (m.tensor([1, 0]),),
    lambda m: (slice(None), slice(None), m.tensor([[0], [1]])),
    lambda m: (m.tensor([1, 0]), slice(None), m.tensor([0, 1])),
    lambda m: (0, slice(None), m.tensor([1, 0, 1])),
    lambda m: (m.tensor([[True, False, True], [False, True, True]]).t(),),
])
def test_advanced_indexing_lays_out_its_result_as_pytorch(perm, key) -> None:
    # PyTorch's TensorIterator orders the result by the strides of x (restrided) and of the
    # index tensors: x[:, i] of a row-major x is row-major, so .view works on it
    def make(m):
        x = m.tensor(BASE).permute(*perm)
        try:
            return x[key(m)]
        except IndexError as error:
            return str(error)
    t, k = both(make)
    if isinstance(t, str):
        assert t == k
        return
    assert_same_layout(t, k)


def test_view_of_an_advanced_index_result() -> None:
    t, k = both(lambda m: m.arange(4.0).reshape(2, 2)[:, m.tensor([[0, 1, 1]])])
    assert k.is_contiguous() and t.is_contiguous()
    assert k.view(-1).tolist() == t.view(-1).tolist()
