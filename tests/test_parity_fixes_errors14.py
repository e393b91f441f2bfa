"""Error parity with PyTorch (14): which error wins when an in-place op's target is a leaf
that requires grad and its other arguments are bad too; arguments that must be ints (or
tuples of ints) given as floats, strings, None, bools. Each case runs live against PyTorch
('torch' in its messages read as 'autograd_kit')."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _error(call: Callable[[], Any]) -> tuple[str, str]:
    try:
        call()
    except Exception as error:  # noqa: BLE001 (the type is what is compared)
        return type(error).__name__, str(error).replace("torch", "autograd_kit")
    return "no error", ""


def _same_error(call: str, setup: str = "x = m.ones(2, 3)") -> None:
    """``call`` (Python, with ``m`` the module) raises the same error with the kit as with
    PyTorch, after ``setup``."""
    def case(m: Any) -> Any:
        names = {"m": m, "np": numpy}
        exec(setup, names)  # noqa: S102
        return eval(call, names)  # noqa: S307

    expected = _error(lambda: case(torch))
    assert expected[0] != "no error"
    assert _error(lambda: case(ak)) == expected


_LEAF = "x = m.ones(2, 3, requires_grad=True)"


@pytest.mark.parametrize("call", [
    "x.index_add_(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64))",
    "x.index_add_(0, m.tensor([0]), m.ones(2, 3))",
    "x.index_add_(5, m.tensor([0]), m.ones(1, 3))",
    "x.index_add_(0, m.tensor([0.0]), m.ones(1, 3))",
    "x.masked_scatter_(m.ones(2, 3, dtype=m.bool), m.ones(6, dtype=m.float64))",
    "x.masked_scatter_(m.ones(2, 3, dtype=m.bool), m.ones(2))",
    "x.masked_scatter_(m.ones(2, 3), m.ones(6))",
    "x.masked_scatter_(m.ones(3, 3, dtype=m.bool), m.ones(9))",
    "x.index_copy_(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64))",
    "x.index_copy_(5, m.tensor([0]), m.ones(1, 3))",
    "x.index_fill_(0, m.tensor([0.0]), 1.0)",
    "x.index_fill_(0, m.tensor([0]), m.ones(2))",
    "x.scatter_(0, m.tensor([[0]]), m.ones(1, 1, dtype=m.float64))",
    "x.scatter_(0, m.tensor([[5]]), 1.0)",
    "x.scatter_(0, m.tensor([[0]]), 1.0, reduce='bad')",
    "x.scatter_add_(0, m.tensor([[0]]), m.ones(1, 1, dtype=m.float64))",
    "x.scatter_reduce_(0, m.tensor([[0]]), m.ones(1, 1), 'bad')",
    "x.index_put_((m.tensor([0]),), m.ones(3, dtype=m.float64))",
    "x.index_put_((m.tensor([5]),), m.ones(3))",
    "x.masked_fill_(m.ones(2, 3), 1.0)",
    "x.masked_fill_(m.ones(3, 3, dtype=m.bool), 1.0)",
    "x.put_(m.tensor([0]), m.ones(1, dtype=m.float64))",
    "x.put_(m.tensor([10]), m.ones(1))",
    "x.index_reduce_(0, m.tensor([0]), m.ones(1, 3), 'bad')",
    "x.uniform_(2, 1)", "x.normal_(0, -1)", "x.random_(5, 2)", "x.bernoulli_(2.0)",
    "x.exponential_(-1)", "x.geometric_(2.0)", "x.log_normal_(0, -1)", "x.cauchy_(0, -1)",
    "x.bitwise_and_(1)", "x.bitwise_not_()",
    "x[0].index_add_(0, m.tensor([0]), m.ones(1, dtype=m.float64))",
])
def test_leaf_refused_before_the_arguments_are_checked(call: str) -> None:
    """PyTorch's autograd refuses a leaf that requires grad before the op checks the dtypes,
    shapes and values of its other arguments."""
    _same_error(call, _LEAF)


@pytest.mark.parametrize("call", [
    "x.index_add_(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64))",
    "x.masked_scatter_(m.ones(2, 3, dtype=m.bool), m.ones(2))",
    "x.uniform_(2, 1)",
])
def test_argument_errors_without_grad_mode(call: str) -> None:
    """Under no_grad the leaf may change, and the argument's own error comes."""
    def case(m: Any) -> Any:
        names = {"m": m}
        exec(_LEAF, names)  # noqa: S102
        with m.no_grad():
            return eval(call, names)  # noqa: S307

    expected = _error(lambda: case(torch))
    assert expected[0] == "RuntimeError" and "leaf" not in expected[1]
    assert _error(lambda: case(ak)) == expected


@pytest.mark.parametrize("value", [
    "m.ones(3, dtype=m.float64)", "m.ones(6, dtype=m.int64)", "m.ones(3)",
    "m.ones(3, 2, dtype=m.float64).t()", "m.ones(2, 3, dtype=m.bool)",
])
@pytest.mark.parametrize("setup", [_LEAF, "x = m.ones(2, 3)"])
def test_grad_assigned_with_wrong_dtype_and_size(value: str, setup: str) -> None:
    """``x.grad = value``: PyTorch checks the dtype before the size."""
    _same_error(f"setattr(x, 'grad', {value})", setup)
