"""``+ - * /`` and ``mm`` on plain operands, without `Function.apply`'s general machinery.

Arithmetic is most of what a training step or a backward pass computes, and most of it is
*plain*: a float32/float64 CPU tensor with a Python float, or with a tensor of the same dtype
and shape (or a 0-dim one). For those the general path's checks (devices, dtype promotion,
broadcasting, options, custom Functions) have nothing to find, so this module skips them:

- when nothing is recorded (no_grad code, optimizer steps, and the rules backward runs without
  ``create_graph``) the result is the operation's NumPy result wrapped as a new tensor;
- when an input requires grad, `recording.record_plain` computes the same NumPy result, lets
  the Function keep what its rule needs (its ``plain_saves``: what its ``forward`` saves for
  the same call) and links the node directly.

Both give exactly what `Function.apply` gives: the same array operation (the same bits), the
same node with the same edges and saved values. Anything else (GPU arrays, mixed dtypes,
broadcasting, integer tensors, inference mode, saved-tensor hooks, anomaly mode, a caller
listening to recordings) returns None, and the caller takes the full path with its checks
and errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy

from .. import anomaly_mode, grad_mode
from ..function import Function, forward_only, record_listeners
from ..recording import record_plain
from ..saved_tensor import saved_tensors_hooks_stack
from ..tensor import Tensor
from . import arithmetic, small_gemm
from .preserved_layout import exactly_row_major
from .unrecorded import PLAIN_FLOATS


def _arrays(a: Any, b: Any, elementwise: bool = True) -> tuple[Any, Any] | None:
    """``a``'s array and ``b``'s array (or float) when both are plain, else None
    (``elementwise``: the shapes must also be equal, or one of them 0-dim)."""
    if not isinstance(a, Tensor) or grad_mode.state.inference or forward_only:  # (inference
        return None  # mode: the full path marks its results; forward AD follows tangents)
    x = a._data
    if type(x) is not numpy.ndarray or x.dtype not in PLAIN_FLOATS:
        return None
    # (an elementwise result of matrices not row-major takes its layout from operands_layout)
    if type(b) is float:
        return None if elementwise and x.ndim > 1 and not exactly_row_major(x) else (x, b)
    if not isinstance(b, Tensor):
        return None
    y = b._data
    if type(y) is not numpy.ndarray or y.dtype != x.dtype:
        return None
    if elementwise and y.shape != x.shape:
        if x.ndim and y.ndim:  # (a 0-dim one broadcasts)
            return None
        matrix = x if x.ndim else y
        if matrix.ndim > 1 and not exactly_row_major(matrix):
            return None
    elif elementwise and x.ndim > 1 and not (x.flags.c_contiguous and y.flags.c_contiguous):
        return None
    return x, y


def _records(a: Tensor, b: Any) -> bool | None:
    """With grad mode on: whether ``a ∘ b`` is recorded (True), not (False), or needs the
    full path (None: a recording with something listening or hooked in)."""
    if not (a._requires_grad or a.requires_grad  # (the flag first: the property is dearer)
            or type(b) is not float and b.requires_grad):
        return False
    if record_listeners or saved_tensors_hooks_stack or anomaly_mode.state.enabled:
        return None
    if grad_mode.inference_tensors_made and (a._inference or type(b) is not float
                                             and b._inference):
        return None  # (see Function.apply: maybe nothing is recorded)
    return True


def _plain(compute: numpy.ufunc,
           function: type[Function]) -> Callable[[Any, Any], Tensor | None]:
    def run(a: Any, b: Any) -> Tensor | None:
        operands = _arrays(a, b)
        if operands is None:
            return None
        if grad_mode.state.enabled:  # (off in no_grad code and in backward's rules)
            records = _records(a, b)
            if records:
                return record_plain(function, compute, a, b, operands)
            if records is None:
                return None
        return Tensor._make(compute(*operands, out=...))  # (out=...: an array even for 0-dim)

    run.__doc__ = (f"``{compute.__name__}(a, b)`` as a new tensor (recorded as "
                   f"{function.node_name} when an input requires grad), or None (see the module).")
    return run


add = _plain(numpy.add, arithmetic.Add)
sub = _plain(numpy.subtract, arithmetic.Sub)
mul = _plain(numpy.multiply, arithmetic.Mul)
div = _plain(numpy.true_divide, arithmetic.Div)


def mm(a: Any, b: Any) -> Tensor | None:
    """``a @ b`` for two matrices, when nothing is recorded, as `Mm`'s forward computes it, or
    None (see the module; here both must be 2-D with matching inner sizes above 1: an inner
    size of 1 goes through `Mm`, which keeps a -0 that BLAS would lose)."""
    operands = _arrays(a, b, elementwise=False)
    if operands is None or type(operands[1]) is float or (
            grad_mode.state.enabled and _records(a, b) is not False):
        return None
    x, y = operands
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[0] or x.shape[1] == 1:
        return None
    exact = small_gemm.mm(x, y)  # (MKL's order, some shapes)
    return Tensor._make(x @ y if exact is None else exact)
