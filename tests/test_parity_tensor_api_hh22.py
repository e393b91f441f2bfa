"""Live comparison with PyTorch: tensors, views, indexing, creation and printing, as
learners use them (snippets run once with PyTorch and once with the kit, outcomes compared)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


# Indexing with integer arrays lays its result out by TensorIterator's order, and every
# dimension gets the stride of the dimensions inside it, size-1 ones included:
# x[:, [1]] of a (2, 3, 4) tensor has strides (4, 4, 1), where NumPy's result has (4, 8, 1).
INDEX_STRIDES = [
    "x = T.arange(24.).view(2, 3, 4); y = x[:, [1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[:, :, [2]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[:, [0], [2]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(1, 3, 8); y = x[:, [0, 1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[:, T.tensor([[0]]), 1:]; out += [y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[None, [0, 1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[[1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4).transpose(0, 2); y = x[:, [0]]; out += [y.stride()]",
    "x = T.arange(6.).view(3, 2).t()[:, None]; y = x * 2; out += [y.shape, y.stride()]",
    "x = T.arange(6.).view(3, 2).t().unsqueeze(0); y = x + 1; out += [y.shape, y.stride()]",
]


@pytest.mark.parametrize("code", INDEX_STRIDES)
def test_index_result_strides(code):
    assert_same(torch, ak, code)
