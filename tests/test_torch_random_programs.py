"""Random autograd programs (tests/torch_random_programs.py) run by PyTorch and by the kit:
the same values, gradients, grad_fn names, versions, hook calls and errors.

Numbers are compared with a small tolerance (float32 results may differ in the last digit
between the two libraries' kernels); everything else in the printed text must be identical.
Skipped when PyTorch is not installed."""

from __future__ import annotations

import math
import re

import pytest

from tests.test_torch_scenarios import printed, spelled_alike
from tests.torch_random_programs import program

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

SEEDS = range(300)
NUMBER = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?|-?\d+(?:e[-+]?\d+)?|nan|-?inf")


def same_up_to_rounding(got: str, expected: str) -> bool:
    """Identical text around the numbers, and numbers equal within float32 rounding."""
    if NUMBER.sub("#", got) != NUMBER.sub("#", expected):
        return False
    for a, b in zip(NUMBER.findall(got), NUMBER.findall(expected)):
        x, y = float(a), float(b)
        if not (x == y or (math.isnan(x) and math.isnan(y))
                or math.isclose(x, y, rel_tol=1e-4, abs_tol=2e-3)):
            return False
    return True


@pytest.mark.parametrize("seed", SEEDS)
def test_same_as_pytorch(seed: int) -> None:
    code = program(seed)
    expected = spelled_alike(printed(torch, code))
    got = spelled_alike(printed(ak, code))
    assert same_up_to_rounding(got, expected), f"{code}\n--- PyTorch:\n{expected}--- kit:\n{got}"


def test_programs_do_many_things() -> None:
    """Many programs get through backward (39 of the first 100; the rest end in one of
    PyTorch's errors, compared too), and they use views and in-place changes."""
    texts = [program(seed) for seed in SEEDS]
    outputs = [printed(ak, text) for text in texts[:100]]
    assert sum("EXC" not in out for out in outputs) > 30
    changes = re.compile(r"^\w+(\.\w+_\(|\[.*\] = | [+*]= )", re.MULTILINE)  # v.add_(…), v[0] = …
    views = re.compile(r"\.(t|view|transpose|select|narrow|unbind|permute)\(|\[(0|1|:, 1:)\]")
    assert sum(bool(changes.search(t)) for t in texts) > 200
    assert sum(bool(views.search(t)) for t in texts) > 120


def test_the_comparison_can_fail() -> None:
    assert not same_up_to_rounding("a [1.0, 2.5] 0", "a [1.0, 2.6] 0")
    assert not same_up_to_rounding("a None 0", "a [1.0] 0")
    assert same_up_to_rounding("out [-0.759]", "out [-0.76]")
