"""``autograd_kit.accelerator``: the GPU the kit can use, if any (PyTorch's device-neutral API).

The tutorials pick their device with::

    device = (torch.accelerator.current_accelerator().type
              if torch.accelerator.is_available() else "cpu")

In the kit the only accelerator is CUDA (through CuPy).
"""

from __future__ import annotations

from .backend import cuda_device_count, cuda_is_available, device


def is_available() -> bool:
    """True when a GPU can be used (CuPy installed and an NVIDIA GPU present)."""
    return cuda_is_available()


def current_accelerator() -> device | None:
    """``device(type='cuda')`` when a GPU can be used, else None."""
    return device("cuda") if cuda_is_available() else None


def device_count() -> int:
    """The number of GPUs that can be used (0 without one)."""
    return cuda_device_count()
