"""The second tensor-API batch without PyTorch: gradients of the new rules (gradcheck in
float64), ``out=``, indexing keys, in-place methods, unique/isclose/finfo, seeded random
numbers (PyTorch's values, recorded), ``linalg``, and NaN in descending sorts."""

from __future__ import annotations

import warnings

import numpy
import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck


def _double(*shape: int) -> ak.Tensor:
    ak.manual_seed(1)
    return ak.randn(*shape, dtype=ak.float64).requires_grad_()


def test_scatter_family_gradients() -> None:
    x, src = _double(3, 4), _double(3, 4)
    idx = ak.tensor([[0, 1, 2, 0], [1, 2, 0, 1], [2, 0, 1, 2]])
    assert gradcheck(lambda a, b: a.scatter(0, idx, b), (x, src))
    assert gradcheck(lambda a, b: a.scatter_add(1, idx, b), (x, src))
    assert gradcheck(lambda a: a.scatter(1, idx, value=2.0), (x,))
    s = _double(2, 4)
    assert gradcheck(lambda a, b: a.index_add(0, ak.tensor([2, 2]), b, alpha=3), (x, s))
    v = ak.tensor(1.5, dtype=ak.float64, requires_grad=True)
    assert gradcheck(lambda a, b: a.index_fill(1, ak.tensor([0, 3]), b), (x, v))


def test_scatter_node_names_and_in_place() -> None:
    x = ak.zeros(2, 3, requires_grad=True)
    y = x * 1
    assert y.scatter_(1, ak.tensor([[2], [0]]), 7.0) is y
    assert type(y.grad_fn).__name__ == "ScatterBackward1" and y._version == 1
    assert y.tolist() == [[0, 0, 7], [7, 0, 0]]
    z = (x * 1).index_add_(0, ak.tensor([1]), ak.ones(1, 3))
    assert type(z.grad_fn).__name__ == "IndexAddBackward0"
    m = (x * 1).masked_fill_(ak.tensor([True, False, True]), -1.0)
    assert type(m.grad_fn).__name__ == "MaskedFillBackward0"
    m.sum().backward()
    assert x.grad.tolist() == [[0, 1, 0], [0, 1, 0]]


def test_elementwise_and_shape_changes_in_place() -> None:
    x = ak.tensor([[1.5, -2.5]], requires_grad=True)
    for name, node in (("abs_", "AbsBackward0"), ("floor_", "FloorBackward0"),
                       ("sign_", "SignBackward0"), ("reciprocal_", "ReciprocalBackward0")):
        y = x * 1
        assert getattr(y, name)() is y and type(y.grad_fn).__name__ == node
    y = x * 1
    y.unsqueeze_(0)
    assert y.shape == (1, 1, 2) and type(y.grad_fn).__name__ == "UnsqueezeBackward1"
    y.t_() if y.ndim == 2 else y.squeeze_()
    assert y.shape == (2,) and type(y.grad_fn).__name__ == "SqueezeBackward3"
    (y * ak.tensor([1.0, 2.0])).sum().backward()
    assert x.grad.tolist() == [[1, 2]]
    with pytest.raises(RuntimeError, match="leaf Variable"):
        x.transpose_(0, 1)


def test_out_keyword() -> None:
    a, b = ak.tensor([[1.0, 2.0], [3.0, 4.0]]), ak.ones(2, 2)
    y = ak.empty(0)
    assert ak.matmul(a, b, out=y) is y and y.tolist() == [[3, 3], [7, 7]]
    z = ak.zeros(2, 2)
    ak.mul(a, b, out=z)
    assert z.tolist() == a.tolist() and z._version == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ak.add(a, 1, out=ak.zeros(3))
    assert "was resized" in str(caught[0].message)
    with pytest.raises(RuntimeError, match="can't be cast"):
        ak.exp(a, out=ak.zeros(2, 2, dtype=ak.long))
    with pytest.raises(RuntimeError, match="Expected out tensor to have dtype float"):
        ak.mm(a, b, out=ak.zeros(2, 2, dtype=ak.float64))
    with pytest.raises(RuntimeError, match=r"^mul\(\): functions with out="):
        ak.multiply(a.requires_grad_(), b, out=z)


def test_indexing_keys() -> None:
    x = ak.arange(12.0).reshape(3, 4)
    assert x[range(3), ak.tensor([1, 0, 3])].tolist() == [1, 4, 11]
    assert x[(0, 1), (1, 2)].tolist() == [1, 6]
    assert x[[(0, 1), (1, 2)]].tolist() == [1, 6]
    assert x[[ak.tensor(1), ak.tensor(2)]].item() == 6
    with pytest.warns(UserWarning, match="uint8 is now deprecated"):
        assert x[ak.tensor([1, 0, 1], dtype=ak.uint8)].shape == (2, 4)
    with pytest.raises(IndexError, match="long, int, byte or bool"):
        x[ak.tensor([0], dtype=ak.int16)]


def test_unique_isclose_finfo() -> None:
    values, inverse, counts = ak.unique(ak.tensor([3, 1, 3]), return_inverse=True,
                                        return_counts=True)
    assert (values.tolist(), inverse.tolist(), counts.tolist()) == ([1, 3], [1, 0, 1], [1, 2])
    assert ak.unique(ak.tensor([[1, 2], [1, 2]]), dim=0).tolist() == [[1, 2]]
    assert ak.isclose(ak.tensor([1.0, float("nan")]), ak.tensor([1.0, float("nan")]),
                      equal_nan=True).tolist() == [True, True]
    assert ak.finfo(ak.float32).eps == 2.0 ** -23 and ak.finfo(ak.float16).max == 65504
    assert ak.iinfo(ak.int8).min == -128 and ak.iinfo(ak.uint8).bits == 8
    assert ak.ones(1).layout is ak.strided


def test_random_numbers_are_pytorchs() -> None:
    ak.manual_seed(0)
    weights = ak.tensor([0.1, 0.2, 0.3, 0.4])
    assert ak.multinomial(weights, 6, True).tolist() == [3, 3, 2, 3, 3, 3]
    assert ak.multinomial(weights, 4).tolist() == [3, 0, 1, 2]
    ak.manual_seed(0)
    assert ak.bernoulli(ak.full((8,), 0.5)).tolist() == [1, 0, 1, 1, 1, 0, 1, 0]
    drawn = ak.empty(3).exponential_().tolist()
    assert drawn == pytest.approx([1.0357054, 1.5661288, 0.1967526], rel=1e-6)


def test_linalg() -> None:
    a = ak.tensor([[2.0, 0.0], [1.0, 4.0]], dtype=ak.float64, requires_grad=True)
    assert ak.linalg.det(a).item() == 8.0
    assert ak.linalg.inv(a).tolist() == [[0.5, 0.0], [-0.125, 0.25]]
    assert gradcheck(ak.linalg.inv, (a,)) and gradcheck(ak.linalg.det, (a,))
    assert gradcheck(lambda t: ak.linalg.matrix_norm(t, 1), (a,))
    assert gradcheck(lambda t: ak.linalg.norm(t, dim=1), (a,))
    assert ak.linalg.vector_norm(ak.tensor([3.0, 0.0, 4.0]), 0).item() == 2
    with pytest.raises(ak.linalg.LinAlgError, match="singular"):
        ak.linalg.inv(ak.tensor([[1.0, 2.0], [2.0, 4.0]]))


def test_descending_sort_puts_nan_first_and_sigmoid_underflows() -> None:
    t = ak.tensor([1.0, float("nan"), 3.0])
    assert t.argsort(descending=True).tolist() == [1, 2, 0]
    assert t.topk(1).indices.tolist() == [1]
    assert ak.sigmoid(ak.tensor([-100.0])).item() == 0.0
    with pytest.raises(ValueError, match="negative strides"):
        ak.from_numpy(numpy.arange(3.0)[::-1])
