"""Parity with PyTorch 2.13 for what the learner-program fuzzer (round 13, helper yy) found:
layouts of second-order gradients (convolution, layer norm)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def _conv_weight_second_order(lib, batch, c_in, c_out, kernel, two_d, groups, options):
    """The strides of the weight's gradient of Σ (∂L/∂x)² (PyTorch: a transposed, narrowed
    convolution result)."""
    F = lib.nn.functional
    spatial = [5] * (2 if two_d else 1)
    x = lib.arange(batch * c_in * 5 ** len(spatial), dtype=lib.float32)
    x = x.reshape([batch, c_in, *spatial]).sin().requires_grad_(True)
    w_shape = [c_out, c_in // groups] + [kernel] * len(spatial)
    w = lib.arange(len(lib.zeros(w_shape).flatten()), dtype=lib.float32).reshape(w_shape)
    w = w.cos().requires_grad_(True)
    y = (F.conv2d if two_d else F.conv1d)(x, w, None, groups=groups, **options)
    loss = (y * lib.arange(y.numel(), dtype=lib.float32).reshape(y.shape)).sum()
    (gx,) = lib.autograd.grad(loss, [x], create_graph=True)
    (gw,) = lib.autograd.grad((gx * gx).sum(), [w])
    return tuple(gw.shape), gw.stride(), gw.is_contiguous()


@pytest.mark.parametrize("options", [{}, {"stride": 2}, {"padding": 1}, {"dilation": 2},
                                     {"padding": "same"}, {"stride": 2, "padding": 2}])
@pytest.mark.parametrize("shape", [(1, 1, 2, 1, False, 1), (2, 2, 2, 2, False, 1),
                                   (1, 2, 1, 3, False, 1), (2, 2, 4, 2, True, 2),
                                   (1, 2, 2, 1, True, 1), (2, 2, 2, 3, True, 1)])
def test_conv_weight_second_order_gradient_layout(shape, options):
    same_built(lambda lib: _conv_weight_second_order(lib, *shape, options), torch, ak)


def _layer_norm_second_order(lib, shape, normalized, affine, used):
    """Which second-order gradients of layer norm are views, of what shape, and their strides
    (PyTorch's double backward works on (rows, size) matrices and a (size,) weight)."""
    count = len(lib.zeros(shape).flatten())
    size = len(lib.zeros(normalized).flatten())
    x = lib.arange(1, 1 + count, dtype=lib.float64).reshape(shape).sin().requires_grad_(True)
    w = lib.arange(size, dtype=lib.float64).reshape(normalized).cos().requires_grad_(True)
    b = lib.arange(size, dtype=lib.float64).reshape(normalized).sin().requires_grad_(True)
    grad = lib.arange(count, dtype=lib.float64).reshape(shape).cos().requires_grad_(True)
    y = lib.nn.functional.layer_norm(x, normalized, w if affine else None,
                                     b if affine else None)
    inputs = [x, w, b] if affine else [x]
    firsts = lib.autograd.grad(y, inputs, grad, create_graph=True)
    total = sum((firsts[i] * firsts[i]).sum() for i in used if i < len(firsts))
    seconds = lib.autograd.grad(total, [x, w, grad], allow_unused=True)
    return [None if g is None else (g._is_view(), g.stride(),
                                    tuple(g._base.shape) if g._is_view() else None)
            for g in seconds]


@pytest.mark.parametrize("used", [(0,), (1,), (0, 1, 2)])
@pytest.mark.parametrize("affine", [False, True])
@pytest.mark.parametrize("shape, normalized", [((1, 1, 3), (3,)), ((2, 3), (3,)),
                                               ((4, 2, 3), (3,)), ((3,), (3,)),
                                               ((2, 2, 3), (2, 3)), ((3, 0), (0,)),
                                               ((0, 3), (3,)), ((2, 0, 3), (3,))])
def test_layer_norm_second_order_gradients_are_views(shape, normalized, affine, used):
    if used == (1,) and not affine:
        pytest.skip("no weight")
    same_built(lambda lib: _layer_norm_second_order(lib, shape, normalized, affine, used),
               torch, ak)


def test_layer_norm_second_order_gradient_values():
    """The values (float64, close) are unchanged by the layout."""
    def build(lib):
        x = lib.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=lib.float64,
                       requires_grad=True)
        w = lib.tensor([1.0, 2.0, -0.5], dtype=lib.float64, requires_grad=True)
        y = lib.nn.functional.layer_norm(x, (3,), w)
        gx, gw = lib.autograd.grad((y * y * y).sum(), [x, w], create_graph=True)
        return [[round(v, 10) for v in g.flatten().tolist()]
                for g in lib.autograd.grad((gx * gx).sum() + (gw * gw).sum(), [x, w])]
    same_built(build, torch, ak)


@pytest.mark.parametrize("shape", [(1, 1, 3), (1, 1, 1, 3), (1, 1, 3, 3), (2, 1, 3)])
@pytest.mark.parametrize("create_graph", [False, True])
def test_conv_input_gradient_starts_its_storage(shape, create_graph):
    """A padded convolution's input gradient is a new tensor at storage offset 0 (the kit's
    was a slice of its padded work array, at offset 1, when that slice was contiguous)."""
    def build(lib):
        F = lib.nn.functional
        x = lib.ones(shape, dtype=lib.float64, requires_grad=True)
        w = lib.ones((1, shape[1]) + (2,) * (len(shape) - 2), dtype=lib.float64,
                     requires_grad=True)
        y = (F.conv1d if len(shape) == 3 else F.conv2d)(x, w, padding=1)
        (g,) = lib.autograd.grad(y.sum(), x, create_graph=create_graph)
        t = F.conv_transpose1d(lib.ones(1, 1, 3), lib.ones(1, 1, 2), padding=1)
        return g.storage_offset(), g.stride(), t.storage_offset(), t.stride()
    same_built(build, torch, ak)


@pytest.mark.parametrize("op", ["argmax(1)", "argmin(0)", "argmax(1, True)", "argmax()",
                                "sum()"])
def test_argmax_with_dim_records_nothing(op):
    """argmax/argmin over a dim read only values: they work on a multi-output view written in
    place under no_grad (whose grad_fn PyTorch refuses); the kit went through max(dim)'s
    recorded node and raised."""
    def build(lib):
        x = lib.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        view = x.sigmoid().chunk(1, 0)[-1]
        with lib.no_grad():
            view.pow_(2)
        result = eval("view." + op)
        return result.tolist(), result.requires_grad, result.grad_fn is None
    same_built(build, torch, ak)


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("x_shape, w_shape, options", [
    ((1, 2, 3, 3), (1, 2, 1, 1), {}), ((2, 2, 4), (2, 2, 2), {}),
    ((1, 1, 4), (2, 1, 1), {"stride": 2}), ((2, 2, 5, 5), (2, 2, 2, 2), {"dilation": 2})])
def test_conv_weight_second_order_gradient_is_a_recorded_view(x_shape, w_shape, options,
                                                              create_graph):
    """PyTorch records the weight's second-order gradient as a transpose (and a narrow) of a
    convolution: a view, with TransposeBackward0 / SliceBackward0 under create_graph."""
    def build(lib):
        F = lib.nn.functional
        x = lib.arange(len(lib.zeros(x_shape).flatten()), dtype=lib.float64)
        x = x.reshape(x_shape).sin().requires_grad_(True)
        w = lib.arange(len(lib.zeros(w_shape).flatten()), dtype=lib.float64)
        w = w.reshape(w_shape).cos().requires_grad_(True)
        y = (F.conv2d if len(x_shape) == 4 else F.conv1d)(x, w, None, **options)
        loss = (y * lib.arange(y.numel(), dtype=lib.float64).reshape(y.shape)).sum()
        (gx,) = lib.autograd.grad(loss, [x], create_graph=True)
        (gw,) = lib.autograd.grad((gx * gx).sum(), [w], create_graph=create_graph)
        return (gw._is_view(), tuple(gw._base.shape), gw.stride(), type(gw.grad_fn).__name__,
                [round(v, 9) for v in gw.flatten().tolist()])
    same_built(build, torch, ak)
