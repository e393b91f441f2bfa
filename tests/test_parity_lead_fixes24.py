"""Fixes of the lead in session 31 (most proposed by helpers for files they may not edit),
each compared with PyTorch live."""

from __future__ import annotations

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _names(node, depth: int):
    """The graph below ``node`` as nested (name, children) pairs, ``depth`` levels down."""
    if node is None:
        return None
    if depth == 0:
        return type(node).__name__
    return type(node).__name__, [_names(n, depth - 1) for n, _ in node.next_functions]


def _second_order(lib, make_loss):
    x = lib.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], dtype=lib.float64, requires_grad=True)
    g, = lib.autograd.grad(make_loss(lib, x), x, create_graph=True)
    h, = lib.autograd.grad((g * g).sum(), x, create_graph=True)
    return _names(h.grad_fn, 5), h.detach().reshape(-1).tolist()


# ---- softmax / log_softmax double backward: PyTorch's terms, in PyTorch's order --------------
@pytest.mark.parametrize("make_loss", [
    lambda lib, x: (lib.nn.functional.softmax(x, 1) * lib.tensor(
        [[1.0, -2.0, 0.5], [3.0, 1.0, 2.0]], dtype=lib.float64)).sum(),
    lambda lib, x: (lib.nn.functional.log_softmax(x, 1) * lib.tensor(
        [[1.0, -2.0, 0.5], [3.0, 1.0, 2.0]], dtype=lib.float64)).sum(),
    lambda lib, x: lib.nn.functional.cross_entropy(x, lib.tensor([0, 2])),
    lambda lib, x: x.softmax(0)[0].sum() + x.log_softmax(-1)[:, 1].sum(),
], ids=["softmax", "log_softmax", "cross_entropy", "methods"])
def test_softmax_family_second_derivative_graph_and_values_match_pytorch(make_loss) -> None:
    kit_names, kit_values = _second_order(ak, make_loss)
    torch_names, torch_values = _second_order(torch, make_loss)
    assert kit_names == torch_names
    assert kit_values == pytest.approx(torch_values, rel=1e-12, abs=1e-14)
