"""Parity with PyTorch for corners found by helper bb's fourth fuzzer round (multi-output ops
feeding later ops, hooks that change gradients, backward(inputs=) and accumulation, custom
autograd.Function, type promotion with 0-dim tensors, Python scalars, integers and bools)."""

from __future__ import annotations

import numpy as np
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


def values(seed, shape, low=-3.0, high=3.0):
    return np.random.default_rng(seed).uniform(low, high, shape).round(3).tolist()


# ---- norms and dist -----------------------------------------------------------------------

@pytest.mark.parametrize("call", ["x.norm()", "L.linalg.vector_norm(x, dim=-1)",
                                  "x.norm(dim=0, keepdim=True)", "x.norm(p=3)",
                                  "x.norm(p=0.5, dim=-1)", "L.dist(x, y)", "L.dist(x, y, 3)",
                                  "L.nn.functional.normalize(x, dim=-1)"])
@pytest.mark.parametrize("shape", [(6,), (3, 5), (2, 17)])
@pytest.mark.parametrize("seed", range(3))
def test_half_norm_is_summed_in_float32(call, shape, seed):
    """PyTorch accumulates a float16 norm in float32 and rounds once; the kit summed the
    squares in float16 (one unit in the last place off)."""
    def build(lib):
        x = lib.tensor(values(seed, shape), dtype=lib.float16)
        y = lib.tensor(values(seed + 10, shape), dtype=lib.float16)
        return described(eval(call, {"L": lib, "x": x, "y": y}))

    same(build)


@pytest.mark.parametrize("dtype, p", [("float32", 1), ("float32", 2), ("float32", 3),
                                      ("float32", 0.5), ("float64", 1), ("float64", 3),
                                      ("float64", 0.5), ("float16", 2), ("float16", 3)])
@pytest.mark.parametrize("shape", [(6,), (3, 5), (2, 3, 17), (40,)])
def test_dist_sums_as_the_norm_of_the_difference(dtype, p, shape):
    """dist(a, b, p) is PyTorch's norm(a - b, p), summed in the norm kernel's order; the kit
    summed |a - b|^p with NumPy's pairwise sum (float32 and float64 a bit off). (float64's
    2-norm, and a norm of one value, are still NumPy's: not compared here.)"""
    def build(lib):
        out = []
        for seed in range(6):
            a = lib.tensor(values(seed, shape), dtype=getattr(lib, dtype), requires_grad=True)
            b = lib.tensor(values(seed + 50, shape), dtype=getattr(lib, dtype))
            d = lib.dist(a, b, p)
            out.append((described(d), described(d - (a - b).norm(p))))
        return out

    same(build)


# ---- lerp with a tensor weight, addcmul / addcdiv of mixed float dtypes -------------------

@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("shape", [(3,), (2, 5), (40,), ()])
def test_lerp_by_a_tensor_weight_uses_the_two_fused_forms(dtype, shape):
    """PyTorch's lerp kernel for a weight tensor takes start + w·(end - start) for |w| < 0.5
    and end - (end - start)·(1 - w) otherwise, each as one fused multiply-add (float16 in
    float32); the kit used the first form everywhere, unfused (last bits off)."""
    def build(lib):
        out = []
        for seed in range(4):
            kind = getattr(lib, dtype)
            a = lib.tensor(values(seed, shape), dtype=kind, requires_grad=True)
            b = lib.tensor(values(seed + 20, shape), dtype=kind)
            w = lib.tensor(values(seed + 40, shape, -1.0, 2.0), dtype=kind, requires_grad=True)
            o = lib.lerp(a, b, w)
            o.sum().backward()
            out.append((described(o), described(a.grad), described(w.grad)))
        return out

    same(build)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("weight_dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", [(3,), ()])
@pytest.mark.parametrize("weight", [0.3, 0.7, 1.98])
def test_lerp_by_a_zero_dim_weight_of_another_dtype(dtype, weight_dtype, shape, weight):
    """A 0-dim weight of another float dtype is cast to the result type first (float16
    start: the weight rounded to float16); when start and end are 0-dim too, the result is
    promoted (float32 start, float64 weight: float64). The kit computed with the weight's
    own precision and kept start's dtype."""
    def build(lib):
        kind = getattr(lib, dtype)
        a = lib.tensor(values(1, shape), dtype=kind, requires_grad=True)
        b = lib.tensor(values(2, shape), dtype=kind)
        w = lib.tensor(weight, dtype=getattr(lib, weight_dtype), requires_grad=True)
        o = lib.lerp(a, b, w)
        o.sum().backward()
        return described(o), described(a.grad), described(w.grad)

    same(build)


@pytest.mark.parametrize("call", ["x.addcmul(y, y, value=2)", "L.addcmul(x, y, z)",
                                  "x.addcdiv(y, z.abs() + 1, value=0.5)", "x.addcmul(z, y)",
                                  "L.addcmul(x, y, x, value=3)"])
@pytest.mark.parametrize("other", ["float32", "float64"])
def test_half_addcmul_casts_zero_dim_operands_to_half_first(call, other):
    """x.addcmul(t1, t2) of a float16 x with 0-dim float32/float64 factors is float16, and
    PyTorch casts every operand to float16 before computing (in float32); the kit computed
    with the factors' own values (last bits off)."""
    def build(lib):
        x = lib.tensor(values(3, (3,)), dtype=lib.float16, requires_grad=True)
        y = lib.tensor(1.98, dtype=getattr(lib, other), requires_grad=True)
        z = lib.tensor([-1.37, 0.77, 2.01], dtype=lib.float16)
        o = eval(call, {"L": lib, "x": x, "y": y, "z": z})
        o.sum().backward()
        return described(o), described(x.grad), described(y.grad)

    same(build)


# ---- multi-output ops ---------------------------------------------------------------------

@pytest.mark.parametrize("then", ["second backward", "exponent changed", "saved read after",
                                  "saved read"])
def test_frexp_saves_its_exponent_for_backward(then):
    """FrexpBackward0 keeps the exponent as a saved value (_saved_exponent): a second
    backward without retain_graph is refused, an exponent changed in place is a version
    error naming no node, and the saved value has no grad_fn. The kit kept it as a plain
    attribute (nothing freed, nothing checked)."""
    def build(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        m, e = x.frexp()
        if then == "saved read":
            return described(m.grad_fn._saved_exponent)
        m.sum().backward(retain_graph=then == "exponent changed")
        if then == "exponent changed":
            e.add_(1)
        if then == "saved read after":
            return described(m.grad_fn._saved_exponent)
        m.sum().backward()
        return described(x.grad)

    same(build)


# ---- views of a base detached in place ----------------------------------------------------

@pytest.mark.parametrize("change", ["b.mul_(p)", "b.add_(p)", "v.exp_()", "b[1] = p",
                                    "b.index_fill_(0, L.tensor([0]), p)", "w.mul_(p)",
                                    "b.detach().add_(1)", "None"])
@pytest.mark.parametrize("read_first", [False, True])
def test_views_of_a_base_detached_in_place(change, read_first):
    """PyTorch makes a view's new node only when its grad_fn is next read, from the base as
    it is then: after ``base.detach_()`` a view whose base changed since it was last read
    gets AsStridedBackward0 with an edge leading nowhere (still requiring grad; no gradient
    reaches the earlier graph). The kit kept the node made at the change, connected."""
    def build(lib):
        x = lib.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
        p = lib.tensor(1.5, requires_grad=True)
        b = x * 1
        v = b[0]
        w = v.unsqueeze(-1)
        exec(change, {"L": lib, "b": b, "v": v, "w": w, "p": p})
        if read_first:
            _ = v.grad_fn, w.grad_fn
        b.detach_()
        seen = [(described(u), [None if f is None else type(f).__name__
                                for f, _ in u.grad_fn.next_functions] if u.grad_fn else None)
                for u in (v, w)]
        out = built_outcome(lambda _: (v * v).sum().backward(), lib)
        return seen, out, described(x.grad), described(p.grad)

    same(build)
