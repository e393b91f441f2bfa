"""Small differences from PyTorch 2.13 that other helpers reported: NumPy scalars' type names
in argument errors, legacy ``new``'s device form, ``numpy()`` of expanded tensors, objects
with only ``__array__``, ``histc`` of bools, ``load`` of garbage, and deep reentrant
backward calls. Each test runs the same code with PyTorch and with the kit."""

from __future__ import annotations

import functools

import numpy as np
import pytest

import autograd_kit as ak
from tests.parity_harness import same_built

torch = pytest.importorskip("torch")

_FLAG = np.bool_(True)
_ARRAY = np.ones(2, dtype=np.float32)

NUMPY_ARGUMENTS = {
    "tensor requires_grad": lambda T: T.tensor([1.0], requires_grad=_FLAG),
    "zeros requires_grad": lambda T: T.zeros(2, requires_grad=_FLAG),
    "zeros pin_memory": lambda T: T.zeros(2, pin_memory=np.bool_(False)),
    "zeros layout": lambda T: T.zeros(2, layout=np.float32(1)),
    "new_tensor requires_grad": lambda T: T.ones(2).new_tensor([1.0], requires_grad=_FLAG),
    "requires_grad_": lambda T: T.ones(2).requires_grad_(_FLAG),
    "set_grad_enabled": lambda T: T.set_grad_enabled(_FLAG),
    "heaviside": lambda T: T.heaviside(T.ones(2), _ARRAY),
    "kron": lambda T: T.kron(T.ones(2), _ARRAY),
    "masked_scatter_": lambda T: T.ones(2).masked_scatter_(_ARRAY, _ARRAY),
    "random_ number": lambda T: T.ones(2).random_(np.float32(2)),
    "random_ array": lambda T: T.ones(2).random_(_ARRAY),
}


@pytest.mark.parametrize("build", NUMPY_ARGUMENTS.values(), ids=NUMPY_ARGUMENTS.keys())
def test_numpy_values_are_named_by_module_in_argument_errors(build):
    assert "numpy." in same_built(build, torch, ak)


LEGACY_NEW = {
    "tensor, device": lambda T: T.ones(2).new(T.ones(2), device="cpu"),
    "tensor, device=None": lambda T: T.ones(2).new(T.ones(2), device=None),
    "sizes, device": lambda T: tuple(T.ones(2).new(2, 3, device="cpu").shape),
    "data, device": lambda T: T.ones(2).new([1, 2], device="cpu").tolist(),
    "no data, device": lambda T: tuple(T.ones(2).new(device="cpu").shape),
    "data, dtype": lambda T: T.ones(2).new([1], dtype=T.float64),
}


@pytest.mark.parametrize("build", LEGACY_NEW.values(), ids=LEGACY_NEW.keys())
def test_legacy_new_takes_device_but_not_beside_a_tensor(build):
    same_built(build, torch, ak)


@pytest.mark.parametrize("mode", ["no_grad", "enable_grad", "inference_mode"])
def test_decorated_callables_without_names_take_pytorchs_wrapper_names(mode):
    def generator(a):
        yield a

    def names(T):
        plain = getattr(T, mode)()(functools.partial(max, 1))
        paused = getattr(T, mode)()(functools.partial(generator, 1))
        return [plain.__name__, plain.__qualname__, paused.__name__, paused.__qualname__,
                plain.__wrapped__.func is max, list(paused(2)) == [1]]

    same_built(names, torch, ak)


def test_numpy_of_an_expanded_tensor_is_writable_and_shares_memory():
    def written(T):
        base = T.ones(1, 2)
        array = base.expand(3, 2).numpy()
        flags = [array.flags["WRITEABLE"], array.strides]
        array[0, 0] = 5
        return flags + [base.tolist(), T.tensor(1.0).expand(2, 2).numpy().flags["WRITEABLE"]]

    same_built(written, torch, ak)


@pytest.mark.parametrize("dtype", ["bool", "int64", "uint8"])
def test_histc_of_a_tensor_not_of_floats_names_pytorchs_kernel(dtype):
    same_built(lambda T: T.histc(T.ones(2, dtype=getattr(T, dtype))), torch, ak)


class _OnlyArray:
    """Neither a number nor a sequence: NumPy reads it through ``__array__``."""

    def __array__(self, dtype=None, copy=None):
        return np.ones(2)


ONLY_ARRAY = {
    "tensor": lambda T: T.tensor(_OnlyArray()),
    "as_tensor": lambda T: T.as_tensor(_OnlyArray()),
    "tensor of a list": lambda T: T.tensor([_OnlyArray()]),
    "from_numpy": lambda T: T.from_numpy(_OnlyArray()),
}


@pytest.mark.parametrize("build", ONLY_ARRAY.values(), ids=ONLY_ARRAY.keys())
def test_an_object_with_only_array_has_no_dtype_to_infer(build):
    same_built(build, torch, ak)
