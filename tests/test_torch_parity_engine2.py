"""The engine, hooks, saved tensors, grad mode and the autograd namespace compared with
PyTorch's printed output (skipped without PyTorch; tests/test_engine_fixes2.py checks the
same fixes without it).

``autograd.grad``'s order of checks and ``is_grads_batched``; node hooks of nodes with a
non-differentiable output; a custom Function's saved output; ``detach_`` of a saved tensor;
grad mode per thread; ``torch.return_types``, ``torch.utils.hooks``,
``torch.utils.checkpoint``, ``autograd.profiler`` and ``set_multithreading_enabled``.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- autograd.grad: empty inputs first, then the gradients' shapes, then the outputs; dict inputs; materialize_grads; is_grads_batched
    'T.autograd.grad(T.tensor(1.), [])',
    'x = T.tensor(1.); T.autograd.grad(x * 2, [], allow_unused=True)',
    'x = T.tensor([1., 2.]); T.autograd.grad(x * 2, x, grad_outputs=T.ones(3))',
    'x = T.tensor([1., 2.]); T.autograd.grad(x * 2, x)',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); print(T.autograd.grad((x * 2).sum(), {"a": x, "b": w}, allow_unused=True))',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); g = T.autograd.grad((x * 2).sum(), [x, w], materialize_grads=True, create_graph=True); print(g, [t.requires_grad for t in g])',
    'x = T.tensor([1., 2.], requires_grad=True); print(T.autograd.grad(x * 2, x, grad_outputs=T.eye(2), is_grads_batched=True))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x ** 2; print(T.autograd.grad(y, x, grad_outputs=T.eye(2), is_grads_batched=True)); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x ** 2; print(T.autograd.grad(y, x, grad_outputs=T.eye(2), is_grads_batched=True, retain_graph=True)); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); y = x * 2; print(T.autograd.grad(y, [x, w], grad_outputs=T.eye(2), is_grads_batched=True, allow_unused=True))',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); y = x * 2; print(T.autograd.grad(y, [x, w], grad_outputs=T.eye(2), is_grads_batched=True, materialize_grads=True))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; print(T.autograd.grad(y, x, grad_outputs=T.ones(3, 3), is_grads_batched=True))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x ** 3; g = T.autograd.grad(y, x, grad_outputs=T.eye(2), is_grads_batched=True, create_graph=True)[0]; print(g.requires_grad); print(T.autograd.grad(g.sum(), x))',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"e{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
