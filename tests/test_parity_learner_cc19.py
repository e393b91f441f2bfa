"""Parity with PyTorch for a learner's mistakes: each snippet runs once with PyTorch and once
with the kit, and what it prints, the error it ends with (type and message) and its warnings
(category and message) must be the same."""

from __future__ import annotations

import pytest
from test_parity_hunt_learner16 import _run

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    expected, got = _run(torch, code), _run(ak, code)
    assert got == expected, f"{code}\n--- PyTorch:\n{expected}\n--- kit:\n{got}"


# ---- factories given one positional argument too many ----------------------------------------

EXTRA_POSITIONAL = [
    "torch.linspace(0, 1, 5, 3)",
    "torch.linspace(0, 1, 5, torch.float32)",
    "torch.linspace(0, 1, 5, 3, dtype=torch.float32)",
    "torch.logspace(0, 1, 5, 2, 3)",
    "torch.logspace(0, 1, 5, 2.0, torch.float32)",
    "torch.randperm(5, 3)",
    "torch.randperm(5, 3, 4)",
    "torch.randperm(5, torch.int32)",
    "torch.randperm(5, torch.Generator())",
    "print(torch.linspace(0, 1, 5), torch.logspace(0, 1, 3, 2), torch.randperm(1))",
]


@pytest.mark.parametrize("code", EXTRA_POSITIONAL)
def test_extra_positional_arguments(code: str) -> None:
    _same(code)


# ---- bincount's kernel checks -----------------------------------------------------------------

BINCOUNT = [
    "torch.bincount(torch.tensor([True, False, True]))",
    "torch.bincount(torch.tensor([True]), minlength=-1)",
    "torch.bincount(torch.tensor([1, 2]), minlength=-1)",
    "torch.bincount(torch.tensor([[1, 2]]), minlength=-1)",
    "torch.bincount(torch.tensor([1, 2]), weights=torch.tensor([1., 2., 3.]))",
    "torch.bincount(torch.tensor([1, 2]), weights=torch.ones(1, 2))",
    "torch.bincount(torch.tensor([-1, 2]), weights=torch.ones(3))",
    "print(torch.bincount(torch.tensor([], dtype=torch.long), weights=torch.ones(3)))",
    "print(torch.bincount(torch.tensor([], dtype=torch.long), weights=torch.ones(0), minlength=2))",
    "print(torch.bincount(torch.tensor([1, 2]), weights=torch.tensor([1., 2.])))",
]


@pytest.mark.parametrize("code", BINCOUNT)
def test_bincount_checks(code: str) -> None:
    _same(code)
