"""``torch.backends.cudnn``: the kit has no cuDNN; the flags keep PyTorch's defaults."""

from __future__ import annotations

enabled = True
benchmark = False
deterministic = False
allow_tf32 = True
benchmark_limit = 10


def is_available() -> bool:
    """False: the kit does not use cuDNN."""
    return False


def version() -> int | None:
    """None: no cuDNN."""
    return None
