"""Parity with PyTorch for corners found by helper bb's seventh fuzzer round (views and in-place
ops inside random programs: chains of views, multi-output pieces, views made under no_grad or
from detach(), saved tensors changed through a view; mixed-dtype arithmetic programs)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def node_name(t):
    """The name of t's grad_fn, or the error reading it raises."""
    try:
        return None if t.grad_fn is None else type(t.grad_fn).__name__
    except RuntimeError as error:
        return f"RuntimeError: {error}".replace("autograd_kit", "torch")


# ---- a change made through any tensor sharing the version counter reaches every view --------

BASES = ["x.detach().requires_grad_()", "x.detach()", "x * 1", "x"]
VIEWS = ["b[0]", "b.view(-1)", "b.t()", "b.unbind(0)[0]", "b.split(1)[0]",
         "b[0].as_strided((1,), (1,))", "b.unbind(0)[0].view(-1)"]
CHANGES = ["b.detach().add_(1)", "b.detach().detach().add_(1)", "b.detach()[0].add_(1)",
           "b.detach().view(-1).add_(1)", "b.view(-1).detach().add_(1)", "v.detach().add_(1)"]


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("base", BASES)
def test_a_view_sees_a_change_made_through_a_detached_alias_of_its_base(base, view, change):
    """b = x.detach() (made to require grad or not), v a view of b, then b.detach().add_(1):
    the three share one version counter, and PyTorch remakes v's grad_fn (AsStridedBackward0,
    or the multi-output piece's error) because v's version moved on. The kit passed the
    change on only to the views of the first tensor of a detach chain (x), so v kept its
    SelectBackward0 and a stale history."""
    def build(T):
        x = T.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
        b = eval(base)
        v = eval(view)
        b.requires_grad_()
        before = node_name(v)
        exec(change)
        after = node_name(v), v.requires_grad, v._version
        try:
            (v * 2).sum().backward()
        except RuntimeError as error:
            return before, after, str(error).replace("autograd_kit", "torch")
        return before, after, None if b.grad is None else b.grad.tolist(), \
            None if x.grad is None else x.grad.tolist()

    same(build)


@pytest.mark.parametrize("change", ["b2.add_(1)", "with T.no_grad():\n    x.mul_(2)",
                                    "x.detach().add_(1)", "b2.detach().add_(1)",
                                    "with T.no_grad():\n    b2[0].zero_()"])
def test_views_of_a_detached_sibling_see_the_change(change):
    """b1 and b2 both detached from x: a change through b2 (or x) moves b1's views on too."""
    def build(T):
        x = T.nn.Parameter(T.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
        b1 = x.detach().requires_grad_()
        b2 = x.detach()
        v, w = b1[0], b1.t()
        exec(change, {"T": T, "x": x, "b2": b2})
        (v.sum() + (w * w).sum()).backward()
        return node_name(v), node_name(w), v._version, b1.grad.tolist(), x.grad

    same(build)


def test_views_of_a_detached_copy_of_a_non_leaf_see_its_change():
    def build(T):
        x = T.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 1
        u = y.detach().requires_grad_()
        uv = u[:2]
        y.add_(1)
        uv.exp().sum().backward()
        return node_name(uv), uv._version, u.grad.tolist(), x.grad

    same(build)


# ---- view(dtype) inside inference_mode ---------------------------------------------------------

@pytest.mark.parametrize("dtype", ["T.int32", "T.float32", "T.uint8"])
@pytest.mark.parametrize("source", ["x * 1", "x.detach()", "T.tensor([1.0, 2.0, 3.0])"])
def test_view_as_a_dtype_inside_inference_mode_is_an_inference_tensor(source, dtype):
    """PyTorch's x.view(dtype) inside inference_mode() is an inference tensor (no version
    counter, not a view): a change through it leaves x's version alone, and it may not be
    changed outside. The kit gave a normal alias sharing x's version counter."""
    def build(T):
        x = T.tensor([1.0, 2.0, 3.0], requires_grad=True)
        a = eval(source, {"T": T, "x": x})
        with T.inference_mode():
            r = a.view(eval(dtype))
            seen = r.is_inference(), r._is_view(), r._base is None, r.requires_grad
            r.add_(1)
        try:
            r.mul_(2)
            outside = r.tolist()
        except RuntimeError as error:
            outside = str(error)
        return seen, a._version, a.tolist(), outside

    same(build)


# ---- a view made under no_grad, then switched on with requires_grad_() ----------------------

@pytest.mark.parametrize("switch", ["v.requires_grad_()", "v.requires_grad = True",
                                    "v.requires_grad_(False); v.requires_grad_()"])
@pytest.mark.parametrize("make", ["x[0]", "x.unbind(0)[0]", "x.view(-1)", "x.t()", "x[:, 1:]"])
def test_a_no_grad_view_switched_on_gets_its_own_gradient(make, switch):
    """with no_grad(): w = x[0] of a leaf x that requires grad: w requires grad (through its
    base) yet no gradient reaches it. After w.requires_grad_() PyTorch gives it its own
    AccumulateGrad: w.grad fills (x.grad stays None). The kit kept the edge leading
    nowhere, so training such a w left w.grad None."""
    def build(T):
        x = T.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        with T.no_grad():
            w = eval(make)
        before = w.requires_grad, w.is_leaf, w.grad_fn
        exec(switch, {"v": w})
        y = (w.exp() * 2).sum()
        edges = [(type(f).__name__ if f else None, i) for f, i in y.grad_fn.next_functions[0][0]
                 .next_functions]
        y.backward()
        return before, edges, w.grad.tolist(), x.grad

    same(build)


def test_a_no_grad_view_switched_on_learns_in_a_loop():
    """A slice of a pretrained weight taken under no_grad and trained on its own."""
    def build(T):
        pretrained = T.nn.Linear(3, 4)
        with T.no_grad():
            pretrained.weight.copy_(T.arange(12.0).reshape(4, 3) / 10)
            pretrained.bias.zero_()
            w = pretrained.weight[:2].requires_grad_()
        opt = T.optim.SGD([w], lr=0.1)
        for _ in range(3):
            opt.zero_grad()
            loss = (T.tensor([[1.0, -1.0, 0.5]]) @ w.t()).pow(2).sum()
            loss.backward()
            opt.step()
        return w.tolist(), pretrained.weight.tolist(), pretrained.weight.grad

    same(build)


@pytest.mark.parametrize("optimizer", ["SGD", "Adam", "RMSprop", "Adagrad"])
@pytest.mark.parametrize("base", ["T.nn.Parameter(T.ones(4, 3))",
                                  "T.ones(4, 3, requires_grad=True)",
                                  "T.arange(12.0).reshape(4, 3).requires_grad_()"])
def test_an_optimizer_step_moves_on_a_parameter_that_is_a_view(base, optimizer):
    """An optimizer's step changes a parameter in place like p.add_() under no_grad: when the
    parameter is a view made under no_grad (of a base that requires grad), PyTorch refuses
    to use it afterwards; the kit's optimizers passed the change only to a parameter's own
    views, not to the parameter as a view of its base."""
    def build(T):
        p = eval(base)
        with T.no_grad():
            w = p[:2].requires_grad_()
        opt = getattr(T.optim, optimizer)([w], lr=0.1)
        seen = []
        for _ in range(2):
            opt.zero_grad()
            try:
                (w.t() * T.tensor([1.0, -2.0])).pow(2).sum().backward()
                opt.step()
                seen.append((w._version, node_name(w), w.grad.round(decimals=3).tolist()))
            except RuntimeError as error:
                seen.append(str(error))
        return seen, w.round(decimals=3).tolist()

    same(build)


# ---- an empty piece of split_with_sizes --------------------------------------------------------

@pytest.mark.parametrize("make", ["t.split([1, 0])[1]", "t.split([0, 1])[0]",
                                  "t.split([1, 0, 0])[2]", "t.split_with_sizes([2, 0, 1], 1)[1]",
                                  "t.split([3, 0], 1)[1]",
                                  "t.unsafe_split_with_sizes([1, 0])[1]", "t.chunk(2, 0)[0]"])
def test_an_empty_piece_of_a_split_starts_where_pytorch_puts_it(make):
    """PyTorch's empty piece starts at its place in the input (storage_offset 3 for the
    second piece of a (1, 3) tensor split [1, 0]); the kit's started at 0."""
    def build(T):
        t = T.arange(3.0).reshape(1, 3).requires_grad_()
        piece = eval(make, {"t": t})
        return tuple(piece.shape), piece.storage_offset(), piece.stride(), node_name(piece)

    same(build)
