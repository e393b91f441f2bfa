"""Views and type promotion, scenarios ported from PyTorch's test_view_ops.py and
test_type_promotion.py: each compared live with PyTorch (values, strides, view bases,
grad_fn names, gradients, errors and their messages)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402
from tests import parity_harness  # noqa: E402


def assert_same(code: str) -> None:
    parity_harness.assert_same(torch, ak, code)


# ---- ravel is contiguous().view(-1): a strided input is copied first -------------------------

@pytest.mark.parametrize("source", ["T.ones(10, requires_grad=True)[::2]",
                                    "T.arange(12.).reshape(4, 3).requires_grad_().t()",
                                    "T.arange(12.).reshape(4, 3).requires_grad_()",
                                    "T.tensor(3., requires_grad=True)"])
@pytest.mark.parametrize("call", ["x.ravel()", "T.ravel(x)"])
def test_ravel_is_contiguous_then_view(source: str, call: str) -> None:
    assert_same(f"""
x = {source}
f = {call}
out.append((f, f.stride(), f.is_contiguous(), f._base is x,
            type(f._base.grad_fn).__name__))
(f * T.arange(float(f.numel()))).sum().backward()
out.append(x.grad if x.is_leaf else x._base.grad)
""")


# ---- narrow with a tensor start: it must be a 0-dim integral tensor --------------------------

@pytest.mark.parametrize("start", ["T.tensor(1)", "T.tensor(1, dtype=T.uint8)", "T.tensor(0.)",
                                   "T.tensor([0])", "T.tensor([0, 1])", "T.tensor(True)"])
def test_narrow_with_a_tensor_start(start: str) -> None:
    assert_same(f"""
x = T.arange(9.).reshape(3, 3).requires_grad_()
v = x.narrow(1, {start}, 2)
out.append((v, v._base is x))
v.sum().backward()
out.append(x.grad)
out.append(T.narrow(x.detach(), 0, {start}, 1))
""")


# ---- swapaxes takes axis0= and axis1= (swapdims and transpose: dim0=, dim1=) -----------------

@pytest.mark.parametrize("call", ["x.swapaxes(axis0=0, axis1=1)", "T.swapaxes(x, axis0=1, axis1=0)",
                                  "T.swapaxes(input=x, axis0=0, axis1=1)",
                                  "x.swapaxes(0, axis1=-1)", "x.swapdims(dim0=0, dim1=1)",
                                  "x.swapaxes(dim0=0, dim1=1)", "x.transpose(axis0=0, axis1=1)",
                                  "T.swapdims(x, axis0=0, axis1=1)",
                                  "x.swapaxes(axis0=0.0, axis1=1)"])
def test_swapaxes_keywords(call: str) -> None:
    assert_same(f"""
x = T.arange(6.).reshape(2, 3).requires_grad_()
v = {call}
out.append((v, v.stride(), v._base is x))
(v * T.arange(6.).reshape(3, 2)).sum().backward()
out.append(x.grad)
""")


def test_swapaxes_in_place_keywords() -> None:
    assert_same("""
x = T.arange(6.).reshape(2, 3)
v = x.view_as(x)
w = v.swapaxes_(axis0=0, axis1=1)
out.append((w is v, w.stride(), w._base is x, x._version))
""")


# ---- out= dtypes: unary ops that keep the input's dtype want out in that dtype ---------------

_SOURCES = ["T.tensor([0.5, -1.5, 2.0])", "T.tensor([4, -6, 3])", "T.tensor([True, False, True])"]
_OUT_DTYPES = ["T.float32", "T.float64", "T.int64", "T.int32", "T.bool", "T.float16"]


@pytest.mark.parametrize("source", _SOURCES)
@pytest.mark.parametrize("out_dtype", _OUT_DTYPES)
@pytest.mark.parametrize("op", ["abs", "neg", "floor", "ceil", "round", "trunc", "fix", "frac",
                                "sign", "sgn", "bitwise_not", "absolute", "negative"])
def test_out_of_another_dtype_for_a_dtype_keeping_unary_op(op: str, source: str,
                                                           out_dtype: str) -> None:
    assert_same(f"""
x = {source}
o = T.zeros(3, dtype={out_dtype})
r = T.{op}(x, out=o)
out.append((r is o, o, o._version))
""")


# ---- out= for more functions (float results cast, boolean results want bool) ----------------

@pytest.mark.parametrize("source", _SOURCES)
@pytest.mark.parametrize("out_dtype", _OUT_DTYPES)
@pytest.mark.parametrize("call", ["T.lgamma(x, out=o)", "T.erfinv(x / 10, out=o)",
                                  "T.erfc(x, out=o)", "T.sinc(x, out=o)", "T.deg2rad(x, out=o)",
                                  "T.rad2deg(x, out=o)", "T.isposinf(x, out=o)",
                                  "T.isneginf(x, out=o)", "T.signbit(x, out=o)",
                                  "T.copysign(x, x.flip(0), out=o)",
                                  "T.fmax(x, x.flip(0), out=o)", "T.fmin(x, x.flip(0), out=o)",
                                  "T.heaviside(x, x.flip(0), out=o)"])
def test_out_keyword_of_more_functions(call: str, source: str, out_dtype: str) -> None:
    assert_same(f"""
x = {source}
o = T.zeros(3, dtype={out_dtype})
r = {call}
out.append((r is o, o, o._version))
""")


@pytest.mark.parametrize("call", ["T.logcumsumexp(x, 0, out=o)", "T.inner(x, x, out=o)",
                                  "T.gcd(x.long(), x.long().flip(0), out=o)",
                                  "T.lcm(x.long(), x.long().flip(0), out=o)",
                                  "T.bitwise_left_shift(x.long(), 1, out=o)",
                                  "T.logaddexp2(x, x, out=o)", "T.nextafter(x, x + 1, out=o)"])
@pytest.mark.parametrize("out_dtype", ["T.float32", "T.float64", "T.int64"])
def test_out_keyword_of_more_functions_float_input(call: str, out_dtype: str) -> None:
    assert_same(f"""
x = T.tensor([0.5, -1.5, 2.0])
o = T.zeros(3, dtype={out_dtype})
r = {call}
out.append((r is o, o, o._version))
""")


def test_out_keyword_refuses_inputs_that_require_grad() -> None:
    assert_same("""
x = T.tensor([0.5, -1.5, 2.0], requires_grad=True)
T.lgamma(x, out=T.zeros(3))
""")


# ---- x[index] = value: index_put_ wants the value in x's dtype (a mask and a 0-dim value
# ---- is masked_fill_, which takes any; a basic index is copy_, which casts) ----------------

@pytest.mark.parametrize("write", [
    "a[T.tensor([0, 1])] = T.tensor([0., 2.], dtype=T.double)",
    "a[[0, 1]] = T.tensor([0., 2.], dtype=T.double)",
    "a[T.tensor([0, 1])] = T.tensor(0., dtype=T.double)",
    "a[a > 0] = T.arange(10., dtype=T.double)",
    "a[..., [0]] = T.zeros(5, 1, dtype=T.float16)",
    "a[:, T.tensor([True, False])] = T.tensor(7, dtype=T.double)",
    "a[T.tensor([True, False, True, False, False]), 0] = T.tensor(7, dtype=T.double)",
    "a[1, [0]] = T.tensor(7, dtype=T.double)",
    "a[[7]] = T.zeros(1, 2, dtype=T.double)",
    "a[a > 0] = T.tensor(0, dtype=T.int32)",
    "a[a > 0] = a[0, 0].double()",
    "a[0] = T.tensor([0., 2.], dtype=T.double)",
    "a[:, 0] = T.arange(5)",
    "a[T.tensor([1])] = 2.5",
])
@pytest.mark.parametrize("dtype", ["T.float32", "T.int64"])
def test_index_put_by_setitem_wants_the_same_dtype(write: str, dtype: str) -> None:
    assert_same(f"""
a = T.ones(5, 2, dtype={dtype})
{write}
out.append((a, a._version))
""")


def test_index_put_by_setitem_dtype_error_with_autograd() -> None:
    assert_same("""
w = T.ones(5, 2, requires_grad=True)
a = w.clone()
try:
    a[[0]] = T.zeros(1, 2, dtype=T.double)
except RuntimeError as error:
    out.append(str(error))
a[[0]] = T.zeros(1, 2)
a.sum().backward()
out.append((a, w.grad))
try:
    w[[0]] = T.zeros(1, 2, dtype=T.double)
except RuntimeError as error:
    out.append(str(error))
""")


# ---- pow(tensor, tensor) backward: ln(base) taken in the result's dtype ----------------------

@pytest.mark.parametrize("base", ["T.tensor([2, 3])", "T.tensor(2)",
                                  "T.tensor([2., 3.], dtype=T.float16)",
                                  "T.tensor([2., 3.], dtype=T.float32)"])
@pytest.mark.parametrize("dtype", ["T.float32", "T.float64"])
def test_pow_exponent_gradient_with_a_base_of_another_dtype(base: str, dtype: str) -> None:
    assert_same(f"""
x = T.tensor([1.5, 2.0, 0.5], dtype={dtype}, requires_grad=True)[:, None]
o = {base}
r = o ** x
out.append(r)
g, = T.autograd.grad(r.sum(), x)
out.append((g, g.dtype, g.tolist()))
""")


# ---- expand checks the sizes from the last dimension back, as PyTorch ------------------------

@pytest.mark.parametrize("call", ["x.expand(-1, 2, 2)", "x.expand(-1, 3, 2)", "x.expand(2, -1, -1)",
                                  "x.expand(-1, -1, 4)", "x.expand(-1, 5, -1)", "x.expand(4, 4)",
                                  "T.broadcast_to(x, (-1, 2, 2))", "x.expand_as(T.ones(2, 2, 2))",
                                  "x[:, :1].expand(-1, 3, -1)", "x[:, :1].expand(2, -1, 4)"])
def test_expand_size_errors_in_pytorch_order(call: str) -> None:
    assert_same(f"""
x = T.arange(6.).reshape(3, 2).requires_grad_()
v = {call}
out.append((v, v.stride(), v._base is x))
v.sum().backward()
out.append(x.grad)
""")


# ---- out= that must have exactly the result's dtype, in each function's words ---------------

@pytest.mark.parametrize("call", [
    "T.triu(T.ones(2, 2), out=o)", "T.tril(T.ones(2, 2), out=o)",
    "T.gather(T.ones(2, 2), 1, T.tensor([[0], [1]]), out=o)",
    "T.index_select(T.ones(2, 2), 1, T.tensor([0]), out=o)",
    "T.nan_to_num(T.tensor([1., float('nan')]), out=o)",
    "T.take(T.ones(2), T.tensor([1]), out=o)",
    "T.masked_select(T.ones(2), T.tensor([True, False]), out=o)",
    "T.amax(T.ones(2, 3), 0, out=o)", "T.amin(T.ones(2, 3), 0, out=o)",
    "T.cat([T.ones(2), T.ones(1, dtype=T.int64)], out=o)", "T.stack([T.ones(2)], out=o)",
    "T.hstack([T.ones(2)], out=o)", "T.concat([T.ones(2)], out=o)",
    "T.diag(T.ones(2), out=o)", "T.cross(T.ones(3), T.ones(3), dim=0, out=o)",
])
@pytest.mark.parametrize("out_dtype", ["T.float32", "T.float64", "T.int64", "T.bool"])
def test_out_dtype_words(call: str, out_dtype: str) -> None:
    assert_same(f"""
o = T.zeros(0, dtype={out_dtype})
r = {call}
out.append((r is o, o, o._version))
""")


# ---- sums and products with out= are computed in out's dtype (the input cast first) ----------

@pytest.mark.parametrize("call", ["T.sum(x, 0, out=o)", "T.prod(x, 0, out=o)",
                                  "T.mean(x, 0, out=o)"])
@pytest.mark.parametrize("out_dtype", ["T.float64", "T.int64", "T.int32", "T.float32"])
def test_reductions_computed_in_the_out_dtype(call: str, out_dtype: str) -> None:
    assert_same(f"""
x = T.tensor([1.5, 1.5, 2.7])
o = T.zeros((), dtype={out_dtype})
r = {call}
out.append((r is o, o, o.tolist(), o._version))
""")


@pytest.mark.parametrize("call", ["T.cumsum(x, 0, out=o)", "T.cumprod(x, 0, out=o)"])
@pytest.mark.parametrize("out_dtype", ["T.float64", "T.int64", "T.float32"])
def test_scans_computed_in_the_out_dtype(call: str, out_dtype: str) -> None:
    assert_same(f"""
x = T.tensor([1.5, 1.5, 2.7])
o = T.zeros(3, dtype={out_dtype})
r = {call}
out.append((r is o, o, o.tolist(), o._version))
""")
