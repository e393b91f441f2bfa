"""Parity sweep: the node PyTorch records for an op without a derivative.

PyTorch 2.13 names it ``torch::autograd::NotImplemented`` (``name()``; the type's own name
is ``NotImplemented``). Made by its "not implemented" fallback (floor_divide, heaviside,
scatter with ``reduce=``, histogram) it has an edge only for each input that requires grad:
``(a * 1) // b`` with a plain ``b`` has one edge, where the kit listed a second ``(None, 0)``.
``set_`` has its own node, which keeps both edges.

Kit-only assertions first; the comparison with PyTorch itself is at the end."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pytest

import autograd_kit as ak

CPP = "torch::autograd::NotImplemented"


def edges(y: Any) -> list[tuple[str | None, int]]:
    """``y.grad_fn.next_functions`` as (node type name, output number) pairs."""
    return [(type(f).__name__ if f is not None else None, i)
            for f, i in y.grad_fn.next_functions]


def test_floor_divide_has_edges_only_to_inputs_requiring_grad() -> None:
    a = ak.tensor([0.5, 3.0], requires_grad=True)
    b = ak.tensor([2.0, 2.0])
    c = ak.tensor([2.0, 3.0], requires_grad=True)
    assert edges(a // b) == [("AccumulateGrad", 0)]
    assert edges(b // a) == [("AccumulateGrad", 0)]
    assert edges(a // c) == [("AccumulateGrad", 0), ("AccumulateGrad", 0)]
    y = a * 1
    y //= b
    assert y.grad_fn.name() == CPP
    assert edges(y) == [("MulBackward0", 0)]
    with pytest.raises(RuntimeError, match="derivative for aten::floor_divide is not implemented"):
        (a // b).sum().backward()


def test_number_remainder_and_heaviside_are_named_as_cpp_nodes() -> None:
    a = ak.tensor([0.5, -3.0], requires_grad=True)
    b = ak.tensor([2.0, 2.0])
    for y in (2 % a, ak.remainder(2, a), ak.heaviside(a, b), ak.heaviside(b, a)):
        assert y.grad_fn.name() == CPP
        assert type(y.grad_fn).__name__ == "NotImplemented"
        assert edges(y) == [("AccumulateGrad", 0)]
    with pytest.raises(RuntimeError, match="derivative for aten::heaviside is not implemented"):
        ak.heaviside(b, a).sum().backward()


def test_scatter_with_reduce_histogram_and_set() -> None:
    a = ak.tensor([0.5, -3.0], requires_grad=True)
    b = ak.tensor([2.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        y = (b * 1).scatter(0, ak.tensor([0]), a, reduce="add")
    assert (y.grad_fn.name(), edges(y)) == (CPP, [("AccumulateGrad", 0)])
    h = ak.histogram(ak.tensor([0.5, -3.0, 1.0], requires_grad=True), bins=3)
    assert (h.hist.grad_fn.name(), edges(h.hist)) == (CPP, [("AccumulateGrad", 0)])
    y = b * 1
    y.set_(a * 2)
    assert (y.grad_fn.name(), edges(y)) == (CPP, [(None, 0), ("MulBackward0", 0)])


def test_histogram_of_a_tensor_requiring_grad_does_not_use_up_the_scalar_warning() -> None:
    """PyTorch warns once per process when a tensor requiring grad becomes a number
    (``float(loss)``); the kit's histogram read its range with float() and spent it."""
    from autograd_kit import scalar_warning

    scalar_warning.forget()
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        ak.histogram(ak.tensor([0.5, -3.0, 1.0], requires_grad=True), bins=3)
        float(ak.tensor(2.0, requires_grad=True) * 1)
    assert [str(w.message).splitlines()[0] for w in seen] == [
        "Converting a tensor with requires_grad=True to a scalar may lead to unexpected "
        "behavior."]


# ---- against PyTorch itself ----------------------------------------------------------------

CASES: list[Callable[[Any, Any, Any, Any], Any]] = [
    lambda T, a, b, c: a // b, lambda T, a, b, c: b // a, lambda T, a, b, c: a // c,
    lambda T, a, b, c: 2 // a, lambda T, a, b, c: 2 % a, lambda T, a, b, c: T.heaviside(a, b),
    lambda T, a, b, c: T.heaviside(b, a), lambda T, a, b, c: T.heaviside(a, c),
    lambda T, a, b, c: T.floor_divide(a, 2.0),
]  # (not scatter with reduce=: PyTorch's deprecation warning comes once per process, and
#   other tests compare it)


@pytest.mark.parametrize("case", range(len(CASES)))
def test_not_implemented_nodes_match_pytorch(case: int) -> None:
    torch = pytest.importorskip("torch")

    def run(T: Any) -> tuple[str, list[tuple[str | None, int]]]:
        a = T.tensor([0.5, -3.0], requires_grad=True)
        b = T.tensor([2.0, 2.0])
        c = T.tensor([1.0, 3.0], requires_grad=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y = CASES[case](T, a, b, c)
        return y.grad_fn.name(), edges(y)

    assert run(ak) == run(torch)
