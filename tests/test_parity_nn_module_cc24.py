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
