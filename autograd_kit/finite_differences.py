"""``torch.gradient``: the slope of sampled values, estimated by finite differences.

Not autograd: ``gradient(f)`` looks only at the samples ``f[0], f[1], …``. Inside, it uses
central differences, and one-sided ones at the two ends::

    f'(xᵢ) ≈ (f[i+1] − f[i−1]) / 2h          (inside)
    f'(x₀) ≈ (f[1] − f[0]) / h               (ends, edge_order=1)
    f'(x₀) ≈ (−1.5 f[0] + 2 f[1] − 0.5 f[2]) / h   (ends, edge_order=2)

It is written with the kit's own operations (slices, arithmetic, ``cat``), as PyTorch's is,
so its result is differentiable and records the same nodes (``CatBackward0`` of three
``DivBackward1`` for a uniform spacing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .ops.arithmetic import DivNumber, MulNumber
from .tensor import Tensor, _wrap_dim


def gradient(input: Tensor, *, spacing: Any = 1, dim: int | Sequence[int] | None = None,  # noqa: A002
             edge_order: int = 1) -> tuple[Tensor, ...]:
    """One estimate of ∂input/∂xₖ for each dimension k in ``dim`` (every dimension by
    default). ``spacing``: one step for all, one step per dimension, or the sample
    coordinates of each dimension (1-D tensors)."""
    from . import cat

    dims = _dims(input, dim)
    steps = _steps(input, spacing, dim, len(dims))
    if edge_order not in (1, 2):
        raise RuntimeError("torch.gradient only supports edge_order=1 and edge_order=2.")
    for d in dims:
        if input.shape[d] < edge_order + 1:
            raise RuntimeError(
                "torch.gradient expected each dimension size to be at least edge_order+1")
    if not input.dtype.is_floating_point:
        input = input.float()
    results = []
    for d, step in zip(dims, steps):
        if isinstance(step, Tensor):
            parts = _with_coordinates(input, d, step, edge_order)
        else:
            parts = _with_step(input, d, step, edge_order)
        results.append(cat(parts, d))
    return tuple(results)


def _part(t: Tensor, d: int, start: int, stop: int | None = None) -> Tensor:
    """``t`` sliced along ``d`` from ``start`` to ``stop`` (negative counts from the end)."""
    index = [slice(None)] * t.dim()
    index[d] = slice(start, stop)
    return t[tuple(index)]


def _with_step(f: Tensor, d: int, h: Any, edge_order: int) -> list[Tensor]:
    """[first, inside, last] for samples ``h`` apart."""
    def times(number: float, start: int, stop: int | None = None) -> Tensor:
        return MulNumber.apply(_part(f, d, start, stop), number)

    center = DivNumber.apply(_part(f, d, 2) - _part(f, d, 0, -2), h)
    if edge_order == 1:
        first = _part(f, d, 1, 2) - _part(f, d, 0, 1)
        last = _part(f, d, -1) - _part(f, d, -2, -1)
    else:
        first = times(-1.5, 0, 1) + times(2, 1, 2) - times(0.5, 2, 3)
        last = times(0.5, -3, -2) - times(2, -2, -1) + times(1.5, -1)
    # (numbers as PyTorch's C++ uses them: MulBackward1 and DivBackward1 nodes)
    return [DivNumber.apply(first, h), DivNumber.apply(center, 2), DivNumber.apply(last, h)]


def _with_coordinates(f: Tensor, d: int, x: Tensor, edge_order: int) -> list[Tensor]:
    """[first, inside, last] for samples at coordinates ``x`` (steps may differ):
    f'(xᵢ) ≈ a·f[i−1] + b·f[i] + c·f[i+1], with a, b, c from the two steps around xᵢ."""
    dx = x.diff(1, 0)
    shape = [1] * f.dim()
    shape[d] = -1
    dx1, dx2 = dx[:-1], dx[1:]
    a = (-dx2 / (dx1 * (dx1 + dx2))).reshape(shape)
    b = ((dx2 - dx1) / (dx1 * dx2)).reshape(shape)
    c = (dx1 / (dx2 * (dx1 + dx2))).reshape(shape)
    center = a * _part(f, d, 0, -2) + b * _part(f, d, 1, -1) + c * _part(f, d, 2)
    if edge_order == 1:
        first = (_part(f, d, 1, 2) - _part(f, d, 0, 1)) / dx[0]
        last = (_part(f, d, -1) - _part(f, d, -2, -1)) / dx[-1]
        return [first, center, last]
    h0, h1, g0, g1 = dx[0], dx[1], dx[-1], dx[-2]
    first = (-(2.0 * h0 + h1) / (h0 * (h0 + h1)) * _part(f, d, 0, 1)
             + (h0 + h1) / (h0 * h1) * _part(f, d, 1, 2)
             + (-h0) / (h1 * (h0 + h1)) * _part(f, d, 2, 3))
    last = (g0 / (g1 * (g0 + g1)) * _part(f, d, -3, -2)
            + -(g0 + g1) / (g0 * g1) * _part(f, d, -2, -1)
            + (2 * g0 + g1) / (g0 * (g0 + g1)) * _part(f, d, -1))
    return [first, center, last]


def _dims(input: Tensor, dim: int | Sequence[int] | None) -> list[int]:  # noqa: A002
    if dim is None:
        return list(range(input.dim()))
    given = [dim] if isinstance(dim, int) else list(dim)
    dims = [_wrap_dim(d, input.dim()) for d in given]
    for d in dims:
        if dims.count(d) > 1:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
    return dims


def _steps(input: Tensor, spacing: Any, dim: Any, count: int) -> list[Any]:  # noqa: A002
    """One step (a number) or coordinates (a tensor) for each dimension (``None``: unit
    steps, as when spacing is not given)."""
    if spacing is None:
        spacing = 1
    if isinstance(spacing, Tensor):
        raise TypeError("gradient(): argument 'spacing' must be a Number or a tuple of Scalars "
                        "or Tensors, not Tensor")
    if not isinstance(spacing, (list, tuple)):
        return [spacing] * count
    if len(spacing) != count:
        if dim is None:
            raise RuntimeError(
                "torch.gradient expected spacing to be unspecified, a scalar, or a list of "
                f"length equal to 'self.dim() = {input.dim()}', since dim argument was not "
                f"given, but got a list of length {len(spacing)}")
        raise RuntimeError(
            "torch.gradient expected spacing to be unspecified, a scalar or it's spacing and "
            f"dim arguments to have the same length, but got a spacing argument of length "
            f"{len(spacing)} and a dim argument of length {count}.")
    return list(spacing)
