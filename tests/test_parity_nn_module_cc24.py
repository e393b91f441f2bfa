"""Parity with PyTorch for the nn.Module API and the optimizers: what users call on a model
and on an optimizer (state, hooks, containers, steps), compared live with PyTorch."""

from __future__ import annotations

from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _steps(lib: Any, name: str, dtype: str, steps: int = 3, **kwargs: Any) -> list[Any]:
    """The parameters and the state after ``steps`` steps of optimizer ``name``."""
    w = lib.nn.Parameter(lib.tensor([1.0, -2.0, 0.5], dtype=getattr(lib, dtype)))
    opt = getattr(lib.optim, name)([w], **kwargs)
    for i in range(steps):
        opt.zero_grad()
        ((w ** 2).sum() * (i + 1) + (w ** 3).sum()).backward()
        opt.step()
    state = {k: v.tolist() if isinstance(v, lib.Tensor) else v for k, v in opt.state[w].items()}
    return [w.tolist(), state]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("flags", [{}, {"foreach": True}, {"foreach": False}, {"fused": True}])
def test_adagrad_tensor_lr_decay_rounds_in_the_lr_dtype(dtype: str, flags: dict) -> None:
    """lr / (1 + (t-1)·lr_decay) with a 0-dim float32 lr is a float32 quotient in PyTorch
    (its fused kernel reads the lr as a double)."""
    def run(lib: Any) -> list[Any]:
        return _steps(lib, "Adagrad", dtype, lr=lib.tensor(0.1), lr_decay=0.1, **flags)
    assert run(ak) == run(torch)


def _error(call: Any) -> str:
    try:
        call()
    except Exception as error:  # noqa: BLE001 (the error is what is compared)
        return f"{type(error).__name__}: {error}".replace("autograd_kit", "torch")
    return "no error"


@pytest.mark.parametrize("call", [
    lambda lib: lib.ones(3).add_(lib.ones(3), alpha=lib.tensor(0.5, requires_grad=True)),
    lambda lib: lib.ones(3).sub_(lib.ones(3), alpha=lib.tensor([0.5])),
    lambda lib: lib.ones(3).add(lib.ones(3), alpha=lib.tensor([0.5])),
    lambda lib: lib.ones(3, dtype=lib.int64).add_(lib.ones(3, dtype=lib.int64),
                                                 alpha=lib.tensor(0.5)),
    lambda lib: lib.ones(3, dtype=lib.int64).sub(lib.ones(3, dtype=lib.int64),
                                                alpha=lib.tensor(2.0)),
    lambda lib: lib.full((2,), lib.tensor(0.5, requires_grad=True)),
    lambda lib: lib.full_like(lib.ones(2), lib.tensor(0.5, requires_grad=True)),
    lambda lib: lib.ones(2).new_full((2,), lib.tensor(0.5, requires_grad=True)),
    lambda lib: lib.add(lib.ones(3), lib.ones(3), alpha=lib.tensor(0.5, requires_grad=True)),
    lambda lib: lib.add(lib.ones(3), 2, alpha=lib.tensor([0.5])),
    lambda lib: lib.add(lib.ones(3), lib.ones(3), alpha=None),
    lambda lib: lib.sub(lib.ones(3), lib.ones(3), alpha=[1]),
    lambda lib: lib.add(lib.ones(3), lib.ones(3), alpha="x"),
    lambda lib: lib.add(lib.ones(3, dtype=lib.int64), lib.ones(3, dtype=lib.int64),
                        alpha=lib.tensor(0.5)),
], ids=["add_-grad", "sub_-1dim", "add-1dim", "add_-int-float", "sub-int-float", "full",
        "full_like", "new_full", "torch.add-grad", "torch.add-1dim", "torch.add-None",
        "torch.sub-list", "torch.add-str", "torch.add-int-float"])
def test_a_tensor_number_argument_is_its_value_unless_it_needs_grad(call: Any) -> None:
    """PyTorch's parser reads a 0-dim tensor that needs no grad as the number it holds
    (a float one is refused as an integer add's alpha); any other tensor is a TypeError."""
    assert _error(lambda: call(ak)) == _error(lambda: call(torch))


def test_a_tensor_number_argument_gives_the_same_values() -> None:
    def run(lib: Any) -> list[Any]:
        a = lib.ones(3, dtype=lib.float64)
        return [a.add(a, alpha=lib.tensor(0.1)).tolist(), a.sub(a, alpha=lib.tensor(2)).tolist(),
                a.clone().add_(a, alpha=lib.tensor(0.1, dtype=lib.float32)).tolist(),
                lib.ones(3, dtype=lib.int64).add(lib.ones(3, dtype=lib.int64),
                                                 alpha=lib.tensor(3)).tolist(),
                lib.sub(a, a * 3, alpha=lib.tensor(0.1)).tolist(),
                lib.add(a, 2, alpha=lib.tensor(0.1, dtype=lib.float32)).tolist()]
    assert run(ak) == run(torch)


OPTIMIZERS = ["SGD", "Adam", "AdamW", "Adagrad", "Adamax", "RMSprop", "Adadelta", "NAdam",
              "RAdam", "ASGD", "Rprop", "Adafactor"]


@pytest.mark.parametrize("foreach", [False, True])
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_an_lr_that_requires_grad(name: str, foreach: bool) -> None:
    """Steps run without grad, so lr arithmetic gives plain numbers; Rprop's
    full_like(grad, lr) refuses the tensor (PyTorch's parser)."""
    def run(lib: Any) -> Any:
        w = lib.nn.Parameter(lib.ones(2))
        opt = getattr(lib.optim, name)([w], lr=lib.tensor(0.1, requires_grad=True),
                                       foreach=foreach)
        w.grad = lib.ones(2)
        opt.step()
        opt.step()
        return w.tolist()
    expected = _error(lambda: run(torch))
    assert _error(lambda: run(ak)) == expected
    if expected == "no error":
        assert run(ak) == run(torch)


def _recorded_steps(lib: Any, name: str, lr: Any, dtype: str, **kwargs: Any) -> Any:
    """Three differentiable steps from w0; then the gradient of |w|² for w0 (and the lr)."""
    dt = getattr(lib, dtype)
    w0 = lib.tensor([1.0, -2.0, 0.5], dtype=dt, requires_grad=True)
    w = w0.clone()
    opt = getattr(lib.optim, name)([w], differentiable=True, lr=lr, **kwargs)
    for i in range(3):
        g, = lib.autograd.grad((w ** 2).sum() * (i + 1) + (w ** 3).sum(), w, create_graph=True)
        w.grad = g
        opt.step()
    wrt = [w0, lr] if isinstance(lr, lib.Tensor) and lr.requires_grad else [w0]
    return [w.tolist()] + [g.tolist() for g in lib.autograd.grad((w ** 2).sum(), wrt)]


DIFFERENTIABLE = [("SGD", {}), ("SGD", {"momentum": 0.9, "nesterov": True}), ("Adam", {}),
                  ("AdamW", {}), ("Adagrad", {}), ("Adagrad", {"lr_decay": 0.1}),
                  ("Adamax", {}), ("RMSprop", {}), ("RMSprop", {"centered": True,
                                                                "momentum": 0.5}),
                  ("Adadelta", {}), ("Rprop", {}), ("NAdam", {}), ("RAdam", {})]


@pytest.mark.parametrize("lr", ["grad", "0-dim", "1-element"])
@pytest.mark.parametrize("name, kwargs", DIFFERENTIABLE, ids=lambda v: str(v))
def test_differentiable_step_with_a_tensor_lr(name: str, kwargs: dict, lr: str) -> None:
    """differentiable=True: the step is recorded, so an lr that requires grad reaches
    addcdiv_/add_ (value=, alpha=) as a tensor that needs grad: PyTorch refuses it there
    for Adagrad, Adamax, RMSprop, Adadelta and Rprop; a 1-element lr is squeezed first."""
    def run(lib: Any) -> Any:
        value = {"grad": lib.tensor(0.1, dtype=lib.float64, requires_grad=True),
                 "0-dim": lib.tensor(0.1), "1-element": lib.tensor([0.1])}[lr]
        return _recorded_steps(lib, name, value, "float64", **kwargs)
    expected = _error(lambda: run(torch))
    assert _error(lambda: run(ak)) == expected
    if expected == "no error":
        assert run(ak) == run(torch)
