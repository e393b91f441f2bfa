"""Error parity with PyTorch: a dim or a count that is no int, max(dim=None), a custom
Function's unknown keyword, reshape's arguments, which error comes first on a leaf, and what
ldexp / nextafter save for backward. Each case runs live against PyTorch ('torch' in its
messages read as 'autograd_kit')."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _error(call: Callable[[], Any]) -> tuple[str, str]:
    try:
        call()
    except Exception as error:  # noqa: BLE001 (the type is what is compared)
        return type(error).__name__, str(error).replace("torch", "autograd_kit")
    return "no error", ""


def _same_error(case: Callable[[Any], Any]) -> None:
    """``case(module)`` raises the same error with the kit as with PyTorch."""
    expected = _error(lambda: case(torch))
    assert expected[0] != "no error"
    assert _error(lambda: case(ak)) == expected


@pytest.mark.parametrize("case", [
    lambda m: m.topk(m.ones(2, 3), 2.0),
    lambda m: m.topk(m.ones(2, 3), k=2.0),
    lambda m: m.topk(m.ones(2, 3), 1, 0.5),
    lambda m: m.chunk(m.ones(2, 3), 2.0),
    lambda m: m.chunk(m.ones(2, 3), 2, 1.0),
    lambda m: m.kthvalue(m.ones(2, 3), 1.0),
    lambda m: m.kthvalue(m.ones(2, 3), 1, 0.5),
])
def test_count_or_dim_no_int_in_function_forms(case: Callable[[Any], Any]) -> None:
    _same_error(case)
