"""``F.interpolate`` with ``mode='bicubic'`` and with ``antialias=True``: resampling as one
weight matrix per spatial axis.

Each output place i along an axis is a weighted sum of input places: out = Wₕ · x · Wᵥᵀ
over the last two dimensions, with the (out, in) matrices made here from PyTorch's rules:

- bicubic: source s = scale·(i + ½) - ½ (or scale·i with ``align_corners``), taps at
  ⌊s⌋ - 1 … ⌊s⌋ + 2 (held inside the image), weights from Keys' cubic kernel with a = -0.75
  at the distances 1 + t, t, 1 - t, 2 - t (t = s - ⌊s⌋).
- antialias (bilinear: the triangle kernel, bicubic: the cubic one with a = -0.5): when
  shrinking, the kernel is stretched by the scale, so each output averages every input it
  covers (as PIL does); the weights of each output are normalized to sum to 1.

The matrices are constants, so the gradient is the transposed products: ∂L/∂x = Wₕᵀ · g · Wᵥ.
Recorded as PyTorch's one node (``UpsampleBicubic2DBackward0``, ``UpsampleBilinear2DAaBackward0``,
…) through `Composite`.

uint8 images (bilinear and bicubic, `resample_uint8`) are resampled with the same matrices
in PyTorch's fixed-point arithmetic (PIL's): the width first, then the height, each pass
rounded to uint8.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from ..grad_mode import is_grad_enabled
from ..node_saved_values import input_sizes
from ..ops.preserved_layout import in_suggested_order, suggested_order
from ..ops.resample import axis_plan
from ..tensor import Tensor
from .composite import composite_named


def _cubic(x: Any, a: float) -> Any:
    """Keys' cubic convolution kernel at distances x (zero beyond 2)."""
    x = numpy.abs(x)
    near = ((a + 2) * x - (a + 3)) * x * x + 1
    far = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return numpy.where(x <= 1, near, numpy.where(x < 2, far, 0.0))


def _scale(size_in: int, size_out: int, align_corners: bool, given: float | None) -> float:
    """PyTorch's area_pixel_compute_scale: input places per output place."""
    if align_corners:
        return (size_in - 1) / (size_out - 1) if size_out > 1 else 0.0
    return 1.0 / given if given is not None and given > 0 else size_in / size_out


def _bicubic_matrix(size_in: int, size_out: int, align_corners: bool,
                    given: float | None) -> Any:
    scale = _scale(size_in, size_out, align_corners, given)
    matrix = numpy.zeros((size_out, size_in))
    for i in range(size_out):
        source = scale * i if align_corners else scale * (i + 0.5) - 0.5
        low = math.floor(source)
        t = source - low
        for tap, distance in zip(range(low - 1, low + 3), (1 + t, t, 1 - t, 2 - t)):
            matrix[i, min(max(tap, 0), size_in - 1)] += _cubic(distance, -0.75)
    return matrix


def _antialias_matrix(size_in: int, size_out: int, align_corners: bool, given: float | None,
                      mode: str) -> Any:
    scale = _scale(size_in, size_out, align_corners, given)
    width = 1.0 if mode == "bilinear" else 2.0  # half the kernel's support
    support = width * scale if scale >= 1.0 else width
    shrink = 1.0 / scale if scale >= 1.0 else 1.0
    matrix = numpy.zeros((size_out, size_in))
    for i in range(size_out):
        center = scale * (i + 0.5)
        first = max(int(center - support + 0.5), 0)
        last = min(int(center + support + 0.5), size_in)
        places = numpy.arange(first, last)
        distance = (places - center + 0.5) * shrink
        weights = numpy.maximum(0.0, 1.0 - numpy.abs(distance)) if mode == "bilinear" \
            else _cubic(distance, -0.5)
        total = weights.sum()
        matrix[i, first:last] = weights / total if total != 0 else weights
    return matrix


def _bilinear_matrix(size_in: int, size_out: int, align_corners: bool,
                     given: float | None) -> Any:
    """Bilinear taps as a matrix (a size that changes): each output row holds 1 - t and t
    at the two source pixels `ops.resample.axis_plan` picks (the float kernels' rule)."""
    low, high, w_low, w_high = axis_plan(numpy, "bilinear", size_in, size_out, given,
                                         align_corners, numpy.float64)
    matrix, rows = numpy.zeros((size_out, size_in)), numpy.arange(size_out)
    numpy.add.at(matrix, (rows, low), w_low)
    numpy.add.at(matrix, (rows, high), w_high)
    return matrix


def _fixed_point_pass(xp: Any, data: Any, matrix: Any, axis: int) -> Any:
    """One axis of PyTorch's uint8 resampling (PIL's): the weights as integers with as many
    fraction bits p as int16 allows for the largest (rounded half away from 0), then
    out = (Σ w·x + 2^(p-1)) >> p, held in 0 … 255."""
    largest, bits = matrix.max(), 0
    while bits < 22 and int(0.5 + largest * (1 << (bits + 1))) < (1 << 15):
        bits += 1
    scaled = matrix * (1 << bits)
    weights = numpy.where(scaled < 0, numpy.trunc(scaled - 0.5), numpy.trunc(scaled + 0.5))
    moved = xp.moveaxis(data.astype("int64"), axis, -1)
    total = moved @ xp.asarray(weights.astype("int64").T) + (1 << (bits - 1))
    return xp.moveaxis(xp.clip(total >> bits, 0, 255).astype("uint8"), -1, axis)


def resample_uint8(input: Tensor, mode: str, out: list[int],  # noqa: A002
                   scales: list[float] | None, align_corners: bool, antialias: bool) -> Tensor:
    """A uint8 image resampled as PyTorch does (``bilinear``/``bicubic``, 4-D): the width
    first, then the height, each pass rounded to uint8 (a size kept is not resampled)."""
    given = scales if scales is not None else [None, None]
    xp, data = input._xp, input._data
    for axis in (3, 2):
        size_in, size_out, scale = data.shape[axis], out[axis - 2], given[axis - 2]
        if size_in == size_out:
            continue
        if antialias:
            matrix = _antialias_matrix(size_in, size_out, align_corners, scale, mode)
        elif mode == "bilinear":
            matrix = _bilinear_matrix(size_in, size_out, align_corners, scale)
        else:
            matrix = _bicubic_matrix(size_in, size_out, align_corners, scale)
        data = _fixed_point_pass(xp, data, matrix, axis)
    return Tensor._make(xp.array(data, order="C"))  # (a copy, also when no size changed)


def resample_2d(input: Tensor, mode: str, out: list[int], scales: list[float] | None,  # noqa: A002
                align_corners: bool, antialias: bool) -> Tensor:
    """out[n, c] = Wₕ · input[n, c] · Wᵥᵀ (4-D input), one node named as in PyTorch, laid out
    channels-last when the input suggests it (as PyTorch's kernels allocate it)."""
    given = scales if scales is not None else [None, None]
    if antialias:
        matrices = [_antialias_matrix(n, o, align_corners, s, mode)
                    for n, o, s in zip(input.shape[2:], out, given)]
    else:
        matrices = [_bicubic_matrix(n, o, align_corners, s)
                    for n, o, s in zip(input.shape[2:], out, given)]
    rows, cols = (input.detach().new_tensor(m.tolist()) for m in matrices)
    word = "Bilinear" if mode == "bilinear" else "Bicubic"
    name = f"Upsample{word}2D{'Aa' if antialias else ''}Backward0"

    def run(x: Tensor, *options: Any) -> Tensor:  # (options: only shown by the node)
        out = rows @ x @ cols.T
        if suggested_order(x._data) is None:
            return out
        if not is_grad_enabled():  # the result itself: channels-last, one channel too
            return Tensor._make(in_suggested_order(x._xp, out._data, x._data))
        return out.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)  # (channels-last)

    like_grad = mode == "bilinear" and antialias  # (its backward kernel's layout)
    node = composite_named(name, linear=True, gradients_like_grad=like_grad,
                           saved_options=_SAVED_OPTIONS)
    return node.apply(run, input, tuple(out), None if scales is None else tuple(scales),
                      align_corners)


# what PyTorch's node shows (node.options: the sizes, the scales given, align_corners)
_SAVED_OPTIONS = (
    ("align_corners", lambda node: node.options[3]),
    ("output_size", lambda node: node.options[1]),
    ("scales_h", lambda node: None if node.options[2] is None else node.options[2][0]),
    ("scales_w", lambda node: None if node.options[2] is None else node.options[2][1]),
    ("self_sym_sizes", input_sizes()),
)
