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


def test_node_hook_sees_no_gradient_for_a_constant_input() -> None:
    """PyTorch's AddBackward0/MulBackward0 compute nothing for an input with no edge (a Python
    number, a tensor that needs no grad): the node's hook sees None there."""
    x = ak.tensor([1., 2.], requires_grad=True)
    seen = []
    for y in (x * 2 + 1, x + ak.ones(2), ak.ones(2) * x):
        y.grad_fn.register_hook(lambda gi, go: seen.append([g is None for g in gi]))
        y.sum().backward()
    assert seen == [[False, True], [False, True], [True, False]]


def test_custom_function_node_hook_sees_every_returned_gradient() -> None:
    """A custom Function's node keeps what backward returned, also under autograd.grad."""
    class F(ak.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            return a * b

        @staticmethod
        def backward(ctx, g):
            return g * 2, g * 3

    x = ak.tensor([1., 2.], requires_grad=True)
    w = ak.tensor([1., 2.], requires_grad=True)
    seen = []
    y = F.apply(x, w)
    y.grad_fn.register_hook(lambda gi, go: seen.append([g.tolist() for g in gi]))
    (gx,) = ak.autograd.grad(y.sum(), x)
    assert seen == [[[2., 2.], [3., 3.]]] and gx.tolist() == [2., 2.]


def test_set_grad_enabled_keeps_prev_and_mode_as_pytorch_names_them() -> None:
    switch = ak.set_grad_enabled(False)
    assert (switch.prev, switch.mode, ak.is_grad_enabled()) == (True, False, False)
    ak.set_grad_enabled(True)
    with ak.set_grad_enabled(False) as inside:
        assert inside is None and not ak.is_grad_enabled()
    assert ak.is_grad_enabled()


def test_tensor_hook_of_an_unused_output_is_called_with_none() -> None:
    """PyTorch calls a tensor's hooks whenever its node is reached: with None for an output
    of unbind/split that got no gradient; retain_grad then keeps .grad None."""
    x = ak.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    a, b = x.unbind(0)
    seen = []
    b.register_hook(seen.append)
    b.retain_grad()
    (a * 2).sum().backward()
    assert seen == [None] and b.grad is None
    assert x.grad.tolist() == [[2., 2.], [0., 0.]]
    seen.clear()
    assert ak.autograd.grad(a.sum(), b, allow_unused=True) == (None,) and seen == [None]


def test_tensor_hook_sees_none_a_custom_function_returned() -> None:
    class Drop(ak.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            return t * 2

        @staticmethod
        def backward(ctx, g):
            return None

    x = ak.tensor([1., 2.], requires_grad=True)
    y = x * 2
    seen = []
    y.register_hook(seen.append)
    Drop.apply(y).sum().backward()
    assert seen == [None] and x.grad is None


def test_a_hook_cannot_replace_a_missing_gradient() -> None:
    x = ak.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    a, b = x.unbind(0)
    b.register_hook(lambda g: ak.ones(2))
    with pytest.raises(RuntimeError, match="^can't replace a None gradient with a non-None value$"):
        a.sum().backward()


def test_a_node_reached_with_no_gradient_still_runs_its_hooks() -> None:
    """Below a custom Function whose backward returned None, PyTorch still runs the node's
    pre-hook and hook (with None) and the leaf's post-accumulate hook (.grad stays None)."""
    class Drop(ak.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            return t * 2

        @staticmethod
        def backward(ctx, g):
            return None

    x = ak.tensor([1., 2.], requires_grad=True)
    y = x * 2
    seen = []
    y.grad_fn.register_prehook(lambda go: seen.append(("pre", go)))
    y.grad_fn.register_hook(lambda gi, go: seen.append(("post", gi, go)))
    x.register_post_accumulate_grad_hook(lambda p: seen.append(("acc", p.grad)))
    Drop.apply(y).sum().backward()
    assert seen == [("pre", (None,)), ("post", (None, None), (None,)), ("acc", None)]
    assert x.grad is None


def test_custom_backward_runs_with_zeros_when_no_gradient_arrived() -> None:
    """PyTorch calls a custom Function's backward even when nothing arrived (its default
    materialize_grads gives zeros), so the leaf's .grad becomes zeros, not None."""
    class Drop(ak.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            return t * 2

        @staticmethod
        def backward(ctx, g):
            return None

    class Triple(ak.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            return t * 3

        @staticmethod
        def backward(ctx, g):
            seen.append(g.tolist())
            return g * 3

    seen: list = []
    x = ak.tensor([1., 2.], requires_grad=True)
    Drop.apply(Triple.apply(x)).sum().backward()
    assert seen == [[0., 0.]] and x.grad.tolist() == [0., 0.]
    y = ak.tensor([1., 2.], requires_grad=True)
    Drop.apply(y.exp()).sum().backward()  # a built-in node passes nothing on
    assert y.grad is None
