"""Lead's fixes of session 34, each compared with PyTorch live."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import small_gemm

torch = pytest.importorskip("torch")
from tests.parity_harness import with_special_values  # noqa: E402


def _products(lib: Any, x: np.ndarray, w: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
    X, W, B = (lib.tensor(a) for a in (x, w, b))
    grad_x = lib.tensor(x, requires_grad=True)
    results = [lib.nn.functional.linear(X, W, B), lib.nn.functional.linear(X, W), X.mm(W.t()),
               X @ W.T, grad_x @ W.t()]
    return [r.detach().numpy() for r in results]


@pytest.mark.skipif(small_gemm.INTEL, reason="MKL orders these sums differently on Intel")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_small_inner_size_products_are_pytorchs_bits(dtype: Any) -> None:
    """x @ w and Linear with 1 to 3 input features: MKL's order on this processor (plain up
    to 11 columns or 3 rows, fused beyond in float32; see ops/small_gemm.py)."""
    rng = np.random.default_rng(11)
    unsigned = np.uint32 if dtype == np.float32 else np.uint64
    for trial in range(60):
        n, k, m = int(rng.integers(1, 40)), int(rng.integers(1, 4)), int(rng.integers(1, 30))
        if dtype == np.float64 and m > 11 and n > 3:
            m = 11  # (float64's fused order is not emulated)
        x, w, b = (rng.standard_normal(s).astype(dtype) for s in [(n, k), (m, k), (m,)])
        if trial % 3 == 0:
            x, w, b = (with_special_values(rng, a) for a in (x, w, b))
        for mine, theirs in zip(_products(ak, x, w, b), _products(torch, x, w, b)):
            assert np.array_equal(mine.view(unsigned), theirs.view(unsigned)), (n, k, m)


def _batched_products(lib: Any, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> list[np.ndarray]:
    A, B, C = (lib.tensor(x) for x in (a, b, c))
    results = [lib.bmm(A, B), A @ B, lib.baddbmm(C, A, B),
               lib.baddbmm(C, A, B, beta=0.5, alpha=2.0),
               A.unsqueeze(0).expand(2, *A.shape) @ B]
    return [r.numpy() for r in results]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_small_batched_products_are_pytorchs_own_loop(dtype: Any) -> None:
    """bmm/baddbmm/matmul of stacks with k·n·m < 400: PyTorch's own loop, term by term from 0
    (the same on every processor)."""
    rng = np.random.default_rng(4)
    unsigned = np.uint32 if dtype == np.float32 else np.uint64
    checked = 0
    while checked < 40:
        batch, n, k, m = (int(v) for v in rng.integers(1, [4, 12, 12, 12]))
        if k * n * m >= 400:
            continue
        a, b, c = (rng.standard_normal(s).astype(dtype)
                   for s in [(batch, n, k), (batch, k, m), (batch, n, m)])
        if checked % 3 == 0:
            a, b, c = (with_special_values(rng, x) for x in (a, b, c))
        for mine, theirs in zip(_batched_products(ak, a, b, c), _batched_products(torch, a, b, c)):
            assert np.array_equal(mine.view(unsigned), theirs.view(unsigned)), (batch, n, k, m)
        checked += 1


@pytest.mark.skipif(small_gemm.INTEL, reason="MKL orders these sums differently on Intel")
def test_larger_batched_products_go_matrix_by_matrix() -> None:
    """Above 400 multiply-adds per matrix, MKL multiplies one matrix at a time: inner sizes
    up to 3 in the order of 2-D products."""
    rng = np.random.default_rng(5)
    for batch, n, k, m in [(2, 40, 2, 8), (3, 17, 3, 16), (1, 70, 3, 30), (2, 30, 1, 20)]:
        a, b = rng.standard_normal((batch, n, k)), rng.standard_normal((batch, k, m))
        a, b = a.astype(np.float32), b.astype(np.float32)
        mine = (ak.tensor(a) @ ak.tensor(b)).numpy()
        theirs = (torch.tensor(a) @ torch.tensor(b)).numpy()
        assert np.array_equal(mine.view(np.uint32), theirs.view(np.uint32)), (batch, n, k, m)


def _matrix_vector_products(lib: Any, a: np.ndarray, v: np.ndarray,
                            w: np.ndarray) -> list[np.ndarray]:
    column_major = lib.tensor(a.T.copy()).t()
    row = lib.tensor(v)
    results = [lib.mv(column_major, row), column_major @ row[:, None], row @ lib.tensor(w),
               row[None, :] @ lib.tensor(w)]
    if a.shape[1] <= 4:
        results.append(lib.mv(lib.tensor(a), row))
    return [r.numpy() for r in results]


@pytest.mark.skipif(small_gemm.INTEL, reason="MKL orders these sums differently on Intel")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_matrix_vector_products_walk_the_columns(dtype: Any) -> None:
    """mv of a column-major matrix (any k) or a row-major one (k <= 4), a row times a
    row-major matrix and a column-major matrix times a column: MKL adds the products one
    after another on this processor, and a -0 sum is +0."""
    rng = np.random.default_rng(6)
    unsigned = np.uint32 if dtype == np.float32 else np.uint64
    for n, k in [(5, 3), (17, 4), (4, 9), (64, 40), (3, 300), (2, 2)]:
        a = rng.standard_normal((n, k)).astype(dtype)
        v = rng.standard_normal(k).astype(dtype)
        w = rng.standard_normal((k, n)).astype(dtype)
        if n == 2:
            a, v = np.full_like(a, -0.0), np.ones_like(v)
        for mine, theirs in zip(_matrix_vector_products(ak, a, v, w),
                                _matrix_vector_products(torch, a, v, w)):
            assert np.array_equal(mine.view(unsigned), theirs.view(unsigned)), (n, k)


@pytest.mark.skipif(small_gemm.INTEL, reason="MKL orders these sums differently on Intel")
@pytest.mark.parametrize("n, k, m", [(2, 2, 3), (1, 2, 5), (5, 3, 4), (20, 3, 20), (64, 2, 1),
                                     (8, 1, 8), (30, 2, 11)])
def test_linear_of_zero_products_with_a_minus_zero_bias(n: int, k: int, m: int) -> None:
    """nn.Linear's x @ weight.t() + bias with -0 products and a -0 bias: MKL's sum starts
    from +0 (so the result is +0) except with one row, one column or one input feature."""
    def signs(lib: Any) -> np.ndarray:
        x, weight, bias = lib.full((n, k), -0.0), lib.ones(m, k), lib.full((m,), -0.0)
        return np.signbit(lib.nn.functional.linear(x, weight, bias).detach().numpy())
    assert np.array_equal(signs(ak), signs(torch))
