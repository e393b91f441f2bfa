"""Graphs of higher-order derivatives (create_graph=True) compared with PyTorch live: the
grad_fn names and next_functions a few levels down, strides, _version and values."""

from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def _tree(node: Any, depth: int) -> str:
    """A node's name and, ``depth`` levels down, its next_functions."""
    if node is None:
        return "None"
    name = node.name().replace("torch::autograd::", "")
    if depth == 0:
        return name
    kids = [_tree(n, depth - 1) for n, _ in node.next_functions]
    return name + ("(" + ", ".join(kids) + ")" if kids else "")


def _described(t: Any, depth: int = 5) -> Any:
    """What is compared of a result: graph, shape, strides, version and values."""
    if t is None:
        return None
    return (_tree(t.grad_fn, depth), tuple(t.shape), t.stride(), t._version,
            np.array(t.detach().tolist(), dtype=float))


def _same(build: Any) -> None:
    """``build`` gives PyTorch's graphs, shapes, strides and versions, and its values to
    1e-10 (float64 softmax and sums round their last bits otherwise than PyTorch's)."""
    expected, got = build(torch), build(ak)
    assert [d and d[:4] for d in got] == [d and d[:4] for d in expected]
    for e, g in zip(expected, got):
        if e is not None:
            np.testing.assert_allclose(g[4], e[4], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name", ["softmax"])
@pytest.mark.parametrize("dim", [0, 1])
def test_hvp_through_softmax_records_pytorchs_graph(name: str, dim: int) -> None:
    # (softmax_double_backward's terms are made last to first in PyTorch's compiled C++)
    def build(T: Any) -> Any:
        a = T.tensor([[0.1, 0.5, -0.3], [1., 2., 0.]], dtype=T.float64, requires_grad=True)
        v = T.tensor([[1., 2., 3.], [0.5, -1., 2.]], dtype=T.float64)
        f = getattr(T.nn.functional, name)
        out = T.autograd.functional.hvp(lambda a: (f(a, dim) * v.cos()).sum(), a, v,
                                        create_graph=True)
        return [_described(t, 7) for t in out]

    _same(build)


@pytest.mark.parametrize("shape", [(3, 2), (2, 3, 2), (2, 2, 2, 2)])
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm_second_and_third_derivatives_record_pytorchs_graph(
        shape: tuple, training: bool, affine: bool) -> None:
    # (PyTorch's batchnorm_double_backward: its own formula, not the first backward
    # differentiated again; the kit's weight gradient came back through a ViewBackward0)
    def build(T: Any) -> Any:
        n, c = int(np.prod(shape)), shape[1]
        x = (T.arange(float(n)).double().reshape(shape) * 0.7).sin().requires_grad_()
        w = (T.arange(c) + 1.).double().requires_grad_()
        b = T.arange(c).double().cos().requires_grad_()
        y = T.nn.functional.batch_norm(x, T.zeros(c).double(), T.ones(c).double() * 1.5,
                                       w if affine else None, b if affine else None,
                                       training=training)
        weights = T.arange(float(n)).double().reshape(shape).cos()
        inputs = (x, w, b) if affine else (x,)
        g = T.autograd.grad((y ** 3 * weights).sum(), inputs, create_graph=True)
        g2 = T.autograd.grad(sum((t ** 2).sum() for t in g), inputs, create_graph=True,
                             allow_unused=True)
        g3 = T.autograd.grad(sum((t * t.detach().cos()).sum() for t in g2 if t is not None),
                             inputs, create_graph=True, allow_unused=True)
        # (in training PyTorch's third derivative misses the statistics' dependence on x:
        # see test_batch_norm_third_derivative_follows_the_statistics)
        return [_described(t, 3) for t in (*g2, *(() if training else g3))]

    _same(build)


def test_batch_norm_third_derivative_follows_the_statistics() -> None:
    # finite differences of the second derivative (PyTorch 2.13's own third derivative in
    # training mode misses the saved mean's and invstd's dependence on x)
    x0 = np.sin(np.arange(6.).reshape(3, 2) * 0.7)
    c = np.cos(np.arange(6.).reshape(3, 2))

    def third(x: Any) -> Any:
        x = ak.tensor(x, requires_grad=True)
        y = ak.nn.functional.batch_norm(x, None, None, ak.tensor([1., 2.], dtype=ak.float64),
                                        None, training=True)
        g, = ak.autograd.grad((y ** 3 * ak.tensor(c)).sum(), x, create_graph=True)
        g, = ak.autograd.grad((g * ak.tensor(c) * 2).sum(), x, create_graph=True)
        s = (g * ak.tensor(c) * 3).sum()
        return s.item(), ak.autograd.grad(s, x)[0].numpy()

    step, found = 1e-6, third(x0)[1]
    for i in np.ndindex(x0.shape):
        e = np.zeros_like(x0)
        e[i] = step
        numeric = (third(x0 + e)[0] - third(x0 - e)[0]) / (2 * step)
        assert abs(found[i] - numeric) < 1e-4 * max(1.0, abs(numeric))


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("kind", ["jacobian", "hessian"])
def test_vectorized_blocks_of_an_unused_input_are_expanded_zeros(kind: str,
                                                                 create_graph: bool) -> None:
    # (PyTorch's vectorized vjp gives an input no output uses zeros_like(x).expand(...))
    def build(T: Any) -> Any:
        a = T.tensor([[0.1, 0.5], [-0.3, 1.]], dtype=T.float64, requires_grad=True)
        b = T.tensor([1., 2., 3.], dtype=T.float64, requires_grad=True)
        if kind == "jacobian":
            blocks = T.autograd.functional.jacobian(lambda a, b: a.exp() * 2, (a, b),
                                                    vectorize=True, create_graph=create_graph)
        else:
            rows = T.autograd.functional.hessian(lambda a, b: a.exp().sum(), (a, b),
                                                 vectorize=True, create_graph=create_graph)
            blocks = [t for row in rows for t in row]
        return [(tuple(t.shape), t.stride(), t.requires_grad, t._version, t.tolist())
                for t in blocks]

    same_built(build, torch, ak)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("loss", ["mse", "huber", "smooth_l1"])
def test_loss_double_backward_scales_last_as_pytorch(loss: str, reduction: str) -> None:
    # (PyTorch: *_double_backward(grad * grad_output, ...), then /= n for the mean)
    def build(T: Any) -> Any:
        F = T.nn.functional
        x = (T.arange(6.).double().reshape(2, 3) * 0.37 - 0.8).sin().requires_grad_()
        t = T.arange(6.).double().reshape(2, 3).cos().requires_grad_()
        losses = {"mse": F.mse_loss,
                  "huber": lambda a, b, reduction: F.huber_loss(a, b, reduction=reduction,
                                                                delta=0.5),
                  "smooth_l1": lambda a, b, reduction: F.smooth_l1_loss(
                      a, b, reduction=reduction, beta=0.7)}
        out = losses[loss](x ** 3, t, reduction=reduction)
        out = out if out.dim() == 0 else (out * T.arange(6.).double().reshape(2, 3)).sum()
        g = T.autograd.grad(out, (x, t), create_graph=True)
        g2 = T.autograd.grad((g[0] ** 2).sum() + (g[1] * g[0]).sum(), (x, t),
                             create_graph=True)
        g3 = T.autograd.grad((g2[0] * g2[1]).sum(), (x, t), create_graph=True,
                             allow_unused=True)
        return [_described(t, 5) for t in (*g2, *g3)]

    _same(build)


def test_mse_second_derivative_is_divided_in_place() -> None:
    def build(T: Any) -> Any:
        x = T.tensor([[0.5, -1.], [2., 3.]], dtype=T.float64, requires_grad=True)
        g, = T.autograd.grad(T.nn.functional.mse_loss(x, x.detach() * 0.5), x,
                             create_graph=True)
        return _described(T.autograd.grad((g * g).sum(), x, create_graph=True)[0])[:4]

    same_built(build, torch, ak)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("kind", ["hvp", "vhp"])
def test_hvp_through_binary_cross_entropy_reads_the_curvatures_clone(kind: str,
                                                                     weighted: bool) -> None:
    # (PyTorch's binary_cross_entropy_double_backward multiplies in place: gI *= grad * gO,
    # so a later derivative goes through the CloneBackward0 of the curvature it saved)
    def build(T: Any) -> Any:
        F = T.nn.functional
        x = (T.arange(6.).double().reshape(2, 3) * 0.37 - 0.8).sin().requires_grad_()
        t = T.arange(6.).double().reshape(2, 3).cos() * 0.5 + 0.5
        w = T.arange(6.).double().reshape(2, 3) + 1 if weighted else None
        out = getattr(T.autograd.functional, kind)(
            lambda x: F.binary_cross_entropy(x.sigmoid(), t, weight=w), x, t,
            create_graph=True)
        return [_described(o, 6) for o in out]

    _same(build)


_PRODUCTS = {"mm": lambda x: x.mm(x.t()),
             "bmm": lambda x: x.reshape(2, 3, 1).bmm(x.reshape(2, 1, 3)),
             "matmul": lambda x: x.reshape(2, 1, 3) @ x.reshape(2, 3, 1)}


@pytest.mark.parametrize("product", list(_PRODUCTS))
@pytest.mark.parametrize("kind", ["hvp", "vhp"])
def test_hvp_through_matrix_products_meets_paths_in_pytorchs_order(kind: str,
                                                                  product: str) -> None:
    # (PyTorch's MmBackward0 and BmmBackward0 compute mat2's gradient first: its nodes
    # come first)
    def build(T: Any) -> Any:
        x = (T.arange(6.).double().reshape(2, 3) * 0.37 - 0.8).sin().requires_grad_()
        v = T.arange(6.).double().reshape(2, 3).cos()
        out = getattr(T.autograd.functional, kind)(
            lambda x: (_PRODUCTS[product](x) ** 2).sum(), x, v, create_graph=True)
        return [_described(o, 6) for o in out]

    _same(build)
