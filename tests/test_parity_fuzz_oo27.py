"""Parity with PyTorch 2.13 for what the graph-shape fuzzer (round 11, helper oo) found:
double backward through writes into views, gradient layouts, and errors of mixed dtypes."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def names(fn, depth: int = 0):
    """The graph below a node, as (name, [children]) down a few levels."""
    if fn is None or depth > 5:
        return None
    return (type(fn).__name__, [names(f, depth + 1) for f, _ in fn.next_functions])


def _grads_through_view_write(lib, value_kind):
    x = lib.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    w = lib.tensor([5.0, 7.0], requires_grad=True)
    y = x * x
    v = y.t()
    if value_kind == "number":
        v[1:, 0] = -1.0
    elif value_kind == "tensor":
        v[1:, 0] = w
    else:  # a one-element tensor, broadcast
        v[..., 1] = w[:1]
    g = lib.autograd.grad((y * y).sum(), (x, w), create_graph=True, allow_unused=True)
    firsts = [(names(a.grad_fn), a.tolist()) if a is not None else None for a in g]
    s = sum((a * a).sum() for a in g if a is not None)
    seconds = lib.autograd.grad(s, (x, w), allow_unused=True)
    return firsts, [a.tolist() if a is not None else None for a in seconds]


@pytest.mark.parametrize("value_kind", ["number", "tensor", "broadcast"])
def test_double_backward_through_a_write_into_a_view_has_one_copy_slices(value_kind):
    same_built(lambda lib: _grads_through_view_write(lib, value_kind), torch, ak)


def test_double_backward_through_var_then_a_write_into_its_reshape():
    def build(lib):
        x = lib.tensor([-0.635, 0.25, 0.218, -0.75, 0.766, 0.5], requires_grad=True)
        y = x.reshape(2, 3).var(-1, keepdim=True, correction=2)
        v = y.reshape(-1, 1)
        v[..., 0] = -1.0
        (g,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        return names(g.grad_fn), g.tolist()

    same_built(build, torch, ak)


@pytest.mark.parametrize("index_put", [True, False])
def test_zero_gradient_of_sign_keeps_the_strides_of_size_one_dimensions(index_put):
    # sign_'s gradient is zeros_like(grad): a (1, 4) gradient with strides (1, 1) keeps them,
    # so rot90's gradient and the leaf's are (4, 1) with strides (1, 1)
    def build(lib):
        x = lib.tensor([0.5, 1.0, 0.0, 0.665]).reshape((4, 1)).requires_grad_(True)
        y = lib.where(x == 0, 1.0, x).rot90()
        if index_put:
            y[lib.tensor([0, 0])] = 3.0
        y.sign_()
        z = y[None, ..., None]
        z.add_(1)
        (g,) = lib.autograd.grad((z * 2).sum(), x, create_graph=True)
        return g.stride(), g.tolist()

    same_built(build, torch, ak)


@pytest.mark.parametrize("divisor_dtype", ["int64", "int32", "bool"])
@pytest.mark.parametrize("create_graph", [False, True])
def test_addcdiv_gradient_of_tensor1_over_integer_tensor2_is_refused(divisor_dtype, create_graph):
    # PyTorch's rule computes value / tensor2 as empty_like(tensor2).fill_(value).div_(tensor2)
    def build(lib):
        t1 = lib.tensor([1.0, 2.0], requires_grad=True)
        t2 = lib.tensor([2, 4]).to(getattr(lib, divisor_dtype))
        out = lib.addcdiv(lib.zeros(2), t1, t2, value=0.5)
        return lib.autograd.grad(out.sum(), t1, create_graph=create_graph)[0].tolist()

    same_built(build, torch, ak)


def test_addcdiv_gradient_of_self_only_with_integer_tensor2_is_fine():
    def build(lib):
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        out = lib.addcdiv(a, lib.tensor([1.0, 2.0]), lib.tensor([2, 4]))
        return lib.autograd.grad(out.sum(), a)[0].tolist()

    same_built(build, torch, ak)


@pytest.mark.parametrize("args", [(1,), (3,), (-2,), (5, 1, 0), (0,), (1, 0, 1)])
def test_an_empty_diagonal_starts_where_its_tensor_starts(args):
    def build(lib):
        x = lib.arange(6.0).reshape(2, 3)[1:]
        d = x.diagonal(*args)
        return tuple(d.shape), d.stride(), d.storage_offset()

    same_built(build, torch, ak)


@pytest.mark.parametrize("code", [
    "lib.zeros(0).put_(lib.tensor([0]), lib.tensor([4.]))",
    "lib.zeros(0, 2).put(lib.tensor([1]), lib.tensor([4.]), accumulate=True)",
    "lib.zeros(0).put_(lib.tensor([], dtype=lib.long), lib.tensor([])).shape",
    "lib.zeros(0).take(lib.tensor([0]))",
    "lib.zeros(0).take(lib.tensor([], dtype=lib.long)).shape",
])
def test_put_and_take_on_an_empty_tensor(code):
    same_built(lambda lib: eval(code, {"lib": lib}), torch, ak)


@pytest.mark.parametrize("order", ["sgn first", "sgn last", "sgn twice"])
@pytest.mark.parametrize("create_graph", [False, True])
def test_sgn_zero_gradient_is_skipped_where_paths_meet(order, create_graph):
    # sgn's gradient (real numbers) is an efficient zero: the sum keeps the other's -0.0
    def build(lib):
        x = lib.tensor([[1.0, -2.0], [0.0, 3.0]], requires_grad=True)
        if order == "sgn first":
            z = lib.sgn(x) + x * -0.0
        elif order == "sgn last":
            z = x * -0.0 + lib.sgn(x)
        else:
            z = x * -0.0 + lib.sgn(x) + lib.sgn(x)
        (g,) = lib.autograd.grad(z.sum(), x, create_graph=create_graph)
        return g.stride(), g.tolist(), names(g.grad_fn)

    same_built(build, torch, ak)


def test_sgn_zero_gradient_alone_reaches_a_leaf_as_zeros():
    def build(lib):
        x = lib.tensor([[1.0, -2.0], [0.0, 3.0]], requires_grad=True)
        lib.sgn(x.t()).sum().backward()
        return x.grad.stride(), x.grad.tolist()

    same_built(build, torch, ak)


@pytest.mark.parametrize("transposed", [False, True])
@pytest.mark.parametrize("call", ["x.repeat_interleave(2, 1)", "x.repeat_interleave(3, 0)",
                                  "x.repeat_interleave(1, -1)", "x.repeat_interleave(2)",
                                  "x[0, 0].repeat_interleave(2, 0)"])
def test_repeat_interleave_by_a_number_is_a_view_of_a_row_major_clone(transposed, call):
    def build(lib):
        x = lib.arange(8.0).reshape(4, 2).requires_grad_()
        x = (x.mT if transposed else x) * 1
        y = eval(call)
        return y.stride(), y._is_view(), names(y.grad_fn), y.tolist()

    same_built(build, torch, ak)


@pytest.mark.parametrize("code", [
    "lib.arange(3.).repeat_interleave(2, output_size=5)",
    "lib.arange(6.).reshape(2, 3).repeat_interleave(2, dim=1, output_size=6).tolist()",
    "lib.arange(3.).repeat_interleave(0, output_size=1)",
    "lib.arange(3.).repeat_interleave(lib.tensor([1, 2, 1]), output_size=5)",
    "lib.arange(3.).repeat_interleave(lib.tensor([1, 2, 1]), output_size=4).tolist()",
    "lib.arange(3.).repeat_interleave(lib.tensor(2), output_size=-1)",
    "lib.repeat_interleave(lib.tensor([1, 2]), output_size=5)",
    "lib.repeat_interleave(lib.tensor([1, 2]), output_size=3).tolist()",
])
def test_repeat_interleave_checks_its_output_size(code):
    same_built(lambda lib: eval(code, {"lib": lib}), torch, ak)


@pytest.mark.parametrize("code", ["v[:] = v", "v[...] = v", "v[0:2] = v", "v[:, :, ::1] = v",
                                  "v[:] = 1.", "x[:] = x", "y[:] = y", "y[...] = y"])
def test_whole_setitem_of_a_tensor_into_itself(code):
    # PyTorch's x[:] is x itself and copy_ of a tensor into itself writes nothing: an
    # expanded tensor is not refused for overlapping itself (its version still moves on)
    def build(lib):
        base = lib.ones(4, 2)
        v = base.expand(2, -1, -1)
        x = lib.ones(3, requires_grad=True)
        y = x * 2
        exec(code, {"v": v, "x": x, "y": y})
        return base._version, y._version, type(y.grad_fn).__name__

    same_built(build, torch, ak)


def test_an_efficient_zero_changed_in_place_is_an_ordinary_gradient():
    # PyTorch's ZeroTensor refuses g.add_(3) (its materialized copy holds the same numbers);
    # the kit's zero, once changed, must add up as any gradient where two paths meet
    def build(lib):
        x = lib.tensor([1.0, -2.0], requires_grad=True)
        (g,) = lib.autograd.grad(lib.sgn(x).sum(), x)
        g = g.clone().add_(3) if lib is torch else g.add_(3)
        y = x * 1
        (k,) = lib.autograd.grad(y + y, y, grad_outputs=g)
        return k.tolist()

    same_built(build, torch, ak)


@pytest.mark.parametrize("change", ["data_add", "data_set", "numpy"])
def test_an_efficient_zero_changed_without_its_version_is_an_ordinary_gradient(change):
    # g.data.add_(3), g.data = ... and g.numpy()[:] = 3 leave g's version at 0: the values
    # themselves tell that the zero is one no longer (PyTorch refuses each change)
    def build(lib):
        x = lib.tensor([1.0, -2.0], requires_grad=True)
        (g,) = lib.autograd.grad(lib.sgn(x).sum(), x)
        if lib is torch:
            g = g.clone() + 3
        elif change == "data_add":
            g.data.add_(3)
        elif change == "data_set":
            g.data = lib.full((2,), 3.0)
        else:
            g.numpy()[:] = 3
        y = x * 1
        (k,) = lib.autograd.grad(y + y, y, grad_outputs=g)
        return k.tolist()

    same_built(build, torch, ak)
