"""When a rule may compute on arrays directly: nothing recorded, everything on the CPU.

Backward without ``create_graph`` runs every rule with grad mode off, and so does no_grad code.
There, for the kit's own Functions on NumPy arrays, `Function.apply` records no node and marks
nothing: its result is ``Tensor._make(forward's array)``, a fresh tensor (laid out by the
Function's ``result_layout`` where it has one). A rule that sees
`unrecorded` true may therefore compute that array itself and wrap it with ``Tensor._make``,
skipping apply's general machinery (and the ops' argument parsing) for the same tensor with
the same bits (`as_tensor`). Views are the exception: apply links them to their base (its
`_share_memory`), so a rule that would return a view takes the general path, or calls that
same function (`shape.transposed`).
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import grad_mode
from ..function import forward_only
from ..tensor import Tensor


def unrecorded(*tensors: Tensor) -> bool:
    """True when grad mode is off (outside inference mode, whose results are marked) and
    every tensor's data is a NumPy array: then an operation on them records nothing."""
    state = grad_mode.state
    if state.enabled or state.inference or forward_only:
        return False
    for t in tensors:
        if type(t._data) is not numpy.ndarray:
            return False
    return True


def as_tensor(raw: Any) -> Tensor:
    """The tensor an unrecorded `Function.apply` makes of forward's NumPy result: the array
    itself, or a NumPy scalar (what NumPy gives for 0-dim operands) as a 0-dim array."""
    return Tensor._make(raw if type(raw) is numpy.ndarray else numpy.asarray(raw))


PLAIN_FLOATS = (numpy.dtype("float32"), numpy.dtype("float64"))  # (plain arithmetic's too)


def times_number(grad: Tensor, number: float) -> Tensor:
    """``grad * number`` for a Python float: when nothing is recorded and ``grad`` is a
    float32/float64 NumPy tensor, NumPy's multiply on the array, exactly what ``*`` computes
    there (ops/plain_arithmetic.py), without the operator's dispatch. (`unrecorded`'s test
    is written out here: every MulBackward0 of ``x * number`` asks, and the call costs 2%
    of a backward node.)"""
    data = grad._data
    if type(data) is numpy.ndarray and data.dtype in PLAIN_FLOATS:
        state = grad_mode.state
        if not (state.enabled or state.inference):
            return Tensor._make(numpy.multiply(data, number, out=...))
    return grad * number
