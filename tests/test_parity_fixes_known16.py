"""Known mismatches with PyTorch, fixed and compared live: reductions' argument checks, clamp's
bounds, and more (see each test's docstring)."""

from __future__ import annotations

from typing import Any

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402


def _outcome(library: Any, code: str, **names: Any) -> tuple[str, str]:
    """What ``code`` gives with ``lib`` the library (and ``names`` made by it): its result's
    repr or its exception's type and message, with the library's name read as 'torch'."""
    scope = {"lib": library, "x": library.tensor([1.0, 2.0, 4.0])}
    scope.update({k: v(library) for k, v in names.items()})
    try:
        result = eval(code, scope)
    except Exception as error:  # noqa: BLE001 (any error is compared)
        return type(error).__name__, str(error).replace("autograd_kit", "torch")
    return "ok", repr(result).replace("autograd_kit", "torch")


def _same(code: str, **names: Any) -> None:
    assert _outcome(ak, code, **names) == _outcome(torch, code, **names)


@pytest.mark.parametrize("code", [
    "x.sum(keepdim=True, dtype=lib.float64)", "x.sum(dtype=lib.float64, keepdim=False)",
    "x.sum(keepdim=True, dtype=None)", "x.mean(keepdim=True, dtype=lib.float64)",
    "x.prod(keepdim=True, dtype=lib.float64)", "x.prod(keepdim=False, dtype=None)",
    "lib.sum(x, keepdim=True, dtype=lib.float64)", "lib.prod(x, keepdim=True, dtype=None)",
    "x.sum(keepdim=True)", "lib.mean(x, keepdim=True)",
    "x.prod()", "x.prod(dtype=lib.float64)", "x.prod(0, keepdim=True, dtype=lib.float64)",
    "x.sum(dtype=lib.float64)", "x.sum(dim=0, keepdim=True, dtype=lib.float64)",
    "x.mean(dtype=lib.float64)", "lib.prod(x)", "lib.prod(x, dtype=lib.float64)",
])
def test_keepdim_and_dtype_without_dim(code: str) -> None:
    """PyTorch's parser: keepdim= and dtype= without a dim fit only the form with a dim, whose
    dim is missing (the kit reduced everything); the kit's own x.prod() still works."""
    _same(code)
