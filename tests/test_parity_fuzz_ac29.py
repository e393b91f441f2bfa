"""Parity with PyTorch for corners found by helper ac's training-loop fuzzer (Module
subclasses, losses, optimizer steps, clipping, hooks, state_dict round trips, gradient
penalties with autograd.grad(create_graph=True), torch.autograd.functional)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def layout(t):
    return None if t is None else (tuple(t.shape), t.stride(), t._is_view(), t._version)


# ---- gradient penalties through batch norm ------------------------------------------------

@pytest.mark.parametrize("shape", [(4, 2), (2, 2, 3), (2, 2, 3, 2)])
def test_second_order_gradient_of_batch_norm_weight_is_a_new_tensor(shape):
    """The gradients of batch norm's backward (NativeBatchNormBackwardBackward0) are new
    tensors in PyTorch; the kit's weight gradient was a view (of its own (1, C, 1) step),
    so where two paths met at the weight it was not summed in place (grad._version 0,
    PyTorch's 1)."""
    def build(lib):
        F = lib.nn.functional
        lib.manual_seed(0)
        w = lib.ones(shape[1], requires_grad=True)
        b = lib.zeros(shape[1], requires_grad=True)
        x = lib.randn(*shape).requires_grad_()
        s = (F.batch_norm(x, None, None, w, b, training=True) * lib.randn(*shape)).sum()
        g = lib.autograd.grad(s, (x, w, b), create_graph=True)
        g2 = lib.autograd.grad((g[0] ** 2).sum(), (x, w, b), allow_unused=True,
                               retain_graph=True)
        (s + (g[0] ** 2).sum()).backward()
        return [layout(t) for t in g2] + [layout(w.grad), layout(b.grad)]
    same(build)


def test_gradient_penalty_training_step_with_batch_norm_leaves_pytorchs_versions():
    """A critic with BatchNorm1d and a gradient penalty: after backward the weights'
    gradients have PyTorch's versions (the two paths summed in place)."""
    def build(lib):
        F = lib.nn.functional
        lib.manual_seed(0)
        net = lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.BatchNorm1d(4), lib.nn.ReLU(),
                                lib.nn.Linear(4, 1))
        x = lib.randn(5, 3).requires_grad_()
        out = net(x)
        g, = lib.autograd.grad(out.sum(), x, create_graph=True)
        loss = F.softplus(out).mean() + ((g.norm(2, dim=1) - 1) ** 2).mean()
        loss.backward()
        return [layout(p.grad) for p in net.parameters()]
    same(build)
