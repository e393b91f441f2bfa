"""Parity with PyTorch for corners found by helper bb's eighth fuzzer round (gather, scatter
and indexing ops inside random programs, with the gradients of every input and the graphs
create_graph builds; multi-backward programs: shared subexpressions, several outputs,
retain_grad, hooks, backward(inputs=), autograd.grad's options, repeated backward)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def chain(node, depth=4):
    """The names along a graph's first edges, from ``node``."""
    names = []
    while node is not None and len(names) < depth:
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    return names


# ---- index_copy: source's gradient is index_select, then expand_as(source) -----------------

INDEX_COPIES = [
    "x1.index_copy(0, T.tensor([2]), s0)", "x1.index_copy(0, T.tensor(2), s0)",
    "x1.index_copy(0, T.tensor([2]), s0[None])",
    "x.index_copy(1, T.tensor([2, 0]), x[:, :2] * s0)",
    "x.index_copy(0, T.tensor([2]), x[:1] * s0)",
    "x.clone().index_copy_(0, T.tensor([2]), x[:1] * s0)",
    "T.tensor(1., dtype=T.float64).index_copy(0, T.tensor([0]), s0)",
    "T.tensor(1., dtype=T.float64).index_copy(0, T.tensor(0), s0[None])",
    "T.index_copy(x, 0, T.tensor([1, 0]), x[1:] * s0)",
]


@pytest.mark.parametrize("code", INDEX_COPIES)
@pytest.mark.parametrize("create_graph", [True, False])
def test_index_copy_source_gradient_graph(code, create_graph):
    """PyTorch's rule for source is grad.index_select(dim, index).expand_as(source) (a 0-dim
    source: index.squeeze(0), and the engine sums to ()), so under create_graph the gradient
    reads ExpandBackward0 (or SumBackward0) above IndexSelectBackward0; the kit reshaped
    (ViewBackward0, and a 0-dim x was reshaped to 1 element and back)."""
    def build(T):
        x1 = T.tensor([1., 2, 3, 4], dtype=T.float64, requires_grad=True)
        x = T.tensor([[1., 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], dtype=T.float64,
                     requires_grad=True)
        s0 = T.tensor(2., dtype=T.float64, requires_grad=True)
        o = eval(code, {"T": T, "x1": x1, "x": x, "s0": s0})
        L = (o * o * T.arange(1., o.numel() + 1, dtype=T.float64).reshape(o.shape)).sum()
        gs = T.autograd.grad(L, [s0, x], allow_unused=True, create_graph=create_graph)
        out = [None if g is None else (g.tolist(), chain(g.grad_fn), g.shape) for g in gs]
        if create_graph:
            out.append([None if g is None else g.tolist()
                        for g in T.autograd.grad(gs[0], [s0, x], allow_unused=True)])
        return out

    same(build)


# ---- masked_scatter: source's gradient is masked_scatter_backward, with its own node --------

MASKED_SCATTERS = [
    ("x", "x > 0", "s"), ("x", "x > 0", "s[:2]"),
    ("x", "T.tensor([True, False, True, False])", "s"),
    ("x[0]", "T.tensor([[True, False, True, True], [False, True, False, False]])", "s"),
    ("x.t()", "x.t() < 2", "s.t()"), ("x.clone()", "x > 100", "s"),
]


@pytest.mark.parametrize("x_code, mask_code, source_code", MASKED_SCATTERS)
def test_masked_scatter_source_gradient_node(x_code, mask_code, source_code):
    """PyTorch computes source's gradient with masked_scatter_backward, a function with its
    own derivative: the gradient's grad_fn is MaskedScatterBackwardBackward0 (saving the
    mask), and its backward is zeros_like(grad).masked_scatter(mask, gg). The kit built it
    from masked_select, cat and reshape (ViewBackward0)."""
    def build(T):
        x = T.tensor([[1.5, -0.5, 2.0, 0.25], [0.5, 1.0, -2.0, 3.0], [-1.0, 0.75, 1.25, -0.5]],
                     dtype=T.float64, requires_grad=True)
        s = T.arange(12., dtype=T.float64).reshape(3, 4).requires_grad_()
        mask = eval(mask_code)
        out = T.masked_scatter(eval(x_code), mask, eval(source_code))
        w = T.arange(1., out.numel() + 1, dtype=T.float64).reshape(out.shape)
        gx, gs = T.autograd.grad((out * out * w).sum(), [x, s], create_graph=True)
        node = gs.grad_fn
        saved = node._saved_mask is mask
        gg = T.autograd.grad((gs * gs).sum(), [x, s], allow_unused=True)
        return (type(node).__name__, saved, chain(node, 3), gs.tolist(), gx.tolist(),
                [None if g is None else g.tolist() for g in gg])

    same(build)


def test_masked_scatter_double_backward_through_the_method_and_in_place():
    def build(T):
        x = T.tensor([1.0, -2.0, 3.0], requires_grad=True)
        s = T.tensor([4.0, 5.0, 6.0], requires_grad=True)
        m = T.tensor([True, False, True])
        y = (x * 1).masked_scatter_(m, s * s)
        g, = T.autograd.grad((y ** 3).sum(), s, create_graph=True)
        g2, = T.autograd.grad(g.sum(), s)
        return type(g.grad_fn).__name__, g.tolist(), g2.tolist()

    same(build)


# ---- scatter_ with reduce= names the in-place op in its missing-derivative error ------------

@pytest.mark.parametrize("code", [
    "(x * 1).scatter_(0, i, s, reduce='add')", "(x * 1).scatter_(0, i, 2.0, reduce='multiply')",
    "(x * 1).scatter_(0, i, s, reduce='multiply')", "T.scatter(x * 1, 0, i, s, reduce='add')",
    "(x * 1).scatter(0, i, 2.0, reduce='add')"])
def test_scatter_reduce_argument_backward_error_names_the_op(code):
    """x.scatter_(..., reduce=...) has no derivative: PyTorch's error names aten::scatter_
    for the in-place method (aten::scatter for the out-of-place one); the kit said
    aten::scatter for both."""
    def build(T):
        import warnings

        x = T.ones(2, 3, requires_grad=True)
        s = T.ones(2, 3, requires_grad=True)
        i = T.tensor([[0, 1, 0]])
        always = T.is_warn_always_enabled()
        T.set_warn_always(True)  # (so that PyTorch's once-per-process warning stays unspent)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                o = eval(code, {"T": T, "x": x, "s": s, "i": i})
        finally:
            T.set_warn_always(always)
        node = o.grad_fn
        try:
            o.sum().backward()
        except RuntimeError as error:
            return node.name(), str(error)
        return node.name(), None

    same(build)


# ---- index_put(accumulate=True) keeps x's layout, as x.clone() does -------------------------

@pytest.mark.parametrize("x_code", ["b.t()", "b[:, :2].t()", "b.t()[:2]", "b.flip(0)", "b"])
@pytest.mark.parametrize("accumulate", [True, False])
def test_index_put_out_of_place_keeps_the_layout(x_code, accumulate):
    """The out-of-place index_put clones x (preserve_format) and writes into the clone, with
    accumulate or without: a transposed x gives a transposed result. With accumulate=True
    the kit gave a row-major one."""
    def build(T):
        b = T.tensor([[1., -2, 3], [4, 5, -6], [7, 8, 9]], requires_grad=True)
        x = eval(x_code)
        o = T.index_put(x, (T.tensor([0, 1, 0]), T.tensor([1, 0, 1])), T.tensor(1.5), accumulate)
        g, = T.autograd.grad((o * T.arange(o.numel(), dtype=o.dtype).reshape(o.shape)).sum(), b)
        return o.stride(), o.is_contiguous(), o.tolist(), g.tolist(), g.stride()

    same(build)


# ---- take_along_dim without dim views both tensors as flat ----------------------------------

@pytest.mark.parametrize("x_code, index_code", [
    ("x.t()", "T.tensor([1, 2])"), ("x", "T.tensor([[1, 2], [0, 1]]).t()"),
    ("x", "T.tensor([[1, 2], [0, 1]])"), ("x.t().contiguous()", "T.tensor(3)"),
    ("x[:, :2]", "T.tensor([0])"), ("x[0]", "T.tensor([2, 2])"), ("x[:, 1]", "T.tensor([1, 0])")])
def test_take_along_dim_without_dim_on_a_strided_tensor(x_code, index_code):
    """PyTorch's take_along_dim(x, indices) with no dim is x.view(-1).gather(0,
    indices.view(-1)): a tensor that cannot be viewed as flat (x.t()) is refused with the
    view error. The kit reshaped (a copy), so it answered."""
    def build(T):
        x = T.arange(6.).reshape(2, 3).requires_grad_()
        o = T.take_along_dim(eval(x_code), eval(index_code))
        o.sum().backward()
        return o.tolist(), chain(o.grad_fn), x.grad.tolist()

    same(build)


# ---- uint8 masks: checked before PyTorch warns; a masked_fill_ write refuses them -----------

BYTE_MASK_WRITES = [
    "x[T.tensor([1, 0, 1], dtype=T.uint8)]", "x[T.tensor([1, 0], dtype=T.uint8)]",
    "x[T.tensor([[1, 0, 1]], dtype=T.uint8)]",
    "x[T.tensor([1, 0, 1], dtype=T.uint8)[:, None], T.tensor([1, 0, 1], dtype=T.uint8)]",
    "x[T.tensor([1, 0, 1], dtype=T.uint8), T.tensor([1, 0], dtype=T.uint8)]",
    "x.index_put_((T.tensor([1, 0], dtype=T.uint8),), T.tensor(1.))",
    "x.index_put_((T.tensor([1, 0, 1], dtype=T.uint8),), T.tensor(1.))",
    "x.index_put_((T.tensor([1, 0, 1], dtype=T.uint8),), T.tensor([1.]))",
    "x.index_put_((T.tensor([1, 0, 1], dtype=T.uint8),), T.tensor([1., 2, 3]))",
    "x.index_put_((T.tensor([1, 0, 1], dtype=T.uint8),), T.tensor(1.), accumulate=True)",
    "T.index_put(x, (T.tensor([1, 0], dtype=T.uint8), T.tensor([1, 0], dtype=T.uint8)), "
    "T.tensor(1.), accumulate=True)",
    "T.index_put(x, (T.tensor([1, 0, 1], dtype=T.uint8),), T.tensor(1.), accumulate=True)",
    "x[T.tensor([1, 0, 1], dtype=T.uint8)] = 2.", "x[T.tensor([1, 0], dtype=T.uint8)] = 2.",
    "x[T.tensor([1, 0], dtype=T.uint8), ...] = 2.",
    "x[T.tensor([1, 0, 1], dtype=T.uint8)] = T.tensor([5., 6.])",
    "x[T.tensor([1, 0], dtype=T.uint8)] = T.tensor([5., 6.])",
    "x[T.tensor([1, 0, 1], dtype=T.uint8)] += 1",
    "x[T.tensor([True, False, True])] = 2.",
    "x.index_put_((T.tensor([True, False]),), T.tensor(1.))",
]


@pytest.mark.parametrize("code", BYTE_MASK_WRITES)
def test_uint8_mask_warnings_and_masked_fill_refusal(code):
    """PyTorch checks an index's count, then each mask in turn (warning about a uint8 one
    just before its shape check); a write of one value through one mask runs as masked_fill_,
    which checks the mask's shape and refuses a uint8 mask without warning. The kit warned
    for every uint8 index before any check, and x.index_put_((uint8 mask,), value) wrote."""
    def build(T):
        import warnings

        x = T.zeros(3, 3)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                exec(code, {"T": T, "x": x})
                error = None
            except (RuntimeError, IndexError) as e:
                error = f"{type(e).__name__}: {e}"
        return error, [str(w.message).split(" (Triggered")[0] for w in caught], x.tolist()

    same(build)


# ---- scatter's shape checks read src's sizes through self's dimensions first ---------------

@pytest.mark.parametrize("shapes", [
    ((3,), (3,), (2, 3)), ((2, 3), (2, 3), (3,)), ((3,), (3,), ()), ((), (), (3,)),
    ((2, 3), (1, 2), (3,)), ((2, 3), (2, 4), (3,)), ((2, 3), (1, 3), (1, 2, 3)),
    ((2, 3), (3, 1), (2,)), ((2, 3), (2, 1), ()), ((2, 3), (2, 3), (2, 3))])
@pytest.mark.parametrize("op", ["scatter_add", "scatter", "scatter_reduce", "scatter_"])
def test_scatter_src_with_other_dimensions(shapes, op):
    """PyTorch compares index.size(d) with src.size(d) for each of self's dimensions before
    it checks src's number of dimensions: a src with fewer dimensions than self (whose sizes
    fit so far) raises size()'s 'Dimension out of range' IndexError. The kit said 'Index
    tensor must have the same number of dimensions as src tensor' first."""
    def build(T):
        self_shape, index_shape, src_shape = shapes
        x = T.zeros(self_shape)
        index = T.zeros(index_shape, dtype=T.long)
        src = T.ones(src_shape, requires_grad=True)
        if op == "scatter_reduce":
            out = x.scatter_reduce(0, index, src, "sum")
        else:
            out = getattr(x, op)(0, index, src)
        return out.tolist(), type(out.grad_fn).__name__

    same(build)
