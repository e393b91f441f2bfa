"""Argument checks that match PyTorch's: keepdim by name without a dim (sum, mean, prod, std,
var), compared live with PyTorch's exception types and messages."""

from __future__ import annotations

from typing import Any

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402


def _outcome(library: Any, code: str) -> tuple[str, str]:
    """What ``code`` (with ``x`` a 2x3 tensor of ``library``) gives: its result's repr or its
    exception's type and message, with the library's name read as 'torch'."""
    x = library.ones(2, 3)
    try:
        result = eval(code, {"x": x, "lib": library})
    except Exception as error:  # noqa: BLE001 (any error is compared)
        return type(error).__name__, str(error).replace("autograd_kit.", "torch.")
    return "ok", repr(result).replace("autograd_kit.", "torch.")


def _same(code: str) -> None:
    assert _outcome(ak, code) == _outcome(torch, code)


@pytest.mark.parametrize("code", [
    "x.sum(keepdim=1)", "x.sum(keepdim=True)", "x.mean(keepdim=True)", "x.mean(keepdim=1)",
    "x.prod(keepdim=True)", "x.prod(keepdim=0)", "x.amax(keepdim=True)", "x.amax(keepdim=1)",
    "x.logsumexp(keepdim=True)", "x.std(keepdim=True)", "x.var(keepdim=True)",
    "x.std(keepdim=1)", "x.var(keepdim=1)", "lib.sum(x, keepdim=True)",
    "lib.mean(x, keepdim=1)", "lib.prod(x, keepdim=True)",
    "x.sum(dim=0, keepdim=True)", "x.sum(0, keepdim=True)", "x.prod(dim=1, keepdim=True)",
])
def test_keepdim_by_name_without_dim(code: str) -> None:
    _same(code)


def _norm_outcome(library: Any, code: str) -> tuple[str, ...]:
    """``code``'s result (a norm of a fixed 2x3x4 tensor of ``library``), as its dtype, its
    values' bytes as float64 and its shape, or its exception."""
    import numpy

    data = numpy.linspace(-3.0, 2.5, 24, dtype=numpy.float32).reshape(2, 3, 4)
    x = library.tensor(data)
    try:
        r = eval(code, {"x": x, "lib": library})
    except Exception as error:  # noqa: BLE001 (any error is compared)
        return type(error).__name__, str(error).replace("autograd_kit.", "torch.")
    values = numpy.asarray(r.detach().tolist(), dtype=numpy.float64)
    return str(r.dtype).replace("autograd_kit.", "torch."), str(tuple(r.shape)), str(
        numpy.round(values, 5).tolist())


@pytest.mark.parametrize("code", [
    "x.norm(2, 0, dtype=lib.float64)", "x.norm()", "x.norm(dtype=lib.float64)",
    "x.norm(1)", "x.norm(1, 1)", "x.norm(3, (0, 2), True)", "x.norm(float('inf'), 2)",
    "x.norm('fro', (1, 2))", "x.norm('nuc', (1, 2))", "x.norm(p=0, dim=1)",
    "x.norm(None, 1)", "x.norm(2, dim=-1, keepdim=True, dtype=lib.float64)",
    "x.norm(dim=0)",
])
def test_tensor_norm_defaults_and_dtype(code: str) -> None:
    assert _norm_outcome(ak, code) == _norm_outcome(torch, code)


@pytest.mark.parametrize("code", [
    "x.view(shape=(2, 3))", "x.view(sizes=6)", "x.view(shape=(2, 3), dtype=lib.float32)",
    "x.view(dtype=lib.float32, shape=(2, 3))", "x.view(6, shape=1)", "x.view(2, 3, shape=1)",
    "x.view(size=6, shape=2)", "x.view(a=1, b=2, c=3.0)", "x.view(size=(3, 2))",
    "x.view(dtype=lib.int32).dtype", "x.view()", "x.view(3, size=(2, 3))",
])
def test_view_with_unknown_keywords(code: str) -> None:
    _same(code)


@pytest.mark.parametrize("method", ["clamp", "clamp_", "clip"])
@pytest.mark.parametrize("arguments", [
    "min='a'", "'a'", "max='a'", "0, 'a'", "min=None, max=[1]", "max=[1], min=None",
    "min=1, max=x", "min=x, max=1", "0, x", "min=(1,)", "0, max='a'", "min=True",
    "min=0.5", "max=0.5", "0.2, 0.7", "min=lib.tensor(0.5), max=1", "x, x", "min=x * 0.5",
])
def test_clamp_bounds_that_fit_no_form(method: str, arguments: str) -> None:
    _same(f"x.{method}({arguments})")


@pytest.mark.parametrize("arguments", [
    "x, min='a'", "x, 'a'", "x, 0, 'a'", "x, min=0, max='a'", "x, max=[1]", "x, 0.5",
    "x, min=x, max=1", "x, min=0.2, max=0.7",
])
def test_clamp_function_bounds_that_fit_no_form(arguments: str) -> None:
    _same(f"lib.clamp({arguments})")
