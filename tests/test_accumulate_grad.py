"""How a gradient lands in ``leaf.grad``: taken as it is when nobody else holds it, copied
otherwise, and laid out in memory like the leaf (PyTorch's gradient layout contract).
The strides below are the ones PyTorch 2.13 gives for the same code."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import accumulate_grad


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the copies AccumulateGrad makes."""
    made: list[int] = []
    original = accumulate_grad._copy_in_leaf_layout

    def counting(grad: ak.Tensor, leaf: ak.Tensor) -> ak.Tensor:
        made.append(1)
        return original(grad, leaf)

    monkeypatch.setattr(accumulate_grad, "_copy_in_leaf_layout", counting)
    return made


def test_a_fresh_gradient_is_taken_without_a_copy(copies: list[int]) -> None:
    x = ak.ones(3, 4, requires_grad=True)
    w = ak.ones(4, 2, requires_grad=True)
    ((x @ w).relu() ** 2).sum().backward()
    assert copies == []
    assert x.grad.tolist() == [[16.0] * 4] * 3  # 2·(x@w)·wᵀ summed over 2 columns


def test_a_gradient_someone_else_holds_is_copied(copies: list[int]) -> None:
    x = ak.ones(3, requires_grad=True)
    given = ak.full((3,), 2.0)
    (x + 0).backward(given)  # AddBackward0 passes the caller's tensor straight on
    assert copies == [1]
    x.grad.mul_(10)
    assert given.tolist() == [2.0, 2.0, 2.0]  # the caller's tensor is untouched


def test_a_gradient_a_hook_kept_is_not_changed_by_later_accumulation() -> None:
    x = ak.ones(3, requires_grad=True)
    kept: list[ak.Tensor] = []
    x.register_hook(kept.append)
    (x * 2).sum().backward()
    (x * 2).sum().backward()  # accumulates into x.grad in place
    assert x.grad.tolist() == [4.0, 4.0, 4.0]
    assert kept[0].tolist() == [2.0, 2.0, 2.0]
    assert x.grad is not kept[0]


def test_a_gradient_in_a_step_record_is_not_changed_by_later_accumulation() -> None:
    x = ak.ones(2, requires_grad=True)
    steps = list(ak.autograd.backward_steps((x * 3).sum()))
    (x * 3).sum().backward()
    sent_to_leaf = [s.gradient for step in steps for s in step.sent if s.gradient is not None][-1]
    assert sent_to_leaf.tolist() == [3.0, 3.0]
    assert x.grad.tolist() == [6.0, 6.0]


def test_the_same_gradient_sent_to_two_leaves_is_not_shared() -> None:
    a = ak.ones(2, requires_grad=True)
    b = ak.ones(2, requires_grad=True)
    (a + b).sum().backward()  # AddBackward0 sends one tensor to both
    a.grad.add_(1)
    assert b.grad.tolist() == [1.0, 1.0]


def test_a_gradient_arriving_transposed_is_laid_out_like_its_leaf() -> None:
    x = ak.ones(3, 4, requires_grad=True)
    (x.t() * ak.arange(12.0).reshape(4, 3)).sum().backward()
    assert x.grad.stride() == (4, 1) and x.grad.is_contiguous()
    np.testing.assert_array_equal(x.grad.numpy(), np.arange(12.0).reshape(4, 3).T)


def test_a_transposed_or_permuted_leaf_gets_a_gradient_with_its_strides() -> None:
    xt = ak.ones(4, 3).t().requires_grad_()
    (xt * 2).sum().backward()
    assert xt.grad.stride() == (1, 3)
    p = ak.ones(2, 3, 4).permute(2, 0, 1).requires_grad_()
    (p * 2).sum().backward()
    assert p.grad.stride() == p.stride() == (1, 12, 4)


def test_a_leaf_with_gaps_gets_a_row_major_gradient() -> None:
    s = ak.ones(4, 6)[:, ::2].requires_grad_()
    (s * 2).sum().backward()
    assert s.grad.stride() == (3, 1)
    assert s.grad.tolist() == [[2.0] * 3] * 4


def test_retained_gradients_are_row_major() -> None:
    x = ak.ones(3, 4, requires_grad=True)
    y = x.t()
    y.retain_grad()
    z = x * 1
    z.retain_grad()
    (y.t() * 2 + z.t().t()).sum().backward()
    assert y.grad.stride() == (3, 1) and z.grad.stride() == (4, 1)


def test_linear_gradients_are_taken_over_without_a_copy_as_in_pytorch():
    """nn.Linear's weight gradient is computed transposed, (gradᵀ·x)ᵀ, so it comes out
    row-major like the weight and becomes .grad as it is (version 0), as in PyTorch; so does
    the bias's, summed over the batch. A second backward adds into them."""
    ak.manual_seed(0)
    lin = ak.nn.Linear(3, 2)
    x = ak.randn(4, 3)
    lin(x).sum().backward()
    weight_grad, bias_grad = lin.weight.grad, lin.bias.grad
    assert weight_grad._version == 0 and bias_grad._version == 0
    assert weight_grad.stride() == (3, 1) and weight_grad._base is None
    np.testing.assert_allclose(weight_grad.numpy(), np.tile(x.numpy().sum(0), (2, 1)),
                                  rtol=1e-6)
    assert bias_grad.tolist() == [4.0, 4.0]
    lin(x).sum().backward()
    assert lin.weight.grad is weight_grad and weight_grad._version == 1
    np.testing.assert_allclose(weight_grad.numpy(), 2 * np.tile(x.numpy().sum(0), (2, 1)),
                                  rtol=1e-6)
    assert bias_grad.tolist() == [8.0, 8.0]


def test_a_column_major_leaf_gets_a_column_major_gradient_without_a_copy():
    a = ak.randn(3, 4).t().requires_grad_()
    b = ak.randn(3, 2, requires_grad=True)
    (a @ b).sum().backward()
    assert a.grad.stride() == (1, 4) and a.grad._version == 0
    np.testing.assert_allclose(a.grad.numpy(), np.tile(b.detach().numpy().sum(1), (4, 1)),
                                  rtol=1e-6)


def test_a_view_of_memory_a_hook_holds_is_copied():
    """The weight's gradient shares memory with the transposed one a hook keeps: .grad gets
    its own copy, so accumulating into it later cannot change what the hook holds. (PyTorch
    takes the view over anyway, since only the view's own references count there.)"""
    held = []
    w = ak.ones(2, 3, requires_grad=True)
    out = ak.nn.functional.linear(ak.ones(4, 3), w)
    out.grad_fn.register_hook(lambda grads_in, grads_out: held.append(grads_in))
    out.sum().backward()
    seen = held[0][1].clone()
    w.grad += 1
    assert (held[0][1] == seen).all()
