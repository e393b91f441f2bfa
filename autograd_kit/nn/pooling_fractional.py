"""Fractional max pooling (Graham, 2014): `FractionalMaxPool2d`, `FractionalMaxPool3d` and
their functional forms.

The output size need not divide the input: along each axis the windows (of ``kernel_size``)
start at pseudo-random places, drawn from one number u ∈ [0, 1) per (sample, channel, axis)
(``torch.rand(N, C, 2)``, or ``_random_samples``), as PyTorch computes them::

    α = (n_in - k) / (n_out - 1),   start_i = ⌊(i + u)·α⌋ - ⌊u·α⌋,   start_last = n_in - k

(in the input's floating-point type). Each output is its window's largest value; it is picked
by its index (h·W + w, or d·H·W + h·W + w) and gathered, recorded as PyTorch's one node
(``FractionalMaxPool2DBackward0``) through `Composite`: the gradient goes to that place.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy

from ..creation import rand
from ..ops.pooling import nan_last
from ..tensor import Tensor
from . import functional_conv as FC
from .composite import composite_named
from .module import Module
from .volumetric import picked_at

_AXES = ("height", "width")
_AXES_3D = ("time", "height", "width")


def _starts(sample: Any, size_in: int, size_out: int, kernel: int, dtype: Any) -> Any:
    """Where each window starts along one axis (PyTorch's generate_intervals)."""
    starts = numpy.empty(size_out, dtype=numpy.int64)
    if size_out > 1:
        alpha = dtype.type(size_in - kernel) / dtype.type(size_out - 1)
        sample = dtype.type(sample)
        for i in range(size_out - 1):
            starts[i] = int((dtype.type(i) + sample) * alpha) - int(sample * alpha)
    if size_out > 0:
        starts[size_out - 1] = size_in - kernel
    return starts


def _argmax_indices(data: Any, samples: Any, kernel: tuple, out: tuple, order: tuple) -> Any:
    """The flat index of each window's largest value (the first one; its last NaN if it has
    any), per sample and channel; ``order`` says which random number drives which axis."""
    batch, channels, spatial = data.shape[0], data.shape[1], data.shape[2:]
    strides = [int(numpy.prod(spatial[d + 1:])) for d in range(len(spatial))]
    indices = numpy.empty((batch, channels, *out), dtype=numpy.int64)
    for n, c in itertools.product(range(batch), range(channels)):
        starts = [_starts(samples[n, c, order[d]], spatial[d], out[d], kernel[d], data.dtype)
                  for d in range(len(spatial))]
        # places[d]: (out_d, k_d) input positions along axis d
        places = [s[:, None] + numpy.arange(k)[None, :] for s, k in zip(starts, kernel)]
        grids = numpy.ix_(*[p.reshape(-1) for p in places])
        block = data[n, c][grids]  # (out_0·k_0, out_1·k_1, …)
        shape = [v for o, k in zip(out, kernel) for v in (o, k)]
        block = block.reshape(shape).transpose(*range(0, 2 * len(out), 2),
                                               *range(1, 2 * len(out), 2))
        windows = block.reshape(*out, int(numpy.prod(kernel)))  # (out may hold a 0)
        best = nan_last(numpy, windows, windows.argmax(-1))
        offsets = numpy.unravel_index(best, kernel)
        flat = 0
        for d in range(len(spatial)):
            position = starts[d].reshape([-1 if j == d else 1 for j in range(len(out))])
            flat = flat + (position + offsets[d]) * strides[d]
        indices[n, c] = flat
    return indices


def _check_samples(samples: Tensor, x: Tensor, nd: int) -> None:
    """PyTorch's checks of ``_random_samples`` (fractional_max_pool_check_shape), in order:
    x's dtype, 3 dimensions, a row per sample at least, one per channel, nd numbers each."""
    if samples.dtype != x.dtype:
        raise RuntimeError("Expect _random_samples to have the same dtype as input")
    if samples.dim() != 3:
        raise RuntimeError(f"Expect _random_samples to have 3 dimensions, got {samples.dim()}")
    if samples.shape[0] < x.shape[0]:
        raise RuntimeError("Expect _random_samples.size(0) no less then input batch size.")
    if samples.shape[1] != x.shape[1]:
        raise RuntimeError("Expect _random_samples.size(1) equals to input channel size.")
    if samples.shape[2] != nd:
        raise RuntimeError(f"Expect _random_samples.size(2) equals to {nd}; got "
                           f"{samples.shape[2]}.")


def _fractional(input: Tensor, kernel_size: Any, output_size: Any, output_ratio: Any,  # noqa: A002
                return_indices: bool, samples: Tensor | None, nd: int) -> Any:
    name = f"fractional_max_pool{nd}d"
    if output_size is None and output_ratio is None:
        raise ValueError(f"{name} requires specifying either an output_size or an output_ratio")
    if output_size is None:
        if len(output_ratio) > nd:  # (a single number fails here too, as in PyTorch)
            raise ValueError(f"{name} requires output_ratio to either be a single Int or "
                             "tuple of Ints.")
        ratio = FC.tuple_of(output_ratio, nd)
        output_size = [int(input.shape[-nd + d] * ratio[d]) for d in range(nd)]
    kernel, out = FC.tuple_of(kernel_size, nd), FC.tuple_of(output_size, nd)
    unbatched = input.dim() == nd + 1
    x = input.unsqueeze(0) if unbatched else input
    for d in range(1, input.dim()):  # (PyTorch looks from dimension 1, batched or not)
        if input.shape[d] == 0:
            raise RuntimeError(f"{name}{'' if nd == 2 else '_out'}(): Expected input to have "
                               "non-zero size for non-batch dimensions, but got"
                               f"{FC._size_text(input.shape)} with dimension {d} being empty.")
    axes = _AXES if nd == 2 else _AXES_3D
    for axis, size, k, o in zip(axes, x.shape[2:], kernel, out):
        if (o + k - 1 > size) if nd == 2 else (o + k - 1 >= size):
            raise RuntimeError(f"{name}{'' if nd == 2 else '_out'}(): pool {axis} {k} too "
                               f"large relative to input {axis} {size}")
    if samples is None:
        samples = rand(x.shape[0], x.shape[1], nd, dtype=x.dtype, device=x.device)
    _check_samples(samples, x, nd)
    order = (1, 0) if nd == 2 else (0, 1, 2)  # PyTorch: the first number drives the width
    indices = Tensor._make(_argmax_indices(x._data, samples._data, kernel, out, order))
    node = composite_named(f"FractionalMaxPool{nd}DBackward0")
    return picked_at(node, input, indices, unbatched, return_indices)


def fractional_max_pool2d(input: Tensor, kernel_size: Any, output_size: Any = None,  # noqa: A002
                          output_ratio: Any = None, return_indices: bool = False,
                          _random_samples: Tensor | None = None) -> Any:
    """The largest value of each pseudo-randomly placed window (see the module docstring)."""
    return _fractional(input, kernel_size, output_size, output_ratio, return_indices,
                       _random_samples, 2)


def fractional_max_pool3d(input: Tensor, kernel_size: Any, output_size: Any = None,  # noqa: A002
                          output_ratio: Any = None, return_indices: bool = False,
                          _random_samples: Tensor | None = None) -> Any:
    """The 3-D form of `fractional_max_pool2d`."""
    return _fractional(input, kernel_size, output_size, output_ratio, return_indices,
                       _random_samples, 3)


def fractional_max_pool2d_with_indices(input: Tensor, kernel_size: Any,  # noqa: A002
                                       output_size: Any = None, output_ratio: Any = None,
                                       return_indices: bool = False,
                                       _random_samples: Tensor | None = None) -> Any:
    """`fractional_max_pool2d` with its indices, whatever ``return_indices`` says."""
    return _fractional(input, kernel_size, output_size, output_ratio, True,
                       _random_samples, 2)


def fractional_max_pool3d_with_indices(input: Tensor, kernel_size: Any,  # noqa: A002
                                       output_size: Any = None, output_ratio: Any = None,
                                       return_indices: bool = False,
                                       _random_samples: Tensor | None = None) -> Any:
    """`fractional_max_pool3d` with its indices, whatever ``return_indices`` says."""
    return _fractional(input, kernel_size, output_size, output_ratio, True,
                       _random_samples, 3)


class _FractionalMaxPoolNd(Module):
    nd = 2

    def __init__(self, kernel_size: Any, output_size: Any = None, output_ratio: Any = None,
                 return_indices: bool = False, _random_samples: Tensor | None = None) -> None:
        super().__init__()
        n, name = self.nd, type(self).__name__
        self.kernel_size = FC.tuple_of(kernel_size, n)
        self.return_indices = return_indices
        self.register_buffer("_random_samples", _random_samples)
        self.output_size = FC.tuple_of(output_size, n) if output_size is not None else None
        self.output_ratio = FC.tuple_of(output_ratio, n) if output_ratio is not None else None
        if output_size is None and output_ratio is None:
            raise ValueError(f"{name} requires specifying either an output size, or a "
                             "pooling ratio")
        if output_size is not None and output_ratio is not None:
            raise ValueError("only one of output_size and output_ratio may be specified")
        if self.output_ratio is not None and not all(0 < r < 1 for r in self.output_ratio):
            raise ValueError(f"output_ratio must be between 0 and 1 (got {output_ratio})")

    def forward(self, input: Tensor) -> Any:  # noqa: A002
        return _fractional(input, self.kernel_size, self.output_size, self.output_ratio,
                           self.return_indices, self._random_samples, self.nd)


class FractionalMaxPool2d(_FractionalMaxPoolNd):
    """Max pooling over pseudo-randomly placed windows, to any output size."""

    nd = 2


class FractionalMaxPool3d(_FractionalMaxPoolNd):
    """The 3-D form of `FractionalMaxPool2d`."""

    nd = 3
