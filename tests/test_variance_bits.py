"""var, std, var_mean and std_mean of float32 tensors as PyTorch's CPU kernel computes them:
accumulated in double precision and rounded once (std: the root taken before rounding).

The expected numbers were printed by PyTorch 2.13 (CPU) for the same input. Run without
PyTorch."""

from __future__ import annotations

import numpy as np

import autograd_kit as ak


def bits(t: ak.Tensor) -> int:
    return int(t.detach().numpy().view(np.int32).astype(np.int64).sum())


def example() -> ak.Tensor:
    return ak.linspace(-3, 5, 91).reshape(7, 13) ** 2 / 3


def test_whole_tensor_var_and_std_match_pytorch() -> None:
    x = example()
    assert x.var().item() == 5.120372295379639
    assert x.std().item() == 2.2628238201141357


def test_var_and_std_along_dims_match_pytorch() -> None:
    x = example()
    assert bits(x.var(0)) == 14113946650
    assert bits(x.std(1)) == 7368243070
    assert bits(x.var(1, correction=0)) == 7274714283
    assert bits(ak.var_mean(x, 0)[0]) == 14113946650
    assert bits(ak.std_mean(x, 1)[0]) == 7368243070


def test_float32_variance_is_the_rounded_double_one() -> None:
    x = np.random.default_rng(3).standard_normal((40, 30)).astype(np.float32) * 5 + 2
    expected = x.astype(np.float64).var(axis=1, ddof=1).astype(np.float32)
    assert np.array_equal(ak.tensor(x).var(1).numpy(), expected)
    root = np.sqrt(x.astype(np.float64).var(ddof=1)).astype(np.float32)
    assert ak.tensor(x).std().numpy() == root


def test_batch_norm_with_running_statistics_matches_pytorch() -> None:
    """Eval mode: α = w / √(σ² + ε), β = b - μα and y = xα + β, β and y each one fused step."""
    x = ak.linspace(-3, 4, 6 * 4 * 5).reshape(6, 4, 5) ** 2 / 7
    y = ak.nn.functional.batch_norm(x, ak.linspace(-1, 1, 4), ak.linspace(0.5, 2, 4),
                                    ak.linspace(0.3, 1.2, 4), ak.linspace(-0.2, 0.4, 4),
                                    training=False)
    assert bits(y) == 81108107404


def test_one_result_variance_uses_the_float_mean_then_double_squares() -> None:
    """PyTorch's all-reduce var/std: mean as torch.mean (float32), then Σ (x - mean)² in
    double, so a constant float32 tensor can have a tiny variance; along a dim it is 0."""
    x = ak.tensor([0.22, 0.22, 0.22])
    assert x.var().item() == 3.3306690738754696e-16
    assert x.std().item() == 1.825012141409843e-08
    assert ak.tensor([[0.1] * 7] * 3).var(1).tolist() == [0.0, 0.0, 0.0]
