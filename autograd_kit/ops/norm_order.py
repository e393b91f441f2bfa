"""p-norms other than p = 2 (and 0, ±inf) as PyTorch's CPU kernel sums them, to the last bit.

PyTorch's ``NormOneOps`` / ``NormOps`` (ATen's SharedReduceOps.h) add the terms |x|, or
|x|^p with the float pow of the input's own type, into one accumulator of that type, one value
after the other in memory order, then take ``acc^(1/p)`` (1/p also in that type). NumPy sums
pairwise, so a float32 ``x.norm(p=1)`` of 33 values or more often differed in its last bit.

Runs longer than PyTorch's grain (32768 values) are split among its threads: not followed
here (None: the caller keeps NumPy's order).
"""

from __future__ import annotations

from typing import Any

import numpy

_GRAIN = 32768


def half_in_float32(data: numpy.ndarray, norm: Any, formula: Any) -> numpy.ndarray:
    """A float16 array's norm as PyTorch accumulates it: computed in float32 (``norm`` of
    the widened array, or ``formula`` of it where ``norm`` gives None), rounded once."""
    wide = numpy.ascontiguousarray(data, dtype=numpy.float32)
    out = norm(wide)
    if out is None:
        out = formula(wide)
    return numpy.asarray(out).astype(numpy.float16)


def sequential_norm(data: Any, p: float, dims: tuple[int, ...] | None,
                    keepdim: bool) -> Any | None:
    """(Σ |x|^p)^(1/p) over ``dims`` (None: all) of a C-contiguous float32/float64 array,
    summed in PyTorch's order; None where that order is not followed. float16 is computed in
    float32 and rounded once, as PyTorch accumulates it."""
    if isinstance(data, numpy.ndarray) and data.dtype == numpy.float16:
        return half_in_float32(
            data, lambda wide: sequential_norm(wide, p, dims, keepdim),
            lambda wide: (numpy.abs(wide) ** p).sum(axis=dims, keepdims=keepdim) ** (1.0 / p))
    if (not isinstance(data, numpy.ndarray) or data.dtype not in (numpy.float32, numpy.float64)
            or not data.flags.c_contiguous):
        return None
    ndim = data.ndim
    reduced = tuple(range(ndim)) if dims is None else tuple(sorted(d % max(ndim, 1)
                                                                   for d in dims))
    if ndim == 0 and dims is None:  # (PyTorch's path here: float64, rounded at the end)
        value = numpy.abs(data.astype(numpy.float64)) ** p
        return numpy.asarray((value ** (1.0 / p)).astype(data.dtype))
    if ndim == 0:  # over its dim 0: as a run of one value
        out = sequential_norm(data.reshape(1), p, (0,), False)
        return None if out is None else out.reshape(())
    if not reduced:
        return None
    kept = tuple(d for d in range(ndim) if d not in reduced)
    count = int(numpy.prod([data.shape[d] for d in reduced]))
    if count == 0 or count > _GRAIN:
        return None
    kind = data.dtype.type
    rows = numpy.abs(data.transpose(kept + reduced)).reshape(
        tuple(data.shape[d] for d in kept) + (count,))
    if p != 1:  # the C library's pow of the type (see `_pow`)
        rows = _pow(rows, kind(p))
    total = numpy.cumsum(rows, axis=-1, dtype=kind)[..., -1].copy()  # (its own memory)
    if p != 1:
        total = _pow(total, kind(1) / kind(p))
    if keepdim:
        total = total.reshape(tuple(1 if d in reduced else data.shape[d] for d in range(ndim)))
    return numpy.asarray(total)


def _pow(base: Any, exponent: Any) -> Any:
    """base^exponent correctly rounded to base's type, as glibc's pow and powf are (but for
    cases too rare to meet): computed wider (float64, or long double for float64), rounded
    once. (NumPy's own float64 power is one ulp off in a few percent of values.)"""
    wide = numpy.float64 if base.dtype == numpy.float32 else numpy.longdouble
    return numpy.power(base.astype(wide), wide(exponent)).astype(base.dtype)


def check_identity(shape: tuple[int, ...], p: float, dim: Any) -> None:
    """PyTorch's errors for a norm with no identity (p < 0 or p = inf: a minimum or a
    maximum) over nothing: an empty tensor reduced whole, or an empty dimension."""
    if 0 not in shape or not (p < 0 or p == float("inf")):
        return
    dims = () if dim is None else (dim,) if isinstance(dim, int) else tuple(dim)
    if any(not -len(shape) <= d < len(shape) for d in dims):
        return  # (the caller's own error for a dimension out of range)
    if not dims:
        raise RuntimeError(f"linalg.vector_norm cannot compute the {p:g} norm on an empty "
                           "tensor because the operation does not have an identity")
    for d in dims:
        if shape[d] == 0:  # ("dimension 1because": PyTorch's wording, space missing)
            raise RuntimeError(f"linalg.vector_norm cannot compute the {p:g} norm on the "
                               f"dimension {d}because this dimension is empty and the "
                               "operation does not have an identity")
