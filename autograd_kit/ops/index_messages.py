"""Reading a key's parts, and NumPy's index errors in PyTorch's words.

A key's parts each use up some dimensions of x (`_width`: a boolean mask as many as it has,
``None`` and ``...`` none by themselves). NumPy names the axis of an out-of-range index as
it numbered them; PyTorch moves the dimensions indexed by tensors to the front first, so the
two can name different dimensions (`_among_indexed`).
"""

from __future__ import annotations

import re
from typing import Any

from ..tensor import Tensor


def _mask_ndim(part: Any) -> int:
    """How many dimensions a boolean mask covers (0 for anything else)."""
    return part.ndim if _is_mask(part) else 0


def _is_mask(part: Any) -> bool:
    return getattr(part, "dtype", None) is not None and part.dtype.kind == "b"


def _width(part: Any) -> int:
    """How many dimensions of x one part of a key uses up."""
    if part is None or part is Ellipsis:
        return 0
    return part.ndim if _is_mask(part) else 1


def _shape_from_text(text: str) -> tuple[int, ...]:
    """NumPy's printed shape, ``(2,)`` or ``(2,3)``, as a tuple."""
    return tuple(int(n) for n in text.strip("()").split(",") if n.strip())


def _index_message(numpy_message: str, x: Tensor, indexed: Any = None) -> str:
    """NumPy's IndexError in PyTorch's words (``indexed``: the key NumPy was given and the
    number of dimensions of the array it indexed)."""
    found = re.match(r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)",
                     numpy_message)
    if found and found.group(3) == "0":  # (an index into an empty dimension: no value named)
        return "index is out of bounds for dimension with size 0"
    if found and indexed is not None:
        bad, axis, size = (int(n) for n in found.groups())
        return f"index {bad} is out of bounds for dimension {_among_indexed(*indexed, axis)} " \
            f"with size {size}"
    if numpy_message.startswith("shape mismatch: indexing arrays"):
        shapes = numpy_message.split("shapes ", 1)[1].split()
        words = ", ".join(str(list(_shape_from_text(s))) for s in shapes)
        return "shape mismatch: indexing tensors could not be broadcast together with " \
            f"shapes {words}"
    return numpy_message.replace("for axis", "for dimension").replace(
        "too many indices for array: array is", "too many indices for tensor of dimension"
    ).split(" but ")[0]


def _among_indexed(key: Any, ndim: int, axis: int) -> int:
    """Where PyTorch reports an index array out of range: it moves the dimensions indexed by
    arrays to the front first, so ``x[:, [9]]`` names dimension 0 (NumPy's axis 1)."""
    parts = key if isinstance(key, tuple) else (key,)
    dim, before = 0, 0
    for part in parts:
        width = _width(part)
        if part is Ellipsis:  # the dimensions no other part uses
            width = ndim - sum(_width(p) for p in parts)
        if hasattr(part, "ndim"):
            if dim <= axis < dim + width:
                return before + axis - dim
            before += width
        dim += width
    return axis


def in_range_when_empty(data: Any, key: Any) -> Any:
    """``key`` with its integer arrays clamped into range, for an array with no values (None
    for any other): PyTorch's indexing checks each index as it reads or writes a value, so
    ``T.zeros(3, 0)[T.tensor([5])]`` (nothing to read) gives an empty result, where NumPy
    refuses the index. A dimension of size 0 still refuses any index."""
    if data.size != 0:
        return None
    parts, fitted, dim = key if isinstance(key, tuple) else (key,), [], 0
    for part in parts:
        width = _width(part)
        if part is Ellipsis:
            width = data.ndim - sum(_width(p) for p in parts)
        elif hasattr(part, "ndim") and not _is_mask(part) and dim < data.ndim:
            size = data.shape[dim]
            if size:
                part = part.clip(-size, size - 1)
        fitted.append(part)
        dim += width
    return tuple(fitted) if isinstance(key, tuple) else fitted[0]
