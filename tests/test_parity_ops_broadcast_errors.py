"""Parity with PyTorch: binary operations on shapes that do not broadcast raise PyTorch's
RuntimeError ("The size of tensor a (3) must match ...") before anything else. logical_*,
xlogy, isclose, special.xlog1py/zeta/gammainc used to leak NumPy's ValueError, and the
bitwise operations on float tensors complained about the dtype first."""

import pytest

import autograd_kit as ak

MESSAGE = ("The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
           "dimension 1")
NAMES = ["logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or",
         "bitwise_xor", "bitwise_left_shift", "xlogy", "isclose", "special.xlog1py",
         "special.zeta", "special.gammainc", "special.gammaincc", "igamma"]


def _function(module, name):
    for part in name.split("."):
        module = getattr(module, part)
    return module


@pytest.mark.parametrize("name", NAMES)
def test_shapes_that_do_not_broadcast(name):
    with pytest.raises(RuntimeError) as info:
        _function(ak, name)(ak.ones(2, 3), ak.ones(4))
    assert str(info.value) == MESSAGE


@pytest.mark.parametrize("name", NAMES)
def test_same_error_as_pytorch(name):
    torch = pytest.importorskip("torch")
    errors = []
    for module in (torch, ak):
        with pytest.raises(Exception) as info:
            _function(module, name)(module.ones(2, 3), module.ones(4))
        errors.append((type(info.value).__name__, str(info.value)))
    assert errors[0] == errors[1]


def test_shapes_that_broadcast_still_work():
    assert ak.logical_and(ak.ones(2, 1), ak.ones(3)).shape == (2, 3)
    assert ak.isclose(ak.ones(2, 1), ak.ones(3)).shape == (2, 3)
    assert (ak.ones(1, 3, dtype=ak.int64) & ak.ones(2, 1, dtype=ak.int64)).shape == (2, 3)
