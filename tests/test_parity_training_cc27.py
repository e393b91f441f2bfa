"""Parity with PyTorch for nn and optim as PyTorch users use them in training scripts (round
27): half-precision layers, and what a training loop reads back. Compared live with PyTorch,
values bit for bit."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from parity_harness import same_built

import autograd_kit as ak

torch = pytest.importorskip("torch")

_RNG = numpy.random.default_rng(27)


def _half(*shape: int) -> numpy.ndarray:
    return _RNG.standard_normal(shape).astype(numpy.float16)


def _bits(t: Any) -> tuple[str, list[int], bytes]:
    """A tensor as its dtype, shape and exact bytes."""
    return str(t.dtype).split(".")[-1], list(t.shape), t.detach().numpy().tobytes()


_X, _X3, _W, _B = _half(6, 5), _half(2, 4, 5), _half(3, 5), _half(3)
_M, _V, _I = _half(4, 7), _half(7), _half(4)
_B1, _B2, _BI = _half(3, 4, 6), _half(3, 6, 5), _half(4, 5)
_X64, _W16, _B16, _GRAD = _half(64, 4), _half(16, 4), _half(16), _half(64, 16)


@pytest.mark.parametrize("call", [
    lambda T, t: T.nn.functional.linear(t(_X), t(_W), t(_B)),
    lambda T, t: T.nn.functional.linear(t(_X3), t(_W), t(_B)),
    lambda T, t: T.addmm(t(_B), t(_X), t(_W).t()),
    lambda T, t: T.addmm(t(_B), t(_X), t(_W).t(), beta=0.5, alpha=2),
    lambda T, t: T.addmv(t(_I), t(_M), t(_V)),
    lambda T, t: T.baddbmm(t(_BI), t(_B1), t(_B2)),
], ids=["linear", "linear_3d", "addmm", "addmm_scaled", "addmv", "baddbmm"])
def test_float16_product_is_added_to_the_bias_in_float32(call: Any) -> None:
    """PyTorch's CPU kernels multiply float16 matrices in float32 and add the bias (input) to
    the float32 product before rounding once; the kit rounded the product to float16 first
    (a half-precision Linear was one float16 ulp off in about half of its outputs)."""
    same_built(lambda lib: _bits(call(lib, lib.tensor)), torch, ak)


def test_half_precision_training_step() -> None:
    """A model.half() training step: loss, gradients and the updated weights."""
    def build(lib: Any) -> Any:
        model = lib.nn.Linear(5, 3).half()
        with lib.no_grad():
            model.weight.copy_(lib.tensor(_W))
            model.bias.copy_(lib.tensor(_B))
        opt = lib.optim.SGD(model.parameters(), lr=0.1)
        loss = (model(lib.tensor(_X)) ** 2).mean()
        loss.backward()
        opt.step()
        return _bits(loss), _bits(model.weight.grad), _bits(model.weight), _bits(model.bias)
    same_built(build, torch, ak)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_linear_with_no_input_features_gives_the_bias(dtype: str) -> None:
    """Linear(0, 3) (an empty feature vector): PyTorch returns the bias on every row; on
    processors other than Intel's the kit's MKL-order walk took the first of no columns and
    raised NumPy's ValueError."""
    def build(lib: Any) -> Any:
        dt = getattr(lib, dtype)
        x = lib.zeros(4, 0, dtype=dt, requires_grad=True)
        w = lib.zeros(3, 0, dtype=dt, requires_grad=True)
        b = lib.tensor([0.5, -1.0, 2.0], dtype=dt, requires_grad=True)
        y = lib.nn.functional.linear(x, w, b)
        y.sum().backward()
        return _bits(y), _bits(b.grad), _bits(x.grad), _bits(w.grad)
    same_built(build, torch, ak)


@pytest.mark.parametrize("n", [21, 100, 1000])
@pytest.mark.parametrize("kw", [
    {"lr": 0.1}, {"lr": 0.1, "momentum": 0.9},
    {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
    {"lr": 0.05, "momentum": 0.5, "dampening": 0.1, "weight_decay": 0.1, "maximize": True},
], ids=["plain", "momentum", "nesterov", "dampening"])
def test_sgd_on_float16_parameters(kw: dict, n: int) -> None:
    """SGD on a model.half(): PyTorch's add_(g, alpha=-lr) widens whole blocks of 32 float16
    values to float32 (lr rounded to float16 first) and rounds once, the values left over in
    float16 arithmetic; mul_(momentum) multiplies by float32(momentum), one rounding. The kit
    computed all of it in float16 (each step rounded, momentum rounded to float16)."""
    rng = numpy.random.default_rng(n)
    start = rng.standard_normal(n).astype(numpy.float16)
    grads = [rng.standard_normal(n).astype(numpy.float16) for _ in range(3)]

    def build(lib: Any) -> Any:
        p = lib.nn.Parameter(lib.tensor(start))
        opt = lib.optim.SGD([p], **kw)
        for g in grads:
            p.grad = lib.tensor(g)
            opt.step()
        return _bits(p), [_bits(b) for b in (opt.state[p].get("momentum_buffer"),) if b is not None]
    same_built(build, torch, ak)


@pytest.mark.parametrize("n", [21, 100])
@pytest.mark.parametrize("name, kw", [
    ("Adam", {"lr": 0.01}), ("Adam", {"lr": 0.01, "amsgrad": True, "weight_decay": 0.1}),
    ("AdamW", {"lr": 0.01}), ("Adam", {"lr": 0.01, "maximize": True}),
    ("RMSprop", {"lr": 0.01}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.9, "centered": True, "weight_decay": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01}), ("Adamax", {}), ("NAdam", {}),
    ("Adadelta", {}),
], ids=["adam", "amsgrad_decay", "adamw", "maximize", "rmsprop", "rmsprop_centered",
        "adagrad", "adamax", "nadam", "adadelta"])
def test_adaptive_optimizers_on_float16_parameters(name: str, kw: dict, n: int) -> None:
    """Adaptive optimizers on a model.half(): PyTorch's lerp_, mul_(β), addcmul_, the
    division by √(1 - β₂ᵗ) and addcdiv_ compute float16 tensors as float32 ones (numbers
    read as float32, the fused steps of its float32 kernels) and round each result to float16
    once; the kit computed in float16 (each step rounded, the numbers rounded to float16)."""
    rng = numpy.random.default_rng(n)
    start = rng.standard_normal(n).astype(numpy.float16)
    grads = [rng.standard_normal(n).astype(numpy.float16) for _ in range(3)]

    def build(lib: Any) -> Any:
        p = lib.nn.Parameter(lib.tensor(start))
        opt = getattr(lib.optim, name)([p], **kw)
        for g in grads:
            p.grad = lib.tensor(g)
            opt.step()
        state = opt.state[p]
        return _bits(p), [(key, _bits(v)) for key, v in sorted(state.items()) if key != "step"]
    same_built(build, torch, ak)


@pytest.mark.parametrize("shape, dim", [((64, 16), 0), ((300, 7), 0), ((3, 40, 5), 1),
                                        ((10, 5), (0, 1)), ((3, 40, 5), (0, 2))])
def test_float16_sum_over_rows_adds_in_float32(shape: tuple, dim: Any) -> None:
    """x.sum(0) of a float16 tensor (a half-precision Linear's bias gradient): PyTorch adds in
    float32 and rounds the sum once; the kit let NumPy add the rows in float16, rounding each
    step."""
    data = (numpy.random.default_rng(len(shape)).standard_normal(shape) * 3).astype("float16")
    same_built(lambda lib: _bits(lib.tensor(data).sum(dim)), torch, ak)


def test_float16_linear_bias_gradient() -> None:
    """The bias gradient of F.linear on float16 inputs: the gradient summed over 64 rows."""
    def build(lib: Any) -> Any:
        x = lib.tensor(_X64)
        w = lib.tensor(_W16, requires_grad=True)
        b = lib.tensor(_B16, requires_grad=True)
        lib.nn.functional.linear(x, w, b).backward(lib.tensor(_GRAD))
        return _bits(b.grad), _bits(w.grad)
    same_built(build, torch, ak)


def test_float16_tanh_gradient_in_float32() -> None:
    """tanh's backward on float16: PyTorch computes grad · (1 - y²) in float32 and rounds
    once; the kit rounded each step to float16 (about half of the gradients one ulp off)."""
    x = (numpy.random.default_rng(5).standard_normal(200) * 2).astype(numpy.float16)
    g = numpy.random.default_rng(6).standard_normal(200).astype(numpy.float16)

    def build(lib: Any) -> Any:
        t = lib.tensor(x, requires_grad=True)
        t.tanh().backward(lib.tensor(g))
        return _bits(t.grad)
    same_built(build, torch, ak)


@pytest.mark.parametrize("n", [21, 100])
def test_radam_second_moment_on_float16_parameters(n: int) -> None:
    """RAdam's exp_avg_sq.mul_(β₂) on float16: PyTorch reads β₂ as a float32 and rounds the
    product once; the kit rounded β₂ to float16 first (0.999 → 0.99902), so the moment was
    float16 ulps off from the second step."""
    rng = numpy.random.default_rng(n)
    start = rng.standard_normal(n).astype(numpy.float16)
    grads = [rng.standard_normal(n).astype(numpy.float16) for _ in range(4)]

    def build(lib: Any) -> Any:
        p = lib.nn.Parameter(lib.tensor(start))
        opt = lib.optim.RAdam([p])
        for g in grads:
            p.grad = lib.tensor(g)
            opt.step()
        return _bits(opt.state[p]["exp_avg_sq"]), _bits(opt.state[p]["exp_avg"])
    same_built(build, torch, ak)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("shape, dim", [((300, 7), 0), ((64, 16), None), ((33, 65), 1),
                                        ((3, 40, 5), 1), ((5000,), 0)])
def test_nansum_and_nanmean_add_in_sums_order(dtype: str, shape: tuple, dim: Any) -> None:
    """PyTorch's nansum adds in its sum's order, skipping the NaNs (float16 in float32); the
    kit used NumPy's nansum (pairwise, float16 rounded at each step)."""
    rng = numpy.random.default_rng(len(shape) * 7 + shape[0])
    data = (rng.standard_normal(shape) * 3).astype(dtype)
    data[rng.random(shape) < 0.1] = numpy.nan

    def build(lib: Any) -> Any:
        x, axes = lib.tensor(data), () if dim is None else (dim,)
        return _bits(x.nansum(*axes)), _bits(x.nanmean(*axes))
    same_built(build, torch, ak)
