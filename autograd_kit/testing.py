"""``autograd_kit.testing``: ``assert_close`` and ``make_tensor``, as ``torch.testing``.

``assert_close(actual, expected)`` passes when |actual - expected| ≤ atol + rtol · |expected|
everywhere, with PyTorch's default tolerances for the dtype (float32: rtol 1.3e-6, atol 1e-5;
float64: 1e-7, 1e-7; float16: 1e-3, 1e-5; integers and bool: exact), after checking that
shape, dtype and device agree. Its failure message is PyTorch's: how many elements
mismatch, and the greatest absolute and relative differences with their index.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy

from .backend import to_host
from .tensor import Tensor

# dtype name → (rtol, atol), PyTorch's defaults
DEFAULT_TOLERANCES = {"float16": (1e-3, 1e-5), "bfloat16": (1.6e-2, 1e-5),
                      "float32": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7)}


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


def _tolerances(dtype: Any, rtol: float | None, atol: float | None) -> tuple[float, float]:
    if (rtol is None) != (atol is None):
        missing = "atol" if atol is None else "rtol"
        raise ValueError(f"Both 'rtol' and 'atol' must be either specified or omitted, but "
                         f"got no {missing}.")
    if rtol is not None:
        return rtol, atol  # type: ignore[return-value]
    return DEFAULT_TOLERANCES.get(dtype.name, (0.0, 0.0))


def _check_attributes(actual: Tensor, expected: Tensor, check_device: bool,
                      check_dtype: bool) -> None:
    pairs = [("shape", actual.shape, expected.shape)]
    if check_device:
        pairs.append(("device", actual.device, expected.device))
    if check_dtype:
        pairs.append(("dtype", actual.dtype, expected.dtype))
    for name, a, b in pairs:
        if a != b:
            raise AssertionError(f"The values for attribute '{name}' do not match: {a} != {b}.")


def _number(value: float, integral: bool) -> str:
    return str(int(value)) if integral else str(float(value))


def _mismatch_message(a: numpy.ndarray, b: numpy.ndarray, close: numpy.ndarray,
                      rtol: float, atol: float, integral: bool) -> str:
    """PyTorch's report: 'Tensor-likes are not close!' (or 'Scalars …'), with the greatest
    absolute and relative differences."""
    word = "equal" if integral else "close"
    difference = numpy.abs(a - b)
    with numpy.errstate(divide="ignore", invalid="ignore"):
        if a.ndim == 0:  # PyTorch divides Python numbers here
            relative = numpy.float64(difference) / numpy.float64(abs(b))
        elif integral:  # in the default float type
            relative = difference.astype(numpy.float32) / numpy.abs(b).astype(numpy.float32)
        else:  # in the tensors' own type
            relative = difference / numpy.abs(b)
    allowed = [] if integral else [f" (up to {atol} allowed)", f" (up to {rtol} allowed)"]
    allowed = allowed or ["", ""]
    if a.ndim == 0:
        return (f"Scalars are not {word}!\n\nExpected {_number(b, integral)} but got "
                f"{_number(a, integral)}.\nAbsolute difference: "
                f"{_number(difference, integral)}{allowed[0]}\n"
                f"Relative difference: {float(relative)}{allowed[1]}")
    wrong = int((~close).sum())
    total = close.size
    lines = [f"Tensor-likes are not {word}!", "",
             f"Mismatched elements: {wrong} / {total} ({100 * wrong / total:.1f}%)"]
    for label, values, extra in (("absolute", difference, allowed[0]),
                                 ("relative", relative, allowed[1])):
        masked = numpy.where(close, -numpy.inf, numpy.where(numpy.isnan(values), numpy.inf,
                                                              values))
        flat = int(numpy.argmax(masked))
        index = numpy.unravel_index(flat, values.shape)
        value = values.reshape(-1)[flat]
        shown = _number(value, integral) if label == "absolute" else str(float(value))
        lines.append(f"Greatest {label} difference: {shown} at index "
                     f"{tuple(int(i) for i in index)}{extra}")
    return "\n".join(lines)


def _compare_tensors(actual: Tensor, expected: Tensor, rtol: float | None, atol: float | None,
                     equal_nan: bool, check_device: bool, check_dtype: bool,
                     msg: Any) -> str | None:
    _check_attributes(actual, expected, check_device, check_dtype)
    rtol, atol = _tolerances(expected.dtype, rtol, atol)
    a, b = to_host(actual.detach()._data), to_host(expected.detach()._data)
    integral = a.dtype.kind in "biu" and b.dtype.kind in "biu"
    common = numpy.int64 if integral else numpy.result_type(a.dtype, b.dtype)
    a, b = a.astype(common), b.astype(common)
    with numpy.errstate(invalid="ignore", over="ignore"):
        close = numpy.abs(a - b) <= atol + rtol * numpy.abs(b)
    close |= a == b  # equal infinities
    if equal_nan:
        close |= numpy.isnan(a) & numpy.isnan(b)
    if close.all():
        return None
    if callable(msg):
        return msg(_mismatch_message(a, b, close, rtol, atol, integral))
    return msg if msg is not None else _mismatch_message(a, b, close, rtol, atol, integral)


def _pairs(actual: Any, expected: Any, where: list[Any]) -> list[tuple[Any, Any, list[Any]]]:
    """The (actual, expected) leaves of two nested sequences or mappings, with their path."""
    if isinstance(actual, (Tensor, int, float, bool)) or isinstance(expected, (Tensor, int,
                                                                                float, bool)):
        return [(actual, expected, where)]
    if isinstance(actual, Mapping) and isinstance(expected, Mapping):
        if set(actual) != set(expected):
            raise AssertionError(f"The keys of the mappings do not match:\n{set(actual)} != "
                                 f"{set(expected)}")
        return [p for key in actual for p in _pairs(actual[key], expected[key], where + [key])]
    if isinstance(actual, Sequence) and isinstance(expected, Sequence) and not isinstance(
            actual, str):
        if len(actual) != len(expected):
            raise AssertionError(f"The length of the sequences mismatch: {len(actual)} != "
                                 f"{len(expected)}")
        return [p for i, (x, y) in enumerate(zip(actual, expected))
                for p in _pairs(x, y, where + [i])]
    return [(actual, expected, where)]


def assert_close(actual: Any, expected: Any, *, allow_subclasses: bool = True,
                 rtol: float | None = None, atol: float | None = None, equal_nan: bool = False,
                 check_device: bool = True, check_dtype: bool = True, check_layout: bool = True,
                 check_stride: bool = False, msg: Any = None) -> None:
    """Raise AssertionError unless ``actual`` and ``expected`` (tensors, numbers, or
    sequences / mappings of them) are close: |a - e| ≤ atol + rtol · |e| elementwise."""
    kit = _kit()
    for a, e, where in _pairs(actual, expected, []):
        numbers = (int, float, bool)
        if isinstance(a, numbers) and isinstance(e, numbers):
            a_t, e_t = kit.tensor(a, dtype=kit.float64), kit.tensor(e, dtype=kit.float64)
            if isinstance(a, int) and isinstance(e, int):
                a_t, e_t = kit.tensor(a), kit.tensor(e)
        elif isinstance(a, Tensor) and isinstance(e, Tensor):
            a_t, e_t = a, e
        else:
            raise TypeError(f"No comparison pair was able to handle inputs of type "
                            f"{_type_name(a)} and {_type_name(e)}.")
        message = _compare_tensors(a_t, e_t, rtol, atol, equal_nan, check_device, check_dtype,
                                   msg)
        if message is not None:
            if where and msg is None:
                message += f"\n\nThe failure occurred for item {''.join(f'[{k!r}]' for k in where)}"
            raise AssertionError(message)


# assert_allclose's own defaults (its dtype → (rtol, atol)), the larger of its two inputs'
_ALLCLOSE_TOLERANCES = {"float16": (1e-3, 1e-3), "float32": (1e-4, 1e-5),
                        "float64": (1e-5, 1e-8)}


def assert_allclose(actual: Any, expected: Any, rtol: float | None = None,
                    atol: float | None = None, equal_nan: bool = True, msg: str = "") -> None:
    """The deprecated form of `assert_close` (it warns, FutureWarning, as PyTorch's does):
    numbers and lists are made tensors (``expected`` in ``actual``'s dtype), dtypes need not
    match, and the default tolerances are looser: for each input's dtype, float32 (1e-4,
    1e-5), float64 (1e-5, 1e-8), float16 (1e-3, 1e-3); the larger ones are used."""
    import warnings

    warnings.warn("`torch.testing.assert_allclose()` is deprecated since 1.12 and will be "
                  "removed in a future release. Please use `torch.testing.assert_close()` "
                  "instead. You can find detailed upgrade instructions in "
                  "https://github.com/pytorch/pytorch/issues/61844.", FutureWarning,
                  stacklevel=2)
    kit = _kit()
    if not isinstance(actual, Tensor):
        actual = kit.tensor(actual)
    if not isinstance(expected, Tensor):
        expected = kit.tensor(expected, dtype=actual.dtype)
    if rtol is None and atol is None:
        pairs = [_ALLCLOSE_TOLERANCES.get(t.dtype.name, (0.0, 0.0)) for t in (actual, expected)]
        rtol, atol = max(p[0] for p in pairs), max(p[1] for p in pairs)
    assert_close(actual, expected, rtol=rtol, atol=atol, equal_nan=equal_nan,
                 check_device=True, check_dtype=False, check_stride=False, msg=msg or None)


def _type_name(value: Any) -> str:
    if isinstance(value, Tensor):
        return "<class 'autograd_kit.Tensor'>"
    return str(type(value))


def make_tensor(*shape: Any, dtype: Any, device: Any, low: float | None = None,
                high: float | None = None, requires_grad: bool = False,
                noncontiguous: bool = False, exclude_zero: bool = False,
                memory_format: Any = None) -> Tensor:
    """A tensor of the given shape filled with random values in [low, high): floats uniform
    in [-9, 9) by default, integers in [-9, 10), bool either value (``torch.manual_seed``
    makes them PyTorch's numbers)."""
    kit = _kit()
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    if dtype == kit.bool:
        out = kit.randint(0, 2, shape, device=device).to(kit.bool)
    elif dtype.is_floating_point:
        low = -9.0 if low is None else low
        high = 9.0 if high is None else high
        out = kit.empty(shape, dtype=dtype, device=device).uniform_(low, high)
    else:
        low = -9 if low is None else math.ceil(low)
        high = 10 if high is None else math.ceil(high)
        out = kit.randint(low, high, shape, dtype=dtype, device=device)
    if exclude_zero:
        out = out.masked_fill(out == 0, 1 if not dtype.is_floating_point else
                              float(kit.finfo(dtype).tiny))
    if requires_grad:
        out.requires_grad_(True)
    return out


__all__ = ["assert_allclose", "assert_close", "make_tensor"]
