"""Parity with PyTorch for nn.functional calls and nn.init: values, gradients, graph names,
saved values, and errors with their messages, compared live with PyTorch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def outcome(lib: Any, run: Callable[[Any], Any]) -> Any:
    """What ``run(lib)`` gives: its result, or the error's type name and message."""
    try:
        return run(lib)
    except Exception as error:  # noqa: BLE001 (the error is what is compared)
        return type(error).__name__, str(error)


def same_outcome(run: Callable[[Any], Any]) -> None:
    """``run`` gives the same with PyTorch as with the kit (plain values, or an error)."""
    assert outcome(ak, run) == outcome(torch, run)


def graph(node: Any) -> list[Any]:
    """The backward graph below ``node``, depth first: each node's name (None for a missing
    edge) and the names of its saved values."""
    out: list[Any] = []
    seen: set[int] = set()
    stack = [(node, 0)]
    while stack:
        node, depth = stack.pop()
        if node is None:
            out.append((depth, None))
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append((depth, type(node).__name__,
                    sorted(a for a in dir(node) if a.startswith("_saved_"))))
        stack.extend((f, depth + 1) for f, _ in reversed(node.next_functions))
    return out


# ---- embedding --------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(3,), (3, 2, 2), ()])
@pytest.mark.parametrize("how", ["functional", "max_norm", "operator"])
def test_embedding_weight_must_be_a_matrix(shape: tuple[int, ...], how: str) -> None:
    def run(lib: Any) -> Any:
        weight, indices = lib.ones(shape), lib.tensor([1])
        if how == "operator":
            return lib.embedding(weight, indices).tolist()
        kw = {"max_norm": 1.0} if how == "max_norm" else {}
        return lib.nn.functional.embedding(indices, weight, **kw).tolist()
    same_outcome(run)


# ---- dropout ----------------------------------------------------------------------------------

DROPOUTS = ["dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout",
            "feature_alpha_dropout"]


def _dropped(lib: Any, name: str, shape: tuple[int, ...], dtype: str, inplace: bool) -> Any:
    x = lib.ones(shape, dtype=getattr(lib, dtype))
    if dtype == "float64":
        x = x.requires_grad_().clone()
    y = getattr(lib.nn.functional, name)(x, 1.0, True, inplace)
    other = y.grad_fn._saved_other if y.grad_fn is not None else None
    return (y.tolist(), str(y.dtype).split(".")[-1], y is x, x._version,
            type(y.grad_fn).__name__, None if other is None else tuple(other.shape))


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("name", DROPOUTS)
@pytest.mark.parametrize("shape", [(3,), (2, 3, 4)])
@pytest.mark.parametrize("dtype", ["int64", "float64"])
@pytest.mark.parametrize("inplace", [False, True])
def test_dropout_with_p_one_multiplies_by_a_zero(name: str, shape: tuple[int, ...], dtype: str,
                                                 inplace: bool) -> None:
    """ATen's dropout with p = 1: input · (0-dim zero of its dtype), before any check of the
    input's dims or dtype."""
    same_outcome(lambda lib: _dropped(lib, name, shape, dtype, inplace))


@pytest.mark.parametrize("p", [0.0, 0.3, 1.0])
def test_feature_alpha_dropout_needs_two_dims(p: float) -> None:
    same_outcome(lambda lib: lib.nn.functional.feature_alpha_dropout(
        lib.ones(3), p, True).shape)


# ---- affine_grid ------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(2, 1, 3, 4), (1, 1, 2, 3, 4)])
@pytest.mark.parametrize("weight_grad", [False, True])
@pytest.mark.parametrize("transposed", [False, True])
def test_affine_grid_gradient_is_recorded_as_pytorch_s_operations(
        size: tuple[int, ...], weight_grad: bool, transposed: bool) -> None:
    """PyTorch's affine_grid_generator_backward is bmm and transposes of the incoming
    gradient and a constant base grid: under create_graph the gradient's graph is theirs
    (no edge back to θ), and the node shows the size and align_corners it saved."""
    def run(lib: Any) -> Any:
        rng = np.random.default_rng(0)
        nd = len(size) - 2
        theta = lib.tensor(rng.standard_normal((size[0], nd, nd + 1)), requires_grad=True)
        y = lib.nn.functional.affine_grid(theta, size, align_corners=False)
        w = lib.tensor(rng.standard_normal(tuple(y.shape)), requires_grad=weight_grad)
        if transposed:
            y, w = y.transpose(1, 2), w.transpose(1, 2)
        g, = lib.autograd.grad((y * w).sum(), theta, create_graph=True)
        node = y.grad_fn if not transposed else y.grad_fn.next_functions[0][0]
        saved = {a: getattr(node, a) for a in dir(node) if a.startswith("_saved_")}
        return (saved, g.requires_grad, None if g.grad_fn is None else graph(g.grad_fn),
                np.round(g.detach().numpy(), 12).tolist())
    same_outcome(run)


# ---- pad --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "pads", "shape"), [
    ("reflect", (1, 2), (1, 2, 4)), ("reflect", (1, 2, 2, 1), (1, 2, 3, 4)),
    ("reflect", (1, 1, 1, 0, 0, 1), (1, 1, 2, 3, 4)), ("replicate", (2, 1), (1, 2, 4)),
    ("replicate", (1, -1, 2, 0), (1, 2, 3, 4)), ("replicate", (1, 2, 0, 1, 1, 1), (1, 1, 2, 3, 4))])
def test_pad_backward_has_a_zero_gradient_for_the_input(mode: str, pads: tuple[int, ...],
                                                         shape: tuple[int, ...]) -> None:
    """reflection_pad/replication_pad_backward: d/dself = zeros_like(self) in PyTorch, so a
    second derivative that reaches the input through it alone is zeros (not unused), and the
    node shows its _saved_padding."""
    def run(lib: Any) -> Any:
        rng = np.random.default_rng(0)
        x = lib.tensor(rng.standard_normal(shape), requires_grad=True)
        y = lib.nn.functional.pad(x, pads, mode=mode)
        w = lib.tensor(rng.standard_normal(tuple(y.shape)), requires_grad=True)
        g, = lib.autograd.grad((y * w).sum(), x, create_graph=True)
        gx, gw = lib.autograd.grad((g * g).sum(), (x, w))
        return (g.grad_fn._saved_padding, graph(g.grad_fn), gx.tolist(), gx.requires_grad,
                np.round(gw.numpy(), 12).tolist())
    same_outcome(run)


# ---- normalization: the double-backward node's saved values -----------------------------------

def _shown(value: Any) -> Any:
    """A saved value as compared: a tensor's shape, dtype, values, requires_grad and node."""
    if hasattr(value, "shape") and not isinstance(value, tuple):
        return (tuple(value.shape), str(value.dtype).split(".")[-1],
                np.round(value.detach().numpy(), 10).tolist(), value.requires_grad,
                None if value.grad_fn is None else type(value.grad_fn).__name__)
    return value


NORM_CALLS: dict[str, Callable[..., Any]] = {
    "layer_norm": lambda lib, x, w, b: lib.nn.functional.layer_norm(x, (4,), w[:4], b[:4]),
    "layer_norm_plain": lambda lib, x, w, b: lib.nn.functional.layer_norm(x, (3, 4)),
    "batch_norm": lambda lib, x, w, b: lib.nn.functional.batch_norm(x, None, None, w, b, True),
    "batch_norm_running": lambda lib, x, w, b: lib.nn.functional.batch_norm(
        x, lib.zeros(3, dtype=lib.float64), lib.ones(3, dtype=lib.float64), w, b, True, eps=0.1),
    "batch_norm_eval": lambda lib, x, w, b: lib.nn.functional.batch_norm(
        x, lib.zeros(3, dtype=lib.float64), lib.ones(3, dtype=lib.float64), w, b, False),
}


@pytest.mark.parametrize("name", list(NORM_CALLS))
def test_normalization_double_backward_node_shows_its_saved_values(name: str) -> None:
    """NativeLayerNormBackwardBackward0 / NativeBatchNormBackwardBackward0 show what PyTorch's
    native_*_norm_backward saved: grad_out, input, weight, the statistics, the options."""
    def run(lib: Any) -> Any:
        rng = np.random.default_rng(0)
        x = lib.tensor(rng.standard_normal((2, 3, 4)), requires_grad=True)
        w, b = (lib.tensor(rng.standard_normal(4), requires_grad=True) for _ in range(2))
        y = NORM_CALLS[name](lib, x, w[:3] if "batch" in name else w,
                             b[:3] if "batch" in name else b)
        g, = lib.autograd.grad((y ** 3).sum(), x, create_graph=True)
        node = g.grad_fn
        return type(node).__name__, {a: _shown(getattr(node, a)) for a in dir(node)
                                     if a.startswith("_saved_")}
    same_outcome(run)


# ---- interpolate: uint8 images ----------------------------------------------------------------

def _uint8_cases() -> list[tuple[Any, ...]]:
    rng = np.random.default_rng(5)
    cases = []
    for trial in range(24):
        mode = ("bilinear", "bicubic")[trial % 2]
        antialias = trial % 4 >= 2
        align = trial % 3 == 0 and not antialias
        channels = int(rng.integers(1, 5))
        size_in = tuple(int(n) for n in rng.integers(1, 9, 2))
        size_out = tuple(int(n) for n in rng.integers(1, 12, 2))
        cases.append((mode, antialias, align, channels, size_in, size_out))
    cases.append(("bilinear", False, False, 6, (4, 5), (7, 3)))
    return cases


@pytest.mark.parametrize(("mode", "antialias", "align", "channels", "size_in", "size_out"),
                         _uint8_cases())
def test_interpolate_resamples_uint8_images_as_pytorch(
        mode: str, antialias: bool, align: bool, channels: int, size_in: tuple[int, int],
        size_out: tuple[int, int]) -> None:
    """PyTorch resamples a uint8 image with integer weights, the width then the height, each
    pass rounded (the kit multiplied by weights cast to uint8: zeros)."""
    x = np.random.default_rng(0).integers(0, 256, (2, channels, *size_in)).astype(np.uint8)
    same_outcome(lambda lib: lib.nn.functional.interpolate(
        lib.tensor(x), size=size_out, mode=mode, align_corners=align,
        antialias=antialias).numpy().tolist())


@pytest.mark.parametrize("mode", ["bilinear", "bicubic"])
def test_interpolate_uint8_with_a_scale_factor(mode: str) -> None:
    x = np.random.default_rng(1).integers(0, 256, (1, 3, 5, 6)).astype(np.uint8)
    same_outcome(lambda lib: lib.nn.functional.interpolate(
        lib.tensor(x), scale_factor=(1.7, 0.6), mode=mode).numpy().tolist())
