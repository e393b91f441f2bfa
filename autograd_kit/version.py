"""``autograd_kit.version`` and ``autograd_kit.__version__``, shaped like ``torch.version``.

Scripts print these or compare them (``torch.__version__ >= (2, 0)``); the kit has no CUDA
build of its own (CuPy is found at run time), so ``cuda`` and ``hip`` are None.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

__all__ = ["TorchVersion", "__version__", "cuda", "debug", "git_version", "hip"]


def _release(version: Any) -> tuple[int, ...]:
    """The numbers of a version: ``"2.1.0+cpu"`` → (2, 1, 0); a tuple is taken as it is."""
    if isinstance(version, tuple):
        return tuple(int(part) for part in version)
    numbers = re.match(r"\s*v?(\d+(?:\.\d+)*)", str(version))
    if numbers is None:
        raise ValueError(f"Invalid version: '{version}'")
    return tuple(int(part) for part in numbers.group(1).split("."))


def _padded(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)), b + (0,) * (width - len(b))


def _comparison(compare: Callable[[Any, Any], bool]) -> Callable[[TorchVersion, Any], bool]:
    def method(self: TorchVersion, other: Any) -> bool:
        if not isinstance(other, (str, tuple)):
            return NotImplemented  # type: ignore[return-value]
        return compare(*_padded(_release(self), _release(other)))

    return method


class TorchVersion(str):
    """A version string that compares as a version, with strings or tuples:
    ``__version__ >= "0.1"``, ``__version__ > (0, 0, 9)``."""

    __lt__ = _comparison(operator.lt)  # type: ignore[assignment]
    __le__ = _comparison(operator.le)  # type: ignore[assignment]
    __gt__ = _comparison(operator.gt)  # type: ignore[assignment]
    __ge__ = _comparison(operator.ge)  # type: ignore[assignment]
    __eq__ = _comparison(operator.eq)  # type: ignore[assignment]
    __hash__ = str.__hash__


TorchVersion.__module__ = "autograd_kit.torch_version"  # PyTorch's module for it

__version__ = TorchVersion("0.1.0")
debug = False
cuda: str | None = None
hip: str | None = None
git_version = "Unknown"
