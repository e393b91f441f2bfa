"""The GPU's fused kernels (`autograd_kit.gpu_kernels`) give the bits of the kit's generic code.

Tests marked ``real GPU`` compare each CuPy kernel with the NumPy route of `optim._fused` on the
same values (copied back with ``.get()``), for random float32 and float64 values and for ±0,
±inf, NaN, subnormals and the largest values. NaNs are compared as NaNs: a GPU's arithmetic
gives its one canonical NaN where NumPy on the CPU keeps the payload. The other tests run
everywhere (on the CuPy stand-in without a GPU) through the public API.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy
import pytest
from conftest import REAL_CUDA

import autograd_kit as ak
from autograd_kit import gpu_kernels
from autograd_kit.optim import _fused

real_gpu = pytest.mark.skipif(not REAL_CUDA, reason="needs a real GPU with CuPy (the fused "
                              "kernels are CuPy ElementwiseKernels; the stand-in runs the "
                              "generic code)")
DTYPES = ("float32", "float64")
UINT = {"float32": numpy.uint32, "float64": numpy.uint64}


def special_values(dtype: str) -> numpy.ndarray:
    info = numpy.finfo(dtype)
    tiny, sub = float(info.tiny), float(info.smallest_subnormal)
    values = [0.0, -0.0, numpy.inf, -numpy.inf, numpy.nan, sub, -sub, 3 * sub, tiny, -tiny,
              tiny / 2, 1.0, -1.0, 0.5, float(info.max), -float(info.max), 1e-3, -7.25]
    return numpy.array(values, dtype=dtype)


def flushed(x: numpy.ndarray) -> numpy.ndarray:
    """float32 subnormals as CuPy computes them: zero, sign kept. (CuPy compiles every kernel
    with ``-ftz=true``, cupy/cupy#8382; PyTorch on CUDA and NumPy keep them.)"""
    if x.dtype != numpy.float32 or not REAL_CUDA:
        return x
    tiny = numpy.finfo(numpy.float32).tiny
    return numpy.where(numpy.abs(x) < tiny, numpy.copysign(numpy.float32(0), x), x)


def operands(dtype: str, count: int = 3, seed: int = 0) -> list[numpy.ndarray]:
    """Random values, each crossed with every special value (so every pair meets once);
    float32 subnormals flushed on a real GPU (see `flushed`)."""
    rng = numpy.random.default_rng(seed)
    special = special_values(dtype)
    n = special.size
    out = []
    for i in range(count):
        grid = numpy.meshgrid(*[special] * min(count, 2), indexing="ij")[i % 2].ravel()
        scale = numpy.exp(rng.uniform(-30, 30, 4000))
        randoms = (rng.standard_normal(4000) * scale).astype(dtype)
        if dtype == "float32":  # float32 values whose product and sum round near ties
            randoms[:1000] = rng.standard_normal(1000).astype(dtype)
        out.append(flushed(numpy.concatenate([grid, randoms,
                                              special[(numpy.arange(n) + i) % n]])))
    return out


def same_bits(got: numpy.ndarray, want: numpy.ndarray,
              ignore: numpy.ndarray | None = None) -> None:
    """Equal bit for bit, NaNs as NaNs (a GPU's NaN is canonical), float32 subnormal results
    flushed on a real GPU (see `flushed`)."""
    assert got.dtype == want.dtype and got.shape == want.shape
    got, want = flushed(got), flushed(want)
    if ignore is not None:  # (positions the reference cannot speak for, see the caller)
        got, want = got[~ignore], want[~ignore]
    nan = numpy.isnan(want)
    assert numpy.array_equal(numpy.isnan(got), nan)
    bad = numpy.flatnonzero((got.view(UINT[got.dtype.name]) != want.view(UINT[got.dtype.name]))
                            & ~nan)
    assert bad.size == 0, (f"{bad.size} values differ, e.g. at {bad[:5]}: got {got[bad[:5]]}, "
                           f"want {want[bad[:5]]}")


def exact_fma(a: numpy.ndarray, x: numpy.ndarray, y: Any) -> numpy.ndarray:
    """a + x·y rounded once to float64, computed exactly with fractions (the reference for
    float64's fma; NumPy's two roundings where a value is not finite or the sum is zero)."""
    a, x = numpy.broadcast_arrays(a, x)
    y = numpy.broadcast_to(y, a.shape)
    plain = a + x * y
    out = plain.copy()
    for i in range(a.size):
        terms = (float(a.flat[i]), float(x.flat[i]), float(y.flat[i]))
        if not all(math.isfinite(t) for t in terms):  # an infinite a plus a finite product
            if math.isinf(terms[0]) and all(math.isfinite(t) for t in terms[1:]):
                out.flat[i] = terms[0]  # stays a: the exact product never overflows
            continue
        exact = Fraction(terms[0]) + Fraction(terms[1]) * Fraction(terms[2])
        if exact != 0:
            try:  # (int / int rounds correctly; beyond the largest float it overflows)
                out.flat[i] = exact.numerator / exact.denominator
            except OverflowError:
                out.flat[i] = math.inf if exact > 0 else -math.inf
        elif terms[1] * terms[2] != 0:
            out.flat[i] = 0.0  # x·y = -a ≠ 0: an exact zero sum is +0
    return out


def on_gpu(*arrays: numpy.ndarray) -> list[Any]:
    """The arrays on the GPU, made by the kit's CUDA module (which is how the kit knows CuPy's
    array type: it registers CuPy when CUDA is first asked for)."""
    from autograd_kit import backend

    pytest.importorskip("cupy")
    xp = backend.cuda_module()
    return [xp.asarray(a) for a in arrays]


# ---- real GPU: each kernel against the generic NumPy route ------------------------------------

@real_gpu
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("alpha", [-1e-3, 0.9, 1, -3.5e38, 1e-30])
def test_add_scaled_kernel(dtype: str, alpha: float) -> None:
    a, b = operands(dtype, 2)
    if dtype == "float64" and alpha != 1:
        want = exact_fma(a, b, numpy.float64(alpha))
    else:
        want = _fused.add_scaled(a, b, alpha)
    ga, gb = on_gpu(a, b)
    assert gpu_kernels.fusable(ga, gb, inplace=True)
    same_bits(_fused.add_scaled(ga, gb, alpha).get(), want)
    _fused.add_scaled_(ga, gb, alpha)
    same_bits(ga.get(), want)


@real_gpu
def test_add_scaled_float32_keeps_the_float64_route_in_a_tie() -> None:
    """1 + b·α whose float64 sum is a float32 tie: the route gives 1, a float32 fmaf 1 + 2⁻²³."""
    a = numpy.ones(3, numpy.float32)
    b = numpy.full(3, (2**23 + 2035) * 2.0**-23, numpy.float32)
    alpha = (2**24 - 4069) * 2.0**-48
    want = _fused.add_scaled(a, b, alpha)
    assert (want == 1).all()
    ga, gb = on_gpu(a, b)
    _fused.add_scaled_(ga, gb, alpha)
    same_bits(ga.get(), want)


@real_gpu
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("value", [1, 0.001, -2.5])
def test_addcmul_kernel(dtype: str, value: float) -> None:
    a, b, c = operands(dtype, 3)
    if dtype == "float64":
        want = exact_fma(a, b if value == 1 else value * b, c)
    else:
        want = _fused.addcmul(a, b, c, value)
    # v·b is rounded to float32 first; where that is a subnormal, CuPy's flush to zero
    # changes what follows (0·inf is nan, a subnormal·inf is inf): not comparable
    scaled = (numpy.asarray(value, dtype) * b).astype(dtype)
    ignore = (flushed(scaled) != scaled) & ~numpy.isnan(scaled)
    ga, gb, gc = on_gpu(a, b, c)
    same_bits(_fused.addcmul(ga, gb, gc, value).get(), want, ignore)
    _fused.addcmul_(ga, gb, gc, value)
    same_bits(ga.get(), want, ignore)


@real_gpu
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("weight", [0.1, -0.3, 0.5, 0.9, 1.0, 0.0])
def test_lerp_kernel(dtype: str, weight: float) -> None:
    a, end = operands(dtype, 2)
    if dtype == "float64":
        diff = end - a
        want = (exact_fma(a, diff, weight) if abs(weight) < 0.5
                else exact_fma(end, diff, -(1 - weight)))
    else:
        want = a.copy()
        _fused.lerp_(want, end, weight)
    ga, gend = on_gpu(a, end)
    _fused.lerp_(ga, gend, weight)
    same_bits(ga.get(), want)


@real_gpu
@pytest.mark.parametrize("dtype", DTYPES)
def test_threshold_backward_kernel(dtype: str) -> None:
    g, y = operands(dtype, 2)
    finite = numpy.where(numpy.isfinite(g), g, 1).astype(dtype)
    for grad in (finite, g):
        want = ak.ops.unary.ThresholdBackward.forward(_Ctx(), ak.tensor(grad), ak.tensor(y), 0)
        got = gpu_kernels.threshold_backward(*on_gpu(grad, y), 0)
        same_bits(got.get(), want)


class _Ctx:
    def save_for_backward(self, *tensors: Any) -> None:
        self.saved = tensors


@real_gpu
def test_inplace_kernel_refuses_an_overlapping_view() -> None:
    (a,) = on_gpu(numpy.arange(10, dtype=numpy.float32))
    assert not gpu_kernels.fusable(a[1:], a[:-1], inplace=True)
    assert gpu_kernels.fusable(a[1:], a[1:], inplace=True)
    want = numpy.arange(10, dtype=numpy.float32)
    want[1:] = want[1:] + want[:-1].copy()
    _fused.add_scaled_(a[1:], a[:-1], 1)
    same_bits(a.get(), want)


# ---- everywhere: the public API on each device gives the CPU's bits ---------------------------

def test_kernels_stay_off_the_cpu_and_the_standin(device: str) -> None:
    x = ak.ones(3, device=device)
    assert gpu_kernels.on_cupy(x._data) == (device == "cuda" and REAL_CUDA)
    assert not gpu_kernels.on_cupy(numpy.float32(1))


@pytest.mark.parametrize("dtype", [ak.float32, ak.float64])
def test_relu_backward_zeros_and_nonfinite(device: str, dtype: Any) -> None:
    # (a float32 subnormal is kept by relu, but CuPy flushes it to 0: see `flushed`)
    tiny = 1e-30 if device == "cuda" and REAL_CUDA and dtype is ak.float32 else 1e-40
    x = ak.tensor([1.0, -1.0, 0.0, -0.0, 2.0, -3.0, 5.0, -4.0, tiny, -2.0], dtype=dtype,
                  device=device, requires_grad=True)
    g = ak.tensor([-0.0, -5.0, 7.0, 3.0, 0.0, -2.0, -1.5, 2.0, -1.0, 0.5], dtype=dtype,
                  device=device)
    ak.relu(x).backward(g)
    got = x.grad.cpu().numpy()
    # (1e-40, a float32 subnormal, is kept by relu: its gradient flows)
    want = numpy.array([-0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.5, 0.0, -1.0, 0.0], dtype=got.dtype)
    same_bits(got, want)  # (a kept -0.0 stays -0.0, as PyTorch's y <= 0 ? 0 : g gives)
    x.grad = None
    g = ak.tensor([1.0, numpy.nan, numpy.inf, -numpy.inf, numpy.nan, 2.0, 3.0, -numpy.inf,
                   4.0, 5.0], dtype=dtype, device=device)
    ak.relu(x).backward(g)
    got = x.grad.cpu().numpy()
    want = numpy.array([1.0, 0.0, 0.0, 0.0, numpy.nan, 0.0, 3.0, 0.0, 4.0, 0.0],
                       dtype=got.dtype)
    same_bits(got, want)  # nan and inf where relu was flat give 0; a kept nan stays


def optimizer_run(where: str, dtype: Any, make: Any, steps: int = 3) -> list[numpy.ndarray]:
    """Parameters (and the optimizer's state) after ``steps`` steps of given gradients (the
    same on every device: no matrix product, whose last bits differ between BLAS libraries)."""
    rng = numpy.random.default_rng(2)
    shapes = [(16, 7), (16,), (5, 16)]
    params = [ak.tensor(rng.standard_normal(shape), dtype=dtype, device=where,
                        requires_grad=True) for shape in shapes]
    opt = make(params)
    for _ in range(steps):
        for p in params:
            p.grad = ak.tensor(rng.standard_normal(p.shape) * 3.0, dtype=dtype, device=where)
        opt.step()
    state = [value.cpu().numpy() for p in params for value in opt.state[p].values()
             if isinstance(value, ak.Tensor) and value.dim() > 0]
    return [p.detach().cpu().numpy() for p in params] + state


@pytest.mark.parametrize("dtype", [ak.float32, ak.float64])
@pytest.mark.parametrize("options", [{}, {"momentum": 0.9}, {"momentum": 0.9, "nesterov": True,
                                                          "weight_decay": 1e-2},
                                     {"momentum": 0.5, "dampening": 0.25, "maximize": True}])
def test_sgd_step_on_the_device_equals_the_cpu(device: str, dtype: Any,
                                               options: dict[str, Any]) -> None:
    def make(params: list[Any]) -> Any:
        return ak.optim.SGD(params, lr=0.05, **options)

    for got, want in zip(optimizer_run(device, dtype, make), optimizer_run("cpu", dtype, make)):
        same_bits(got, want)


@pytest.mark.parametrize("dtype", [ak.float32, ak.float64])
@pytest.mark.parametrize("optimizer", ["Adam", "RMSprop", "Adagrad"])
def test_adaptive_steps_on_the_device_equal_the_cpu(device: str, dtype: Any,
                                                    optimizer: str) -> None:
    """lerp_ and addcmul_ (one kernel each on a GPU) on every parameter."""
    def make(params: list[Any]) -> Any:
        return getattr(ak.optim, optimizer)(params, lr=0.01)

    for got, want in zip(optimizer_run(device, dtype, make), optimizer_run("cpu", dtype, make)):
        same_bits(got, want)


def test_relu_backward_passes_the_gradient_where_the_input_is_nan(device: str) -> None:
    """PyTorch's rule is ``y <= 0 ? 0 : g``: nan <= 0 is false, so a nan input keeps g."""
    x = ak.tensor([numpy.nan, -numpy.nan, 1.0], device=device, requires_grad=True)
    ak.relu(x).backward(ak.tensor([2.0, -0.0, -0.0], device=device))
    same_bits(x.grad.cpu().numpy(), numpy.array([2.0, -0.0, -0.0], dtype=numpy.float32))
