"""Parity with PyTorch for nn modules: their hooks and state, and the graphs their layers
record (first and second order), compared live with PyTorch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def node_names(t: Any) -> list[str]:
    """The names of every node in t's backward graph, sorted."""
    seen, names, stack = set(), [], [t.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        names.append(type(node).__name__)
        stack.extend(f for f, _ in node.next_functions)
    return sorted(names)


def edges(node: Any) -> list[tuple[str | None, int]]:
    return [(None if f is None else type(f).__name__, n) for f, n in node.next_functions]


def arrays(*tensors: Any) -> list[Any]:
    return [None if t is None else t.detach().numpy() for t in tensors]


NORMS: dict[str, Callable[..., Any]] = {
    "layer_norm": lambda lib, x, w, b: lib.nn.functional.layer_norm(x, (3,), w, b),
    "layer_norm_2d": lambda lib, x, w, b: lib.nn.functional.layer_norm(x, (4, 3)),
    "batch_norm": lambda lib, x, w, b: lib.nn.functional.batch_norm(x, None, None, w, b, True),
    "batch_norm_running": lambda lib, x, w, b: lib.nn.functional.batch_norm(
        x, lib.zeros(3, dtype=lib.float64), lib.ones(3, dtype=lib.float64), w, b, True),
    "batch_norm_eval": lambda lib, x, w, b: lib.nn.functional.batch_norm(
        x, lib.zeros(3, dtype=lib.float64), lib.ones(3, dtype=lib.float64), w, b, False),
    "batch_norm_no_affine": lambda lib, x, w, b: lib.nn.functional.batch_norm(
        x, None, None, None, None, True),
    "instance_norm": lambda lib, x, w, b: lib.nn.functional.instance_norm(
        x.view(2, 3, 2), weight=w, bias=b).view(4, 3),
    "LayerNorm": lambda lib, x, w, b: lib.nn.LayerNorm(3).double()(x),
    "BatchNorm1d": lambda lib, x, w, b: lib.nn.BatchNorm1d(3).double()(x),
}


def _double_backward(lib: Any, name: str, wrt: tuple[int, ...]) -> list[Any]:
    rng = np.random.default_rng(0)
    x, w, b = (lib.tensor(rng.standard_normal(s), requires_grad=True) for s in ((4, 3), 3, 3))
    y = NORMS[name](lib, x, w, b)
    weights = lib.tensor(rng.standard_normal((4, 3)))
    inputs = (x, w, b)
    grads = lib.autograd.grad((y * y * weights).sum(), [inputs[i] for i in wrt],
                              create_graph=True, allow_unused=True)
    out: list[Any] = []
    for g in grads:
        out.append(None if g is None else (node_names(g), edges(g.grad_fn), g.output_nr))
    if any(g is not None for g in grads):
        sum((g * g).sum() for g in grads if g is not None).backward()
    out.append(arrays(*grads))
    out.append(arrays(x.grad, w.grad, b.grad))
    return out


@pytest.mark.parametrize("wrt", [(0,), (1,), (2,), (0, 1), (0, 1, 2)])
@pytest.mark.parametrize("name", list(NORMS))
def test_normalization_gradient_is_one_node_under_create_graph(name: str,
                                                               wrt: tuple[int, ...]) -> None:
    """Under create_graph, PyTorch records native_layer_norm_backward / native_batch_norm_backward
    as one node (NativeLayerNormBackwardBackward0 with edges grad_out, input, mean, rstd,
    weight, bias; NativeBatchNormBackwardBackward0 with grad_out, input, weight and the running
    statistics), whose three outputs are grad_input, grad_weight and grad_bias, and which sends
    no gradient to the bias; the kit recorded the formula's mean/sub/rsqrt operations."""
    ours, theirs = _double_backward(ak, name, wrt), _double_backward(torch, name, wrt)
    assert ours[:-2] == theirs[:-2]
    for mine, reference in zip(ours[-2:], theirs[-2:]):
        assert [m is None for m in mine] == [r is None for r in reference]
        for m, r in zip(mine, reference):
            if m is not None:
                np.testing.assert_allclose(m, r, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name", ["layer_norm", "batch_norm", "batch_norm_eval", "instance_norm"])
def test_normalization_third_derivative(name: str) -> None:
    """Differentiating the one node again (recorded op by op) gives the true third derivative
    (finite differences; PyTorch's own third derivative of layer_norm fails this check)."""
    rng = np.random.default_rng(1)
    x, w, b = (ak.tensor(rng.standard_normal(s), requires_grad=True) for s in ((4, 3), 3, 3))

    def second(x: Any) -> Any:
        y = NORMS[name](ak, x, w, b)
        (g,) = ak.autograd.grad((y ** 3).sum(), x, create_graph=True)
        (h,) = ak.autograd.grad((g ** 2).sum(), x, create_graph=True)
        return h

    assert ak.autograd.gradcheck(second, (x,))


@pytest.mark.parametrize("make", [
    lambda lib, x: x.t(),  # a transposed matrix: copied first
    lambda lib, x: x.t().unsqueeze(-1),
    lambda lib, x: x,  # contiguous: no copy
    lambda lib, x: x.reshape(1, 4, 3, 1).permute(0, 3, 1, 2).contiguous().permute(0, 2, 3, 1),
])
def test_group_norm_of_a_non_contiguous_input_records_its_copy(make: Callable) -> None:
    """PyTorch's group_norm runs on input.contiguous(input.suggest_memory_format()): a
    non-contiguous input (not channels-last) is copied first, CloneBackward0 before
    NativeGroupNormBackward0; the kit went straight to the node."""
    def graph(lib: Any) -> Any:
        x = lib.tensor(np.arange(12.0).reshape(3, 4) ** 1.5, requires_grad=True)
        y = lib.nn.functional.group_norm(make(lib, x), 2 if make(lib, x).shape[1] == 4 else 1)
        y.backward(lib.ones_like(y) * lib.arange(float(y.numel())).view(y.shape))
        return node_names(y), edges(y.grad_fn), y.detach().numpy(), x.grad.numpy()

    ours, theirs = graph(ak), graph(torch)
    assert ours[:2] == theirs[:2]
    np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("eps", [None, 1e-3])
def test_rms_norm_adds_eps_as_a_number(dtype: str, eps: float | None) -> None:
    """PyTorch's rms_norm adds ε in C++ (add with a Scalar): AddBackward1 in its graph, first
    and second order; the kit's Python + gave AddBackward0."""
    def run(lib: Any) -> Any:
        x = lib.tensor(np.linspace(-2, 3, 12).reshape(4, 3), dtype=getattr(lib, dtype),
                       requires_grad=True)
        w = lib.tensor([0.5, -1.0, 2.0], dtype=getattr(lib, dtype), requires_grad=True)
        y = lib.nn.RMSNorm(3, eps=eps).to(getattr(lib, dtype))(x) * w
        (g,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        return node_names(y), node_names(g), y.detach().float().numpy(), g.detach().float().numpy()

    ours, theirs = run(ak), run(torch)
    assert ours[:2] == theirs[:2]
    np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-3 if dtype == "float16" else 1e-6)
    np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-2 if dtype == "float16" else 1e-5,
                               atol=1e-3)


def _node_counts(t: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in node_names(t):
        counts[name] = counts.get(name, 0) + 1
    return counts


@pytest.mark.parametrize("shapes", [((2, 3, 5, 4), (2, 3, 5, 4)), ((2, 3, 5, 4), (2, 3, 6, 4)),
                                    ((1, 1, 5, 4), (1, 1, 5, 4)), ((2, 3, 1, 4), (2, 3, 1, 4)),
                                    ((3, 5, 4), (3, 5, 4))])
@pytest.mark.parametrize("create_graph", [False, True])
def test_sdpa_fused_kernel_gradients_are_laid_out_as_pytorch(shapes: tuple,
                                                             create_graph: bool) -> None:
    """PyTorch's fused CPU attention kernel allocates the gradients of query, key and value
    as empty({B, L, H, E}).transpose(1, 2); the kit's were row-major (B, H, L, E). It shows
    in .grad.stride() and in the recorded reshapes of a head-split view's gradient."""
    def run(lib: Any) -> Any:
        rng = np.random.default_rng(0)
        q_shape, kv_shape = shapes
        q, k, v = (lib.tensor(rng.standard_normal(s), requires_grad=True)
                   for s in (q_shape, kv_shape, kv_shape))
        y = lib.nn.functional.scaled_dot_product_attention(q, k, v)
        grads = lib.autograd.grad((y * y).sum(), (q, k, v), create_graph=create_graph)
        return [tuple(g.stride()) for g in grads], arrays(*grads)

    ours, theirs = run(ak), run(torch)
    assert ours[0] == theirs[0]
    for m, r in zip(ours[1], theirs[1]):
        np.testing.assert_allclose(m, r, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("need_weights", [False, True])
def test_multihead_attention_double_backward_graph(batch_first: bool, need_weights: bool) -> None:
    """MultiheadAttention without weights runs the fused kernel on head-split views: PyTorch's
    second-order graph copies its gradients back (CloneBackward0, UnsafeViewBackward0)."""
    def run(lib: Any) -> Any:
        lib.manual_seed(0)
        x = lib.tensor(np.random.default_rng(0).standard_normal((2, 3, 4)), requires_grad=True)
        mha = lib.nn.MultiheadAttention(4, 2, batch_first=batch_first).double()
        y = mha(x, x, x, need_weights=need_weights)[0]
        (g,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        return _node_counts(y), _node_counts(g), g.detach().numpy()

    ours, theirs = run(ak), run(torch)
    assert ours[:2] == theirs[:2]
    np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("nd", [1, 2, 3])
@pytest.mark.parametrize("transposed", [False, True])
def test_max_unpool_gradient_is_a_gather_under_create_graph(nd: int, transposed: bool) -> None:
    """PyTorch's max_unpool gradient is max_pool_double_backward, made of operations:
    grad.contiguous().view(N, C, -1).gather(-1, indices).view(...) (ViewBackward0,
    GatherBackward0); the kit recorded one MaxUnpool2DBackwardBackward0 node. (A
    non-contiguous gradient: PyTorch's contiguous() then view is the kit's reshape,
    CloneBackward0 then UnsafeViewBackward0 for ViewBackward0: compared without that name.)"""
    def run(lib: Any) -> Any:
        x = lib.tensor(np.random.default_rng(0).standard_normal((1, 2) + (4,) * nd),
                       requires_grad=True)
        pool = getattr(lib.nn, f"MaxPool{nd}d")(2, return_indices=True)
        y = getattr(lib.nn, f"MaxUnpool{nd}d")(2)(*pool(x))
        z = y.transpose(-1, -2) if transposed and nd > 1 else y
        (g,) = lib.autograd.grad((z * z * lib.arange(float(z.numel())).view(z.shape)).sum(), x,
                                 create_graph=True)
        (h,) = lib.autograd.grad((g * g).sum(), x)
        names = [n for n in node_names(g) if not (transposed and n.endswith("ViewBackward0"))]
        return names, g.detach().numpy(), h.numpy()

    ours, theirs = run(ak), run(torch)
    assert ours[0] == theirs[0]
    for m, r in zip(ours[1:], theirs[1:]):
        np.testing.assert_allclose(m, r, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("wrt", [(0,), (1,), (2,), (0, 1, 2)])
@pytest.mark.parametrize("same_input", [False, True])
def test_bilinear_gradients_are_trilinear_nodes(wrt: tuple[int, ...], same_input: bool) -> None:
    """PyTorch's _trilinear_backward computes each gradient with _trilinear again: under
    create_graph each is a TrilinearBackward0 node (edges (grad, W, x2), (x1, grad, x2),
    (x1, W, grad)); the kit recorded one TrilinearBackwardBackward0 node."""
    def run(lib: Any) -> Any:
        rng = np.random.default_rng(3)
        x1 = lib.tensor(rng.standard_normal((2, 5, 3)), requires_grad=True)
        x2 = x1 if same_input else lib.tensor(rng.standard_normal((2, 5, 3)),
                                              requires_grad=True)
        w = lib.tensor(rng.standard_normal((4, 3, 3)), requires_grad=True)
        b = lib.tensor(rng.standard_normal(4), requires_grad=True)
        y = lib.nn.functional.bilinear(x1, x2, w, b)
        inputs = [(x1, w, x2)[i] for i in wrt]
        grads = lib.autograd.grad((y ** 3).sum(), inputs, create_graph=True)
        shown = [(node_names(g), edges(g.grad_fn)) for g in grads]
        third = lib.autograd.grad(sum((g * g).sum() for g in grads), (x1, w, b),
                                  allow_unused=True)
        return shown, arrays(*grads), arrays(*third)

    ours, theirs = run(ak), run(torch)
    assert ours[0] == theirs[0]
    for mine, reference in zip(ours[1:], theirs[1:]):
        assert [m is None for m in mine] == [r is None for r in reference]
        for m, r in zip(mine, reference):
            if m is not None:
                np.testing.assert_allclose(m, r, rtol=1e-9, atol=1e-10)


def test_bilinear_third_derivative() -> None:
    """The gradient nodes' own gradients (recorded op by op) are right: third derivatives
    agree with PyTorch's."""
    def run(lib: Any) -> Any:
        rng = np.random.default_rng(4)
        x1, x2, w = (lib.tensor(rng.standard_normal(s), requires_grad=True)
                     for s in ((3, 2), (3, 3), (2, 2, 3)))
        y = lib.nn.functional.bilinear(x1, x2, w)
        grads = lib.autograd.grad((y ** 2).sum(), (x1, x2, w), create_graph=True)
        second = lib.autograd.grad(sum((g ** 2).sum() for g in grads), (x1, x2, w),
                                   create_graph=True)
        return arrays(*lib.autograd.grad(sum((g ** 2).sum() for g in second), (x1, x2, w)))

    for m, r in zip(run(ak), run(torch)):
        np.testing.assert_allclose(m, r, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("name", ["layer_norm", "batch_norm", "batch_norm_eval", "instance_norm",
                                  "bilinear"])
def test_second_derivative_recorded_again_keeps_its_values(name: str) -> None:
    """A gradient node's own gradient recorded op by op (create_graph on the second backward)
    differentiates only the node's own use of each input: the incoming gradient depends on
    the weight too, and the kit counted that path twice (-102.8 for PyTorch's -79.5)."""
    def run(lib: Any) -> Any:
        rng = np.random.default_rng(1)
        x, w, b = (lib.tensor(rng.standard_normal(s), requires_grad=True)
                   for s in ((4, 3), 3, 3))
        c = lib.tensor(rng.standard_normal((4, 3)))
        if name == "bilinear":
            w = lib.tensor(rng.standard_normal((3, 3, 3)), requires_grad=True)
            y = lib.nn.functional.bilinear(x, x.flip(0), w, b)
        else:
            y = NORMS[name](lib, x, w, b)
        (g,) = lib.autograd.grad((y * y * c).sum(), x, create_graph=True)
        return arrays(*lib.autograd.grad((g * g).sum(), (x, w, b), create_graph=True))

    for m, r in zip(run(ak), run(torch)):
        np.testing.assert_allclose(m, r, rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("make", [
    lambda lib: lib.nn.GRUCell(3, 2),
    lambda lib: lib.nn.GRU(3, 2),
    lambda lib: lib.nn.GRU(3, 2, num_layers=2, bidirectional=True),
])
def test_gru_second_order_graph_keeps_pytorchs_copies(make: Callable) -> None:
    """PyTorch's GRU cell multiplies in place ((h - n).mul_(z), h_n.mul_(r)), keeping a copy of
    each original for the gradient: its second-order graph shows CloneBackward0 twice per
    step; the kit multiplied out of place."""
    def run(lib: Any) -> Any:
        lib.manual_seed(0)
        module = make(lib).double()
        x = lib.tensor(np.random.default_rng(0).standard_normal((4, 3)), requires_grad=True)
        y = module(x)
        y = y[0] if isinstance(y, tuple) else y
        (g,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        (h,) = lib.autograd.grad((g * g).sum(), x)
        return _node_counts(y), _node_counts(g), arrays(y, g, h)

    ours, theirs = run(ak), run(torch)
    assert ours[:2] == theirs[:2]
    for m, r in zip(ours[2], theirs[2]):
        np.testing.assert_allclose(m, r, rtol=1e-9, atol=1e-12)
