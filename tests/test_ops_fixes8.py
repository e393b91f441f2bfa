"""Kit-only checks of the op fixes compared with PyTorch in tests/test_torch_parity_ops8.py
(the expected values, names and messages are PyTorch's, observed with PyTorch 2.13)."""

from __future__ import annotations

from collections.abc import Callable

import numpy
import pytest

import autograd_kit as ak


def _f64(*shape: int) -> ak.Tensor:
    ak.manual_seed(0)
    return ak.randn(*shape, dtype=ak.float64, requires_grad=True)


# ---- svdvals: U and Vh of its backward are differentiable (second derivatives)
def test_second_derivative_of_the_sum_of_squared_singular_values_is_twice_the_weights() -> None:
    x = _f64(2, 3)
    g, = ak.autograd.grad((ak.linalg.svdvals(x) ** 2).sum(), x, create_graph=True)
    h, = ak.autograd.grad((g * ak.tensor([1., 2., 3.], dtype=ak.float64)).sum(), x)
    numpy.testing.assert_allclose(h.detach().numpy(), [[2., 4., 6.], [2., 4., 6.]], atol=1e-10)


SVD_FUNCTIONS: list[Callable[[ak.Tensor], ak.Tensor]] = [
    ak.linalg.svdvals,
    lambda a: ak.linalg.svd(a, full_matrices=False)[1],
    lambda a: ak.linalg.matrix_norm(a, "nuc"),
    lambda a: ak.linalg.matrix_norm(a, 2),
    lambda a: ak.linalg.matrix_norm(a, -2),
    ak.linalg.cond,
]


@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 3), (2, 3, 5)])
@pytest.mark.parametrize("fn", SVD_FUNCTIONS)
def test_svd_based_functions_pass_gradgradcheck(fn: Callable[[ak.Tensor], ak.Tensor],
                                                shape: tuple[int, ...]) -> None:
    assert ak.autograd.gradgradcheck(fn, (_f64(*shape),))


def test_svdvals_node_and_repeated_singular_values() -> None:
    x = ak.eye(3, requires_grad=True)
    s = ak.linalg.svdvals(x)
    assert s.grad_fn.name() == "LinalgSvdBackward0"
    s.sum().backward()
    numpy.testing.assert_allclose(x.grad.numpy(), numpy.eye(3), atol=1e-6)
    with ak.no_grad():
        assert ak.linalg.svdvals(x).grad_fn is None


# ---- slogdet: the sign output carries no gradient (A.grad stays None)
@pytest.mark.parametrize("fn", [ak.linalg.slogdet, ak.slogdet])
def test_backward_through_the_sign_of_slogdet_leaves_no_gradient(fn: Callable) -> None:
    x = ak.tensor([[2., 1.], [1., 3.]], requires_grad=True)
    sign, logabsdet = fn(x)
    assert sign.grad_fn.name() == "LinalgSlogdetBackward0"
    sign.sum().backward()
    assert x.grad is None
    g, = ak.autograd.grad(fn(x)[0], x, allow_unused=True)
    assert g is None
    sign, logabsdet = fn(x)
    (sign * logabsdet).backward()
    numpy.testing.assert_allclose(x.grad.numpy(), [[0.6, -0.2], [-0.2, 0.4]], rtol=1e-6)


# ---- cat / stack / block_diag: every tensor of the list gets its gradient (node hooks see all)
JOINS: list[Callable[[ak.Tensor], ak.Tensor]] = [
    lambda a: ak.cat([a, ak.ones(2)]),
    lambda a: ak.cat([ak.tensor([]), a, ak.ones(2)]),
    lambda a: ak.stack([ak.ones(2), a]),
    lambda a: ak.hstack([a, ak.ones(2)]),
    lambda a: ak.block_diag(a, ak.ones(2, 1)),
]


@pytest.mark.parametrize("join", JOINS)
def test_node_hooks_of_joins_see_a_gradient_for_every_tensor(join: Callable) -> None:
    a = ak.tensor([1., 2.], requires_grad=True)
    y = join(a)
    seen: list[tuple] = []
    y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: seen.append(grad_inputs))
    (y * 3).sum().backward()
    assert seen and all(g is not None for g in seen[0])
    assert [float(v) for g in seen[0] for v in g.flatten()] == [3.0] * sum(
        g.numel() for g in seen[0])
    assert a.grad.tolist() == [3.0, 3.0]


# ---- second derivatives: the backward of picking ops records PyTorch's scatter nodes
PICKS: list[tuple[str, Callable[[ak.Tensor], ak.Tensor]]] = [
    ("ScatterBackward0", lambda a: a.sort(1)[0]),
    ("ScatterBackward0", lambda a: a.topk(2, 0, largest=False)[0]),
    ("ScatterBackward0", lambda a: a.kthvalue(2, 1)[0]),
    ("ScatterBackward0", lambda a: a.median(1)[0]),
    ("ScatterBackward0", lambda a: a.mode(1)[0]),
    ("ScatterBackward0", lambda a: a.max(1)[0]),
    ("ScatterBackward0", lambda a: a.min(0, keepdim=True)[0]),
    ("ScatterAddBackward0", lambda a: a.gather(1, ak.tensor([[0, 0], [1, 3], [1, 1]]))),
    ("ScatterAddBackward0", lambda a: a.cummax(1)[0]),
    ("ScatterAddBackward0", lambda a: a.cummin(0)[0]),
]


@pytest.mark.parametrize(("name", "pick"), PICKS)
def test_backward_of_picking_ops_records_scatter_nodes(name: str, pick: Callable) -> None:
    x = _f64(3, 4)
    g, = ak.autograd.grad(pick(x).pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.name() == name
    assert ak.autograd.gradgradcheck(pick, (x,))


def test_gather_backward_adds_repeated_positions_and_max_picks_one_of_ties() -> None:
    x = ak.tensor([[1., 1., 0.], [2., 2., 2.]], requires_grad=True)
    picked = x.gather(1, ak.tensor([[0, 0], [2, 2]]))
    g, = ak.autograd.grad(picked.pow(2).sum(), x, create_graph=True)
    assert g.tolist() == [[4., 0., 0.], [0., 0., 8.]]
    assert g.grad_fn._saved_dim == 1 and g.grad_fn._saved_index.tolist() == [[0, 0], [2, 2]]
    x.max(1)[0].sum().backward()
    assert x.grad.tolist() == [[1., 0., 0.], [1., 0., 0.]]
