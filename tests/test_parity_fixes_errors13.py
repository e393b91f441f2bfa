"""Error parity with PyTorch: a dim or a count that is no int, max(dim=None), a custom
Function's unknown keyword, reshape's arguments, which error comes first on a leaf, and what
ldexp / nextafter save for backward. Each case runs live against PyTorch ('torch' in its
messages read as 'autograd_kit')."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import autograd_kit as ak
from tests import parity_harness

torch = pytest.importorskip("torch")


_error = parity_harness.error_of


def _same_error(case: Callable[[Any], Any]) -> None:
    """``case(module)`` raises the same error with the kit as with PyTorch."""
    expected = _error(lambda: case(torch))
    assert expected[0] != "no error"
    assert _error(lambda: case(ak)) == expected


@pytest.mark.parametrize("case", [
    lambda m: m.topk(m.ones(2, 3), 2.0),
    lambda m: m.topk(m.ones(2, 3), k=2.0),
    lambda m: m.topk(m.ones(2, 3), 1, 0.5),
    lambda m: m.chunk(m.ones(2, 3), 2.0),
    lambda m: m.chunk(m.ones(2, 3), 2, 1.0),
    lambda m: m.kthvalue(m.ones(2, 3), 1.0),
    lambda m: m.kthvalue(m.ones(2, 3), 1, 0.5),
])
def test_count_or_dim_no_int_in_function_forms(case: Callable[[Any], Any]) -> None:
    _same_error(case)


_DIM_CASES = [
    "x.{n}('a')", "x.{n}(dim='a')", "m.{n}(x, 'a')", "x.{n}(1.0)", "m.{n}(x, dim=1.0)",
    "x.{n}(True)", "x.{n}('a', True)", "x.{n}(None)", "x.{n}(dim=None)", "m.{n}(x, None)",
    "x.{n}((0, 1.0))", "x.{n}([0.5])",
]
_DIM_NAMES = ["sum", "mean", "max", "min", "std", "var", "prod", "sort", "argsort", "all",
              "any", "count_nonzero", "amax", "amin", "logsumexp", "nansum"]


@pytest.mark.parametrize("name", _DIM_NAMES)
@pytest.mark.parametrize("call", _DIM_CASES)
def test_dim_that_is_no_int(name: str, call: str) -> None:
    """A str, float, bool, None or a tuple with a float as dim: PyTorch's TypeError (where
    PyTorch takes the dim, the kit must too)."""
    def case(m: Any) -> Any:
        return eval(call.format(n=name), {"m": m, "x": m.ones(2, 3)})  # noqa: S307

    expected = _error(lambda: case(torch))
    assert _error(lambda: case(ak)) == expected


@pytest.mark.parametrize("call", ["x.squeeze('a')", "x.squeeze(dim=1.0)", "x.squeeze(None)",
                                  "x.max(None, True)", "x.max(dim=None, keepdim=True)",
                                  "x.min(dim=None)", "m.max(x, dim=None)", "x.prod(None)",
                                  "x.max('a', keepdim=True)", "x.sum(dim='a', keepdim=True)",
                                  "x.var(1.0, unbiased=True)", "x.std('a', True)",
                                  "m.count_nonzero(x, dim='a')", "x.cumsum(True)",
                                  "m.cumsum(x, 'a')", "m.sort(x, 1.0)"])
def test_dim_that_is_no_int_more_forms(call: str) -> None:
    def case(m: Any) -> Any:
        return eval(call, {"m": m, "x": m.ones(2, 3)})  # noqa: S307

    _same_error(case)


def test_max_min_prod_without_dim_still_work() -> None:
    x = ak.tensor([[1.0, 5.0], [3.0, 2.0]])
    assert x.max().item() == 5.0 and x.min().item() == 1.0 and x.prod().item() == 30.0
    assert x.max(keepdim=False).item() == 5.0
    assert ak.max(x).item() == 5.0 and x.max(0).values.tolist() == [3.0, 5.0]
    assert x.max(ak.ones(2, 2)).tolist() == [[1.0, 5.0], [3.0, 2.0]]
    assert x.sum((0, 1)).item() == 11.0 and x.sum(None).item() == 11.0


def _times_two(m: Any, setup_context: bool) -> Any:
    class Twice(m.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            return x * 2

        @staticmethod
        def backward(ctx: Any, grad: Any) -> Any:
            return grad * 2

    class TwiceWithSetup(Twice):
        @staticmethod
        def forward(x: Any) -> Any:
            return x * 2

        @staticmethod
        def setup_context(ctx: Any, inputs: Any, output: Any) -> None:
            pass

    return TwiceWithSetup if setup_context else Twice


@pytest.mark.parametrize("setup_context", [False, True])
@pytest.mark.parametrize("call", ["F.apply(x, extra=1)", "F.apply(x, x=1)", "F.apply()",
                                  "F.apply(x, 1)"])
def test_custom_function_arguments_that_do_not_fit(call: str, setup_context: bool) -> None:
    def case(m: Any) -> Any:
        scope = {"F": _times_two(m, setup_context), "x": m.ones(2, requires_grad=True)}
        return eval(call, scope)  # noqa: S307

    _same_error(case)


def _outcome(call: Callable[[], Any]) -> Any:
    try:
        return ("ok", call().tolist())
    except RuntimeError as error:
        return ("error", str(error).replace("torch", "autograd_kit"))


@pytest.mark.parametrize("changed", ["ldexp_self", "ldexp_other", "nextafter_other"])
def test_ldexp_nextafter_save_what_pytorch_saves(changed: str) -> None:
    """ldexp saves other (for self's gradient only) and result; nextafter saves self and
    other: an in-place change of what is saved fails backward, of anything else not."""
    def case(m: Any) -> Any:
        a, b = m.tensor([1.0, 2.0], requires_grad=True), m.tensor([1.0, 3.0])
        first = a * 1
        y = first.nextafter(b) if changed.startswith("nextafter") else first.ldexp(b)
        names = sorted(n for n in dir(y.grad_fn) if n.startswith("_saved"))
        (first if changed == "ldexp_self" else b).add_(1)
        return names, _outcome(lambda: m.autograd.grad(y.sum(), a)[0])

    assert case(ak) == case(torch)
