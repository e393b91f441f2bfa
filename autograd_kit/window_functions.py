"""Window functions for signal processing, as PyTorch computes them: ``hann_window``,
``hamming_window``, ``bartlett_window``, ``blackman_window`` and ``kaiser_window``.

Each is a formula in n = 0, 1, …, N-1, evaluated in the requested dtype. A *periodic* window
(the default) is the symmetric window of length N + 1 without its last value.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

from . import dtypes
from .tensor import Tensor


def _window(name: str, length: int, periodic: bool, dtype: Any, values: Any) -> Tensor:
    """A window of ``length`` values: ``values(n, N)`` for n = 0, 1, …, computed in ``dtype``
    as PyTorch computes it. A periodic window is the symmetric one of length + 1 without its
    last value."""
    from .creation import arange, ones

    if length < 0:
        raise RuntimeError(f"{name} requires non-negative window_length, got "
                           f"window_length={length}")
    dtype = dtype or dtypes.get_default_dtype()
    if not dtype.is_floating_point:
        raise RuntimeError(
            f"{name} expects floating point dtypes, got: TensorOptions(dtype="
            f"{dtypes.C_TYPES.get(dtype.name, dtype.name)}, device=cpu, layout=Strided "
            "(default), requires_grad=false (default), pinned_memory=false, "
            "memory_format=(nullopt))")
    if length <= 1:
        return ones(length, dtype=dtype)
    size = length + 1 if periodic else length
    return values(arange(size, dtype=dtype), size)[:length]


def _with_options(window: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """The window made a leaf that requires grad when asked (``requires_grad=True``)."""

    @functools.wraps(window)
    def call(*args: Any, requires_grad: bool = False, **kwargs: Any) -> Tensor:
        out = window(*args, **kwargs)
        return out.requires_grad_() if requires_grad else out

    return call


@_with_options
def hann_window(window_length: int, periodic: bool = True, *, dtype: Any = None,
                **_: Any) -> Tensor:
    """w[n] = 0.5 - 0.5 cos(2πn / (N-1))"""
    return _window("hann_window", window_length, periodic, dtype,
                   lambda n, size: (n * (2 * math.pi / (size - 1))).cos() * -0.5 + 0.5)


@_with_options
def hamming_window(window_length: int, periodic: bool = True, alpha: float = 0.54,
                   beta: float = 0.46, *, dtype: Any = None, **_: Any) -> Tensor:
    """w[n] = α - β cos(2πn / (N-1))"""
    return _window("hamming_window", window_length, periodic, dtype,
                   lambda n, size: (n * (2 * math.pi / (size - 1))).cos() * -beta + alpha)


@_with_options
def bartlett_window(window_length: int, periodic: bool = True, *, dtype: Any = None,
                    **_: Any) -> Tensor:
    """w[n] = 2n / (N-1) on the first half, 2 - 2n / (N-1) on the second"""
    def values(n: Tensor, size: int) -> Tensor:
        rising = n * (2.0 / (size - 1))
        half = ((size - 1) >> 1) + 1
        return rising.where(n < half, 2 - rising)

    return _window("bartlett_window", window_length, periodic, dtype, values)


@_with_options
def blackman_window(window_length: int, periodic: bool = True, *, dtype: Any = None,
                    **_: Any) -> Tensor:
    """w[n] = 0.42 - 0.5 cos(2πn / (N-1)) + 0.08 cos(4πn / (N-1))"""
    def values(n: Tensor, size: int) -> Tensor:
        angle = n * (math.pi / (size - 1))
        return (angle * 4).cos() * 0.08 - (angle * 2).cos() * 0.5 + 0.42

    return _window("blackman_window", window_length, periodic, dtype, values)


@_with_options
def kaiser_window(window_length: int, periodic: bool = True, beta: float = 12.0, *,
                  dtype: Any = None, **_: Any) -> Tensor:
    """w[n] = I0(β √(1 - (2n/(N-1) - 1)²)) / I0(β)"""
    from . import special

    def values(n: Tensor, size: int) -> Tensor:
        ratio = n.double() * (2 / (size - 1)) - 1
        peak = special.i0(n.new_tensor(beta, dtype=dtypes.float64))
        return (special.i0(beta * (1 - ratio * ratio).clamp(min=0).sqrt()) / peak).to(n.dtype)

    return _window("kaiser_window", window_length, periodic, dtype, values)


WINDOWS = {"hann_window": hann_window, "hamming_window": hamming_window,
           "bartlett_window": bartlett_window, "blackman_window": blackman_window,
           "kaiser_window": kaiser_window}
