"""Padding layers: ``ReflectionPad1d/2d/3d``, ``ReplicationPad…``, ``CircularPad…``,
``ConstantPad…`` and ``ZeroPad…``, each a ``F.pad`` with its amounts kept as a tuple
(``padding = (left, right[, top, bottom[, front, back]])``), as in PyTorch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..tensor import Tensor
from . import functional_conv as FC
from .module import Module


def _amounts(padding: Any, n: int) -> tuple:
    """``2`` → (2, 2, …) (2·n values); a tuple stays as given."""
    if isinstance(padding, Iterable) and not isinstance(padding, str):
        return tuple(padding)
    return (padding,) * (2 * n)


class _PadNd(Module):
    mode = "reflect"
    nd = 1

    def __init__(self, padding: Any) -> None:
        super().__init__()
        self.padding = _amounts(padding, self.nd)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FC.pad(input, self.padding, self.mode)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ReflectionPad1d(_PadNd):
    """Pads the last dimension with its reflection (the border value not repeated)."""


class ReflectionPad2d(_PadNd):
    """Pads the last two dimensions with their reflection."""

    nd = 2


class ReflectionPad3d(_PadNd):
    """Pads the last three dimensions with their reflection."""

    nd = 3


class ReplicationPad1d(_PadNd):
    """Pads the last dimension with copies of its border value."""

    mode = "replicate"


class ReplicationPad2d(_PadNd):
    """Pads the last two dimensions with copies of their border values."""

    mode, nd = "replicate", 2


class ReplicationPad3d(_PadNd):
    """Pads the last three dimensions with copies of their border values."""

    mode, nd = "replicate", 3


class _CircularPadNd(_PadNd):
    mode = "circular"

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        if input.dim() not in (self.nd + 1, self.nd + 2):
            raise ValueError(f"expected {self.nd + 1}D or {self.nd + 2}D input (got "
                             f"{input.dim()}D input)")
        return FC.pad(input, self.padding, "circular")


class CircularPad1d(_CircularPadNd):
    """Pads the last dimension by wrapping it around (its end before its start)."""


class CircularPad2d(_CircularPadNd):
    """Pads the last two dimensions by wrapping them around."""

    nd = 2


class CircularPad3d(_CircularPadNd):
    """Pads the last three dimensions by wrapping them around."""

    nd = 3


class _ConstantPadNd(_PadNd):
    def __init__(self, padding: Any, value: float) -> None:
        super().__init__(padding)
        self.value = value

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FC.pad(input, self.padding, "constant", self.value)

    def extra_repr(self) -> str:
        return f"padding={self.padding}, value={self.value}"


class ConstantPad1d(_ConstantPadNd):
    """Pads the last dimension with ``value``."""


class ConstantPad2d(_ConstantPadNd):
    """Pads the last two dimensions with ``value``."""

    nd = 2


class ConstantPad3d(_ConstantPadNd):
    """Pads the last three dimensions with ``value``."""

    nd = 3


class ZeroPad1d(ConstantPad1d):
    """Pads the last dimension with zeros."""

    def __init__(self, padding: Any) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ZeroPad2d(ConstantPad2d):
    """Pads the last two dimensions with zeros."""

    def __init__(self, padding: Any) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ZeroPad3d(ConstantPad3d):
    """Pads the last three dimensions with zeros."""

    def __init__(self, padding: Any) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


__all__ = [
    "CircularPad1d", "CircularPad2d", "CircularPad3d", "ConstantPad1d", "ConstantPad2d",
    "ConstantPad3d", "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d",
    "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "ZeroPad1d", "ZeroPad2d",
    "ZeroPad3d",
]
