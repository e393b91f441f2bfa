"""Live comparison with PyTorch: differences left by earlier sessions (round 28, helper uu):
operators given no operand, gradient layouts, forward-mode AD, singular determinants."""

import pytest
from parity_harness import assert_same, same_built

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


BINARY_OPERATORS = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
                    "__truediv__", "__rtruediv__", "__pow__", "__rpow__", "__matmul__",
                    "__rmatmul__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
                    "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__",
                    "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__floordiv__",
                    "__rfloordiv__", "__mod__", "__rmod__"]


@pytest.mark.parametrize("name", BINARY_OPERATORS)
def test_an_operator_given_no_operand_gives_way(name):
    same_built(lambda T: repr(getattr(T.tensor([1, 2]), name)()), torch, ak)


def test_an_operator_given_a_string_gives_way():
    same_built(lambda T: repr(T.tensor([1.0]).__add__("a")), torch, ak)
