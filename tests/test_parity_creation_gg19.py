"""Tensor creation and conversion as a learner meets them, compared with PyTorch live."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(make: Any, lib: Any) -> tuple[Any, ...]:
    """What ``make(lib)`` gives: the tensor's dtype, shape and values, or the error."""
    try:
        value = make(lib)
    except Exception as error:  # noqa: BLE001 - the error is what is compared
        return ("error", type(error).__name__, str(error).replace("autograd_kit", "torch"))
    return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape),
            value.requires_grad, value.tolist())


def _same(make: Any) -> None:
    assert _outcome(make, ak) == _outcome(make, torch)


@pytest.mark.parametrize("make", [
    lambda t: t.zeros(size=2),
    lambda t: t.ones(size=2.5),
    lambda t: t.empty(size=(2.5,)),
    lambda t: t.zeros(size=[2.5]),
    lambda t: t.zeros(size=(2, 2.5)),
    lambda t: t.zeros(size=np.int64(2)),
    lambda t: t.zeros(size=(True,)),
    lambda t: t.ones(size=(2, 3)),
    lambda t: t.ones(size=[]),
    lambda t: t.zeros(size=(np.int64(2),)),
    lambda t: t.rand(size=2),
    lambda t: t.randn(size=(2.5,)),
    lambda t: t.rand(size=(2, 3)).zero_(),
    lambda t: t.tensor([1]).new_zeros(size=2),
    lambda t: t.tensor([1]).new_ones(size=(2.5,)),
    lambda t: t.tensor([1]).new_empty(size=(2, 3)).zero_(),
])
def test_size_by_name_must_be_a_sequence(make: Any) -> None:
    """PyTorch reads ``size=`` only as a tuple of ints: ``zeros(size=2)`` is its TypeError
    (the kit made a tensor of 2 zeros) and the message names no position."""
    _same(make)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor([1]).new_full(2, 2),
    lambda t: t.tensor([1]).new_full(2.5, 2),
    lambda t: t.tensor([1]).new_full((2.5,), 2),
    lambda t: t.tensor([1]).new_full((2, 2.5), 2),
    lambda t: t.tensor([1]).new_full((-1,), 2),
    lambda t: t.tensor([1]).new_full([2, 1], 2.7),
    lambda t: t.tensor([1.]).new_full(t.Size([2]), 2),
])
def test_new_full_errors_name_new_full(make: Any) -> None:
    """PyTorch's size errors from ``x.new_full`` name new_full (the kit's named full)."""
    _same(make)


def _fresh_run(lib: str, snippet: str) -> list[str]:
    """The warnings (category, message's start, file, line) and the outcome of ``snippet``
    run in a new process with ``t`` being ``lib``: PyTorch warns some things once a process."""
    code = (
        "import warnings, numpy as np\n"
        f"import {lib} as t\n"
        "warnings.simplefilter('always')\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    try:\n"
        f"        out = repr(({snippet}).shape)\n"
        "    except Exception as error:\n"
        "        out = type(error).__name__ + ': ' + str(error)\n"
        "for w in caught:\n"
        "    print(w.category.__name__, str(w.message)[:60], w.filename, w.lineno)\n"
        "print(out)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    return done.stdout.replace(lib, "LIB").splitlines()


@pytest.mark.parametrize("snippet", [
    "t.tensor([np.array([1.]), np.array([2.])])",
    "t.tensor([[np.array([1.])], [np.array([2.])]])",
    "t.tensor([np.array(2.), np.array(3.)])",
    "t.FloatTensor([np.array([1.]), np.array([2.])])",
    "t.asarray([np.array([1]), np.array([2])])",
    "t.tensor([1]).new_tensor([np.array([1]), np.array([2])])",
])
def test_list_of_arrays_warning_at_the_callers_line(snippet: str) -> None:
    """PyTorch's "list of numpy.ndarrays is extremely slow" warning points at the line that
    made the tensor (the kit's pointed inside the kit, or was missing for nested lists), and
    is not given when PyTorch fails first on a 0-dim array's length."""
    assert _fresh_run("autograd_kit", snippet) == _fresh_run("torch", snippet)


@pytest.mark.parametrize("make", ["Tensor", "FloatTensor", "DoubleTensor", "LongTensor"])
@pytest.mark.parametrize("kind", [np.float32, np.float64, np.int64, np.bool_])
def test_legacy_type_reads_an_array_of_its_dtype_in_place(make: str, kind: Any) -> None:
    """``torch.FloatTensor(a)`` of a float32 array shares a's memory (a later write to a
    shows in the tensor), and copies an array of another type; the kit always copied."""
    def outcome(lib: Any) -> tuple[Any, ...]:
        array = np.array([1, 2], dtype=kind)
        made = getattr(lib, make)(array)
        array[0] = 0
        return str(made.dtype).split(".")[-1], made.tolist()

    assert outcome(ak) == outcome(torch)


@pytest.mark.parametrize("make", [
    lambda t: t.Tensor(np.ones(3)[::-1]),
    lambda t: t.FloatTensor(np.ones(3, dtype=">f4")),
    lambda t: t.LongTensor(np.array([1.5, -2.5])),
    lambda t: t.Tensor(np.zeros((0,), dtype=np.float32)),
    lambda t: t.Tensor(np.ones((2, 3), dtype=np.float32).T),
])
def test_legacy_type_of_arrays(make: Any) -> None:
    _same(make)


@pytest.mark.parametrize("snippet", [
    "t.as_tensor([t.tensor(1., requires_grad=True)])",
    "t.FloatTensor([t.tensor(1., requires_grad=True)])",
    "t.tensor([1.]).new_tensor([t.tensor(1., requires_grad=True)])",
    "t.tensor([t.tensor(1., requires_grad=True)])",
])
def test_scalar_warning_from_a_list_of_tensors_at_the_callers_line(snippet: str) -> None:
    """PyTorch's "Converting a tensor with requires_grad=True to a scalar" warning for a list
    of such tensors points at the learner's line however it is reached (the kit's pointed into
    legacy.py or tensor_layout.py, or past the stack to 'sys:1' from as_tensor)."""
    assert _fresh_run("autograd_kit", snippet) == _fresh_run("torch", snippet)


def test_numpy_array_of_a_tensor_is_a_copy() -> None:
    """``numpy.array(t)`` copies (writing to it leaves t alone), ``numpy.asarray(t)`` shares,
    as with PyTorch's tensors; the kit's ``numpy.array(t)`` shared t's memory."""
    def outcome(lib: Any) -> tuple[Any, ...]:
        a, b, c = lib.tensor([1., 2.]), lib.tensor([1., 2.]), lib.tensor([1., 2.])
        np.array(a)[0] = 9
        np.asarray(b)[0] = 9
        np.array(c, dtype=np.float64)[0] = 9
        return a.tolist(), b.tolist(), c.tolist()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (NumPy's DeprecationWarning about torch's __array__)
        assert outcome(ak) == outcome(torch)


@pytest.mark.parametrize("make", [
    lambda t: t.as_tensor(np.ones(3)[::-1]),
    lambda t: t.as_tensor(np.ones(3)[::-1], dtype=t.float32),
    lambda t: t.as_tensor(np.ones(3, dtype=">f4")),
    lambda t: t.as_tensor(np.ones(3, dtype=">f8"), dtype=t.float32),
    lambda t: t.asarray(np.ones((2, 2))[:, ::-1]),
    lambda t: t.asarray(np.ones(3, dtype=">i8")),
    lambda t: t.as_tensor(np.ones((2, 3)).T),
])
def test_as_tensor_of_arrays_it_cannot_read_in_place(make: Any) -> None:
    """PyTorch's ValueErrors from ``as_tensor``/``asarray`` for negative strides and a
    non-native byte order (the kit copied the reversed array, and gave a TypeError naming
    float32 for '>f4')."""
    _same(make)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor([[1., 2.], t.tensor([3., 4.])]),
    lambda t: t.tensor([[1, 2], t.tensor([3., 4.])]),
    lambda t: t.tensor([(1, 2), t.tensor([3, 4])]),
    lambda t: t.tensor([[t.tensor(1.), 2.], t.tensor([3., 4.])]),
    lambda t: t.tensor([[[1., 2.]], t.tensor([[3., 4.]])]),
    lambda t: t.tensor([[1., 2.], t.tensor(3.)]),
    lambda t: t.tensor([[1., 2.], t.tensor([3.])]),
    lambda t: t.tensor([[1., 2.], t.tensor([[3., 4.]])]),
    lambda t: t.tensor([t.tensor([1., 2.]), t.tensor([3., 4.])]),
    lambda t: t.tensor([t.tensor([1., 2.]), [3., 4.]]),
    lambda t: t.tensor([[1., 2.], t.tensor([3., 4.], dtype=t.float64)]),
    lambda t: t.FloatTensor([[1, 2], t.tensor([3, 4])]),
])
def test_a_tensor_below_the_first_row_of_nested_lists(make: Any) -> None:
    """In PyTorch a tensor inside nested lists stands for one number only at the innermost
    level; above it, it is read as the sequence of its rows (``tensor([[1., 2.], t])``); the
    kit's "only one element tensors can be converted to Python scalars" for it."""
    _same(make)


@pytest.mark.parametrize("value", [np.ones(2), np.float32(1), [1.0], None])
def test_data_set_to_what_is_not_a_tensor(value: Any) -> None:
    """``x.data = array`` and ``Variable(array)``: PyTorch's TypeError names the type as C
    does (``numpy.ndarray``; the kit said ``ndarray``)."""
    def outcome(lib: Any) -> list[str]:
        errors = []
        for attempt in (lambda: setattr(lib.tensor([1.], requires_grad=True), "data", value),
                        lambda: lib.autograd.Variable(value)):
            try:
                attempt()
                errors.append("no error")
            except TypeError as error:
                errors.append(str(error))
        return errors

    assert outcome(ak) == outcome(torch)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor([1, 2]).type(t.Tensor),
    lambda t: t.tensor([1., 2.], dtype=t.float64).type(dtype=t.Tensor),
    lambda t: t.tensor([1, 2]).type("torch.Tensor"),
    lambda t: t.tensor([1, 2]).type(t.float64, True),
    lambda t: t.tensor([1, 2]).type(t.float64, non_blocking=True),
    lambda t: t.tensor([1, 2]).type(t.FloatTensor),
    lambda t: t.tensor([1, 2]).type("torch.DoubleTensor"),
    lambda t: t.tensor([1, 2]).type(t.nn.Parameter),
    lambda t: t.tensor([1, 2]).type(t.nn.Linear),
    lambda t: t.tensor([1, 2]).type(np.float32),
    lambda t: t.tensor([1, 2]).type(float),
    lambda t: t.tensor([1, 2]).type(dict),
    lambda t: t.tensor([1, 2]).type(np.dtype("float32")),
    lambda t: t.tensor([1, 2]).type(5),
])
def test_type_conversions(make: Any) -> None:
    """``x.type(torch.Tensor)`` is the default float type in PyTorch and ``type`` takes
    ``non_blocking``; a class that is no tensor type is "invalid type: '<name>'", anything
    else "dtype must be a type, str, or dtype object" (the kit failed on NumPy's object
    dtype, took numpy.float32, or refused non_blocking)."""
    _same(make)


@pytest.mark.parametrize("make", [
    lambda t: t.asarray(bytearray(b"abcd")),
    lambda t: t.asarray(memoryview(b"abcd")),
    lambda t: t.asarray(bytearray(b"abcd"), dtype=t.uint8),
    lambda t: t.asarray(bytearray(b"abcd"), copy=True),
    lambda t: t.asarray(bytearray(b"abcd"), requires_grad=True),
    lambda t: t.asarray(bytearray(b"abc")),
    lambda t: t.asarray(bytearray(b"")),
    lambda t: t.tensor(b"ab"),
    lambda t: t.as_tensor(b"ab"),
    lambda t: t.asarray(np.float32(1.5)),
])
def test_buffers(make: Any) -> None:
    """``asarray`` reads an object with the buffer protocol as raw memory of the default
    float type (the kit read a bytearray's bytes as ints, and refused bytes); ``tensor(b'ab')``
    is PyTorch's "new(): invalid data type 'bytes'"."""
    _same(make)


def test_asarray_of_a_bytearray_shares_its_memory() -> None:
    def outcome(lib: Any) -> list[float]:
        memory = bytearray(4)
        made = lib.asarray(memory)
        memory[3] = 64
        return made.tolist()

    assert outcome(ak) == outcome(torch)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor([1.], requires_grad=None),
    lambda t: t.tensor([1.], requires_grad=1),
    lambda t: t.ones(2).new_tensor([1.], requires_grad=None),
    lambda t: t.ones(2).new_tensor(t.ones(1), requires_grad=1),
    lambda t: t.zeros(2, requires_grad=None),
    lambda t: t.full((2,), 1., requires_grad=None),
    lambda t: t.ones(2).new_zeros(2, requires_grad=None),
])
def test_requires_grad_none(make: Any) -> None:
    """``tensor(..., requires_grad=None)`` and ``new_tensor``: PyTorch's "argument
    'requires_grad' must be bool, not NoneType" (its shape factories take None as False);
    the kit took None, and named tensor() for new_tensor."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _same(make)
