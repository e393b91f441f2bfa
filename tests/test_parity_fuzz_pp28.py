"""Parity with PyTorch for corners found by helper pp's fuzzer (round 12: learner-style
programs mixing nn.functional calls (activations, losses, layer norm, small convolutions and
pools) with views and in-place changes of non-leaf tensors, detach, retain_grad, gradient
hooks, accumulation over two backward calls, autograd.grad with create_graph, and
backward(inputs=...))."""

from __future__ import annotations

import math
import warnings

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def word(dtype):
    """A dtype's name without its library's."""
    return str(dtype).split(".")[-1]


def signed(values):
    """Values as text, so that -0.0 and 0.0 differ."""
    if isinstance(values, list):
        return [signed(v) for v in values]
    return repr(values) if not math.isnan(values) else "nan"


# ---- layer norm ---------------------------------------------------------------------------

@pytest.mark.parametrize("affine", ["wb", "w", "none"])
@pytest.mark.parametrize("rows", [(1,), (3,), (2, 2)])
def test_float32_layer_norm_gradient_under_create_graph_is_the_kernels(affine, rows):
    """Under create_graph PyTorch still computes the first gradients with its float32
    kernel (the recorded NativeLayerNormBackwardBackward0 only adds the graph); the kit took
    the plain formulas there, off in the last bit."""
    def build(T):
        x = T.tensor([[-0.5, -1.5, 0.264, 2.0, 1.17]], requires_grad=True) * T.ones(*rows, 1)
        w = T.tensor([-1.0, -1.831, -2.0, -0.75, 0.3], requires_grad=True)
        b = T.tensor([2.0, -0.188, -0.228, 0.0, 1.0], requires_grad=True)
        y = T.nn.functional.layer_norm(x, (5,), w if "w" in affine else None,
                                       b if "b" in affine else None)
        L = (y * T.arange(y.numel(), dtype=y.dtype).reshape(y.shape) * 0.25).sum()
        wanted = [x, w] if "w" in affine else [x]
        gs = T.autograd.grad(L, wanted, create_graph=True)
        g2 = T.autograd.grad(sum((g * g).sum() for g in gs), wanted)
        return ([signed(g.tolist()) for g in gs], [type(g.grad_fn).__name__ for g in gs],
                [v for g in g2 for v in g.flatten().tolist()])

    first, names, second = build(torch)
    kit_first, kit_names, kit_second = build(ak)
    assert (kit_first, kit_names) == (first, names)
    assert kit_second == pytest.approx(second, rel=1e-4, abs=1e-5)  # (not bit for bit)


@pytest.mark.parametrize("rows", [1, 2, 5])
@pytest.mark.parametrize("create_graph", [False, True])
def test_float32_layer_norm_weight_and_bias_gradients_of_zeros_are_plus_zero(rows,
                                                                              create_graph):
    """PyTorch's kernel sums dw and db from +0, so a column whose terms are all -0 (a zero
    gradient times a negative x̂, or -0 gradients) sums to +0; the kit's sums started from
    the first term and kept -0."""
    def build(T):
        x = T.tensor([[-0.5, -1.5, 0.264, 2.0]] * rows, requires_grad=True)
        w = T.tensor([-1.0, -1.831, -2.0, -0.75], requires_grad=True)
        b = T.zeros(4, requires_grad=True)
        y = T.nn.functional.layer_norm(x, (4,), w, b)
        gw, gb = T.autograd.grad((y * T.tensor([0., 1., 2., -0.])).sum(), (w, b),
                                 create_graph=create_graph)
        return signed(gw.tolist()), signed(gb.tolist())

    same(build)


# ---- strides at size-1 dimensions of convolution, pool and padding results -------------------

@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("call", [
    "F.conv1d(x1, T.ones(2, 1, 3, dtype=x1.dtype), T.ones(2, dtype=x1.dtype), stride=2)",
    "F.conv1d(x1, T.ones(1, 1, 2, dtype=x1.dtype), stride=2)",
    "F.conv2d(x2, T.ones(2, 1, 3, 3, dtype=x2.dtype), stride=2)",
    "F.avg_pool1d(x1[..., :3], 2, 2, ceil_mode=True)",
    "F.max_pool1d(x1[..., :3], 2, 2, ceil_mode=True)",
    "F.pad(x1, (-1, 0))", "F.pad(x2, (-1, -2, -1, -2))", "F.pad(x1, (1, 0))",
    "F.pad(x1, (1, 0), mode='reflect')", "F.pad(x2, (1, 0, 0, 1), mode='replicate')",
    "F.interpolate(x1, size=1)", "F.interpolate(x2[:, :, :1, :1], scale_factor=2)",
])
def test_results_and_gradients_have_pytorchs_strides_at_size_1_dimensions(call, dtype):
    """PyTorch's kernels allocate row-major results whose size-1 dimensions have the strides
    of a row-major tensor ((2, 1, 1) for (1, 2, 1)), and a padding that only crops is a
    clone of the cropped view, its strides kept; the kit kept NumPy's strides there ((2, 1, 2),
    a (1, 1, 1) gradient of (1, 1, 1, 1)), or copied the crop row-major."""
    def build(T):
        F = T.nn.functional
        dt = getattr(T, dtype)
        x1 = T.arange(4., dtype=dt).reshape(1, 1, 4).requires_grad_()
        x2 = T.arange(16., dtype=dt).reshape(1, 1, 4, 4).requires_grad_()
        y = eval(call, {"T": T, "F": F, "x1": x1, "x2": x2})
        g = T.autograd.grad((y * y).sum(), (x1, x2), allow_unused=True)
        gg = T.autograd.grad((y * y).sum(), (x1, x2), allow_unused=True, create_graph=True)
        return (tuple(y.shape), y.stride(), y.tolist(),
                [None if t is None else (t.stride(), t.tolist()) for t in g],
                [None if t is None else t.stride() for t in gg])

    same(build)


# ---- AccumulateGrad keeps a gradient laid out by a stride trick ------------------------------

@pytest.mark.parametrize("hook", [False, True])
def test_a_gradient_with_its_own_strides_at_size_1_dimensions_becomes_grad_as_it_is(hook):
    """PyTorch's AccumulateGrad steals a gradient nobody else holds when it obeys the layout
    contract (strides of dimensions of size 1 are not compared): .grad keeps its (1, 1)
    strides. The kit copied it in the leaf's (3, 1) whenever its array came from NumPy's
    as_strided (a view of a view), as the transposed gradient here does."""
    def build(T):
        x = T.tensor([[0.25, 0.25, 1.583]], dtype=T.float64, requires_grad=True)
        y = x * 1
        y.t_()
        if hook:
            x.register_hook(lambda g: g * 0.5)
        z = y.detach() * y
        loss = (y * T.tensor([[1.], [2.], [3.]], dtype=T.float64)).sum() + z.sum()
        loss.backward(retain_graph=True)
        first = (x.grad.stride(), x.grad.tolist(), x.grad._version)
        loss.backward()
        return first, (x.grad.stride(), x.grad.tolist(), x.grad._version)

    same(build)


# ---- copysign's gradient for its sign operand -------------------------------------------------

@pytest.mark.parametrize("code", ["x.copysign(w)", "x.copysign(w.t())", "x.copysign(w[:1])",
                                  "x.double().copysign(w)", "x.copysign(w.double())"])
def test_copysign_sends_zeros_shaped_like_its_sign_operand(code):
    """PyTorch's rule for copysign's second operand is zeros_like(other): other's size and
    dtype, row-major, version 1; the kit sent zeros shaped like the (broadcast) result, of
    the result's dtype (summed back by the engine: version 0)."""
    def build(T):
        x = T.tensor([[1.5, -2.], [3., 0.]], requires_grad=True)
        w = T.tensor([[-1., 2.], [0., -0.5]], requires_grad=True)
        out = eval(code, {"x": x, "w": w})
        g = T.autograd.grad(out.sum(), w, retain_graph=True)[0]
        out.sum().backward()
        return (tuple(g.shape), word(g.dtype), g.stride(), g._version, g.tolist(),
                w.grad._version, w.grad.stride(), x.grad.tolist())

    same(build)


# ---- hardtanh's layouts -----------------------------------------------------------------------

@pytest.mark.parametrize("make", ["base[:, 0].narrow(0, 0, 1)", "base.transpose(0, 1)",
                                  "base.t()[:1]", "base[:, ::2]", "base"])
@pytest.mark.parametrize("fn", ["hardtanh", "relu6"])
def test_hardtanh_result_and_gradient_are_laid_out_as_pytorchs(make, fn):
    """PyTorch's hardtanh writes into empty_like(x) (x's strides when x is dense, those of
    size-1 dimensions too: (2,) for a one-element column of a (2, 2) matrix), and its
    backward walks grad and x together (a transposed x gets a transposed gradient); the
    kit's result had NumPy's strides and its gradient was row-major (masked_fill's)."""
    def build(T):
        base = T.tensor([[1.5, -2., 7.], [3., 0.5, -0.5]])
        v = eval(make, {"base": base})
        y = getattr(T.nn.functional, fn)(v)
        x = v.clone().requires_grad_()
        z = getattr(T.nn.functional, fn)(x)
        g, = T.autograd.grad((z * z).sum(), x)
        return y.stride(), y.tolist(), z.stride(), g.stride(), g.tolist()

    same(build)


# ---- the convolution gradient node's outputs --------------------------------------------------

def edges(node, depth=3):
    """The names and output numbers along a graph's edges from ``node``."""
    if node is None or depth == 0:
        return None
    return (type(node).__name__, [(edges(f, depth - 1), nr) for f, nr in node.next_functions])


@pytest.mark.parametrize("wanted", ["xwb", "b", "wb", "xb", "w", "x"])
@pytest.mark.parametrize("call", ["F.conv1d(x, w, b, padding=1)",
                                  "F.conv2d(x.unsqueeze(2), w.unsqueeze(2), b)",
                                  "F.conv_transpose1d(x, w.transpose(0, 1), b)"])
def test_convolution_gradients_under_create_graph_are_outputs_of_a_three_output_node(
        wanted, call):
    """PyTorch's ConvolutionBackwardBackward0 always has three outputs (input, weight and
    bias gradients): the bias's gradient is its output 2 even when only it is wanted; the
    kit's node made only the wanted ones, so its edges pointed at output 0 or 1."""
    def build(T):
        x = T.tensor([[[1.5, -2., 0.5, 1.], [3., 0.25, -1., 2.]]], dtype=T.float64,
                     requires_grad=True)
        w = T.tensor([[[0.5, -1., 2.], [1., 0.5, -0.5]], [[1., 1., -1.], [0., 2., 1.]]],
                     dtype=T.float64, requires_grad=True)
        b = T.tensor([0.5, -1.], dtype=T.float64, requires_grad=True)
        y = eval(call, {"F": T.nn.functional, "x": x, "w": w, "b": b})
        chosen = [t for name, t in zip("xwb", (x, w, b)) if name in wanted]
        gs = T.autograd.grad((y * y).sum(), chosen, create_graph=True)
        g2 = T.autograd.grad(sum((g * g).sum() for g in gs), chosen, allow_unused=True)
        with warnings.catch_warnings():  # (the reference cycle's warning)
            warnings.simplefilter("ignore")
            (y * y).sum().backward(inputs=chosen, create_graph=True)
        return ([(g.tolist(), edges(g.grad_fn)) for g in gs],
                [None if g is None else g.tolist() for g in g2],
                [edges(t.grad.grad_fn) for t in chosen])

    same(build)


# ---- binary_cross_entropy_with_logits: the versions its gradients leave -----------------------

@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("extra", ["", "pos_weight", "weight", "both"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_bce_with_logits_gradients_have_pytorchs_versions(reduction, extra, create_graph):
    """PyTorch's backward of binary_cross_entropy_with_logits builds each gradient in place
    on one new tensor (σ(x).sub_(t).mul_(grad)…, .div_(n) for the mean; under grad mode only
    the mean's div_ for x), so the gradients have versions 1 to 6; the kit's were 0."""
    def build(T):
        x = T.tensor([[3.0, 0.477], [-0.5, 1.609]], requires_grad=True)
        t = T.tensor([[0.25, 1.], [0., 0.5]], requires_grad=True)
        options = {}
        if extra in ("pos_weight", "both"):
            options["pos_weight"] = T.tensor([2., 0.5])
        if extra in ("weight", "both"):
            options["weight"] = T.tensor([0.5, 2.])
        y = T.nn.functional.binary_cross_entropy_with_logits(x, t, reduction=reduction,
                                                             **options)
        gs = T.autograd.grad(y.sum(), (x, t), create_graph=create_graph)
        return [(g._version, g.tolist()) for g in gs]

    same(build)


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_bce_target_gradient_has_pytorchs_version(reduction, weighted, create_graph):
    """PyTorch's binary_cross_entropy target rule works in place in any grad mode
    (logit(p).neg_().mul_(grad), .mul_(w), .div_(n) for the mean): versions 2 to 4; the
    kit's target gradient had version 0."""
    def build(T):
        p = T.tensor([[0.9, 0.4], [0.2, 0.7]], requires_grad=True)
        t = T.tensor([[0.25, 1.], [0., 0.5]], requires_grad=True)
        options = {"weight": T.tensor([0.5, 2.])} if weighted else {}
        y = T.nn.functional.binary_cross_entropy(p, t, reduction=reduction, **options)
        gs = T.autograd.grad(y.sum(), (p, t), create_graph=create_graph)
        return [g._version for g in gs]  # (logit(0.7) in float32 differs in the last bit)

    same(build)
