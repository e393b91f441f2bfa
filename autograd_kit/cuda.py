"""``autograd_kit.cuda``: is a GPU usable here, and how many."""

from __future__ import annotations

from .backend import cuda_device_count, cuda_is_available


def is_available() -> bool:
    """True when CuPy is installed and sees an NVIDIA GPU."""
    return cuda_is_available()


def device_count() -> int:
    """The number of GPUs CuPy sees (0 without CuPy or a GPU)."""
    return cuda_device_count()


def current_device() -> int:
    """The index of the GPU new CUDA tensors go to (CuPy's current device)."""
    from .backend import cuda_module

    return int(cuda_module().cuda.Device().id)


def synchronize() -> None:
    """Wait until every kernel queued on the current GPU has finished (for timing)."""
    from .backend import cuda_module

    cuda_module().cuda.Device().synchronize()
