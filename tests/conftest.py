"""Shared test fixtures.

``device``: the suites that take this fixture run once per available device. Today that is
``'cpu'``; the GPU work adds ``'cuda'`` when CuPy sees a GPU and a CPU stand-in that behaves
like CuPy (no silent host conversion) so CI catches GPU-only mistakes.
"""

from __future__ import annotations

import pytest


def available_devices() -> list[str]:
    return ["cpu"]


@pytest.fixture(params=available_devices())
def device(request: pytest.FixtureRequest) -> str:
    return request.param
