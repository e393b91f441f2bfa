"""Short, readable text for one tensor or one backward node.

Only the few values a label shows are copied from the device: a tensor's array is sliced
first (a handful of elements) and only that slice goes through `autograd_kit.backend.to_host`.
"""

from __future__ import annotations

from typing import Any

import numpy

from autograd_kit.backend import to_host

MAX_VALUES = 4  # how many values a label shows


def few_values(array: Any, limit: int = MAX_VALUES) -> tuple[list[float], bool]:
    """The first ``limit`` values of ``array`` (flattened order) and whether there are more.

    Slices on the array's own device, then copies only the slice to the host.
    """
    size = int(array.size)
    if array.ndim == 0:
        small = array.reshape(1)
    elif size <= limit:
        small = array
    elif array.flags.c_contiguous:
        small = array.reshape(-1)[:limit]  # a view: nothing is copied yet
    else:  # a strided view: take the start of its first row
        small = array[(0,) * (array.ndim - 1) + (slice(0, limit),)]
    values = numpy.asarray(to_host(small)).reshape(-1)[:limit]
    return [v.item() for v in values], size > len(values)


def format_number(value: float | int | bool) -> str:
    """A compact number: ``6``, ``-1.5``, ``0.0128``, ``1.2e+06``."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = f"{value:.4g}"
    return text


def format_values(array: Any, limit: int = MAX_VALUES) -> str:
    """``6`` for one value, ``[5, 1, 7]`` for a few, ``[1, 1, 1, 1, …]`` when cut short."""
    values, more = few_values(array, limit)
    if array.ndim == 0:
        return format_number(values[0])
    parts = [format_number(v) for v in values]
    if more:
        parts.append("…")
    return "[" + ", ".join(parts) + "]"


def format_shape(shape: tuple[int, ...]) -> str:
    """``(2, 2)`` → ``[2, 2]`` (as in ``torch.Size([2, 2])``); a 0-dim shape is ``scalar``."""
    return "[" + ", ".join(str(s) for s in shape) + "]" if shape else "scalar"


def tensor_summary(shape: tuple[int, ...], dtype: str, device: str) -> str:
    """``[2, 2] float32`` (the device is named only when it is not the CPU)."""
    text = f"{format_shape(shape)} {dtype}"
    return text if device == "cpu" else f"{text} {device}"


def grad_text(grad: Any) -> str:
    """``grad: [3, 3, 3, 3]`` for a Tensor (or array), ``grad: None`` for None."""
    if grad is None:
        return "grad: None"
    data = getattr(grad, "_data", grad)
    return "grad: " + format_values(data)


def tensor_flags(requires_grad: bool, is_leaf: bool, retains_grad: bool) -> str:
    """``leaf · requires_grad`` / ``non-leaf · retain_grad()``."""
    flags = ["leaf" if is_leaf else "non-leaf"]
    if requires_grad:
        flags.append("requires_grad")
    if retains_grad:
        flags.append("retain_grad()")
    return " · ".join(flags)
