"""Known mismatches with PyTorch, fixed and compared live: reductions' argument checks, clamp's
bounds, and more (see each test's docstring)."""

from __future__ import annotations

from typing import Any

import numpy
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402


def _outcome(library: Any, code: str, **names: Any) -> tuple[str, str]:
    """What ``code`` gives with ``lib`` the library (and ``names`` made by it): its result's
    repr or its exception's type and message, with the library's name read as 'torch'."""
    scope = {"lib": library, "x": library.tensor([1.0, 2.0, 4.0])}
    scope.update({k: v(library) for k, v in names.items()})
    try:
        result = eval(code, scope)
    except Exception as error:  # noqa: BLE001 (any error is compared)
        return type(error).__name__, str(error).replace("autograd_kit", "torch")
    return "ok", repr(result).replace("autograd_kit", "torch")


def _same(code: str, **names: Any) -> None:
    assert _outcome(ak, code, **names) == _outcome(torch, code, **names)


@pytest.mark.parametrize("code", [
    "x.sum(keepdim=True, dtype=lib.float64)", "x.sum(dtype=lib.float64, keepdim=False)",
    "x.sum(keepdim=True, dtype=None)", "x.mean(keepdim=True, dtype=lib.float64)",
    "x.prod(keepdim=True, dtype=lib.float64)", "x.prod(keepdim=False, dtype=None)",
    "lib.sum(x, keepdim=True, dtype=lib.float64)", "lib.prod(x, keepdim=True, dtype=None)",
    "x.sum(keepdim=True)", "lib.mean(x, keepdim=True)",
    "x.prod()", "x.prod(dtype=lib.float64)", "x.prod(0, keepdim=True, dtype=lib.float64)",
    "x.sum(dtype=lib.float64)", "x.sum(dim=0, keepdim=True, dtype=lib.float64)",
    "x.mean(dtype=lib.float64)", "lib.prod(x)", "lib.prod(x, dtype=lib.float64)",
])
def test_keepdim_and_dtype_without_dim(code: str) -> None:
    """PyTorch's parser: keepdim= and dtype= without a dim fit only the form with a dim, whose
    dim is missing (the kit reduced everything); the kit's own x.prod() still works."""
    _same(code)


@pytest.mark.parametrize("code", [
    "lib.clip(x, min='a')", "lib.clip(x, 'a')", "lib.clip(x, 1, 'a')", "lib.clip(x, foo=1)",
    "lib.clip(x, 1, foo=3)", "lib.clamp(x, foo=3)", "lib.clip(x, 1, 2, 3)", "lib.clip('a', 1)",
    "lib.clamp('a', 1)", "lib.clip(x, x, 1)", "lib.clamp(x, 1, 'a', out=x)",
    "lib.clamp(x, 1, max='a', out=x)", "lib.clamp(x, 1, out=1)", "lib.clamp(x, min=1, input=x)",
    "lib.clamp(min=1)", "lib.clip(x, 'a', min=1)", "x.clip_(min='a')", "x.clip_(1, 'a')",
    "x.clip_(x, 1)", "x.clip_(foo=1)", "x.clip(foo=1)", "x.clip(1, 2, 3)", "x.clip(1, 2, min=3)",
    "x.clip(1, min=3)", "x.clip(1, foo=3)", "x.clip(1, max='a')", "x.clip(min=1, max='a')",
    "x.clip(max='a', min=1)", "x.clip(None, 'a')", "x.clip(1, x)", "lib.clip_(x, 'a')",
    "lib.clamp_(x, 'a')", "lib.clamp_(x, 1, foo=3)", "lib.clamp_('a', 1)", "lib.clamp_(x, 1, 'a')",
    "lib.clamp_('a', 1, 2)", "lib.clamp_(x, 1, max='a')", "lib.clamp_(x, 'a', min=1)",
    "lib.clamp_(input=x, min='a')", "lib.clip_(x, 1)", "lib.clip_(x, max=1)",
    "lib.clamp_(input=x, min=3)", "lib.clamp(input=x, min=3)", "lib.clip(x, x[0], 2)",
    "x.clip(lib.tensor(1), 1.5)", "lib.clip(x, 1, 2, out=lib.empty(3))", "x.clip_(min=x, max=x)",
    "lib.clip(x)", "x.clip_()", "lib.clip(x.requires_grad_(), 0, out=lib.empty(3))",
])
def test_clip_arguments(code: str) -> None:
    """PyTorch lists clip's (clip_'s, torch.clamp_'s) own forms under the name called, for any
    call that fits neither (unknown or repeated keywords, too many arguments, an input that is
    no tensor); the kit named clamp, or gave Python's or its own errors."""
    _same(code)


def _clamp_scope(library: Any) -> dict[str, Any]:
    return {"i": library.tensor([1, 2, 3]), "b": library.tensor([True, False])}


@pytest.mark.parametrize("code", [
    "x.clamp(min=1j)", "x.clamp(1+0j)", "x.clamp(max=2+0j)", "x.clamp(1j, 2)", "x.clamp(1, 2j)",
    "x.clamp(None, 1j)", "x.double().clamp(1j)", "x.half().clamp(1j)", "x.half().clamp(1+0j)",
    "i.clamp(1j)", "i.clamp(1+0j)", "i.clamp(max=1+0j)", "b.clamp(1j)", "x.clamp_(1j)",
    "i.clamp_(1j)", "i.clamp_(1+0j)", "x.clamp_min(1j)", "x.clamp_max(1j)", "i.clamp_min(1j)",
    "x.clamp_min(1+0j)", "x.clamp_min_(1j)", "x.clamp_max_(1+0j)", "i.clamp_min_(1j)",
    "lib.clamp_min(x, 1j)", "lib.clamp(x, 1j, out=x)", "x.clamp(1.5+0j).dtype",
    "i.clamp(1.5+0j)", "x.clamp(min=1, max=1j)", "x.clamp(float('inf')*1j)", "x.clamp(x, 1j)",
    "x.clip(1j)", "x.clamp(2, 1+0j)", "i.clamp(True, 2+0j)", "x.clamp(x[0], 1j)",
    "lib.clamp(i, 1j, out=x)", "i.clamp(1j, out=i)", "i.clamp_(1.5)", "lib.clip_(x, 1j)",
])
def test_clamp_complex_bounds(code: str) -> None:
    """A complex bound: a floating tensor converts it to a double (PyTorch's "value cannot be
    converted to type double without overflow" unless its imaginary part is 0), any other
    makes the result complex ("clamp is not supported for complex types"; in place, "result
    type ComplexFloat can't be cast"); clamp_min/clamp_max refuse any complex number. The
    kit clamped to the real part or failed in NumPy."""
    _same(code, **{k: (lambda lib, k=k: _clamp_scope(lib)[k]) for k in ("i", "b")})


_EXPANDED = ["lib.tensor([[1.]]).expand(3, 1)", "lib.tensor([[1.]]).expand(2, 1, 1)",
             "lib.tensor(2.).expand(1)", "lib.tensor(2.).expand(1, 1)",
             "lib.tensor([1.]).expand(3, 1, 1)", "lib.tensor([[[1.]]]).expand(1, 2, 1)",
             "lib.tensor([[[1.]]]).expand(2, 1, 1, 3)", "lib.arange(6.).reshape(2, 3).t()",
             "lib.arange(6.).reshape(2, 3).t().expand(2, 3, 2)", "lib.arange(6.)[::2]",
             "lib.arange(3.).reshape(3, 1).t()", "lib.arange(24.).reshape(2, 3, 4)[:, :1]",
             "lib.arange(4.).reshape(2, 2)[:, :1]", "lib.zeros(0, 3).t()",
             "lib.zeros(2, 0, 3).permute(2, 0, 1)", "lib.zeros(0, 4)[:, ::2]",
             "lib.zeros(0, 3).t().expand(2, 3, 0)"]


@pytest.mark.parametrize("make", _EXPANDED)
@pytest.mark.parametrize("code", [
    "e.to(lib.float64)", "e.double()", "e.to(lib.float16)", "e.int()", "lib.empty_like(e)",
    "lib.zeros_like(e)", "lib.ones_like(e, dtype=lib.float64)", "lib.full_like(e, 2)",
    "lib.zeros_like(e, memory_format=lib.contiguous_format)", "e.clone()",
    "e.to(lib.float64).to(lib.float32)",
])
def test_preserve_format_strides(make: str, code: str) -> None:
    """PyTorch's preserve_format (``.to()``, ``*_like``) keeps every stride of a dense tensor
    (its size-1 dimensions' too: ``tensor(2.).expand(1, 1)`` keeps (0, 0)); the kit gave
    row-major strides there, and NumPy's order for expanded ones (``tensor([[1.]])
    .expand(3, 1).double()``: (1, 3), PyTorch (1, 1))."""
    def outcome(library: Any) -> tuple[Any, ...]:
        e = eval(make, {"lib": library})
        r = eval(code, {"lib": library, "e": e})
        values = None if code == "lib.empty_like(e)" else r.tolist()
        return r.stride(), r.is_contiguous(), str(r.dtype).split(".")[-1], values

    assert outcome(ak) == outcome(torch)


@pytest.mark.parametrize("make", [
    "(lib.arange(3.) / 8).reshape(1, 3).expand(2, 3)",
    "(lib.arange(3.) / 8).reshape(3, 1).expand(2, 3, 1)",
    "(lib.arange(6.) / 8).reshape(2, 1, 3).expand(2, 4, 3)",
    "(lib.arange(6.) / 8).reshape(2, 3).t()",
    "(lib.arange(6.) / 8).reshape(2, 3).t().expand(2, 3, 2)",
    "(lib.arange(24.) / 8).reshape(2, 3, 4)[:, :1]",
    "(lib.arange(6.) / 8).reshape(2, 3).t().expand(1, 3, 2)", "(lib.arange(8.) / 8)[::2]",
    "lib.tensor([[0.5]]).expand(1, 3)", "lib.tensor(0.5).expand(1, 1, 4)",
])
@pytest.mark.parametrize("name", ["exp", "log", "cos", "tanh", "sigmoid", "exp2", "expm1",
                                  "atan", "log2", "tan", "asin", "acos", "log10", "sin",
                                  "log1p", "sinh"])
def test_float32_unary_result_strides(make: str, name: str) -> None:
    """A float32 function of a tensor alone is laid out as PyTorch's TensorIterator lays it
    out (an expanded dimension keeps its place; a dense input's strides kept): the kit's
    float32 paths (computed in float64, or in SLEEF's steps) sorted the dimensions by stride
    (``arange(3.).reshape(1, 3).expand(2, 3).exp().stride()``: (1, 2), PyTorch (3, 1))."""
    def outcome(library: Any) -> tuple[Any, Any]:
        e = eval(make, {"lib": library})
        r = getattr(e, name)()
        return r.stride(), r

    (k_stride, k), (t_stride, t) = outcome(ak), outcome(torch)
    assert k_stride == t_stride
    numpy.testing.assert_allclose(k.numpy(), t.numpy(), rtol=1e-6)


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("shape", [(5,), (3, 7), (2, 3, 16), (4, 33), (1, 1000), (2, 17, 33),
                                   (4, 2, 9, 7), (2, 50, 40), (3, 2000)])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_float16_softmax_bits(threads: int, shape: tuple[int, ...], name: str) -> None:
    """float16 softmax/log_softmax over every dim, bit for bit: PyTorch computes Half in
    float32 (its lastdim log_softmax keeps Σe and log Σe as Halves; its other-dim softmax
    rounds twice where a vector does not fit); the kit computed in float16 with NumPy."""
    rng = numpy.random.default_rng(sum(shape))
    x = (rng.standard_normal(shape) * 4).astype(numpy.float16)
    before = torch.get_num_threads(), ak.get_num_threads()
    torch.set_num_threads(threads)
    ak.set_num_threads(threads)
    try:
        for dim in range(len(shape)):
            want = getattr(torch.tensor(x), name)(dim).numpy()
            got = getattr(ak.tensor(x), name)(dim).numpy()
            assert got.dtype == want.dtype
            assert got.tobytes() == want.tobytes(), dim
    finally:
        torch.set_num_threads(before[0])
        ak.set_num_threads(before[1])


@pytest.mark.parametrize("code", [
    "lib.tensor(3).softmax(0)", "lib.tensor(3).log_softmax(-1)", "lib.tensor(True).softmax(0)",
    "lib.softmax(lib.tensor(3), 0)", "lib.tensor(3).softmax(1)", "lib.tensor([1, 2]).softmax(0)",
    "lib.tensor(3).softmax(0, dtype=lib.float32)", "lib.tensor(3., dtype=lib.float16).softmax(0)",
    "lib.log_softmax(lib.tensor(3, dtype=lib.int32), 0)",
])
def test_softmax_of_a_0_dim_integer(code: str) -> None:
    """A 0-dim integer tensor runs PyTorch's last-dim kernel ("softmax_lastdim_kernel_impl"
    not implemented for 'Long'); the kit named the other kernel."""
    _same(code)


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("shapes", ["(n,)|(n,)", "(n,)|()", "()|(n,)", "(3,n)|(1,n)",
                                    "(3,n)|(3,1)", "(n,3)|(n,3)", "(4,n)|(n,)"])
@pytest.mark.parametrize("name", ["maximum", "minimum", "max", "min", "fmax", "fmin"])
def test_signed_zero_ties(threads: int, dtype: str, shapes: str, name: str) -> None:
    """+0 against -0: PyTorch's scalar loop returns the first operand, its vector loop (two
    vectors at a time along contiguous rows) the second; fmax/fmin the first. The kit gave
    NumPy's choice everywhere (the second for float32/float64, the first for float16)."""
    before = torch.get_num_threads(), ak.get_num_threads()
    torch.set_num_threads(threads)
    ak.set_num_threads(threads)
    try:
        for n in (1, 9, 16, 17, 33, 100, 40000):
            first, second = (eval(s.replace("n", str(n))) for s in shapes.split("|"))
            for flip in (False, True):
                def signs(library: Any, first: Any = first, second: Any = second,
                          flip: bool = flip, n: int = n) -> Any:
                    kind = getattr(library, dtype)
                    a = library.zeros(first, dtype=kind, requires_grad=True)
                    b = (-library.zeros(second, dtype=kind)).requires_grad_()
                    a, b = (-a, -b) if flip else (a, b)
                    out = getattr(library, name)(a, b)
                    out.sum().backward() if n < 100 else None
                    return numpy.signbit(out.detach().numpy()).tolist()

                assert signs(ak) == signs(torch), (n, flip)
    finally:
        torch.set_num_threads(before[0])
        ak.set_num_threads(before[1])


@pytest.mark.parametrize("name", ["maximum", "minimum", "max", "min", "fmax", "fmin"])
def test_signed_zero_tie_gradients(name: str) -> None:
    """The gradient at a tie (±0 or equal values) splits as PyTorch's does (halves for
    maximum/minimum, all to the first operand for fmax/fmin)."""
    def grads(library: Any) -> Any:
        a = library.tensor([0.0, -0.0, 0.0, 1.0, 2.0], requires_grad=True)
        b = library.tensor([-0.0, 0.0, 0.0, 1.0, 1.0], requires_grad=True)
        getattr(library, name)(a, b).backward(library.tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
        return a.grad.tolist(), b.grad.tolist()

    assert grads(ak) == grads(torch)



@pytest.mark.parametrize("code", [
    "lib.zeros(3).masked_scatter_(lib.tensor([True,False]), lib.ones(3))",
    "lib.zeros(3).masked_scatter_(lib.tensor([1,0,1]), lib.ones(3))",
    "lib.zeros(3).masked_scatter_(lib.tensor([True,False,True]), lib.ones(1))",
    "lib.zeros(3).masked_scatter_(lib.tensor([True,False,True]), lib.ones(3,dtype=lib.float64))",
    "lib.zeros(3).masked_scatter_(lib.tensor([True,False,True]), 1.0)",
    "lib.zeros(3).masked_scatter_(lib.tensor([[True,False,True]]*2), lib.ones(6))",
    "lib.zeros(2,3).masked_scatter_(lib.tensor([True,False,True]), lib.ones(6))",
    "lib.zeros(3).masked_scatter(lib.tensor([True,False]), lib.ones(3))",
    "lib.zeros(3).masked_scatter(lib.tensor([1,0,1]), lib.ones(3))",
    "lib.zeros(3).masked_scatter(lib.tensor([True,False,True]), lib.ones(1))",
    "lib.zeros(3).masked_scatter(lib.tensor([True,False,True]), lib.ones(3,dtype=lib.float64))",
    "lib.zeros(2,3,2).baddbmm_(lib.ones(2,3,4), lib.ones(2,4,2))",
    "lib.zeros(2,3,2).baddbmm_(lib.ones(2,3,4), lib.ones(2,5,2))",
    "lib.zeros(2,3,2).baddbmm_(lib.ones(3,3,4), lib.ones(2,4,2))",
    "lib.zeros(1,3,2).baddbmm_(lib.ones(2,3,4), lib.ones(2,4,2))",
    "lib.zeros(3,2).baddbmm_(lib.ones(2,3,4), lib.ones(2,4,2))",
    "lib.zeros(2,3,2).baddbmm_(lib.ones(3,4), lib.ones(2,4,2))",
    "lib.zeros(2,3,2).baddbmm_(lib.ones(2,3,4,dtype=lib.float64), lib.ones(2,4,2))",
    "lib.zeros(2,3,2,dtype=lib.float64).baddbmm_(lib.ones(2,3,4), lib.ones(2,4,2))",
    "lib.zeros(2,3,2,dtype=lib.int64).baddbmm_(lib.ones(2,3,4,dtype=lib.int64), "
    "lib.ones(2,4,2,dtype=lib.int64))",
    "lib.zeros(2,3,3).baddbmm_(lib.ones(2,3,4), lib.ones(2,4,2))",
    "lib.zeros(2,3,2).baddbmm(lib.ones(2,3,4), lib.ones(2,5,2))",
    "lib.zeros(3).addmv_(lib.ones(3,4), lib.ones(4))",
    "lib.zeros(3).addmv_(lib.ones(3,4), lib.ones(5))",
    "lib.zeros(2).addmv_(lib.ones(3,4), lib.ones(4))",
    "lib.zeros(1).addmv_(lib.ones(3,4), lib.ones(4))",
    "lib.zeros(3,1).addmv_(lib.ones(3,4), lib.ones(4))",
    "lib.zeros(3).addmv_(lib.ones(4), lib.ones(4))",
    "lib.zeros(3).addmv_(lib.ones(3,4), lib.ones(4,1))",
    "lib.zeros(3).addmv_(lib.ones(3,4,dtype=lib.float64), lib.ones(4))",
    "lib.zeros(3,dtype=lib.float64).addmv_(lib.ones(3,4), lib.ones(4))",
    "lib.zeros(3,dtype=lib.int64).addmv_(lib.ones(3,4), lib.ones(4))",
    "lib.zeros(3).addmv(lib.ones(3,4), lib.ones(5))",
    "lib.zeros(()).addmv_(lib.ones(3,4), lib.ones(4))",
    "lib.zeros(3).addmv_(lib.ones(3,4), lib.ones(4), beta=0.5, alpha=2)",
    "lib.zeros(3, 1).addmv(lib.ones(3, 4), lib.ones(4))",
    "lib.zeros(3, 1).addmv(lib.ones(3, 4, dtype=lib.float64), lib.ones(4))",
    "lib.zeros(()).addmv(lib.ones(3), lib.ones(4))",
    "lib.zeros(2, 2, 2).baddbmm_(lib.ones(2, 3, 4, dtype=lib.float64), lib.ones(2, 4, 2))",
    "lib.zeros(2, 3, 2).baddbmm_(lib.ones(2, 3, 4), lib.ones(2, 4))",
    "lib.zeros(2, 3, 2).baddbmm_(lib.ones(3), lib.ones(2, 4, 2))",
    "lib.zeros(1, 3, 2).baddbmm_(lib.ones(2, 3, 4), lib.ones(2, 5, 2))",
    "lib.zeros(3).masked_scatter_(1, lib.ones(3))",
])
def test_inplace_product_and_scatter_errors(code: str) -> None:
    """masked_scatter_, baddbmm_ and addmv_ refuse what PyTorch refuses, in its order and
    words: in place, input is not broadcast ("Bad in-place call: ...", the mask or input
    expanded with expand's words), addmv counts input's dims in "vector + matrix @ vector
    expected", a number is no tensor; the kit broadcast first, or failed in NumPy."""
    _same(code)


@pytest.mark.parametrize("code", [
    "lib.clamp(lib.ones(3), 0, out=lib.empty(3, dtype=lib.int64))",
    "lib.clamp(lib.ones(3), 0, out=lib.empty(3, dtype=lib.float64))",
    "lib.clamp(lib.ones(3, dtype=lib.int64), 0, out=lib.empty(3))",
    "lib.clamp(lib.ones(3, dtype=lib.int64), 0.5, out=lib.empty(3, dtype=lib.int64))",
    "lib.clamp_max(lib.ones(3), 0, out=lib.empty(3, dtype=lib.float16))",
    "lib.clamp_min(lib.ones(3), 0, out=lib.empty(3, dtype=lib.int64))",
    "lib.clamp(lib.ones(3), 0, 1, out=lib.empty(3, dtype=lib.bool))",
    "lib.clip(lib.ones(3), 0, out=lib.empty(3, dtype=lib.float64))",
    "lib.clamp(lib.ones(3), lib.zeros(3), out=lib.empty(3, dtype=lib.float64))",
    "lib.clamp(lib.ones(3), lib.zeros(3), out=lib.empty(3, dtype=lib.int64))",
    "lib.clamp(lib.ones(3), 0, out=lib.empty(3))", "lib.add(lib.ones(3), 1, out=lib.empty(3))",
])
def test_clamp_number_bounds_out_dtype(code: str) -> None:
    """clamp/clamp_min/clamp_max with number bounds write only into an out of the result's
    own type (PyTorch: "Found dtype Long but expected Float"); the kit cast like add's out=
    or said "result type Float can't be cast"."""
    _same(code)
