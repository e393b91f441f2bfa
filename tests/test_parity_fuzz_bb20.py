"""Parity with PyTorch for corners found by helper bb's third fuzzer round (chains of views
with in-place ops and hooks, double backward through nn.functional, autograd.grad options,
mixed dtypes, grad-mode and inference-mode regions)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import built_outcome, same_built  # noqa: E402

LIBS = [torch, ak]


def same(build):
    return same_built(build, torch, ak)


def described(t):
    if not isinstance(t, (torch.Tensor, ak.Tensor)):
        return t
    fn = None if t.grad_fn is None else type(t.grad_fn).__name__
    return (str(t.tolist()), str(t.dtype).split(".")[-1], tuple(t.shape), t.requires_grad, fn,
            t._version)  # (the values as text: nan equals nan)


# ---- mixed dtypes -------------------------------------------------------------------------

@pytest.mark.parametrize("op", ["gcd", "lcm"])
@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8"])
def test_gcd_of_zero_dim_tensors_can_be_changed_in_place(op, dtype):
    """gcd / lcm of 0-dim tensors: a tensor like any other (the kit held a NumPy scalar,
    and mul_ on it failed with 'unsupported array type')."""
    def build(lib):
        a = lib.tensor(4, dtype=getattr(lib, dtype))
        out = getattr(lib, op)(a, lib.tensor(6, dtype=getattr(lib, dtype)))
        out.mul_(True)
        out.add_(1)
        return described(out)

    same(build)


@pytest.mark.parametrize("dtype", ["bool", "int64", "float32", "float16", "float64"])
@pytest.mark.parametrize("equal_nan", [False, True])
@pytest.mark.parametrize("shape", [(), (3,)])
def test_isclose_result_and_its_version(dtype, equal_nan, shape):
    """isclose is a == b widened in place by |= (twice for equal NaNs of floats): version 1
    or 2; a 0-dim bool result is a tensor the kit can change in place."""
    def build(lib):
        values = [1, 0, 1] if shape else 1
        a = lib.tensor(values, dtype=getattr(lib, dtype))
        out = lib.isclose(a, a, equal_nan=equal_nan)
        first = described(out)
        out.logical_not_()
        return first, described(out)

    same(build)


@pytest.mark.parametrize("call", ["x.var()", "x.std()", "x.var(0)", "x.std(-1)",
                                  "x.var(correction=0)", "x.std(0, keepdim=True)",
                                  "L.var_mean(x, 0)", "L.std_mean(x)", "L.std_mean(x, -1)"])
@pytest.mark.parametrize("values", [[-1.77, 0.67, -1.13], [[0.1, 0.13, 0.11], [0.2, 0.05, 0.3]],
                                    [[15.1, -3.5], [20.25, 7.0], [1.5, 11.0]]])
def test_half_variance_is_computed_in_double(call, values):
    """PyTorch's variance kernel sums float16 in double and rounds once (as float32); the
    kit summed in float16, one unit in the last place off."""
    def build(lib):
        x = lib.tensor(values, dtype=lib.float16)
        out = eval(call, {"x": x, "L": lib})  # noqa: S307
        return [t.tolist() for t in out] if isinstance(out, tuple) else out.tolist()

    same(build)


# ---- double backward through nn.functional ------------------------------------------------

PIECEWISE_LINEAR = ["F.leaky_relu(x, 0.1)", "F.hardtanh(x)", "F.relu6(x)",
                    "F.threshold(x, 0.1, 2.)", "F.hardshrink(x, 0.3)", "F.softshrink(x, 0.3)",
                    "F.rrelu(x, training=False)", "F.relu(x)", "F.elu(x)"]


@pytest.mark.parametrize("call", PIECEWISE_LINEAR)
def test_second_derivative_of_a_piecewise_linear_activation(call):
    """PyTorch's rule for ∂(g · f'(x))/∂x of these is zeros_like(grad): a new tensor outside
    the graph, so the second derivative does not require grad, and an inf or nan in the
    gradient gives 0 (the kit's g · 0 required grad and gave nan)."""
    def build(lib):
        x = lib.tensor([[0.5, -1.2, 0.3], [2.0, -0.1, 0.9]], dtype=lib.float64,
                       requires_grad=True)
        out = eval(call, {"F": lib.nn.functional, "x": x})  # noqa: S307
        g, = lib.autograd.grad(out.sum(), x, create_graph=True)
        h, = lib.autograd.grad(g.pow(2).sum(), x, create_graph=True)
        go = lib.tensor([[float("inf"), 1., float("nan")], [1., -2., 3.]], dtype=lib.float64,
                        requires_grad=True)
        g2, = lib.autograd.grad(out, x, go, create_graph=True)
        h2 = lib.autograd.grad(g2.sum(), [x, go])
        return described(g), described(h), [described(t) for t in h2]

    same(build)


# ---- chains of views and in-place changes ---------------------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "int32"])
@pytest.mark.parametrize("change", ["v.add_(1)", "v.zero_()", "v.mul_(2)"])
def test_a_change_through_view_dtype_gives_the_views_new_histories(dtype, change):
    """x.view(dtype) is an alias as x.detach() is (no history, x's version counter): a
    change made through it moves x's version on, so the views of x get AsStridedBackward0
    when next read; the kit kept their old node (SelectBackward0)."""
    def build(lib, first):
        a = lib.tensor([[0.06, 1.81, -1.5]], requires_grad=True)
        b = getattr(a, first)()
        v = b.view(getattr(lib, dtype))
        row, flat = b[0], b.view(-1)
        eval(change, {"v": v})  # noqa: S307
        out = [described(t) for t in (b, v, row, flat)]
        names = [type(t.grad_fn).__name__ for t in (row, flat)]
        backward = built_outcome(lambda _: (row.sum() * flat.sum()).backward(), lib)
        return out, names, backward, described(a.grad), v._is_view(), v.is_leaf

    same(lambda lib: build(lib, "tanh"))  # (tanh keeps its output: backward fails)
    same(lambda lib: build(lib, "clone"))


def test_view_dtype_of_an_inference_tensor():
    """Outside inference_mode, x.view(dtype) of an inference tensor is a normal tensor
    counting its own versions; inside, an inference tensor."""
    def build(lib):
        with lib.inference_mode():
            a = lib.ones(2)
            inside = a.view(lib.int32).is_inference()
        b = a.view(lib.float32)
        b.add_(1)
        b.add_(1)
        return inside, b.is_inference(), b._version, a.tolist()

    same(build)


@pytest.mark.parametrize("piece", ["b.split(1)[0]", "b.unbind(0)[0]", "b.chunk(3)[0]"])
@pytest.mark.parametrize("write", ["c[c > 0] = 0.", "c[...] = 1.", "c[0] = 0.", "c.fill_(2)",
                                   "c[L.tensor([True])] = 1.", "c.masked_fill_(c > 0, 1.)",
                                   "c[True] = 1.", "c[L.tensor(True)] = 1.", "c[None] = 1.",
                                   "c[..., None] = 1.", "c[[0]] = 1."])
def test_writing_into_a_piece_of_split_after_its_base_changed(piece, write):
    """x[mask] = v and x[...] = v write into the piece itself: PyTorch's error is the direct
    'is being modified inplace' one (x[0] = v, x[True] = v or a 0-dim mask index a view of
    the piece first: the 'its base ... has been modified' one); the kit gave the second for
    all."""
    def build(lib):
        a = lib.ones(3, requires_grad=True)
        b = a.clone()
        c = eval(piece, {"b": b})  # noqa: S307
        b.add_(1)
        error = built_outcome(lambda _: exec(write, {"c": c, "L": lib}), lib)  # noqa: S102
        return error, b.tolist(), b._version

    same(build)


@pytest.mark.parametrize("alias", ["b.detach()", "b.view(L.float64)", "b.detach().detach()"])
@pytest.mark.parametrize("change", ["c.add_(a.mean())", "c[:2].add_(a.mean())", "c.mul_(a)",
                                    "c.copy_(a * 2)"])
def test_a_recorded_change_through_an_alias_gives_the_views_new_histories(alias, change):
    """c = b.detach() (or b.view(dtype)) changed in place by something that requires grad:
    the change is recorded on c, and b's views see b's version move on (AsStridedBackward0
    when next read); the kit refreshed them only for unrecorded changes."""
    def build(lib):
        a = lib.tensor([-0.58, 0.3, 1.92], dtype=lib.float64, requires_grad=True)
        b = a + 0
        c = eval(alias, {"b": b, "L": lib})  # noqa: S307
        e, f = b.unsqueeze(0), b[1:]
        exec(change, {"a": a, "c": c})  # noqa: S102
        out = [described(t) for t in (b, c, e, f)]
        (e.sum() + f.sum()).backward()
        return out, a.grad.tolist()  # (its _version: how PyTorch sums the two, not compared)

    same(build)


@pytest.mark.parametrize("call", ["F.selu(x)", "F.celu(x, 0.5)", "F.elu(x, 0.7)", "F.hardswish(x)"])
def test_second_derivative_nodes_of_elu_family_and_hardswish(call):
    """PyTorch's elu_double_backward is the rule again times (x < 0) (MulBackward0 over
    EluBackwardBackward0) and hardswish's is where(-3 < x < 3, g / 3, 0) (WhereBackward0
    over DivBackward1); the kit's masked_fill gave MaskedFillBackward0 for selu, celu and
    hardswish."""
    def build(lib):
        x = lib.tensor([-3., -1.2, 0., 0.3, 3., 4., -4.], dtype=lib.float64, requires_grad=True)
        g, = lib.autograd.grad(eval(call, {"F": lib.nn.functional, "x": x}).sum(), x,  # noqa: S307
                               create_graph=True)
        h, = lib.autograd.grad((g * g).sum(), x, create_graph=True)
        k, = lib.autograd.grad(h.sum(), x, allow_unused=True)
        nexts = [type(n).__name__ for n, _ in h.grad_fn.next_functions]
        return described(g), described(h), nexts, described(k)

    same(build)
