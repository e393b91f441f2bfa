"""What a learner sees printed, type promotion and indexing, compared live with PyTorch
(round 19, helper ff): each test runs the same snippet with ``torch`` and with the kit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(lib: Any, call: Callable[[Any], Any]) -> Any:
    """What the call gives (as text, 'torch' spelled as the kit), or its error's type and
    message."""
    try:
        result = call(lib)
    except Exception as error:  # noqa: BLE001 - the comparison is the point
        return type(error).__name__, str(error).replace("torch.", "autograd_kit.")
    return repr(result).replace("torch.", "autograd_kit.")


def _same(call: Callable[[Any], Any]) -> None:
    assert _outcome(ak, call) == _outcome(torch, call)


def _node(t: Any) -> str:
    return type(t.grad_fn).__name__


# A slice PyTorch skips only as written (start 0 or none, stop the size or beyond or none,
# step 1): a negative start that covers every row is still a Slice, and writing through it
# a CopySlices.
FULL_SLICES = [slice(-3, None), slice(-100, None), slice(-3, 3), slice(0, 100), slice(None),
               slice(0, 3), slice(None, None, 1)]


@pytest.mark.parametrize("part", FULL_SLICES, ids=str)
@pytest.mark.parametrize("value", ["scalar", "0-dim", "row"])
def test_writing_through_a_slice_covering_every_row(part, value):
    def call(lib):
        x = lib.ones(3, requires_grad=True)
        z = x * 1
        v = {"scalar": 5.0, "0-dim": lib.tensor(5.0, requires_grad=True),
             "row": lib.tensor([5.0, 6.0, 7.0], requires_grad=True)}[value]
        z[part] = v
        (z * lib.tensor([1.0, 2.0, 3.0])).sum().backward()
        return _node(z), z._version, z.tolist(), x.grad.tolist(), getattr(v, "grad", None)
    _same(call)


@pytest.mark.parametrize("key", [(slice(None), slice(-3, None)), (slice(-2, None),),
                                 (slice(None), slice(None, 100)), (Ellipsis, slice(-3, 3))],
                         ids=str)
def test_reading_a_slice_covering_every_row(key):
    def call(lib):
        x = lib.ones(2, 3, requires_grad=True)
        y = x[key]
        return _node(y), y._base is x, y.shape
    _same(call)


# index_fill takes only int64 indices (an IndexError, int32 included), checks a value tensor's
# dimensions first, and refuses an index of 2 or more dimensions.
@pytest.mark.parametrize("index_dtype", ["int64", "int32", "int16", "uint8", "float32"])
@pytest.mark.parametrize("value", ["number", "0-dim", "1-dim"])
@pytest.mark.parametrize("method", ["index_fill", "index_fill_", "function"])
def test_index_fill_index_checks(index_dtype, value, method):
    def call(lib):
        x = lib.zeros(3, 2)
        index = lib.tensor([0, 2], dtype=getattr(lib, index_dtype))
        v = {"number": 2.0, "0-dim": lib.tensor(2.0), "1-dim": lib.tensor([2.0])}[value]
        if method == "function":
            return lib.index_fill(x, 0, index, v)
        return getattr(x, method)(0, index, v)
    _same(call)


@pytest.mark.parametrize("dim", [0, 1, 5])
def test_index_fill_matrix_index(dim):
    _same(lambda lib: lib.zeros(3, 2).index_fill(dim, lib.tensor([[0], [1]]), 1.0))


# A float32 (or integer → float32) power reads a Python exponent as a double: 1e40 gives inf
# (and in place on an integer tensor, the cast error); float16 and integer exponents are
# still checked against the tensor's type.
@pytest.mark.parametrize("dtype", ["float16", "float32", "int64", "int8", "uint8", "bool"])
@pytest.mark.parametrize("exponent", [1e40, -1e40, 70000.0, 300, 2**40, 1e300])
@pytest.mark.parametrize("in_place", [False, True])
def test_power_of_a_huge_exponent(dtype, exponent, in_place):
    def call(lib):
        x = lib.tensor([3, 1], dtype=getattr(lib, dtype))
        return (x.pow_(exponent) if in_place else x ** exponent).tolist()
    _same(call)


def test_power_of_a_huge_exponent_gradient():
    def call(lib):
        x = lib.tensor([3.0, 0.5], requires_grad=True)
        y = x ** 1e40
        y.sum().backward()
        return y, x.grad
    _same(call)


def _warnings(lib: Any, call: Callable[[Any], Any]) -> list[tuple[str, str]]:
    """The warnings the call gives: text, and whether they point at this file (the
    learner's line) or elsewhere."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call(lib)
    return [(str(w.message), w.filename == __file__) for w in caught]


# A uint8 index warns at the learner's line, and again in each backward that indexes the
# gradient with it (IndexBackward0 once; index_put twice when both inputs need a gradient).
@pytest.mark.parametrize("snippet", [
    lambda lib, x, m, v: x[m],
    lambda lib, x, m, v: x.reshape(2, 3)[m[:2], 1:],
    lambda lib, x, m, v: (x * 1).index_put((m,), v),
    lambda lib, x, m, v: lib.zeros(6).index_put((m,), v),
    lambda lib, x, m, v: x.index_put((m,), v.detach()),
    lambda lib, x, m, v: x.index_put((m,), v, accumulate=True),
    lambda lib, x, m, v: x.index_put((m,), v.detach(), accumulate=True),
])
def test_uint8_index_warnings(snippet):
    def call(lib):
        x = lib.arange(6.0).requires_grad_()
        m = lib.tensor([1, 0, 1, 0, 1, 0], dtype=lib.uint8)
        v = lib.tensor([2.0, 3.0, 4.0], requires_grad=True)
        snippet(lib, x, m, v).sum().backward(retain_graph=True)
    kit, reference = _warnings(ak, call), _warnings(torch, call)
    assert [text for text, _ in kit] == [text for text, _ in reference]
    assert kit[0][1] and reference[0][1]  # (the forward's, at the learner's line)


# tensor(t) and t0.new_tensor(t) warn at the learner's line, as PyTorch does (the kit's
# warning pointed at its own factory wrapper, so Python showed it once for every line).
@pytest.mark.parametrize("snippet", [
    lambda lib: lib.tensor(lib.ones(2)),
    lambda lib: lib.tensor(lib.ones(2), dtype=lib.float64),
    lambda lib: lib.tensor(lib.ones(2, requires_grad=True), requires_grad=True),
    lambda lib: lib.ones(2).new_tensor(lib.ones(2)),
])
def test_copy_construct_warning_points_at_the_learner(snippet):
    kit, reference = _warnings(ak, snippet), _warnings(torch, snippet)
    assert [(text.replace("autograd_kit.", "torch."), here) for text, here in kit] == reference


# gather / index_select / index_add / index_copy / take_along_dim / scatter: PyTorch's
# checks in its order (dim first), and its messages.
def _index_call(name: str, x_shape: tuple[int, ...], dim: int, index: Any, index_dtype: str,
                source_shape: Any = None) -> Callable[[Any], Any]:
    def call(lib):
        x = lib.arange(float(max(1, int(__import__("math").prod(x_shape))))).reshape(x_shape) \
            if x_shape else lib.tensor(5.0)
        i = lib.tensor(index, dtype=getattr(lib, index_dtype))
        source = None if source_shape is None else lib.ones(source_shape)
        if name == "gather":
            return x.gather(dim, i)
        if name == "index_select":
            return x.index_select(dim, i)
        if name == "take_along_dim":
            return lib.take_along_dim(x, i, dim)
        if name == "scatter_add":
            return x.scatter_add(dim, i, source)
        return getattr(x, name)(dim, i, source)
    return call


INDEX_CASES = [
    ("gather", (2, 3), 5, [[0]], "int16"),          # dim before the index's dtype
    ("gather", (2, 3), 5, [0], "int64"),            # dim before the index's dimensions
    ("gather", (2, 3), 1, [0], "int16"),            # dtype before dimensions
    ("gather", (), 0, -1, "int64"),                 # a 0-dim x holds one value, at 0
    ("gather", (), 0, 1, "int64"),
    ("gather", (), 1, 0, "int64"),
    ("gather", (), -1, 0, "int64"),
    ("gather", (3,), 0, -1, "int64"),
    ("index_select", (2, 3), 5, [[0]], "int64"),
    ("index_select", (2, 3), 5, [0], "int16"),
    ("index_select", (2, 3), 0, [[0]], "int16"),
    ("take_along_dim", (3, 2), 1, [[0]] * 4, "int64"),   # PyTorch's broadcast error
    ("take_along_dim", (3, 2), 5, [[0]], "int32"),       # int32 refused (with a dim)
    ("take_along_dim", (3, 2), 5, [0], "int32"),         # dimensions first
    ("take_along_dim", (3, 2), 5, [[0]], "int64"),
    ("take_along_dim", (), 0, 0, "int64"),
    ("take_along_dim", (), -1, 0, "int64"),
    ("take_along_dim", (), 1, 0, "int64"),
    ("take_along_dim", (3, 2), None, [[0]], "int32"),    # no dim: gather's checks
]


@pytest.mark.parametrize("name, x_shape, dim, index, index_dtype", INDEX_CASES, ids=str)
def test_index_argument_checks(name, x_shape, dim, index, index_dtype):
    _same(_index_call(name, x_shape, dim, index, index_dtype))


SOURCE_CASES = [
    ("index_add", (3, 2), 1, [0, 1, 0], "int64", (3,)),    # dim beyond the source's
    ("index_add", (3, 2), 5, [[0]], "int64", (3,)),
    ("index_add", (3, 2), -1, [0, 1], "int64", (2,)),
    ("index_add", (3,), 0, [0, 1], "int64", ()),
    ("index_add", (3, 2), 1, [0], "int64", (3, 2, 1)),
    ("index_copy", (3, 4), 1, [0, 1], "int64", (2, 2)),    # the slices' shapes, whole
    ("index_copy", (3, 4), 0, [0, 1], "int64", (2, 5)),
    ("index_copy", (2, 3, 4), 1, [0, 1], "int64", (2, 2, 5)),
    ("index_copy", (3, 4), 1, [0, 1], "int32", (2,)),      # dimensionality before dtype
    ("index_copy", (3, 4), 7, [0, 1], "int32", (2,)),      # dim first
    ("index_copy", (3, 2), 0, [0], "int64", ()),
    ("index_copy", (3,), 0, [0], "int64", ()),
    ("index_copy", (3, 4), 1, [0, 5], "int64", (3, 2)),
    ("scatter_add", (), 0, [[0, 1, 2]], "int64", ()),      # self's dimensions before src's
]


@pytest.mark.parametrize("name, x_shape, dim, index, index_dtype, source_shape", SOURCE_CASES,
                         ids=str)
def test_index_source_checks(name, x_shape, dim, index, index_dtype, source_shape):
    _same(_index_call(name, x_shape, dim, index, index_dtype, source_shape))


def test_gather_of_a_0dim_tensor_gradient():
    def call(lib):
        x = lib.tensor(5.0, requires_grad=True)
        y = x.gather(0, lib.tensor(0))
        y.backward()
        return y, x.grad
    _same(call)


# torch.lerp with an end (or a weight) that no form takes: PyTorch's parser error (the kit
# failed inside with an AttributeError, or took a list as a weight).
@pytest.mark.parametrize("end, weight", [(0.0, "tensor"), (0.0, 0.5), (True, 1), ([1.0, 2.0], 0.5),
                                         ("tensor", [0.5]), ("tensor", True), ("tensor", 0.5)],
                         ids=str)
def test_lerp_arguments(end, weight):
    def call(lib):
        e = lib.zeros(2) if end == "tensor" else end
        w = lib.full((2,), 0.25) if weight == "tensor" else weight
        return lib.lerp(lib.ones(2), e, w)
    _same(call)


# x.logical_and(2), x.logical_or_(True), x.dist(2): PyTorch's parser wants a tensor (the kit
# took the number).
@pytest.mark.parametrize("method", ["logical_and", "logical_or", "logical_xor", "logical_and_",
                                    "logical_or_", "logical_xor_", "dist"])
@pytest.mark.parametrize("other", [2, True, 1.5, "tensor"])
def test_methods_wanting_a_tensor(method, other):
    def call(lib):
        x = lib.tensor([1.0, 0.0])
        return getattr(x, method)(lib.tensor([0.0, 1.0]) if other == "tensor" else other)
    _same(call)


# A method given a number where its function wants a tensor says so as PyTorch's method
# does: its own name (hypot_, not hypot) and positions counted without the tensor.
@pytest.mark.parametrize("method", ["gcd", "lcm", "heaviside", "heaviside_", "nextafter",
                                    "nextafter_", "hypot_", "atan2_", "ldexp", "ldexp_", "fmax",
                                    "fmin", "copysign_", "gcd_", "lcm_", "hypot", "logaddexp"])
@pytest.mark.parametrize("other", [2, True])
def test_method_argument_errors_count_without_the_tensor(method, other):
    def call(lib):
        x = lib.tensor([1, 2]) if method[:3] in ("gcd", "lcm") else lib.tensor([1.0, 2.0])
        return getattr(x, method)(other)
    _same(call)


# float64 → float16 goes through float32, as PyTorch's c10::Half is built from a float: the
# values NumPy's direct cast rounds the other way (about 1 in 30,000) print as PyTorch's.
HALF_CASES = {
    "half": lambda lib, a: lib.tensor(a).half(),
    "to": lambda lib, a: lib.tensor(a).to(lib.float16),
    "tensor": lambda lib, a: lib.tensor(a, dtype=lib.float16),
    "list": lambda lib, a: lib.tensor(a.tolist(), dtype=lib.float16),
    "transposed": lambda lib, a: lib.tensor(a.reshape(2, -1)).t().half(),
    "copy_": lambda lib, a: lib.zeros(a.size, dtype=lib.float16).copy_(lib.tensor(a)),
}


@pytest.mark.parametrize("how", sorted(HALF_CASES))
def test_float64_to_float16_rounds_through_float32(how):
    import numpy

    a = numpy.random.default_rng(0).standard_normal(60000)
    twice = a.astype(numpy.float32).astype(numpy.float16)
    a = a[twice != a.astype(numpy.float16)]  # (only the values the two casts disagree on)
    assert a.size
    a = numpy.concatenate([a, a])  # (an even count, for the transposed case)
    kit, reference = (HALF_CASES[how](lib, a).numpy() for lib in (ak, torch))
    assert kit.tobytes() == reference.tobytes()


def test_float64_to_float16_gradient_is_float64():
    def call(lib):
        x = lib.tensor([1.00048828125, 2.0], dtype=lib.float64, requires_grad=True)
        y = x.half()
        y.sum().backward()
        return y, x.grad
    _same(call)
