"""Small linear-algebra sums in PyTorch's order, bit for bit (ops/small_gemm.py), compared
live with PyTorch 2.13 on random inputs with signed zeros, infinities and nans. MKL orders
its sums one way on Intel processors and another elsewhere: what MKL decides is tested on
other processors only (where it was measured)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import small_gemm

torch = pytest.importorskip("torch")

not_on_intel = pytest.mark.skipif(small_gemm.INTEL,
                                  reason="MKL orders these sums differently on Intel")
SPECIALS = [np.inf, -np.inf, np.nan, -0.0, 0.0]


def random_vectors(seed: int, n: int, dtype: str, stride: int = 1) -> tuple[Any, Any]:
    """Two vectors of n terms (the first every `stride`-th of a longer one), some special
    values among them."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n * stride).astype(dtype)
    y = (rng.standard_normal(n) * np.exp(rng.standard_normal(n) * 3)).astype(dtype)
    if n and seed % 3 == 0:
        x[rng.integers(n) * stride] = rng.choice(SPECIALS)
        y[rng.integers(n)] = rng.choice(SPECIALS)
    return x, y


def bits_of(t: Any) -> tuple[str, list[float]]:
    """The dtype and the values of a tensor, to the bit (a nan as 'nan', -0 kept)."""
    values = np.asarray(t.detach().numpy())
    return str(values.dtype), [repr(float(v)) for v in values.reshape(-1)]


def both(build: Any, *arrays: Any) -> None:
    """``build(lib, *tensors)`` gives the same bits with PyTorch and with the kit."""
    expected = bits_of(build(torch, *[torch.from_numpy(a.copy()) for a in arrays]))
    got = bits_of(build(ak, *[ak.tensor(a) for a in arrays]))
    assert got == expected


LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 20, 23, 24, 28, 31, 32, 33,
           47, 64, 100, 257, 1000]


@not_on_intel
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dot_of_vectors_of_any_length_in_mkls_order(dtype: str) -> None:
    # (PyTorch on an AMD EPYC: four registers of 4 float32 or 2 float64 lanes; the kit
    # matched only up to 3 float32 terms)
    for seed, n in enumerate(LENGTHS * 3):
        x, y = random_vectors(seed, n, dtype)
        both(lambda T, a, b: T.dot(a, b), x, y)


@not_on_intel
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_vdot_inner_and_matmul_of_vectors_take_dots_order(dtype: str) -> None:
    for seed, n in enumerate([5, 9, 12, 17, 30, 64, 101]):
        x, y = random_vectors(seed, n, dtype)
        both(lambda T, a, b: T.vdot(a, b), x, y)
        both(lambda T, a, b: T.inner(a, b), x, y)
        both(lambda T, a, b: a @ b, x, y)
        both(lambda T, a, b: a.dot(b), x, y)


@not_on_intel
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dot_of_strided_vectors(dtype: str) -> None:
    # (float32 terms with a stride other than 1 are added one after the other from +0)
    lengths = [2, 3, 4, 5, 7, 8, 9, 17, 100] if dtype == "float32" else [2, 3, 4, 5, 7, 8]
    for seed, n in enumerate(lengths * 2):
        x, y = random_vectors(seed, n, dtype, stride=2)
        both(lambda T, a, b: T.dot(a[::2], b), x, y)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_dot_of_negative_zeros_is_plus_zero(dtype: str) -> None:
    for n in [1, 3, 4, 9, 16, 17]:
        x = np.full(n, -0.0, dtype)
        both(lambda T, a, b: T.dot(a, b), x, np.ones(n, dtype))


def test_a_dot_of_infinities_warns_nothing() -> None:
    x = np.array([np.inf, -np.inf, 1.0, 2.0, 3.0], "float32")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        both(lambda T, a, b: T.dot(a, b), x, np.ones(5, "float32"))


def random_addr_operands(seed: int, n: int, m: int, shape: tuple[int, ...],
                         dtype: str) -> tuple[Any, Any, Any]:
    rng = np.random.default_rng(seed)
    data, v1, v2 = (rng.standard_normal(s).astype(dtype) for s in (shape, n, m))
    if seed % 3 == 0:
        v1[rng.integers(n)], v2[rng.integers(m)] = rng.choice(SPECIALS, 2)
    return data, v1, v2


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("beta", "alpha"), [(1, 1), (0.7, 1.3), (0, 1.3), (1, 2.0)])
def test_addr_in_pytorchs_order(dtype: str, beta: float, alpha: float) -> None:
    # (PyTorch's own loop: whole groups of 16 float32 / 8 float64 values along a row take
    # fma(α·v1, v2, β·input), the rest fma(β, input, α·v1·v2); the kit computed
    # α·(v1 ⊗ v2) + β·input, off in the last bit in a third of the values)
    seed = 0
    for n, m in [(1, 5), (3, 7), (2, 16), (3, 20), (4, 33), (17, 1), (1, 40)]:
        for shape in [(n, m), (m,), (n, 1), ()]:
            seed += 1
            operands = random_addr_operands(seed, n, m, shape, dtype)
            both(lambda T, i, a, b: T.addr(i, a, b, beta=beta, alpha=alpha), *operands)


@not_on_intel
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("beta", "alpha"), [(1, 1), (0.7, 1.3), (0, 1.3)])
def test_addmm_of_row_major_matrices_adds_to_the_input_term_by_term(
        dtype: str, beta: float, alpha: float) -> None:
    # (MKL on an AMD EPYC, k ≤ 4, at most 3 rows or 11 columns: from β·input, the terms
    # (α·xⱼ)·wⱼ one after the other; the kit added β·input to α·(x @ w) at the end)
    rng = np.random.default_rng(int(beta * 10 + alpha * 100))
    for n, k, m in [(1, 2, 3), (2, 3, 2), (3, 4, 17), (5, 2, 11), (8, 3, 6), (2, 4, 40)]:
        for shape in [(n, m), (m,), ()]:
            x, w = rng.standard_normal((n, k)).astype(dtype), rng.standard_normal((k, m))
            data = rng.standard_normal(shape).astype(dtype)
            x.reshape(-1)[rng.integers(x.size)] = rng.choice(SPECIALS)
            both(lambda T, i, a, b: T.addmm(i, a, b, beta=beta, alpha=alpha),
                 data, x, w.astype(dtype))


@not_on_intel
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("beta", "alpha"), [(1, 1), (0.7, 1.3)])
def test_addbmm_adds_one_batch_after_the_other(dtype: str, beta: float, alpha: float) -> None:
    # (PyTorch: result.addmm_(batch1[i], batch2[i], beta, alpha) for each batch, beta for
    # the first only; the kit added beta*input to alpha*(sum of the products))
    rng = np.random.default_rng(int(beta * 10 + alpha * 100))
    for batches, n, k, m in [(1, 2, 2, 3), (3, 1, 3, 5), (4, 3, 4, 2), (2, 5, 2, 11)]:
        for shape in [(n, m), (m,)]:
            x = rng.standard_normal((batches, n, k)).astype(dtype)
            w = rng.standard_normal((batches, k, m)).astype(dtype)
            data = rng.standard_normal(shape).astype(dtype)
            both(lambda T, i, a, b: T.addbmm(i, a, b, beta=beta, alpha=alpha), data, x, w)


@not_on_intel
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("beta", "alpha"), [(0.7, 1.3), (2.0, -1.5), (0, 3.0)])
def test_addmm_of_one_column_by_one_row_scales_x_first(dtype: str, beta: float,
                                                       alpha: float) -> None:
    # (k = 1: β·input + (α·x)·w, as for k from 2 to 4; the kit took α·(x·w). For one row
    # by one row, PyTorch reads a w of strides (1, 1) as column-major: another order)
    rng = np.random.default_rng(abs(int(beta * 10 + alpha * 100)) + 7)
    for n, m in [(2, 3), (1, 4), (5, 20), (64, 100)]:
        for _ in range(3):
            x, w = rng.standard_normal((n, 1)).astype(dtype), rng.standard_normal((1, m))
            data = rng.standard_normal((m,)).astype(dtype)
            both(lambda T, i, a, b: T.addmm(i, a, b, beta=beta, alpha=alpha),
                 data, x, w.astype(dtype))
            both(lambda T, i, a, b: T.addmm(i, a, b.t().contiguous().t(), beta=beta,
                                            alpha=alpha), data, x, w.astype(dtype))
