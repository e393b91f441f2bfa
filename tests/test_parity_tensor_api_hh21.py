"""Live comparison with PyTorch: tensors, views, indexing and type promotion, as learners
use them (snippets run once with PyTorch and once with the kit, outcomes compared)."""

import numpy
import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


# x[mask] = v and x.index_put_((mask,), v) with a one-element v run as masked_fill_ in
# PyTorch: v is read as a number, so any dtype and any shape of one element will do, and
# it may even be a piece of x itself.
MASK_FILL_ONE_ELEMENT = [
    "x = T.zeros(2, 3); x[x > -1] = T.tensor([2]); out.append(x)",
    "x = T.zeros(2, 3); x[x > -1] = T.tensor([[[2]]]); out.append(x)",
    "x = T.zeros(2, 3); x[:, x[0] > -1] = T.tensor([2]); out.append(x)",
    "x = T.zeros(2, 3); x[0, x[0] > -1] = T.tensor([2]); out.append(x)",
    "x = T.zeros(2, 3); x[x > -1] = T.tensor([True]); out.append(x)",
    "x = T.zeros(2, 3, dtype=T.int64); x[x > -1] = T.tensor([2.7]); out.append(x)",
    "x = T.zeros(2, 3); x[x > -1] = T.tensor([2], dtype=T.float64); out += [x, x._version]",
    "x = T.zeros(0, 3); x[x > -1] = T.tensor([2]); out.append(x)",
    "x = T.zeros(2, 3); x[T.zeros(2, 3, dtype=T.bool)] = T.tensor([2]); out.append(x)",
    "x = T.zeros(2, 3); x[x > -1] = T.tensor([2, 3])",
    "x = T.zeros(2, 3); x[[0, 1]] = T.tensor([2])",
    "x = T.arange(6.); x[x > 2] = x[0:1]; out.append(x)",
    "x = T.arange(6.); x[x > 2] = x[1:2].view(1, 1); out.append(x)",
    "x = T.arange(6.); x.index_put_((x > 2,), x[1:2]); out.append(x)",
    "x = T.arange(6.); x.index_put_((x > 2,), x[1], accumulate=True)",
    "x = T.arange(6.); x.index_put_((x > 2,), T.tensor([[7]])); out.append(x)",
    "x = T.arange(6.); out.append(x.index_put((x > 2,), T.tensor([[7.]], dtype=T.float64)))",
    "x = T.arange(6.); x.index_put_((x > 2,), T.tensor([7]), accumulate=True)",
    """
x = T.zeros(2, 3, requires_grad=True); v = T.tensor([2.], requires_grad=True, dtype=T.float64)
y = x.clone(); y[y > -1] = v
out += [y, type(y.grad_fn).__name__, [type(f).__name__ for f, _ in y.grad_fn.next_functions]]
y.sum().backward(); out += [x.grad, v.grad]
""",
    """
x = T.arange(6.).requires_grad_(); y = x * 1; y[y > 2] = y[0:1]; out.append(y)
y.sum().backward(); out.append(x.grad)
""",
]


@pytest.mark.parametrize("code", MASK_FILL_ONE_ELEMENT)
def test_mask_fill_with_one_element_value(code):
    assert_same(torch, ak, code)


# x.view(dtype) to a type of another element size: PyTorch checks, in order, the 0-dim,
# the last size and the storage offset (to a wider type), then the last stride (which must be
# 1 even for a last size of 1), then the other strides.
VIEW_DTYPE = [
    "a = T.arange(8, dtype=T.int16).view(2, 4); out.append(a[:, 1:3].view(T.float32))",
    "a = T.arange(24, dtype=T.int16).view(2, 12); out.append(a[:, 1:9:2].view(T.float32))",
    "a = T.arange(24, dtype=T.int16).view(2, 12); out.append(a[:, 1:4].view(T.float32))",
    "a = T.arange(24, dtype=T.int16).view(2, 12); out.append(a.as_strided((2, 2), (3, 1), 1)"
    ".view(T.float32))",
    "a = T.arange(24, dtype=T.int16).view(2, 12); v = a[1:, 2:6].view(T.float32); "
    "out += [v.shape, v.stride(), v.storage_offset(), v]",
    "z = T.zeros(2, 8); out.append(z.as_strided((2, 1), (4, 3)).view(T.int16))",
    "z = T.zeros(2, 8); out.append(z.as_strided((2, 2), (3, 2), 1).view(T.float64))",
    "z = T.zeros(2, 8); v = z[:, 3:4].view(T.int16); out += [v.shape, v.stride(), "
    "v.storage_offset()]",
    "z = T.zeros(3); v = z.unsqueeze(-1).view(T.int8); out += [v.shape, v.stride()]",
]


@pytest.mark.parametrize("code", VIEW_DTYPE)
def test_view_dtype_checks(code):
    assert_same(torch, ak, code)


# Operations that compute integers in the default float type convert each operand from its
# own type (a uint8 tensor with a 0-dim int8 -2 computes with -2., not with 254.); ldexp is
# PyTorch's exact kernel for a float with integer exponents, else a · 2.0 ** e with the
# powers in their own type.
INTEGERS_TO_FLOAT = [
    "a = T.tensor([1, 0, 3], dtype=T.uint8); out.append(T.atan2(a, T.tensor(-2)))",
    "a = T.tensor([1, 0, 3], dtype=T.uint8); out.append(T.atan2(T.tensor(-2, dtype=T.int8), a))",
    "a = T.tensor([1, 0, 3], dtype=T.uint8); out.append(T.copysign(a, T.tensor(-2)))",
    "a = T.tensor([1, 0, 3], dtype=T.uint8); out.append(T.copysign(a, -2))",
    "a = T.tensor([1, 0, 3], dtype=T.uint8); out.append(T.ldexp(a, T.tensor(-2, dtype=T.int8)))",
    "out.append(T.ldexp(T.tensor(-2, dtype=T.int8), T.tensor([1, 0, 3], dtype=T.uint8)))",
    "out.append(T.ldexp(T.tensor([1., 3.]), T.tensor([0.5, 1.5], dtype=T.float16)))",
    "out.append(T.ldexp(T.tensor([1., 3.], dtype=T.float64), T.tensor(0.5, dtype=T.float16)))",
    "out.append(T.ldexp(T.tensor([1., 3.], dtype=T.float64), T.tensor([.5], dtype=T.float16)))",
    "out.append(T.ldexp(T.tensor([1., 3.], dtype=T.float16), T.tensor([2, 30])))",
    "out.append(T.ldexp(T.tensor([1, 3], dtype=T.int32), T.tensor(0.5, dtype=T.float16)))",
    "out.append(T.ldexp(T.tensor([1., 3.]), T.tensor([True, False])))",
    "out.append(T.ldexp(T.tensor([1, 3]), T.tensor([True, False])))",
    "x = T.tensor(3.); x.ldexp_(T.tensor([True, False]))",
    "x = T.tensor([3.]); x.ldexp_(T.tensor([[1.], [2.]]))",
    "x = T.tensor([3., 4.]); x.ldexp_(T.tensor(1.5, dtype=T.float16)); out.append(x)",
    """
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    out.append(T.ldexp(T.tensor(3.), T.tensor([2, 3])))
out.append([str(w.message) for w in caught])
""",
    """
a = T.tensor([1., 3.], requires_grad=True); e = T.tensor(0.5, dtype=T.float16, requires_grad=True)
y = T.ldexp(a, e); y.sum().backward(); out += [y, a.grad, e.grad]
""",
]


@pytest.mark.parametrize("code", INTEGERS_TO_FLOAT)
def test_integers_computed_as_floats(code):
    assert_same(torch, ak, code)


def _all_float16_values(lib):
    bits = lib.arange(-2 ** 15, 2 ** 15, dtype=lib.int32).to(lib.int16)
    values = bits.view(lib.float16)
    return values[lib.isfinite(values)]


@pytest.mark.parametrize("name", ["sigmoid", "rsqrt"])
def test_float16_computed_in_float32_rounded_once(name):
    """PyTorch's CPU kernels for float16 compute in float32 and round once."""
    expected = getattr(torch, name)(_all_float16_values(torch)).numpy()
    got = getattr(ak, name)(_all_float16_values(ak)).numpy()
    numpy.testing.assert_array_equal(got, expected)  # (NaN where NaN)


FLOAT16_SNIPPETS = [
    "out.append(T.sinc(T.tensor([-2., -1., 0.5, 1.5, 3.], dtype=T.float16)))",
    "out.append(T.sigmoid(T.tensor([1.5, -2., 0.5], dtype=T.float16)))",
    "x = T.tensor([1.5, -2., 0.5], dtype=T.float16); x.sigmoid_(); out.append(x)",
    "out.append(T.tensor([2., 3.], dtype=T.float16).rsqrt())",
]


@pytest.mark.parametrize("code", FLOAT16_SNIPPETS)
def test_float16_snippets(code):
    assert_same(torch, ak, code)


# x[mask] = value of a shape that does not fit: PyTorch's shape-mismatch RuntimeError (the
# kit let NumPy's TypeError about boolean assignment through).
MASK_VALUE_SHAPES = [
    "x = T.arange(3.); x[T.tensor([True, True, True])] = T.full((2, 1), 9.)",
    "x = T.arange(3.); x[T.tensor([False, True, True])] = T.full((3, 3), 9.)",
    "x = T.zeros(4, 4); x[2, T.tensor([False, True, True, True])] = T.full((3, 1), 9.)",
    "x = T.zeros(0); x[T.zeros(0, dtype=T.bool)] = T.full((2, 3), 9.)",
    "x = T.arange(4., requires_grad=True); y = x * 1; "
    "y[T.tensor([False, True, False, False])] = T.full((2, 2), 9., requires_grad=True)",
    "x = T.arange(3.); x[T.tensor([True, False, True])] = T.full((1, 1, 2), 9.); out.append(x)",
]


@pytest.mark.parametrize("code", MASK_VALUE_SHAPES)
def test_mask_assignment_value_shape(code):
    assert_same(torch, ak, code)


# A mask of the wrong shape: PyTorch names the shape of x once the integers, slices and None
# of the key are applied, and the mask's place in it.
MASK_SHAPE_MESSAGES = [
    "x = T.zeros(2, 3); x[0, T.tensor([True, False])]",
    "x = T.zeros(2, 3); x[1:, T.tensor([True, False])]",
    "x = T.zeros(2, 3); x[None, :, T.tensor([True, False])]",
    "x = T.zeros(2, 3); x[True, :, T.tensor([True, False])]",
    "x = T.zeros(2, 3); x[0, T.tensor([True, False])] = 1.",
    "x = T.zeros(4, 3, 2); x[..., T.ones(3, 2, dtype=T.bool), -2]",
    "x = T.zeros(0, 1, 2); x[..., T.zeros(0, dtype=T.bool), None, :1:2]",
    "x = T.zeros(2, 3, 4); x[::2, [0], T.tensor([True])]",
]


@pytest.mark.parametrize("code", MASK_SHAPE_MESSAGES)
def test_mask_shape_messages(code):
    assert_same(torch, ak, code)


# A ``...`` standing for no dimension between two index tensors: PyTorch keeps the tensors'
# dimensions where the first one stands (they are next to each other); NumPy, whose indexing
# the kit uses, moved them to the front.
ELLIPSIS_OF_NO_DIMENSION = [
    "x = T.arange(9.).reshape(3, 3, 1); out.append(x[::2, [1, 1, -3], ..., T.tensor([True])])",
    "x = T.arange(6.).reshape(2, 3); out.append(x[:, [0, 2], ...])",
    "x = T.arange(6.).reshape(3, 2, 1); out.append(x[:, [1, 0], ..., [0]])",
    "x = T.zeros(3, 3, 1); x[::2, [1, 1, -3], ..., T.tensor([True])] = "
    "T.arange(6.).reshape(2, 3); out.append(x)",
    """
x = T.arange(6., requires_grad=True); y = x.reshape(3, 2, 1)[:, [1, 0], ..., [0]]
y.backward(T.arange(6.).reshape(3, 2)); out += [y, x.grad]
""",
]


@pytest.mark.parametrize("code", ELLIPSIS_OF_NO_DIMENSION)
def test_ellipsis_of_no_dimension(code):
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "out.append(T.gcd(T.tensor([True]), T.tensor([True])))",
    "out.append(T.lcm(T.tensor(True), T.tensor([True, False])))",
    "out += [T.gcd(T.tensor([True]), T.tensor([4])), T.lcm(T.tensor([True]), T.tensor(4))]",
    "x = T.tensor([True]); x.gcd_(T.tensor([True]))",
])
def test_gcd_lcm_of_bools(code):
    """gcd and lcm have no kernel for bools (PyTorch's NotImplementedError, not NumPy's)."""
    assert_same(torch, ak, code)
