"""``F.unfold`` (im2col), ``F.fold`` (col2im) and the pixel shuffles, each one recorded
operation with PyTorch's node names (``Im2ColBackward0``, ``Col2ImBackward0``,
``PixelShuffleBackward0``, ``PixelUnshuffleBackward0``).

Each pair is linear and each is the other's transpose, so each one's backward rule is the
other operation: the gradients of gradients are the same two operations again, as in PyTorch.

``options = (kernel, dilation, padding, stride)``, each a (height, width) pair, checked by
``nn/functional_fold.py``. Unbatched inputs, (C, H, W) and (C·kh·kw, L), are taken as a
batch of one inside the operation (PyTorch records no squeeze either).
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import input_size
from ..tensor import Tensor
from .convolution import patches
from .preserved_layout import channels_last_if_suggested


def _blocks(size: tuple[int, int], options: tuple) -> tuple[int, int]:
    kernel, dilation, padding, stride = options
    return tuple((n + 2 * p - d * (k - 1) - 1) // s + 1
                 for n, k, d, p, s in zip(size, kernel, dilation, padding, stride))


class Im2Col(Function):
    """out[n, (c, i, j), (y, x)] = x_padded[n, c, y·s + i·d, x·s + j·d]: every sliding block
    of the (zero-padded) input as a column

    ∂L/∂x = col2im(grad): each column's gradient added back onto the block it came from.
    """

    node_name = "Im2ColBackward0"
    saved_options = {"dilation": lambda node: tuple(node.options[1]),
                     "kernel_size": lambda node: tuple(node.options[0]),
                     "padding": lambda node: tuple(node.options[2]),
                     "self_sym_argsize_minus_1": input_size(0, -1),
                     "self_sym_argsize_minus_2": input_size(0, -2),
                     "stride": lambda node: tuple(node.options[3])}

    @staticmethod
    def forward(ctx: Any, x: Tensor, options: tuple) -> Any:
        xp, data = x._xp, x._data
        single = data.ndim == 3
        data = data[None] if single else data
        kernel, dilation, padding, stride = options
        view = patches(xp, data, kernel, (stride, tuple((p, p) for p in padding), dilation))
        n, c, oh, ow = view.shape[:4]
        ctx.options, ctx.size = options, data.shape[2:]
        out = xp.ascontiguousarray(view.transpose(0, 1, 4, 5, 2, 3)).reshape(
            n, c * kernel[0] * kernel[1], oh * ow)
        return out[0] if single else out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        return Col2Im.apply(grad, ctx.size, ctx.options), None


class Col2Im(Function):
    """out[n, c, y·s + i·d - p, x·s + j·d - p] += cols[n, (c, i, j), (y, x)]: the columns
    summed back into an image of ``size`` (overlapping blocks add up)

    ∂L/∂cols = im2col(grad).
    """

    node_name = "Col2ImBackward0"

    @staticmethod
    def forward(ctx: Any, cols: Tensor, size: tuple[int, int], options: tuple) -> Any:
        xp, data = cols._xp, cols._data
        single = data.ndim == 2
        data = data[None] if single else data
        kernel, dilation, padding, stride = options
        oh, ow = _blocks(size, options)
        n = data.shape[0]
        c = data.shape[1] // (kernel[0] * kernel[1])
        blocks = data.reshape(n, c, kernel[0], kernel[1], oh, ow)
        h, w = size[0] + 2 * padding[0], size[1] + 2 * padding[1]
        out = xp.zeros((n, c, h, w), dtype=data.dtype)
        for i in range(kernel[0]):
            for j in range(kernel[1]):
                r, q = i * dilation[0], j * dilation[1]
                out[:, :, r:r + stride[0] * (oh - 1) + 1:stride[0],
                    q:q + stride[1] * (ow - 1) + 1:stride[1]] += blocks[:, :, i, j]
        ctx.options = options
        out = out[:, :, padding[0]:padding[0] + size[0], padding[1]:padding[1] + size[1]]
        return xp.ascontiguousarray(out[0] if single else out)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None]:
        return Im2Col.apply(grad, ctx.options), None, None


def _shuffle(xp: Any, data: Any, r: int) -> Any:
    """(*, C·r², H, W) → (*, C, H·r, W·r): out[c, h·r + i, w·r + j] = x[c·r² + i·r + j, h, w]"""
    *lead, c, h, w = data.shape
    out = data.reshape(*lead, c // (r * r), r, r, h, w)
    k = len(lead)
    out = out.transpose(*range(k), k, k + 3, k + 1, k + 4, k + 2)
    return xp.ascontiguousarray(out).reshape(*lead, c // (r * r), h * r, w * r)


def _unshuffle(xp: Any, data: Any, r: int) -> Any:
    """(*, C, H·r, W·r) → (*, C·r², H, W), the inverse of `_shuffle`."""
    *lead, c, h, w = data.shape
    out = data.reshape(*lead, c, h // r, r, w // r, r)
    k = len(lead)
    out = out.transpose(*range(k), k, k + 2, k + 4, k + 1, k + 3)
    return xp.ascontiguousarray(out).reshape(*lead, c * r * r, h // r, w // r)


class PixelShuffle(Function):
    """out[…, c, h·r + i, w·r + j] = x[…, c·r² + i·r + j, h, w]  (channels into space)

    ∂L/∂x = pixel_unshuffle(grad, r): the same values moved back.
    """

    node_name = "PixelShuffleBackward0"
    saved_options = {"upscale_factor": "r"}

    @staticmethod
    def forward(ctx: Any, x: Tensor, r: int) -> Any:
        ctx.r = r  # (PyTorch's result: in a 4-D x's suggested memory format)
        return channels_last_if_suggested(x._xp, _shuffle(x._xp, x._data, r), x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        return PixelUnshuffle.apply(grad, ctx.r), None


class PixelUnshuffle(Function):
    """out[…, c·r² + i·r + j, h, w] = x[…, c, h·r + i, w·r + j]  (space into channels)

    ∂L/∂x = pixel_shuffle(grad, r).
    """

    node_name = "PixelUnshuffleBackward0"
    saved_options = {"downscale_factor": "r"}

    @staticmethod
    def forward(ctx: Any, x: Tensor, r: int) -> Any:
        ctx.r = r  # (PyTorch's result: in a 4-D x's suggested memory format)
        return channels_last_if_suggested(x._xp, _unshuffle(x._xp, x._data, r), x._data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        return PixelShuffle.apply(grad, ctx.r), None
