"""PyTorch's checks of an adaptive pool's arguments, shared by the 1-, 2- and 3-D pools.

PyTorch's Python fills in a ``None`` of a tuple ``output_size`` from the input's sizes, and
refuses an input with no more dimensions than the tuple has (``ValueError: Input dimension
should be at least 3``). Its kernels then check the input's dimensions and that no dimension
but the first (the batch, which may be empty) is empty::

    adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [2, 4]
    adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions,
        but input has sizes [2, 0, 4] with dimension 1 being empty

The average pools write the first without the colon; the 3-D average pool checks the sizes
before the dimensions. (The 1-D pools check their dimensions first, as the 2-D ones of
height 1 they are; `adaptive_max_pool1d` checks the empty sizes under its own name.)
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from .arguments import type_name
from .functional_arguments import check_ints


def _size_text(shape: Any) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


def adaptive_sizes(name: str, output_size: Any, input: Tensor) -> tuple:  # noqa: A002
    """``output_size`` as PyTorch's Python passes it on (an int repeated, a ``None`` in a tuple
    taken from the input's size), checked as its kernel does; the average pools check the
    number of sizes and their signs first (their 1-sized output is a mean, taken before the
    input is checked), the max pools after the input (`check_adaptive_input`)."""
    n = int(name[-2])  # ("adaptive_avg_pool2d": 2)
    if isinstance(output_size, int):
        check_ints(name, "output_size", 2, output_size)  # (not a bool)
        sizes = (output_size,) * n
    elif not hasattr(output_size, "__len__"):
        raise TypeError(f"object of type '{type_name(output_size)}' has no len()")
    elif input.dim() <= len(output_size):
        raise ValueError(f"Input dimension should be at least {len(output_size) + 1}")
    else:
        sizes = tuple(d if s is None else s
                      for s, d in zip(output_size, input.shape[-len(output_size):]))
        check_ints(name, "output_size", 2, sizes)
        sizes = tuple(int(s) for s in sizes)
    if "avg" in name:
        if len(sizes) != n:
            raise RuntimeError(f"{name}: output_size must be {n}")
        if min(sizes) < 0:
            shown = ", ".join(map(str, sizes[:2])) + "".join(f",{s}" for s in sizes[2:])
            raise RuntimeError(f"{name}: elements of output_size must be greater than or equal "
                               f"to 0 but received {{{shown}}}")
    return sizes


def check_adaptive_input(name: str, input: Tensor, sizes: tuple) -> None:  # noqa: A002
    """The kernel's checks of the input: n + 1 or n + 2 dimensions, no empty dimension after
    the first (the 3-D average pool checks the sizes first, the 2-D one only its last two
    sizes); then a max pool's number of output sizes."""
    n, avg = int(name[-2]), "avg" in name

    def check_dims() -> None:
        if input.dim() not in (n + 1, n + 2):
            raise RuntimeError(f"{name}(): Expected {n + 1}D or {n + 2}D tensor, but got"
                               f"{'' if avg else ':'} {_size_text(input.shape)}")

    def check_sizes() -> None:  # (the 2-D average pool checks only the last two)
        for dim in range(max(input.dim() - 2, 0) if avg and n == 2 else 1, input.dim()):
            if input.shape[dim] == 0:
                raise RuntimeError(
                    f"{name}(): Expected input to have non-zero size for non-batch dimensions,"
                    f" but input has sizes {_size_text(input.shape)} with dimension {dim} "
                    "being empty")

    for check in (check_sizes, check_dims) if avg and n == 3 else (check_dims, check_sizes):
        check()
    if len(sizes) != n:
        raise RuntimeError(f"{name}(): internal error: output_size.size() must be {n}")
    if n > 1 and min(sizes) < 0:  # (a 1-D pool's is its 2-D pool's, of height 1)
        shape = (*input.shape[:input.dim() - n], *sizes)
        raise RuntimeError(f"Trying to create tensor with negative dimension {min(sizes)}: "
                           f"{_size_text(shape)}")
