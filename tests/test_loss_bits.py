"""The regression losses' values and gradients in PyTorch's float32 order, to the last bit:
the mean and sum of a loss are added in PyTorch's order (ops/summation_order.py), and the
backward kernels of mse_loss, smooth_l1_loss and huber_loss run PyTorch's own formulas
(ops/loss_rules.py, ops/robust_losses.py).

The expected numbers were printed by PyTorch 2.13 (CPU) for the same inputs: sums of the bit
patterns of the loss and of the gradient. Run without PyTorch."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F

EXPECTED = {  # (loss bits, gradient bits), from PyTorch
    ("mse_loss", "mean"): (1068608399, 3633857535),
    ("mse_loss", "sum"): (1114553992, 5590320984),
    ("mse_loss", "none"): (45132114295, 5590320984),
    ("smooth_l1_loss", "mean"): (1061345253, 3459493458),
    ("smooth_l1_loss", "sum"): (1107486990, 5405390925),
    ("smooth_l1_loss", "none"): (45131198104, 5405390925),
    ("huber_loss", "mean"): (1047121887, 2822865320),
    ("huber_loss", "sum"): (1092425642, 4787781033),
    ("huber_loss", "none"): (44504026120, 4787781033),
}
OPTIONS = {"mse_loss": {}, "smooth_l1_loss": {"beta": 0.3}, "huber_loss": {"delta": 0.3}}


def bits(t: ak.Tensor) -> int:
    return int(t.detach().numpy().view(np.int32).astype(np.int64).sum())


@pytest.mark.parametrize(("name", "reduction"), sorted(EXPECTED))
def test_loss_and_gradient_bits_match_pytorch(name: str, reduction: str) -> None:
    # 43 values: two whole vectors of 16 and a tail of 11 (PyTorch's two loops)
    x = (ak.linspace(-1.3, 1.1, 43) ** 3).requires_grad_()
    t = ak.linspace(0.7, -0.9, 43)
    loss = getattr(F, name)(x, t, reduction=reduction, **OPTIONS[name])
    (loss * 3).sum().backward()
    assert (bits(loss), bits(x.grad)) == EXPECTED[(name, reduction)]


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_float64_and_target_gradients_keep_the_formula(name: str) -> None:
    """Other dtypes take the plain formula; both inputs get gradients that are opposite."""
    x = ak.linspace(-1, 1, 21, dtype=ak.float64).requires_grad_()
    t = ak.linspace(0.5, -0.5, 21, dtype=ak.float64).requires_grad_()
    getattr(F, name)(x, t, **OPTIONS[name]).backward()
    assert np.allclose(x.grad.numpy(), -t.grad.numpy())
    d = (x - t).detach().numpy()
    width = OPTIONS[name].get("beta", OPTIONS[name].get("delta", None))
    if width is None:
        expected = 2 * d / 21
    elif name == "smooth_l1_loss":
        expected = np.clip(d, -width, width) / width / 21
    else:
        expected = np.clip(d, -width, width) / 21
    assert np.allclose(x.grad.numpy(), expected)
