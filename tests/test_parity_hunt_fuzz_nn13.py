"""Training-loop parity with PyTorch found by a differential fuzzer (models, losses,
optimizers, schedulers, clipping); each test compares with PyTorch live."""
from __future__ import annotations

import copy

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _resume(lib, name: str) -> tuple[list[float], list[float], dict[str, str]]:
    """One step of ``name`` on a float64 parameter, a fresh optimizer loaded from its state,
    then one more step of each: both parameters and the loaded state's dtypes."""
    p = lib.tensor([1.0, -2.0], dtype=lib.float64, requires_grad=True)
    q = p.detach().clone().requires_grad_()
    a = getattr(lib.optim, name)([p], lr=0.05)
    p.grad = lib.tensor([0.5, -1.0], dtype=lib.float64)
    a.step()
    b = getattr(lib.optim, name)([q])
    q.data = p.detach().clone()
    b.load_state_dict(copy.deepcopy(a.state_dict()))
    for x, o in ((p, a), (q, b)):
        x.grad = lib.tensor([0.3, 0.1], dtype=lib.float64)
        o.step()
    dtypes = {k: str(v.dtype).split(".")[-1] for k, v in b.state[q].items()}
    return p.detach().numpy().tolist(), q.detach().numpy().tolist(), dtypes


@pytest.mark.parametrize("name", ["NAdam", "ASGD", "Adam"])
def test_loaded_zero_dim_state_takes_the_parameter_dtype(name: str) -> None:
    want = _resume(torch, name)
    got = _resume(ak, name)
    assert got[2] == want[2]
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
