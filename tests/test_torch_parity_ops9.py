"""Tensor operations compared with PyTorch's printed output (skipped without PyTorch;
tests/test_ops_fixes9.py checks the same fixes without it): integer division and powers,
rounding, clamp, NaN comparisons, reductions and order statistics (kthvalue's ties),
unique, indexing and scatter, shape ops, sorting, linear algebra, special functions."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    "a = T.tensor([-7, -3, 0, 3, 7]); b = T.tensor([2, -2, 3, -3, 2])\nprint(a // b, a % b, T.fmod(a, b), T.remainder(a, b), T.div(a, b, rounding_mode='floor'), T.div(a, b, rounding_mode='trunc'), a / b)",
    'a = T.tensor([-7., -3.5, 0., 3., 7.]); b = T.tensor([2., -2., 3., -0., 0.])\nprint(a // b, a % b, T.fmod(a, b), T.remainder(a, b))',
    'a = T.tensor([5, 6]); print(a // 0.5, a % 2.5, (a / 2).dtype, T.true_divide(a, 2))',
    'print(T.tensor([1, 2]) // T.tensor([0, 1]))',
    'print(T.tensor([2, 3]) ** -1)',
    'print(T.tensor([2, 3]) ** 2, T.tensor([2, 3]) ** 2.0, 2 ** T.tensor([1, 2]), 2.5 ** T.tensor([1, 2]))',
    'print(T.pow(T.tensor([0., 0.]), T.tensor([0., -1.])), T.tensor([-8.]) ** (1/3))',
    'x = T.tensor([0., 1., 2.], requires_grad=True); y = x ** 0; y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([0., 1., 2.], requires_grad=True); y = x ** 2.5; y.sum().backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([0., 1., 2.], requires_grad=True); y = 2 ** x; y.sum().backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([0., 1., 2.], requires_grad=True); e = T.tensor([2., 0., -1.], requires_grad=True); y = x ** e; y.sum().backward(); print(y, y.grad_fn, x.grad, e.grad)',
    'x = T.tensor([1.5, -2.5, 0.5, 2.5, -0.5]); print(T.round(x), T.floor(x), T.ceil(x), T.trunc(x), T.frac(x), T.round(x, decimals=1), T.sign(x))',
    'x = T.tensor([1.2345, 12.345, 123.45]); print(T.round(x, decimals=2), T.round(x, decimals=-1))',
    'x = T.tensor([1.5, -2.5], requires_grad=True); y = T.round(x); y.sum().backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([1.5, -2.5], requires_grad=True); y = T.round(x, decimals=1); print(y.grad_fn)',
    'x = T.tensor([1, 2, 3]); print(T.round(x), T.floor(x).dtype, T.ceil(x))',
    'x = T.tensor([-2., 0.5, 3.], requires_grad=True); y = x.clamp(min=0, max=1); y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([-2., 0.5, 3., 1.], requires_grad=True); y = x.clamp(min=T.tensor([0., 1., 0., 1.]), max=T.tensor(2.)); y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([-2., 0.5, 3., 1.], requires_grad=True); y = x.clamp_min(1.); y.sum().backward(); print(y, y.grad_fn, x.grad); print(x.clamp_max(0.).grad_fn)',
    'x = T.tensor([1, 5, 10]); print(x.clamp(2, 7), x.clamp(2.5, 7.5), x.clip(max=3))',
    'x = T.tensor([1., 2.]); print(x.clamp(3, 1))',
    'x = T.tensor([1., 2.]); print(x.clamp())',
    "x = T.tensor([1., float('nan'), 3.]); print(x.clamp(0, 2), x > 1, x == x, x != x, T.maximum(x, T.tensor(2.)), T.fmax(x, T.tensor(2.)), T.fmin(x, T.zeros(3)))",
    "x = T.tensor([1., float('nan'), 3.]); print(x.max(), x.min(), x.argmax(), x.sort(), T.nanmax if hasattr(T, 'nanmax') else 0)",
    "x = T.tensor([[1., float('nan')], [3., 2.]]); print(x.max(1), x.amax(0), x.nansum(), x.nanmean(1), x.nanmedian(), x.median())",
    'a = T.tensor([True, False, True]); b = T.tensor([True, True, False]); print(a & b, a | b, a ^ b, ~a, T.logical_xor(a, b), T.logical_not(T.tensor([0., 2.])))',
    'a = T.tensor([12, 10]); print(a & 6, a | 1, a ^ 3, ~a, a << 2, a >> 1, T.bitwise_left_shift(a, 1))',
    'print(T.tensor([1.5]) & T.tensor([1]))',
    'print(T.logical_and(T.tensor([1., 0.]), T.tensor([2, 3])), T.logical_or(T.tensor([0, 0]), 1))',
    'x = T.arange(12.).reshape(3, 4); print(x.std(), x.std(1), x.var(0, correction=0), x.std(dim=(0, 1), keepdim=True), x.var(1, unbiased=False))',
    'x = T.tensor([1.]); print(x.std(), x.var())',
    'x = T.tensor([[1., 2.], [3., 5.]], requires_grad=True); y = x.std(1); y.sum().backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([[1., 2.], [3., 5.]], requires_grad=True); y = x.var(correction=2); print(y); y.backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([[1., 2.], [3., 5.]]); print(T.std_mean(x, 1), T.var_mean(x, dim=0, correction=0))',
    'x = T.tensor([[1., 2.], [3., 5.]], requires_grad=True); s, m = T.std_mean(x); (s + m).backward(); print(s.grad_fn, m.grad_fn, x.grad)',
    'x = T.tensor([[1., 2., 0.], [3., 0., 5.]], requires_grad=True); y = x.prod(1); y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([[1., 2., 0.], [3., 0., 0.]], requires_grad=True); y = x.prod(); y.backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([1, 2, 3]); print(x.prod(), x.prod().dtype, x.sum().dtype, x.mean(dtype=T.float32), T.tensor([True, True]).sum(), T.tensor([1, 2], dtype=T.int8).sum().dtype)',
    'x = T.tensor([1, 2, 3]); print(x.mean())',
    'x = T.tensor([1, 2, 3]); print(x.std())',
    'x = T.tensor([[3, 1, 3], [2, 2, 1]]); print(x.max(1), x.argmax(1), x.argmin(), x.max(dim=0, keepdim=True), T.max(x, 1).indices)',
    'x = T.tensor([[1., 3., 3.], [5., 5., 1.]], requires_grad=True); y = x.max(); y.backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([[1., 3., 3.], [5., 5., 1.]], requires_grad=True); y = x.amax(1); y.sum().backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([[1., 3., 3.], [5., 5., 1.]], requires_grad=True); y = x.max(1).values; y.sum().backward(); print(y.grad_fn, x.grad)',
    'x = T.tensor([[1, 3, 3, 2], [5, 5, 1, 1]]); print(x.median(1), x.median(), x.mode(1), x.kthvalue(2, 1), x.kthvalue(3))',
    'x = T.tensor([[1., 3., 3., 2.], [5., 5., 1., 1.]], requires_grad=True); v, i = x.median(1); v.sum().backward(); print(v.grad_fn, x.grad)',
    "x = T.tensor([1., 2., 3., 4.]); print(x.quantile(0.5), x.quantile(T.tensor([0.25, 0.75])), x.quantile(0.3, interpolation='lower'), x.quantile(0.3, interpolation='nearest'), x.quantile(0.3, interpolation='midpoint'), x.quantile(0.3, interpolation='higher'))",
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x.quantile(0.4, dim=1, keepdim=True); y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([1., 2.]); print(x.quantile(1.5))',
    'x = T.tensor([1, 2]); print(x.quantile(0.5))',
    "x = T.tensor([1., float('nan'), 3.]); print(x.quantile(0.5), x.nanquantile(0.5))",
    'x = T.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True); y = x.cumsum(1); y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([[1., 2., 0.], [4., 0., 6.]], requires_grad=True); y = x.cumprod(1); y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True); y = x.logcumsumexp(0); y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.tensor([1, 2, 3]); print(x.cumsum(0), x.cumsum(0).dtype, x.cumprod(0, dtype=T.float64), T.tensor([True, True]).cumsum(0))',
    'x = T.tensor([[0, 1], [2, 0]]); print(x.all(), x.any(1), x.all(dim=0, keepdim=True), T.count_nonzero(x), T.count_nonzero(x, dim=1), T.count_nonzero(x, dim=(0, 1)), x.bool().all(), T.tensor([]).all(), T.tensor([]).any())',
    'x = T.tensor([0.5, 0.]); print(x.all(), x.any(), x.all().dtype, T.tensor([1, 2], dtype=T.uint8).all().dtype)',
    'x = T.tensor([3, 1, 2, 3, 1, 5]); print(T.unique(x), T.unique(x, return_inverse=True), T.unique(x, return_counts=True), T.unique(x, sorted=False), T.unique(x, return_inverse=True, return_counts=True))',
    'x = T.tensor([[1, 2], [1, 2], [0, 3]]); print(T.unique(x, dim=0), T.unique(x, dim=0, return_inverse=True, return_counts=True), T.unique(x, dim=1))',
    'x = T.tensor([1, 1, 2, 2, 3, 1, 1, 2]); print(T.unique_consecutive(x), T.unique_consecutive(x, return_inverse=True), T.unique_consecutive(x, return_counts=True), x.unique_consecutive(return_inverse=True, return_counts=True))',
    'x = T.tensor([[1, 1], [1, 1], [2, 3]]); print(T.unique_consecutive(x, dim=0, return_counts=True))',
    'x = T.tensor([1., 2., 2.], requires_grad=True); print(T.unique(x))',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); print(x.sum(dim=[]), x.mean(()), x.sum((0,1)), x.sum(-1, keepdim=True).grad_fn)',

]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"o9_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
