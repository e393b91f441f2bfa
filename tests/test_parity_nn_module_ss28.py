"""Parity with PyTorch for nn.Module and its layers, round 3: what users call on a model and
meet in its layers (values, reprs, errors), compared live with PyTorch."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same, same_built

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("dtype", ["bool", "float32", "int16"])
@pytest.mark.parametrize("call", [
    "F.embedding(T.ones(2, dtype=T.{dtype}), T.ones(3, 2))",
    "F.embedding_bag(T.ones(2, dtype=T.{dtype}), T.ones(3, 2), T.tensor([0]))",
])
def test_embedding_indices_of_a_wrong_dtype_name_it_as_pytorch(dtype: str, call: str) -> None:
    """Bool has no legacy tensor type in PyTorch's C++ errors: its indices are 'CPUBoolType'
    (float ones 'torch.FloatTensor')."""
    assert_same(torch, ak, f"F = T.nn.functional\nout.append({call.format(dtype=dtype)})")


@pytest.mark.parametrize("ids", ["T.tensor([True, False, True])",
                                 "T.tensor([1, 0, 2], dtype=T.int16)",
                                 "T.tensor([1, 0, 2], dtype=T.uint8)"])
@pytest.mark.parametrize("offsets", ["T.tensor([0, 1])", "T.tensor([0, 1], dtype=T.int32)",
                                     "None"])
def test_embedding_bag_reads_ids_in_the_type_shared_with_offsets(ids: str, offsets: str) -> None:
    """ATen promotes the ids and the offsets to one type first: small integer or bool ids
    beside int64 offsets are looked up (alone, 2-D, they are refused)."""
    code = (f"w = T.arange(6.).reshape(3, 2).requires_grad_()\nx = {ids}\n"
            f"x = x if {offsets} is not None else x.reshape(1, -1)\n"
            f"y = T.nn.functional.embedding_bag(x, w, {offsets}, mode='sum', padding_idx=0)\n"
            "y.sum().backward()\nout += [y, w.grad]")
    assert_same(torch, ak, code)


def test_other_errors_naming_a_bool_tensor_type_say_cpubooltype() -> None:
    def build(lib: Any) -> list[str]:
        calls = [lambda: lib.ones(2).map_(lib.ones(2, dtype=lib.bool), lambda a, b: a),
                 lambda: lib.median(lib.ones(3), 0, out=(lib.ones(0, dtype=lib.bool),
                                                         lib.zeros(0, dtype=lib.long)))]
        return [_error(call) for call in calls]
    same_built(build, torch, ak)


def _error(call: Any) -> str:
    try:
        call()
    except Exception as error:  # noqa: BLE001 (the error is what is compared)
        return f"{type(error).__name__}: {error}".replace("autograd_kit", "torch")
    return "no error"


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("options", [
    {"kernel_size": 3, "stride": 2},
    {"kernel_size": (3, 2), "stride": (2, 1), "padding": 1, "ceil_mode": True},
    {"kernel_size": 5, "stride": 2, "padding": 2, "count_include_pad": False},
    {"kernel_size": 4, "stride": 1, "divisor_override": 3},
])
def test_avg_pool2d_values_and_gradients_bit_for_bit(dtype: str, options: dict) -> None:
    """PyTorch's kernel sums each window from 0, element after element (float16 in float32,
    rounded once), and its backward adds overlapping windows' gradients window after window;
    NumPy's window sum and the kit's walk over the kernel's offsets rounded otherwise."""
    x = np.random.default_rng(0).standard_normal((2, 3, 11, 10))
    x *= 100 if dtype == "float16" else 1

    def build(lib: Any) -> list[Any]:
        t = lib.tensor(x, dtype=getattr(lib, dtype), requires_grad=True)
        y = lib.nn.AvgPool2d(**options)(t)
        weights = np.random.default_rng(1).standard_normal(tuple(y.shape))
        y.backward(lib.tensor(weights, dtype=y.dtype))
        return [y.detach().numpy().tobytes(), t.grad.numpy().tobytes()]
    same_built(build, torch, ak)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize(("shape", "size"), [((2, 3, 13, 11), (4, 3)), ((1, 2, 20, 17), (6, 5)),
                                             ((2, 3, 9, 9), (3, None))])
def test_adaptive_avg_pool2d_values_and_gradients_bit_for_bit(dtype: str, shape: tuple,
                                                              size: tuple) -> None:
    """PyTorch's kernel sums each window from 0, element after element (float16 in float32),
    then divides by its height and by its width; its backward sends grad / height / width.
    The kit took NumPy's mean (other last bits)."""
    x = np.random.default_rng(0).standard_normal(shape) * (100 if dtype == "float16" else 1)

    def build(lib: Any) -> list[Any]:
        t = lib.tensor(x, dtype=getattr(lib, dtype), requires_grad=True)
        y = lib.nn.AdaptiveAvgPool2d(size)(t)
        weights = np.random.default_rng(1).standard_normal(tuple(y.shape))
        y.backward(lib.tensor(weights, dtype=y.dtype))
        return [y.detach().numpy().tobytes(), t.grad.numpy().tobytes()]
    same_built(build, torch, ak)


@pytest.mark.parametrize("in1", [0, -2])
def test_bilinear_without_first_features_is_refused_by_reset_parameters(in1: int) -> None:
    """PyTorch's reset_parameters raises a ValueError (the kit divided by √0)."""
    assert_same(torch, ak, f"T.manual_seed(0)\nout.append(T.nn.Bilinear({in1}, 3, 4))")


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("options", [
    {"kernel_size": 3, "stride": 2, "padding": 1},
    {"kernel_size": 2, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False},
    {"kernel_size": (3, 2, 2), "stride": (2, 1, 2), "padding": 1, "divisor_override": 5},
])
def test_avg_pool3d_values_and_gradients_bit_for_bit(dtype: str, options: dict) -> None:
    """PyTorch's kernel sums each 3-D window from 0, element after element, and its backward
    adds overlapping windows' gradients window after window; the kit summed 2-D pools of
    depth slices (other last bits in about 1 value in 3)."""
    x = np.random.default_rng(0).standard_normal((2, 2, 9, 8, 7))

    def build(lib: Any) -> list[Any]:
        t = lib.tensor(x, dtype=getattr(lib, dtype), requires_grad=True)
        y = lib.nn.AvgPool3d(**options)(t)
        weights = np.random.default_rng(1).standard_normal(tuple(y.shape))
        y.backward(lib.tensor(weights, dtype=y.dtype))
        return [y.detach().numpy().tobytes(), t.grad.numpy().tobytes()]
    same_built(build, torch, ak)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("shape", "size"), [((1, 2, 9, 10, 7), (3, 4, 2)),
                                             ((2, 7, 6, 5), (5, None, 3))])
def test_adaptive_avg_pool3d_values_and_gradients_bit_for_bit(dtype: str, shape: tuple,
                                                              size: tuple) -> None:
    """PyTorch's kernel sums each 3-D window from 0, element after element, and divides by
    its depth, height and width in turn (backward: grad / kT / kH / kW, window after window);
    the kit took means of depth slabs, then 2-D adaptive means (other last bits)."""
    x = np.random.default_rng(0).standard_normal(shape)

    def build(lib: Any) -> list[Any]:
        t = lib.tensor(x, dtype=getattr(lib, dtype), requires_grad=True)
        y = lib.nn.AdaptiveAvgPool3d(size)(t)
        weights = np.random.default_rng(1).standard_normal(tuple(y.shape))
        y.backward(lib.tensor(weights, dtype=y.dtype))
        return [y.detach().numpy().tobytes(), t.grad.numpy().tobytes(), y.grad_fn.name()]
    same_built(build, torch, ak)


_NAN_VOLUME = ("[[[[1., n, 2.], [3., n, 0.], [n, 1., n]], "
               "[[n, 0., 1.], [1., 1., n], [0., 0., 0.]]]]")


@pytest.mark.parametrize("call", [
    "F.max_pool2d(x[0], 2, 1, return_indices=True)",
    "F.max_pool2d(x[0], 2, 2, 1, ceil_mode=True, return_indices=True)",
    "F.max_pool1d(x[0, 0], 2, 1, return_indices=True)",
    "F.max_pool3d(x, 2, 1, return_indices=True)",
    "F.adaptive_max_pool1d(x[0, 0], 2, return_indices=True)",
    "F.adaptive_max_pool2d(x[0], 2, return_indices=True)",
    "F.adaptive_max_pool3d(x, (1, 2, 2), return_indices=True)",
    "F.fractional_max_pool2d(x[0], 2, output_size=2, return_indices=True,"
    " _random_samples=T.full((1, 2, 2), 0.5))",
])
def test_max_pools_take_the_last_nan_of_a_window(call: str) -> None:
    """PyTorch's max kernels take a value when val > max or isnan(val): each NaN replaces
    the one before, so the last NaN is the window's place (and gets the gradient); NumPy's
    argmax gave the kit the first."""
    code = (f"n = float('nan')\nx = T.tensor([{_NAN_VOLUME}], requires_grad=True)\n"
            f"F = T.nn.functional\ny, i = {call}\ny.sum().backward()\nout += [y, i, x.grad]")
    assert_same(torch, ak, code)


@pytest.mark.parametrize("samples", ["T.rand(1, 3, 2)", "T.rand(2, 2, 2)", "T.rand(2, 3, 3)",
                                     "T.rand(2, 3)", "T.rand(2, 3, 2, dtype=T.float64)",
                                     "T.rand(3, 3, 2)"])
def test_fractional_max_pool_checks_its_random_samples(samples: str) -> None:
    """PyTorch checks _random_samples' dtype, dimensions, batch, channels and numbers per
    window; the kit indexed past their end (IndexError) or read a wrong row."""
    code = ("x = T.arange(150.).reshape(2, 3, 5, 5)\n"
            f"y = T.nn.functional.fractional_max_pool2d(x, 2, output_size=2, "
            f"_random_samples={samples})\nout.append(y.shape)")
    assert_same(torch, ak, code)


@pytest.mark.parametrize("shape", [(7, 5), (4, 5, 9), (3, 5, 4, 6)])
@pytest.mark.parametrize("affine", [True, False])
def test_float64_batch_norm_in_eval_mode_bit_for_bit(shape: tuple, affine: bool) -> None:
    """With fixed statistics PyTorch's float64 kernel computes α = w/√(σ²+ε), β = b - μ·α and
    y = x·α + β with fused multiply-adds (vec::fmadd), as its float32 one; the kit rounded
    the float64 products and sums apart (about 1 value in 4 differed in the last bit)."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape) * 3 + 1
    state = {"running_mean": rng.standard_normal(5), "running_var": rng.random(5) + 0.5}
    if affine:
        state |= {"weight": rng.standard_normal(5), "bias": rng.standard_normal(5)}

    def build(lib: Any) -> bytes:
        layer = (lib.nn.BatchNorm1d if len(shape) < 4 else lib.nn.BatchNorm2d)(
            5, affine=affine, dtype=lib.float64)
        layer.load_state_dict({k: lib.tensor(v) for k, v in state.items()}, strict=False)
        return layer.eval()(lib.tensor(x)).detach().numpy().tobytes()
    same_built(build, torch, ak)
