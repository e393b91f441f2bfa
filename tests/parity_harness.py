"""What the parity tests compare: a call's error, what a snippet of code prints, or what a
function of the library returns (``build(lib)``), run once with PyTorch and once with the
kit (the two modules' names read as one)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np


def error_of(call: Callable[[], Any]) -> tuple[str, str]:
    """The type and message of the error ``call`` raises, or ``("no error", "")``."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 (the type is what is compared)
        return type(error).__name__, str(error).replace("torch", "autograd_kit")
    return "no error", ""


def outcome(lib: Any, code: str, **names: Any) -> list[str]:
    """What ``code`` (run with ``T`` as ``lib``, and ``names``) leaves in ``out`` (a list of
    printable values), or the error it raises."""
    scope: dict[str, Any] = {"T": lib, "out": [], **names}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(code, scope)
        except Exception as error:  # the error is part of the behaviour compared
            scope["out"].append(f"{type(error).__name__}: {error}")
    return [str(v).replace("torch.", "autograd_kit.").replace("torch", "autograd_kit")
            for v in scope["out"]]


def assert_same(torch: Any, kit: Any, code: str, **names: Any) -> None:
    """``code`` leaves the same outcome with PyTorch and with the kit."""
    expected, got = outcome(torch, code, **names), outcome(kit, code, **names)
    assert got == expected, f"{code}\n--- PyTorch: {expected}\n--- kit: {got}"


def built_outcome(build: Callable[[Any], Any], lib: Any) -> Any:
    """``build(lib)``, or its error as type and message (the kit's name read as torch's)."""
    try:
        return build(lib)
    except Exception as error:  # noqa: BLE001 (the error is part of the behaviour compared)
        return f"{type(error).__name__}: {error}".replace("autograd_kit", "torch")


def same_built(build: Callable[[Any], Any], torch: Any, kit: Any) -> Any:
    """``build`` gives the same outcome with PyTorch and with the kit (returned)."""
    expected, got = built_outcome(build, torch), built_outcome(build, kit)
    assert got == expected
    return expected


def with_special_values(rng: np.random.Generator, a: np.ndarray,
                        nans: bool = True) -> np.ndarray:
    """A copy of ``a`` with some zeros of both signs, infinities and (unless ``nans`` is
    False: MKL's nan signs are its own) nans among the values."""
    u = rng.random(a.shape)
    a = a.copy()
    a[u < 0.05], a[(u >= 0.05) & (u < 0.1)] = 0.0, -0.0
    a[(u >= 0.1) & (u < 0.11)] = np.inf
    if nans:
        a[(u >= 0.11) & (u < 0.115)] = np.nan
    return a
