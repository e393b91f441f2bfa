"""Sums and means add float32/float64 values in PyTorch's CPU order (ops/summation_order.py).

Every expected value below was printed by PyTorch 2.13 (CPU); NumPy's pairwise order gives
different last bits for most of them.
"""

import math

import numpy as np

import autograd_kit as T
from autograd_kit.ops.summation_order import cascade, full_sum, row_sum, torch_order_sum


def test_linspace_sum_matches_torch() -> None:
    # torch.linspace(-math.pi, math.pi, 2000).sum().item()
    assert T.linspace(-math.pi, math.pi, 2000).sum().item() == 2.956390380859375e-05
    # torch.linspace(-math.pi, math.pi, 2000).mean().item()
    assert T.linspace(-math.pi, math.pi, 2000).mean().item() == 1.4781951662712345e-08


def test_big_sum_split_over_threads_matches_torch() -> None:
    # (torch.arange(40000, dtype=torch.float32) * 0.1).sum().item()  (2 threads)
    x = T.arange(40000, dtype=T.float32) * 0.1
    assert x.sum().item() == 79998000.0


def test_sums_over_a_dim_match_torch() -> None:
    y = (T.arange(60, dtype=T.float32) / 7).reshape(3, 20)
    # (torch.arange(60, dtype=torch.float32) / 7).reshape(3, 20).sum(0).tolist()
    assert y.sum(0).tolist() == [
        8.571428298950195, 9.0, 9.428571701049805, 9.85714340209961, 10.285714149475098,
        10.714284896850586, 11.14285659790039, 11.571428298950195, 12.0, 12.428571701049805,
        12.85714340209961, 13.285714149475098, 13.714285850524902, 14.142857551574707,
        14.571428298950195, 15.0, 15.428571701049805, 15.85714340209961, 16.28571319580078,
        16.71428680419922]
    # ….sum(1).tolist() and ….mean(1).tolist()
    assert y.sum(1).tolist() == [27.142858505249023, 84.28572082519531, 141.42857360839844]
    assert y.mean(1).tolist() == [1.3571429252624512, 4.214285850524902, 7.0714287757873535]
    assert y.sum(1, keepdim=True).shape == (3, 1)


def test_transposed_full_sum_reads_memory_order() -> None:
    z = T.linspace(-1, 1, 100).reshape(10, 10)
    # torch.linspace(-1, 1, 100).reshape(10, 10).t().sum().item()
    assert z.t().sum().item() == 2.384185791015625e-07
    # torch.linspace(-1, 1, 100).reshape(10, 10).sum(1).sum().item()
    assert z.sum(1).sum().item() == -1.9073486328125e-06


def test_sum_of_negative_zero_is_positive_zero() -> None:
    # torch.tensor([-0.0]).sum() -> tensor(0.): the output starts at 0 and the sum is added
    assert math.copysign(1.0, T.tensor([-0.0]).sum().item()) == 1.0


def test_float64_and_small_cases() -> None:
    # torch.linspace(0, 1, 1000, dtype=torch.float64).sum().item()
    assert T.linspace(0, 1, 1000, dtype=T.float64).sum().item() == 500.0
    assert T.tensor([1.5, 2.25]).sum().item() == 3.75


def test_building_blocks_follow_the_cascade() -> None:
    values = np.arange(1, 41, dtype=np.float32)[:, None]  # 40 values: blocks of 16 + 8 left
    blocks = values[:32].reshape(2, 16).sum(1)
    assert cascade(values)[0] == values[32:].sum() + blocks.sum()
    assert row_sum(np.float32([1, 2, 3, 4, 5])) == ((1 + 5) + 2 + 3) + 4
    assert full_sum(np.ones(100000, np.float32)) == 100000


def test_unknown_orders_fall_back_to_numpy() -> None:
    data = np.ones((3, 4, 5), np.float32)
    assert torch_order_sum(data, (0, 2), False).tolist() == [15.0] * 4  # (dims apart: known)
    assert torch_order_sum(data[:, ::-1], (0,), False) is None  # negative strides
    assert torch_order_sum(data.transpose(1, 0, 2), (0,), False).shape == (3, 5)  # known
    assert torch_order_sum(np.ones(3, np.int64), None, False) is None
    assert T.tensor(data).sum((0, 2)).tolist() == [15.0] * 4


def test_backward_of_sum_and_mean_unchanged() -> None:
    x = T.linspace(-1, 1, 40000).reshape(200, 200).requires_grad_()
    x.sum().backward()
    assert x.grad.shape == (200, 200) and bool((x.grad == 1).all())
    x.grad = None
    x.mean(1).sum().backward()
    assert bool((x.grad == 1 / 200).all())
    assert x.sum(0).grad_fn.name() == "SumBackward1"
