"""The quick paths of the exact-order sums (ops/summation_layout.py) keep PyTorch's bits.

A sum whose reduced dims are expanded (stride 0: the gradient ``out.sum()`` or ``out.mean()``
sends back, which Linear's bias then sums) adds ``n`` copies of one value per output: the kit
adds each value once, on a small array, and keeps the result of a value found everywhere (the
same ones every step). Strided layouts are viewed by a transpose instead of ``as_strided``.
These tests check the bits (and that the kept results are never handed out to be written).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.parity_harness import same_built

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402


@pytest.mark.parametrize("batch", [3, 17, 32, 100, 300])
@pytest.mark.parametrize("features", [10, 64])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_linear_bias_gradient_of_a_sum_and_a_mean_over_several_steps(batch: int, features: int,
                                                                     dtype: str) -> None:
    rng = np.random.default_rng(batch + features)
    data = rng.standard_normal((batch, 5)).astype(dtype)
    weight = rng.standard_normal((features, 5)).astype(dtype)
    bias = rng.standard_normal(features).astype(dtype)

    def bias_grads(T: Any) -> list[bytes]:
        w = T.tensor(weight, requires_grad=True)
        b = T.tensor(bias, requires_grad=True)
        x = T.tensor(data)
        out = []
        for scale in (1.0, 0.1, 1.0, 3.0):  # (a value seen before comes back: kept)
            b.grad = None
            (T.nn.functional.linear(x, w, b).sum() * scale).backward()
            out.append(b.grad.numpy().tobytes())
            b.grad = None
            T.nn.functional.linear(x, w, b).mean().backward()
            out.append(b.grad.numpy().tobytes())
        return out

    same_built(bias_grads, torch, ak)


EXPANDED = [
    ("T.tensor(0.1, dtype=T.{d}).expand(300, 10)", (0,)),
    ("T.tensor(0.1, dtype=T.{d}).expand(257, 3, 9)", (0, 2)),
    ("T.tensor(0.7, dtype=T.{d}).expand(40, 50)", None),
    ("T.tensor([[0.1, 0.3, 0.7]], dtype=T.{d}).expand(130, 3)", (0,)),
    ("T.linspace(0.1, 1.7, 17, dtype=T.{d}).view(1, 17).expand(99, 17)", (0,)),
    ("T.linspace(0.1, 1.7, 17, dtype=T.{d}).view(17, 1).expand(17, 130)", (1,)),
    ("T.linspace(0.1, 1.7, 35, dtype=T.{d}).view(5, 1, 7).expand(5, 33, 7)", (1,)),
    ("T.linspace(0.1, 1.7, 35, dtype=T.{d}).view(5, 7, 1).expand(5, 7, 64).transpose(1, 2)",
     (1,)),
    ("T.linspace(0.1, 1.7, 10, dtype=T.{d}).view(10, 1, 1).expand(10, 64, 3)", (1, 2)),
]


@pytest.mark.parametrize("code, dims", EXPANDED)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("keepdim", [False, True])
def test_a_sum_and_a_mean_of_expanded_values(code: str, dims: Any, dtype: str,
                                             keepdim: bool) -> None:
    def sums(T: Any) -> list[Any]:
        x = eval(code.format(d=dtype), {"T": T})
        if dims is None:
            return [x.sum().numpy().tobytes(), x.mean().numpy().tobytes()]
        return [x.sum(dims, keepdim=keepdim).numpy().tobytes(),
                x.mean(dims, keepdim=keepdim).numpy().tobytes(),
                tuple(x.sum(dims, keepdim=keepdim).shape)]

    same_built(sums, torch, ak)


def test_a_kept_sum_of_copies_is_never_written_through() -> None:
    def sums(T: Any) -> list[bytes]:
        x = T.tensor(0.1).expand(64, 10)
        first = x.sum(0)
        first.add_(1)  # (the result is the caller's: writing it changes no later sum)
        second = x.sum(0)
        second.mul_(2)
        return [first.numpy().tobytes(), second.numpy().tobytes(),
                x.sum(0).numpy().tobytes(), x.mean(0).numpy().tobytes()]

    same_built(sums, torch, ak)


@pytest.mark.parametrize("shape, order, index, dims", [
    ((64, 64), (1, 0), (), (0,)),
    ((64, 64), (1, 0), (), (1,)),
    ((9, 40, 33), (2, 0, 1), (), (0, 2)),
    ((30, 8, 50), (1, 2, 0), (slice(None, None, 2),), (1,)),
    ((20, 3, 70), (2, 1, 0), (slice(None), slice(0, 1)), (0,)),
    ((203, 40), (1, 0), (), (0,)),  # (short rows, added as columns: 5 vectors, 1 after the run)
    ((31, 77), (1, 0), (), (0,)),  # (9 vectors and 5 values after them)
    ((5, 600), (1, 0), (), (0,)),  # (long rows: inner_sum's own way)
    ((6, 7, 300), (2, 0, 1), (slice(None, None, 2),), (0,)),
])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_transposed_and_sliced_sums(shape: Any, order: Any, index: Any, dims: Any,
                                    dtype: str) -> None:
    data = np.random.default_rng(3).standard_normal(shape).astype(dtype)

    def sums(T: Any) -> list[bytes]:
        x = T.tensor(data).permute(*order)[index]
        return [x.sum(dims).numpy().tobytes(), x.mean(dims).numpy().tobytes()]

    same_built(sums, torch, ak)


@pytest.mark.parametrize("shape, dims", [((64, 64), (1,)), ((31, 77), (1,)), ((4000, 32), (1,)),
                                         ((3, 5, 40), (2,)), ((6, 4, 9), (1, 2)),
                                         ((2, 300), (1,))])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sums_of_contiguous_rows(shape: Any, dims: Any, dtype: str) -> None:
    data = np.random.default_rng(5).standard_normal(shape).astype(dtype)

    def sums(T: Any) -> list[bytes]:
        x = T.tensor(data)
        return [x.sum(dims).numpy().tobytes(), x.mean(dims, keepdim=True).numpy().tobytes()]

    same_built(sums, torch, ak)
