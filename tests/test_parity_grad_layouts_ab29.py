"""Parity with PyTorch 2.13 for the layouts (strides) of gradients (helper ab, round 29):
activation backwards with transposed, stepped or channels-last inputs and gradients."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402

ACTIVATIONS = {
    "elu": lambda F, x: F.elu(x),
    "celu": lambda F, x: F.celu(x, 0.7),
    "selu": lambda F, x: F.selu(x),
    "softplus": lambda F, x: F.softplus(x, beta=2, threshold=1),
    "gelu": lambda F, x: F.gelu(x),
    "gelu_tanh": lambda F, x: F.gelu(x, approximate="tanh"),
    "hardtanh": lambda F, x: F.hardtanh(x),
    "relu6": lambda F, x: F.relu6(x),
    "hardswish": lambda F, x: F.hardswish(x),
    "leaky_relu": lambda F, x: F.leaky_relu(x, 0.1),
    "threshold": lambda F, x: F.threshold(x, 0.1, 2.0),
    "hardshrink": lambda F, x: F.hardshrink(x, 0.3),
    "softshrink": lambda F, x: F.softshrink(x, 0.3),
    "relu": lambda F, x: F.relu(x),
    "rrelu_eval": lambda F, x: F.rrelu(x, training=False),
    "prelu": lambda F, x: F.prelu(x, x.new_tensor([0.2])),
    "silu": lambda F, x: F.silu(x),
    "mish": lambda F, x: F.mish(x),
    "logsigmoid": lambda F, x: F.logsigmoid(x),
    "hardsigmoid": lambda F, x: F.hardsigmoid(x),
    "logit": lambda F, x: (x * 0.25 + 0.5).logit(),
    "logit_eps": lambda F, x: (x * 0.25 + 0.5).logit(eps=0.2),
}
NO_DOUBLE_BACKWARD = {"hardsigmoid"}  # (PyTorch: derivative not implemented)

# x made from a leaf a (shape, view) and a gradient of y's shape (from an array, as a view)
X_LAYOUTS = {
    "plain": ((3, 4), lambda a: a),
    "transposed": ((4, 3), lambda a: a.t()),
    "stepped": ((3, 8), lambda a: a[:, ::2]),
    "channels_last": ((2, 4, 3, 3), lambda a: a.permute(0, 3, 1, 2)),
    "expanded": ((1, 4), lambda a: a.expand(3, 4)),
}
GRAD_LAYOUTS = {
    "row_major": lambda lib, v: lib.tensor(v),
    "transposed": lambda lib, v: lib.tensor(v.T.copy()).permute(*reversed(range(v.ndim))),
    "stepped": lambda lib, v: lib.tensor(np.repeat(v, 2, axis=-1))[..., ::2],
    "expanded": lambda lib, v: lib.tensor(v.reshape(-1)[:1].copy()).reshape(
        (1,) * v.ndim).expand(*v.shape),
}


def _values(shape):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 1.7) * 1.5).reshape(shape).astype(np.float32)


def _activation_gradients(lib, name, x_layout, grad_layout, create_graph):
    """The gradients autograd.grad gives (and, under create_graph, the second derivative)
    for ``y = activation(x)``, x a view of a leaf."""
    shape, make_x = X_LAYOUTS[x_layout]
    a = lib.tensor(_values(shape)).requires_grad_(True)
    x = make_x(a)
    y = ACTIVATIONS[name](lib.nn.functional, x)
    grad = GRAD_LAYOUTS[grad_layout](lib, _values(tuple(y.shape)) + 0.25)
    (g,) = lib.autograd.grad(y, x, grad, create_graph=create_graph)
    if not create_graph:
        return [g]
    (g2,) = lib.autograd.grad(g.sum(), x, allow_unused=True)
    return [g, g2]


def assert_same_layouts(build):
    """``build(lib)`` gives tensors with the same strides and storage offsets with PyTorch
    and the kit, and values that agree (the layout is compared here: PyTorch's float32
    kernels run their scalar loop on strided operands, whose last bits the kit does not
    follow)."""
    expected, got = build(torch), build(ak)
    assert [None if t is None else (t.stride(), t.storage_offset()) for t in got] == \
        [None if t is None else (t.stride(), t.storage_offset()) for t in expected]
    for t, k in zip(expected, got):
        if t is not None:
            np.testing.assert_allclose(np.array(k.tolist()), t.detach().numpy(), rtol=1e-5,
                                       atol=1e-5)


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("grad_layout", list(GRAD_LAYOUTS))
@pytest.mark.parametrize("x_layout", list(X_LAYOUTS))
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_gradient_in_tensoriterators_layout(name, x_layout, grad_layout,
                                                       create_graph):
    if create_graph and name in NO_DOUBLE_BACKWARD:
        pytest.skip("no second derivative")
    """PyTorch's activation backward kernels are TensorIterator ops of (grad, x), laid out
    as their operands, grad first (leaky_relu's and threshold's walk (x, grad)); a
    piecewise-linear rule's second derivative is zeros_like of the gradient arriving at
    its node (relu's threshold_backward walks (y, grad), rrelu's outside training (x, grad)
    as leaky_relu's, prelu's (x, w, grad); silu's and mish's float32 kernels
    walk (grad, x) too, outside create_graph; log_sigmoid_backward writes into
    empty_like(grad); logit's where, under create_graph, sends where's gradient in the
    condition's layout). The kit laid them out as its own tensor formulas came out."""
    assert_same_layouts(lambda lib: _activation_gradients(lib, name, x_layout, grad_layout,
                                                          create_graph))


def test_double_backward_of_relu_is_zeros_whatever_grad_grad():
    """PyTorch's threshold_backward rule gives zeros_like(grad) for its input y: 0 where the
    gradient arriving is -1, inf or nan (the kit's grad_grad * 0.0 gave -0., nan)."""

    def build(lib):
        x = lib.tensor([[-1.0, 2.0], [3.0, -4.0]], requires_grad=True)
        (g,) = lib.autograd.grad(x.relu() * 1.0, x, lib.ones(2, 2, requires_grad=True),
                                 create_graph=True)
        nan, inf = float("nan"), float("inf")
        (g2,) = lib.autograd.grad(g, x, lib.tensor([[-1.0, inf], [-2.0, nan]]))
        return [str(v) for v in g2.flatten().tolist()], g2.requires_grad

    same_built(build, torch, ak)


@pytest.mark.parametrize("wanted", ["a", "b", "both"])
def test_where_gradients_in_the_conditions_layout(wanted):
    """where's backward is where(condition, grad, 0) (and where(condition, 0, grad)): laid
    out as the condition first, also when the gradient arriving is expanded (the kit's
    backward passed the condition as an array, which the layout rule did not see)."""

    def build(lib):
        a = lib.tensor(_values((4, 3))).requires_grad_(True)
        b = lib.tensor(_values((4, 3)) + 1).requires_grad_(True)
        at, bt = a.t(), b.t()
        y = lib.where(at > 0, at, bt)
        inputs = {"a": [at], "b": [bt], "both": [at, bt]}[wanted]
        return list(lib.autograd.grad(y.sum(), inputs))

    assert_same_layouts(build)


def _channels_last(lib, values):
    """A channels-last tensor (memory through C, W, H, N) holding ``values`` (N, C, H, W)."""
    return lib.tensor(values.transpose(0, 2, 3, 1).copy()).permute(0, 3, 1, 2)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("kind", ["conv", "groups", "transposed"])
@pytest.mark.parametrize("channels_last", ["x", "w", "grad", "x_and_w"])
def test_convolution_gradients_in_the_backends_memory_format(channels_last, kind, dtype):
    """PyTorch's convolution backends lay the input's and weight's gradients out
    channels-last when the input or the weight suggests it (a transposed convolution's
    weight too, for its result); the double backward's input gradient, convᵀ(grad, ggw),
    when grad or ggw does; a transposed convolution's second-order weight gradient is its
    equivalent convolution's, transposed back. The kit made them row-major."""

    def build(lib):
        rng = np.random.default_rng(0)
        x_values = rng.standard_normal((2, 4, 5, 6)).astype(dtype)
        w_shape = {"conv": (3, 4, 3, 3), "groups": (4, 2, 3, 3), "transposed": (4, 3, 3, 2)}
        w_values = (rng.standard_normal(w_shape[kind]) * 0.3).astype(dtype)
        x = _channels_last(lib, x_values) if "x" in channels_last else lib.tensor(x_values)
        w = _channels_last(lib, w_values) if "w" in channels_last else lib.tensor(w_values)
        x.requires_grad_(True)
        w.requires_grad_(True)
        F = lib.nn.functional
        y = {"conv": lambda: F.conv2d(x, w, padding=1),
             "groups": lambda: F.conv2d(x, w, groups=2, padding=1),
             "transposed": lambda: F.conv_transpose2d(x, w, stride=2, padding=1,
                                                      output_padding=1)}[kind]()
        g_values = np.linspace(-1, 1, y.numel()).astype(dtype).reshape(tuple(y.shape))
        grad = _channels_last(lib, g_values) if channels_last == "grad" else \
            lib.tensor(g_values)
        grad.requires_grad_(True)
        gx, gw = lib.autograd.grad(y, [x, w], grad, create_graph=True)
        second = lib.autograd.grad((gx * gx).sum() + (gw * gw).sum(), [x, w, grad])
        return [y, gx, gw, *second]

    assert_same_layouts(build)


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("output_size", [(2, 3), 1, (1, 1)])
@pytest.mark.parametrize("channels", [4, 1])
def test_adaptive_avg_pool2d_of_a_channels_last_input(channels, output_size, create_graph):
    """PyTorch's adaptive_avg_pool2d backward writes into a gradient in the input's
    suggested memory format; a (1, 1) output is a mean whose result takes channels-last
    strides (C, 1, C, C) in place for a channels-last input (AsStridedBackward1 on top of
    MeanBackward1). The kit made the gradient row-major and the mean's strides (C, 1, 1, 1)."""

    def build(lib):
        values = np.arange(2.0 * channels * 30).reshape(2, channels, 5, 6) / 7
        x = _channels_last(lib, values).requires_grad_(True)
        y = lib.nn.functional.adaptive_avg_pool2d(x, output_size)
        grad = lib.tensor(np.linspace(-1, 1, y.numel()).reshape(tuple(y.shape)))
        (g,) = lib.autograd.grad(y, x, grad, create_graph=create_graph)
        names = [y.grad_fn.name(), y.grad_fn.next_functions[0][0].name()]
        return [y, g], names

    expected = build(torch)[1]
    assert build(ak)[1] == expected
    assert_same_layouts(lambda lib: build(lib)[0])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("grad_channels_last", [False, True])
@pytest.mark.parametrize("norm", ["batch_norm", "batch_norm_create_graph", "group_norm"])
def test_normalization_of_a_channels_last_input(norm, grad_channels_last, dtype):
    """PyTorch's batch-norm and group-norm kernels write their result and the input's
    gradient into empty_like(x) in x's suggested memory format: channels-last for a
    channels-last x, whatever the gradient's layout. The kit's batch-norm gradient followed
    the gradient arriving (row-major), and group norm's were row-major."""

    def build(lib):
        values = np.sin(np.arange(2.0 * 4 * 30)).reshape(2, 4, 5, 6).astype(dtype)
        x = _channels_last(lib, values).requires_grad_(True)
        w = lib.tensor(np.array([0.5, 1.0, 1.5, 2.0], dtype=dtype), requires_grad=True)
        F = lib.nn.functional
        y = F.group_norm(x, 2, w) if norm == "group_norm" else \
            F.batch_norm(x, None, None, w, training=True)
        g_values = np.linspace(-1, 1, y.numel()).reshape(tuple(y.shape)).astype(dtype)
        grad = _channels_last(lib, g_values) if grad_channels_last else lib.tensor(g_values)
        create_graph = norm == "batch_norm_create_graph"
        gx, gw = lib.autograd.grad(y, [x, w], grad, create_graph=create_graph)
        if not create_graph:
            return [y, gx, gw]
        return [y, gx, gw, *lib.autograd.grad((gx * gx).sum(), [x, w])]

    assert_same_layouts(build)


@pytest.mark.parametrize("shape", [(2, 4, 5, 6), (2, 4, 1, 1), (3, 2, 4, 5, 6)])
@pytest.mark.parametrize("op", ["pixel_shuffle", "pixel_unshuffle"])
def test_pixel_shuffle_of_channels_last_tensors(op, shape):
    """PyTorch's pixel_shuffle and pixel_unshuffle allocate their result in a 4-D input's
    suggested memory format (channels-last strides (H·W, 1, W, 1) for one channel), and so
    their gradients (each other's) in the gradient's; the kit's were row-major."""

    def build(lib):
        F = lib.nn.functional
        if op == "pixel_unshuffle":
            shape_in = (*shape[:-3], shape[-3] // 4, shape[-2] * 2, shape[-1] * 2)
        else:
            shape_in = shape
        values = np.moveaxis(np.arange(float(np.prod(shape_in))).reshape(shape_in), -3, -1)
        x = lib.tensor(values.copy()).movedim(-1, -3).requires_grad_(True)
        y = getattr(F, op)(x, 2)
        g_values = np.moveaxis(np.linspace(-1, 1, y.numel()).reshape(tuple(y.shape)), -3, -1)
        grad = lib.tensor(g_values.copy()).movedim(-1, -3)
        (g,) = lib.autograd.grad(y, x, grad)
        return [y, g]

    assert_same_layouts(build)


def test_rrelu_gradient_while_training_is_row_major():
    """PyTorch's rrelu_with_noise_backward while training gives a row-major gradient
    (grad times the noise), whatever the layouts of grad and x; the kit's followed grad's."""

    def build(lib):
        lib.manual_seed(0)
        x = lib.tensor(_values((4, 3))).t().requires_grad_(True)
        y = lib.nn.functional.rrelu(x, training=True)
        (g,) = lib.autograd.grad(y, x, lib.ones(4, 3).t())
        return g.stride()

    same_built(build, torch, ak)
