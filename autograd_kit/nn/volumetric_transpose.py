"""`ConvTranspose3d` and ``F.conv_transpose3d``: the transposed 3-D convolution.

Written over depth slices of the 2-D one, as `volumetric.conv3d` is: input slice i, spread by
kernel slice k (a transposed 2-D convolution), lands on output depth i·s + k·d; the slices are
summed, then ``padding`` is cut from both ends of the depth. Recorded as PyTorch's one node,
``ConvolutionBackward0``, through `Composite`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ..tensor import Tensor
from . import functional_conv as FC
from .arguments import tensor_input
from .conv import _ConvTransposeNd, _public
from .volumetric import ConvolutionNode


@tensor_input("conv_transpose3d")
def conv_transpose3d(input: Tensor, weight: Tensor, bias: Tensor | None = None,  # noqa: A002
                     stride: Any = 1, padding: Any = 0, output_padding: Any = 0,
                     groups: int = 1, dilation: Any = 1) -> Tensor:
    """The transposed 3-D convolution of (N, C_in, D, H, W) by weight (C_in, C_out/groups,
    kd, kh, kw): D_out = (D - 1)·s - 2p + d(kd - 1) + op + 1 (the same for H and W)."""
    if input.dim() == 4:  # unbatched: (C, D, H, W)
        return conv_transpose3d(input.unsqueeze(0), weight, bias, stride, padding,
                                output_padding, groups, dilation).squeeze(0)
    stride, pads, extra, dilation = FC.check_transposed(
        input, weight, bias, stride, padding, output_padding, groups, dilation, 3)
    sizes = [(n - 1) * s - 2 * p + d * (k - 1) + e + 1 for n, s, p, d, k, e
             in zip(input.shape[2:], stride, pads, dilation, weight.shape[2:], extra)]
    if min(sizes) < 1:
        raise RuntimeError(
            "Given input size per channel: (" + " x ".join(map(str, input.shape[2:]))
            + "). Calculated output size per channel: (" + " x ".join(map(str, sizes))
            + "). Output size is too small")
    FC.check_conv_kernel(input, dilation, 3, transposed=True)
    run = partial(_depth_slices_transposed, stride=stride, padding=pads, extra=extra,
                  groups=groups, dilation=dilation)
    return ConvolutionNode.apply(run, input, weight, bias)


def _depth_slices_transposed(x: Tensor, weight: Tensor, bias: Tensor | None, stride: tuple,
                             padding: tuple, extra: tuple, groups: int,
                             dilation: tuple) -> Tensor:
    """Σ_k (conv_transpose2d of every depth slice by w[:, :, k]) placed at i·s + k·d."""
    n, c, depth = x.shape[:3]
    s, d = stride[0], dilation[0]
    full = (depth - 1) * s + d * (weight.shape[2] - 1) + 1 + extra[0]
    slices = x.transpose(1, 2).reshape(n * depth, c, *x.shape[3:])
    total = None
    for k in range(weight.shape[2]):
        y = FC.conv_transpose2d(slices, weight[:, :, k], None, stride[1:], padding[1:],
                                extra[1:], groups, dilation[1:])
        y = y.reshape(n, depth, 1, *y.shape[1:])
        # stride: s - 1 zero slices after each slice (the last ones cut off again)
        y = FC.pad(y, [0, 0] * 3 + [0, s - 1]).flatten(1, 2)[:, :(depth - 1) * s + 1]
        y = FC.pad(y, [0, 0] * 3 + [k * d, full - k * d - y.shape[1]])
        total = y if total is None else total + y
    out = total[:, padding[0]:full - padding[0]].transpose(1, 2)
    return out if bias is None else out + bias.reshape(1, -1, 1, 1, 1)


class ConvTranspose3d(_ConvTransposeNd):
    """The transposed 3-D convolution, as used to upsample volumes:
    (N, C_in, D, H, W) → (N, C_out, D_out, H_out, W_out)."""

    nd = 3
    _functional = staticmethod(_public("conv_transpose3d"))
