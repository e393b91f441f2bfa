"""Elementwise math, fills and new functions compared with PyTorch's printed output
(skipped without PyTorch; tests/test_ops_additions.py checks the same fixes without it).

Same comparison as tests/test_torch_parity_ops2.py: the sign of zero from remainder and
clamp, add/sub's ``alpha`` on bools, out-of-range Python numbers for small integer types,
and the functions added with this file (fmax, fmin, isin, cov, corrcoef,
unique_consecutive, index_copy, put, deg2rad, rad2deg, float_power, nanmedian, copysign,
logaddexp2, ldexp, nextafter, frexp, heaviside).
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
    # ---- fmax / fmin, deg2rad / rad2deg, float_power: values, dtypes, nodes, gradients
    "x = T.tensor([1., float('nan'), 3., 2.], requires_grad=True); y = T.tensor([2., 1., float('nan'), 2.], requires_grad=True); z = T.fmax(x, y); print(z, z.grad_fn.next_functions); z.sum().backward(); print(x.grad, y.grad)",
    "x = T.tensor([1., float('nan'), 3., 2.], requires_grad=True); y = T.tensor([2., 1., float('nan'), 2.], requires_grad=True); z = x.fmin(y); print(z); z.sum().backward(); print(x.grad, y.grad)",
    'x = T.tensor([[1., 5.]], requires_grad=True); y = T.tensor([[2.], [0.]], requires_grad=True); z = T.fmax(x, y); z.sum().backward(); print(z, x.grad, y.grad)',
    'print(T.fmax(T.tensor([1, 5]), T.tensor([2., float("nan")])), T.fmax(T.tensor([True]), T.tensor([False])), T.fmin(T.tensor([1, 5], dtype=T.int8), T.tensor([3, 3])))',
    'T.fmax(T.tensor([1.]), 2)',
    'T.fmin(2, T.tensor([1.]))',
    'a = T.tensor([30., 90.], requires_grad=True); z = T.deg2rad(a); print(z, z.grad_fn); z.sum().backward(); print(a.grad); w = a.rad2deg(); print(w, w.grad_fn); g, = T.autograd.grad(w.sum(), a); print(g)',
    'print(T.deg2rad(T.tensor([180])), T.rad2deg(T.tensor([1], dtype=T.int8)), T.deg2rad(T.tensor([True])), T.deg2rad(T.tensor([180.], dtype=T.float64)), T.tensor([180.]).deg2rad_(), T.tensor([1.]).rad2deg_())',
    'T.tensor([180]).deg2rad_()',
    'a = T.tensor([1., 2.], requires_grad=True); z = T.float_power(a, 2); print(z, z.grad_fn, z.grad_fn.next_functions); z.sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); z = T.float_power(a, T.tensor([2, 3])); print(z, z.grad_fn, z.grad_fn.next_functions); z.sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); z = T.float_power(2, a); print(z, z.grad_fn, z.grad_fn.next_functions); z.sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], dtype=T.float64, requires_grad=True); z = a.float_power(2.5); print(z, z.grad_fn.next_functions)',
    'print(T.float_power(T.tensor([1, 2]), 2), T.float_power(T.tensor([-8.]), 1/3), T.float_power(T.tensor([2]), -1), T.tensor([3, 4]).float_power(T.tensor([2.])))',
    'T.float_power(2, 3)',
    'T.tensor([1.,2.]).float_power_(2)',
    'x = T.tensor([1.,2.], dtype=T.float64); print(x.float_power_(T.tensor([2.])), x.float_power_(2))',
    'print(T.isin(T.tensor([1., 2.]), T.tensor([2])), T.isin(T.tensor([1, 2]), 2.5), T.isin(T.tensor([[1, 2], [3, 4]]), T.tensor([4, 1]), invert=True), T.isin(2, T.tensor([1, 2])), T.isin(T.tensor([1.,float("nan")]), T.tensor([float("nan")])), T.isin(T.tensor([1, 2]), T.tensor([1, 2]), assume_unique=True))',
    # ---- isin and unique_consecutive
    'T.isin(1, 2)',
    'T.isin(T.tensor([True, False]), T.tensor([True]))',
    'print(T.unique_consecutive(T.tensor([[1, 1], [1, 1], [2, 3], [2, 3], [1, 1]]), dim=0, return_inverse=True, return_counts=True))',
    'print(T.unique_consecutive(T.tensor([[1, 1], [1, 2]]), return_counts=True), T.unique_consecutive(T.tensor([[1, 1], [1, 1]]), return_inverse=True), T.unique_consecutive(T.tensor([]), return_inverse=True, return_counts=True), T.unique_consecutive(T.tensor(3.), return_inverse=True, return_counts=True))',
    'print(T.tensor([3, 3, 1]).unique_consecutive(return_counts=True), T.unique_consecutive(T.tensor([[1, 2], [1, 2]]), dim=1, return_inverse=True, return_counts=True), T.unique_consecutive(T.tensor([float("nan"), float("nan"), 1.]), return_counts=True), T.unique_consecutive(T.tensor([[1, 2], [1, 2]]), dim=-1))',
    'x = T.tensor([1., 1., 2.], requires_grad=True); y = T.unique_consecutive(x); print(y, y.grad_fn); y.sum().backward()',
    'x = T.tensor([[1., 1.], [1., 1.]], requires_grad=True); y, c = T.unique_consecutive(x, dim=0, return_counts=True); print(y, c, y.grad_fn); y.sum().backward()',
    'print(T.cov(T.tensor([[1., 2., 4.], [0., 3., 3.]])), T.cov(T.tensor([1., 2., 4.])), T.cov(T.tensor([1, 2, 4])), T.tensor([[1., 2., 4.], [0., 3., 3.]]).cov(correction=0))',
    'x = T.tensor([[1., 2., 4.], [0., 3., 3.]], requires_grad=True); c = T.cov(x); print(c, c.grad_fn, c.grad_fn.next_functions); (c * T.tensor([[1., 2.], [3., 4.]])).sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 4.], requires_grad=True); c = T.cov(x); print(c, c.grad_fn); c.backward(); print(x.grad)',
    'T.cov(T.ones(2, 2, 2))',
    'print(T.cov(T.tensor([1., 2.]), correction=2), T.cov(T.tensor([[1., 2., 4.]]), fweights=T.tensor([1, 2, 1]), aweights=T.tensor([0.5, 1., 2.])), T.cov(T.tensor([[1., 2., 4.], [3., 1., 0.]]), aweights=T.tensor([0.5, 1., 2.]), correction=0))',
    'x = T.tensor([[1., 2., 4.], [0., 3., 3.]], requires_grad=True); w = T.tensor([0.5, 1., 2.], requires_grad=True); c = T.cov(x, fweights=T.tensor([1, 2, 1]), aweights=w); c.sum().backward(); print(c, x.grad, w.grad)',
    'T.cov(T.tensor([[1., 2., 4.]]), fweights=T.tensor([1., 2, 1]))',
    'T.cov(T.tensor([[1., 2., 4.]]), aweights=T.tensor([1, 2, 1]))',
    'T.cov(T.tensor([[1., 2., 4.]]), fweights=T.tensor([1, 2]))',
    'T.cov(T.tensor([[1., 2., 4.]]), fweights=T.tensor([1, -2, 1]))',
    'T.cov(T.tensor([[1., 2., 4.]]), fweights=T.tensor([[1, 2, 1]]))',
    'T.cov(T.tensor([[1., 2., 4.]]), aweights=T.tensor([0., 0., 0.]))',
    'T.cov(T.tensor([True, False]))',
    'print(T.corrcoef(T.tensor([[1., 2., 4.], [0., 3., 3.]])), T.corrcoef(T.tensor([1., 2.])), T.corrcoef(T.tensor([1, 2, 3])), T.corrcoef(T.tensor([2., 2.])), T.tensor([[1., 2., 4.], [4., 2., 1.]]).corrcoef())',
    'x = T.tensor([[1., 2., 4.], [0., 3., 3.], [1., 0., 1.]], requires_grad=True); c = T.corrcoef(x); print(c.grad_fn, c.grad_fn.next_functions); (c * T.tensor([[1., 2., 0.5], [3., -1., 2.], [0.3, 4., 1.]])).sum().backward(); print((x.grad * 1e4).round() / 1e4 + 0.)',
    'T.corrcoef(T.ones(2, 2, 2))',
    # ---- index_copy / index_copy_ and put / put_: values, repeated indices, gradients, errors
    't = T.zeros(3, 2, requires_grad=True); s = T.ones(2, 2, requires_grad=True); r = t.index_copy(0, T.tensor([2, 0]), s); print(r, r.grad_fn, r.grad_fn.next_functions); (r * T.arange(6.).view(3, 2)).sum().backward(); print(t.grad, s.grad)',
    'print(T.zeros(3).index_copy(0, T.tensor([1, 1]), T.tensor([1., 2.])), T.zeros(3).index_copy(0, T.tensor(1), T.tensor(5.)), T.tensor(0.).index_copy(0, T.tensor([0]), T.tensor([5.])), T.zeros(3, 2).index_copy(-1, T.tensor([1]), T.ones(3, 1)), T.index_copy(T.zeros(2, 2), 1, T.tensor([0]), T.ones(2, 1)))',
    's = T.tensor(5., requires_grad=True); r = T.zeros(3).index_copy(0, T.tensor([1]), s); r.sum().backward(); print(r, s.grad)',
    't = T.zeros(3, 2); t.index_copy_(1, T.tensor([1]), T.ones(3, 1)); print(t)',
    't = T.zeros(3, 2, requires_grad=True).clone(); s = T.ones(1, 2, requires_grad=True); t.index_copy_(0, T.tensor([1]), s); print(t, t.grad_fn); t.sum().backward(); print(s.grad)',
    'T.zeros(3).index_copy(0, T.tensor([1]), T.tensor([1., 2.]))',
    'T.zeros(3).index_copy(0, T.tensor([5]), T.tensor([1.]))',
    'T.zeros(3).index_copy(0, T.tensor([1]), T.tensor([1]))',
    'T.zeros(3).index_copy(0, T.tensor([1.]), T.tensor([1.]))',
    'T.zeros(3, 2).index_copy(0, T.tensor([1], dtype=T.int32), T.ones(1, 2))',
    'T.zeros(3, 2).index_copy(1, T.tensor([1]), T.ones(3))',
    'T.zeros(3,2).index_copy(0, T.tensor([-1]), T.ones(1,2))',
    'T.zeros(3, 2).index_copy(0, T.tensor([[1]]), T.ones(1, 2))',
    'T.zeros(3, 2).index_copy(0, T.tensor([1]), T.ones(1, 3))',
    'T.zeros(3).index_copy(0, T.tensor([1, 2]), T.tensor(5.))',
    't2 = T.zeros(3, 2, requires_grad=True); s2 = T.tensor([5., 6.], requires_grad=True); r = t2.put(T.tensor([1, 5]), s2); print(r, r.grad_fn, r.grad_fn.next_functions); (r * T.arange(6.).view(3, 2)).sum().backward(); print(t2.grad, s2.grad)',
    't2 = T.zeros(3, 2, requires_grad=True); s2 = T.tensor([[5., 6.]], requires_grad=True); r = T.put(t2, T.tensor([1, 1]), s2, accumulate=True); print(r, r.grad_fn); (r * T.arange(6.).view(3, 2)).sum().backward(); print(t2.grad, s2.grad)',
    'print(T.zeros(2, 2).put(T.tensor([1, -1]), T.tensor([5., 6.])), T.zeros(2, 2).put(T.tensor([[1, 2]]), T.tensor([5., 6.])), T.zeros(2, 2, dtype=T.int64).put_(T.tensor([1, 1]), T.tensor([5, 6]), True), T.zeros(2, 2).put(T.tensor([1, 1]), T.tensor([5., 6.])))',
    'T.zeros(2, 2).put(T.tensor([4]), T.tensor([5.]))',
    'T.zeros(3,2).put(T.tensor([-7]), T.ones(1))',
    'T.zeros(2, 2).put(T.tensor([1, 2]), T.tensor([5.]))',
    'T.zeros(2, 2).put(T.tensor([1]), T.tensor([5]))',
    'T.zeros(2, 2).put(T.tensor([1.]), T.tensor([5.]))',
    'T.zeros(3,2).put(T.tensor([1], dtype=T.int32), T.ones(1))',
    't = T.ones(4, requires_grad=True).clone(); s = T.tensor([7.], requires_grad=True); t.put_(T.tensor([2]), s); print(t, t.grad_fn); t.sum().backward(); print(s.grad)',
    # ---- methods PyTorch has (and has not)
    'print(hasattr(T.Tensor, "isin"), hasattr(T.Tensor, "fmax_"), [hasattr(T.Tensor, n) for n in ("fmax", "fmin", "deg2rad_", "rad2deg_", "float_power_", "cov", "corrcoef", "unique_consecutive", "index_copy_", "put_")])',
    # ---- nanmedian (all values and along a dim), gradients
    "n = float('nan'); x = T.tensor([[n, 1., n, 3., 2.], [n, n, n, n, n], [4., 1., 1., n, 4.]], requires_grad=True); r = x.nanmedian(1); print(r); r.values.sum().backward(); print(x.grad, r.values.grad_fn); x.grad = None; y = x.nanmedian(); print(y, y.grad_fn); y.backward(); print(x.grad)",
    "n = float('nan'); x2 = T.tensor([n, n], requires_grad=True); y = x2.nanmedian(); y.backward(); print(y, x2.grad); print(T.tensor([3, 1, 2]).nanmedian(), T.tensor([]).nanmedian(), T.nanmedian(T.tensor([[1., 2.]]), 0, keepdim=True), T.tensor(5.).nanmedian(0), T.tensor([[3, 1], [2, 2]]).nanmedian(0))",
    'x = T.tensor([[1., 2., 3., 4.]], requires_grad=True); y = T.nanmedian(x, -1, True); print(y); y.values.sum().backward(); print(x.grad)',
    # ---- clamp's result type includes its bounds (bools become integers or floats)
    'print(T.tensor([True, False]).clamp(0, 1), T.tensor([True]).clamp(0.5), T.tensor([True]).clamp_min(2), T.tensor([True]).clamp(max=2.5), T.tensor([1, 2]).clamp(0.5, 1.5))',
    'T.tensor([True]).clamp(True, True)',
    'T.tensor([True]).clamp_min(True)',
    'T.tensor([True]).clamp_max(False)',
    # ---- Python ints beyond 64 bits in arithmetic and comparisons
    'print(T.tensor([1, 2], dtype=T.int8) + 2**64)',
    'print(T.tensor([1., 2.]) + 2**64)',
    'print(T.tensor([1.]) + (-2**64))',
    'print(T.tensor([2]) == 2**64)',
    'print(T.tensor([1.]).div(2**64))',
    'print(T.tensor([1.]).pow(2**64))',
    'print(T.tensor([1.]) * 2**63, T.tensor([1]) * 2**63, T.tensor([1]) + (2**64 - 1), T.tensor([1.]) * 1e39)',
    # ---- copysign, logaddexp2 (and logaddexp's integer error), ldexp, nextafter, frexp, heaviside
    'x = T.tensor([1., -2., 0., -0.], requires_grad=True); y = T.copysign(x, T.tensor([-1., 1., -1., 1.])); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., -2., 0., -0.], requires_grad=True); y = x.copysign(-1); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(x.grad); b = T.tensor([1., 2., 3., 4.], requires_grad=True); y = T.copysign(x, b); y.sum().backward(); print(b.grad)',
    'print(T.copysign(T.tensor([1, -2]), 1), T.copysign(T.tensor([1, -2]), T.tensor([-1, 2])), T.copysign(T.tensor([True]), -1), T.copysign(T.tensor([1.]), T.tensor([float("nan")])), T.tensor([1.]).copysign_(-2), T.copysign(T.tensor([2.], dtype=T.float16), T.tensor([-2.])))',
    'T.copysign(1, T.tensor([1.]))',
    'print(T.logaddexp2(T.tensor([1., 2.]), T.tensor([3., 2.])), T.logaddexp2(T.tensor([1.], dtype=T.float64), T.tensor([2.])).dtype)',
    'T.logaddexp2(T.tensor([1, 2]), T.tensor([3, 2]))',
    'T.logaddexp2(T.tensor([1.]), 2)',
    'T.logaddexp(T.tensor([1, 2]), T.tensor([3, 2]))',
    'a = T.tensor([1., 3.], requires_grad=True); b = T.tensor([2., 0.], requires_grad=True); y = a.logaddexp2(b); print(y, y.grad_fn); y.sum().backward(); print(a.grad, b.grad)',
    'print(T.ldexp(T.tensor([1., 2.]), T.tensor([3, -1])), T.ldexp(T.tensor([1, 2]), T.tensor([3, -1])), T.ldexp(T.tensor([1.], dtype=T.float64), T.tensor([2.])), T.ldexp(T.tensor([2], dtype=T.int8), T.tensor([2], dtype=T.int8)), T.tensor([3.]).ldexp_(T.tensor([1])))',
    'T.ldexp(T.tensor([1.]), 2)',
    'x = T.tensor([1.], requires_grad=True); e = T.tensor([2.], requires_grad=True); y = T.ldexp(x, e); print(y, y.grad_fn, y.grad_fn.next_functions); y.backward(); print(x.grad, e.grad)',
    'print(T.nextafter(T.tensor([1., 2.]), T.tensor([2., 1.])) - T.tensor([1., 2.]), T.nextafter(T.tensor([1.]), T.tensor([2.], dtype=T.float64)).dtype)',
    'T.nextafter(T.tensor([1, 2]), T.tensor([2, 1]))',
    'x = T.tensor([1.], requires_grad=True); o = T.tensor([2.], requires_grad=True); y = T.nextafter(x, o); print(y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(x.grad, o.grad)',
    'print(T.frexp(T.tensor([8., 0.3, -5., 0.])), T.frexp(T.tensor([8.], dtype=T.float64)), T.tensor([3.]).frexp())',
    'T.frexp(T.tensor([8]))',
    'x = T.tensor([8., 3.], requires_grad=True); m, e = x.frexp(); print(m.grad_fn, m.grad_fn.next_functions, e.requires_grad); m.sum().backward(); print(x.grad)',
    'print(T.heaviside(T.tensor([-1., 0., 2., float("nan")]), T.tensor([0.5])), T.heaviside(T.tensor([-1, 0, 2]), T.tensor([7])), T.heaviside(T.tensor([True, False]), T.tensor([False])), T.tensor([-2., 0.]).heaviside_(T.tensor([3.])))',
    'T.heaviside(T.tensor([-1., 0.]), T.tensor([1]))',
    'T.heaviside(T.tensor([-1., 0.]), 0.5)',
    'x = T.tensor([-1., 0.], requires_grad=True); y = T.heaviside(x, T.tensor([0.5])); print(y); y.sum().backward()',
    'print([hasattr(T.Tensor, n) for n in ("copysign", "copysign_", "logaddexp2", "ldexp", "ldexp_", "nextafter", "nextafter_", "frexp", "heaviside", "heaviside_", "logaddexp2_", "frexp_")])',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"p{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert spelled_alike(printed(ak, code)) == spelled_alike(printed(torch, code))
