"""nn and optim compared with PyTorch's printed output (skipped without PyTorch): NllLoss2d's
saved values, optimizer state of the wrong shape, and the layers a learner meets after the
syllabus (convolutions, pooling, dropout, embeddings, norms, recurrent layers, utils, schedulers).

Each snippet runs with ``T`` bound to ``torch`` and to ``autograd_kit`` and must print the same
(errors included).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

# ---- NllLoss2DBackward0 keeps what PyTorch's keeps
NLL2D = [
    "x = T.tensor([[[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6], [0.7, 0.8]], [[0.9, 1.0], [1.1, 1.2]]]], requires_grad=True)\nt = T.tensor([[[0, 1], [2, 1]]])\nfor red in ['mean', 'sum', 'none']:\n    for w in [None, T.tensor([1.0, 2.0, 3.0])]:\n        g = T.nn.functional.nll_loss(x.log_softmax(1), t, weight=w, reduction=red, ignore_index=1 if red == 'sum' else -100).grad_fn\n        print(type(g).__name__, [a for a in dir(g) if a.startswith('_saved')])\n        print(g._saved_ignore_index, g._saved_reduction, g._saved_total_weight, g._saved_weight, g._saved_target, g._saved_self.shape)\n",
    "x = T.zeros(2, 3, 4, requires_grad=True); t = T.tensor([[0, 1, 2, 0], [1, 1, 1, 1]])\ny = T.nn.functional.nll_loss(x, t, reduction='none'); print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())\ng = y.grad_fn.next_functions[0][0]; print(g._saved_self.shape, g._saved_target.shape, g._saved_total_weight)\nprint(sorted(a for a in dir(g) if 'saved' in a))\n",
    "x = T.zeros(1, 2, 2, 2, requires_grad=True); t = T.tensor([[[0, 1], [1, 1]]])\nl = T.nn.CrossEntropyLoss(weight=T.tensor([1.0, 4.0]))(x, t); n = l.grad_fn; print(n.name(), n._saved_total_weight, n._saved_weight)\n",
]


@pytest.mark.parametrize("code", NLL2D)
def test_nll_loss_2d_node(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- optimizer state of the wrong shape (loaded from another model) fails as PyTorch's update
OPTIM_STATE_SHAPE = [
    'cfg = {"SGD": dict(momentum=0.9), "Adam": {}, "AdamW": dict(amsgrad=True), "RMSprop": dict(momentum=0.9, centered=True), "Adagrad": {}, "Adamax": {}, "NAdam": {}, "RAdam": {}, "Adadelta": {}, "Rprop": {}, "ASGD": {}}\nfor name, kw in cfg.items():\n    p3 = T.zeros(3, requires_grad=True); p2 = T.zeros(2, requires_grad=True)\n    a = getattr(T.optim, name)([p2], lr=0.1, **kw); p2.grad = T.ones(2); a.step()\n    b = getattr(T.optim, name)([p3], lr=0.1, **kw); b.load_state_dict(a.state_dict())\n    p3.grad = T.ones(3)\n    try:\n        b.step()\n    except RuntimeError as e:\n        print(name, e)\n',
    'for name, kw in {"SGD": dict(momentum=0.9), "Adam": {}, "Rprop": {}}.items():\n    for a_shape, b_shape in [((1,), (3,)), ((3,), (2, 3)), ((2, 3), (2, 4)), ((2, 3), (3,))]:\n        if name == "Rprop" and len(a_shape) > len(b_shape):\n            continue\n        p3 = T.zeros(*b_shape, requires_grad=True); p2 = T.zeros(*a_shape, requires_grad=True); ok = T.zeros(2, requires_grad=True)\n        a = getattr(T.optim, name)([ok, p2], lr=0.1, **kw); p2.grad = T.ones(a_shape); ok.grad = T.ones(2); a.step()\n        ok2 = T.zeros(2, requires_grad=True); b = getattr(T.optim, name)([ok2, p3], lr=0.1, **kw); b.load_state_dict(a.state_dict())\n        p3.grad = T.ones(b_shape); ok2.grad = T.ones(2)\n        try:\n            b.step()\n        except RuntimeError as e:\n            print(name, a_shape, b_shape, e, ok2, p3)\n',
]


@pytest.mark.parametrize("code", OPTIM_STATE_SHAPE)
def test_optimizer_state_of_another_shape(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- Flatten / Unflatten
FLATTEN = [
    "f = T.nn.Flatten(); print(f); y = f(T.ones(2, 3, 4, requires_grad=True)); print(y.shape, y.grad_fn.name()); print(T.nn.Flatten(0, -1)(T.ones(2, 3)).shape, T.nn.Flatten(start_dim=2)(T.ones(2, 3, 4, 5)).shape)\n",
    "u = T.nn.Unflatten(1, (2, 5)); print(u); print(u(T.ones(3, 10)).shape); u2 = T.nn.Unflatten(-1, T.Size([2, 2])); print(u2, u2(T.ones(4)).shape)\n",
    "for args in [(1, [2, 'a']), (1, 5), (1, (2, 2.0)), ('x', (2, 2)), (1, (-1, 2)), (1, [2, -1]), (2, (2, 2)), (1, (3, 3)), (1, ('C', 2))]:\n    try:\n        u = T.nn.Unflatten(*args); print(u); print(u(T.ones(3, 4)).shape)\n    except Exception as e:\n        print(type(e).__name__, e)\n",
]


@pytest.mark.parametrize("code", FLATTEN)
def test_flatten_unflatten(code: str) -> None:
    assert_same_as_pytorch(code)
