"""Tests for ``autograd_kit.printing``: output must match PyTorch's ``repr(tensor)``.

The expected strings in ``CASES`` were produced verbatim by ``repr()`` in torch 2.13.0 (CPU
build), so the table runs without torch installed. Cases with ``device='cuda:0'`` were made by
letting torch print ``device='cpu'`` (default device patched to cuda) and renaming the device.
When torch is importable, ``test_matches_torch_on_random_arrays`` also compares live.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest


def _load_printing():
    """Import the module normally, or straight from its file if the package is not importable."""
    try:
        from autograd_kit import printing

        return printing
    except Exception:  # the package __init__ may be missing or mid-edit
        path = Path(__file__).resolve().parents[1] / "autograd_kit" / "printing.py"
        spec = importlib.util.spec_from_file_location("_autograd_kit_printing", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


printing = _load_printing()
format_tensor = printing.format_tensor
summarized_view = printing.summarized_view

TORCH_DEFAULT_DTYPES = {"float32", "int64", "bool"}

# (values, dtype_name, default_dtype, extra keyword arguments, expected torch repr)
CASES = [
    pytest.param(
        np.array(18.0, dtype=np.float32),
        "float32", True, {"grad_fn_name": "MeanBackward0"},
        "tensor(18., grad_fn=<MeanBackward0>)",
        id="float_scalar_grad_fn",
    ),
    pytest.param(
        np.array([6.0], dtype=np.float32),
        "float32", True, {"grad_fn_name": "MulBackward0"},
        "tensor([6.], grad_fn=<MulBackward0>)",
        id="mul_grad_fn",
    ),
    pytest.param(
        np.full((2, 2), 3.0, dtype=np.float32),
        "float32", True, {},
        "tensor([[3., 3.],\n"
        "        [3., 3.]])",
        id="matrix_int_valued",
    ),
    pytest.param(
        np.array([1.0, 2.0], dtype=np.float32),
        "float32", True, {"requires_grad": True},
        "tensor([1., 2.], requires_grad=True)",
        id="requires_grad_leaf",
    ),
    pytest.param(
        np.array([1.0, 2.0], dtype=np.float32),
        "float32", True, {"grad_fn_name": "MulBackward0", "requires_grad": True},
        "tensor([1., 2.], grad_fn=<MulBackward0>)",
        id="grad_fn_wins_over_requires_grad",
    ),
    pytest.param(
        np.array([12.8, 128.0, 0.0128], dtype=np.float32),
        "float32", True, {},
        "tensor([1.2800e+01, 1.2800e+02, 1.2800e-02])",
        id="sci_ratio",
    ),
    pytest.param(
        np.array([0.5, 1.2], dtype=np.float32),
        "float32", True, {},
        "tensor([0.5000, 1.2000])",
        id="fixed_four_decimals",
    ),
    pytest.param(
        np.array([-1.5, 100.25, 0.001], dtype=np.float32),
        "float32", True, {},
        "tensor([-1.5000e+00,  1.0025e+02,  1.0000e-03])",
        id="sci_alignment",
    ),
    pytest.param(
        np.array([-1.5, 100.25, 3.0], dtype=np.float32),
        "float32", True, {},
        "tensor([ -1.5000, 100.2500,   3.0000])",
        id="fixed_alignment",
    ),
    pytest.param(
        np.array([1e-4, 1.0], dtype=np.float32),
        "float32", True, {},
        "tensor([1.0000e-04, 1.0000e+00])",
        id="sci_small_min",
    ),
    pytest.param(
        np.array([1.5e9, 2.0], dtype=np.float64),
        "float64", False, {},
        "tensor([1.5000e+09, 2.0000e+00], dtype=torch.float64)",
        id="sci_big_max",
    ),
    pytest.param(
        np.array([1e8, 1.0], dtype=np.float32),
        "float32", True, {},
        "tensor([1.0000e+08, 1.0000e+00])",
        id="int_valued_ratio_sci",
    ),
    pytest.param(
        np.array([100.0, -2000.0, 5.0], dtype=np.float32),
        "float32", True, {},
        "tensor([  100., -2000.,     5.])",
        id="int_valued_wide",
    ),
    pytest.param(
        np.array([1.5, 2.25], dtype=np.float64),
        "float64", False, {},
        "tensor([1.5000, 2.2500], dtype=torch.float64)",
        id="float64_dtype",
    ),
    pytest.param(
        np.array([[1.0, 2.0], [3.0, 4.5]], dtype=np.float64),
        "float64", False, {"grad_fn_name": "MulBackward0"},
        "tensor([[1.0000, 2.0000],\n"
        "        [3.0000, 4.5000]], dtype=torch.float64, grad_fn=<MulBackward0>)",
        id="float64_grad_fn",
    ),
    pytest.param(
        np.array([0.1, 2.0, 3.0], dtype=np.float16),
        "float16", False, {},
        "tensor([0.1000, 2.0000, 3.0000], dtype=torch.float16)",
        id="float16_dtype",
    ),
    pytest.param(
        np.array([np.nan, np.inf, -np.inf, 1.5], dtype=np.float32),
        "float32", True, {},
        "tensor([   nan,    inf,   -inf, 1.5000])",
        id="nan_inf_fixed",
    ),
    pytest.param(
        np.array([np.nan, 1.0, -20.0], dtype=np.float32),
        "float32", True, {},
        "tensor([ nan,   1., -20.])",
        id="nan_int_mode",
    ),
    pytest.param(
        np.array([np.nan, 1e-6, 3.0], dtype=np.float32),
        "float32", True, {},
        "tensor([       nan, 1.0000e-06, 3.0000e+00])",
        id="nan_sci",
    ),
    pytest.param(
        np.array([np.nan, np.inf], dtype=np.float32),
        "float32", True, {},
        "tensor([nan, inf])",
        id="only_nonfinite",
    ),
    pytest.param(
        np.array([-0.0, 1.0], dtype=np.float32),
        "float32", True, {},
        "tensor([-0., 1.])",
        id="negative_zero",
    ),
    pytest.param(
        np.array([-0.0, 0.5], dtype=np.float32),
        "float32", True, {},
        "tensor([-0.0000, 0.5000])",
        id="negative_zero_fixed",
    ),
    pytest.param(
        np.array(-0.0, dtype=np.float32),
        "float32", True, {},
        "tensor(-0.)",
        id="negative_zero_scalar",
    ),
    pytest.param(
        np.zeros(3, dtype=np.float32),
        "float32", True, {},
        "tensor([0., 0., 0.])",
        id="all_zeros",
    ),
    pytest.param(
        np.array(0.5, dtype=np.float32),
        "float32", True, {},
        "tensor(0.5000)",
        id="float_scalar_fixed",
    ),
    pytest.param(
        np.array(1e-5, dtype=np.float32),
        "float32", True, {},
        "tensor(1.0000e-05)",
        id="float_scalar_sci",
    ),
    pytest.param(
        np.array([-10, 200, 3], dtype=np.int64),
        "int64", True, {},
        "tensor([-10, 200,   3])",
        id="int64",
    ),
    pytest.param(
        np.array([[1, 2], [30, -4]], dtype=np.int32),
        "int32", False, {},
        "tensor([[ 1,  2],\n"
        "        [30, -4]], dtype=torch.int32)",
        id="int32_dtype",
    ),
    pytest.param(
        np.array([0, 255], dtype=np.uint8),
        "uint8", False, {},
        "tensor([  0, 255], dtype=torch.uint8)",
        id="uint8_dtype",
    ),
    pytest.param(
        np.array(3, dtype=np.int64),
        "int64", True, {},
        "tensor(3)",
        id="int_scalar",
    ),
    pytest.param(
        np.array([True, False, True]),
        "bool", True, {},
        "tensor([ True, False,  True])",
        id="bool_vector",
    ),
    pytest.param(
        np.array(True),
        "bool", True, {},
        "tensor(True)",
        id="bool_scalar",
    ),
    pytest.param(
        np.array([[True, True], [False, True]]),
        "bool", True, {},
        "tensor([[ True,  True],\n"
        "        [False,  True]])",
        id="bool_matrix",
    ),
    pytest.param(
        np.zeros((0,), dtype=np.float32),
        "float32", True, {},
        "tensor([])",
        id="empty_float",
    ),
    pytest.param(
        np.zeros((0, 3), dtype=np.float32),
        "float32", True, {},
        "tensor([], size=(0, 3))",
        id="empty_2d",
    ),
    pytest.param(
        np.zeros((0,), dtype=np.int64),
        "int64", True, {},
        "tensor([], dtype=torch.int64)",
        id="empty_int64",
    ),
    pytest.param(
        np.zeros((2, 0), dtype=bool),
        "bool", True, {},
        "tensor([], size=(2, 0), dtype=torch.bool)",
        id="empty_bool_2d",
    ),
    pytest.param(
        np.zeros((0,), dtype=np.float64),
        "float64", False, {},
        "tensor([], dtype=torch.float64)",
        id="empty_float64",
    ),
    pytest.param(
        np.zeros((0, 2), dtype=np.float32),
        "float32", True, {"requires_grad": True},
        "tensor([], size=(0, 2), requires_grad=True)",
        id="empty_requires_grad",
    ),
    pytest.param(
        np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 4,
        "float32", True, {},
        "tensor([[[0.0000, 0.2500, 0.5000, 0.7500],\n"
        "         [1.0000, 1.2500, 1.5000, 1.7500],\n"
        "         [2.0000, 2.2500, 2.5000, 2.7500]],\n"
        "\n"
        "        [[3.0000, 3.2500, 3.5000, 3.7500],\n"
        "         [4.0000, 4.2500, 4.5000, 4.7500],\n"
        "         [5.0000, 5.2500, 5.5000, 5.7500]]])",
        id="three_dim",
    ),
    pytest.param(
        np.arange(16, dtype=np.int64).reshape(2, 2, 2, 2),
        "int64", True, {},
        "tensor([[[[ 0,  1],\n"
        "          [ 2,  3]],\n"
        "\n"
        "         [[ 4,  5],\n"
        "          [ 6,  7]]],\n"
        "\n"
        "\n"
        "        [[[ 8,  9],\n"
        "          [10, 11]],\n"
        "\n"
        "         [[12, 13],\n"
        "          [14, 15]]]])",
        id="four_dim_int",
    ),
    pytest.param(
        np.arange(30, dtype=np.float32) / 3,
        "float32", True, {},
        "tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n"
        "        3.0000, 3.3333, 3.6667, 4.0000, 4.3333, 4.6667, 5.0000, 5.3333, 5.6667,\n"
        "        6.0000, 6.3333, 6.6667, 7.0000, 7.3333, 7.6667, 8.0000, 8.3333, 8.6667,\n"
        "        9.0000, 9.3333, 9.6667])",
        id="wrap_long_row",
    ),
    pytest.param(
        np.arange(40, dtype=np.int64) * 7,
        "int64", True, {},
        "tensor([  0,   7,  14,  21,  28,  35,  42,  49,  56,  63,  70,  77,  84,  91,\n"
        "         98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175, 182, 189,\n"
        "        196, 203, 210, 217, 224, 231, 238, 245, 252, 259, 266, 273])",
        id="wrap_long_int_row",
    ),
    pytest.param(
        np.arange(48, dtype=np.float32).reshape(2, 24) * 1.5,
        "float32", True, {},
        "tensor([[ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
        "         12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
        "         24.0000, 25.5000, 27.0000, 28.5000, 30.0000, 31.5000, 33.0000, 34.5000],\n"
        "        [36.0000, 37.5000, 39.0000, 40.5000, 42.0000, 43.5000, 45.0000, 46.5000,\n"
        "         48.0000, 49.5000, 51.0000, 52.5000, 54.0000, 55.5000, 57.0000, 58.5000,\n"
        "         60.0000, 61.5000, 63.0000, 64.5000, 66.0000, 67.5000, 69.0000, 70.5000]])",
        id="wrap_rows_in_matrix",
    ),
    pytest.param(
        np.arange(2000, dtype=np.int64),
        "int64", True, {},
        "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])",
        id="summarize_1d_int",
    ),
    pytest.param(
        np.arange(1001, dtype=np.float32) * 0.5,
        "float32", True, {"requires_grad": True},
        "tensor([  0.0000,   0.5000,   1.0000,  ..., 499.0000, 499.5000, 500.0000],\n"
        "       requires_grad=True)",
        id="summarize_1d_float",
    ),
    pytest.param(
        np.linspace(-1.0, 1.0, 10000, dtype=np.float32).reshape(100, 100),
        "float32", True, {},
        "tensor([[-1.0000, -0.9998, -0.9996,  ..., -0.9806, -0.9804, -0.9802],\n"
        "        [-0.9800, -0.9798, -0.9796,  ..., -0.9606, -0.9604, -0.9602],\n"
        "        [-0.9600, -0.9598, -0.9596,  ..., -0.9406, -0.9404, -0.9402],\n"
        "        ...,\n"
        "        [ 0.9402,  0.9404,  0.9406,  ...,  0.9596,  0.9598,  0.9600],\n"
        "        [ 0.9602,  0.9604,  0.9606,  ...,  0.9796,  0.9798,  0.9800],\n"
        "        [ 0.9802,  0.9804,  0.9806,  ...,  0.9996,  0.9998,  1.0000]])",
        id="summarize_2d",
    ),
    pytest.param(
        np.arange(1200, dtype=np.float64).reshape(10, 2, 60) / 8 - 70,
        "float64", False, {},
        "tensor([[[-70.0000, -69.8750, -69.7500,  ..., -62.8750, -62.7500, -62.6250],\n"
        "         [-62.5000, -62.3750, -62.2500,  ..., -55.3750, -55.2500, -55.1250]],\n"
        "\n"
        "        [[-55.0000, -54.8750, -54.7500,  ..., -47.8750, -47.7500, -47.6250],\n"
        "         [-47.5000, -47.3750, -47.2500,  ..., -40.3750, -40.2500, -40.1250]],\n"
        "\n"
        "        [[-40.0000, -39.8750, -39.7500,  ..., -32.8750, -32.7500, -32.6250],\n"
        "         [-32.5000, -32.3750, -32.2500,  ..., -25.3750, -25.2500, -25.1250]],\n"
        "\n"
        "        ...,\n"
        "\n"
        "        [[ 35.0000,  35.1250,  35.2500,  ...,  42.1250,  42.2500,  42.3750],\n"
        "         [ 42.5000,  42.6250,  42.7500,  ...,  49.6250,  49.7500,  49.8750]],\n"
        "\n"
        "        [[ 50.0000,  50.1250,  50.2500,  ...,  57.1250,  57.2500,  57.3750],\n"
        "         [ 57.5000,  57.6250,  57.7500,  ...,  64.6250,  64.7500,  64.8750]],\n"
        "\n"
        "        [[ 65.0000,  65.1250,  65.2500,  ...,  72.1250,  72.2500,  72.3750],\n"
        "         [ 72.5000,  72.6250,  72.7500,  ...,  79.6250,  79.7500,  79.8750]]],\n"
        "       dtype=torch.float64)",
        id="summarize_3d",
    ),
    pytest.param(
        np.arange(2001, dtype=np.int32).reshape(3, 667),
        "int32", False, {},
        "tensor([[   0,    1,    2,  ...,  664,  665,  666],\n"
        "        [ 667,  668,  669,  ..., 1331, 1332, 1333],\n"
        "        [1334, 1335, 1336,  ..., 1998, 1999, 2000]], dtype=torch.int32)",
        id="summarize_short_axis",
    ),
    pytest.param(
        np.array([1.0, 2.0], dtype=np.float32),
        "float32", True, {"device": "cuda:0"},
        "tensor([1., 2.], device='cuda:0')",
        id="device_suffix",
    ),
    pytest.param(
        np.array([0.5], dtype=np.float64),
        "float64", False, {"device": "cuda:0", "grad_fn_name": "MulBackward0"},
        "tensor([0.5000], device='cuda:0', dtype=torch.float64, grad_fn=<MulBackward0>)",
        id="device_dtype_grad_fn",
    ),
    pytest.param(
        np.zeros((0, 3), dtype=np.int64),
        "int64", True, {"device": "cuda:0"},
        "tensor([], device='cuda:0', size=(0, 3), dtype=torch.int64)",
        id="device_empty",
    ),
    pytest.param(
        np.arange(11, dtype=np.float64) + 0.25,
        "float64", False, {"requires_grad": True},
        "tensor([ 0.2500,  1.2500,  2.2500,  3.2500,  4.2500,  5.2500,  6.2500,  7.2500,\n"
        "         8.2500,  9.2500, 10.2500], dtype=torch.float64, requires_grad=True)",
        id="suffix_wraps_to_new_line",
    ),
    pytest.param(
        np.arange(10, dtype=np.float64).reshape(1, 10) * 1000.5,
        "float64", False, {"requires_grad": True},
        "tensor([[   0.0000, 1000.5000, 2001.0000, 3001.5000, 4002.0000, 5002.5000,\n"
        "         6003.0000, 7003.5000, 8004.0000, 9004.5000]], dtype=torch.float64,\n"
        "       requires_grad=True)",
        id="suffix_wraps_after_rows",
    ),
]


@pytest.mark.parametrize(("values", "dtype_name", "default_dtype", "kwargs", "expected"), CASES)
def test_matches_recorded_torch_output(values, dtype_name, default_dtype, kwargs, expected):
    text = format_tensor(values, dtype_name=dtype_name, default_dtype=default_dtype,
                         dtype_prefix="torch.", **kwargs)
    assert text == expected


@pytest.mark.parametrize(("values", "dtype_name", "default_dtype", "kwargs", "expected"), CASES)
def test_summarized_view_gives_same_text(values, dtype_name, default_dtype, kwargs, expected):
    """Formatting only the gathered edge items (plus the real shape) gives the same text."""
    if values.size == 0 or values.ndim == 0:
        return
    small = values[np.ix_(*summarized_view(values.shape))]
    text = format_tensor(small, shape=values.shape, dtype_name=dtype_name,
                         default_dtype=default_dtype, dtype_prefix="torch.", **kwargs)
    assert text == expected


def test_default_dtype_prefix_is_autograd_kit():
    values = np.array([1.5, 2.25])
    assert (format_tensor(values, dtype_name="float64", default_dtype=False)
            == "tensor([1.5000, 2.2500], dtype=autograd_kit.float64)")
    assert (format_tensor(np.zeros(0, dtype=np.int64), dtype_name="int64", default_dtype=True)
            == "tensor([], dtype=autograd_kit.int64)")


def test_summarized_view_keeps_only_edge_items():
    assert summarized_view((4, 5)) == ([0, 1, 2, 3], [0, 1, 2, 3, 4])
    assert summarized_view((1000,)) == (list(range(1000)),)
    assert summarized_view((2, 1000)) == ([0, 1], [0, 1, 2, 997, 998, 999])
    huge = (10**6, 10**6)  # never allocated: only the index is computed
    assert summarized_view(huge) == ([0, 1, 2] + [10**6 - 3, 10**6 - 2, 10**6 - 1],) * 2


def test_gathered_values_of_wrong_shape_are_rejected():
    with pytest.raises(ValueError):
        format_tensor(np.zeros((5, 5)), shape=(100, 100), dtype_name="float32",
                      default_dtype=True)


def _random_array(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """An array of random shape and scale, sometimes with nan/inf/-0 or whole-number floats."""
    shapes = [(), (1,), (5,), (0,), (0, 3), (3, 4), (2, 3, 4), (20,), (30,), (1001,), (7, 200),
              (40, 30), (11, 11, 11), (2, 2, 2, 2), (6, 6, 6, 6), (3, 1000)]
    shape = shapes[rng.integers(len(shapes))]
    if dtype == "bool":
        return np.asarray(rng.random(shape) > 0.5)
    if dtype.startswith(("int", "uint")):
        info = np.iinfo(dtype)
        high = min(int(info.max), 10 ** int(rng.integers(1, 19)))
        low = max(int(info.min), -high)
        return np.asarray(rng.integers(low, high, size=shape, dtype=dtype, endpoint=True))
    kind = rng.integers(3)
    if kind == 0:
        values = rng.integers(-100, 100, size=shape).astype(np.float64)
    elif kind == 1:
        values = rng.standard_normal(shape) * 10.0 ** rng.integers(-7, 10)
    else:
        values = rng.standard_normal(shape) * 10.0 ** rng.uniform(-6, 9, size=shape)
    with np.errstate(over="ignore"):  # float16 overflow to inf is fine test data
        values = np.array(values, dtype=dtype)
    if values.size and rng.random() < 0.3:
        flat = values.reshape(-1)
        for special in (np.nan, np.inf, -np.inf, -0.0, 0.0):
            if rng.random() < 0.4:
                flat[rng.integers(flat.size)] = special
    return values


def test_matches_torch_on_random_arrays():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1234)
    dtypes = ["float32", "float64", "float16", "int64", "int32", "int8", "uint8", "bool"]
    for trial in range(240):
        dtype = dtypes[trial % len(dtypes)]
        values = _random_array(rng, dtype)
        tensor = torch.from_numpy(values.copy())
        requires_grad = tensor.is_floating_point() and trial % 3 == 0
        tensor.requires_grad_(requires_grad)
        text = format_tensor(values, dtype_name=dtype, default_dtype=dtype in TORCH_DEFAULT_DTYPES,
                             requires_grad=requires_grad, dtype_prefix="torch.")
        assert text == repr(tensor), (dtype, values.shape)


def test_matches_torch_grad_fn_suffix():
    torch = pytest.importorskip("torch")
    leaf = torch.tensor([[0.5, 1.5], [2.0, 3.0]], dtype=torch.float64, requires_grad=True)
    for result in (leaf * 2, leaf.sum(), leaf.mean(), leaf.exp()):
        values = result.detach().numpy()
        name = type(result.grad_fn).__name__
        text = format_tensor(values, dtype_name="float64", default_dtype=False,
                             grad_fn_name=name, dtype_prefix="torch.")
        assert text == repr(result)
