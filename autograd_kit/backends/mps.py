"""``torch.backends.mps``: Apple's Metal GPUs, which the kit does not use."""

from __future__ import annotations


def is_available() -> bool:
    return False


def is_built() -> bool:
    return False
