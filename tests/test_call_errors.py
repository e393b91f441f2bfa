"""A call that does not fit a method's arguments gets PyTorch's TypeError (call_errors.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
import pytest

import autograd_kit as ak

CASES: list[tuple[str, Callable[[Any], Any], str]] = [
    ("missing one", lambda t: t.ones(2, 3).softmax(),
     'softmax() missing 1 required positional arguments: "dim"'),
    ("missing, function", lambda t: t.cumsum(t.ones(2, 3)),
     'cumsum() missing 1 required positional arguments: "dim"'),
    ("missing two", lambda t: t.ones(2, 3).index_select(),
     'index_select() missing 2 required positional argument: "dim", "index"'),
    ("missing before an unknown keyword", lambda t: t.ones(2, 3).cumsum(dims=0),
     'cumsum() missing 1 required positional arguments: "dim"'),
    ("unknown keyword", lambda t: t.ones(2, 3).softmax(1, foo=2),
     "softmax() got an unexpected keyword argument 'foo'"),
    ("too many", lambda t: t.ones(2, 3).softmax(1, t.float32, 3),
     "softmax() takes from 1 to 2 positional arguments but 3 were given"),
    ("keepdim by position", lambda t: t.ones(2, 3).sum(1, 2),
     "sum(): argument 'keepdim' (position 2) must be bool, not int"),
    ("keepdim by name", lambda t: t.ones(2, 3).sum(dim=1, keepdim=2),
     "sum(): argument 'keepdim' must be bool, not int"),
    ("keepdim of a function", lambda t: t.sum(t.ones(2, 3), 1, 2),
     "sum(): argument 'keepdim' (position 3) must be bool, not int"),
    ("keepdim a NumPy bool", lambda t: t.ones(2, 3).max(1, numpy.bool_(True)),
     "max(): argument 'keepdim' (position 2) must be bool, not numpy.bool"),
]


@pytest.mark.parametrize("call, message", [(c, m) for _, c, m in CASES],
                         ids=[name for name, _, _ in CASES])
def test_pytorchs_words(call: Callable[[Any], Any], message: str) -> None:
    with pytest.raises(TypeError) as error:
        call(ak)
    assert str(error.value) == message


@pytest.mark.parametrize("call, message", [(c, m) for _, c, m in CASES],
                         ids=[name for name, _, _ in CASES])
def test_the_same_words_as_pytorch(call: Callable[[Any], Any], message: str) -> None:
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError) as error:
        call(torch)
    assert str(error.value).splitlines()[0] == message


def test_calls_that_fit_are_unchanged() -> None:
    x = ak.ones(2, 3)
    assert x.sum(1, True).shape == (2, 1) and x.sum(axis=1, keepdims=True).shape == (2, 1)
    assert ak.sum(x, 1, True).shape == (2, 1) and x.softmax(1).shape == (2, 3)
    with pytest.raises(TypeError, match="split_size"):  # PyTorch's Python method: Python's words
        x.split()


def test_an_error_from_inside_the_method_keeps_its_message() -> None:
    with pytest.raises(IndexError, match="Dimension out of range"):
        ak.ones(2, 3).softmax(5)
