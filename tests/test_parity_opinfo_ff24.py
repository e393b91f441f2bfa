"""Parity with PyTorch on the sample, reference and error inputs of PyTorch's OpInfo database
(torch/testing/_internal/common_methods_invocations.py and opinfo/definitions), among them
the entries whose op is a lambda over torch (random samplers seeded alike, einsum, embedding,
attention) and their in-place and method variants.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, strides, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("probs", [
    "[1., -1., 1.]", "[1., float('inf'), 1.]", "[1., -float('inf'), 1.]",
    "[1., 1., float('nan')]", "[[0., 0., 0.], [1., -1., 1.]]",
    "[[1., 1., 1.], [float('nan'), float('inf'), 1.]]", "[[1., 1., 1.], [0., 0., 0.]]",
    "[[2., 0., 0.], [float('inf'), 0., 0.]]", "[0., 0.]", "[1., 1e-300, 0.]",
])
@pytest.mark.parametrize("draws", ["2, True", "1, True", "2, False", "3, True"])
def test_multinomial_checks_its_probabilities_as_pytorch(probs: str, draws: str) -> None:
    # With replacement (more than one sample) PyTorch's kernel walks each row entry by entry:
    # 'encountering probability entry < 0' (NaN too) or '= infinity or NaN', then the row's
    # sum; otherwise it checks the whole tensor at once. The kit checked the whole tensor in
    # every case, with the one-sample message.
    same(f"""
T.manual_seed(0)
x = T.tensor({probs}, dtype=T.float64)
out.append(T.multinomial(x, {draws}).tolist())
""")


@pytest.mark.parametrize("shape", ["(3, 0)", "(0,)", "(0, 3)", "(2 ** 24 + 1,)"])
@pytest.mark.parametrize("draws", ["2, True", "1, True"])
def test_multinomial_of_empty_rows_or_too_many_categories(shape: str, draws: str) -> None:
    # PyTorch refuses more than 2^24 categories before looking at the values, and an empty
    # row with aminmax's error (one sample) or the sum's (more); the kit let NumPy fail
    same(f"""
T.manual_seed(0)
x = T.zeros({shape}, dtype=T.float64)
y = T.multinomial(x, {draws})
out += [y.shape, y.dtype]
""")


_ZERO_DIM_SCATTERS = [
    "x.gather(0, T.zeros(3, dtype=T.int64))", "x.gather(-1, T.zeros(1, dtype=T.int64))",
    "x.gather(0, T.ones(2, dtype=T.int64))", "x.gather(0, T.zeros(2, 2, dtype=T.int64))",
    "x.scatter_add(0, T.zeros(3, dtype=T.int64), v)", "x.scatter(0, T.zeros(3, dtype=T.int64), v)",
    "x.scatter(0, T.zeros(2, dtype=T.int64), 2.)",
    "x.scatter_reduce(0, T.zeros(3, dtype=T.int64), v, 'sum')",
    "x.scatter_reduce(0, T.zeros(3, dtype=T.int64), v, 'mean', include_self=False)",
    "x.scatter_reduce(0, T.zeros(3, dtype=T.int64), v, 'amax', include_self=False)",
    "x.scatter_add(0, T.zeros((), dtype=T.int64), v)",
    "x.scatter_add(0, T.zeros(4, dtype=T.int64), v)",
    "x.scatter_add(0, T.ones(3, dtype=T.int64), v)",
    "x.scatter_add(0, T.zeros(3, dtype=T.int64), v[0])",
    "w.scatter_add(0, T.zeros((), dtype=T.int64), v[0])",
    "w.scatter_add(0, T.zeros((), dtype=T.int64), v)",
    "w.scatter(0, T.zeros(1, dtype=T.int64), v[0])",
    "w.scatter_add(0, T.zeros(2, dtype=T.int64), v[0])",
]


@pytest.mark.parametrize("call", _ZERO_DIM_SCATTERS)
def test_gather_and_scatter_read_a_0_dim_tensor_as_one_of_one_element(call: str) -> None:
    # PyTorch's gather and scatter checks count a 0-dim self, index or src as 1-dim of size 1
    # (ensure_nonempty_dim): a 0-dim x gathered at [0, 0, 0] is x three times, and scatter_add
    # into a 0-dim x adds every value of src. The kit failed in NumPy ('too many indices') or
    # refused ('Index tensor must have the same number of dimensions as self tensor').
    same(f"""
x = T.tensor(5., dtype=T.float64, requires_grad=True)
w = T.tensor([1., 2., 3., 4.], dtype=T.float64, requires_grad=True)
v = T.tensor([1., 2., 4.], dtype=T.float64, requires_grad=True)
y = {call}
out += [y, y.shape, y.stride(), type(y.grad_fn).__name__]
c = T.linspace(-1., 2., y.numel(), dtype=T.float64).reshape(y.shape).requires_grad_()
gs = T.autograd.grad(y, [x, w, v], c, create_graph=True, allow_unused=True)
out += [(g, type(g.grad_fn).__name__) if g is not None else None for g in gs]
used = [(g, t) for g, t in zip(gs, [x, w, v]) if g is not None and g.requires_grad]
if used:
    s = sum((g * g).sum() for g, _ in used)
    out += list(T.autograd.grad(s, [c, x, v], allow_unused=True))
""")


@pytest.mark.parametrize("call", [
    "T.gather(w, 0, T.zeros(0, dtype=T.uint8))", "T.gather(w, 0, T.zeros(2, 0, dtype=T.float32))",
    "T.gather(m, 1, T.zeros(0, 5, dtype=T.int16))", "T.gather(x, 0, T.zeros(0, dtype=T.uint8))",
    "T.gather(w, 0, T.zeros(1, dtype=T.uint8))",
    "w.scatter(0, T.zeros(0, dtype=T.uint8), 1.)", "w.scatter(0, T.zeros(0), v)",
    "w.scatter_add(0, T.zeros(0, dtype=T.int16), m)", "w.scatter_reduce(0, T.zeros(0), v, 'sum')",
    "w.scatter(0, T.zeros(0, dtype=T.int16), v.float())",
    "w.scatter(0, T.zeros(2, dtype=T.int16), v)",
    "w.index_select(0, T.zeros(0))",
])
def test_an_empty_index_of_any_dtype_is_not_checked(call: str) -> None:
    # PyTorch's gather and scatter skip their index checks (dtype, dimensions) when the index
    # has no elements; the kit refused a uint8 or float empty index
    same(f"""
x = T.tensor(5., dtype=T.float64, requires_grad=True)
w = T.tensor([1., 2., 3., 4.], dtype=T.float64, requires_grad=True)
m = T.ones(2, 3, dtype=T.float64, requires_grad=True)
v = T.tensor([1., 2., 4.], dtype=T.float64, requires_grad=True)
y = {call}
out += [y, y.shape, y.dtype, type(y.grad_fn).__name__]
out += list(T.autograd.grad(y.sum(), [x, w, m, v], allow_unused=True))
""")


@pytest.mark.parametrize("include_self", [True, False])
def test_scatter_reduce_mean_counts_carry_no_graph(include_self: bool) -> None:
    # PyTorch's backward of scatter_reduce 'mean' counts the writes with new ones and zeros:
    # a second derivative reaches neither src nor self through the counts (None). The kit
    # counted with src * 0 + 1, so src got a zero gradient instead.
    same(f"""
w = T.tensor([1., 2., 3., 4.], dtype=T.float64, requires_grad=True)
v = T.tensor([1., 2., 4.], dtype=T.float64, requires_grad=True)
y = w.scatter_reduce(0, T.tensor([0, 0, 2]), v, 'mean', include_self={include_self})
c = T.linspace(-1., 2., 4, dtype=T.float64).requires_grad_()
gw, gv = T.autograd.grad(y, [w, v], c, create_graph=True)
out += [gw, gv, T.autograd.grad((gw * gw).sum() + (gv * gv).sum(), [c, w, v], allow_unused=True)]
""")


@pytest.mark.parametrize("call", [
    "T.igamma(a, 2)", "T.igammac(2, a)", "T.igamma(2, 3)", "a.igamma(2)", "a.igammac('s')",
    "T.special.gammainc(a, 2)", "T.special.gammaincc(2, a)",
    "T.igamma(a, b)", "a.igammac(b)", "T.igamma(input=a, other=b).grad_fn.name()",
])
def test_igamma_and_igammac_are_named_igamma_in_their_errors(call: str) -> None:
    # torch.igamma / igammac (functions and methods) are ATen's own operators: their errors
    # say igamma(), and a method counts 'other' as position 1. The kit's were special.gammainc
    # itself, so they said special_gammainc() and position 2.
    same(f"""
a = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)
b = T.tensor([0.5, 3.], dtype=T.float64)
out.append({call})
""")


@pytest.mark.parametrize("case", [
    "(0,), 0, True", "(0,), None, True", "(1,), None, True", "(3,), 3, True", "(3,), 0, True",
    "(3,), None, True", "(3,), 1, False", "(3,), None, False", "(0, 3), 3, True",
    "(1, 1), None, True", "(), None, True",
])
def test_batch_norm_of_a_vector_or_no_values(case: str) -> None:
    # PyTorch's _verify_batch_size multiplies size[0] by the sizes after the channels for any
    # input: an empty vector passes (a copy, CloneBackward0); a vector then has 0 channels for
    # the parameters' check and fails reading size(1). The kit refused every vector with
    # 'Expected more than 1 value per channel' and counted 1 channel.
    same(f"""
shape, stats, training = {case}
x = T.zeros(shape, dtype=T.float64, requires_grad=True)
rm = None if stats is None else T.zeros(stats, dtype=T.float64)
rv = None if stats is None else T.ones(stats, dtype=T.float64)
y = T.nn.functional.batch_norm(x, rm, rv, training=training)
out += [y, type(y.grad_fn).__name__]
""")


@pytest.mark.parametrize("case", [
    "T.ones(10), 0, 0, -1", "T.ones(10), 0, -1, -1", "T.ones(10), 0, 5, 6", "T.ones(10), 0, 11, 0",
    "T.ones(10), 0, -11, 1", "T.ones(10), 0, 2, -3", "T.ones(10), 1, 0, 0", "T.ones(10), 0, 10, 0",
    "T.ones(10), 0, -10, 2", "T.ones(10), -1, -2, 2", "T.ones(10), 0, -3, 1",
    "T.tensor(1.), 0, 0, 1", "T.ones(3), -2, 0, 1", "T.ones(2, 3), -1, -4, 1",
    "T.ones(2, 3), -1, -3, 3", "T.ones(2, 3), 1, 3, 0", "T.ones(2, 3), 2, 0, 1",
])
def test_narrow_copy_checks_and_backward_as_pytorch(case: str) -> None:
    # PyTorch's narrow_copy has its own checks ('start (0) + length (-1) exceeds dimension
    # size (10).', an internal check for a dim too large) and its backward is slice_backward
    # from start to start + length: a negative start reaching the end selects nothing and
    # fails. The kit used narrow's checks and narrowed the gradient back.
    same(f"""
x, dim, start, length = {case}
x.requires_grad_()
y = T.narrow_copy(x, dim, start, length)
out += [y.shape, type(y.grad_fn).__name__, x.narrow_copy(dim, start, length).shape]
out += list(T.autograd.grad((y * 2).sum(), x))
""")


@pytest.mark.parametrize("call", [
    "F.avg_pool2d(T.ones(0, 1, 49), 2, 50, -1)", "F.avg_pool2d(T.ones(0, 1, 49), (3, 2), 50, 4)",
    "F.max_pool2d(T.ones(0, 1, 49), 2, 50, -1, return_indices=True)",
    "F.max_pool2d(T.ones(1, 0, 4), 2, 2, 3)", "F.avg_pool1d(T.ones(1, 0), 2, 2, -1)",
    "F.avg_pool2d(T.ones(0, 1, 49), 2, 50, 0)", "F.max_pool2d(T.ones(0, 1, 1), 3, 1, 0)",
    "F.avg_pool2d(T.ones(1, 1, 1, 4, 4), 2, 2, -1)",
    "F.max_pool2d(T.ones(1, 1, 1, 4, 4), 2, 2, -1)",
    "F.max_pool2d(T.ones(0, 1, 49), 2, 0, 0)", "F.max_pool2d(T.ones(1, 1, 1), 3, 1, 0)",
])
def test_2d_pools_check_the_padding_before_the_empty_dimensions(call: str) -> None:
    # PyTorch's 2-D pools compute the output size (stride, padding, kernel checks) before
    # pool2d_shape_check refuses an empty non-batch dimension; the kit refused the empty
    # input first ('Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size')
    same(f"""
F = T.nn.functional
out.append({call}.shape)
""")
