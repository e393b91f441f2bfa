"""Kit-only checks of the autograd fixes found by tests/test_torch_random_programs2.py
(each asserts the behaviour PyTorch 2.13 showed)."""

from __future__ import annotations

import pytest

import autograd_kit as ak


def test_post_accumulate_hook_returning_a_tensor_fails_after_every_hook_ran() -> None:
    """A returned tensor is handed to the next hook in place of the leaf (its .grad is None);
    the error comes once all hooks ran, and the leaf's .grad stays."""
    x = ak.tensor([1., 2.], requires_grad=True)
    seen = []
    x.register_post_accumulate_grad_hook(lambda p: p.grad * 2)
    x.register_post_accumulate_grad_hook(lambda p: seen.append((p is x, p.grad)))
    message = r"^Tensor post accumulate grad hooks should return None\.$"
    with pytest.raises(RuntimeError, match=message):
        (x * 3).sum().backward()
    assert seen == [(False, None)]
    assert x.grad.tolist() == [3., 3.]


def test_post_accumulate_hook_return_value_checked_like_a_tensor_hook() -> None:
    x = ak.tensor([1., 2.], requires_grad=True)
    x.register_post_accumulate_grad_hook(lambda p: ak.ones(1))
    with pytest.raises(RuntimeError, match="hook '<lambda>' has changed the size of value"):
        (x * 3).sum().backward()
    y = ak.tensor([1., 2.], requires_grad=True)
    y.register_post_accumulate_grad_hook(lambda p: 5)
    with pytest.raises(TypeError, match="expected Variable, but hook returned 'int'"):
        (y * 3).sum().backward()
