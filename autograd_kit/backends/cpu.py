"""``torch.backends.cpu``."""

from __future__ import annotations


def get_cpu_capability() -> str:
    """The vector instructions the kit's CPU code uses: NumPy decides (reported as
    "DEFAULT")."""
    return "DEFAULT"
