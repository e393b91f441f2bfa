"""Parity with PyTorch 2.13 for what the learner-program fuzzer (round 14, helper gb) found:
layouts of gradients through ``x[key] = value``."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def _written_copy_gradient(lib, make_x, key, create_graph):
    """The strides of a's gradient when ``x = make_x(a)`` (not contiguous) has ``x[key]``
    overwritten: PyTorch's CopySlices lays the gradient in x's strides, not the incoming
    gradient's."""
    a = lib.arange(6.0).reshape(1, 2, 3).requires_grad_(True)
    x = make_x(a)
    x[key] = -1.0
    (g,) = lib.autograd.grad(x, a, lib.ones(x.shape), create_graph=create_graph)
    return x.stride(), g.stride(), g.tolist()


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("key", [(Ellipsis, 0), (0,), (slice(None), 0, slice(0, 2))])
@pytest.mark.parametrize("make", ["rot90", "transposed_clone"])
def test_copy_slices_gradient_in_written_tensors_strides(make, key, create_graph):
    makers = {"rot90": lambda a: a.rot90(), "transposed_clone": lambda a: a.transpose(0, 1).clone()}
    same_built(lambda lib: _written_copy_gradient(lib, makers[make], key, create_graph), torch, ak)


def test_leaf_grad_after_write_into_rotated_copy():
    """The fuzzer's program (seed 9051): a leaf's .grad through rot90, a write and ceil."""

    def build(lib):
        w = lib.tensor([0.25, 0.5, 1.196, 1.138, -1.735, -1.774]).reshape(1, 2, 3)
        w.requires_grad_(True)
        r = w.rot90()
        r[..., 0] = -1.0
        r.ceil().sum().backward()
        return w.grad.stride(), w.grad.tolist()

    same_built(build, torch, ak)


def _names(fn, depth=4):
    """A node's name and its next functions' names, ``depth`` levels down."""
    if fn is None or depth == 0:
        return fn and fn.name()
    return fn.name(), [_names(f, depth - 1) for f, _ in fn.next_functions]


@pytest.mark.parametrize("reduce", ["amax", "amin", "aminmax_min", "aminmax_max"])
@pytest.mark.parametrize("dim", [0, -1, [0], None])
def test_amax_of_a_0_dim_tensor_over_a_given_dim_graph(reduce, dim):
    """PyTorch restores a given reduced dim of a 0-dim x as size 1 ((1,)), then its engine
    sums the gradient back: SumBackward0 on top (the kit reshaped straight to ())."""
    if dim == [0] and reduce.startswith("aminmax"):
        pytest.skip("aminmax takes one int dim")

    def build(lib):
        x = lib.tensor(0.7, dtype=lib.float64).requires_grad_(True)
        kwargs = {} if dim is None else {"dim": dim}
        if reduce.startswith("aminmax"):
            out = x.aminmax(**kwargs)[reduce.endswith("max")]
        else:
            out = getattr(x, reduce)(**kwargs)
        (g,) = lib.autograd.grad(out.sigmoid().sum(), x, create_graph=True)
        (plain,) = lib.autograd.grad(out.sigmoid().sum(), x)
        return _names(g.grad_fn), g.shape, g.item(), plain.shape, plain.item()

    same_built(build, torch, ak)


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("op", ["tanh", "sigmoid"])
def test_tanh_sigmoid_gradient_follows_the_incoming_gradients_layout(op, create_graph):
    """PyTorch's tanh_backward(grad, y) is a TensorIterator op: where grad (first) and y
    disagree, the result takes grad's layout (the kit's was row-major)."""

    def build(lib):
        x = lib.tensor([0.5, 0.1, 0.3, 0.2, 0.7, 0.45]).reshape(3, 2).requires_grad_(True)
        incoming = lib.arange(6.0).reshape(2, 3).t()
        (g,) = lib.autograd.grad(getattr(x, op)(), x, incoming, create_graph=create_graph)
        if not create_graph:
            return g.stride(), g.tolist()
        (g2,) = lib.autograd.grad((g * g).sum(), x)
        return g.stride(), g.tolist(), g2.stride(), g2.tolist()

    same_built(build, torch, ak)


@pytest.mark.parametrize("power", ["x ** 2", "x ** 3", "x.square()", "x ** 0.5"])
def test_power_gradient_follows_the_incoming_gradients_layout(power):
    """grad * (e · x ** (e - 1)): PyTorch's product takes grad's layout where it and x
    disagree; the kit's shortcut without create_graph gave a row-major gradient."""

    def build(lib):
        x = lib.tensor([0.5, 0.1, 0.3, 0.2, 0.7, 0.45]).reshape(3, 2).requires_grad_(True)
        incoming = lib.arange(6.0).reshape(2, 3).t()
        (g,) = lib.autograd.grad(eval(power, {"x": x}), x, incoming)
        return g.stride(), g.tolist()

    same_built(build, torch, ak)
