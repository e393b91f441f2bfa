"""The cheaper fixed steps of every backward give what the general ones give.

``loss.backward()`` on one CPU float root skips the general checks of its starting gradient
(engine.root_gradients); drain silences NumPy's warnings with ``errstate`` (and restores the
caller's settings); a rule's extra trailing Nones are dropped; saved values are unpacked in
one loop. Same results as before, and as PyTorch.
"""

from __future__ import annotations

import warnings

import numpy
import pytest

import autograd_kit as ak
from autograd_kit.engine import root_gradients


@pytest.mark.parametrize("dtype", [ak.float16, ak.float32, ak.float64])
@pytest.mark.parametrize("shape", [(), (1,), (1, 1)])
def test_implicit_root_gradient_is_ones_like_the_root(dtype: ak.dtype,
                                                       shape: tuple[int, ...]) -> None:
    root = ak.ones(shape, dtype=dtype, requires_grad=True) * 2
    assert root.shape == shape
    (start,) = root_gradients([root], None)
    expected = numpy.ones_like(root._data)
    assert start._data.dtype == expected.dtype and start._data.shape == expected.shape
    assert start._data.strides == expected.strides and start._data.base is None
    assert (start._data == 1).all() and start.grad_fn is None and not start.requires_grad


def test_implicit_root_gradient_keeps_the_general_errors() -> None:
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        (ak.ones(2, requires_grad=True) * 2).backward()
    with pytest.raises(RuntimeError, match="does not require grad"):
        ak.ones(()).backward()
    with pytest.raises(AssertionError, match="Expected output"):
        root_gradients([1.0], None)


def test_backward_silences_numpy_and_restores_the_callers_settings() -> None:
    x = ak.tensor(0.0, requires_grad=True)
    before = numpy.geterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x.sqrt().backward()  # the rule divides by zero: inf, silently (as PyTorch)
    assert x.grad.item() == float("inf")
    assert numpy.geterr() == before


def test_chain_of_mul_and_add_matches_the_formula() -> None:
    x = ak.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(50):
        y = y * 1.5 + 0.25
    y.backward()
    assert x.grad.item() == pytest.approx(1.5 ** 50)
    assert y.grad_fn.next_functions[1] == (None, 0)  # the number has no edge


def test_tensor_backward_runs_the_engines_backward(monkeypatch: pytest.MonkeyPatch) -> None:
    from autograd_kit import engine

    calls = []
    monkeypatch.setattr(engine, "backward", lambda *args, **kwargs: calls.append(args))
    x = ak.tensor(2.0, requires_grad=True)
    (x * 3).backward()
    assert len(calls) == 1 and x.grad is None
