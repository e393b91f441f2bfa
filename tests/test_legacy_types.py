"""PyTorch's legacy tensor types (``FloatTensor([1, 2])``, ``Tensor(2, 3)``), as old tutorials
use them."""

from __future__ import annotations

import pytest

import autograd_kit as ak


@pytest.mark.parametrize("name, dtype", [
    ("FloatTensor", ak.float32), ("DoubleTensor", ak.float64), ("LongTensor", ak.int64),
    ("IntTensor", ak.int32), ("BoolTensor", ak.bool), ("ByteTensor", ak.uint8),
])
def test_legacy_type_makes_tensors_of_its_dtype(name, dtype):
    legacy = getattr(ak, name)
    made = legacy([1, 0])
    assert made.dtype == dtype and made.tolist() == [1, 0]  # [True, False] == [1, 0] too
    assert legacy(2, 3).shape == (2, 3) and legacy(2, 3).dtype == dtype
    assert legacy().shape == (0,)
    assert isinstance(made, legacy) and not isinstance(made.to(ak.float16), legacy)
    assert repr(legacy) == f"<class 'autograd_kit.{name}'>"


def test_legacy_values_and_conversions():
    assert ak.LongTensor([1.7, 2.0]).tolist() == [1, 2]  # truncated, as in PyTorch
    assert ak.tensor([1, 2]).type(ak.FloatTensor).dtype == ak.float32
    assert ak.ones(1).type(ak.DoubleTensor).dtype == ak.float64
    assert ak.Tensor(2, 3).shape == (2, 3) and ak.Tensor([1, 2]).dtype == ak.float32
    assert ak.Tensor(ak.Size([2])).shape == (2,) and ak.Tensor().shape == (0,)
    with pytest.warns(DeprecationWarning):
        v = ak.autograd.Variable(ak.FloatTensor([1, 2]), requires_grad=True)
    assert v.requires_grad and v.tolist() == [1.0, 2.0]


@pytest.fixture
def float64_default():
    ak.set_default_dtype(ak.float64)
    try:
        yield
    finally:
        ak.set_default_dtype(ak.float32)


def test_set_default_dtype_changes_what_floats_become(float64_default):
    assert ak.get_default_dtype() == ak.float64
    assert ak.tensor([1.5]).dtype == ak.float64 and repr(ak.tensor([1.5])) == "tensor([1.5000])"
    assert repr(ak.tensor([1.5], dtype=ak.float32)) == (
        "tensor([1.5000], dtype=autograd_kit.float32)")
    for made in (ak.ones(2), ak.arange(0.0, 2), ak.linspace(0, 1, 3), ak.eye(2), ak.randn(2),
                 ak.tensor([1, 2]) / 2, ak.tensor([1, 2]) * 1.5, ak.Tensor([1]),
                 ak.nn.Linear(2, 1).weight):
        assert made.dtype == ak.float64
    assert ak.tensor([1]).float().dtype == ak.float32


def test_set_default_dtype_accepts_only_floating_types():
    with pytest.raises(TypeError, match="only floating-point types are supported"):
        ak.set_default_dtype(ak.int64)
    assert ak.get_default_dtype() == ak.float32
