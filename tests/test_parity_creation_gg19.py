"""Tensor creation and conversion as a learner meets them, compared with PyTorch live."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(make: Any, lib: Any) -> tuple[Any, ...]:
    """What ``make(lib)`` gives: the tensor's dtype, shape and values, or the error."""
    try:
        value = make(lib)
    except Exception as error:  # noqa: BLE001 - the error is what is compared
        return ("error", type(error).__name__, str(error).replace("autograd_kit", "torch"))
    return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape),
            value.requires_grad, value.tolist())


def _same(make: Any) -> None:
    assert _outcome(make, ak) == _outcome(make, torch)


@pytest.mark.parametrize("make", [
    lambda t: t.zeros(size=2),
    lambda t: t.ones(size=2.5),
    lambda t: t.empty(size=(2.5,)),
    lambda t: t.zeros(size=[2.5]),
    lambda t: t.zeros(size=(2, 2.5)),
    lambda t: t.zeros(size=np.int64(2)),
    lambda t: t.zeros(size=(True,)),
    lambda t: t.ones(size=(2, 3)),
    lambda t: t.ones(size=[]),
    lambda t: t.zeros(size=(np.int64(2),)),
    lambda t: t.rand(size=2),
    lambda t: t.randn(size=(2.5,)),
    lambda t: t.rand(size=(2, 3)).zero_(),
    lambda t: t.tensor([1]).new_zeros(size=2),
    lambda t: t.tensor([1]).new_ones(size=(2.5,)),
    lambda t: t.tensor([1]).new_empty(size=(2, 3)).zero_(),
])
def test_size_by_name_must_be_a_sequence(make: Any) -> None:
    """PyTorch reads ``size=`` only as a tuple of ints: ``zeros(size=2)`` is its TypeError
    (the kit made a tensor of 2 zeros) and the message names no position."""
    _same(make)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor([1]).new_full(2, 2),
    lambda t: t.tensor([1]).new_full(2.5, 2),
    lambda t: t.tensor([1]).new_full((2.5,), 2),
    lambda t: t.tensor([1]).new_full((2, 2.5), 2),
    lambda t: t.tensor([1]).new_full((-1,), 2),
    lambda t: t.tensor([1]).new_full([2, 1], 2.7),
    lambda t: t.tensor([1.]).new_full(t.Size([2]), 2),
])
def test_new_full_errors_name_new_full(make: Any) -> None:
    """PyTorch's size errors from ``x.new_full`` name new_full (the kit's named full)."""
    _same(make)
