"""Lead's fixes of session 35, each compared with PyTorch live."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import small_gemm

torch = pytest.importorskip("torch")
from tests.parity_harness import with_special_values  # noqa: E402


def _det_outcome(lib: Any, a: np.ndarray) -> list[bytes]:
    """det's value and gradient, and slogdet's sign and log, as bytes (bit for bit, signs of
    zeros included). (The gradient of a regular matrix is A's inverse through PyTorch's
    lu_solve, whose last bits the kit does not follow yet: only singular ones here.)"""
    x = lib.tensor(a, requires_grad=True)
    d = lib.linalg.det(x)
    d.backward()
    sign, logabs = lib.linalg.slogdet(x.detach())
    return [d.detach().numpy().tobytes(), x.grad.numpy().tobytes(),
            sign.numpy().tobytes(), logabs.numpy().tobytes()]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("rows", [
    [[1., 2.], [2., 4.]],
    [[1., 2., 3.], [2., 4., 6.], [1., 1., 1.]],
    [[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]],
    [[0., 0.], [0., 0.]],
])
def test_det_of_small_and_singular_matrices_is_pytorchs(rows: list[list[float]],
                                                        dtype: Any) -> None:
    a = np.array(rows, dtype=dtype)
    assert _det_outcome(ak, a) == _det_outcome(torch, a)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_det_of_random_matrices_is_pytorchs_bit_for_bit(dtype: Any) -> None:
    rng = np.random.default_rng(35)
    same = 0
    for _ in range(40):
        n = int(rng.integers(2, 5))
        a = rng.standard_normal((n, n)).astype(dtype)
        same += ak.linalg.det(ak.tensor(a)).numpy().tobytes() == (
            torch.linalg.det(torch.tensor(a)).numpy().tobytes())
    assert same == 40


@pytest.mark.skipif(small_gemm.INTEL, reason="MKL's order measured on a non-Intel processor")
@pytest.mark.parametrize("dtype,columns", [(np.float32, 2), (np.float32, 3), (np.float32, 4),
                                           (np.float32, 8), (np.float64, 2), (np.float64, 6),
                                           (np.float64, 10)])
def test_products_with_longer_sums_are_pytorchs_bit_for_bit(dtype: Any, columns: int) -> None:
    """x @ w with k ≥ 4 and w of `small_gemm.PLAIN_COLUMNS` columns: MKL adds the products
    term by term from +0 on this processor; so do w's gradient (x.t() @ grad) and bmm/matmul
    of stacks made of such products. Signed zeros, infinities and nans included."""
    rng = np.random.default_rng(columns)
    for trial in range(12):
        n, k = int(rng.integers(2, 20)), int(rng.integers(4, 20))  # (≤ 4096 products)
        x = rng.standard_normal((n, k)).astype(dtype)
        w = rng.standard_normal((k, columns)).astype(dtype)
        if trial % 3 == 0:
            x = with_special_values(rng, x, nans=False)
        grad = rng.standard_normal((n, columns)).astype(dtype)
        got, want = ([r.numpy().tobytes() for r in _product_outcome(lib, x, w, grad)]
                     for lib in (ak, torch))
        assert got == want, (n, k)



def _product_outcome(lib: Any, x: np.ndarray, w: np.ndarray, grad: np.ndarray) -> list[Any]:
    X, W = lib.tensor(x), lib.tensor(w, requires_grad=True)
    y = X @ W
    y.backward(lib.tensor(grad))
    stacked = lib.tensor(np.stack([x, -x])) @ lib.tensor(np.stack([w, w]))
    return [y.detach(), W.grad, stacked]


def test_longer_sums_leave_large_products_to_numpy() -> None:
    """Past `small_gemm.LONG_WALK_UP_TO` products, or with another number of columns, the
    term-by-term walk is not taken (NumPy's faster product is)."""
    x = np.ones((64, 100), np.float32)
    assert small_gemm._long_walk(x, np.ones((100, 4), np.float32)) is None
    x = np.ones((8, 10), np.float32)
    assert small_gemm._long_walk(x, np.ones((10, 5), np.float32)) is None
    assert small_gemm._long_walk(x, np.ones((10, 4), np.float32)) is not None
