"""3-D layers over (N, C, D, H, W) volumes: `Conv3d`, `MaxPool3d`, `AvgPool3d`,
`AdaptiveAvgPool3d`, `AdaptiveMaxPool3d`, and their functional forms.

The kit's convolution and pooling rules are 2-D, so each of these is written as 2-D ones over
depth slices: a 3-D window is a stack of 2-D windows, one per depth offset k, taken from the
slices ``x[:, :, k·d : … : s]``; the results are summed (convolution), maxed or averaged over k.
Their nodes are therefore those of the 2-D operations and the sums.
"""

from __future__ import annotations

import math
from typing import Any

from ..ops import stack
from ..tensor import Tensor
from . import functional_conv as FC
from . import functional_pool as FP
from .conv import _ConvNd
from .pooling import AdaptiveAvgPool2d, AdaptiveMaxPool2d, AvgPool2d, MaxPool2d


def _batched5(input: Tensor, name: str) -> tuple[Tensor, bool]:  # noqa: A002
    if input.dim() == 4:
        return input.unsqueeze(0), True
    if input.dim() != 5:
        raise RuntimeError(f"Expected 4D (unbatched) or 5D (batched) input to {name}, but "
                           f"got input of size: [{', '.join(map(str, input.shape))}]")
    return input, False


def _depth_slices(x: Tensor, kernel: int, stride: int, dilation: int, out: int) -> list[Tensor]:
    """For each depth offset k: the (N·D_out, C, H, W) slices x[:, :, k·d + s·i] for i < D_out."""
    n, c = x.shape[:2]
    pieces = []
    for k in range(kernel):
        start = k * dilation
        piece = x[:, :, start:start + stride * (out - 1) + 1:stride]
        pieces.append(piece.transpose(1, 2).reshape(n * out, c, *x.shape[3:]))
    return pieces


def _unfold_depth(y: Tensor, n: int, out: int) -> Tensor:
    """(N·D_out, C, H, W) back to (N, C, D_out, H, W)."""
    return y.reshape(n, out, *y.shape[1:]).transpose(1, 2)


def conv3d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,  # noqa: A002
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    """3-D cross-correlation of (N, C_in, D, H, W) with weight (C_out, C_in/groups, kd, kh, kw):
    out = b + Σ_k conv2d(x[:, :, k·d_D + s_D·i], w[:, :, k])."""
    x, unbatched = _batched5(input, "conv3d")
    stride, dilation = FC.tuple_of(stride, 3), FC.tuple_of(dilation, 3)
    pads = FC._conv_padding(padding, tuple(weight.shape[2:]), stride, dilation, 3)
    widths = [w for lo_hi in reversed(pads) for w in lo_hi]
    if any(widths):
        x = FC.pad(x, widths)
    kd = weight.shape[2]
    spans = [d * (k - 1) + 1 for d, k in zip(dilation, weight.shape[2:])]
    if any(n < span for n, span in zip(x.shape[2:], spans)):
        raise RuntimeError(
            f"Calculated padded input size per channel: ({' x '.join(map(str, x.shape[2:]))})"
            f". Kernel size: ({' x '.join(map(str, spans))}). Kernel size can't be greater "
            "than actual input size")
    depth = (x.shape[2] - spans[0]) // stride[0] + 1
    total = None
    for k, piece in enumerate(_depth_slices(x, kd, stride[0], dilation[0], depth)):
        part = FC.conv2d(piece, weight[:, :, k], None, stride[1:], 0, dilation[1:], groups)
        total = part if total is None else total + part
    out = _unfold_depth(total, x.shape[0], depth)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1, 1)
    return out.squeeze(0) if unbatched else out


def _pool3d_geometry(x: Tensor, kernel_size: Any, stride: Any, padding: Any, dilation: Any,
                     ceil_mode: bool) -> tuple:
    kernel = FC.tuple_of(kernel_size, 3)
    stride = kernel if stride is None or stride in ([], ()) else FC.tuple_of(stride, 3)
    pads, dilation = FC.tuple_of(padding, 3), FC.tuple_of(dilation, 3)
    for p, k, d in zip(pads, kernel, dilation):
        if p > (d * (k - 1) + 1) // 2:
            raise RuntimeError("pad should be at most half of effective kernel size, but got "
                               f"pad={p}, kernel_size={k} and dilation={d}")
    sizes, extra = [], []
    for n, k, s, p, d in zip(x.shape[2:], kernel, stride, pads, dilation):
        span = n + 2 * p - d * (k - 1) - 1
        out = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (out - 1) * s >= n + p:
            out -= 1
        sizes.append(out)
        extra.append(max(0, (out - 1) * s + d * (k - 1) + 1 - (n + 2 * p)))
    if min(sizes) < 1:
        c, d_, h, w = x.shape[1:]
        raise RuntimeError(f"Given input size: ({c}x{d_}x{h}x{w}). Calculated output size: "
                           f"({c}x{sizes[0]}x{sizes[1]}x{sizes[2]}). Output size is too small")
    return kernel, stride, pads, dilation, sizes, extra


def _padded3(x: Tensor, pads: tuple, extra: list, value: float) -> Tensor:
    widths = [w for p, e in zip(reversed(pads), reversed(extra)) for w in (p, p + e)]
    return FC.pad(x, widths, value=value) if any(widths) else x


def max_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Tensor:
    """The largest value of each 3-D window: the largest over depth offsets of 2-D maxima."""
    if return_indices:
        raise NotImplementedError("max_pool3d with return_indices=True is not in the kit")
    x, unbatched = _batched5(input, "max_pool3d")
    kernel, stride, pads, dilation, sizes, extra = _pool3d_geometry(
        x, kernel_size, stride, padding, dilation, ceil_mode)
    x = _padded3(x, pads, extra, -math.inf)
    maxima = [FC.max_pool2d(piece, kernel[1:], stride[1:], 0, dilation[1:])
              for piece in _depth_slices(x, kernel[0], stride[0], dilation[0], sizes[0])]
    out = _unfold_depth(stack(maxima).amax(0), x.shape[0], sizes[0])
    return out.squeeze(0) if unbatched else out


def _window_sums(x: Tensor, kernel: tuple, stride: tuple, depth: int) -> Tensor:
    sums = [FC.avg_pool2d(piece, kernel[1:], stride[1:]) * (kernel[1] * kernel[2])
            for piece in _depth_slices(x, kernel[0], stride[0], 1, depth)]
    return _unfold_depth(stack(sums).sum(0), x.shape[0], depth)


def avg_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:
    """The mean of each 3-D window: its sum divided by the values it covers (the padding
    counted or not), or by ``divisor_override``."""
    x, unbatched = _batched5(input, "avg_pool3d")
    kernel, stride, pads, _, sizes, extra = _pool3d_geometry(
        x, kernel_size, stride, padding, 1, ceil_mode)
    sums = _window_sums(_padded3(x, pads, extra, 0.0), kernel, stride, sizes[0])
    if divisor_override is not None:
        out = sums / divisor_override
    else:
        ones = x.detach().new_ones(1, 1, *x.shape[2:])
        if count_include_pad:
            ones = _padded3(ones, pads, [0, 0, 0], 1.0)
            counted = _padded3(ones, (0, 0, 0), extra, 0.0)
        else:
            counted = _padded3(ones, pads, extra, 0.0)
        out = sums / _window_sums(counted, kernel, stride, sizes[0])
    return out.squeeze(0) if unbatched else out


def _depth_ranges(n: int, out: int) -> list[tuple[int, int]]:
    return [((i * n) // out, -(-((i + 1) * n) // out)) for i in range(out)]


def _adaptive3d(input: Tensor, output_size: Any, name: str, reduce: str,  # noqa: A002
                pool2d: Any) -> Tensor:
    x, unbatched = _batched5(input, name)
    size = FC.tuple_of(output_size, 3)
    size = tuple(n if s is None else s for s, n in zip(size, x.shape[2:]))
    slabs = [getattr(x[:, :, lo:hi], reduce)(2) for lo, hi in _depth_ranges(x.shape[2], size[0])]
    out = stack([pool2d(slab, size[1:]) for slab in slabs], 2)
    return out.squeeze(0) if unbatched else out


def adaptive_avg_pool3d(input: Tensor, output_size: Any) -> Tensor:  # noqa: A002
    """Means over windows sized so the output is ``output_size`` (depth, height, width)."""
    return _adaptive3d(input, output_size, "adaptive_avg_pool3d", "mean",
                       FC.adaptive_avg_pool2d)


def adaptive_max_pool3d(input: Tensor, output_size: Any,  # noqa: A002
                        return_indices: bool = False) -> Tensor:
    """Maxima over windows sized so the output is ``output_size``."""
    if return_indices:
        raise NotImplementedError("adaptive_max_pool3d with return_indices=True is not in the kit")
    return _adaptive3d(input, output_size, "adaptive_max_pool3d", "amax",
                       FP.adaptive_max_pool2d)


class Conv3d(_ConvNd):
    """out[n, o] = b[o] + Σ_c w[o, c] ⋆ x[n, c] over (N, C_in, D, H, W) volumes."""

    nd = 3

    def _conv_forward(self, input: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:  # noqa: A002
        if self.padding_mode != "zeros":
            padded = FC.pad(input, self._reversed_padding_repeated_twice, self.padding_mode)
            return conv3d(padded, weight, bias, self.stride, 0, self.dilation, self.groups)
        return conv3d(input, weight, bias, self.stride, self.padding, self.dilation,
                      self.groups)


class MaxPool3d(MaxPool2d):
    """The largest value in each 3-D window."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return max_pool3d(input, self.kernel_size, self.stride, self.padding, self.dilation,
                          self.ceil_mode, self.return_indices)


class AvgPool3d(AvgPool2d):
    """The mean of each 3-D window."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return avg_pool3d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                          self.count_include_pad, self.divisor_override)


class AdaptiveAvgPool3d(AdaptiveAvgPool2d):
    """Means over windows sized so the output is output_size."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return adaptive_avg_pool3d(input, self.output_size)


class AdaptiveMaxPool3d(AdaptiveMaxPool2d):
    """Maxima over windows sized so the output is output_size."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return adaptive_max_pool3d(input, self.output_size, self.return_indices)
