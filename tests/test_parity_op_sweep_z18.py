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


@pytest.mark.parametrize("call", [
    lambda m, x: m.sort(x, stable=True),
    lambda m, x: m.sort(x, stable=False, descending=True),
    lambda m, x: x.sort(stable=True, dim=0),
    lambda m, x: m.sort(x),
    lambda m, x: x.sort(0, True),
])
def test_sort_with_stable_given_is_pytorchs_stable_overload(call) -> None:
    # sort(..., stable=...) is PyTorch's sort.stable: its node is SortBackward1
    def make(m):
        x = m.tensor([3.0, 1.0, 2.0, 1.0], requires_grad=True)
        return type(call(m, x).values.grad_fn).__name__
    t, k = both(make)
    assert t == k


@pytest.mark.parametrize("chunks", [1, 2, 3])
@pytest.mark.parametrize("unsafe", [False, True])
def test_chunk_of_an_empty_dimension_gives_chunks_pieces(chunks, unsafe) -> None:
    # PyTorch: split_with_sizes([0] * chunks), so `chunks` empty pieces
    def make(m):
        x = m.zeros(3, 0, 2, requires_grad=True)
        pieces = x.unsafe_chunk(chunks, 1) if unsafe else m.chunk(x, chunks, 1)
        return [(tuple(p.shape), type(p.grad_fn).__name__) for p in pieces]
    t, k = both(make)
    assert t == k


def test_unbind_of_an_empty_dimension_with_grad() -> None:
    def make(m):
        x = m.zeros(0, 3, requires_grad=True)
        return x.unbind(0), m.unbind(x, -2), len(x.unbind(1))
    t, k = both(make)
    assert t == k


@pytest.mark.parametrize("name", ["cummax", "cummin"])
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_cummax_and_cummin_give_row_major_results(name, dim) -> None:
    def make(m):
        x = m.tensor(BASE).permute(2, 0, 1)
        out = getattr(m, name)(x, dim)
        return out.values, out.indices
    (tv, ti), (kv, ki) = both(make)
    assert_same_layout(tv, kv)
    assert_same_layout(ti, ki)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_hardsigmoid_gradient_multiplies_by_the_float32_sixth(dtype) -> None:
    # PyTorch's kernel: grad * (float)(1/6), in float64 too
    def make(m):
        x = m.tensor(np.linspace(-4, 4, 9), dtype=getattr(m, dtype), requires_grad=True)
        m.nn.functional.hardsigmoid(x).backward(m.tensor(np.linspace(-1.3, 2.9, 9),
                                                         dtype=getattr(m, dtype)))
        return x.grad.numpy()
    t, k = both(make)
    np.testing.assert_array_equal(t, k)
