"""``torch.backends.cpu``."""

from __future__ import annotations

from ..cpu_capability import capability


def get_cpu_capability() -> str:
    """The vector instructions PyTorch's CPU kernels would use on this machine (``"AVX512"``,
    ``"AVX2"`` or ``"DEFAULT"``), whose width the kit's float32 emulations follow."""
    return capability()
