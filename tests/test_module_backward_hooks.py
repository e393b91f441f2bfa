"""Module backward hooks: register_full_backward_hook, register_full_backward_pre_hook and
the deprecated register_backward_hook.

A small Sequential with hand-set weights gives hand-checkable gradients; the PyTorch
cross-check (skipped without torch) runs the same scenarios in both libraries and compares
the hook calls (order, grad_input, grad_output) and the resulting .grad values.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

import autograd_kit as ak


def values(g: Any) -> Any:
    """A gradient as rounded numbers (+0.0 for -0.0), None as None."""
    return None if g is None else [round(v, 4) + 0.0 for v in g.flatten().tolist()]


def scenario(lib: Any) -> list[Any]:
    """Hooks on a Sequential and on each layer; returns the calls and the final gradients."""
    nn = lib.nn
    log: list[Any] = []

    def full(name: str) -> Any:
        return lambda m, gi, go: log.append(
            (name, "full", [values(g) for g in gi], [values(g) for g in go]))

    def pre(name: str) -> Any:
        return lambda m, go: log.append((name, "pre", [values(g) for g in go]))

    lin1, relu, lin2 = nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)
    with lib.no_grad():
        lin1.weight.copy_(lib.tensor([[1.0, -2.0], [0.5, 1.0], [-1.0, 1.0]]))
        lin1.bias.copy_(lib.tensor([0.1, -0.2, 0.3]))
        lin2.weight.copy_(lib.tensor([[1.0, 2.0, -3.0]]))
        lin2.bias.copy_(lib.tensor([0.5]))
    model = nn.Sequential(lin1, relu, lin2)
    for name, m in [("seq", model), ("lin1", lin1), ("relu", relu), ("lin2", lin2)]:
        m.register_full_backward_hook(full(name))
        m.register_full_backward_pre_hook(pre(name))
    x = lib.tensor([[1.0, 2.0], [3.0, -1.0]], requires_grad=True)
    y = model(x)
    log.append(("grad_fn", y.grad_fn.name()))
    y.sum().backward()
    log.append(("grads", values(x.grad), values(lin1.weight.grad), values(lin2.weight.grad)))
    return log


def test_sequential_hand_checked() -> None:
    log = scenario(ak)
    # h = x @ W1.T + b1 = [[-2.9, 2.3, 1.3], [5.1, 0.3, -3.7]]; relu mask [[0,1,1],[1,1,0]]
    # dy/dh_relu = W2 = [1, 2, -3] per row; through the mask: [[0, 2, -3], [1, 2, 0]]
    # dx = that @ W1 = [[0*1 + 2*0.5 - 3*-1, 0*-2 + 2*1 - 3*1], [1 + 1 + 0, -2 + 2 + 0]]
    assert log == [
        ("grad_fn", "BackwardHookFunctionBackward"),
        ("seq", "pre", [[1.0, 1.0]]),
        ("lin2", "pre", [[1.0, 1.0]]),
        ("lin2", "full", [[1.0, 2.0, -3.0, 1.0, 2.0, -3.0]], [[1.0, 1.0]]),
        ("relu", "pre", [[1.0, 2.0, -3.0, 1.0, 2.0, -3.0]]),
        ("relu", "full", [[0.0, 2.0, -3.0, 1.0, 2.0, 0.0]], [[1.0, 2.0, -3.0, 1.0, 2.0, -3.0]]),
        ("lin1", "pre", [[0.0, 2.0, -3.0, 1.0, 2.0, 0.0]]),
        ("lin1", "full", [[4.0, -1.0, 2.0, 0.0]], [[0.0, 2.0, -3.0, 1.0, 2.0, 0.0]]),
        ("seq", "full", [[4.0, -1.0, 2.0, 0.0]], [[1.0, 1.0]]),
        ("grads", [4.0, -1.0, 2.0, 0.0], [3.0, -1.0, 8.0, 2.0, -3.0, -6.0],
         [5.1, 2.6, 1.3]),
    ]


def test_hook_replaces_grad_input() -> None:
    relu = ak.nn.ReLU()
    relu.register_full_backward_hook(lambda m, gi, go: (gi[0] * 10,))
    x = ak.tensor([1.0, -1.0, 2.0], requires_grad=True)
    (relu(x) * ak.tensor([1.0, 2.0, 3.0])).sum().backward()
    assert x.grad.tolist() == [10.0, 0.0, 30.0]


def test_pre_hook_replaces_grad_output() -> None:
    relu = ak.nn.ReLU()
    relu.register_full_backward_pre_hook(lambda m, go: (ak.ones(3),))
    x = ak.tensor([1.0, -1.0, 2.0], requires_grad=True)
    (relu(x) * ak.tensor([1.0, 2.0, 3.0])).sum().backward()
    assert x.grad.tolist() == [1.0, 0.0, 1.0]


def test_handle_remove_and_prepend() -> None:
    calls: list[str] = []
    relu = ak.nn.ReLU()
    handle = relu.register_full_backward_hook(lambda m, gi, go: calls.append("a"))
    relu.register_full_backward_hook(lambda m, gi, go: calls.append("first"), prepend=True)
    relu(ak.ones(1, requires_grad=True)).sum().backward()
    handle.remove()
    relu(ak.ones(1, requires_grad=True)).sum().backward()
    assert calls == ["first", "a", "first"]


def test_several_inputs_and_outputs() -> None:
    class Two(ak.nn.Module):
        def forward(self, a: ak.Tensor, k: float, b: ak.Tensor) -> tuple[ak.Tensor, ...]:
            return a * b * k, a + b, b * 2

    seen: list[Any] = []
    two = Two()
    two.register_full_backward_hook(
        lambda m, gi, go: seen.append(([values(g) for g in gi], [values(g) for g in go])))
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0, 4.0])
    p, q, r = two(a, 2.0, b)
    assert not r.requires_grad  # b does not require grad, so neither does b * 2
    (p * 3 + q).sum().backward()
    # d/da (3 * 2ab + a + b) = 6b + 1 = [19, 25]; b needs no grad: zeros; k is a number: None
    assert seen == [([[19.0, 25.0], None, [0.0, 0.0]], [[3.0, 3.0], [1.0, 1.0], None])]


def test_no_input_requires_grad_fires_at_outputs() -> None:
    seen: list[Any] = []
    lin = ak.nn.Linear(2, 1)
    lin.register_full_backward_hook(lambda m, gi, go: seen.append((gi, values(go[0]))))
    with pytest.warns(UserWarning, match="Full backward hook is firing when gradients are "
                                         "computed with respect to module outputs"):
        lin(ak.ones(1, 2)).sum().backward()
    assert seen == [((None,), [1.0])]


def test_errors() -> None:
    relu = ak.nn.ReLU()
    relu.register_full_backward_hook(lambda m, gi, go: (gi[0], gi[0]))
    with pytest.raises(RuntimeError, match="^Backward hook returned an invalid number of "
                                           "grad_input, got 2, but expected 1$"):
        relu(ak.ones(1, requires_grad=True)).sum().backward()
    with pytest.raises(RuntimeError, match="^Cannot use both regular backward hooks and full "
                                           "backward hooks on a single Module"):
        relu.register_backward_hook(lambda m, gi, go: None)


def test_no_hooks_under_no_grad() -> None:
    relu = ak.nn.ReLU()
    relu.register_full_backward_hook(lambda m, gi, go: None)
    x = ak.ones(2, requires_grad=True)
    with ak.no_grad():
        assert relu(x).grad_fn is None
    assert relu(ak.ones(2)).grad_fn is None


def test_old_style_hook_sees_the_output_node() -> None:
    seen: list[Any] = []
    tanh = ak.nn.Tanh()
    tanh.register_backward_hook(lambda m, gi, go: seen.append(([values(g) for g in gi],
                                                               [values(g) for g in go])))
    z = ak.tensor([0.5, -1.0], requires_grad=True) * 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # one node, inputs and outputs plain: no warning
        tanh(z).sum().backward()
    # d tanh(z)/dz = 1 - tanh(z)^2: 1 - tanh(1)^2 = 0.42, 1 - tanh(-2)^2 = 0.0707
    assert seen == [([[0.42, 0.0707]], [[1.0, 1.0]])]


def test_old_style_hook_warns_for_several_nodes() -> None:
    lin = ak.nn.Linear(2, 2)
    lin.register_backward_hook(lambda m, gi, go: None)
    with pytest.warns(FutureWarning, match="forward contains multiple autograd Nodes"):
        lin(ak.ones(3, 2, requires_grad=True))


# ---- PyTorch cross-check -------------------------------------------------------------------
def test_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    assert scenario(ak) == scenario(torch)


def old_style(lib: Any) -> list[Any]:
    seen: list[Any] = []
    lin = lib.nn.Linear(2, 2)
    lin.register_backward_hook(lambda m, gi, go: seen.append(
        ([None if g is None else tuple(g.shape) for g in gi], [tuple(g.shape) for g in go])))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lin(lib.ones(3, 2, requires_grad=True)).sum().backward()
    return seen + [str(w.message) for w in caught]


def test_old_style_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    assert old_style(ak) == old_style(torch)


def mixed(lib: Any) -> list[Any]:
    class M(lib.nn.Module):
        def forward(self, a: Any, i: Any, b: Any) -> Any:
            return a[i] * 2 + b.sum(), i, a * 3

    log: list[Any] = []
    m = M()
    m.register_full_backward_pre_hook(lambda m, go: log.append([values(g) for g in go]))
    m.register_full_backward_hook(
        lambda m, gi, go: log.append(([values(g) for g in gi], [values(g) for g in go])))
    a = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y, i2, _ = m(a, lib.tensor([0, 2]), lib.tensor([1.0, 1.0]))
    y.sum().backward()
    return log + [i2.requires_grad, y.grad_fn.name(), values(a.grad)]


def test_mixed_inputs_and_unused_outputs_match_torch() -> None:
    torch = pytest.importorskip("torch")
    assert mixed(ak) == mixed(torch)
