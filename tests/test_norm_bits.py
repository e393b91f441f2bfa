"""2-norms (ops/norm_float32.py) and the sums that give broadcast inputs their gradients
(ops/broadcast.py) in PyTorch's float32 order, and what is built on them (normalize,
cosine_similarity). The expected numbers were printed by PyTorch 2.13 (CPU) for the same
inputs. Run without PyTorch."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.ops.norm_float32 import norm2
from autograd_kit.ops.sleef_float32 import fma


def bits(t: ak.Tensor) -> int:
    return int(t.detach().numpy().view(np.int32).astype(np.int64).sum())


def example() -> ak.Tensor:
    return ak.linspace(-3, 4, 111).reshape(37, 3) ** 2 / 5


def test_norms_and_normalize_match_pytorch() -> None:
    x = example()
    assert x.norm().item() == 12.887870788574219
    assert bits(x.norm(dim=1)) == 39202753074
    assert bits(F.normalize(x, dim=1)) == 117364949459


def test_cosine_similarity_and_its_gradient_match_pytorch() -> None:
    x = example().requires_grad_()
    y = F.cosine_similarity(x, example().flip(0), dim=1)
    (y * ak.arange(37.)).sum().backward()
    assert (bits(y), bits(x.grad)) == (39393398874, 31892293677)


def test_broadcast_gradients_are_summed_in_pytorchs_order() -> None:
    b = ak.tensor(0.5, requires_grad=True)
    c = ak.zeros(3, requires_grad=True)
    x = example()
    ((x * 1.7 + b + c) ** 2).backward(x)
    assert b.grad.item() == 662.5787963867188
    assert bits(c.grad) == 3390477352


def reference(row: np.ndarray) -> np.float32:
    """The kernel's loop written out: 8 lanes, left fold, then the tail (4 plain, rest fused)."""
    full = len(row) - len(row) % 8
    lanes = [np.float32(0)] * 8
    for start in range(0, full, 8):
        lanes = [np.float32(a + v * v) for a, v in zip(lanes, row[start:start + 8])]
    total = lanes[0]
    for lane in lanes[1:]:
        total = np.float32(total + lane)
    for i, v in enumerate(row[full:]):
        total = np.float32(total + v * v) if i < 4 and len(row) - full >= 4 else fma(v, v, total)
    return np.float32(np.sqrt(total))


@pytest.mark.parametrize("n", [1, 3, 4, 7, 8, 12, 15, 16, 29, 100])
def test_norm_follows_the_kernel_loop(n: int) -> None:
    rows = np.random.default_rng(n).standard_normal((4, n)).astype(np.float32)
    assert [float(v) for v in norm2(rows, (1,), False)] == [float(reference(r)) for r in rows]
    assert norm2(rows, (0,), False) is None  # another dim: the plain formula
    assert norm2(rows.astype(np.float64), None, False) is None
