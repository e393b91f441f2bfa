"""Reductions of non-contiguous float tensors add up in PyTorch's order, bit for bit:
transposed, permuted, sliced and expanded inputs (sum, mean, nansum, and the broadcasting
backward's sums)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.parity_harness import assert_same, outcome, same_built

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402


def _values(shape: tuple[int, ...], seed: int, dtype: Any = np.float32) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


def _bits(result: Any) -> tuple[Any, ...]:
    values = result.detach().numpy()
    return tuple(result.shape), str(values.dtype), np.asarray(values).tobytes()


LAYOUTS = {
    "transposed, summed over dim 0": ((5, 33), lambda x: x.t().sum(0)),
    "transposed, summed over dim 1": ((5, 33), lambda x: x.t().sum(1)),
    "transposed mean, keepdim": ((64, 100), lambda x: x.t().mean(0, keepdim=True)),
    "permuted, summed over dim 0": ((7, 9, 40), lambda x: x.permute(2, 0, 1).sum(0)),
    "permuted, summed over dim 1": ((7, 9, 40), lambda x: x.permute(2, 0, 1).sum(1)),
    "permuted, summed over dims 0 and 1": ((7, 9, 40),
                                           lambda x: x.permute(2, 0, 1).sum((0, 1))),
    "permuted, mean over dims 1 and 2": ((7, 9, 40),
                                         lambda x: x.permute(2, 0, 1).mean((1, 2))),
    "columns with step 2, summed over dim 1": ((7, 90), lambda x: x[:, ::2].sum(1)),
    "columns with step 2, summed over dim 0": ((70, 90), lambda x: x[:, ::2].sum(0)),
    "rows with step 2, summed over dim 0": ((70, 90), lambda x: x[::2].sum(0)),
    "step 2, everything summed": ((70, 90), lambda x: x[:, ::2].sum()),
    "expanded row, summed over dim 0": ((1, 90), lambda x: x.expand(50, 90).sum(0)),
    "expanded column, summed over dim 0": ((50, 1), lambda x: x.expand(50, 90).sum(0)),
    "expanded, everything summed": ((1, 90), lambda x: x.expand(50, 90).sum()),
    "channels-last-like, mean over (0, 2, 3)": (
        (4, 9, 9, 6), lambda x: x.permute(0, 3, 1, 2).mean((0, 2, 3))),
    "transposed nansum": ((64, 100), lambda x: x.t().nansum(0)),
}


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reduction_of_a_strided_layout_matches_bit_for_bit(name: str, seed: int) -> None:
    shape, reduce = LAYOUTS[name]
    data = _values(shape, seed)
    same_built(lambda T: _bits(reduce(T.tensor(data))), torch, ak)


@pytest.mark.parametrize("seed", [0, 1])
def test_float64_and_sum_dtype_of_transposed(seed: int) -> None:
    data = _values((64, 100), seed)
    same_built(lambda T: _bits(T.tensor(data).t().sum(0, dtype=T.float64)), torch, ak)
    wide = _values((33, 70), seed, np.float64)
    same_built(lambda T: _bits(T.tensor(wide).t()[::2].sum(1)), torch, ak)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_big_column_sum_of_strided_columns_groups_each_threads_columns(dtype: Any) -> None:
    data = _values((300, 402), 7, dtype)  # 201 columns of stride 2: 101 and 100 per thread
    same_built(lambda T: _bits(T.tensor(data)[:, ::2].sum(0)), torch, ak)


def test_big_reduction_of_a_permuted_tensor_split_between_threads() -> None:
    data = _values((30, 41, 60), 3)  # 73800 values: more than one thread's share
    same_built(lambda T: _bits(T.tensor(data).permute(2, 0, 1)[:, :, ::2].sum(1)), torch, ak)
    same_built(lambda T: _bits(T.tensor(data).permute(1, 2, 0).sum(2)), torch, ak)


@pytest.mark.parametrize("name", ["rows with step 2", "columns with step 2", "1-D step 3"])
def test_big_sum_of_everything_of_a_strided_view_split_between_threads(name: str) -> None:
    data = _values((400, 401), 4)  # 80000 values or more: PyTorch's two passes
    reduce = {"rows with step 2": lambda x: x[::2].sum(),
              "columns with step 2": lambda x: x[:, ::2].mean(),
              "1-D step 3": lambda x: x.reshape(-1)[::3].sum()}[name]
    same_built(lambda T: _bits(reduce(T.tensor(data))), torch, ak)


@pytest.mark.parametrize("code", ["T.tensor([0.1, 0.7, 0.3]).expand(40000, 3).mean()",
                                  "T.tensor(v).expand(3001, 13).t().sum()",
                                  "T.tensor(v).expand(40001, 13).sum()"])
def test_big_sum_of_an_expanded_row_groups_each_threads_rows(code: str) -> None:
    values = _values((13,), 8)
    same_built(lambda T: _bits(eval(code, {"T": T, "v": values})), torch, ak)


def test_an_expanded_dim_is_sorted_past_a_dim_of_size_one() -> None:
    data = _values((27, 41, 2), 5)  # (1, 5, 14) expanded, strides (2, 0, 164): PyTorch walks
    # the expanded dim first (the dim of size 1 moves it there in its insertion sort)
    same_built(lambda T: _bits(T.tensor(data).permute(2, 1, 0)[::2, :1, ::2]
                               .expand(1, 5, 14).sum()), torch, ak)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_broadcasting_backward_sums_a_transposed_gradient_in_torch_order(seed: int) -> None:
    data, weight = _values((70, 37), seed), _values((37,), seed + 10)

    def grads(T: Any) -> tuple[Any, ...]:
        x = T.tensor(data, requires_grad=True)
        w = T.tensor(weight, requires_grad=True)
        ((x.t() * w[:, None]) ** 2).sum().backward()
        return _bits(x.grad), _bits(w.grad)

    same_built(grads, torch, ak)


@pytest.mark.parametrize("code", [
    "x = T.tensor([1., 2., 3.]); x[None] = x; out.append(x); out.append(x._version)",
    "x = T.tensor([1., 2., 3.]); x[True] = x; out.append(x); out.append(x._version)",
    "x = T.ones(2, 3); x[None] = x * 2; x[None, None] = x; out.append(x)",
    "x = T.tensor(2.); x[True] = T.tensor([5.]); out.append(x)",
    "a = T.ones(2, 3, requires_grad=True); x = a.clone(); x[True] = x; out.append(x)\n"
    "x.sum().backward(); out.append(a.grad)",
    "x = T.ones(1, 3); x.copy_(x[0])",  # (other strides: still refused)
    "x = T.ones(3); x[None].add_(x)",
])
def test_writing_x_onto_its_unsqueezed_self(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "x = T.zeros(0); x.index_put_((T.tensor([0]),), T.tensor(1.))",
    "x = T.zeros(0, 3); x.index_put_((T.tensor([0]),), T.tensor(1.), accumulate=True)",
    "x = T.zeros(0); out.append(x.index_put((T.tensor([0]),), T.tensor(1.)))",
    "x = T.zeros(0); x[T.tensor([-1])] = 1.",
    "x = T.zeros(3, 0); x[:, T.tensor([0])] = 1.",
    "x = T.zeros(0, 3); out.append(x[T.tensor([0])])",
    "x = T.zeros(3); x.index_put_((T.tensor([5]),), T.tensor(1.))",
])
def test_index_into_an_empty_dimension(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "out.append(F.layer_norm(T.tensor([[1e30, -1e30, 3.]]), (3,)))",
    "out.append(F.layer_norm(T.tensor([[1e30, -1e30, 3.]]), (3,), weight=T.tensor([1., -1., 2.])))",
    "out.append(F.layer_norm(T.tensor([[1e30, -1e30, 3.]]), (3,), bias=T.zeros(3)))",
    "out.append(F.layer_norm(T.tensor([[1e30, -1e30, 3.]], dtype=T.float64), (3,)))",
])
def test_layer_norm_adds_a_missing_bias_as_zero(code: str) -> None:
    expected = outcome(torch, code, F=torch.nn.functional)
    assert outcome(ak, code, F=ak.nn.functional) == expected


SUMS_WITH_DTYPE = {
    "float32 summed as float32": ((1000,), np.float32, lambda T, x: x.sum(dtype=T.float32)),
    "transposed float32 as float32": ((300, 40), np.float32,
                                      lambda T, x: x.t().sum(0, dtype=T.float32)),
    "float16 summed as float32": ((30, 3000), np.float16,
                                  lambda T, x: x.sum(1, dtype=T.float32)),
    "float64 summed as float32": ((3000,), np.float64, lambda T, x: x.sum(dtype=T.float32)),
    "sliced transposed float16 as float32": ((300, 400), np.float16,
                                             lambda T, x: x.t()[::2].sum(0, dtype=T.float32)),
    "float64 mean as float32": ((300, 40), np.float64,
                                lambda T, x: x.t()[:, ::2].mean(1, dtype=T.float32)),
}


@pytest.mark.parametrize("name", SUMS_WITH_DTYPE)
def test_sum_with_a_float_dtype_adds_in_torch_order(name: str) -> None:
    shape, dtype, reduce = SUMS_WITH_DTYPE[name]
    data = _values(shape, 6, dtype)
    same_built(lambda T: _bits(reduce(T, T.tensor(data))), torch, ak)


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_big_float16_sum_rounds_each_threads_result(seed: int) -> None:
    data = _values((100000,), seed, np.float16)  # (summed by two threads)
    same_built(lambda T: _bits(T.tensor(data).sum()), torch, ak)
    same_built(lambda T: _bits(T.tensor(data).reshape(250, 400).t().sum((0, 1), keepdim=True)),
               torch, ak)
