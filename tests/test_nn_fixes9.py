"""Kit-only checks of nn.Module and layers matched to PyTorch (values observed with PyTorch)."""

from __future__ import annotations

import pytest

import autograd_kit as T
from autograd_kit import nn
from autograd_kit.nn import functional as F


@pytest.mark.parametrize(("a", "b", "message"), [
    ((5, 2), (3,), "bilinear(): input dimensions do not match: got 2 and 1"),
    ((5, 2), (4, 3), "bilinear(): input batch dimensions do not match at dim 0: got 5 and 4"),
    ((5, 3), (5, 3), "bilinear(): input1 size does not match weight size: got 3 but expected 2"),
    ((5, 2), (5, 4), "bilinear(): input2 size does not match weight size: got 4 but expected 3"),
])
def test_bilinear_shape_errors(a: tuple, b: tuple, message: str) -> None:
    m = nn.Bilinear(2, 3, 4)
    with pytest.raises(RuntimeError) as info:
        m(T.randn(*a), T.randn(*b))
    assert str(info.value) == message


def test_bilinear_bias_size_error() -> None:
    w = T.randn(4, 2, 3)
    with pytest.raises(RuntimeError, match=r"^bilinear\(\): bias size does not match weight size: "
                                           r"got 3 but expected 4$"):
        F.bilinear(T.randn(5, 2), T.randn(5, 3), w, T.zeros(3))


def test_module_apply_private_replaces_values_children_first() -> None:
    m = nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.Linear(1, 1)), nn.BatchNorm1d(1))
    weight = m[0].weight
    seen: list[tuple[int, ...]] = []

    def record(t: T.Tensor) -> T.Tensor:
        seen.append(tuple(t.shape))
        return t + 1

    assert m._apply(record, recurse=False) is m and seen == []
    assert m._apply(record) is m
    assert seen == [(1, 1), (1,), (1, 1), (1,), (1,), (1,), (1,), (1,), ()]
    assert m[0].weight is weight and isinstance(weight, nn.Parameter) and weight.requires_grad
    assert m[2].running_var.tolist() == [2.0] and m[2].num_batches_tracked.item() == 1
