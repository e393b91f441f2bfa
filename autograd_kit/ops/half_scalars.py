"""float16 arithmetic with one value on the right: PyTorch's CPU kernels compute it in float32.

For a float16 result, PyTorch's CPU kernels of ``*``, ``/`` and ``div(…, rounding_mode=…)``
(so ``//`` too) check whether the second operand is one value broadcast over the other (a
Python number, or a tensor of one element). If it is, they read that operand's *original*
value as a float32 (not its float16 rounding), widen each float16 element to float32, compute
there and round the result to float16 once. So ``h * 0.1`` multiplies by float32(0.1), not by
float16(0.1), and ``h * 70000.`` gives ``0 * 70000 = 0`` where the float16 operand would be
inf (and ``0 * inf`` nan). ``+`` and ``-`` convert the number to float16 first, as NumPy does.

`widened` gives the float32 operands for such a case; the rules round the result back.
"""

from __future__ import annotations

from typing import Any

import numpy

from ..tensor import Tensor

_HALF = numpy.dtype("float16")


def widened(x: Any, b: Any) -> tuple[Any, Any] | None:
    """``(x, b)`` in float32, when ``x`` (the first operand, already in the result type) is
    float16 and ``b`` (the second, as given) is a number or a tensor of one element: x's
    elements widened, b's original value read as a float32; else None (compute as usual)."""
    if getattr(x, "dtype", None) != _HALF:
        return None
    if isinstance(b, Tensor):
        data = b._data
        if data.size != 1 or data.dtype == _HALF:  # (a float16 value: the same bits)
            return None
        value = data.astype(numpy.float32)
    elif isinstance(b, (bool, int, float)):
        value = numpy.float32(b)
    else:
        return None
    return x.astype(numpy.float32), value


def rounded(result: Any, xp: Any) -> Any:
    """A float32 result of `widened` operands, rounded to float16 (an array, also 0-dim)."""
    return xp.asarray(result).astype(_HALF)
