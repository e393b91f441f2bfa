"""Fixes made by the lead this session, each compared with PyTorch live."""

from __future__ import annotations

from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _marking(lib: Any, mode: str, value: Any) -> type:
    class Marks(lib.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            getattr(ctx, mode)(value(x))
            return x * 2

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g

    return Marks


@pytest.mark.parametrize("mode", ["mark_non_differentiable", "mark_dirty"])
@pytest.mark.parametrize("requires_grad", [True, False])
@pytest.mark.parametrize("value", [lambda x: 3, lambda x: None, lambda x: "a"])
def test_marking_a_value_that_is_no_tensor_is_refused_as_pytorch(
        mode: str, requires_grad: bool, value: Any) -> None:
    errors = []
    for lib in (ak, torch):
        with pytest.raises(Exception) as caught:
            _marking(lib, mode, value).apply(lib.ones(2, requires_grad=requires_grad))
        errors.append((type(caught.value), str(caught.value)))
    assert errors[0] == errors[1]


def test_sum_and_mean_methods_keep_pytorchs_argument_errors() -> None:
    """x.sum()/x.mean() skip the function's second check (the method's has run)."""
    for call in (lambda t: t.sum(0, keepdim=1), lambda t: t.sum(1.5), lambda t: t.mean("a"),
                 lambda t: t.mean(0, 1), lambda t: t.sum(axis=0, keepdims=2)):
        errors = []
        for lib in (ak, torch):
            with pytest.raises(TypeError) as caught:
                call(lib.ones(2, 3))
            errors.append(str(caught.value).replace("torch.", "").replace("autograd_kit.", ""))
        assert errors[0] == errors[1]
