"""How many numbers a 2-D or 3-D pool's window arguments may hold, checked first as
PyTorch's kernels do (before the input's dimensions): kernel_size and padding one or one per
dimension, stride also none (omitted), dilation one or one per dimension. Each kernel words
it its own way (avg_pool3d: "must be ...", the others: "must either be ...")."""

from __future__ import annotations

from typing import Any

_COUNT = {2: "two", 3: "three"}


def check_window_sizes(op: str, dims: int, kernel_size: Any, stride: Any, padding: Any,
                       dilation: Any = 1) -> None:
    """PyTorch's error for a window argument of ``op`` (max_pool2d, avg_pool3d, …) holding
    neither one number nor ``dims`` of them."""
    either = "" if op == "avg_pool3d" else "either "
    ints = f"a tuple of {_COUNT[dims]} ints"
    checks = (("kernel_size", kernel_size, f"must {either}be a single int, or {ints}", False),
              ("stride", stride, f"must {either}be omitted, a single int, or {ints}", True),
              ("padding", padding, f"must {either}be a single int, or {ints}", False),
              ("dilation", dilation, f"must be either a single int, or {ints}", False))
    for name, value, words, may_be_empty in checks:
        count = len(value) if isinstance(value, (tuple, list)) else 1
        if value is None or count in (1, dims) or (may_be_empty and count == 0):
            continue
        raise RuntimeError(f"{op}: {name} {words}")
