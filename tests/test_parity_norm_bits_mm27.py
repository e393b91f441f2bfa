"""float32 normalization layers bit for bit with PyTorch 2.13 (CPU), compared live: layer
norm's forward and backward (ops/layer_norm_cpu32.py), and the fused multiply-add they use
(ops/sleef_float32.fma)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops.sleef_float32 import fma
from tests.parity_harness import same_built

torch = pytest.importorskip("torch")


def _bits(t: Any) -> list[int] | None:
    """A tensor's float32 values as their bit patterns (None for no tensor)."""
    if t is None:
        return None
    return t.detach().numpy().view(np.int32).ravel().tolist()


def _data(shape: tuple[int, ...], seed: int, scale: float = 3.0, shift: float = 1.0
          ) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape) * scale + shift).astype(np.float32)


def _layer_norm_run(shape: tuple[int, ...], k: int, affine: str, seed: int) -> Any:
    """A build: y, ∂L/∂x, ∂L/∂w, ∂L/∂b of F.layer_norm over the last ``k`` dimensions, as
    bits (``affine``: "wb" weight and bias, "w", "b", or "" neither)."""
    x, g = _data(shape, seed), _data(shape, seed + 1, 1.0, 0.0)
    ns = shape[len(shape) - k:]
    w, b = _data(ns, seed + 2, 1.0, 0.5), _data(ns, seed + 3, 1.0, 0.0)

    def build(lib: Any) -> Any:
        xt = lib.tensor(x, requires_grad=True)
        wt = lib.tensor(w, requires_grad=True) if "w" in affine else None
        bt = lib.tensor(b, requires_grad=True) if "b" in affine else None
        y = lib.nn.functional.layer_norm(xt, ns, wt, bt)
        y.backward(lib.tensor(g))
        return [_bits(t) for t in (y, xt.grad, wt.grad if wt is not None else None,
                                   bt.grad if bt is not None else None)]
    return build


@pytest.mark.parametrize("size", [5, 7, 8, 16, 17, 31, 64, 100, 136, 200, 300])
def test_layer_norm_rows_of_many_sizes_match_pytorch_bits(size: int) -> None:
    # rows shorter than a vector, whole vectors, a tail, one chunk of 16 vectors, several
    # chunks merged in the cascade (136 values and more)
    same_built(_layer_norm_run((6, size), 1, "wb", size), torch, ak)


@pytest.mark.parametrize("affine", ["", "w", "b"])
def test_layer_norm_without_weight_or_bias_matches_pytorch_bits(affine: str) -> None:
    same_built(_layer_norm_run((5, 37), 1, affine, 11), torch, ak)


@pytest.mark.parametrize("rows", [1, 2, 3, 9])
def test_layer_norm_weight_gradient_is_summed_as_pytorchs_threads_sum_it(rows: int) -> None:
    same_built(_layer_norm_run((rows, 24), 1, "wb", 20 + rows), torch, ak)


def test_nn_layer_norm_over_two_dimensions_matches_pytorch_bits() -> None:
    x = _data((4, 3, 5, 6), 31)

    def build(lib: Any) -> Any:
        lib.manual_seed(0)
        layer = lib.nn.LayerNorm((5, 6))
        xt = lib.tensor(x, requires_grad=True)
        y = layer(xt)
        (y * y).mean().backward()  # (a gradient that is not all ones)
        return [_bits(t) for t in (y, xt.grad, layer.weight.grad, layer.bias.grad)]
    same_built(build, torch, ak)


def test_layer_norm_statistics_match_pytorch_bits() -> None:
    x = _data((7, 150), 41, 10.0, -4.0)

    def build(lib: Any) -> Any:
        y, mean, rstd = lib.native_layer_norm(lib.tensor(x), (150,), None, None, 1e-5)
        return [_bits(t) for t in (y, mean, rstd)] + [list(mean.shape)]
    same_built(build, torch, ak)


def test_layer_norm_of_a_gradient_of_ones_matches_pytorch_bits() -> None:
    # y.sum(): each step of ∂L/∂w's sum adds an exact product
    x = _data((10, 20), 51)

    def build(lib: Any) -> Any:
        layer = lib.nn.LayerNorm(20)
        xt = lib.tensor(x, requires_grad=True)
        layer(xt).sum().backward()
        return [_bits(t) for t in (xt.grad, layer.weight.grad, layer.bias.grad)]
    same_built(build, torch, ak)


def test_layer_norm_double_backward_still_works() -> None:
    x = _data((3, 6), 61)

    def build(lib: Any) -> Any:
        xt = lib.tensor(x.astype(np.float64), requires_grad=True)
        y = lib.nn.functional.layer_norm(xt, (6,))
        (gx,) = lib.autograd.grad((y * y * y).sum(), xt, create_graph=True)
        (ggx,) = lib.autograd.grad(gx.sum(), xt)
        return np.round(ggx.detach().numpy(), 8).tolist()
    same_built(build, torch, ak)


def test_fma_of_halfway_sums_is_rounded_once() -> None:
    # a·b + c exactly halfway between two floats in float64, with a lost part: one rounding
    a = np.array([4097.0, 3.0, 4097.0], np.float32)
    b = np.array([4097.0, 3.0, 1.0], np.float32)
    c = np.array([2.0 ** -40, 1.0, 2.0 ** -40], np.float32)
    expected = (torch.tensor(a, dtype=torch.float64) * torch.tensor(b, dtype=torch.float64)
                + torch.tensor(c, dtype=torch.float64))
    got = fma(a, b, c)
    assert got.dtype == np.float32
    assert got.tolist() == [16785410.0, 10.0, 4097.0]
    assert expected.float().tolist()[1:] == got.tolist()[1:]  # (the double-rounding-free ones)
    assert type(fma(np.float32(4097), np.float32(4097), np.float32(2.0 ** -40))) is np.float32


@pytest.mark.parametrize(("shape", "groups", "affine"), [
    ((4, 6, 5), 3, "wb"), ((2, 8, 4, 4), 2, "wb"), ((3, 4), 2, "w"), ((2, 6, 10), 6, "b"),
    ((2, 6, 10), 1, ""), ((2, 16, 8, 8), 4, "wb")])
def test_group_norm_forward_matches_pytorch_bits(shape: tuple[int, ...], groups: int,
                                                 affine: str) -> None:
    x = _data(shape, 71)
    w, b = _data(shape[1:2], 72, 1.0, 0.5), _data(shape[1:2], 73, 1.0, 0.0)

    def build(lib: Any) -> Any:
        wt = lib.tensor(w, requires_grad=True) if "w" in affine else None
        bt = lib.tensor(b, requires_grad=True) if "b" in affine else None
        y = lib.nn.functional.group_norm(lib.tensor(x, requires_grad=True), groups, wt, bt)
        node = y.grad_fn
        return [_bits(t) for t in (y, node._saved_result1, node._saved_result2)]
    same_built(build, torch, ak)


def test_group_norm_module_forward_matches_pytorch_bits() -> None:
    x = _data((3, 6, 7, 7), 81, 5.0, -2.0)

    def build(lib: Any) -> Any:
        layer = lib.nn.GroupNorm(3, 6)
        with lib.no_grad():
            layer.weight.mul_(1.5).add_(0.25)
            layer.bias.add_(-0.5)
            return _bits(layer(lib.tensor(x)))
    same_built(build, torch, ak)


@pytest.mark.parametrize(("shape", "groups", "affine"), [
    ((4, 6, 5), 3, "wb"), ((2, 8, 4, 4), 2, "wb"), ((3, 4), 2, "w"), ((2, 6, 10), 6, "w"),
    ((2, 6, 10), 1, ""), ((2, 16, 8, 8), 4, "wb"), ((2, 32, 13), 2, "wb")])
def test_group_norm_backward_matches_pytorch_bits(shape: tuple[int, ...], groups: int,
                                                  affine: str) -> None:
    # groups of fewer than 8 channels, of whole vectors of 8, and of 16 and a tail
    x, g = _data(shape, 91), _data(shape, 92, 1.0, 0.0)
    w, b = _data(shape[1:2], 93, 1.0, 0.5), _data(shape[1:2], 94, 1.0, 0.0)

    def build(lib: Any) -> Any:
        xt = lib.tensor(x, requires_grad=True)
        wt = lib.tensor(w, requires_grad=True) if "w" in affine else None
        bt = lib.tensor(b, requires_grad=True) if "b" in affine else None
        lib.nn.functional.group_norm(xt, groups, wt, bt).backward(lib.tensor(g))
        return [_bits(t) for t in (xt.grad, wt.grad if wt is not None else None,
                                   bt.grad if bt is not None else None)]
    same_built(build, torch, ak)
