"""register_multi_grad_hook: one call per backward pass, with the gradients that pass computes
(expected values from PyTorch 2.13 on the same code, and by hand)."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from autograd_kit.autograd.graph import register_multi_grad_hook


def test_all_mode_waits_for_every_tensor_the_pass_reaches() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0], requires_grad=True)
    c, d = a * b, a * b
    calls: list[list[bool]] = []
    register_multi_grad_hook((a, b, c, d), lambda grads: calls.append(
        [g is not None for g in grads]))
    c.sum().backward(retain_graph=True)
    assert calls == [[True, True, True, False]]  # d is not part of this pass
    c.sum().backward(inputs=(a,), retain_graph=True)
    assert calls[1] == [True, False, True, False]  # b is not needed for inputs=(a,)
    assert len(calls) == 2


def test_all_mode_passes_the_gradients_and_is_removable() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0], requires_grad=True)
    seen: list[list[list[float]]] = []
    handle = register_multi_grad_hook((a, b), lambda grads: seen.append(
        [g.tolist() for g in grads]))
    (a.sum() * b).sum().backward()
    assert seen == [[[3.0, 3.0], [3.0]]]  # d/da = b, d/db = a₁ + a₂
    handle.remove()
    (a * b).sum().backward()
    assert len(seen) == 1


def test_any_mode_runs_once_per_pass_with_the_first_gradient() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0], requires_grad=True)
    firsts: list[list[float]] = []
    register_multi_grad_hook((a, b), lambda g: firsts.append(g.tolist()), mode="any")
    (a * b).sum().backward(retain_graph=True)
    assert firsts == [[3.0, 3.0]]
    (a * b).sum().backward()
    assert len(firsts) == 2


def test_bad_mode_and_leaves_under_autograd_grad_are_errors() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(ValueError, match="Expects mode to be one of"):
        register_multi_grad_hook((a,), print, mode="some")
    register_multi_grad_hook((a,), print)
    with pytest.raises(RuntimeError, match="currently running autograd.grad"):
        ak.autograd.grad((a * 2).sum(), [a])
