"""``F.unfold``, ``F.fold``, ``F.pixel_shuffle`` and ``F.pixel_unshuffle`` (part of
``nn.functional``) with PyTorch's argument handling and checks; the rules are in
``ops/fold.py``."""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..ops import fold as _fold
from ..ops.operands import require_kernel_dtype
from ..tensor import Tensor
from .arguments import tensor_input
from .functional_arguments import check_int, check_ints
from .functional_conv import tuple_of


def _sizes(shape: Any) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


def _options(kernel_size: Any, dilation: Any, padding: Any, stride: Any,
             stride_first: bool) -> tuple:
    kernel, dilation = tuple_of(kernel_size, 2), tuple_of(dilation, 2)
    padding, stride = tuple_of(padding, 2), tuple_of(stride, 2)
    checks = [
        (min(kernel) > 0, "kernel size should be greater than zero, but got kernel_height: "
         f"{kernel[0]} kernel_width: {kernel[1]}"),
        (min(dilation) > 0, "dilation should be greater than zero, but got dilation_height: "
         f"{dilation[0]} dilation_width: {dilation[1]}"),
        (min(padding) >= 0, "padding should be non-negative, but got pad_height: "
         f"{padding[0]} pad_width: {padding[1]}"),
        (min(stride) > 0, "stride should be greater than zero, but got stride_height: "
         f"{stride[0]} stride_width: {stride[1]}"),
    ]
    if stride_first:  # col2im checks the stride right after the kernel
        checks.insert(1, checks.pop())
    for ok, message in checks:
        if not ok:
            raise RuntimeError(message)
    return kernel, dilation, padding, stride


def _pair_text(pair: tuple) -> str:
    return f"({pair[0]}, {pair[1]})"


def _check_pairs(op: str, first: int, **pairs: Any) -> None:
    """PyTorch's type errors for im2col's and col2im's pairs of ints (positions from
    ``first``; F.unfold and F.fold make a pair of a single number first), then its errors
    for a tuple of another length than 2."""
    for position, (name, value) in enumerate(pairs.items(), start=first):
        check_ints(op, name, position, value if isinstance(value, (tuple, list)) else
                   (value, value))
    for name, value in pairs.items():  # (then the kernel's check of each one's length)
        if isinstance(value, (tuple, list)) and len(value) != 2:
            raise RuntimeError(f"It is expected {name} equals to 2, but got size {len(value)}")


@tensor_input("im2col")
def unfold(input: Tensor, kernel_size: Any, dilation: Any = 1, padding: Any = 0,  # noqa: A002
           stride: Any = 1) -> Tensor:
    """Every sliding kernel_size block of (N, C, H, W) (or (C, H, W)) as a column:
    (N, C·kh·kw, L), L the number of blocks (``Im2ColBackward0``)."""
    _check_pairs("im2col", 2, kernel_size=kernel_size, dilation=dilation, padding=padding,
                 stride=stride)
    if input.dim() < 3:
        raise IndexError("Dimension out of range (expected to be in range of "
                         f"[{-input.dim()}, {input.dim() - 1}], but got 2)")
    options = _options(kernel_size, dilation, padding, stride, False)
    shape = tuple(input.shape)
    if not ((input.dim() == 3 and all(shape)) or (input.dim() == 4 and all(shape[1:]))):
        raise RuntimeError(
            "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other "
            f"non-zero dimensions for input, but got: {_sizes(shape)}")
    blocks = _fold._blocks(shape[-2:], options)
    if min(blocks) < 1:
        kernel, dilation, padding, _ = options
        raise RuntimeError(
            f"Given input with spatial size {_pair_text(shape[-2:])}, kernel_size="
            f"{_pair_text(kernel)}, dilation={_pair_text(dilation)}, padding="
            f"{_pair_text(padding)}, calculated shape of the array of sliding blocks as "
            f"{_pair_text(blocks)}, but its components must be at least one.")
    require_kernel_dtype("im2col_out_cpu", input, "bool")
    return _fold.Im2Col.apply(input, options)


@tensor_input("col2im")
def fold(input: Tensor, output_size: Any, kernel_size: Any, dilation: Any = 1,  # noqa: A002
         padding: Any = 0, stride: Any = 1) -> Tensor:
    """The columns of (N, C·kh·kw, L) (or (C·kh·kw, L)) summed back into (N, C, *output_size),
    overlapping blocks added (``Col2ImBackward0``); the transpose of `unfold`."""
    _check_pairs("col2im", 2, output_size=output_size, kernel_size=kernel_size,
                 dilation=dilation, padding=padding, stride=stride)
    size = tuple_of(output_size, 2)
    options = _options(kernel_size, dilation, padding, stride, True)
    kernel, dilation, padding, stride = options
    shape = tuple(input.shape)
    if not ((input.dim() == 2 and all(shape)) or (input.dim() == 3 and all(shape[1:]))):
        raise RuntimeError(
            "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and "
            f"non-zero dimensions for input, but got: {_sizes(shape)}")
    planes = shape[-2]
    if planes % (kernel[0] * kernel[1]):
        raise RuntimeError(
            "Expected size of input's dimension 1 to be divisible by the product of "
            f"kernel_size, but got input.size(1)={planes} and kernel_size="
            f"{_pair_text(kernel)}.")
    blocks = _fold._blocks(size, options)
    described = (f"Given output_size={_pair_text(size)}, kernel_size={_pair_text(kernel)}, "
                 f"dilation={_pair_text(dilation)}, padding={_pair_text(padding)}, "
                 f"stride={_pair_text(stride)}, ")
    if shape[-1] != blocks[0] * blocks[1]:
        raise RuntimeError(
            f"{described}expected size of input's dimension 2 to match the calculated number "
            f"of sliding blocks {blocks[0]} * {blocks[1]} = {blocks[0] * blocks[1]}, but got "
            f"input.size(2)={shape[-1]}.")
    if min(blocks) < 1:
        raise RuntimeError(f"{described}calculated shape of the array of sliding blocks as "
                           f"{_pair_text(blocks)}, which is invalid.")
    require_kernel_dtype("col2im_out_cpu", input, "bool")
    return _fold.Col2Im.apply(input, size, options)


def _shuffle_check(input: Tensor, factor: int, name: str, what: str) -> None:  # noqa: A002
    if input.dim() < 3:
        raise RuntimeError(f"{name} expects input to have at least 3 dimensions, but got "
                           f"input with {input.dim()} dimension(s)")
    if factor <= 0:
        raise RuntimeError(f"{name} expects a positive {what}, but got {factor}")


@tensor_input("pixel_shuffle")
def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:  # noqa: A002
    """(*, C·r², H, W) → (*, C, H·r, W·r) (``PixelShuffleBackward0``)."""
    check_int("pixel_shuffle", "upscale_factor", 2, upscale_factor)
    r = upscale_factor
    _shuffle_check(input, r, "pixel_shuffle", "upscale_factor")
    c = input.shape[-3]
    if c % (r * r):
        raise RuntimeError(
            "pixel_shuffle expects its input's 'channel' dimension to be divisible by the "
            f"square of upscale_factor, but input.size(-3)={c} is not divisible by {r * r}")
    return _fold.PixelShuffle.apply(input, r)


@tensor_input("pixel_unshuffle")
def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:  # noqa: A002
    """(*, C, H·r, W·r) → (*, C·r², H, W) (``PixelUnshuffleBackward0``)."""
    check_int("pixel_unshuffle", "downscale_factor", 2, downscale_factor)
    r = downscale_factor
    _shuffle_check(input, r, "pixel_unshuffle", "downscale_factor")
    for dim, name in ((-2, "height"), (-1, "width")):
        if input.shape[dim] % r:
            raise RuntimeError(
                f"pixel_unshuffle expects {name} to be divisible by downscale_factor, but "
                f"input.size({dim})={input.shape[dim]} is not divisible by {r}")
    return _fold.PixelUnshuffle.apply(input, r)


class ChannelShuffle(Function):
    """out[:, i·g + j] = x[:, j·(C/g) + i]  (g = groups: the C channels as a (g, C/g) table,
    transposed)

    ∂L/∂x = the gradient shuffled back: channel_shuffle(grad, C/g) (the transposed table).
    """

    node_name = "ChannelShuffleBackward0"
    saved_options = {"groups": None}  # (``_saved_groups``, as PyTorch's node shows it)

    @staticmethod
    def forward(ctx: Any, x: Tensor, groups: int) -> Any:
        data = x._data
        n, channels, rest = data.shape[0], data.shape[1], data.shape[2:]
        ctx.groups, ctx.back_groups = groups, channels // groups
        table = data.reshape(n, groups, channels // groups, *rest).swapaxes(1, 2)
        return x._xp.ascontiguousarray(table).reshape(data.shape)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        return ChannelShuffle.apply(grad, ctx.back_groups), None


@tensor_input("channel_shuffle")
def channel_shuffle(input: Tensor, groups: int) -> Tensor:  # noqa: A002
    """(N, C, *) with the channels split into ``groups`` groups and interleaved: channel
    g·(C/groups) + i goes to place i·groups + g (``ChannelShuffleBackward0``)."""
    if input.dim() <= 2:
        raise RuntimeError("channel_shuffle expects input with > 2 dims, but got input with "
                           f"sizes [{', '.join(map(str, input.shape))}]")
    if groups <= 0:
        raise RuntimeError("Number of groups to divide channels in must be positive. Value of "
                           f"groups:{groups}")
    channels = input.shape[1]
    if channels % groups:
        raise RuntimeError("Number of channels must be divisible by groups. Got "
                           f"{channels} channels and {groups} groups.")
    return ChannelShuffle.apply(input, groups)
