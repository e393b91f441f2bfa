"""Helpers shared by the layer tests (tests/test_nn_layers*.py): float64 inputs that repeat
from run to run, host copies, and the first- and second-derivative checks."""

from __future__ import annotations

from typing import Any

import numpy as np

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck


def rand64(*shape: int, seed: int = 0, requires_grad: bool = True) -> ak.Tensor:
    """Standard normal float64 values, the same for the same shape and seed."""
    values = np.random.default_rng(seed + sum(shape) + len(shape)).standard_normal(shape)
    return ak.tensor(values, dtype=ak.float64, requires_grad=requires_grad)


def host(t: ak.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


def check(fn: Any, *inputs: ak.Tensor) -> None:
    """First and second derivatives of ``fn`` agree with finite differences."""
    assert gradcheck(fn, inputs)
    assert gradgradcheck(fn, inputs)
