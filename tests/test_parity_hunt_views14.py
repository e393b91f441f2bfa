"""Views and in-place changes with autograd: mismatches with PyTorch found by a random-program
generator (leaves, views of them, in-place changes to views and bases, backward), each
checked live against PyTorch."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402


def outcome(lib: Any, code: str) -> list[str]:
    """What ``code`` leaves in ``out`` (a list of printable values), or the error it raises,
    with PyTorch's module name spelled as the kit's."""
    scope: dict[str, Any] = {"T": lib, "out": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(code, scope)
        except Exception as error:  # the error is part of the behaviour compared
            scope["out"].append(f"{type(error).__name__}: {error}")
    return [str(v).replace("torch.", "autograd_kit.").replace("torch", "autograd_kit")
            for v in scope["out"]]


def assert_same(code: str) -> None:
    expected, got = outcome(torch, code), outcome(ak, code)
    assert got == expected, f"{code}\n--- PyTorch: {expected}\n--- kit: {got}"


# ---- as_strided of a 0-dim tensor, and to a 0-dim result: backward -------------------------

@pytest.mark.parametrize("view", ["x[1].as_strided((1,), (1,), 0)",
                                  "x[1].as_strided((1,), (1,), 1)",
                                  "x[2].as_strided((2, 2), (0, 0), 2)",
                                  "x.as_strided((), (), 1)",
                                  "x[0].as_strided((), (), 0)"])
def test_as_strided_backward_with_0_dim_input_or_output(view: str) -> None:
    assert_same(f"""
x = T.tensor([2.25, -3.0, 0.76], requires_grad=True)
v = {view}
out.append(v)
out.append(T.autograd.grad((v * 3).sum(), x))
""")


# ---- unsqueeze (and x[..., None]): the new dimension's stride is PyTorch's -----------------

@pytest.mark.parametrize("view", ["x.diagonal(-1, 0, 1).unsqueeze(1)",
                                  "x.diagonal(-1, 0, 1)[:, None]",
                                  "y[:, ::2, 1].unsqueeze(2)", "y[:, ::2, 1][..., None]",
                                  "y.transpose(0, 2).unsqueeze(3)",
                                  "x[:, :1].unsqueeze(2)", "x[::2].unsqueeze(-1).unsqueeze(-1)",
                                  "y[:, ::2, 1].unsqueeze(1)", "x.t().unsqueeze(0)"])
def test_unsqueeze_strides(view: str) -> None:
    assert_same(f"""
x = T.arange(6.).reshape(3, 2)
y = T.arange(24.).reshape(2, 3, 4)
v = {view}
out.append((v.stride(), v.is_contiguous(), v.storage_offset()))
v.add_(100)
out.append(x)
out.append(y)
""")


def test_in_place_unsqueeze_of_a_strided_view_then_backward() -> None:
    assert_same("""
x = T.arange(12., requires_grad=True)
y = (x * 1).reshape(3, 4)[:, ::2]
y.unsqueeze_(2)
out.append((y.stride(), type(y.grad_fn).__name__))
(y * T.arange(6.).reshape(3, 2, 1)).sum().backward()
out.append(x.grad)
""")
