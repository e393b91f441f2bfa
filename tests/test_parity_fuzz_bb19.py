"""Parity with PyTorch for corners found by helper bb's extended differential fuzzer
(mixed dtypes, indexing, reductions, in-place changes, grads and their versions)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402

LIBS = [torch, ak]


def same(build):
    return same_built(build, torch, ak)


def described(t):
    if not isinstance(t, (torch.Tensor, ak.Tensor)):
        return t
    fn = None if t.grad_fn is None else type(t.grad_fn).__name__
    return (t.tolist(), str(t.dtype).split(".")[-1], tuple(t.shape), t.requires_grad, fn)


# ---- 0-dim tensors read and written by index --------------------------------------------

ZERO_DIM_CALLS = [
    "x.index_fill(0, L.tensor([0]), -1.)",
    "x.index_fill(-1, L.tensor(0), 2.)",
    "x.index_fill(0, L.tensor([0]), L.tensor(3.))",
    "x.index_fill(0, L.tensor([], dtype=L.long), 3.)",
    "x.detach().index_fill_(0, L.tensor([0]), -1.)",
    "L.autograd.grad(x.index_fill(0, L.tensor([0]), x * 2), x)",
    "L.autograd.grad(x.index_fill(0, L.tensor([0]), 2.).sum() + x, x)",
    "x.index_select(0, L.tensor([0, 0]))",
    "x.index_select(0, L.tensor([], dtype=L.long))",
    "x.index_select(0, L.tensor([1, 1]))",
    "x.index_select(0, L.tensor([1]))",
    "x.index_select(0, L.tensor(0))",
    "x.index_put((L.tensor([0]),), L.tensor(2.))",
    "L.ones(3).index_put((L.tensor([0]), L.tensor([0])), L.tensor(2., dtype=L.float64))",
    "L.ones(2, 2).index_put_((L.tensor([0]),) * 3, L.tensor(2.))",
]


@pytest.mark.parametrize("call", ZERO_DIM_CALLS)
def test_zero_dim_index_ops(call):
    def build(lib):
        x = lib.tensor(1.5, requires_grad=True)
        out = eval(call, {"L": lib, "x": x})  # noqa: S307
        return [described(t) for t in out] if isinstance(out, tuple) else described(out)

    same(build)


@pytest.mark.parametrize("call", ["x.gather(0, L.tensor(0))", "x.index_select(0, L.tensor([0]))",
                                  "x.index_select(0, L.tensor(0))"])
def test_zero_dim_reads_are_copies(call):
    """gather / index_select of a 0-dim tensor make a new tensor: changing it in place
    leaves the input alone (the kit returned a view of x's memory)."""
    def build(lib):
        x = lib.tensor(1.5, requires_grad=True)
        y = eval(call, {"L": lib, "x": x})  # noqa: S307
        with lib.no_grad():
            y.zero_()
        x.detach().add_(1)
        return x.tolist(), y.tolist(), x._version, y._version, y._is_view()

    same(build)


def names(fn, depth: int = 0):
    """The graph below a node, as (name, [children]) down a few levels."""
    if fn is None or depth > 4:
        return None
    return (type(fn).__name__, [names(f, depth + 1) for f, _ in fn.next_functions])


@pytest.mark.parametrize("shape", [(3,), (), (1, 3), (2, 1), (2, 3)])
@pytest.mark.parametrize("value", ["number", "tensor"])
def test_masked_fill_by_a_larger_mask(shape, value):
    """x.masked_fill(mask, v) with a mask of more elements than x: PyTorch's node reads x
    itself (no ExpandBackward0 before it) and x's gradient is summed back to x's shape."""
    def build(lib):
        mask = lib.tensor([[True, False, True], [False, True, True]])
        x = lib.ones(shape, requires_grad=True)
        v = lib.tensor(2.0, requires_grad=True)
        y = x.masked_fill(mask, 1.0 if value == "number" else v)
        ins = [x] + ([v] if value == "tensor" else [])
        grads = lib.autograd.grad(y, ins, lib.full((2, 3), 3.0, requires_grad=True),
                                  create_graph=True)
        plain = lib.autograd.grad(x.masked_fill(mask, 1.0), x, lib.full((2, 3), 3.0))[0]
        return (names(y.grad_fn), [(g.tolist(), names(g.grad_fn)) for g in grads],
                plain.tolist(), plain.stride(), tuple(y.shape))

    same(build)


@pytest.mark.parametrize(("new", "when"), [
    (new, when) for new in ["double", "float", "zeros5"] for when in ["before", "after", "between"]
    if (new, when) != ("zeros5", "between")])  # (that one: PyTorch's AccumulateGrad node
def test_grad_dtype_after_data_is_replaced(new, when):  # keeps the old shape, the kit's not)
    """``x.data = x.data.double()`` after a graph was recorded: PyTorch's gradient keeps the
    dtype x had when its AccumulateGrad node was made (the kit cast it to x's new dtype); a
    graph made after gets a new node with the new dtype."""
    def build(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)

        def change():
            x.data = {"double": lambda: x.data.double(), "float": lambda: x.data.float(),
                      "zeros5": lambda: lib.zeros(5)}[new]()

        if when == "before":
            change()
        y = (x * 2).sum()
        if when != "before":
            change()
        y.backward()
        out = [described(x.grad), str(x.dtype).split(".")[-1]]
        if when == "between":
            (x.sum() * 3).backward()
            out.append(described(x.grad))
            x.grad = None
            (x.sum() * 3).backward()
            out.append(described(x.grad))
        return out

    same(build)


INDEX_PUT_CHECKS = [
    "x.index_put_((L.tensor([0]),), L.ones(3, 1, dtype=L.float64))",
    "x.index_put((L.tensor([0]),), L.ones(3, dtype=L.float64))",
    "x.index_put((L.tensor([9]),), L.ones(3, 1, dtype=L.float64))",
    "x.index_put((L.tensor([9]),), L.ones(3, dtype=L.float64))",
    "x.index_put((L.tensor([9]),), L.ones(3))",
    "x.index_put((L.tensor([0]), L.tensor([9])), L.ones(1))",
    "x.index_put((x > 0,), L.ones(2, dtype=L.float64))",
    "x.index_put((x > 0,), L.tensor(1., dtype=L.float64))",
    "x.index_put((x > 0,), L.ones(1, dtype=L.float64))",
    "x.index_put((x > 0,), L.tensor(1., dtype=L.float64), accumulate=True)",
    "x.index_put_((L.tensor([0]),), L.ones(3, 1, dtype=L.float64), accumulate=True)",
    "x.index_put((L.tensor([True, False]), L.tensor([0])), L.tensor(7., dtype=L.float64))",
    "x[[0]] = L.ones(3, 1, dtype=L.float64)",
    "x[x > 0] = L.ones(2, dtype=L.float64)",
    "x[x > 0] = L.ones(4, dtype=L.float64)",
    "x[[0, 1], [9, 0]] = L.ones(3, dtype=L.float64)",
    "x[[0]] = L.ones(1, 1, 3, dtype=L.float64)",
    "x[[0]] = L.ones(1, 1, 3)",
]


@pytest.mark.parametrize("call", INDEX_PUT_CHECKS)
def test_index_put_checks_shape_then_dtype_then_range(call):
    """PyTorch's index_put_ (and x[key] = v with index tensors) checks that the value's
    shape fits, then its dtype, then the indices' range; with one mask and a one-element
    value it runs masked_fill_, which takes any dtype (the kit checked the dtype first)."""
    def build(lib):
        x = lib.tensor([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
        out = eval(call, {"L": lib, "x": x}) if "] = " not in call else exec(  # noqa: S307
            call, {"L": lib, "x": x})
        return (out if out is not None else x).tolist()

    same(build)


def test_index_put_by_mask_with_a_value_of_another_dtype_has_gradients():
    def build(lib):
        v = lib.tensor(2.0, dtype=lib.float64, requires_grad=True)
        w = lib.ones(2, 3, requires_grad=True)
        y = w.index_put((w.detach() > 0,), v)
        return described(y), [described(g) for g in lib.autograd.grad(y.sum(), [v, w])]

    same(build)


ADDCDIV_CALLS = ["x.addcdiv_(i2, i2)", "x.addcdiv(i2, i2)", "L.addcdiv(x, i2, i2)",
                 "x.addcdiv_(i, i)", "leaf.addcdiv_(i, i)", "leaf.addcdiv(i, i)",
                 "x.addcdiv(i, i.bool())", "x.addcdiv(i.bool(), i.bool())",
                 "x.addcdiv(i, i.double())", "x.addcdiv(i, i, value=2.5)",
                 "x.addcdiv_(L.ones(2), i2)", "x.addcdiv_(L.ones(3), L.ones(3), value=True)"]


@pytest.mark.parametrize("call", ADDCDIV_CALLS)
def test_addcdiv_of_integer_tensors(call):
    """addcdiv_ refuses integer division as addcdiv does (the kit's in-place one divided)."""
    def build(lib):
        names = {"L": lib, "x": lib.ones(2, 3), "leaf": lib.ones(3, requires_grad=True),
                 "i": lib.tensor([1, 2, 3]), "i2": lib.tensor([1, 2])}
        out = eval(call, names)  # noqa: S307
        return out.tolist(), names["x"].tolist()

    same(build)


@pytest.mark.parametrize("call", ["x.sub_(True, alpha=2)", "x.add_(1, alpha=True)",
                                  "x.sub_(x, alpha=True)", "x.add_(L.ones(4), alpha=2)",
                                  "x.sub_(True)", "x.detach().add_(1, alpha=True)",
                                  "x[0].add_(1, alpha=True)", "x.add_(1, alpha=0.5)"])
def test_inplace_alpha_on_a_leaf_refused_first_as_a_leaf(call):
    """add_/sub_ with alpha on a leaf that requires grad: PyTorch's leaf error comes before
    its checks of alpha and of bool subtraction (the kit checked alpha first)."""
    def build(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        exec(call, {"L": lib, "x": x})  # noqa: S102
        return x.tolist()

    same(build)


@pytest.mark.parametrize("loss", ["mse_loss", "l1_loss", "smooth_l1_loss"])
@pytest.mark.parametrize("target", ["bool", "long"])
def test_losses_of_a_bool_target_have_gradients(loss, target):
    """mse_loss(x, mask) and smooth_l1_loss: PyTorch's backward reads a bool target as 0 or 1
    (the kit's rule subtracted it, and '-' refuses a bool tensor)."""
    def build(lib):
        x = lib.tensor([0.2, 0.7, 0.4], requires_grad=True)
        t = lib.tensor([True, False, True]).to(getattr(lib, target))
        y = getattr(lib.nn.functional, loss)(x, t)
        g = lib.autograd.grad(y, x, create_graph=True)[0]
        plain = lib.autograd.grad(getattr(lib.nn.functional, loss)(x, t, reduction="sum"), x)
        return described(y), described(g), described(plain[0])

    same(build)


@pytest.mark.parametrize("requires_grad", [True, False])
@pytest.mark.parametrize("write", ["e[e > 0] = 0.", "e[e > 0] = L.tensor(1.)",
                                   "e.masked_fill_(e > 0, 3.)", "e[[0]] = 5.",
                                   "e.index_put_((L.tensor([0]),), L.tensor(5.))"])
def test_masked_and_indexed_writes_into_an_expanded_tensor(write, requires_grad):
    """x.expand(...)[mask] = v: PyTorch writes (with its deprecation warning); the kit's
    write failed with NumPy's 'cannot set WRITEABLE flag to True of this array'."""
    import warnings

    def build(lib):
        leaf = lib.tensor([[0.21, -0.71, 1.66]], requires_grad=requires_grad)
        base = leaf.unsqueeze(0) + 0
        e = base.expand(2, *base.shape)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exec(write, {"L": lib, "e": e})  # noqa: S102
        return (base.tolist(), e.tolist(), e.grad_fn is None,
                sorted(str(w.message) for w in caught))

    same(build)


@pytest.mark.parametrize("call", [
    "L.broadcast_tensors(L.ones(2), True)", "L.broadcast_tensors(L.ones(2), 3)",
    "L.broadcast_tensors(2, L.ones(2))", "L.broadcast_tensors([L.ones(2)])",
    "L.broadcast_tensors(L.ones(2), None)", "L.broadcast_tensors(L.ones(2), L.ones(3))",
    "L.broadcast_tensors()", "L.broadcast_tensors(L.ones(2, 1), L.ones(3))",
    "L.tensor(1.).mv(L.ones(3))", "L.mv(L.tensor(1.), L.tensor(1.))",
    "L.tensor(1., requires_grad=True).mv(L.ones(3))", "L.ones(2, 3).mv(L.tensor(1.))",
])
def test_argument_errors_found_by_the_fuzzer(call):
    """broadcast_tensors of a non-tensor: PyTorch's TypeError (the kit's AttributeError);
    mv of a 0-dim tensor: PyTorch's IndexError from self.size(0)."""
    def build(lib):
        out = eval(call, {"L": lib})  # noqa: S307
        return [described(t) for t in out] if isinstance(out, tuple) else described(out)

    same(build)


@pytest.mark.parametrize("code", [
    "x = L.tensor([1, 2, 3]); x[0] = x", "x = L.tensor([True, False]); x[0] = x",
    "x = L.ones(3); x[0] = x", "x = L.tensor([[1], [2]]); x[0] = x",
    "x = L.tensor([1, 2, 3]); x[1:] = x[:2]", "x = L.tensor([True, False]).expand(())",
    "x = L.ones(2, dtype=L.float16).expand(())",
])
def test_setitem_of_a_tensor_into_itself(code):
    """x[0] = x for an integer or bool x: PyTorch expands the value first, so its shape
    error comes before the overlap error (the kit raised the overlap error); bool's type is
    named CPUBoolType there."""
    def build(lib):
        names = {"L": lib}
        exec(code, names)  # noqa: S102
        return names["x"].tolist()

    same(build)


@pytest.mark.parametrize("piece", ["x.split(1)[0]", "x.chunk(1)[0]", "x.split([1])[0]",
                                   "x.t().split(3)[0]"])
def test_gradient_through_a_split_into_one_piece_is_a_new_tensor(piece):
    """SplitBackward0 of a single piece is a cat, as in PyTorch: a new tensor (CatBackward0
    under create_graph); the kit passed the arriving gradient on, so autograd.grad returned
    two gradients sharing memory."""
    def build(lib):
        x = lib.tensor([[-1.5, -1.69, 1.31]], requires_grad=True)
        p = eval(piece, {"x": x})  # noqa: S307
        g = lib.ones_like(p, dtype=lib.float64)
        gp, gx = lib.autograd.grad(p, [p, x], g)
        with lib.no_grad():
            gp.add_(1)
        h = lib.ones_like(p, requires_grad=True)
        recorded = lib.autograd.grad(eval(piece, {"x": x}), x, h, create_graph=True)[0]  # noqa: S307
        return (described(gp), described(gx), g.tolist(), described(recorded),
                recorded.data_ptr() == h.data_ptr())

    same(build)


@pytest.mark.parametrize("loss", ["mse_loss", "l1_loss", "smooth_l1_loss"])
def test_loss_of_a_float32_input_and_a_float64_target(loss):
    """PyTorch's loss backward kernels write x's gradient in x's dtype (MseLossBackward-
    Backward0 under create_graph); the kit computed it in the wider dtype and cast it
    (ToCopyBackward0)."""
    def build(lib):
        x = lib.tensor([0.25, -1.5, 2.0], requires_grad=True)
        t = lib.tensor([1.0, 0.5, -0.75], dtype=lib.float64, requires_grad=True)
        y = getattr(lib.nn.functional, loss)(x, t)
        plain = lib.autograd.grad(y, [x, t], retain_graph=True)
        recorded = lib.autograd.grad(y, [x, t], create_graph=True)
        return ([described(g) for g in plain],
                [(described(g), names(g.grad_fn)) for g in recorded])

    same(build)


def test_version_error_names_a_not_implemented_node_in_full():
    """The saved tensor changed in place was made by a node without a derivative: PyTorch
    names it 'torch::autograd::NotImplemented' (the kit said 'NotImplemented')."""
    def build(lib):
        x = lib.ones(1, 2, 3, requires_grad=True)
        n = x.floor_divide(2)
        m = n * n
        with lib.no_grad():
            n.add_(1)
        m.backward(lib.ones_like(m))

    same(build)
