"""binary_cross_entropy, binary_cross_entropy_with_logits, logsigmoid and log1p in PyTorch's
float32 order, to the last bit: the C library's logf/log1pf (ops/glibc_float32.py) where
PyTorch's scalar loop calls them, SLEEF's exp/log1p where its vector loop does.

The expected numbers were printed by PyTorch 2.13 (CPU) for the same inputs: sums of the bit
patterns of the result and of the gradient. Run without PyTorch."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.ops.glibc_float32 import log1pf, logf
from autograd_kit.ops.sleef_float32 import sleef_log1p


def bits(t: ak.Tensor) -> int:
    return int(t.detach().numpy().view(np.int32).astype(np.int64).sum())


t = (ak.arange(45) % 3 == 0).float()
w = ak.linspace(0.5, 1.5, 45)
PROBABILITIES = {  # (result bits, gradient bits) from PyTorch
    "bce": (lambda a: F.binary_cross_entropy(a, t), (1068560078, 14985448103)),
    "bce_w_sum": (lambda a: F.binary_cross_entropy(a, t, weight=w, reduction="sum"),
                  (1116343802, 17033652023)),
    "bce_none": (lambda a: F.binary_cross_entropy(a, t, reduction="none"),
                 (47577693562, 17057265739)),
}
LOGITS = {
    "logsigmoid": (F.logsigmoid, (-49077047972, 47798547354)),
    "bce_logits": (lambda a: F.binary_cross_entropy_with_logits(a, t), (1070072863, 13386165275)),
    "log1p": (lambda a: ak.log1p(a.abs()), (46916127110, -4767857000)),
}


@pytest.mark.parametrize("name", sorted(PROBABILITIES))
def test_bce_matches_pytorch_bits(name: str) -> None:
    fn, expected = PROBABILITIES[name]
    p = ak.sigmoid(ak.linspace(-4, 4.5, 45)).requires_grad_()
    loss = fn(p)
    (loss * 3).sum().backward()
    assert (bits(loss), bits(p.grad)) == expected


@pytest.mark.parametrize("name", sorted(LOGITS))
def test_logit_functions_match_pytorch_bits(name: str) -> None:
    fn, expected = LOGITS[name]
    x = ak.linspace(-6, 5, 45).requires_grad_()
    y = fn(x)
    (y * 3).sum().backward()
    assert (bits(y), bits(x.grad)) == expected


def test_c_library_logs_stay_within_one_unit_of_the_true_value() -> None:
    x = np.random.default_rng(1).uniform(-0.999, 30, 50000).astype(np.float32)
    for mine, exact, values in ((log1pf, np.log1p, x), (sleef_log1p, np.log1p, x),
                                (logf, np.log, np.abs(x) + np.float32(1e-3))):
        truth = exact(values.astype(np.float64)).astype(np.float32)
        gap = np.abs(mine(values).view(np.int32).astype(np.int64) - truth.view(np.int32))
        assert gap.max() <= 1


def test_c_library_logs_keep_the_special_values() -> None:
    special = np.array([0.0, -0.0, -1.0, -2.0, np.inf, np.nan, 1e-40], np.float32)
    with np.errstate(all="ignore"):
        for mine, exact in ((log1pf, np.log1p), (logf, np.log), (sleef_log1p, np.log1p)):
            got, expected = mine(special), exact(special.astype(np.float64)).astype(np.float32)
            same = (got == expected) | (np.isnan(got) & np.isnan(expected))
            assert same[:6].all(), (mine.__name__, got, expected)


def test_logsumexp_kl_div_and_xlogy_match_pytorch_bits() -> None:
    """logsumexp: sum in PyTorch's order of exp(x - max); xlogy (and kl_div through it): the
    C library's logf."""
    x = ak.linspace(-4, 3, 60).reshape(4, 15)
    assert bits(ak.logsumexp(x, 1)) == 2136110126
    assert ak.logsumexp(x, (0, 1)).item() == 5.1895527839660645
    p = ak.softmax(ak.linspace(-1, 1, 60).reshape(4, 15) ** 2, 1)
    q = ak.log_softmax(x, 1)
    assert F.kl_div(q, p, reduction="batchmean").item() == 0.1423828899860382
    assert bits(ak.xlogy(p, p * 3)) == -66588036188
