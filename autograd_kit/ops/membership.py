"""Questions about the values themselves: ``isin`` (is each value among the test values?)
and ``unique_consecutive`` (runs of equal values collapsed to one).

Neither has a derivative: isin gives booleans, and unique_consecutive of a tensor that
requires grad records a node whose backward raises PyTorch's NotImplementedError.
"""

from __future__ import annotations

import math
from typing import Any

from ..function import Function
from ..tensor import Tensor, _wrap_dim
from ..transform_captures import refuse_batched_read
from .operands import as_operand, check_same_device, common_dtype


def isin(elements: Any, test_elements: Any, *, assume_unique: bool = False,
         invert: bool = False) -> Tensor:
    """True where a value of ``elements`` equals one of ``test_elements`` (False with
    ``invert``); either may be a number. NaN is in nothing, as NaN equals nothing."""
    elements, test_elements = as_operand(elements), as_operand(test_elements)
    tensors = [v for v in (elements, test_elements) if isinstance(v, Tensor)]
    if not tensors:
        got = f"({type(elements).__name__}, {type(test_elements).__name__})"
        raise TypeError(
            f"isin() received an invalid combination of arguments - got {got}, but expected "
            "one of:\n * (Tensor elements, Tensor test_elements, *, bool assume_unique = "
            "False, bool invert = False, Tensor out = None)\n * (Number element, Tensor "
            "test_elements, *, bool assume_unique = False, bool invert = False, Tensor out = "
            "None)\n * (Tensor elements, Number test_element, *, bool assume_unique = False, "
            "bool invert = False, Tensor out = None)\n")
    if len(tensors) == 2:
        check_same_device(*tensors)
    dtype = common_dtype(elements, test_elements)
    if dtype.name == "bool":
        raise RuntimeError("Unsupported input type encountered for isin(): Bool")
    xp = tensors[0]._xp
    a, b = (xp.asarray(v._data if isinstance(v, Tensor) else v, dtype=dtype.numpy)
            for v in (elements, test_elements))
    found = (a.reshape(-1)[:, None] == b.reshape(-1)[None, :]).any(axis=1).reshape(a.shape)
    return Tensor._make(xp.asarray(~found if invert else found))


def check_zero_sizes_selected(shape: tuple[int, ...], axis: int) -> None:
    """PyTorch's refusal to take unique slices along ``axis`` when another dimension has
    size 0 (the slices would be empty)."""
    if any(size == 0 for d, size in enumerate(shape) if d != axis):
        raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so unique "
                           "cannot be applied")


class UniqueConsecutive(Function):
    """values = x with each run of equal values (or slices along ``dim``) kept once
    (no derivative, as in PyTorch)"""

    node_name = "UniqueConsecutiveBackward0"
    forward_ad_missing = "unique_consecutive"  # (PyTorch has no forward-mode formula)

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: Any) -> Any:
        xp, data = x._xp, x._data
        if dim is None:
            rows = data.reshape(-1, 1)
        else:
            axis = _wrap_dim(dim, data.ndim)
            check_zero_sizes_selected(data.shape, axis)
            data = xp.moveaxis(data, axis, 0)
            rows = data.reshape(data.shape[0], math.prod(data.shape[1:]))
        starts = xp.ones(rows.shape[0], dtype=bool)  # where a new run begins
        starts[1:] = (rows[1:] != rows[:-1]).any(axis=1)
        firsts = xp.nonzero(starts)[0]
        inverse = xp.cumsum(starts).astype("int64") - 1
        counts = xp.diff(xp.append(firsts, rows.shape[0])).astype("int64")
        if dim is None:
            values = data.reshape(-1)[firsts]
            inverse = inverse.reshape(data.shape)
        else:
            values = xp.moveaxis(data[firsts], 0, axis)
        extra = (Tensor._make(inverse), Tensor._make(counts))
        ctx.mark_non_differentiable(*extra)
        return values, *extra

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise NotImplementedError("the derivative for 'unique_consecutive' is not implemented.")


def unique_consecutive(input: Tensor, return_inverse: bool = False,  # noqa: A002
                       return_counts: bool = False, dim: Any = None) -> Any:
    """The values with consecutive repeats removed (``[1, 1, 2, 1]`` → ``[1, 2, 1]``), and
    optionally where each element went (``return_inverse``) and each run's length
    (``return_counts``)."""
    refuse_batched_read(input, "unique_consecutive")  # (under vmap)
    values, inverse, counts = UniqueConsecutive.apply(input, dim)
    out = (values,) + ((inverse,) if return_inverse else ()) + \
        ((counts,) if return_counts else ())
    return out[0] if len(out) == 1 else out

