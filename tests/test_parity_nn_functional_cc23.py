"""Parity with PyTorch for nn.functional calls and nn.init: values, gradients, graph names,
saved values, and errors with their messages, compared live with PyTorch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def outcome(lib: Any, run: Callable[[Any], Any]) -> Any:
    """What ``run(lib)`` gives: its result, or the error's type name and message."""
    try:
        return run(lib)
    except Exception as error:  # noqa: BLE001 (the error is what is compared)
        return type(error).__name__, str(error)


def same_outcome(run: Callable[[Any], Any]) -> None:
    """``run`` gives the same with PyTorch as with the kit (plain values, or an error)."""
    assert outcome(ak, run) == outcome(torch, run)


# ---- embedding --------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(3,), (3, 2, 2), ()])
@pytest.mark.parametrize("how", ["functional", "max_norm", "operator"])
def test_embedding_weight_must_be_a_matrix(shape: tuple[int, ...], how: str) -> None:
    def run(lib: Any) -> Any:
        weight, indices = lib.ones(shape), lib.tensor([1])
        if how == "operator":
            return lib.embedding(weight, indices).tolist()
        kw = {"max_norm": 1.0} if how == "max_norm" else {}
        return lib.nn.functional.embedding(indices, weight, **kw).tolist()
    same_outcome(run)
