"""Which kernels ``scaled_dot_product_attention`` may use (``torch.nn.attention``).

PyTorch has several implementations of attention (the plain "math" one, FlashAttention,
memory-efficient attention, cuDNN) and picks one per call; ``with sdpa_kernel(backend):``
allows only the ones named. The kit always computes the math formula, so the choice changes
nothing but PyTorch's error: on the CPU only ``MATH`` and ``FLASH_ATTENTION`` exist, and a
call with neither allowed fails as PyTorch's does.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator
from typing import Any

__all__ = ["SDPBackend", "sdpa_kernel"]


class SDPBackend(enum.Enum):
    """A scaled-dot-product-attention implementation (``<SDPBackend.MATH: 0>``)."""

    ERROR = -1
    MATH = 0
    FLASH_ATTENTION = 1
    EFFICIENT_ATTENTION = 2
    CUDNN_ATTENTION = 3
    OVERRIDEABLE = 4

    def __int__(self) -> int:
        return int(self.value)

    def __index__(self) -> int:
        return int(self.value)


_DEFAULT = [SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH,
            SDPBackend.CUDNN_ATTENTION, SDPBackend.OVERRIDEABLE]
_enabled: list[list[SDPBackend]] = [list(_DEFAULT)]
CPU_KERNELS = (SDPBackend.MATH, SDPBackend.FLASH_ATTENTION)
NO_BACKEND = ("No viable backend for scaled_dot_product_attention was found. This is likely "
              "due to turning off both the math kernel and the fused kernels.")


@contextlib.contextmanager
def sdpa_kernel(backends: Any, set_priority: bool = False) -> Iterator[dict[str, Any]]:
    """``with sdpa_kernel(SDPBackend.MATH):`` (or a list): only these backends inside."""
    if not isinstance(backends, (list, SDPBackend)):
        raise AssertionError("Backend must be an instance of SDPBackend or a list of SDPBackend "
                             f"instances, got {type(backends).__name__}")
    chosen = list(dict.fromkeys([backends] if isinstance(backends, SDPBackend) else backends))
    previous = _enabled[0]
    _enabled[0] = chosen
    try:
        yield {}
    finally:
        _enabled[0] = previous


def check_cpu_backend() -> None:
    """PyTorch's error when no CPU attention kernel is allowed."""
    if not any(backend in _enabled[0] for backend in CPU_KERNELS):
        raise RuntimeError(NO_BACKEND)
