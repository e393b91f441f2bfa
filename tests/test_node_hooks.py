"""Hooks on backward nodes (``grad_fn.register_prehook`` / ``register_hook``), as in PyTorch."""

from __future__ import annotations

import autograd_kit as ak


def test_prehook_sees_the_arriving_gradient_and_post_hook_can_replace_what_is_sent(device):
    x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
    y = x * 2
    seen = []
    y.grad_fn.register_prehook(lambda grad_outputs: seen.append(("pre", grad_outputs)))
    y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: seen.append(
        ("post", grad_inputs, grad_outputs)))
    y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: (grad_inputs[0] * 10,)
                            + grad_inputs[1:])
    y.sum().backward()
    assert [entry[0] for entry in seen] == ["pre", "post"]
    assert seen[0][1][0].tolist() == [1.0, 1.0]
    sent, arrived = seen[1][1], seen[1][2]
    assert sent[0].tolist() == [2.0, 2.0] and sent[1] is None  # (None, 0) for the number 2
    assert arrived[0].tolist() == [1.0, 1.0]
    assert x.grad.tolist() == [20.0, 20.0]  # the post hook's replacement reached x


def test_prehook_can_replace_the_gradient_and_handles_remove(device):
    x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
    y = x * 3
    handle = y.grad_fn.register_prehook(lambda grads: (grads[0] * 0.5,))
    y.sum().backward(retain_graph=True)
    assert x.grad.tolist() == [1.5, 1.5]
    handle.remove()
    x.grad = None
    y.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_accumulate_grad_node_hooks(device):
    x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
    accumulate = (x * 2).grad_fn.next_functions[0][0]
    calls = []
    accumulate.register_prehook(lambda grads: calls.append(grads[0].tolist()))
    accumulate.register_hook(lambda grad_inputs, grad_outputs: calls.append(grad_inputs))
    (x * 2).sum().backward()
    assert calls == [[2.0, 2.0], ()]
