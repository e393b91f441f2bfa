"""Shared test fixtures.

``device``: the suites that take this fixture run once per available device: ``'cpu'`` and
``'cuda'``. On a machine where CuPy sees a GPU, ``'cuda'`` is the real thing; everywhere else
(CI included) it is ``tests/cupy_standin.py``, a CPU array module that behaves like CuPy where
it matters (it refuses silent host conversion and mixing with NumPy arrays), so CI still
catches code that would break on a GPU.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cupy_standin  # noqa: E402


def real_cuda_available() -> bool:
    """True when CuPy is installed and sees at least one GPU."""
    try:
        import cupy
    except Exception:
        return False
    try:
        return cupy.cuda.runtime.getDeviceCount() > 0
    except Exception:  # CuPy without a driver raises its own CUDARuntimeError
        return False


REAL_CUDA = real_cuda_available()


def available_devices() -> list[str]:
    """'cpu', and 'cuda' (a real GPU when there is one, the CuPy stand-in otherwise)."""
    return ["cpu", "cuda"]


@pytest.fixture
def cuda_standin() -> Iterator[object]:
    """Serve ``'cuda'`` with the CuPy stand-in for one test (the module is yielded)."""
    from autograd_kit import backend

    before = backend._cuda_module
    backend.use_cuda_module(cupy_standin.module)
    try:
        yield cupy_standin.module
    finally:
        backend.use_cuda_module(before)


@pytest.fixture(params=available_devices())
def device(request: pytest.FixtureRequest) -> Iterator[str]:
    """A device string; for 'cuda' without a GPU, the stand-in is installed for the test."""
    if request.param == "cuda" and not REAL_CUDA:
        request.getfixturevalue("cuda_standin")
    yield request.param


@pytest.fixture(autouse=True)
def _fresh_warn_once_state() -> Iterator[None]:
    """Each test starts as a new process would: PyTorch's warn-once warnings not yet given."""
    from autograd_kit import scalar_warning

    scalar_warning.forget()
    yield
