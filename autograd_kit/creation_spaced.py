"""Evenly spaced and diagonal factories: `linspace`, `logspace` and `eye`."""

from __future__ import annotations

import math
from typing import Any

import numpy

from . import backend, dtypes
from .creation import _finish, _is_whole, _no_overload, check_dtype_overload
from .ops.operands import check_fits_dtype
from .tensor import Tensor

_MISSING: Any = object()  # (an argument not given)


def check_given(name: str, given: dict[str, Any], signatures: list[str],
                **options: Any) -> None:
    """PyTorch's parser's error for a call missing a required argument (``eye()``,
    ``linspace(0)``, ``eye(m=3)``): ``given`` holds the arguments by name in order, the
    missing ones as ``_MISSING``; those after the first missing one were given by name."""
    names = list(given)
    first = next((at for at, key in enumerate(names) if given[key] is _MISSING), None)
    if first is None:
        return
    from .creation import _CREATION_OPTIONS
    from .signature_parser import check

    forms = tuple(sig if ", *" in sig else f"{sig}, {_CREATION_OPTIONS}" for sig in signatures)
    named = {key: given[key] for key in names[first:] if given[key] not in (_MISSING, None)}
    named |= {key: value for key, value in options.items()
              if value is not None and value is not False}  # (requires_grad=False: unseen)
    check(name, forms, tuple(given[key] for key in names[:first]), named)


_LINSPACE_SIGNATURES = [f"{a} start, {b} end, int steps" for a, b in (
    ("Tensor", "Tensor"), ("Number", "Tensor"), ("Tensor", "Number"), ("Number", "Number"))]


def linspace(start: Any = _MISSING, end: Any = _MISSING, steps: Any = _MISSING, *extra: Any,
             dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """``steps`` evenly spaced values from ``start`` to ``end`` (both included).

    Computed as PyTorch does, in the result's own precision: the first half counts up from
    ``start``, the second half down from ``end`` (so the last value is exactly ``end``).
    """
    args = (start, end) if steps is _MISSING else (start, end, steps, *extra)
    check_given("linspace", {"start": start, "end": end, "steps": steps},
                _LINSPACE_SIGNATURES,
                dtype=dtype, device=device, requires_grad=requires_grad)
    check_dtype_overload("linspace", args, _LINSPACE_SIGNATURES, dtype, bool(extra),
                         device=device, requires_grad=requires_grad)
    if not _is_whole(steps) or not _tensors_or_numbers(start, end):
        raise _no_overload("linspace", args, _LINSPACE_SIGNATURES)
    start, end = _ends_as_numbers("linspace", start, end)
    dtype = dtypes.resolve(dtype) or dtypes.default_float()
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    _check_ends("linspace", start, end, steps, dtype, device)
    with backend.on_device(backend.as_device(device)) as xp:
        if steps < 2:  # (bool with more steps was refused: PyTorch has no kernel for it)
            data = xp.linspace(start, end, steps)
        else:  # (integer types: the ends cast to the type, the step and values in float64)
            kind = dtype.numpy.type
            first, last = (numpy.asarray(v).astype(kind)[()] for v in (start, end))
            step_kind = kind if dtype.is_floating_point else numpy.float64
            step = (step_kind(last) - step_kind(first)) / step_kind(steps - 1)
            wide = numpy.float64 if step_kind(0).itemsize < 8 else numpy.longdouble
            index = numpy.arange(steps, dtype=wide)  # (wide: to round a+b*c once, as fused)
            values = numpy.where(index < steps // 2, wide(first) + wide(step) * index,
                                 wide(last) - wide(step) * (steps - 1 - index))
            data = xp.asarray(values.astype(step_kind).astype(dtype.numpy))
    return _finish(data, dtype, None, requires_grad)


def _tensors_or_numbers(*values: Any) -> bool:
    """Whether each of ``values`` fits a ``Tensor`` or a ``Number`` (linspace(0, None, 3):
    PyTorch's parser refuses it)."""
    from .tensor_arguments import is_number

    return all(isinstance(v, Tensor) or is_number(v) for v in values)


def _check_ends(name: str, start: Any, end: Any, steps: int, dtype: dtypes.dtype,
               device: Any) -> None:
    """PyTorch's checks of the ends against the result's type (as for a fill value: 256 or
    -0.5 do not fit uint8, 1e5 does not fit float16); one step reads only ``start``; no
    bool kernel counts out two or more steps."""
    if steps > 1 and dtype is dtypes.bool_:
        raise NotImplementedError(f'"{name}_{backend.as_device(device).type}" not implemented '
                                  "for 'Bool'")
    for value in (start, end)[:min(steps, 2)]:
        check_fits_dtype(value, dtype.numpy)


def logspace(start: Any = _MISSING, end: Any = _MISSING, steps: Any = _MISSING,
             base: float = 10.0, *extra: Any, dtype: Any = None, device: Any = None,
             requires_grad: bool = False) -> Tensor:
    """``steps`` values from ``base ** start`` to ``base ** end``, evenly spaced in the
    exponent: ``base ** linspace(start, end, steps)``.

    As PyTorch's CPU kernel: the exponents in float64 from ``start`` and ``end`` rounded
    (or, for integer types, truncated) to the result's type (the first half counting up
    from start, the second down from end), then the C library's float64 ``pow`` (NumPy's
    own ``power`` is one ulp away in a few percent of values), rounded to the result's type."""
    args = (start, end, steps) if base == 10.0 and not extra else (start, end, steps, base,
                                                                   *extra)
    if steps is _MISSING:  # (logspace(0, 1), logspace(0, 1, base=2): two given in order)
        args = args[:2]
    signatures = [f"{sig}, float base = 10.0" for sig in _LINSPACE_SIGNATURES]
    check_given("logspace", {"start": start, "end": end, "steps": steps}, signatures,
                dtype=dtype, device=device, requires_grad=requires_grad,
                base=None if base == 10.0 else base)
    check_dtype_overload("logspace", args, signatures, dtype, bool(extra), device=device,
                         requires_grad=requires_grad)
    if not _is_whole(steps) or not _tensors_or_numbers(start, end):
        raise _no_overload("logspace", args, signatures)
    start, end = _ends_as_numbers("logspace", start, end)
    dtype = dtypes.resolve(dtype) or dtypes.default_float()
    if steps == 1:  # (PyTorch fills in base ** start, computed in float64)
        with numpy.errstate(over="ignore"):
            check_fits_dtype(float(numpy.float64(base) ** start), dtype.numpy)
    elif steps > 1:
        _check_ends("logspace", start, end, steps, dtype, device)
    if steps < 2:
        exponents = linspace(start, end, steps, dtype=dtypes.float64, device=device)
        return _finish(float(base) ** exponents._data, dtype, None, requires_grad)
    kind = dtype.numpy.type
    first, last = float(kind(start)), float(kind(end))
    step = float(kind(last - first)) / (steps - 1)
    half = steps // 2
    exponents = [first + step * i if i < half else last - step * (steps - i - 1)
                 for i in range(steps)]
    with numpy.errstate(over="ignore", invalid="ignore"):  # (inf or nan as an integer)
        values = numpy.array([_pow(float(base), e) for e in exponents]).astype(dtype.numpy)
    with backend.on_device(backend.as_device(device)) as xp:
        return _finish(xp.asarray(values), dtype, None, requires_grad)


def _ends_as_numbers(who: str, start: Any, end: Any) -> tuple[Any, Any]:
    """``start`` and ``end`` as numbers: a tensor given for either must be 0-dim (its value
    is read; the result is no view of it and records no graph, as in PyTorch)."""
    given = [(name, t) for name, t in (("start", start), ("end", end)) if isinstance(t, Tensor)]
    if any(t.ndim for _, t in given):  # (the message names every tensor given, 0-dim too)
        wrong = " and ".join(f"{name} with {t.ndim} dimension(s)" for name, t in given)
        raise RuntimeError(f"{who} only supports 0-dimensional start and end tensors, but got "
                           f"{wrong}.")
    return tuple(t.item() if isinstance(t, Tensor) else t for t in (start, end))


def _pow(base: float, exponent: float) -> float:
    """The C library's pow, which gives inf or nan where Python's raises."""
    try:
        return math.pow(base, exponent)
    except OverflowError:
        return math.inf if base > 0 or exponent % 2 == 0 else -math.inf
    except ValueError:  # 0 to a negative power, or a negative base to a fraction
        return math.inf if base == 0 else math.nan


def eye(n: Any = _MISSING, m: Any = _MISSING, *extra: Any, dtype: Any = None,
        device: Any = None, requires_grad: bool = False) -> Tensor:
    """The n×m identity matrix (ones on the diagonal; m = n when not given, and a given
    None is refused as PyTorch's parser refuses it: ``got (int, NoneType)``)."""
    args = (n, *extra) if m is _MISSING else (n, m, *extra)
    check_given("eye", {"n": n, "m": m}, ["int n", "int n, int m"], dtype=dtype, device=device,
                requires_grad=requires_grad)
    if extra:
        raise _no_overload("eye", args, ["int n", "int n, int m"])
    check_dtype_overload("eye", args, ["int n", "int n, int m"], dtype, device=device,
                         requires_grad=requires_grad)
    if not _is_whole(n):
        raise TypeError(f"eye(): argument 'n' (position 1) must be int, not {type(n).__name__}")
    m = n if m is _MISSING else m
    if not _is_whole(m):
        raise _no_overload("eye", args, ["int n", "int n, int m"])
    for word, size in (("n", n), ("m", m)):
        if size < 0:
            raise RuntimeError(f"{word} must be greater or equal to 0, got {size}")
    with backend.on_device(backend.as_device(device)) as xp:
        data = xp.eye(n, m)
    return _finish(data, dtype or dtypes.default_float(), None, requires_grad)
