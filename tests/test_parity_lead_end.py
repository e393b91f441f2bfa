"""Three PyTorch details found by the parity sweeps: ``div(…, rounding_mode=None)`` records
DivBackward2, ``float()`` of a many-element tensor that requires grad warns before its
ValueError, and nonzero's (n, ndim) result is laid out column by column (``as_tuple`` gives its
columns as views)."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak
from autograd_kit import scalar_warning


def test_div_given_no_rounding_mode_is_divbackward2() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0, 4.0])
    given = a.div(b, rounding_mode=None)
    assert given.grad_fn.name() == "DivBackward2" and given.grad_fn._saved_rounding_mode is None
    assert ak.div(a, b, rounding_mode=None).grad_fn.name() == "DivBackward2"
    assert a.divide(2.0, rounding_mode=None).grad_fn.name() == "DivBackward2"
    assert (a / b).grad_fn.name() == "DivBackward0" and a.div(b).grad_fn.name() == "DivBackward0"
    assert given.tolist() == (a / b).tolist()
    given.sum().backward()
    assert a.grad.tolist() == pytest.approx([1 / 3, 1 / 4])
    c = a.clone()
    c.div_(b, rounding_mode=None)
    assert c.grad_fn.name() == "DivBackward2"


def test_float_of_many_values_warns_first() -> None:
    scalar_warning.forget()  # (the warning comes once per process)
    t = ak.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError, match="only one element tensors"):
            float(t)
    assert any("requires_grad=True to a scalar" in str(w.message) for w in caught)


def test_nonzero_is_laid_out_column_by_column() -> None:
    x = ak.tensor([[0.0, 1.0], [2.0, 0.0], [3.0, 3.0]])
    found = x.nonzero()
    assert found.tolist() == [[0, 1], [1, 0], [2, 0], [2, 1]]
    assert found.stride() == (1, 4) and not found.is_contiguous()
    rows, cols = x.nonzero(as_tuple=True)
    assert rows.tolist() == [0, 1, 2, 2] and cols.tolist() == [1, 0, 0, 1]
    assert rows._base is not None and rows.stride() == (1,)
    assert [t.tolist() for t in ak.where(x > 2)] == [[2, 2], [0, 1]]
    assert [t.tolist() for t in ak.tensor(5.0).nonzero(as_tuple=True)] == [[0]]


def test_the_same_as_pytorch() -> None:
    torch = pytest.importorskip("torch")
    for lib in (torch, ak):
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        assert a.div(lib.tensor([3.0, 4.0]), rounding_mode=None).grad_fn.name() == "DivBackward2"
        x = lib.tensor([[0.0, 1.0], [2.0, 0.0], [3.0, 3.0]])
        assert x.nonzero().stride() == (1, 4)
        assert all(t._base is not None for t in x.nonzero(as_tuple=True))
