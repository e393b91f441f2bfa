"""Parity with PyTorch for corners found by helper bb's ninth fuzzer round (random programs of
elementwise, reduction, view and indexing ops with in-place changes through views of non-leaf
tensors, then backward or autograd.grad with create_graph and a second derivative)."""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import assert_same, same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def chain(node, depth=4):
    """The names along a graph's first edges, from ``node``."""
    names = []
    while node is not None and len(names) < depth:
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    return names


# ---- x[key] = v through a view whose elements share memory (unfold) --------------------------

@pytest.mark.parametrize("code", [
    "v[0] = 7.", "v[1] = T.tensor([[1., 2.], [3., 4.], [5., 6.]])", "v[:, 1] = -1.",
    "v[0, :, 1] = T.tensor([9., 8., 7.])", "v[..., 0] = 0.", "v[[1]] = 9.",
])
@pytest.mark.parametrize("recorded", [False, True])
def test_assigning_into_an_unfold_view_writes_every_element_it_names(code, recorded):
    """x.unfold(0, 2, 1) sees row 1 of x twice; v[0] = 7. writes rows 0 and 1 of x in PyTorch.
    The kit computed the whole of v out of place and wrote it back, so the old values seen
    through v[1] overwrote the new ones (only row 0 changed)."""
    def build(T):
        leaf = T.arange(9., dtype=T.float64, requires_grad=recorded)
        x = (leaf * 1 if recorded else leaf).reshape(3, 3)
        v = x.unfold(0, 2, 1)
        exec(code, {"T": T, "v": v})
        out = [x.tolist(), v.tolist(), x._version]
        if recorded:
            (x * T.arange(1., 10., dtype=T.float64).reshape(3, 3)).sum().backward()
            out += [chain(x.grad_fn), leaf.grad.tolist()]
        return out

    same(build)


# ---- view strides at dimensions of size 1 ----------------------------------------------------

@pytest.mark.parametrize("code", [
    "a.t().view(1, 3, 1)", "a.t().unflatten(0, (1, -1))", "a.t().reshape(1, 3, 1)",
    "a.t().view(3, 1, 1)", "b.transpose(0, 1).view(1, 3, 1, 2)", "a.t()[None].view(3, 1)",
    "c.permute(2, 0, 1).view(1, 2, 1, 1)",
])
def test_a_view_puts_pytorchs_strides_on_its_dimensions_of_size_1(code):
    """PyTorch's view computes every stride with computeStride: x.t() of shape (3, 1) and
    strides (1, 3) viewed as (1, 3, 1) has strides (3, 1, 3); the kit took NumPy's reshape
    strides (3, 1, 1), which later layouts (contiguous(), clones, gradients) followed."""
    def build(T):
        v = eval(code, {"a": T.arange(3., requires_grad=True).reshape(1, 3),
                        "b": T.arange(6.).reshape(3, 1, 2), "c": T.arange(2.).reshape(1, 1, 2)})
        return v.stride(), v.storage_offset(), v.shape, v.clone().stride(), v.tolist()

    same(build)


# ---- cumsum's gradient along a dimension of one element ------------------------------------

@pytest.mark.parametrize("shape, dim", [((1,), 0), ((3, 1), 1), ((1, 1), 0), ((0,), 0),
                                        ((2, 3), 0), ((1, 3), -1)])
@pytest.mark.parametrize("dtype", [None, "float64"])
def test_cumsum_passes_its_gradient_on_along_a_dimension_of_one(shape, dim, dtype):
    """PyTorch's cumsum_backward returns grad itself when the dim holds one element (no
    flip-cumsum-flip), after grad.to(x's dtype); the kit always reversed a cumsum, and cast
    last, so create_graph recorded FlipBackward0 / CumsumBackward0 where PyTorch has none."""
    def build(T):
        x = T.ones(shape, requires_grad=True)
        y = x.cumsum(dim, dtype=None if dtype is None else getattr(T, dtype))
        g, = T.autograd.grad((y * y).sum(), x, create_graph=True)
        out = [g.tolist(), str(g.dtype).split(".")[-1], chain(g.grad_fn, 6)]
        if g.requires_grad:
            out.append(T.autograd.grad(g.sum(), x)[0].tolist())
        return out

    same(build)


# ---- narrow_copy's gradient is slice_backward ----------------------------------------------

@pytest.mark.parametrize("args", [(0, 1, 2), (0, -3, 1), (0, -1, 1), (1, 0, 1), (0, 0, 0),
                                  (0, -2, 2)])
def test_narrow_copy_gradient_is_a_slice_backward(args):
    """PyTorch's NarrowCopyBackward0 sends slice_backward(grad, …): under create_graph the
    gradient's node is SliceBackwardBackward0; the kit wrote grad into zeros in place
    (CopySlices)."""
    def build(T):
        x = T.arange(8., requires_grad=True).reshape(4, 2)
        x = x if args[0] == 1 else x[:, 0]
        y = x.narrow_copy(*args)
        g, = T.autograd.grad((y * y).sum(), x, create_graph=True)
        return (g.tolist(), chain(g.grad_fn), g.stride(),
                T.autograd.grad(g.sum(), x)[0].tolist())

    same(build)


# ---- x[key] = v under create_graph: PyTorch's CopySlices backward, step by step --------------

def tree(node, depth=3):
    """A node's name and, ``depth`` levels down, those of its next_functions."""
    if node is None or depth == 0:
        return None if node is None else type(node).__name__
    return type(node).__name__, [tree(f, depth - 1) for f, _ in node.next_functions]


@pytest.mark.parametrize("shape, key, value_shape", [
    ((3,), "0", ()), ((3,), "1:", (2,)), ((3,), "1:", ()), ((2, 3), "0", (3,)),
    ((2, 3), "0", (1, 3)), ((2, 3), ":, 0", (1,)), ((2, 3), "0, 1", None), ((1,), "0", None),
    ((2, 3), "None, 1", (3,)), ((3, 2), "::2", (1, 2)),
])
def test_assignment_gradients_record_pytorchs_copy_slices_steps(shape, key, value_shape):
    """PyTorch's CopySlices backward copies grad into a fresh tensor laid out as x
    (CopyBackwards), reads the value's gradient as a clone of an as_strided view of it
    (CloneBackward0 ← AsStridedBackward0), then copies zeros over those places (CopySlices).
    The kit's gradient of x was one CopySlices straight on grad, and the value's a
    SelectBackward0 / SliceBackward0 of grad."""
    def build(T):
        x = T.arange(float(math.prod(shape)), dtype=T.float64).reshape(shape).requires_grad_()
        w = None if value_shape is None else T.full(value_shape, 2., dtype=T.float64,
                                                    requires_grad=True)
        y = x * 1
        exec(f"y[{key}] = 7. if w is None else w * 1", {"y": y, "w": w})
        wrt = [x] if w is None else [x, w]
        gs = T.autograd.grad((y * y * y).sum(), wrt, create_graph=True)
        second = T.autograd.grad(sum((g * g).sum() for g in gs), wrt)
        return ([(tree(g.grad_fn), g.tolist(), g.stride()) for g in gs],
                [g.tolist() for g in second])

    same(build)


# ---- a value picked along dim 0 of a 0-dim tensor ------------------------------------------

@pytest.mark.parametrize("code", ["x.max(0)[0]", "x.min(0, True)[0]", "x.median(0)[0]",
                                  "x.kthvalue(1, 0)[0]", "x.mode(0)[0]", "x.sort(0)[0]",
                                  "x.topk(1, 0)[0]", "x.cummax(0)[0]", "x.cummin(0).values",
                                  "x.nanmedian(0)[0]", "x.max(-1, keepdim=True).values"])
def test_a_0dim_tensors_picked_value_sends_its_gradient_through_a_scatter(code):
    """PyTorch's value_selecting_reduction_backward (and cummax's) scatters grad into zeros
    also for a 0-dim x (ScatterBackward0 / ScatterAddBackward0 under create_graph); the kit
    passed grad on unchanged (max, min) or wrote it by index (IndexPutBackward0)."""
    def build(T):
        x = T.tensor(2., dtype=T.float64, requires_grad=True)
        y = eval(code)
        g, = T.autograd.grad(y * y * y, x, create_graph=True)
        return (tree(g.grad_fn), g.item(), g._version, g.shape,
                T.autograd.grad(g, x)[0].item())

    same(build)


def test_unique_inverse_of_a_0dim_tensor_is_no_view():
    """x.unique(return_inverse=True)[1] of a 0-dim x is a 0-dim tensor of its own in PyTorch;
    the kit reshaped a 1-element result, so it was a view (_is_view(), _base)."""
    def build(T):
        x = T.tensor(2., requires_grad=True)
        _, inverse = x.unique(return_inverse=True)
        inverse.add_(1)
        return inverse._is_view(), inverse._base is None, inverse.shape, inverse._version

    same(build)


@pytest.mark.parametrize("row", [
    "[nan, nan, 1.]", "[nan, 2., 1.]", "[nan, nan, nan]", "[1., nan, 1., nan, nan, 2.]",
    "[nan] * 3 + [1., 2.] * 9 + [nan] * 5", "[[nan, 1., 1.], [2., 2., nan]]",
])
def test_mode_of_a_row_with_nan_follows_pytorchs_sort(row):
    """PyTorch's CPU mode sorts (value, position) pairs with std::sort by a < b (NaN compares
    false) and takes the longest run of equal neighbours: [nan, nan, 1.] gives nan at 0.
    The kit crashed (IndexError) or skipped the NaNs."""
    def build(T):
        x = T.tensor(eval(row, {"nan": float("nan")}), dtype=T.float64, requires_grad=True)
        values, indices = x.mode(-1)
        values.nan_to_num(7.).sum().backward()
        return str(values.tolist()), indices.tolist(), x.grad.tolist()

    same(build)


@pytest.mark.parametrize("make", ["x0 * 1", "x0.clone()"])
def test_a_recorded_write_into_a_transposed_tensor_sends_grads_in_its_layout(make):
    assert_same(torch, ak, f"""x0 = T.arange(6.).reshape(2, 3).t().detach().requires_grad_()
w = T.tensor([5., 6.], requires_grad=True)
x = {make}
x[1] = w
g = (T.arange(6.).reshape(3, 2) + 1).requires_grad_()
gx, gw = T.autograd.grad(x, (x0, w), g, create_graph=True)
out.append((gx, gx.stride(), gw))
y = {make}
y.mul_(w[:1])
out.append(y.grad_fn._saved_self.stride())""")


@pytest.mark.parametrize("n", [16, 17, 40, 300])
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool"])
def test_mode_of_a_long_row_picks_the_position_pytorchs_unstable_sort_leaves(n, dtype):
    assert_same(torch, ak, f"""g = T.Generator().manual_seed({n})
x = T.randint(0, 3, (5, {n}), generator=g).to(T.{dtype})
out.append(x.mode(1))
out.append(x.t().mode(0))
if x.is_floating_point():
    x.requires_grad_()
    x.mode(1)[0].sum().backward()
    out.append(x.grad.nonzero())""")
