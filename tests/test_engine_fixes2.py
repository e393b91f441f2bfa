"""Engine, hooks, saved tensors, grad mode and autograd namespace fixes, checked without
PyTorch (expected values derived by hand; tests/test_torch_parity_engine2.py compares the
same behaviour with PyTorch where it is installed)."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak


def values(t: ak.Tensor) -> list:
    return np.asarray(t.detach().numpy()).tolist()


# ---- autograd.grad: order of checks, dict inputs, materialize_grads, is_grads_batched


def test_grad_with_empty_inputs_complains_about_inputs_first() -> None:
    with pytest.raises(RuntimeError, match=r"^`inputs` argument to `grad\(\)` cannot be empty\.$"):
        ak.autograd.grad(ak.tensor(1.0), [])


def test_grad_checks_the_gradient_shape_before_the_outputs() -> None:
    x = ak.tensor([1.0, 2.0])
    with pytest.raises(RuntimeError, match=r"Mismatch in shape: grad_output\[0\]"):
        ak.autograd.grad(x * 2, x, grad_outputs=ak.ones(3))
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        ak.autograd.grad(x * 2, x)


def test_grad_of_a_dict_of_inputs_is_a_dict() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor(3.0, requires_grad=True)
    g = ak.autograd.grad((x * 2).sum(), {"a": x, "b": w}, allow_unused=True)
    assert list(g) == ["a", "b"]
    assert values(g["a"]) == [2.0, 2.0] and g["b"] is None


def test_materialized_zeros_require_grad_under_create_graph() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor(3.0, requires_grad=True)
    gx, gw = ak.autograd.grad((x * 2).sum(), [x, w], materialize_grads=True, create_graph=True)
    assert values(gw) == 0.0 and gw.requires_grad


def test_batched_grads_give_one_row_per_grad_output() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x ** 2  # dy_i/dx_i = 2 x_i: rows of the Jacobian diag(2, 4)
    (g,) = ak.autograd.grad(y, x, grad_outputs=ak.eye(2), is_grads_batched=True)
    assert values(g) == [[2.0, 0.0], [0.0, 4.0]]
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        y.sum().backward()  # the graph was freed after the last row, as after one call


def test_batched_grads_keep_none_or_unbatched_zeros_for_unused_inputs() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor(3.0, requires_grad=True)
    y = x * 2
    g = ak.autograd.grad(y, [x, w], grad_outputs=ak.eye(2), is_grads_batched=True,
                         allow_unused=True, retain_graph=True)
    assert values(g[0]) == [[2.0, 0.0], [0.0, 2.0]] and g[1] is None
    g = ak.autograd.grad(y, [x, w], grad_outputs=ak.eye(2), is_grads_batched=True,
                         materialize_grads=True)
    assert g[1].shape == () and values(g[1]) == 0.0


def test_batched_grads_check_the_shape_after_the_batch_dimension() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="If `is_grads_batched=True`, we interpret the first"):
        ak.autograd.grad(x * 2, x, grad_outputs=ak.ones(3, 3), is_grads_batched=True)


def test_batched_grads_under_create_graph_can_be_differentiated() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    (g,) = ak.autograd.grad(x ** 3, x, grad_outputs=ak.eye(2), is_grads_batched=True,
                            create_graph=True)
    assert g.requires_grad
    (gg,) = ak.autograd.grad(g.sum(), x)  # d/dx of 3 x^2 summed: 6 x
    assert values(gg) == [6.0, 12.0]
