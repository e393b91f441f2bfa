"""``torch.backends.mkldnn``: the kit does not use oneDNN."""

from __future__ import annotations

enabled = True


def is_available() -> bool:
    return False
