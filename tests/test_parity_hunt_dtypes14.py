"""Dtypes and type promotion against PyTorch, live: result types, values to the bit (float16
arithmetic, integer division, overflow), errors and their messages."""

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(lib, f):
    """(dtype, bits) of f(lib)'s result, or (error type, message)."""
    try:
        out = f(lib)
    except Exception as error:  # noqa: BLE001 - the error is what is compared
        return type(error).__name__, str(error).replace("autograd_kit", "torch")
    data = numpy.atleast_1d(out.detach().numpy()).copy()
    if data.dtype.kind == "f":
        data[numpy.isnan(data)] = numpy.nan  # (nan's sign is not compared)
    return str(out.dtype).split(".")[-1], data.view(numpy.uint8).tolist(), out.shape


def assert_same(f):
    assert _outcome(ak, f) == _outcome(torch, f)


_HALVES = [0.0, -0.0, 1.0, -2.5, 12.34, 1e-4, 65504.0, 0.1, 3.0, float("inf"), float("nan"), 7.7]
_ONE_VALUES = [0.1, 1 / 3, 65520.0, 2**40, 1e-8, 7, True,
               ("tensor", 0.1, "float64"), ("tensor", 0.3, "float32"), ("tensor", [0.7], "float64"),
               ("tensor", [[0.1]], "float32")]


def _value(lib, v):
    if isinstance(v, tuple):
        return lib.tensor(v[1], dtype=getattr(lib, v[2]))
    return v


@pytest.mark.parametrize("v", _ONE_VALUES, ids=str)
@pytest.mark.parametrize("op", [
    lambda x, v: x * v, lambda x, v: v * x, lambda x, v: x / v, lambda x, v: x // v,
    lambda x, v: x.div(v, rounding_mode="trunc"), lambda x, v: x.div(v, rounding_mode="floor"),
    lambda x, v: x.clone().mul_(v), lambda x, v: x.clone().div_(v),
    lambda x, v: x[2] * v, lambda x, v: x + v, lambda x, v: x - v,
], ids=["mul", "rmul", "div", "floordiv", "trunc", "floor", "mul_", "div_", "0dim", "add", "sub"])
def test_float16_times_one_value_computes_in_float32(op, v):
    """PyTorch's CPU kernels take a one-value second operand's original value in float32 for
    a float16 * / // (h * 0.1 multiplies by float32(0.1); h * 70000. is no 0 * inf)."""
    assert_same(lambda L: op(L.tensor(_HALVES, dtype=L.float16), _value(L, v)))


def test_float16_scalar_first_and_gradient():
    """mul(0.1, h) and div(0.1, h) convert 0.1 to float16 first (it is no second operand);
    the gradient of h * 0.1 is grad * 0.1 by the same kernel."""
    assert_same(lambda L: L.mul(0.1, L.tensor(_HALVES, dtype=L.float16)))
    assert_same(lambda L: L.div(0.1, L.tensor(_HALVES, dtype=L.float16)))

    def grad(L):
        x = L.tensor(_HALVES, dtype=L.float16, requires_grad=True)
        (x * 0.1 / 0.3).backward(L.full((len(_HALVES),), 0.7, dtype=L.float16))
        return x.grad
    assert_same(grad)


def test_div_of_number_by_tensor_is_div_backward0():
    """torch.div(3., x) is DivBackward0 with (None, x) edges, values 3/x correctly rounded;
    3. / x is reciprocal(x) * 3 (MulBackward0); torch.mul(3., x) keeps its argument order."""
    for L in (ak, torch):
        x = L.tensor([255.0, 3.0], requires_grad=True)
        d, r, m = L.div(3.0, x), 3.0 / x, L.mul(3.0, x)
        assert type(d.grad_fn).__name__ == "DivBackward0"
        assert d.grad_fn.next_functions[0] == (None, 0)
        assert type(r.grad_fn).__name__ == "MulBackward0"
        assert m.grad_fn.next_functions[0] == (None, 0)
    assert_same(lambda L: L.div(3, L.tensor([255, 7], dtype=L.uint8)))
    assert_same(lambda L: 3 / L.tensor([255, 7], dtype=L.uint8))


@pytest.mark.parametrize("dtype", ["uint8", "int8", "int16", "int32", "int64"])
@pytest.mark.parametrize("divisor", [2, -3, True, ("tensor", 3, "int64"), ("tensor", [3], "int8")],
                         ids=str)
def test_integer_division_rounded_keeps_the_result_type(dtype, divisor):
    """div(int32 x, 2, rounding_mode='trunc') is int32, as 'floor' (was int64); a bool divisor
    works (was a NumPy error)."""
    for mode in ("trunc", "floor"):
        assert_same(lambda L, mode=mode: L.div(L.tensor([7, -7, 100, 0], dtype=getattr(L, dtype)),
                                               _value(L, divisor), rounding_mode=mode))


@pytest.mark.parametrize("other", ["int32", "int64", ("tensor", 0.1, "float64")], ids=str)
@pytest.mark.parametrize("op", ["sub_", "add_", "mul_", "div_"])
def test_inplace_computes_in_the_result_type(op, other):
    """x -= y converts y to x's type first (float16 -= int32: inf - inf is nan; float32 with a
    float64 0-dim: in float32), as PyTorch; NumPy's ufunc would compute in float64."""
    def f(L):
        y = _value(L, other) if isinstance(other, tuple) else L.tensor(
            [2**31 - 1, 16777217, 3, 5], dtype=getattr(L, other))
        for dtype in ("float16", "float32"):
            x = L.tensor([float("inf"), 1.0, 0.1, 7.0], dtype=getattr(L, dtype))
            getattr(x, op)(y)
            if dtype == "float16":
                half = x
        return L.cat([half.float(), x])
    assert_same(f)
