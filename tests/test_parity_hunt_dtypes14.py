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


@pytest.mark.parametrize("op", [
    lambda L: L.tensor([1, 2], dtype=L.uint8) ** -2,
    lambda L: L.tensor([1, 2], dtype=L.uint8).pow_(-1),
    lambda L: L.tensor(3, dtype=L.uint8) ** numpy.int8(-2),
    lambda L: L.tensor([True]) ** -1,
    lambda L: L.tensor([1, 2], dtype=L.int8) ** -300,
], ids=["uint8", "pow_", "numpy", "bool", "int8_beyond"])
def test_integer_to_negative_power_is_refused_first(op):
    """'Integers to negative integer powers are not allowed.' comes before the exponent is
    converted to the tensor's type (uint8 ** -2 was NumPy's OverflowError)."""
    assert_same(op)


@pytest.mark.parametrize("op", [
    lambda L: L.tensor([True]) << L.tensor([True]), lambda L: L.tensor([True]) >> True,
    lambda L: L.tensor([True]).bitwise_left_shift(L.tensor(False)),
    lambda L: L.dot(L.tensor([True, False]), L.tensor([True, True])),
    lambda L: L.mm(L.ones(2, 2, dtype=L.bool), L.ones(2, 2, dtype=L.bool)),
    lambda L: L.mv(L.ones(2, 2, dtype=L.bool), L.ones(2, dtype=L.bool)),
    lambda L: L.bmm(L.ones(1, 2, 2, dtype=L.bool), L.ones(1, 2, 2, dtype=L.bool)),
    lambda L: L.ones(3, 2, 2, dtype=L.bool) @ L.ones(2, 2, dtype=L.bool),
    lambda L: L.dot(L.tensor([True, False]), L.tensor([True])),
], ids=["lshift", "rshift", "shift_0dim", "dot", "mm", "mv", "bmm", "matmul", "dot_sizes"])
def test_bool_shifts_and_products_have_no_kernel(op):
    """Shifts and matrix products of bools: PyTorch's NotImplementedError with its kernel's
    name ('"lshift_cpu" not implemented for 'Bool'', '"addmm_impl_cpu_" …'); were computed."""
    assert_same(op)


@pytest.mark.parametrize("op", [
    lambda L: L.tensor([2147483647, 16777217, -7]) / L.tensor([255, 3, 3], dtype=L.uint8),
    lambda L: L.tensor([2147483647, 16777217], dtype=L.int32) / 255,
    lambda L: L.true_divide(L.tensor([16777217, 3]), L.tensor(7)),
    lambda L: L.tensor([True, False]) / L.tensor([3, 7]),
    lambda L: L.div(L.tensor([2**40 + 1, 99]), 3, rounding_mode=None),
], ids=["uint8", "number", "true_divide", "bool", "rounding_none"])
def test_integer_true_division_rounds_in_float32(op):
    """int / int converts both to float32 and divides there, as PyTorch (was a float64
    quotient rounded to float32: 2147483647 / 255 one ulp off)."""
    assert_same(op)


def _half(L, n=4):
    return L.tensor([1.0, -2.0, 0.5, 3.0][:n], dtype=L.float16)


@pytest.mark.parametrize("op", [
    lambda L: _half(L).fill_(70000.0), lambda L: _half(L).fill_(-65504.5),
    lambda L: _half(L).fill_(65504.0), lambda L: _half(L, 1).fill_(1e39),
    lambda L: L.full((2,), 70000.0, dtype=L.float16),
    lambda L: L.full((1, 1), 7e4, dtype=L.float16),
    lambda L: L.full_like(_half(L), 70000.0), lambda L: _half(L).clamp(max=70000.0),
    lambda L: _half(L).clamp_min(-1e5), lambda L: _half(L) ** 70000.0,
    lambda L: _half(L).add(_half(L), alpha=70000.0), lambda L: _half(L).sub(_half(L), alpha=7e4),
    lambda L: _half(L).masked_fill(_half(L) > 0, 70000.0),
    lambda L: _half(L).index_fill(0, L.tensor([0]), 70000.0),
    lambda L: _half(L).scatter(0, L.tensor([1]), 70000.0),
    lambda L: L.addcmul(_half(L), _half(L), _half(L), value=70000.0),
    lambda L: L.addcdiv(_half(L), _half(L), _half(L), value=70000.0),
    lambda L: L.where(_half(L) > 0, _half(L), 70000.0),
    lambda L: L.addmm(_half(L).reshape(2, 2), _half(L).reshape(2, 2), _half(L).reshape(2, 2),
                      beta=70000.0),
    lambda L: _half(L).lerp(_half(L), 70000.0),
])
def test_float16_number_overflow(op):
    """A number beyond float16's range (65504.) for a float16 tensor: PyTorch's 'value cannot
    be converted to type c10::Half without overflow' for fills, clamps, exponents, alpha,
    masked_fill, index_fill, scatter (was inf); no check where the kernel reads it in float32
    (addcmul's value, addmm's beta, lerp's weight), for where's number and a fill of one
    element."""
    def f(L):
        out = op(L)
        return _half(L) if out is None else out
    assert_same(f)


@pytest.mark.parametrize("value", [0.1, 0.37, 3.3, 1 / 3, 2.5, -0.2, 1e-5])
def test_float16_lerp_addcmul_addcdiv_compute_in_float32(value):
    """PyTorch computes float16 lerp (a number weight), addcmul and addcdiv in float32 and
    rounds once (was float16 arithmetic, the number rounded to float16 first)."""
    rng = numpy.random.default_rng(3)
    a, b, c = ((rng.standard_normal(500) * 10).astype(numpy.float16) for _ in range(3))
    for name in ("lerp", "addcmul", "addcdiv"):
        def f(L, name=name):
            x, y, z = (L.tensor(v) for v in (a, b, c))
            if name == "lerp":
                return L.cat([L.lerp(x, y, value), x.clone().lerp_(y, value)])
            return L.cat([getattr(L, name)(x, y, z, value=value),
                          getattr(x.clone(), name + "_")(y, z, value=value)])
        assert_same(f)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_cumsum_starts_from_plus_zero(dtype):
    """PyTorch's running sum starts at +0, so a -0 sum is +0 (NumPy kept -0)."""
    assert_same(lambda L: L.tensor([-0.0, -0.0, 1.0, -1.0], dtype=getattr(L, dtype)).cumsum(0))
    assert_same(lambda L: L.tensor([[-0.0], [-0.0]], dtype=getattr(L, dtype)).cumsum(1))
    assert_same(lambda L: L.tensor([-0.0, -0.0]).cumsum(0, dtype=getattr(L, dtype)))
    assert_same(lambda L: L.tensor(-0.0, dtype=getattr(L, dtype)).cumsum(0))


@pytest.mark.parametrize("op", [
    lambda L: L.tensor([1.0]).var(), lambda L: L.tensor(2.0).std(),
    lambda L: L.std_mean(L.tensor([1.0])), lambda L: L.cov(L.tensor([1.0])),
], ids=["var", "std", "std_mean", "cov"])
def test_no_degrees_of_freedom_warning_text(op):
    """The warning ends as PyTorch's: '(Triggered internally at …ReduceOps.cpp:1861.)'."""
    import warnings

    def texts(lib):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            op(lib)
        return [str(w.message).replace("autograd_kit", "torch") for w in caught]
    assert texts(ak) == texts(torch) != []


@pytest.mark.parametrize("dtype", ["bool", "uint8", "int32", "float16", "float64"])
def test_result_type_reads_a_numpy_bool_as_a_float(dtype):
    """result_type(int tensor, numpy.bool_(True)) is float32, as x + numpy.bool_ (was int)."""
    for first in (lambda L: L.tensor([1], dtype=getattr(L, dtype)),
                  lambda L: L.tensor(1, dtype=getattr(L, dtype))):
        assert (str(ak.result_type(first(ak), numpy.bool_(True)))
                == str(torch.result_type(first(torch), numpy.bool_(True))).replace(
                    "torch", "autograd_kit"))


def _inplace(op):
    def f(L):
        x = L.tensor([True, False, True])
        op(L, x)
        return x
    return f


@pytest.mark.parametrize("op", [
    lambda L, x: x.__ifloordiv__(L.tensor([0, 1, 2], dtype=L.uint8)),
    lambda L, x: x.__imod__(L.tensor(0, dtype=L.int8)),
    lambda L, x: x.fmod_(L.tensor([0, 1, 2], dtype=L.int16)),
    lambda L, x: x.div_(L.tensor([0, 1, 2]), rounding_mode="floor"),
    lambda L, x: x.remainder_(0),
    lambda L, x: x.hypot_(L.tensor([1, 2, 3], dtype=L.uint8)),
    lambda L, x: x.lerp_(x, L.tensor(1, dtype=L.int8)),
    lambda L, x: x[0].__ipow__(x),
    lambda L, x: x[0].__iand__(L.tensor([1, 2, 3], dtype=L.uint8)),
    lambda L, x: x[0].bitwise_or_(L.tensor([1, 2, 3])),
    lambda L, x: x[0].addcmul_(x, x),
    lambda L, x: x.__ilshift__(x),
], ids=["floordiv", "mod", "fmod", "div_floor", "remainder", "hypot", "lerp", "pow_shape",
        "and_shape", "or_shape", "addcmul_shape", "lshift"])
def test_inplace_checks_output_before_the_kernel(op):
    """x.op_(y) checks x's shape, then whether the result type fits x's type, before the
    kernel refuses a type or divides by zero (bool //= uint8 was 'ZeroDivisionError', a 0-dim
    x **= a vector was '"pow" not implemented for 'Bool''), as PyTorch's TensorIterator."""
    assert_same(_inplace(op))


@pytest.mark.parametrize("op", [
    lambda L: L.relu(L.tensor([True, False])), lambda L: L.tensor(True).relu_(),
    lambda L: L.nn.functional.relu(L.tensor([True])),
    lambda L: L.relu(L.tensor([-0.0, -1e-8, 2.0, float("nan"), -3.0], dtype=L.float16)),
    lambda L: L.relu(L.tensor([-0.0, -1e-8, 2.0, float("nan"), -3.0])),
    lambda L: L.relu(L.tensor([-3, 0, 5], dtype=L.int16)),
], ids=["bool", "bool_", "functional", "float16", "float32", "int16"])
def test_relu_types(op):
    """relu of bools is PyTorch's 'Boolean inputs not supported for relu' (was computed);
    float16 relu keeps -0. (NumPy's float16 maximum gave +0.)."""
    assert_same(op)


@pytest.mark.parametrize("name", ["eq", "ne", "lt", "le", "gt", "ge", "fmod", "lerp"])
@pytest.mark.parametrize("first", [2, 2.5, True])
def test_number_as_first_argument_is_refused(name, first):
    """torch.eq(2, x), torch.fmod(2, x), torch.lerp(2, x, w): PyTorch's 'invalid combination
    of arguments' (its forms only); were NumPy's object-array error or an AttributeError."""
    def f(L):
        x = L.tensor([1.0, 2.0])
        return L.lerp(first, x, 0.5) if name == "lerp" else getattr(L, name)(first, x)
    assert_same(f)
    assert_same(lambda L: L.tensor([1, 2]) < 2)  # (the operators keep working)


@pytest.mark.parametrize("op", [
    lambda L: L.tensor([0, 7, 200], dtype=L.uint8) / L.tensor(-1, dtype=L.int8),
    lambda L: L.tensor([0, 7, 200], dtype=L.uint8) / L.tensor(-3, dtype=L.int32),
    lambda L: L.div(L.tensor([True, False]), L.tensor([-128, 3], dtype=L.int8),
                    rounding_mode="trunc"),
    lambda L: L.div(L.tensor([-100, 7, -7, 1], dtype=L.int8), L.tensor([3, -2, 2, -128],
                    dtype=L.int8), rounding_mode="trunc"),
    lambda L: 300 ** L.tensor([-2, -1, 0, 3], dtype=L.int8),
    lambda L: -129 ** L.tensor([-2, 3, 100], dtype=L.int8),
    lambda L: -3 % L.tensor([-3.0, 3.0, -1.5], dtype=L.float32),
    lambda L: -3 % L.tensor([-3.0, 3.0, -1.5], dtype=L.float16),
], ids=["uint8_by_int8", "uint8_by_int32", "trunc_bool", "trunc_int8_min", "rpow_wrapped",
        "rpow_negative", "rmod_float32", "rmod_float16"])
def test_integer_corner_cases(op):
    """uint8 / int8 0-dim -1 divides by -1. (each operand goes to float32 from its own type,
    not through uint8: was 255.); trunc division of 1 by int8 -128 is 0 (|-128| overflowed);
    300 ** int8 wraps 300 to 44 and takes negative exponents (was NumPy's ValueError);
    -3 % -3. is -0. (was +0.)."""
    assert_same(op)


@pytest.mark.parametrize("dtype", ["bool", "uint8", "int8", "int32", "float16", "float32"])
@pytest.mark.parametrize("value", [-2, 300, 2**40, float("nan"), float("inf"), -1.5, True])
def test_copy_of_a_number_casts_as_a_tensor(dtype, value):
    """x.copy_(number): the number is a tensor of its own type, cast as tensors are (uint8:
    -2 is 254, nan 0, 2**40 0); was NumPy's OverflowError or ValueError."""
    def f(L):
        x = L.zeros(3, dtype=getattr(L, dtype))
        x.copy_(value)
        return x
    assert_same(f)


@pytest.mark.parametrize("op", [
    lambda x: x.clamp(True), lambda x: x.clamp(max=True), lambda x: x.clamp(False, True),
    lambda x: x.clamp_(True), lambda x: x.clamp(x, x), lambda x: x.clamp(min=x),
], ids=["min", "max", "both", "inplace", "tensors", "one_tensor"])
def test_clamp_of_bools_names_pytorchs_kernel(op):
    """clamp of bools with one number bound is PyTorch's clamp_min/clamp_max kernel error
    ('"clamp_min_scalar_cpu" …', was "clamp_scalar_cpu"); two tensor bounds: "clamp_cpu"
    (was computed); one tensor bound stays allowed."""
    assert_same(lambda L: op(L.tensor([True, False])))


@pytest.mark.parametrize("other", [[False, True], [1.0, 3.0]], ids=["bools", "floats"])
def test_dist_of_bools_is_refused_as_subtraction(other):
    """dist(bool, bool) and dist(float, bool): PyTorch's bool subtraction errors (the first
    was NumPy's TypeError)."""
    assert_same(lambda L: L.dist(L.tensor([True, False]), L.tensor(other)))


@pytest.mark.parametrize("dtype", ["bool", "uint8", "int8", "float16", "float32"])
@pytest.mark.parametrize("bounds", [(-70000.0, 70000.0), (-1e39, 1.0), (-1.0, 1.0), (0, 6),
                                    (-1000, 1000)], ids=str)
@pytest.mark.parametrize("inplace", [False, True])
def test_hardtanh_bounds_and_types(dtype, bounds, inplace):
    """hardtanh converts its bounds for x's type as clamp does (float16: 70000. is 'value
    cannot be converted to type c10::Half without overflow'), refuses bools and negative
    limits for uint8 with PyTorch's words (were computed)."""
    def f(L):
        x = L.tensor([0.5, 3.0, -2.0]).to(getattr(L, dtype))
        return L.nn.functional.hardtanh(x, *bounds, inplace=inplace)
    assert_same(f)
