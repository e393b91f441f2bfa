"""Elementwise math, fills and new functions compared with PyTorch's printed output
(skipped without PyTorch; tests/test_ops_additions.py checks the same fixes without it).

Same comparison as tests/test_torch_parity_ops2.py: the sign of zero from remainder and
clamp, add/sub's ``alpha`` on bools, out-of-range Python numbers for small integer types,
and the functions added with this file (fmax, fmin, isin, cov, corrcoef,
unique_consecutive, index_copy, put, deg2rad, rad2deg, float_power).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import printed, spelled_alike

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

SNIPPETS = [
    # ---- remainder: a zero result keeps the dividend's sign (fmod's), as in C
    'x = T.tensor([5., -5., 0., -0., 3.5, -3.5]); print(x % -3, x % 3, T.remainder(x, -3), T.fmod(x, -3), T.fmod(x, 3))',
    'x = T.tensor([5, -5, 0, 3, -3, 6]); print(x % -3, x % 3, T.fmod(x, -3), T.fmod(x, 3), T.remainder(x, T.tensor(-3)))',
    'x = T.tensor([5., -5., 0., -0., 6., -6.]); y = T.tensor([-3., 3., -3., 3., -3., 3.]); print(x % y, T.fmod(x, y), T.remainder(x, y).signbit(), T.fmod(x, y).signbit())',
    'print(T.remainder(5, T.tensor([-3., 3., 0.])), T.remainder(-6, T.tensor([-3, 3])), (-6.) % T.tensor([3., -3.]), T.tensor([-6.]).remainder_(3).signbit())',
    # ---- add / sub with alpha: bools, floats for integers, values the type cannot hold
    'x = T.tensor([True, False]); print(x.add(x, alpha=2), x.add(x, alpha=0), x.add(T.tensor([False, True]), alpha=-1), T.add(x, True, alpha=2))',
    'x = T.tensor([True, False]); print(x.add(1, alpha=2), x.add(1.5, alpha=2), x.add(T.tensor([1, 2]), alpha=3), x.add(x, alpha=2.5))',
    'x = T.tensor([True, False]); x.add_(x, alpha=2); print(x)',
    'x = T.tensor([True, False]); print(x.sub(x, alpha=2))',
    'x = T.tensor([1, 2]); print(x.add(T.tensor([True, False]), alpha=2), x.add(x, alpha=True))',
    'x = T.tensor([1., 2]); print(x.add(x, alpha=True))',
    'x = T.tensor([1, 2]); x.add_(1, alpha=True); print(x)',
    'x = T.tensor([1., 2]); x.sub_(1, alpha=True); print(x)',
    'x = T.tensor([1, 2]); print(x.sub(T.tensor([True, False]), alpha=2))',
    'x = T.tensor([1, 2]); print(x.add(x, alpha=1.0))',
    'x = T.tensor([1, 2]); print(x.add(x, alpha=2**70))',
    'x = T.tensor([1, 2], dtype=T.int8); print(x.add(x, alpha=1000))',
    # ---- Python numbers a small integer type cannot hold: PyTorch's error, or a wrap for unsigned
    'x = T.tensor([1, 2], dtype=T.int8); print(x.clamp(min=-1000, max=1000))',
    'x = T.tensor([1, 2], dtype=T.int8); print(x.clamp(min=300))',
    'x = T.tensor([1, 2], dtype=T.uint8); print(x.clamp(min=-1), x.clamp(max=-250), x.clamp(1.5))',
    'x = T.tensor([1, 2], dtype=T.int32); print(x.clamp(max=2**40))',
    'x = T.tensor([1., 2.]); print(x.clamp(max=1e39))',
    'x = T.tensor([1, 2], dtype=T.int8); print(T.where(x > 1, x, 1000))',
    'x = T.tensor([1, 2], dtype=T.uint8); print(T.where(x > 1, x, -1), T.where(x > 1, -2, x))',
    'print(T.full((2,), 1000, dtype=T.int8))',
    'print(T.full((2,), -1, dtype=T.uint8), T.full((1,), -255, dtype=T.uint8), T.full((1,), 1e39, dtype=T.float64), T.full((1,), 1e39, dtype=T.float16))',
    'print(T.full((2,), -256, dtype=T.uint8))',
    'print(T.full((2,), 2**40, dtype=T.int32))',
    'print(T.full((2,), 2**63))',
    'print(T.full((2,), 2**70))',
    'print(T.full((2,), -2**70))',
    'print(T.full((2,), 1e39))',
    'print(T.full((2,), float("nan"), dtype=T.int32))',
    'x = T.zeros(2, dtype=T.int8); x.fill_(1000); print(x)',
    'x = T.zeros(2, dtype=T.uint8); x.fill_(-1); print(x)',
    'x = T.zeros(2, dtype=T.int32); x.fill_(2**40); print(x)',
    'x = T.zeros(2, dtype=T.int8); print(x.masked_fill(T.tensor([True, False]), 1000))',
    'x = T.zeros(2, dtype=T.uint8); print(x.masked_fill(T.tensor([True, False]), 256))',
    'x = T.zeros(2, dtype=T.uint8); print(x.masked_fill(T.tensor([True, False]), -3))',
    'x = T.zeros(2, dtype=T.int64); print(x.masked_fill(T.tensor([True, False]), 2**64))',
    # ---- clamp keeps x where it equals a bound (-0. stays -0.), with numbers or tensors
    'x = T.tensor([-0., 0., -1., 1.]); print(x.clamp(min=0).signbit(), x.clamp(max=0).signbit(), x.clamp_min(0).signbit(), x.clamp_max(0).signbit(), x.clamp(-0., 0.).signbit(), x.relu().signbit())',
    'x = T.tensor([-0., 0., -1., 1.]); print(x.clamp(min=-0.).signbit(), x.clamp(max=-0.).signbit(), T.clamp(x, T.tensor(0.), T.tensor(0.)).signbit(), T.clamp(x, min=T.zeros(4)).signbit(), x.clamp_(min=0.).signbit())',
    'x = T.tensor([-1., 0.5, 2., float("nan")], requires_grad=True); y = x.clamp(0., 1.); y.sum().backward(); print(y, x.grad)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"p{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert spelled_alike(printed(ak, code)) == spelled_alike(printed(torch, code))
