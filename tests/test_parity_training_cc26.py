"""Parity with PyTorch for nn and optim as PyTorch users use them: module API, containers,
common layers and losses (values bit for bit), optimizers and lr schedulers. Compared live
with PyTorch."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from parity_harness import same_built

import autograd_kit as ak

torch = pytest.importorskip("torch")

_RNG = numpy.random.default_rng(26)
_X = _RNG.standard_normal((6, 5)).astype(numpy.float32)
_Y = _RNG.random((6, 5)).astype(numpy.float32)


def _bits(t: Any) -> tuple[str, list[int], bytes]:
    """A tensor as its dtype, shape and exact bytes."""
    return str(t.dtype).split(".")[-1], list(t.shape), t.detach().numpy().tobytes()


@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_soft_margin_loss_uses_pytorch_exp_and_log1p_kernels(reduction: str) -> None:
    """PyTorch computes soft_margin_loss as neg, mul_, exp_, log1p_ with its own float32
    kernels; the kit's NumPy exp and log1p were 1 ulp off for some values."""
    def build(lib: Any) -> Any:
        x = lib.tensor(_X * 3, requires_grad=True)
        loss = lib.nn.SoftMarginLoss(reduction=reduction)(x, lib.tensor(_Y))
        loss.sum().backward()
        return _bits(loss), _bits(x.grad)
    same_built(build, torch, ak)


@pytest.mark.parametrize("norm_type", [2.0, 1.0, 3.5])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_embedding_max_norm_scales_rows_by_pytorchs_norm(dtype: str, norm_type: float) -> None:
    """PyTorch's embedding_renorm_ scales a row by max_norm / (norm + 1e-7) with the row's
    norm as row.norm(p) gives it (float32 for a float32 table); the kit took the norm in
    float64, so a renormed row could be 1 ulp off."""
    def build(lib: Any) -> Any:
        lib.manual_seed(0)
        table = lib.nn.Embedding(50, 7, max_norm=1.0, norm_type=norm_type)
        table = table.to(getattr(lib, dtype))
        looked_up = table(lib.arange(50).reshape(5, 10))
        return _bits(table.weight), _bits(looked_up)
    same_built(build, torch, ak)
