"""The shortcuts behind the two-layer network's step give the general path's bits (and
PyTorch's): ReLU's backward on the bits; PowBackward0 and MmBackward0 computed on the arrays
when nothing is recorded; SumBackward0's expand of one value made directly; and the
benchmark's small full sum in PyTorch's order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import linalg, summation_order, unary
from autograd_kit.ops import unrecorded as unrecorded_module
from autograd_kit.ops.shape import Expand
from autograd_kit.tensor import Tensor
from tests.float_pairs import DTYPES, UINTS, bits, kit_copy, torch_copy

torch = pytest.importorskip("torch")


@contextmanager
def general_paths() -> Iterator[None]:
    """The shortcuts switched off: every rule takes the general path (apply, the ops)."""
    saved = (unary.unrecorded, linalg.unrecorded, unrecorded_module.unrecorded)
    never = lambda *tensors: False
    unary.unrecorded = linalg.unrecorded = unrecorded_module.unrecorded = never
    try:
        yield
    finally:
        unary.unrecorded, linalg.unrecorded, unrecorded_module.unrecorded = saved


def _specials(dtype: str, shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Random values with zeros of both signs, infinities and nans (two payloads) among them."""
    rng = np.random.default_rng(seed)
    values = rng.standard_normal(shape).astype(dtype)
    flat = values.reshape(-1)
    nan_bits = [0x7FC00123, 0xFFC00000] if dtype == "float32" else [
        0x7FF8000000000123, 0xFFF8000000000000]
    nans = np.array(nan_bits, dtype=UINTS[dtype]).view(dtype)
    specials = np.concatenate([np.array([0.0, -0.0, np.inf, -np.inf], dtype), nans])
    where = rng.choice(flat.size, size=min(flat.size, 3 * specials.size), replace=False)
    flat[where] = np.resize(specials, where.size)
    return values


# ---- ReLU's backward: the gradient's bits ANDed with a mask ---------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("threshold", [0, 0.5, -1.0, float("inf"), float("nan")])
def test_threshold_backward_on_bits_is_where(dtype: str, threshold: float) -> None:
    y, g = _specials(dtype, (13, 17), 1), _specials(dtype, (13, 17), 2)
    got = unary.threshold_backward(Tensor._make(g), Tensor._make(y), threshold)
    want = np.where(y <= threshold, g.dtype.type(0), g)
    assert got.dtype == want.dtype and got.flags.c_contiguous
    assert bits(got) == bits(want)


def test_threshold_backward_other_layouts_take_where() -> None:
    y, g = _specials("float32", (6, 5), 3), _specials("float32", (5, 6), 4)
    got = unary.threshold_backward(Tensor._make(g.T), Tensor._make(y), 0)  # (a transposed g)
    assert bits(got) == bits(np.where(y <= 0, np.float32(0), g.T))
    zero_dim = unary.threshold_backward(Tensor._make(np.asarray(np.float32(-0.0))),
                                        Tensor._make(np.asarray(np.float32(2.0))), 0)
    assert type(zero_dim) is np.ndarray and bits(zero_dim) == bits(np.float32(-0.0))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(64, 100), (7,), ()])
def test_relu_backward_matches_torch(dtype: str, shape: tuple[int, ...]) -> None:
    x, g = _specials(dtype, shape, 5), _specials(dtype, shape, 6)
    kx, tx = kit_copy(x, True), torch_copy(x, True)
    kx.relu().backward(kit_copy(g))
    tx.relu().backward(torch_copy(g))
    assert type(kx.grad._data) is np.ndarray and kx.grad.shape == tuple(tx.grad.shape)
    assert bits(kx.grad._data) == bits(tx.grad.numpy())
    with general_paths():
        general = kit_copy(x, True)
        general.relu().backward(kit_copy(g))
    assert bits(kx.grad._data) == bits(general.grad._data)


def test_relu_double_backward_still_records_threshold_backward() -> None:
    x = np.array([-1.0, 0.0, 2.0, -0.0, 3.0], np.float32)
    kx, tx = kit_copy(x, True), torch_copy(x, True)
    (kg,) = ak.autograd.grad(kx.relu().sum(), kx, create_graph=True)
    (tg,) = torch.autograd.grad(tx.relu().sum(), tx, create_graph=True)
    assert kg.grad_fn.name() == tg.grad_fn.name() == "ThresholdBackwardBackward0"
    assert bits(kg._data) == bits(tg.detach().numpy())


# ---- PowBackward0 on the arrays ----------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("exponent", [2, 3, 4, 2.0, 1.5, 0.5, -1, -2.0, 0.5])
def test_pow_backward_matches_general_path(dtype: str, exponent: float) -> None:
    x, g = _specials(dtype, (8, 9), 7), _specials(dtype, (8, 9), 8)
    fast = kit_copy(x, True)
    (fast ** exponent).backward(kit_copy(g))
    with general_paths():
        general = kit_copy(x, True)
        (general ** exponent).backward(kit_copy(g))
    assert bits(fast.grad._data) == bits(general.grad._data)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("exponent", [2, 3, 2.0])
def test_pow_backward_matches_torch(dtype: str, exponent: float) -> None:
    x, g = _specials(dtype, (64, 10), 9), _specials(dtype, (64, 10), 10)
    kx, tx = kit_copy(x, True), torch_copy(x, True)
    (kx ** exponent).backward(kit_copy(g))
    (tx ** exponent).backward(torch_copy(g))
    assert bits(kx.grad._data) == bits(tx.grad.numpy())
    ky, ty = kit_copy(x, True), torch_copy(x, True)  # the loss of the benchmark: a sum's gradient
    ((ky - 0.5) ** exponent).sum().backward()
    ((ty - 0.5) ** exponent).sum().backward()
    assert bits(ky.grad._data) == bits(ty.grad.numpy())


def test_pow_double_backward_records_its_formula() -> None:
    x = np.array([1.5, -2.0, 0.0], np.float32)
    kx, tx = kit_copy(x, True), torch_copy(x, True)
    (kg,) = ak.autograd.grad((kx ** 3).sum(), kx, create_graph=True)
    (tg,) = torch.autograd.grad((tx ** 3).sum(), tx, create_graph=True)
    assert kg.grad_fn.name() == tg.grad_fn.name()
    assert [f.name() for f, _ in kg.grad_fn.next_functions if f is not None] == [
        f.name() for f, _ in tg.grad_fn.next_functions if f is not None]
    (kgg,) = ak.autograd.grad(kg.sum(), kx)
    (tgg,) = torch.autograd.grad(tg.sum(), tx)
    assert bits(kgg._data) == bits(tgg.numpy())


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("exponent", [2, 3, 1, -1, -2, -0.5, 2.0, 3.0, -1.0, True])
def test_pow_forward_matches_torch(dtype: str, exponent: Any) -> None:
    # a float tensor and a shortcut exponent skip the operand checks: the same bits as ever
    # (** 0.5, the kit's sqrt, is left out: it was a last bit off PyTorch's now and then
    # before this shortcut too)
    x = np.abs(_specials(dtype, (7, 11), 18))
    got = (kit_copy(x) ** exponent)._data
    want = (torch_copy(x) ** exponent).numpy()
    assert got.dtype == want.dtype and bits(got) == bits(want)


def test_pow_forward_checks_other_exponents_as_before() -> None:
    assert (ak.ones(2) ** 1e39).tolist() == [1.0, 1.0]  # (PyTorch reads it as a double)
    assert (ak.tensor([2, 3]) ** 2).dtype == ak.int64
    assert (ak.tensor([True, False]) ** True).dtype == ak.bool


# ---- SumBackward0: one value expanded -----------------------------------------------------

def test_sum_gradient_is_an_expanded_view_as_in_torch() -> None:
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    seen: dict[str, Any] = {}
    kx, tx = kit_copy(x, True), torch_copy(x, True)
    kp, tp = kx * 2.0, tx * 2.0
    kp.register_hook(lambda grad: seen.__setitem__("kit", grad))
    tp.register_hook(lambda grad: seen.__setitem__("torch", grad))
    kp.sum().backward()
    tp.sum().backward()
    assert seen["kit"].stride() == seen["torch"].stride() == (0, 0)
    assert bits(seen["kit"]._data) == bits(seen["torch"].numpy())
    assert not seen["kit"]._data.flags.writeable


@pytest.mark.parametrize("shape", [(3, 4), (5,), (0, 3), (2, 1, 3)])
def test_expand_of_one_value_is_broadcast_to(shape: tuple[int, ...]) -> None:
    value = ak.tensor(-0.0, dtype=ak.float64)
    out = Expand.apply(value, shape)
    want = np.broadcast_to(value._data, shape)
    assert out._data.strides == want.strides and out._data.base is value._data
    assert not out._data.flags.writeable and bits(out._data) == bits(want)
    assert out._base is value
    if 0 not in shape:  # (the kit gives an empty tensor contiguous strides, as ever)
        assert out.stride() == tuple(torch.zeros(()).expand(shape).stride())


# ---- MmBackward0 on the arrays ------------------------------------------------------------

def _integers(dtype: str, shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Small whole numbers: every product and sum exact, so any order gives the same bits."""
    return np.random.default_rng(seed).integers(-4, 5, shape).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shapes", [((5, 7), (7, 3)), ((4, 1), (1, 6)), ((1, 5), (5, 1)),
                                    ((64, 100), (100, 10))])
@pytest.mark.parametrize("transposed", [False, True])
def test_mm_backward_matches_torch_and_general_path(
        dtype: str, shapes: tuple[tuple[int, int], tuple[int, int]], transposed: bool) -> None:
    (n, k), (_, m) = shapes
    a, g = _integers(dtype, (n, k), 11), _integers(dtype, (n, m), 12)
    b = _integers(dtype, (m, k) if transposed else (k, m), 13)  # (b.t(): column-major)

    def grads(lib: Any, make: Any) -> tuple[Any, Any]:
        ta, tb = make(a, True), make(b, True)
        (ta @ (tb.t() if transposed else tb)).backward(make(g))
        return ta.grad, tb.grad

    kit, ref = grads(ak, kit_copy), grads(torch, torch_copy)
    with general_paths():
        general = grads(ak, kit_copy)
    for got, want, other in zip(kit, ref, general):
        assert bits(got._data) == bits(want.numpy()) == bits(other._data)
        assert got.stride() == tuple(want.stride()) == other.stride()


def test_mm_backward_keeps_minus_zero_with_inner_size_one() -> None:
    a = np.array([[-0.0], [2.0]], np.float32)
    b = np.array([[0.0, -0.0]], np.float32)
    g = np.array([[1.0, -1.0], [-0.0, 0.0]], np.float32)
    ka, kb, ta, tb = kit_copy(a, True), kit_copy(b, True), torch_copy(a, True), torch_copy(b, True)
    (ka @ kb).backward(kit_copy(g))
    (ta @ tb).backward(torch_copy(g))
    assert bits(ka.grad._data) == bits(ta.grad.numpy())
    assert bits(kb.grad._data) == bits(tb.grad.numpy())


def test_mm_double_backward_records_mm() -> None:
    a, b = _integers("float32", (3, 4), 19), _integers("float32", (4, 2), 20)
    ka, kb, ta, tb = kit_copy(a, True), kit_copy(b, True), torch_copy(a, True), torch_copy(b, True)
    kg = ak.autograd.grad(((ka @ kb) ** 2).sum(), (ka, kb), create_graph=True)
    tg = torch.autograd.grad(((ta @ tb) ** 2).sum(), (ta, tb), create_graph=True)
    for k, t in zip(kg, tg):
        assert k.grad_fn.name() == t.grad_fn.name() and bits(k._data) == bits(t.detach())
    (kgg,) = ak.autograd.grad(kg[0].sum() + kg[1].sum(), ka)
    (tgg,) = torch.autograd.grad(tg[0].sum() + tg[1].sum(), ta)
    assert bits(kgg._data) == bits(tgg.numpy())


# ---- the benchmark's step, end to end ------------------------------------------------------

def test_two_layer_step_matches_the_general_path() -> None:
    rng = np.random.default_rng(16)
    x, y = rng.standard_normal((64, 100)).astype("f"), rng.standard_normal((64, 10)).astype("f")
    w1, w2 = rng.standard_normal((100, 30)).astype("f"), rng.standard_normal((30, 10)).astype("f")

    def step() -> list[list[int]]:
        kw1, kw2 = kit_copy(w1, True), kit_copy(w2, True)
        loss = (((kit_copy(x) @ kw1).relu() @ kw2 - kit_copy(y)) ** 2).sum()
        loss.backward()
        return [bits(loss._data), bits(kw1.grad._data), bits(kw2.grad._data)]

    fast = step()
    with general_paths():
        assert fast == step()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(64, 10), (640,), (4, 16, 10), (64, 100), (32, 1), (4096,),
                                   (8191,), (13, 40), (65, 10), (3, 3)])
@pytest.mark.parametrize("layout", ["rows", "transposed", "keepdim", "minus zeros"])
def test_small_full_sum_matches_torch(dtype: str, shape: tuple[int, ...], layout: str) -> None:
    # a loss's sum: one reshape makes the grid when the runs of vectors take every value
    rng = np.random.default_rng(sum(shape))
    values = rng.standard_normal(shape).astype(dtype) * 1e3
    if layout == "minus zeros":  # (every value -0.0: the sum is 0.0)
        values = np.full(shape, -0.0, dtype)
    kit, ref = values, torch.from_numpy(values.copy())
    if layout == "transposed":
        kit, ref = values.T, ref.T
    keepdim = layout == "keepdim"
    got = summation_order.torch_order_sum(kit, None if not keepdim else tuple(range(kit.ndim)),
                                          keepdim)
    want = ref.sum(tuple(range(ref.ndim)), keepdim=True) if keepdim else ref.sum()
    assert type(got) is np.ndarray and got.shape == tuple(want.shape)
    assert bits(got) == bits(want.numpy())
