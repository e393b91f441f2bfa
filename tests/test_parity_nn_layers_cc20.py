"""nn layers and their functional forms compared with PyTorch live (scenarios harvested from
PyTorch's test_nn.py and module_db): values, gradients, errors and their messages. Each
scenario runs in both libraries; everything it shows must agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

Log = Callable[[Any], None]


def _shown(value: Any) -> Any:
    if isinstance(value, (torch.Tensor, ak.Tensor)):
        grad_fn = type(value.grad_fn).__name__ if value.grad_fn is not None else None
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape),
                np.round(value.detach().numpy().astype(float), 5).astype(str).tolist(),
                value.requires_grad, grad_fn)
    if isinstance(value, (list, tuple)):
        return tuple(_shown(v) for v in value)
    if isinstance(value, (torch.nn.Module, ak.nn.Module)):
        return repr(value).replace("autograd_kit", "torch")
    if isinstance(value, (torch.dtype, ak.dtype)):
        return str(value).split(".")[-1]
    if isinstance(value, str):
        return value.replace("autograd_kit", "torch")
    return value


def _run(scenario: Callable[[Any, Log], None], lib: Any) -> list[Any]:
    log: list[Any] = []

    def attempt(action: Callable[[], Any]) -> None:
        try:
            log.append(_shown(action()))
        except Exception as error:  # (the error is part of what is compared)
            log.append((type(error).__name__, str(error).replace("autograd_kit", "torch")))

    lib.manual_seed(0)
    scenario(lib, attempt)
    return log


def _same(scenario: Callable[[Any, Log], None]) -> None:
    assert _run(scenario, ak) == _run(scenario, torch)


def test_the_comparison_can_fail() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: T.__name__ == "torch")
    with pytest.raises(AssertionError):
        _same(scenario)


# ---- rms_norm checks its arguments as PyTorch: types, the weight's shape, then the input --
@pytest.mark.parametrize("case", [
    ((3, 4), 4, None, None), ((3, 4), [], None, None), ((3, 4), [4.0], None, None),
    ((3, 4), [4], "w", None), ((3, 4), [4], None, "a"), ((3, 4), [4], None, 0.1),
    ((3,), [4, 5], (3,), None), ((3,), [4, 5], (4, 5), None), ((7,), [4, 5], None, None),
    ((2, 5), [3, 4, 5], None, None), ((2, 5), [4, 5], None, None), ((5,), [5], (4,), None),
    ((2,), [5], (4,), None), ((3,), [4], (3, 1), None), ((3,), [], (3,), None),
    ((2, 4, 5), [4, 5], (4, 5), 1e-3)])
def test_rms_norm_checks_its_arguments_in_pytorchs_order(case: tuple) -> None:
    shape, normalized_shape, weight, eps = case

    def scenario(T: Any, attempt: Log) -> None:
        x = T.linspace(-2, 2, int(np.prod(shape))).reshape(shape)
        w = T.linspace(0.5, 1.5, int(np.prod(weight))).reshape(weight) \
            if isinstance(weight, tuple) else weight
        attempt(lambda: T.nn.functional.rms_norm(x, normalized_shape, w, eps))
        attempt(lambda: T.rms_norm(x, normalized_shape, w, eps))
    _same(scenario)


def test_rms_norm_module_with_an_input_of_too_few_dimensions() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.RMSNorm((4, 5), eps=1e-3, elementwise_affine=False)
        attempt(lambda: m(T.ones(7)))
        attempt(lambda: m(T.ones(4)))
        attempt(lambda: m(T.ones(3, 5)))
        attempt(lambda: m(T.ones(2, 4, 5)))
    _same(scenario)


# ---- flatten merges dimensions of an empty tensor (its merged size is the product) -------
@pytest.mark.parametrize("shape, dims", [((2, 3, 0, 4), (0, 1)), ((0, 3, 4), (1, 2)),
                                         ((2, 0, 4), (0, 1)), ((2, 3, 0), (0, -1)),
                                         ((2, 3, 0, 4), (1, 2))])
def test_flatten_of_a_tensor_with_no_elements(shape: tuple, dims: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.zeros(shape, requires_grad=True)
        attempt(lambda: x.flatten(*dims))
        attempt(lambda: T.flatten(x, *dims))
        attempt(lambda: T.nn.Flatten(*dims)(x))
        attempt(lambda: T.nn.Flatten()(x))
        attempt(lambda: x.flatten(*dims).sum().backward())
        attempt(lambda: x.grad)
    _same(scenario)


# ---- adaptive pools: PyTorch's Python step (a None filled in, too few dimensions) and its
# kernels' checks (dimensions, empty sizes, the number of output sizes) ---------------------
ADAPTIVE = [f"adaptive_{kind}_pool{n}d" for n in (1, 2, 3) for kind in ("avg", "max")]
ADAPTIVE_SHAPES = [(0, 4, 4), (2, 0, 4), (2, 4, 0), (0, 2, 4, 4), (2, 0, 4, 4), (2, 2, 0, 4),
                   (2, 4, 4), (0, 2, 4, 4, 4), (1, 0, 4, 4, 4), (1, 2, 4, 0, 4), (2, 4),
                   (4,), (1, 2, 3, 4, 5, 6)]


@pytest.mark.parametrize("name", ADAPTIVE)
@pytest.mark.parametrize("shape", ADAPTIVE_SHAPES)
def test_adaptive_pools_check_their_input_as_pytorch(name: str, shape: tuple) -> None:
    n = int(name[-2])

    def scenario(T: Any, attempt: Log) -> None:
        x = T.ones(shape, requires_grad=True)
        f = getattr(T.nn.functional, name)
        attempt(lambda: f(x, 2))
        attempt(lambda: f(x, (2,) * n))
        attempt(lambda: f(x, (None,) + (2,) * (n - 1)) if n > 1 else None)
        if shape[0] == 0:  # (an empty batch goes backward too)
            attempt(lambda: (f(x, 2)[0] if "max" in name else f(x, 2)).sum().backward())
            attempt(lambda: x.grad)
    _same(scenario)


@pytest.mark.parametrize("name", ADAPTIVE)
@pytest.mark.parametrize("shape, size", [
    ((2, 3, 4, 5, 6, 7), (2, 3, 4, 5)), ((2, 3, 4, 5, 6, 7), (2,)), ((2, 0, 4, 5), (2, 3, 4)),
    ((2, 3, 4, 5), (2, -1)), ((2, 3, 4, 5, 6), (2, -1, 1)), ((2, 3, 4, 5), -2),
    ((2, 3, 4, 5), (2.5, 3)), ((2, 3, 5, 6), (3,)), ((2, 3, 5, 6), (None,)),
    ((2, 3, 5, 6), [None, 2]), ((2, 3, 5, 6), None), ((2, 3, 5, 6), 2.5), ((2, 3, 4), True),
    ((2, 3, 5, 6), (2, 3, 4)), ((2, 3, 5, 6), (1, 1)), ((2, 0, 5, 6), (1, 1, 1)),
    ((2, 3, 5, 0), 1), ((2, 3, 4), (2, 3)), ((2, 3, 4), (-1,))])
def test_adaptive_pools_check_their_output_size_as_pytorch(name: str, shape: tuple,
                                                           size: Any) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: getattr(T.nn.functional, name)(T.ones(shape), size))
    _same(scenario)


# ---- 3-D pools: PyTorch's messages for an input of other dimensions or with an empty size,
# an empty batch pooled ------------------------------------------------------------------
@pytest.mark.parametrize("call", ["max_pool3d(x, 2)", "max_pool3d(x, 2, return_indices=True)",
                                  "avg_pool3d(x, 2)", "lp_pool3d(x, 2, 2)"])
@pytest.mark.parametrize("shape", [(2, 3), (2, 4, 4), (0, 2, 4, 4), (2, 0, 4, 4),
                                   (0, 2, 4, 4, 4), (1, 0, 4, 4, 4), (1, 2, 4, 0, 4),
                                   (1, 2, 3, 4, 5, 6)])
def test_3d_pools_check_their_input_as_pytorch(call: str, shape: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.ones(shape, requires_grad=True)
        attempt(lambda: eval("T.nn.functional." + call))
        attempt(lambda: T.nn.MaxPool3d(2)(x))
    _same(scenario)


# ---- the pools' kernel, stride, padding and dilation: PyTorch's checks (the kit computed a
# zero or negative dilation, or failed inside NumPy) -------------------------------------
@pytest.mark.parametrize("name", ["max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d",
                                  "avg_pool2d", "avg_pool3d"])
@pytest.mark.parametrize("args", [(2, 1, -1), (2, 1, 0, 0), (2, 0), (0,), (-1,), (2, -1),
                                  (2, 1, 0, -1), (3, 1, 2), (3, 2, 1, 3), (3, 1, 1, 2)])
def test_pools_check_kernel_stride_padding_and_dilation(name: str, args: tuple) -> None:
    n, is_max = int(name[-2]), "max" in name
    if not is_max and len(args) > 3:
        args = args[:3]

    def scenario(T: Any, attempt: Log) -> None:
        x = T.ones((2, 3) + (8,) * n)
        f = getattr(T.nn.functional, name)
        attempt(lambda: f(x, *args))
        if is_max:
            attempt(lambda: f(x, *args, return_indices=True))
    _same(scenario)


@pytest.mark.parametrize("args", [((2, 2),), (2, (1, 1)), (2, 1, (0, 0)), (2, 1, 0, (1, 1)),
                                  ((),), (2, ())])
@pytest.mark.parametrize("shape", [(2, 3, 8), (2, 0, 4), (2, 4, 0), (2, 4, 4, 4), (4,)])
def test_max_pool1d_with_indices_checks_as_pytorch(args: tuple, shape: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.ones(shape)
        attempt(lambda: T.nn.functional.max_pool1d(x, *args, return_indices=True))
        attempt(lambda: T.nn.functional.max_pool1d(x, 2, return_indices=True))
        attempt(lambda: T.nn.MaxPool1d(2, return_indices=True)(x))
    _same(scenario)


# ---- interpolate refuses empty input or output sizes (a small scale_factor) and inputs with
# no channels, as PyTorch's kernels do -----------------------------------------------------
@pytest.mark.parametrize("shape, options", [
    ((2, 3, 0), dict(scale_factor=2)), ((2, 3, 0), dict(size=3, mode="linear")),
    ((0, 3, 4), dict(scale_factor=2)), ((2, 0, 4), dict(scale_factor=2, mode="linear")),
    ((2, 0, 4), dict(scale_factor=2)), ((2, 0, 4, 4), dict(scale_factor=2, mode="bilinear")),
    ((2, 0, 4, 4), dict(scale_factor=2, mode="bicubic")),
    ((0, 2, 4, 4), dict(scale_factor=2, mode="bicubic")),
    ((1, 0, 2, 4, 4), dict(scale_factor=2, mode="trilinear")),
    ((2, 3, 0, 4), dict(size=(2, 3), mode="bicubic")), ((2, 3, 4, 4), dict(size=(0, 3))),
    ((2, 3, 4, 4), dict(scale_factor=0.1)),
    ((2, 3, 4, 4), dict(scale_factor=0.1, mode="bilinear", antialias=True)),
    ((1, 2, 0, 3, 3), dict(scale_factor=2, mode="trilinear")),
    ((1, 2, 2, 3, 3), dict(size=(1, 0, 2), mode="nearest-exact")),
    ((2, 3, 0, 4), dict(size=(2, 3), mode="area")), ((2, 3, 4, 4), dict(size=(0, 3), mode="area")),
    ((2, 3, 4), dict(size=0)), ((2, 0, 0, 4), dict(scale_factor=2))])
def test_interpolate_refuses_empty_sizes(shape: tuple, options: dict) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: T.nn.functional.interpolate(T.ones(shape), **options))
        if options.get("mode") != "area":
            attempt(lambda: T.nn.functional.interpolate(T.ones(shape, dtype=T.long), **options))
        attempt(lambda: T.nn.Upsample(**options)(T.ones(shape)))
    _same(scenario)


# ---- embedding with max_norm renorms first, as PyTorch: its select() refuses a row past
# the table, its embedding_renorm_ checks the indices' dtype ------------------------------
@pytest.mark.parametrize("indices", [[-1], [-11], [12, 10], [-11, 10], [3, 10, -12], [1, 2],
                                     [1.0], [[1, 9], [0, 9]]])
def test_embedding_with_max_norm_checks_indices_as_pytorch(indices: list) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.Embedding(10, 3, max_norm=1.0)
        attempt(lambda: m(T.tensor(indices)))
        attempt(lambda: m.weight.detach().norm(dim=1))
        attempt(lambda: m.weight._version)
        attempt(lambda: T.nn.functional.embedding(T.tensor(indices), T.ones(10, 3), max_norm=1.0))
        bag = T.nn.EmbeddingBag(10, 3, max_norm=1.0)
        attempt(lambda: bag(T.tensor(indices).reshape(1, -1)))
    _same(scenario)


# ---- MultiheadAttention with kdim/vdim checks its separate projections' shapes as PyTorch
# (an AssertionError naming the weights; the kit failed inside the matrix product) --------
@pytest.mark.parametrize("key_dims", [(3, 5), (4, 4), (3, 3), (5, 5)])
def test_multihead_attention_separate_projections_check_shapes(key_dims: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.MultiheadAttention(4, 2, kdim=3, vdim=5)
        q = T.ones(3, 2, 4)
        k, v = T.ones(5, 2, key_dims[0]), T.ones(5, 2, key_dims[1])
        attempt(lambda: m(q, k, v)[0].shape)
        attempt(lambda: m(q, q, q))
        attempt(lambda: T.nn.functional.multi_head_attention_forward(
            q, k, v, 4, 2, None, T.zeros(12), None, None, False, 0.0, m.out_proj.weight,
            m.out_proj.bias, use_separate_proj_weight=True, q_proj_weight=m.q_proj_weight,
            k_proj_weight=m.k_proj_weight, v_proj_weight=m.v_proj_weight)[0].shape)
    _same(scenario)


# ---- recurrent layers refuse an empty sequence (an empty batch runs) --------------------
@pytest.mark.parametrize("cls", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("shape", [(0, 3), (0, 2, 3), (2, 0, 3)])
def test_recurrent_layers_refuse_an_empty_sequence(cls: str, batch_first: bool,
                                                   shape: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        m = getattr(T.nn, cls)(3, 4, num_layers=2, bidirectional=True, batch_first=batch_first)
        attempt(lambda: m(T.ones(shape)))
    _same(scenario)


# ---- convolutions refuse a stride/padding/dilation/output_padding tuple of another length
# than 1 or the convolution's dimensions (the kit read the first ones, or failed in NumPy) --
CONVS = [("conv1d", (1, 4, 5), (4, 4, 3)), ("conv2d", (1, 4, 5, 5), (4, 4, 3, 3)),
         ("conv2d", (4, 5, 5), (4, 4, 3, 3)), ("conv3d", (1, 4, 5, 5, 5), (4, 4, 3, 3, 3)),
         ("conv_transpose1d", (1, 4, 5), (4, 4, 3)),
         ("conv_transpose2d", (1, 4, 5, 5), (4, 4, 3, 3)),
         ("conv_transpose3d", (1, 4, 5, 5, 5), (4, 4, 3, 3, 3))]


@pytest.mark.parametrize("name, x_shape, w_shape", CONVS)
@pytest.mark.parametrize("options", [
    dict(stride=(1, 1, 1)), dict(padding=(1, 1, 1)), dict(dilation=(1, 1, 1)), dict(stride=(1,)),
    dict(dilation=[2]), dict(padding=[1]), dict(output_padding=(1, 1, 1)),
    dict(stride=2, output_padding=(1,)), dict(stride=(1, 1, 1), padding=(2, 2, 2, 2)),
    dict(stride=(1, 1), padding=(2, 2, 2)), dict(stride=(1, 1, 1, 1))])
def test_convolutions_check_their_tuples_lengths(name: str, x_shape: tuple, w_shape: tuple,
                                                 options: dict) -> None:
    if "output_padding" in options and "transpose" not in name:
        return

    def scenario(T: Any, attempt: Log) -> None:
        x, w = T.ones(x_shape), T.ones(w_shape)
        attempt(lambda: getattr(T.nn.functional, name)(x, w, **options))
    _same(scenario)


# ---- fold and unfold refuse a pair argument of another length than 2 -------------------
@pytest.mark.parametrize("options", [
    dict(kernel_size=(2,)), dict(kernel_size=2, stride=(1, 1, 1)),
    dict(kernel_size=2, padding=(1,)),
    dict(kernel_size=2, dilation=(1, 1, 1), padding=(1, 1, 1)),
    dict(kernel_size=(2, 2, 2), stride=(1.0,)), dict(kernel_size=(2, 2, 2))])
def test_fold_and_unfold_check_their_pairs_lengths(options: dict) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: T.nn.functional.unfold(T.ones(2, 3, 4, 4), **options))
        attempt(lambda: T.nn.functional.fold(T.ones(2, 12, 12), (4, 5), **options))
        attempt(lambda: T.nn.functional.fold(T.ones(2, 12, 12), (4, 5, 1), **options))
        attempt(lambda: T.nn.functional.fold(T.ones(2, 12, 12), (4,), 2))
        attempt(lambda: T.nn.Unfold(**options)(T.ones(2, 3, 4, 4)))
    _same(scenario)


# ---- normalization parameters: when the first has the input's dtype, the others must too
# (PyTorch's kernel: 'expected scalar type Float but found Double'; the kit computed) -----
NORM_DTYPES = [("float32", "float32", "float64"), ("float32", "float32", "float16"),
               ("float64", "float64", "float32"), ("float16", "float16", "float64"),
               ("float32", None, "float64"), ("float16", "float32", "float32"),
               ("float64", "float32", None)]


@pytest.mark.parametrize("dtypes", NORM_DTYPES)
@pytest.mark.parametrize("name", ["layer_norm", "group_norm", "batch_norm", "batch_norm_eval"])
def test_normalization_parameters_of_mixed_dtypes(dtypes: tuple, name: str) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.arange(24.).reshape(2, 4, 3).to(getattr(T, dtypes[0]))
        n = 3 if name == "layer_norm" else 4
        w, b = (None if d is None else T.ones(n, dtype=getattr(T, d)) for d in dtypes[1:])
        f = T.nn.functional
        if name == "layer_norm":
            attempt(lambda: f.layer_norm(x, (3,), w, b))
        elif name == "group_norm":
            attempt(lambda: f.group_norm(x, 2, w, b))
        else:
            stats = (T.zeros(4, dtype=x.dtype), T.ones(4, dtype=x.dtype))
            attempt(lambda: f.batch_norm(x, *stats, w, b, training=name == "batch_norm"))
            attempt(lambda: f.batch_norm(x, T.zeros(4), T.ones(4), training=True))
    _same(scenario)
