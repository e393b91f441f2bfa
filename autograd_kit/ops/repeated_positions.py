"""Writing many values into an array where positions may repeat (``out[key] op= values``).

NumPy's ``ufunc.at`` does it exactly. CuPy's is exact only for ``add`` on some dtypes, so
`reduced_at` gives every array module NumPy's result.
"""

from __future__ import annotations

from typing import Any

import numpy


def reduced_at(xp: Any, name: str, out: Any, key: Any, values: Any) -> Any:
    """out[key] = op(out[key], values), each repeated position taking every value aimed at it:
    NumPy's ``op.at`` (``name`` is the ufunc's: 'add', 'multiply', 'maximum', 'minimum').
    Returns the result (``out`` itself, or a new array).

    CuPy's ``ufunc.at`` is exact only for ``add`` on some dtypes (``multiply.at`` is missing,
    ``maximum.at`` rounds float64 through float32), so on other modules the entries go in
    rounds: sorted (stably) by position, the k-th entry aimed at a position goes in round k.
    One round's positions are distinct, so a plain ``out[p] = op(out[p], v)`` is right.
    """
    if xp is numpy:
        getattr(numpy, name).at(out, key, values)
        return out
    if name == "add" and out.dtype in _DEVICE_ADD_AT:
        xp.add.at(out, key, values)
        return out
    op = getattr(xp, name)
    positions = xp.arange(out.size).reshape(out.shape)[key]
    values = xp.broadcast_to(values, positions.shape).reshape(-1)
    positions = positions.reshape(-1)
    order = xp.argsort(positions, kind="stable")
    positions, values = positions[order], values[order]
    rank = xp.arange(positions.size) - xp.searchsorted(positions, positions)  # k of each entry
    flat = out.reshape(-1)
    for k in range(int(rank.max()) + 1 if rank.size else 0):
        chosen = rank == k
        at = positions[chosen]
        flat[at] = op(flat[at], values[chosen])
    return flat.reshape(out.shape)


def identity_of(name: str, dtype: Any, xp: Any) -> Any:
    """The value ``name``'s reduction starts from (NumPy's ufunc name), in ``dtype``: 0 for
    add, 1 for multiply, the lowest (maximum) or highest (minimum) value: ±inf, an integer
    type's limit, False / True for bool."""
    if name in ("add", "multiply"):
        return int(name == "multiply")
    highest = name == "minimum"
    if dtype.kind == "b":
        return highest
    if dtype.kind in "iu":
        return xp.iinfo(dtype).max if highest else xp.iinfo(dtype).min
    return float("inf") if highest else -float("inf")


# the dtypes whose ``add.at`` CuPy does with atomic adds (the others go in rounds)
_DEVICE_ADD_AT = tuple(numpy.dtype(t) for t in ("float16", "float32", "float64", "int32",
                                                  "int64", "uint32", "uint64"))
