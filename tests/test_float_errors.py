"""Floating-point errors inside the kit are silent, as PyTorch's, whatever warnings filters a
script sets; a learner's own NumPy code still gets NumPy's RuntimeWarning at its own line
(float_errors.py)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import float_errors


def _recorded(run) -> list[str]:  # noqa: ANN001
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run()
    return [str(w.message) for w in caught]


def test_kit_arithmetic_is_silent_under_an_always_filter() -> None:
    def run() -> None:
        x = ak.tensor([1.0, 0.0, -1.0], requires_grad=True)
        y = (x / ak.tensor([0.0, 0.0, 0.0])).sum() + ak.log(x).sum() + ak.sqrt(x).sum()
        y = y + ak.exp(x * 100).sum() + (ak.tensor([3e38]) * 10).sum()
        y.backward()
        ak.tensor([]).mean()

    assert _recorded(run) == []


def test_learners_numpy_still_warns_at_their_line() -> None:
    def run() -> None:
        np.array([1.0]) / np.array([0.0])
        np.log(np.array([-1.0]))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run()
    assert [str(w.message) for w in caught] == ["divide by zero encountered in divide",
                                                "invalid value encountered in log"]
    assert all(w.category is RuntimeWarning and w.filename == __file__ for w in caught)


def test_numpy_errstate_still_rules() -> None:
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError):
        np.array([1.0]) / np.array([0.0])
    with np.errstate(all="ignore"):
        assert _recorded(lambda: np.log(np.array([0.0]))) == []


def test_underflow_stays_ignored() -> None:
    assert np.geterr()["under"] == "ignore"
    assert _recorded(lambda: np.array([1e-300]) * np.array([1e-300])) == []


def test_install_keeps_a_handler_of_the_programs_own() -> None:
    previous_call, previous = np.geterrcall(), np.geterr()
    try:
        np.seterrcall(lambda kind, flag: None)
        handler = np.geterrcall()
        float_errors.install()
        assert np.geterrcall() is handler
    finally:
        np.seterrcall(previous_call)
        np.seterr(**previous)
