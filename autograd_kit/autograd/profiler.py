"""``autograd.profiler``: `record_function` labels a block of code for PyTorch's profiler.

The kit has no profiler, so a labelled block runs exactly as it would unlabelled (graphs,
gradients and grad mode are untouched); code written for PyTorch runs unchanged.
"""

from __future__ import annotations

import contextlib
from typing import Any

__all__ = ["record_function"]


class record_function(contextlib.ContextDecorator):  # noqa: N801 - PyTorch's name
    """``with record_function("block"):`` or ``@record_function("block")``: a named block."""

    def __init__(self, name: str, args: str | None = None) -> None:
        self.name, self.args = name, args
        self.run_callbacks_on_exit = True

    def __enter__(self) -> record_function:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None
