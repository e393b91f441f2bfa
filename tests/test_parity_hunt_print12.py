"""What learners see, compared live with PyTorch: error types and messages found by the
print/complain hunt (round 12)."""

from __future__ import annotations

import itertools

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(lib, call):
    """The result's dtype, or the error's type and text ('torch' spelled as the kit)."""
    try:
        result = call(lib)
    except Exception as error:  # noqa: BLE001 - the comparison is the point
        return type(error).__name__, str(error).replace("torch.", "autograd_kit.")
    return "ok", str(result.dtype).split(".")[-1]


def _same(call):
    assert _outcome(ak, call) == _outcome(torch, call)


DTYPE_COMBOS = list(itertools.product(["float32", "float64", "int64"], repeat=3))


@pytest.mark.parametrize("names", DTYPE_COMBOS)
@pytest.mark.parametrize("name, shapes", [
    ("addmm", ((2,), (2, 2), (2, 2))), ("addmm", ((1, 2), (2, 2), (2, 2))),
    ("baddbmm", ((1, 2, 2), (1, 2, 2), (1, 2, 2))),
    ("addbmm", ((2, 2), (1, 2, 2), (1, 2, 2))),
])
def test_mixed_dtype_products(name, shapes, names):
    _same(lambda lib: getattr(lib, name)(
        *[lib.ones(*s, dtype=getattr(lib, n)) for s, n in zip(shapes, names)]))


def test_addbmm_empty_batch_mixed_dtypes_is_fine():
    _same(lambda lib: lib.addbmm(lib.ones(2, 2), lib.ones(0, 2, 2),
                                 lib.ones(0, 2, 2, dtype=lib.float64)))


@pytest.mark.parametrize("bias", [(3,), (1, 1, 2), (3, 2), (1,), (2, 1)])
@pytest.mark.parametrize("beta", [1, 2])
def test_addmm_bias_that_does_not_expand(bias, beta):
    _same(lambda lib: lib.addmm(lib.ones(*bias), lib.ones(2, 2), lib.ones(2, 2), beta=beta))


@pytest.mark.parametrize("a, b", [("float32", "float64"), ("int64", "float32")])
@pytest.mark.parametrize("call", [
    lambda lib, a, b: lib.inner(lib.ones(2, dtype=a), lib.ones(2, dtype=b)),
    lambda lib, a, b: lib.tensordot(lib.ones(2, 2, dtype=a), lib.ones(2, 2, dtype=b)),
    lambda lib, a, b: lib.linalg.cross(lib.ones(3, dtype=a), lib.ones(3, dtype=b)),
    lambda lib, a, b: lib.cross(lib.ones(3, dtype=a), lib.ones(3, dtype=b), dim=0),
])
def test_mixed_dtype_messages(call, a, b):
    _same(lambda lib: call(lib, getattr(lib, a), getattr(lib, b)))


@pytest.mark.parametrize("args", [("",), ("", 0), (-1,), (5, 1), (True,), (3.5,)])
def test_device_refusals(args):
    def outcome(lib):
        try:
            return repr(lib.device(*args))
        except Exception as error:  # noqa: BLE001
            return type(error).__name__, str(error).replace("torch.", "autograd_kit.")
    assert outcome(ak) == outcome(torch)


@pytest.mark.skipif(ak.cuda.is_available() or torch.cuda.is_available(),
                    reason="device(0) is GPU 0 where there is one")
def test_device_number_without_accelerator():
    for lib in (ak, torch):
        with pytest.raises(RuntimeError, match="^Cannot access accelerator device when none is "
                                               "available.$"):
            lib.device(0)


def _message(lib, call):
    try:
        call(lib)
    except Exception as error:  # noqa: BLE001
        return type(error).__name__, str(error).replace("torch.", "autograd_kit.")
    return "ok"


@pytest.mark.parametrize("sizes", [
    (2.0, 2), ((2.0, 2),), ([2.0, 2],), ((2.5,),), ([2.5],), ((True, 2),), (True, 2),
    (2, 2.0), ((2, 2.0),), ("a", 2), (None, 2), (2.5,), (True,),
])
def test_view_sizes_that_are_not_ints(sizes):
    call = lambda lib: lib.ones(4).view(*sizes)  # noqa: E731
    assert _message(ak, call) == _message(torch, call)


@pytest.mark.parametrize("call", [
    lambda lib: lib.ones(4).chunk(2.0), lambda lib: lib.ones(4).chunk(chunks=2.0),
    lambda lib: lib.ones(4).topk(2.0), lambda lib: lib.ones(4).topk(k=2.0),
    lambda lib: lib.ones(4).kthvalue(1.0), lambda lib: lib.ones(4).topk("a"),
    lambda lib: lib.ones(4).topk(lib.tensor(2)), lambda lib: lib.ones(4).chunk(numpy.int64(2)),
])
def test_counts_that_are_not_ints(call):
    assert _message(ak, call) == _message(torch, call)


@pytest.mark.parametrize("call", [
    lambda lib: lib.ones(2).new_zeros(-1), lambda lib: lib.ones(2).new_ones(-1),
    lambda lib: lib.ones(2).new_zeros(2.0), lambda lib: lib.ones(2).new_ones((2, 2.0)),
    lambda lib: lib.ones(2).new_empty(2.0, 2), lambda lib: lib.ones(2).new_zeros(2, 2.0),
])
def test_new_tensor_sizes_name_the_method(call):
    assert _message(ak, call) == _message(torch, call)
