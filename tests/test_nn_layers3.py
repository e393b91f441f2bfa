"""The third batch of nn pieces, without PyTorch: class-index target checks, recurrent layers
and cells, channel dropout, interpolation, parameter vectors, ``pad_sequence`` and
``CyclicLR``.

Values are worked by hand from the formulas; gradients (and gradients of gradients) are
checked against finite differences in float64. tests/test_torch_sweep_nn3.py compares the
same pieces with PyTorch's printed output.
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.autograd import gradcheck, gradgradcheck
from autograd_kit.nn import functional as F


def rand64(*shape: int, requires_grad: bool = True) -> ak.Tensor:
    values = np.random.default_rng(sum(shape) + len(shape)).standard_normal(shape)
    return ak.tensor(values, dtype=ak.float64, requires_grad=requires_grad)


def host(t: ak.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


def check(fn, *inputs: ak.Tensor) -> None:
    assert gradcheck(fn, inputs)
    assert gradgradcheck(fn, inputs)


# ---- class-index targets ----------------------------------------------------------------

@pytest.mark.parametrize("loss", [nn.CrossEntropyLoss(), nn.NLLLoss()])
def test_a_column_of_class_indices_is_a_multi_target(loss: nn.Module) -> None:
    with pytest.raises(RuntimeError, match="0D or 1D target tensor expected, multi-target not "
                                           "supported"):
        loss(ak.randn(3, 4), ak.tensor([[1], [0], [2]]))


def test_long_targets_shaped_like_the_scores_are_not_probabilities() -> None:
    with pytest.raises(RuntimeError, match="Expected floating point type for target with class "
                                           "probabilities, got Long"):
        F.cross_entropy(ak.randn(3, 4), ak.zeros(3, 4, dtype=ak.long))
    with pytest.raises(RuntimeError, match="multi-target"):
        F.nll_loss(ak.randn(3, 4), ak.zeros(3, 4, dtype=ak.long))


def test_probabilities_for_another_batch_size() -> None:
    with pytest.raises(ValueError, match=r"Expected input batch_size \(3\) to match target "
                                         r"batch_size \(2\)\."):
        F.cross_entropy(ak.randn(3, 4), ak.rand(2, 4))


def test_spatial_targets_errors() -> None:
    with pytest.raises(RuntimeError, match="only batches of spatial targets supported"):
        F.nll_loss(ak.randn(2, 3, 4, 5), ak.zeros(2, 4, dtype=ak.long))
    with pytest.raises(RuntimeError, match=r"size mismatch \(got input: \[2, 3, 4, 5\] , "
                                           r"target: \[2, 4, 6\]"):
        F.nll_loss(ak.randn(2, 3, 4, 5), ak.zeros(2, 4, 6, dtype=ak.long))
    # a weight of C elements in any shape is taken for images
    x = rand64(2, 3, 4)
    t = ak.tensor([[0, 1, 2, 1], [2, 2, 0, 1]])
    w = ak.tensor([[1.0, 2.0, 3.0]], dtype=ak.float64)
    assert F.cross_entropy(x, t, weight=w).item() == pytest.approx(
        F.cross_entropy(x, t, weight=w.flatten()).item())
