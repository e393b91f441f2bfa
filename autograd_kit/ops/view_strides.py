"""PyTorch's strides for views whose NumPy counterpart may pick others.

A dimension of size 1 can have any stride without changing which elements a view reads, so
NumPy (``expand_dims``, ``broadcast_to``, ``reshape``) is free to choose. ``stride()`` shows
the choice, and later layouts follow it, so the kit takes PyTorch's.
"""

from __future__ import annotations

from typing import Any


def with_steps(xp: Any, out: Any, steps: tuple[int, ...]) -> Any:
    """``out`` with strides ``steps`` (in bytes): itself when it has them already, else a view
    of the same memory (read-only when ``out`` is)."""
    if out.strides == steps:
        return out
    return xp.lib.stride_tricks.as_strided(out, out.shape, steps)


def unsqueezed_steps(data: Any, dim: int) -> tuple[int, ...]:
    """``unsqueeze(dim)``: the new dimension's stride is 1 at the end, else the size × stride
    of the dimension it goes before."""
    steps = list(data.strides)
    steps.insert(dim, data.itemsize if dim == data.ndim else data.shape[dim] * steps[dim])
    return tuple(steps)

