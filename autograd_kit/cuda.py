"""``autograd_kit.cuda``: is a GPU usable here, and how many."""

from __future__ import annotations

from .backend import cuda_device_count, cuda_is_available


def is_available() -> bool:
    """True when CuPy is installed and sees an NVIDIA GPU."""
    return cuda_is_available()


def device_count() -> int:
    """The number of GPUs CuPy sees (0 without CuPy or a GPU)."""
    return cuda_device_count()
