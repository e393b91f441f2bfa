"""``x[::2] += x[:3]``: an in-place update that reads memory it is writing, element by element.

PyTorch's kernels visit the written elements one at a time, in the order of their memory,
reading each input element just before writing: so a value written early is read again
later (``x = arange(5.); x[::2] += x[:3]`` gives [0, 1, 3, 3, 7]: x[4] += x[2], already 3).
NumPy instead copies an overlapping input first (it would give 6 there). PyTorch refuses the
overlaps it can decide (two gap-free blocks, memory_overlap.py); the others, with gaps, are
computed here in PyTorch's order.
"""

from __future__ import annotations

from typing import Any

import numpy


def ufunc_in_place(xp: Any, name: str, data: Any, value: Any) -> None:
    """``data <- data (ufunc name) value``, in PyTorch's order when ``value`` reads
    elements of ``data`` at other places (NumPy's own update otherwise)."""
    ufunc = getattr(xp, name)
    if xp is not numpy or not reads_what_it_writes(data, value):
        ufunc(data, value, out=data, casting="same_kind")
        return
    read = numpy.broadcast_to(value, data.shape)  # (a view: it reads the memory as it is now)
    with numpy.errstate(all="ignore"):  # (the whole update warns as NumPy's would: not here)
        for at in in_memory_order(data):
            data[at] = ufunc(data[at], read[at]).astype(data.dtype, copy=False)


def reads_itself_in_integers(target: Any, function: Any, others: tuple[Any, ...],
                             ufuncs: dict[Any, str]) -> bool:
    """Whether ``target (op)= other`` on integers (+ - * with an operand of the same dtype,
    nothing recorded) reads memory it writes: then it runs as `ufunc_in_place`, in PyTorch's
    order (anything else takes the general path, with PyTorch's casting errors)."""
    from . import grad_mode
    from .tensor import Tensor

    other, data = others[0], target._data
    return (ufuncs.get(function) in ("add", "subtract", "multiply") and type(other) is Tensor
            and data.dtype.kind in "iu" and other._data.dtype == data.dtype
            and not (grad_mode.state.enabled and target.requires_grad)
            and type(data) is numpy.ndarray and reads_what_it_writes(data, other._data))


def copied_in_order(written: Any, read: Any) -> Any:
    """What an element-by-element copy of ``read`` into ``written`` (PyTorch's ``copy_``,
    ``x[::2] = x[:3]``) writes, when ``read`` reads memory of ``written`` with gaps (else
    None): each element of ``read`` is read just before its own write, in memory order. The
    copy is made in ``written`` and then undone: the caller writes the values as usual."""
    if not written.flags.writeable or not reads_what_it_writes(written, read):
        return None
    try:
        source = numpy.broadcast_to(read, written.shape)
    except ValueError:  # (shapes that do not fit: the caller's error)
        return None
    kept, taken = written.copy(), numpy.empty(written.shape, written.dtype)
    for at in in_memory_order(written):
        taken[at] = written[at] = source[at]
    written[...] = kept
    return taken


def copy_source_in_order(written: Any, others: tuple[Any, ...]) -> tuple[Any, ...]:
    """``copy_``'s operands (the source first), the source as `copied_in_order` reads it."""
    from .tensor import Tensor

    source = others[0]
    if not isinstance(source, Tensor) or type(written) is not numpy.ndarray:
        return others
    copied = copied_in_order(written, source._data)
    return others if copied is None else (Tensor._make(copied), *others[1:])


def in_memory_order(data: Any) -> Any:
    """The indices of ``data``'s elements, in the order of their places in memory."""
    offsets = sum(numpy.arange(n).reshape([-1 if d == at else 1 for d in range(data.ndim)])
                  * step for at, (n, step) in enumerate(zip(data.shape, data.strides)))
    for flat in numpy.argsort(numpy.broadcast_to(offsets, data.shape), axis=None, kind="stable"):
        yield numpy.unravel_index(flat, data.shape)


def reads_what_it_writes(data: Any, value: Any) -> bool:
    """Whether ``value`` shares memory with ``data`` other than element for element."""
    if not isinstance(value, numpy.ndarray) or not numpy.may_share_memory(data, value):
        return False
    same = (value.shape == data.shape and value.strides == data.strides
            and value.__array_interface__["data"][0] == data.__array_interface__["data"][0])
    return not same and bool(numpy.shares_memory(data, value, max_work=10**6))
