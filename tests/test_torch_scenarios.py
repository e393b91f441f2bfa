"""The kit against PyTorch on ~160 tutorial-style snippets (skipped without PyTorch).

Each snippet runs twice, with ``T`` bound to ``torch`` and to ``autograd_kit``; what it
prints (or the error it raises) must match, after spelling ``torch.`` as ``autograd_kit.``
and dropping memory addresses and PyTorch's C++ namespace in node names.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from typing import Any

import pytest

import autograd_kit as ak
from tests.torch_scenarios import SCENARIOS

torch = pytest.importorskip("torch")


def printed(lib: Any, code: str) -> str:
    """What ``code`` prints with ``T = lib`` (an exception's type and message included)."""
    lib.manual_seed(0)
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with contextlib.redirect_stdout(buffer):
                exec(code, {"T": lib})
        except Exception as error:  # the error itself is part of the behaviour compared
            buffer.write(f"EXC {type(error).__name__}: {error}\n")
    return buffer.getvalue()


def spelled_alike(text: str) -> str:
    text = re.sub(r"0x[0-9a-f]+", "ADDR", text)
    text = text.replace("torch::autograd::", "")
    return text.replace("torch.", "autograd_kit.")


def assert_same_as_pytorch(code: str) -> None:
    """``code`` prints the same (or raises the same error) with the kit as with PyTorch.
    (Every file of PyTorch comparisons uses this; the test below shows it can fail.)"""
    assert spelled_alike(printed(ak, code)) == spelled_alike(printed(torch, code))


@pytest.mark.parametrize("code", SCENARIOS, ids=[f"s{i:03d}" for i in range(len(SCENARIOS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)


def test_the_comparison_can_fail() -> None:
    """A snippet whose output differs between the libraries is caught."""
    code = "print(T.__name__)"
    assert spelled_alike(printed(ak, code)) != spelled_alike(printed(torch, code))
