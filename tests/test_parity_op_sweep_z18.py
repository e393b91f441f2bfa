"""Parity with PyTorch for differences found by a randomised differential sweep of tensor ops
(shapes with 0-dim, size-1 and empty dimensions, broadcasting, non-contiguous inputs):
layouts of results, gradients, grad_fn names and errors, compared with PyTorch live."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def both(make):
    """The same expression built with torch and with the kit."""
    return make(torch), make(ak)


def strides_of_long_dims(t) -> list[int]:
    """Strides of the dimensions longer than 1 (a size-1 dimension's stride is free)."""
    return [s for s, n in zip(t.stride(), t.shape) if n > 1]


def assert_same_layout(t, k) -> None:
    assert tuple(t.shape) == tuple(k.shape)
    assert strides_of_long_dims(t) == strides_of_long_dims(k)
    assert t.is_contiguous() == k.is_contiguous()
    np.testing.assert_array_equal(t.detach().numpy(), k.detach().numpy())


BASE = np.arange(24.0).reshape(2, 3, 4)


@pytest.mark.parametrize("perm", list(itertools.permutations(range(3))))
@pytest.mark.parametrize("key", [
    lambda m: (slice(None), m.tensor([[0, 2, 1]])),
    lambda m: (m.tensor([1, 0]),),
    lambda m: (slice(None), slice(None), m.tensor([[0], [1]])),
    lambda m: (m.tensor([1, 0]), slice(None), m.tensor([0, 1])),
    lambda m: (0, slice(None), m.tensor([1, 0, 1])),
    lambda m: (m.tensor([[True, False, True], [False, True, True]]).t(),),
])
def test_advanced_indexing_lays_out_its_result_as_pytorch(perm, key) -> None:
    # PyTorch's TensorIterator orders the result by the strides of x (restrided) and of the
    # index tensors: x[:, i] of a row-major x is row-major, so .view works on it
    def make(m):
        x = m.tensor(BASE).permute(*perm)
        try:
            return x[key(m)]
        except IndexError as error:
            return str(error)
    t, k = both(make)
    if isinstance(t, str):
        assert t == k
        return
    assert_same_layout(t, k)


def test_view_of_an_advanced_index_result() -> None:
    t, k = both(lambda m: m.arange(4.0).reshape(2, 2)[:, m.tensor([[0, 1, 1]])])
    assert k.is_contiguous() and t.is_contiguous()
    assert k.view(-1).tolist() == t.view(-1).tolist()


@pytest.mark.parametrize("call", [
    lambda m, x: m.sort(x, stable=True),
    lambda m, x: m.sort(x, stable=False, descending=True),
    lambda m, x: x.sort(stable=True, dim=0),
    lambda m, x: m.sort(x),
    lambda m, x: x.sort(0, True),
])
def test_sort_with_stable_given_is_pytorchs_stable_overload(call) -> None:
    # sort(..., stable=...) is PyTorch's sort.stable: its node is SortBackward1
    def make(m):
        x = m.tensor([3.0, 1.0, 2.0, 1.0], requires_grad=True)
        return type(call(m, x).values.grad_fn).__name__
    t, k = both(make)
    assert t == k


@pytest.mark.parametrize("chunks", [1, 2, 3])
@pytest.mark.parametrize("unsafe", [False, True])
def test_chunk_of_an_empty_dimension_gives_chunks_pieces(chunks, unsafe) -> None:
    # PyTorch: split_with_sizes([0] * chunks), so `chunks` empty pieces
    def make(m):
        x = m.zeros(3, 0, 2, requires_grad=True)
        pieces = x.unsafe_chunk(chunks, 1) if unsafe else m.chunk(x, chunks, 1)
        return [(tuple(p.shape), type(p.grad_fn).__name__) for p in pieces]
    t, k = both(make)
    assert t == k


def test_unbind_of_an_empty_dimension_with_grad() -> None:
    def make(m):
        x = m.zeros(0, 3, requires_grad=True)
        return x.unbind(0), m.unbind(x, -2), len(x.unbind(1))
    t, k = both(make)
    assert t == k


@pytest.mark.parametrize("name", ["cummax", "cummin"])
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_cummax_and_cummin_give_row_major_results(name, dim) -> None:
    def make(m):
        x = m.tensor(BASE).permute(2, 0, 1)
        out = getattr(m, name)(x, dim)
        return out.values, out.indices
    (tv, ti), (kv, ki) = both(make)
    assert_same_layout(tv, kv)
    assert_same_layout(ti, ki)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_hardsigmoid_gradient_multiplies_by_the_float32_sixth(dtype) -> None:
    # PyTorch's kernel: grad * (float)(1/6), in float64 too
    def make(m):
        x = m.tensor(np.linspace(-4, 4, 9), dtype=getattr(m, dtype), requires_grad=True)
        m.nn.functional.hardsigmoid(x).backward(m.tensor(np.linspace(-1.3, 2.9, 9),
                                                         dtype=getattr(m, dtype)))
        return x.grad.numpy()
    t, k = both(make)
    np.testing.assert_array_equal(t, k)


def outcome(make):
    """(torch's, the kit's) result as comparable text: the values, shape and dtype, grads
    of the leaves it returns, or the error's type and message."""
    def run(m):
        try:
            out = make(m)
        except Exception as error:  # noqa: BLE001
            return f"{type(error).__name__}: {error}"
        items = out if isinstance(out, (tuple, list)) else (out,)
        return repr([(np.asarray(t.detach().numpy()).tolist(), tuple(t.shape),
                      str(t.dtype).split(".")[-1]) if hasattr(t, "detach") else t
                     for t in items])  # (as text: NaN equals NaN)
    return run(torch), run(ak)


def with_grads(*shapes, **kwargs):
    """Leaves of these shapes (values 1, 2, 3, …), a function of them, and their grads
    after backward of the sum of the function's output."""
    def wrap(f):
        def make(m):
            leaves = [m.tensor(np.arange(1.0, 1.0 + np.prod(s)).reshape(s),
                               requires_grad=True) for s in shapes]
            out = f(m, *leaves)
            if out.requires_grad:
                out.sum().backward()
            return [out] + [x.grad if x.grad is not None else m.zeros(0) for x in leaves]
        return make
    return wrap


@pytest.mark.parametrize("make", [
    with_grads((1, 0, 2, 2), (1, 1, 2, 2))(lambda m, a, b: m.matmul(a, b)),
    with_grads((0, 2, 2), (1, 2, 3))(lambda m, a, b: a @ b),
    with_grads((2, 1, 2), (0, 2))(lambda m, a, b: m.matmul(a, b.t())),
    with_grads((0,), (0,))(lambda m, a, b: m.inner(a, b)),
    with_grads((2, 0), (3, 0))(lambda m, a, b: m.inner(a, b)),
    with_grads((2, 0, 3), (0, 4))(lambda m, a, b: m.tensordot(a, b, dims=([1], [0]))),
    with_grads((4, 4), (4, 4), (0, 4, 4))(lambda m, a, b, w: m.nn.functional.bilinear(a, b, w)),
    with_grads((0, 3), (0, 2), (5, 3, 2))(lambda m, a, b, w: m.nn.functional.bilinear(a, b, w)),
], ids=["matmul-1x0-batch", "matmul-0x1-batch", "matmul-3d-2d", "inner-empty",
        "inner-empty-2d", "tensordot-empty", "bilinear-no-outputs", "bilinear-no-rows"])
def test_products_with_empty_dimensions(make) -> None:
    # a batch of size 0 broadcast against 1 is 0; reshapes with an empty size need no -1
    t, k = outcome(make)
    assert t == k


@pytest.mark.parametrize("accumulate", [False, True])
def test_put_with_a_0_dim_index_and_its_gradient(accumulate) -> None:
    t, k = outcome(with_grads((2, 3), ())(
        lambda m, x, s: x.put(m.tensor(4), s, accumulate=accumulate)))
    assert t == k


@pytest.mark.parametrize("q", [0.3, "tensor"])
@pytest.mark.parametrize("dim", [None, 0, -1])
@pytest.mark.parametrize("keepdim", [False, True])
def test_quantile_of_a_0_dim_tensor_along_a_dim(q, dim, keepdim) -> None:
    t, k = outcome(with_grads(())(lambda m, x: m.quantile(
        x, m.tensor([0.3, 0.5], dtype=m.float64) if q == "tensor" else q, dim=dim,
        keepdim=keepdim)))
    assert t == k


@pytest.mark.parametrize("dtype", ["int64", "int32", "int16", "uint8", "float32"])
@pytest.mark.parametrize("name", ["median", "nanmedian"])
def test_median_of_nothing(dtype, name) -> None:
    # PyTorch fills with NaN: for integers the x86 conversion of NaN
    t, k = outcome(lambda m: getattr(m, name)(m.tensor([], dtype=getattr(m, dtype))))
    assert t == k


@pytest.mark.parametrize("key", [0, 1, -1, -2, 5])
def test_an_integer_index_into_a_0_dim_tensor(key) -> None:
    def make(m):
        x = m.tensor(1.0)
        return x[key]
    t, k = outcome(make)
    assert t == k

    def write(m):
        x = m.tensor(1.0)
        x[key] = 2.0
        return x
    t, k = outcome(write)
    assert t == k


@pytest.mark.parametrize("spec", [3, [1, 2], "tensor"])
def test_tensor_split_of_a_0_dim_tensor(spec) -> None:
    t, k = outcome(lambda m: m.tensor_split(
        m.tensor(1.0), m.tensor(2) if spec == "tensor" else spec, dim=0))
    assert t == k


def channels_last(m, shape=(2, 3, 4, 5)):
    n, c, h, w = shape
    return m.tensor(np.arange(n * c * h * w, dtype=float).reshape(n, h, w, c)).permute(0, 3, 1, 2)


@pytest.mark.parametrize("make", [
    lambda m: m.cat([m.tensor(BASE).transpose(1, 2)]),
    lambda m: m.cat([m.tensor(BASE).transpose(1, 2), m.tensor(BASE).transpose(1, 2)], 2),
    lambda m: m.cat([m.tensor(BASE).permute(2, 0, 1), m.tensor(BASE).permute(2, 0, 1)], -1),
    lambda m: m.stack([m.tensor(BASE).mT, m.tensor(BASE).mT], -1),
    lambda m: m.hstack([m.tensor(BASE).transpose(0, 2)]),
    lambda m: m.vstack([m.tensor(BASE).transpose(0, 1)]),
    lambda m: m.cat([channels_last(m), channels_last(m)], 1),
    lambda m: m.cat([channels_last(m), m.ones(2, 3, 4, 5)]),
    lambda m: m.tensor(BASE).transpose(1, 2).repeat(1, 1, 1),
    lambda m: m.tensor(BASE).transpose(0, 2).tile((1, 1)),
    lambda m: m.tensor(BASE).transpose(0, 2).repeat(2, 1, 1, 1),
])
def test_joins_and_repeats_are_row_major_as_pytorch_allocates_them(make) -> None:
    # PyTorch's cat allocates row-major (channels-last when every input suggests it) and
    # repeat row-major; NumPy's concatenate and tile kept the inputs' layout
    t, k = both(make)
    assert_same_layout(t, k)


@pytest.mark.parametrize("shapes", [
    ((3, 4, 5), (2,), False, False), ((3, 4, 5), (2,), True, False),
    ((3, 4, 5), (2,), False, True), ((3, 4, 5), (1, 2), False, False),
    ((3, 4, 5), (4, 2), False, False), ((3, 4, 5), (), False, False),
    ((5,), (2,), False, False), ((5,), (2,), False, True), ((3, 4, 0), (2,), False, False),
    ((2, 3, 4, 5), (3, 4, 2), False, False), ((3, 4, 5), (5, 3, 4, 2), False, False),
], ids=str)
def test_linear_folds_only_contiguous_input_with_a_contiguous_vector_bias(shapes) -> None:
    # PyTorch: addmm on the folded input (ViewBackward0) when the input is contiguous and the
    # bias a contiguous vector (after squeeze), else matmul then bias added in place
    x_shape, b_shape, transposed, stepped = shapes

    def make(m):
        x = m.tensor(np.arange(1.0, 1 + np.prod(x_shape)).reshape(x_shape) / 10,
                     requires_grad=True)
        w = m.tensor(np.arange(1.0, 1 + 2 * x_shape[-1]).reshape(2, -1) / 7, requires_grad=True)
        n = int(np.prod(b_shape))
        b0 = m.tensor(np.arange(1.0, 1 + 2 * n) / 3, requires_grad=True)
        b = (b0[::2] if stepped else b0[:n]).reshape(b_shape)
        try:
            y = m.nn.functional.linear(x.transpose(0, 1) if transposed else x, w, b)
        except RuntimeError as error:  # (a bias that does not fit: add_'s error)
            return str(error), None
        y.backward(m.full(y.shape, 0.5))
        return type(y.grad_fn).__name__, y._version, y, x.grad, w.grad, b0.grad
    t, k = both(make)
    assert t[:2] == k[:2]
    for a, b in zip(t[2:], k[2:]):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-6)


@pytest.mark.parametrize("shapes", [((1, 3), (1, 0), (4, 3, 0)), ((1, 0), (1, 2), (4, 0, 2)),
                                    ((2, 0), (2, 0), (4, 0, 0))], ids=str)
def test_bilinear_with_no_input_features_fails_as_in_pytorch(shapes) -> None:
    t, k = outcome(lambda m: m.nn.functional.bilinear(*(m.ones(*s) for s in shapes)))
    assert t == k


@pytest.mark.parametrize("case", [
    ((4, 3, 2), 0, 1, "int64", -1), ((4, 3, 2), 1, 1, "int64", -1), ((4, 3, 2), 2, 1, "int64", 2),
    ((4, 3, 2), -1, 1, "int64", -1), ((4, 3), 0, 1, "int32", -1), ((4, 3), 0, 2, "int64", 4),
    ((4, 3), 0, 1.0, "int64", 9), ((4, 3), 0, True, "int64", -1), ((4, 3, 0), 1, 1, "int64", 5),
    ((4, 0), 0, 1, "int64", -1), ((4,), 0, 1, "int64", -1), ((4,), 0, 1, "int64", 4),
    ((3,), 0, 2, "int64", 2),
], ids=str)
def test_index_add_out_of_range_errors(case) -> None:
    # PyTorch hands a ≥2-D x along its first or last dim (int64 index, alpha 1) to
    # scatter_add_ (RuntimeError 'index -1 is out of bounds ...'); its own loop says
    # IndexError 'index out of range in self'
    shape, dim, alpha, dtype, bad = case

    def make(m):
        size = list(shape)
        size[dim] = 2
        return m.zeros(*shape).index_add(dim, m.tensor([0, bad], dtype=getattr(m, dtype)),
                                         m.ones(*size), alpha=alpha)
    t, k = outcome(make)
    assert t == k


@pytest.mark.parametrize("case", [((2, 0, 2), 1, [0]), ((0, 2), 0, [0]), ((0,), 0, [0]),
                                  ((2, 0), -1, [0]), ((2, 0, 2), 1, []), ((2, 0), 1, 0),
                                  ((2, 3), 1, [5]), ((2, 3), 0, [5])], ids=str)
def test_index_select_along_an_empty_dimension(case) -> None:
    shape, dim, index = case
    t, k = outcome(lambda m: m.zeros(*shape).index_select(dim, m.tensor(index, dtype=m.int64)))
    assert t == k


@pytest.mark.parametrize("case", [((1, 0, 0), -1, 0), ((1, 3), -1, 5), ((1, 3), -2, -5)],
                         ids=str)
def test_select_out_of_range_names_the_wrapped_dimension(case) -> None:
    shape, dim, index = case
    t, k = outcome(lambda m: m.zeros(*shape).select(dim, index))
    assert t == k
    t, k = outcome(lambda m: m.select_scatter(m.zeros(*shape), m.zeros(1), dim, index))
    assert t == k


@pytest.mark.parametrize("call", [lambda x: x.repeat(()), lambda x: x.repeat([]),
                                  lambda x: x.tile(()), lambda x: x.repeat(2)])
def test_repeat_of_a_0_dim_tensor(call) -> None:
    t, k = outcome(with_grads(())(lambda m, x: call(x)))
    assert t == k


@pytest.mark.parametrize("name", ["special.ndtr", "erfinv", "i0", "special.i0e", "special.i1",
                                  "special.i1e", "special.erfcx", "special.log_ndtr", "sinc",
                                  "lgamma", "digamma"])
@pytest.mark.parametrize("view", [lambda x: x.transpose(0, 2), lambda x: x[:, ::2],
                                  lambda x: x.permute(1, 2, 0)[..., 1:]])
def test_one_input_ops_keep_their_inputs_layout(name, view) -> None:
    # PyTorch's TensorIterator lays a one-input result out as its input (a transposed x
    # gives a transposed result); formulas over NumPy arrays came out row-major
    def make(m):
        out = m
        for part in name.split("."):
            out = getattr(out, part)
        x = view(m.tensor(BASE / 30 + 0.1))
        return out(x)
    t, k = both(make)
    assert tuple(t.shape) == tuple(k.shape)
    assert strides_of_long_dims(t) == strides_of_long_dims(k)
    assert t.is_contiguous() == k.is_contiguous()
    np.testing.assert_allclose(t.numpy(), k.numpy(), rtol=1e-12)


@pytest.mark.parametrize("view", [lambda x: x.transpose(0, 2), lambda x: x[:, :, ::2],
                                  lambda x: x.permute(1, 2, 0)[..., 1:],
                                  lambda x: x.transpose(1, 2)])
@pytest.mark.parametrize("call", [
    lambda x, d: x.sort(d).values, lambda x, d: x.sort(d, descending=True).indices,
    lambda x, d: x.argsort(d), lambda x, d: x.msort(), lambda x, d: x.flip(()),
    lambda x, d: x.flip(d), lambda x, d: x.flip((2, d) if d == 0 else (0, d)),
    lambda x, d: x.topk(1, d).values,
    lambda x, d: x.argsort(d, descending=True),
], ids=["sort", "sort-indices", "argsort", "msort", "flip-none", "flip", "flip-two", "topk",
        "argsort-desc"])
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_sort_and_flip_fill_a_result_in_their_inputs_layout(view, call, dim) -> None:
    # PyTorch's sort and flip fill empty_like(x) (x's layout; topk stays row-major)
    def make(m):
        x = view(m.tensor(np.random.default_rng(3).permutation(24).reshape(2, 3, 4) * 1.0))
        return call(x, dim)
    t, k = both(make)
    assert_same_layout(t, k)


@pytest.mark.parametrize("case", [((2, 0), (0, -1)), ((0, 2), (-2, 1)), ((0, 0), (-1, -2)),
                                  ((2, 0), [-1]), ((1, 0, 2), (-2,)), ((2, 0), -1)], ids=str)
@pytest.mark.parametrize("name", ["amax", "amin"])
def test_amax_over_an_empty_dim_names_it_as_given(case, name) -> None:
    shape, dim = case
    t, k = outcome(lambda m: getattr(m.ones(*shape), name)(dim))
    assert t == k


@pytest.mark.parametrize("case", [((0, 4), {"dim": 0, "keepdim": True}), ((0, 4), {"dim": -2}),
                                  ((0,), {}), ((2, 0), {}), ((2, 0), {"dim": 0})], ids=str)
def test_aminmax_over_an_empty_dim(case) -> None:
    shape, kwargs = case
    t, k = outcome(lambda m: tuple(m.aminmax(m.ones(*shape), **kwargs)))
    assert t == k


@pytest.mark.parametrize("dtype", ["bool", "int64", "uint8", "float32"])
def test_trace_of_each_dtype(dtype) -> None:
    t, k = outcome(lambda m: m.ones(3, 4, dtype=getattr(m, dtype)).trace())
    assert t == k


@pytest.mark.parametrize("call", [
    lambda m, x: x.index_put((m.tensor([1, 0]),), m.tensor(2.0)),
    lambda m, x: x.put(m.tensor([1]), m.tensor([2.0])),
    lambda m, x: x.index_fill(0, m.tensor([1, 0]), 2.0),
    lambda m, x: m.diagonal_scatter(x, m.ones(3)),
    lambda m, x: m.select_scatter(x, m.ones(4), 0, 0),
    lambda m, x: m.slice_scatter(x, m.ones(1, 4), 0, 0, 1),
    lambda m, x: x.masked_fill(m.tensor([[True, False, True, False]]), 2.0),
    lambda m, x: x.masked_fill(x > 3, 0.0),
    lambda m, x: x.roll(1, 0),
    lambda m, x: x.roll(2),
    lambda m, x: x.index_add(0, m.tensor([1, 0]), m.ones(2, 4)),
    lambda m, x: x.scatter(0, m.tensor([[1, 0]]), 2.0),
], ids=["index_put", "put", "index_fill", "diagonal_scatter", "select_scatter",
        "slice_scatter", "masked_fill", "masked_fill-same", "roll", "roll-flat", "index_add",
        "scatter"])
def test_out_of_place_writes_lay_out_their_result_as_pytorch(call) -> None:
    # index_put/put/index_fill and the *_scatter views write into x.clone() (x's layout);
    # masked_fill and roll give row-major results
    t, k = both(lambda m: call(m, m.arange(12.0).reshape(4, 3).t()))
    assert_same_layout(t, k)


@pytest.mark.parametrize("size", [0, 1])
def test_unfold_of_a_0_dim_tensor_is_one_window_of_size(size) -> None:
    t, k = outcome(with_grads(())(lambda m, x: x.unfold(0, size, 2)))
    assert t == k


@pytest.mark.parametrize("sizes", [(1,), (1, 1), (-1,)])
def test_unflatten_of_a_0_dim_tensor(sizes) -> None:
    def make(m):
        try:
            return m.tensor(2.0).unflatten(0, sizes)
        except RuntimeError as error:  # (PyTorch appends its C++ stack: the first two lines)
            return "\n".join(str(error).splitlines()[:2])
    t, k = both(make)
    assert t == k


@pytest.mark.parametrize("case", [((4,), (0, 1, 2, 3), (1, 1)), ((4,), (0, 1, 2, 3), (1, 4)),
                                  ((4, 4), (0, 1), (1, 4)), ((4, 4), (0, 1), (2,)),
                                  ((4, 4), (0, 1), (2, 1)), ((2, 1), (0,), (1, 1)),
                                  ((1, 2), (), (1, 0, 1))], ids=str)
@pytest.mark.parametrize("form", ["index_put", "index_put_", "accumulate"])
def test_index_put_expands_the_values_as_given(case, form) -> None:
    # PyTorch's index_put keeps the values' leading 1s (x[i] = v drops them)
    shape, index, value = case

    def make(m):
        x, i = m.zeros(*shape), m.tensor(index, dtype=m.int64)
        v = m.ones(*value)
        if form == "index_put_":
            return x.index_put_((i,), v)
        return x.index_put((i,), v, accumulate=form == "accumulate")
    t, k = outcome(make)
    assert t == k


@pytest.mark.parametrize("dtype", ["int64", "bool", "uint8"])
@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (0, 2)])
def test_glu_refuses_non_floats(dtype, shape) -> None:
    t, k = outcome(lambda m: m.nn.functional.glu(m.ones(*shape, dtype=getattr(m, dtype)), 0))
    assert t == k


@pytest.mark.parametrize("call", [lambda m, x: x.roll(1), lambda m, x: x.roll(1, 0),
                                  lambda m, x: x.masked_fill(m.tensor(True), 2.0),
                                  lambda m, x: m.cummax(x, 0).values,
                                  lambda m, x: x.repeat(1, 2)])
def test_row_major_results_of_a_0_dim_tensor_stay_0_dim(call) -> None:
    t, k = outcome(with_grads(())(call))
    assert t == k
