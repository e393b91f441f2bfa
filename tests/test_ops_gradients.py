"""Every differentiable op: backward vs finite differences (float64, `ak.autograd.gradcheck`),
over shapes drawn by hypothesis, broadcasting included; second derivatives for the elementwise
family (`ak.autograd.gradgradcheck`)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, mutually_broadcastable_shapes

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck

FEW = settings(max_examples=8, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])
shapes = array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3)
pairs = mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3)
seeds = st.integers(0, 2**16)


def leaf(shape, seed, device, low=0.5, high=2.0, signed=True):
    """float64 values away from kinks and zero: |v| in [low, high], random sign if signed."""
    rng = np.random.default_rng(seed)
    v = rng.uniform(low, high, size=shape)
    if signed:
        v = v * rng.choice([-1.0, 1.0], size=shape)
    return ak.tensor(v, dtype=ak.float64, device=device, requires_grad=True)


def distinct(shape, seed, device):
    """float64 values pairwise at least 0.1 apart (no ties for max/min)."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape, dtype=int))
    v = rng.permutation(n) * 0.25 + rng.uniform(0, 0.1, n) - n * 0.1
    return ak.tensor(v.reshape(shape), dtype=ak.float64, device=device, requires_grad=True)


# ---- binary arithmetic, broadcasting, tensor/number on both sides -------------------------

BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "maximum": ak.maximum,
    "minimum": ak.minimum,
}


@pytest.mark.parametrize("name", list(BINARY))
@FEW
@given(shapes=pairs, seed=seeds)
def test_binary_broadcasting(name, shapes, seed, device):
    sa, sb = shapes.input_shapes
    a = leaf(sa, seed, device)
    b = distinct(sb, seed + 1, device) if name in ("maximum", "minimum") else \
        leaf(sb, seed + 1, device)
    if name in ("maximum", "minimum"):
        a = distinct(sa, seed, device)
        with ak.no_grad():
            a += 0.05  # keep a and b apart
    assert gradcheck(BINARY[name], (a, b))


@FEW
@given(shapes=pairs, seed=seeds)
def test_pow_tensor_tensor(shapes, seed, device):
    sa, sb = shapes.input_shapes
    a = leaf(sa, seed, device, signed=False)
    b = leaf(sb, seed + 1, device)
    assert gradcheck(lambda a, b: a ** b, (a, b))


@pytest.mark.parametrize("fn", [
    lambda x: x + 2.5, lambda x: 2.5 + x, lambda x: x - 1.5, lambda x: 1.5 - x,
    lambda x: x * 3.0, lambda x: 3.0 * x, lambda x: x / 4.0, lambda x: 4.0 / x,
    lambda x: x ** 2, lambda x: x ** 3, lambda x: x ** 0.5,
    lambda x: 2.0 ** x, lambda x: x.pow(3), lambda x: x.square(),
], ids=["x+c", "c+x", "x-c", "c-x", "x*c", "c*x", "x/c", "c/x", "x**2", "x**3", "x**0.5",
        "c**x", "pow", "square"])
@FEW
@given(shape=shapes, seed=seeds)
def test_tensor_number(fn, shape, seed, device):
    x = leaf(shape, seed, device, signed=False)
    assert gradcheck(fn, (x,))
    assert gradgradcheck(fn, (x,))


def test_binary_scalar_tensor_mix(device):
    x = leaf((2, 3), 0, device)
    s = leaf((), 1, device)
    for fn in BINARY.values():
        if fn in (ak.maximum, ak.minimum):
            continue
        assert gradcheck(fn, (x, s)) and gradcheck(fn, (s, x))


# ---- unary elementwise, first and second derivatives ------------------------------------

UNARY = {
    "neg": (lambda x: -x, True),
    "abs": (lambda x: x.abs(), True),
    "exp": (lambda x: x.exp(), True),
    "log": (lambda x: x.log(), False),
    "sqrt": (lambda x: x.sqrt(), False),
    "sin": (lambda x: x.sin(), True),
    "cos": (lambda x: x.cos(), True),
    "tanh": (lambda x: x.tanh(), True),
    "sigmoid": (lambda x: x.sigmoid(), True),
    "relu": (lambda x: x.relu(), True),
    "reciprocal": (lambda x: x.reciprocal(), True),
    "clamp": (lambda x: x.clamp(-1.0, 1.0), True),
    "clamp_min": (lambda x: x.clamp(min=0.0), True),
    "clamp_max": (lambda x: ak.clamp(x, max=1.0), True),
}


@pytest.mark.parametrize("name", list(UNARY))
@FEW
@given(shape=shapes, seed=seeds)
def test_unary(name, shape, seed, device):
    fn, signed = UNARY[name]
    x = leaf(shape, seed, device, signed=signed)
    if name.startswith("clamp"):  # stay away from the bounds ±1
        with ak.no_grad():
            x.copy_(ak.where((x.abs() - 1).abs() < 0.1, x * 1.3, x))
    assert gradcheck(fn, (x,))
    assert gradgradcheck(fn, (x,))


@FEW
@given(shapes=pairs, seed=seeds)
def test_elementwise_binary_second_derivatives(shapes, seed, device):
    sa, sb = shapes.input_shapes
    a = leaf(sa, seed, device)
    b = leaf(sb, seed + 1, device)
    assert gradgradcheck(lambda a, b: a * b + a / b - b, (a, b))
    assert gradgradcheck(lambda a, b: a.abs() ** b, (a, b))


@FEW
@given(shapes=mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=3), seed=seeds)
def test_where(shapes, seed, device):
    sc, sa, sb = shapes.input_shapes
    cond = ak.tensor(np.random.default_rng(seed).random(sc) > 0.5, device=device)
    a, b = leaf(sa, seed, device), leaf(sb, seed + 1, device)
    assert gradcheck(lambda a, b: ak.where(cond, a, b), (a, b))
    assert gradcheck(lambda a: ak.where(cond, a, 0.0), (a,))
    assert gradgradcheck(lambda a, b: ak.where(cond, a * a, b), (a, b))


# ---- matmul -------------------------------------------------------------------------------

MATMUL_SHAPES = [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)),
                 ((2, 3, 4), (2, 4, 2)), ((2, 3, 4), (4, 2)), ((3, 4), (2, 4, 2)),
                 ((2, 1, 2, 3), (3, 3, 2)), ((3,), (2, 3, 2)), ((2, 2, 3), (3,))]


@pytest.mark.parametrize("sa, sb", MATMUL_SHAPES)
def test_matmul(sa, sb, device):
    a, b = leaf(sa, 1, device), leaf(sb, 2, device)
    assert gradcheck(lambda a, b: a @ b, (a, b))
    assert gradcheck(ak.matmul, (a, b))
    assert gradgradcheck(lambda a, b: a @ b, (a, b))
    expected = np.matmul(a.detach().tolist(), b.detach().tolist())
    assert np.allclose((a @ b).tolist(), expected)


def test_mm_mv_dot_bmm(device):
    m, n = leaf((2, 3), 1, device), leaf((3, 4), 2, device)
    v, w = leaf((3,), 3, device), leaf((3,), 4, device)
    assert gradcheck(ak.mm, (m, n)) and gradcheck(lambda a, b: a.mm(b), (m, n))
    assert gradcheck(ak.mv, (m, v)) and gradcheck(ak.dot, (v, w))
    assert gradcheck(ak.bmm, (leaf((2, 2, 3), 5, device), leaf((2, 3, 2), 6, device)))


# ---- reductions ---------------------------------------------------------------------------

dims_of = st.data()


@pytest.mark.parametrize("op", ["sum", "mean", "max", "min", "norm", "softmax", "log_softmax"])
@FEW
@given(shape=array_shapes(min_dims=1, max_dims=3, max_side=3), seed=seeds, data=dims_of)
def test_reductions(op, shape, seed, data, device):
    x = distinct(shape, seed, device)
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    keepdim = data.draw(st.booleans())
    if op in ("sum", "mean", "norm"):
        fn_all = {"sum": lambda x: x.sum(), "mean": lambda x: x.mean(),
                  "norm": lambda x: x.norm()}[op]
        assert gradcheck(fn_all, (x,))
        assert gradcheck(lambda x: getattr(x, op)(dim=dim, keepdim=keepdim), (x,))
        assert gradgradcheck(lambda x: getattr(x, op)(dim=dim, keepdim=keepdim), (x,))
    elif op in ("max", "min"):
        assert gradcheck(lambda x: getattr(x, op)(), (x,))
        assert gradcheck(lambda x: getattr(x, op)(dim, keepdim).values, (x,))
        assert gradcheck(lambda x: getattr(x, op)(dim=dim, keepdim=keepdim)[0], (x,))
    else:
        assert gradcheck(lambda x: getattr(ak, op)(x, dim), (x,))
        assert gradgradcheck(lambda x: getattr(x, op)(dim), (x,))


def test_sum_over_several_dims_and_norm_p(device):
    x = distinct((2, 3, 2), 0, device)
    assert gradcheck(lambda x: x.sum(dim=(0, 2)), (x,))
    assert gradcheck(lambda x: x.mean(dim=(0, -1), keepdim=True), (x,))
    assert gradcheck(lambda x: x.norm(p=1), (x,))
    assert gradcheck(lambda x: x.norm(dim=1), (x,))


# ---- shapes -------------------------------------------------------------------------------

@FEW
@given(shape=array_shapes(min_dims=1, max_dims=3, max_side=3), seed=seeds, data=st.data())
def test_shape_ops(shape, seed, data, device):
    x = leaf(shape, seed, device)
    n = len(shape)
    perm = data.draw(st.permutations(list(range(n))))
    d0, d1 = data.draw(st.integers(-n, n - 1)), data.draw(st.integers(-n, n - 1))
    u = data.draw(st.integers(-n - 1, n))
    fns = [
        lambda x: x.reshape(-1), lambda x: x.view(-1), lambda x: x.reshape(tuple(reversed(shape))),
        lambda x: x.transpose(d0, d1), lambda x: x.permute(*perm), lambda x: x.unsqueeze(u),
        lambda x: x.unsqueeze(0).squeeze(0), lambda x: x.squeeze(), lambda x: x.flatten(),
        lambda x: x.unsqueeze(0).expand(2, *shape), lambda x: x.transpose(d0, d1).reshape(-1),
        lambda x: x.clone(),
    ]
    for fn in fns:
        assert gradcheck(fn, (x,))


def test_t_and_expand_broadcasting(device):
    m = leaf((2, 3), 0, device)
    assert gradcheck(lambda m: m.t(), (m,)) and gradcheck(ak.t, (leaf((3,), 1, device),))
    assert gradcheck(lambda m: m.T, (m,))
    assert gradcheck(lambda x: x.expand(2, 3, 4), (leaf((3, 1), 2, device),))
    assert gradcheck(lambda x: x.expand(-1, 4), (leaf((3, 1), 2, device),))


# ---- indexing -----------------------------------------------------------------------------

INDEXERS = {
    "int": lambda x: x[1],
    "neg_int": lambda x: x[-1],
    "slice": lambda x: x[1:],
    "step": lambda x: x[::2],
    "2d": lambda x: x[0, 1:],
    "col": lambda x: x[:, 0],
    "ellipsis": lambda x: x[..., 1],
    "none": lambda x: x[None, 1],
    "int_list": lambda x: x[[0, 2, 0]],
    "int_tensor": lambda x: x[ak.tensor([2, 0, 2, 1], device=x.device)],
    "pair_arrays": lambda x: x[[0, 1, 2], [1, 0, 1]],
    "bool_mask": lambda x: x[x.detach() > 0],
    "bool_rows": lambda x: x[ak.tensor([True, False, True], device=x.device)],
}


@pytest.mark.parametrize("name", list(INDEXERS))
def test_indexing(name, device):
    x = leaf((3, 4), 3, device)
    assert gradcheck(INDEXERS[name], (x,))
    ref = np.array(x.detach().tolist())
    got = INDEXERS[name](x)
    key_fn = {"int_tensor": lambda r: r[[2, 0, 2, 1]], "bool_mask": lambda r: r[r > 0],
              "bool_rows": lambda r: r[[True, False, True]]}.get(name, INDEXERS[name])
    assert np.allclose(got.tolist(), key_fn(ref))


def test_repeated_index_accumulates(device):
    x = leaf((3,), 0, device)
    x[[0, 0, 2, 0]].sum().backward()
    assert x.grad.tolist() == [3.0, 0.0, 1.0]


@pytest.mark.parametrize("key", [1, slice(0, 2), (slice(None), 1), [0, 2]])
def test_index_assignment(key, device):
    v = leaf((2,), 5, device) if key in (slice(0, 2), [0, 2]) else None

    def fn(x, *value):
        y = x * 1
        y[key] = value[0] if value else 7.0
        return y * x

    x = leaf((3, 4), 4, device)
    if key in (1, (slice(None), 1)):
        assert gradcheck(fn, (x,))
    else:
        w = leaf((4,), 6, device) if key == slice(0, 2) else leaf((2, 4), 6, device)
        assert gradcheck(fn, (x, w))
    del v


# ---- cat / stack --------------------------------------------------------------------------

@FEW
@given(shape=array_shapes(min_dims=1, max_dims=3, max_side=3), seed=seeds, data=st.data())
def test_cat_stack(shape, seed, data, device):
    n = len(shape)
    dim = data.draw(st.integers(-n, n - 1))
    other = list(shape)
    other[dim] = data.draw(st.integers(1, 3))
    a, b, c = leaf(shape, seed, device), leaf(tuple(other), seed + 1, device), \
        leaf(shape, seed + 2, device)
    assert gradcheck(lambda a, b: ak.cat([a, b], dim), (a, b))
    assert gradcheck(lambda a, b: ak.cat((a, b, a), dim=dim), (a, b))
    sdim = data.draw(st.integers(-n - 1, n))
    assert gradcheck(lambda a, c: ak.stack([a, c], sdim), (a, c))
    assert gradgradcheck(lambda a, c: ak.stack([a * a, c], sdim), (a, c))


def test_gradcheck_catches_a_wrong_rule(device):
    """The checker itself must be able to fail."""

    class Wrong(ak.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * x  # should be 2x

    assert not gradcheck(Wrong.apply, (leaf((3,), 0, device),), raise_exception=False)


@pytest.mark.parametrize("masked", [
    lambda x: x.clamp(min=0), lambda x: ak.where(x > 0, x, 0.0),
    lambda x: ak.maximum(x, ak.tensor(0.0)), lambda x: x.clamp(0, 1),
])
def test_a_blocked_gradient_stays_zero_behind_an_infinite_one(masked) -> None:
    """√ has an infinite derivative at 0; where the mask blocks the gradient it must be 0,
    not inf · 0 = nan (the gradient is selected, as PyTorch does, not multiplied by a mask)."""
    x = ak.tensor([-1.0, 0.25], requires_grad=True)
    masked(x).sqrt().sum().backward()
    assert x.grad.tolist() == [0.0, 1.0]


def test_edge_case_gradients_are_numbers_where_pytorchs_are() -> None:
    """p-norm at a zero entry, atan2 at (0, 0), nll with every row ignored: 0, not nan."""
    x = ak.tensor([0.0, 3.0, -4.0], requires_grad=True)
    x.norm(1.5).backward()
    assert x.grad[0].item() == 0.0 and not np.isnan(x.grad.tolist()).any()
    a = ak.tensor([0.0], requires_grad=True)
    b = ak.tensor([0.0], requires_grad=True)
    ak.atan2(a, b).sum().backward()
    assert a.grad.tolist() == [0.0] and b.grad.tolist() == [0.0]
    logits = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    ak.nn.functional.cross_entropy(logits, ak.tensor([-100, -100])).backward()
    assert logits.grad.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    v = ak.tensor([1.0], requires_grad=True)
    v.var().backward()  # no degrees of freedom: nan, as in PyTorch (not ZeroDivisionError)
    assert np.isnan(v.grad.item())
