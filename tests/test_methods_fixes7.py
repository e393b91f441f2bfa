"""Kit-only checks of Tensor-method and creation-argument fixes (round 7), each asserting
what PyTorch was observed to do."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak

_OPTIONS = ("*, Tensor out = None, autograd_kit.dtype dtype = None, autograd_kit.layout layout = "
            "None, autograd_kit.device device = None, bool pin_memory = False, bool requires_grad "
            "= False")


def _message(call) -> str:
    with pytest.raises(TypeError) as caught:
        call()
    return str(caught.value)


def test_arange_with_a_string_dtype_is_an_invalid_combination() -> None:
    text = _message(lambda: ak.arange(3, dtype="int64"))
    assert text.startswith("arange() received an invalid combination of arguments - got "
                           "(int, dtype=str), but expected one of:\n * (Number end, " + _OPTIONS)
    assert "(Number start, Number end, *, autograd_kit.dtype dtype = None" in text
    assert text.endswith(f"(Number start, Number end, Number step = 1, {_OPTIONS})\n")
    assert "got (int, int, int, dtype=str)" in _message(lambda: ak.arange(0, 3, 1, dtype="int64"))
    assert "got (dtype=str, end=int, )" in _message(lambda: ak.arange(end=3, dtype="int64"))
    assert "got (int, dtype=type)" in _message(lambda: ak.arange(3, dtype=np.int64))


@pytest.mark.parametrize("name, call, got", [
    ("randn", lambda: ak.randn(2, dtype="float64"), "(int, dtype=str)"),
    ("randn", lambda: ak.randn((2, 3), dtype="float64"), "(tuple, dtype=str)"),
    ("rand", lambda: ak.rand(2, 3, dtype="float32"), "(int, int, dtype=str)"),
    ("randn", lambda: ak.randn(size=(2,), dtype="float64"), "(dtype=str, size=tuple, )"),
    ("eye", lambda: ak.eye(2, 3, dtype="float32"), "(int, int, dtype=str)"),
    ("linspace", lambda: ak.linspace(0., 1., 3, dtype="float32"), "(float, float, int, dtype=str)"),
    ("logspace", lambda: ak.logspace(0., 1., 3, dtype="float32"), "(float, float, int, dtype=str)"),
    ("randint", lambda: ak.randint(3, (2,), dtype="int64"), "(int, tuple, dtype=str)"),
    ("randperm", lambda: ak.randperm(3, dtype="int64"), "(int, dtype=str)"),
    ("normal", lambda: ak.normal(0., 1., (2,), dtype="float64"),
     "(float, float, tuple, dtype=str)"),
    ("normal", lambda: ak.normal(ak.zeros(2), 1., dtype=ak.float64),
     "(Tensor, float, dtype=autograd_kit.dtype)"),
])
def test_string_dtypes_match_no_signature(name, call, got) -> None:
    assert _message(call).startswith(
        f"{name}() received an invalid combination of arguments - got {got}, but expected one of:")


def test_generator_signatures_come_first() -> None:
    text = _message(lambda: ak.randperm(3, dtype="int64"))
    assert text.endswith(
        "\n * (int n, *, autograd_kit.Generator generator, Tensor out = None, autograd_kit.dtype "
        "dtype = None, autograd_kit.layout layout = None, autograd_kit.device device = None, bool "
        f"pin_memory = False, bool requires_grad = False)\n * (int n, {_OPTIONS})\n")


def test_real_dtypes_and_size_keyword_still_work() -> None:
    ak.manual_seed(0)
    assert ak.randn(size=(2,)).tolist() == pytest.approx([1.5410, -0.2934], abs=1e-4)
    assert ak.rand(size=[2, 3]).shape == (2, 3)
    assert ak.eye(2, dtype=int).dtype is ak.int64
    assert ak.arange(end=3).tolist() == [0, 1, 2]
    assert ak.arange(0, 3, 1, dtype=ak.float64).dtype is ak.float64
    assert ak.randperm(4, dtype=ak.int32).dtype is ak.int32
    with pytest.raises(TypeError, match=r"^zeros\(\): argument 'dtype' must be autograd_kit.dtype"):
        ak.zeros(2, dtype="float32")
