"""Copying and pickling tensors: the values and requires_grad travel, the graph never does."""

from __future__ import annotations

import copy
import pickle

import pytest

import autograd_kit as ak


def test_pickle_keeps_values_and_requires_grad_after_the_tensor_was_used():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    (x * 2).sum().backward()  # x now has an AccumulateGrad node (a weak reference)
    back = pickle.loads(pickle.dumps(x))
    assert back.tolist() == [1.0, 2.0] and back.requires_grad and back.is_leaf
    assert back.grad is None


def test_deepcopy_of_a_leaf_copies_memory_and_grad():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    (x * 2).sum().backward()
    twin = copy.deepcopy(x)
    assert twin.grad.tolist() == [2.0, 2.0] and twin.requires_grad
    with ak.no_grad():
        twin.add_(1)
    assert x.tolist() == [1.0, 2.0]


def test_deepcopy_of_a_non_leaf_is_refused_as_in_pytorch():
    x = ak.tensor([1.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="Only Tensors created explicitly by the user"):
        copy.deepcopy(x * 2)


def test_dtypes_pickle_by_name():
    for d in (ak.bool, ak.float32, ak.int64):
        assert pickle.loads(pickle.dumps(d)) is d
