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


def _error_of(action: Any) -> tuple[type, str]:
    try:
        action()
    except Exception as error:  # noqa: BLE001  (compared whatever it is)
        return type(error), str(error)
    return type(None), ""


def _identity(lib: Any) -> type:
    class Same(lib.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            return x

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g

    return Same


VIEWS = [lambda y: y[0], lambda y: y[1:], lambda y: y.view(2, 2), lambda y: y.view(2, 2).t(),
         lambda y: y]


@pytest.mark.parametrize("view", VIEWS)
def test_a_view_of_a_custom_functions_view_is_not_changed_in_place(view: Any) -> None:
    errors = []
    for lib in (ak, torch):
        y = _identity(lib).apply(lib.ones(4, requires_grad=True) * 1)
        errors.append(_error_of(lambda y=y: view(y).add_(1)))
    assert errors[0] == errors[1] and errors[0][0] is RuntimeError


@pytest.mark.parametrize("view", VIEWS[:4])
def test_a_view_of_a_no_grad_view_is_not_changed_in_place(view: Any) -> None:
    errors = []
    for lib in (ak, torch):
        y = lib.ones(4, requires_grad=True) * 1
        with lib.no_grad():
            v = y[:]
        errors.append(_error_of(lambda v=v: view(v).mul_(2)))
    assert errors[0] == errors[1] and errors[0][0] is RuntimeError
