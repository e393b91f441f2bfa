"""PyTorch's strides for views whose NumPy counterpart may pick others.

A dimension of size 1 can have any stride without changing which elements a view reads, so
NumPy (``expand_dims``, ``broadcast_to``, ``reshape``) is free to choose. ``stride()`` shows
the choice, and later layouts follow it, so the kit takes PyTorch's.
"""

from __future__ import annotations

from typing import Any

import numpy


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



def viewed_steps(data: Any, out: Any) -> tuple[int, ...]:
    """``view(shape)`` (``out``: NumPy's reshape of ``data``): the strides of PyTorch's
    computeStride, which differ from NumPy's only at dimensions of size 1 (a view of
    ``x.t()`` of shape (3, 1) as (1, 3, 1): PyTorch's strides are (3, 1, 3))."""
    if 1 not in out.shape or not data.ndim or not data.size:
        return out.strides
    from .index_layout import _reshaped_steps

    return _reshaped_steps(data.shape, data.strides, out.shape)


def expanded_steps(data: Any, target: tuple[int, ...]) -> tuple[int, ...]:
    """``expand(target)``: a dimension kept keeps its stride (size 1 included), an expanded one
    gets 0, and a new leading dimension of size 1 the size × stride of the one after it (0
    when it is the last: a 0-d tensor's)."""
    steps = [0] * len(target)
    lead = len(target) - data.ndim
    for i in range(len(target) - 1, -1, -1):
        if i >= lead:
            size, step = data.shape[i - lead], data.strides[i - lead]
        else:
            size, step = 1, target[i + 1] * steps[i + 1] if i + 1 < len(target) else 0
        steps[i] = step if size == target[i] else 0
    return tuple(steps)


class _Interface:
    """What NumPy reads an array from (``__array_interface__``), holding ``base`` alive."""

    def __init__(self, interface: dict[str, Any], base: Any) -> None:
        self.__array_interface__ = interface
        self.base = base


def empty_slice_view(data: Any, out: Any, dim: int, part: slice) -> Any:
    """``data[..., part]`` along ``dim`` where it is empty: NumPy starts ``out`` at the block's
    start with the old stride; PyTorch at ``start`` (clamped to the size) with stride × step,
    as ``storage_offset()`` and ``stride()`` show."""
    if out.shape[dim] or type(out) is not numpy.ndarray or type(data) is not numpy.ndarray:
        return out
    start, _, step = part.indices(data.shape[dim])
    steps = list(out.strides)
    steps[dim] = data.strides[dim] * step
    interface = dict(out.__array_interface__)
    address = data.__array_interface__["data"][0] + start * data.strides[dim]
    interface.update(data=(address, interface["data"][1]), strides=tuple(steps))
    return numpy.asarray(_Interface(interface, data))
