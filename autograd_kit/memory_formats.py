"""``memory_format=``: in which order a tensor's values lie in memory.

Row-major (``contiguous_format``) runs through the last dimension first. ``channels_last``
stores a batch of images pixel by pixel: for an (N, C, H, W) tensor, memory runs through
C, then W, then H, then N, so one pixel's channels sit side by side (``channels_last_3d``
does the same for (N, C, D, H, W) volumes). The shape and every value stay the same; only
the strides change, as PyTorch's do::

    x = torch.zeros(1, 2, 3, 4)            # strides (24, 12, 4, 1)
    x.contiguous(memory_format=torch.channels_last).stride()  # (24, 1, 8, 2)

Elementwise results, convolutions and normalisations then keep the channels-last layout
(`ops.preserved_layout`).
"""

from __future__ import annotations

from typing import Any

from . import backend, dtypes
from .ops.preserved_layout import (
    CHANNELS_LAST,
    CHANNELS_LAST_3D,
    copy_in_layout,
    dense_steps,
    suggested_order,
)
from .ops.view_strides import with_steps

_RANKS = {"channels_last": (4, CHANNELS_LAST), "channels_last_3d": (5, CHANNELS_LAST_3D)}


def format_order(memory_format: Any, ndim: int) -> list[int] | None:
    """The dimensions from inner to outer that ``memory_format`` asks for, or None for
    row-major and ``preserve_format`` (PyTorch's RuntimeError for a tensor of the wrong rank;
    its TypeError for a value that is no memory format)."""
    if isinstance(memory_format, dtypes.memory_format) and memory_format.name in _RANKS:
        rank, order = _RANKS[memory_format.name]
        if ndim != rank:
            raise RuntimeError(f"required rank {rank} tensor to use {memory_format.name} format")
        return order
    dtypes.check_memory_format(memory_format)
    return None


def in_format(xp: Any, data: Any, inner_to_outer: list[int], dtype: Any = None) -> Any:
    """A copy of ``data`` (converted to ``dtype``) laid out in this order, with PyTorch's
    strides (also where a dimension is empty)."""
    return restrided(copy_in_layout(xp, data, inner_to_outer, dtype), inner_to_outer)


def restrided(data: Any, inner_to_outer: list[int]) -> Any:
    """``data``'s memory read with the strides PyTorch gives this order (also where a
    dimension is empty; what ``resize_(..., memory_format=)`` leaves of row-major data)."""
    return with_steps(backend.module_of(data), data,
                      dense_steps(data.shape, inner_to_outer, data.itemsize))


def laid_out_in(made: Any, memory_format: Any) -> Any:
    """A new tensor ``made`` (of zeros) laid out in ``memory_format`` (row-major: as it is)."""
    order = format_order(memory_format, made.ndim)
    if order is not None:
        made._data = in_format(made._xp, made._data, order)
    return made


def made_in_format(make: Any, shape: tuple[int, ...], inner_to_outer: list[int]) -> Any:
    """``make(shape)`` (a new tensor) with its memory in this order: made in memory order
    and transposed back, so that random values too fill memory as PyTorch's do."""
    outer_to_inner = inner_to_outer[::-1]
    made = make(tuple(shape[d] for d in outer_to_inner))
    made._data = restrided(made._data.transpose(
        [outer_to_inner.index(d) for d in range(len(shape))]), inner_to_outer)
    return made


def suggests(data: Any, memory_format: Any) -> bool:
    """Whether ``data``'s strides suggest ``memory_format`` to PyTorch's
    ``suggest_memory_format`` (then ``to(memory_format=...)`` returns the tensor itself)."""
    wanted = _RANKS.get(getattr(memory_format, "name", None), (0, None))[1]  # (row-major: None)
    return suggested_order(data) == wanted
