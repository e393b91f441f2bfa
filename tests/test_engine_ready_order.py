"""The order backward runs its nodes in, against PyTorch's, on random graphs.

The engine runs the newest ready node first. A node that becomes ready while no other is
waiting runs next without going through the heap (a chain of operations is mostly that);
these graphs mix chains with branches that join again, so both ways are taken, with and
without hooks (the general step) and with ``retain_graph``.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def tagged_function(lib: Any, log: list[str]) -> Any:
    """A Function that passes its input through and logs its tag when its backward runs."""

    class Tag(lib.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any, tag: str) -> Any:
            ctx.tag = tag
            return x * 1.0

        @staticmethod
        def backward(ctx: Any, grad: Any) -> Any:
            log.append(ctx.tag)
            return grad, None

    return Tag


def random_graph(lib: Any, seed: int, log: list[str], hooked: bool) -> tuple[Any, Any]:
    """A random graph of tagged nodes over one leaf: each new value is a tagged copy of an
    earlier one, maybe times or plus another earlier one; the output sums the last three."""
    rng = random.Random(seed)
    tag = tagged_function(lib, log)
    leaf = lib.tensor([1.0, 2.0], requires_grad=True)
    values = [leaf]
    for i in range(rng.randint(3, 25)):
        source = values[rng.randrange(len(values))] if rng.random() < 0.4 else values[-1]
        value = tag.apply(source, f"n{i}")
        if rng.random() < 0.3:
            other = values[rng.randrange(len(values))]
            value = value * other if rng.random() < 0.5 else value + other
        if hooked and rng.random() < 0.3:
            value.register_hook(lambda g: g)
        values.append(value)
    return leaf, sum(v.sum() for v in values[-3:])


@pytest.mark.parametrize("hooked", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_nodes_run_in_pytorchs_order(seed: int, hooked: bool) -> None:
    kit_log: list[str] = []
    torch_log: list[str] = []
    kit_leaf, kit_out = random_graph(ak, seed, kit_log, hooked)
    torch_leaf, torch_out = random_graph(torch, seed, torch_log, hooked)
    kit_out.backward()
    torch_out.backward()
    assert kit_log == torch_log
    assert kit_leaf.grad.tolist() == torch_leaf.grad.tolist()


@pytest.mark.parametrize("seed", range(10))
def test_the_order_is_the_same_when_backward_runs_again(seed: int) -> None:
    kit_log: list[str] = []
    torch_log: list[str] = []
    _, kit_out = random_graph(ak, seed, kit_log, False)
    _, torch_out = random_graph(torch, seed, torch_log, False)
    kit_out.backward(retain_graph=True)
    kit_out.backward()
    torch_out.backward(retain_graph=True)
    torch_out.backward()
    assert kit_log == torch_log
    assert len(kit_log) % 2 == 0 and kit_log[:len(kit_log) // 2] == kit_log[len(kit_log) // 2:]


def test_a_branch_that_becomes_ready_first_waits_for_newer_nodes() -> None:
    """y = a(x), z = b(x), out = z + y: after the sum, both a and b are ready; b (newer) runs
    first, then a. Neither is taken out of turn by the chain shortcut."""
    kit_log: list[str] = []
    torch_log: list[str] = []
    for lib, log in ((ak, kit_log), (torch, torch_log)):
        tag = tagged_function(lib, log)
        x = lib.tensor(1.0, requires_grad=True)
        y = tag.apply(tag.apply(x, "a1"), "a2")
        z = tag.apply(x, "b")
        (z + y).backward()
    assert kit_log == torch_log == ["b", "a2", "a1"]
