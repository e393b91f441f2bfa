"""Optimizers and lr schedulers against PyTorch 2.13, live (skipped without PyTorch): round 3
of the optim area (custom optimizers, fused steps, schedulers as a training loop meets them).

Each snippet runs with ``T`` bound to ``torch`` and to ``autograd_kit``; what it leaves in
``out`` (or the error it raises) must match.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")

P = "p = T.nn.Parameter(T.ones(2)); q = T.nn.Parameter(T.zeros(3))\n"

# a learner's own optimizer: `required` marks a setting each group must give
REQUIRED = ("from T.optim.optimizer import required, Optimizer\n"
            "class O(Optimizer):\n"
            "    def __init__(self, ps):\n"
            "        super().__init__(ps, {'lr': required, 'm': 0})\n" + P)
CUSTOM = [
    REQUIRED + "O([p])",
    REQUIRED + "o = O([{'params': [p], 'lr': 0.3}]); out.append(o.param_groups[0]['lr']); out.append(o.defaults); out.append(repr(o)); out.append(o.state_dict())",
    REQUIRED + "o = O([{'params': [p], 'lr': 0.3}]); o.add_param_group({'params': [q]})",
    REQUIRED + "o = O([{'params': [p], 'lr': 0.3}]); o.add_param_group({'params': [q], 'lr': 0.1}); out.append(o.param_groups[1])",
    REQUIRED + "out.append(repr(required)); out.append(type(required).__name__)",
]


@pytest.mark.parametrize("code", CUSTOM, ids=[f"custom{i:02d}" for i in range(len(CUSTOM))])
def test_custom_optimizers_as_pytorch(code: str) -> None:
    assert_same(torch, ak, code)


def _steps(lib, name: str, options: dict, dtype: str, sizes=(12, 23), steps: int = 5) -> list:
    """Parameters and state (as bytes) after ``steps`` steps of ``lib.optim.name`` with the
    same gradients (from NumPy) given to both libraries."""
    import numpy

    rng = numpy.random.default_rng(7)
    params = [lib.nn.Parameter(lib.tensor(rng.standard_normal(n), dtype=getattr(lib, dtype)))
              for n in sizes]  # (a size: an int or a shape)
    opt = getattr(lib.optim, name)(params, **options)
    grads = [[rng.standard_normal(n) for n in sizes] for _ in range(steps)]
    for step in grads:
        for p, g in zip(params, step):
            p.grad = lib.tensor(g, dtype=getattr(lib, dtype))
        opt.step()
    return [[p.detach().numpy().tobytes().hex() for p in params],
            [{k: v.numpy().tobytes().hex() for k, v in opt.state[p].items()} for p in params]]


# PyTorch's fused CPU Adam rounds the last numel % 8 (float32) / % 4 (float64) values of the
# second moment as fma(v, beta2, ((1 - beta2) g) g)
FUSED = [("Adam", {"fused": True}), ("Adam", {"fused": True, "lr": 0.1, "amsgrad": True, "weight_decay": 0.1}),
         ("AdamW", {"fused": True, "lr": 0.1, "maximize": True}), ("Adam", {"fused": True, "lr": 0.1, "betas": (0.3, 0.5)})]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", FUSED, ids=[f"fused{i}" for i in range(len(FUSED))])
def test_fused_adam_bit_for_bit(case: tuple, dtype: str) -> None:
    name, options = case
    assert _steps(ak, name, options, dtype) == _steps(torch, name, options, dtype)


# Adafactor (float32): ‖p‖, ‖update‖ and the row statistics with PyTorch's norm kernel, the
# column statistics' sum of squares row after row, mean(R) as PyTorch's sum (the kit summed
# in float64 / took NumPy's pairwise mean)
ADAFACTOR = [{}, {"lr": 0.1, "weight_decay": 0.1, "maximize": True}, {"beta2_decay": -0.5, "d": 2.0}]


@pytest.mark.parametrize("options", ADAFACTOR, ids=[f"adafactor{i}" for i in range(len(ADAFACTOR))])
def test_adafactor_float32_bit_for_bit(options: dict) -> None:
    sizes = ((16, 9), (5,), (2, 7, 5), (12,))
    assert (_steps(ak, "Adafactor", options, "float32", sizes)
            == _steps(torch, "Adafactor", options, "float32", sizes))


# fused Adam on float16 parameters: PyTorch's CPU kernel computes the whole step in float32
# (the denominator from the unrounded v) and rounds only what it stores
HALF = [("Adam", {"fused": True}), ("Adam", {"fused": True, "lr": 0.1, "amsgrad": True, "weight_decay": 0.1, "maximize": True}),
        ("AdamW", {"fused": True, "lr": 0.05, "weight_decay": 0.3, "betas": (0.3, 0.9)})]


@pytest.mark.parametrize("case", HALF, ids=[f"half{i}" for i in range(len(HALF))])
def test_fused_adam_float16_bit_for_bit(case: tuple) -> None:
    name, options = case
    sizes = (5, 33, 70)
    assert _steps(ak, name, options, "float16", sizes) == _steps(torch, name, options, "float16", sizes)
