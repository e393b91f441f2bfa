"""Random autograd programs of the second kind (tests/torch_random_programs2.py) run by PyTorch
and by the kit: retain_grad, backward twice, backward(inputs=...), higher derivatives, gradient
accumulation, hooks, grad modes, detach, requires_grad toggles, in-place version errors, custom
Functions, several outputs, broadcasting, integer tensors, next_functions and printed tensors.

Numbers are compared with a small tolerance; everything else must be identical.
Skipped when PyTorch is not installed."""

from __future__ import annotations

import pytest

from tests.test_torch_random_programs import _alike, same_up_to_rounding
from tests.test_torch_scenarios import printed
from tests.torch_random_programs2 import EPISODES, program

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

SEEDS = range(300)


@pytest.mark.parametrize("seed", SEEDS)
def test_same_as_pytorch(seed: int) -> None:
    code = program(seed)
    expected = _alike(printed(torch, code))
    got = _alike(printed(ak, code))
    assert same_up_to_rounding(got, expected), f"{code}\n--- PyTorch:\n{expected}--- kit:\n{got}"


def test_programs_cover_every_episode() -> None:
    texts = "\n".join(program(seed) for seed in SEEDS)
    for episode in EPISODES:
        assert texts.count(f"--- {episode.__name__}'") >= 20, episode.__name__
    for construct in ("retain_graph=True", "inputs=", "create_graph=True", "register_prehook",
                      "register_post_accumulate_grad_hook", "mark_dirty", "w.grad = None",
                      "detach_()"):
        assert construct in texts, construct
