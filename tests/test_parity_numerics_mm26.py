"""Float32 values of common nn layers, to PyTorch's last bit on this CPU (round 26, mm)."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from tests.parity_harness import same_built

torch = pytest.importorskip("torch")


def _bits(t: object) -> list[int]:
    """A float32 tensor's values as their bit patterns (equal floats, equal bits)."""
    return t.detach().numpy().view(np.int32).ravel().tolist()


def _batch_norm_1d_gradients(rows: int, channels: int, affine: bool, threads: int = 0):
    """BatchNorm1d in training on an (rows, channels) float32 batch: the bits of ∂L/∂x (and of
    ∂L/∂w, ∂L/∂b with affine parameters) for a random incoming gradient."""
    rng = np.random.default_rng(rows * 100 + channels)
    x = (rng.standard_normal((rows, channels)) * 2 + 1).astype(np.float32)
    gy = rng.standard_normal((rows, channels)).astype(np.float32)
    weight = np.linspace(-2, 2, channels).astype(np.float32)

    def build(T):
        before = T.get_num_threads()
        if threads:
            T.set_num_threads(threads)
        try:
            bn = T.nn.BatchNorm1d(channels, affine=affine)
            if affine:
                with T.no_grad():
                    bn.weight.copy_(T.tensor(weight))
            X = T.tensor(x, requires_grad=True)
            bn(X).backward(T.tensor(gy))
        finally:
            T.set_num_threads(before)
        grads = [X.grad] + ([bn.weight.grad, bn.bias.grad] if affine else [])
        return [_bits(g) for g in grads]
    return build


@pytest.mark.parametrize("rows, channels", [(2, 6), (3, 1), (4, 3), (16, 5), (32, 10),
                                            (64, 20), (9, 33), (100, 8)])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm_1d_training_gradients_to_the_bit(rows, channels, affine):
    # PyTorch: per-thread float sums and dotp (fused), then k = dotp·r·r/N and
    # dx = (dy - Σdy/N - (x - μ)·k)·r·w, fused in whole vectors of 8 channels only
    same_built(_batch_norm_1d_gradients(rows, channels, affine), torch, ak)


@pytest.mark.parametrize("threads", [1, 3])
def test_batch_norm_1d_training_gradients_with_other_thread_counts(threads):
    same_built(_batch_norm_1d_gradients(50, 12, True, threads), torch, ak)


def _batch_norm_image_gradients(shape: tuple[int, ...], affine: bool):
    """BatchNorm1d/2d in training on a contiguous (N, C, *) float32 batch: the bits of ∂L/∂x
    (and of ∂L/∂w, ∂L/∂b with affine parameters) for a random incoming gradient."""
    rng = np.random.default_rng(sum(shape))
    x = (rng.standard_normal(shape) * 2 + 1).astype(np.float32)
    gy = rng.standard_normal(shape).astype(np.float32)
    channels = shape[1]
    weight = np.linspace(-2, 2, channels).astype(np.float32)

    def build(T):
        layer = T.nn.BatchNorm1d if len(shape) == 3 else T.nn.BatchNorm2d
        bn = layer(channels, affine=affine)
        if affine:
            with T.no_grad():
                bn.weight.copy_(T.tensor(weight))
        X = T.tensor(x, requires_grad=True)
        bn(X).backward(T.tensor(gy))
        grads = [X.grad] + ([bn.weight.grad, bn.bias.grad] if affine else [])
        return [_bits(g) for g in grads]
    return build


@pytest.mark.parametrize("shape", [(4, 3, 5), (8, 2, 16), (3, 4, 20), (5, 2, 33), (16, 4, 9),
                                   (2, 2, 100), (2, 3, 4, 5), (3, 2, 8, 8), (2, 1, 1)])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm_training_gradients_over_positions_to_the_bit(shape, affine):
    # PyTorch: per sample and channel, float sums over the positions in vectors of 8 (the
    # partial last vector of dotp fused), added over samples in double; dx fused throughout
    same_built(_batch_norm_image_gradients(shape, affine), torch, ak)
