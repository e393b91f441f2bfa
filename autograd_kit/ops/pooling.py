"""2-D pooling (max, average, adaptive average) and constant padding, each one recorded
operation with PyTorch's node names; their backward rules are operations of their own
(``…BackwardBackward0`` under ``create_graph``).

``options = (kernel, stride, padding, dilation, output_size)``, each a (height, width) pair,
checked by ``nn/functional_conv.py``. Windows are strided views of the padded input
(see ``convolution.patches``).
"""

from __future__ import annotations

import functools
import itertools
import math
from typing import Any

from ..function import Function
from ..node_saved_values import given_dims
from ..tensor import Tensor
from .activations import in_float32
from .convolution import patches
from .operands import check_fits_dtype, saved_indices_output
from .preserved_layout import channels_last_if_suggested, preserved_copy, row_major

_NO_PAD = ((0, 0), (0, 0))


def given_arguments(*names: str) -> dict[str, Any]:
    """``saved_options`` for a pool's node: its arguments as the caller gave them (PyTorch's
    ``_saved_kernel_size``, ``_saved_stride`` (empty when not given), …), kept on ctx as
    ``given``."""
    return {name: (lambda node, name=name: node.given[name]) for name in names}


_GIVEN = ("kernel_size", "stride", "padding", "ceil_mode")


def lowest(xp: Any, dtype: Any) -> Any:
    """The padding no value loses a max to: -inf, or the least value of an integer type
    (PyTorch pools integers too)."""
    return -math.inf if xp.issubdtype(dtype, xp.floating) else xp.iinfo(dtype).min


def real_argmax(xp: Any, flat: Any, real: Any) -> Any:
    """Each (flattened) window's first largest value's place, never the padding's: where
    every real value is the lowest (tied with the padding), PyTorch's kernels keep the
    window's first real place. ``real`` marks the real places, windowed as ``flat``; a
    window with NaNs: its last NaN's place (`nan_last`)."""
    best = flat.argmax(axis=-1)
    on_padding = ~xp.take_along_axis(real, best[..., None], axis=-1)[..., 0]
    return nan_last(xp, flat, xp.where(on_padding, real.argmax(axis=-1), best))


def nan_last(xp: Any, flat: Any, best: Any) -> Any:
    """``best`` (each flattened window's place of its largest value), or the place of the
    window's last NaN where it has one: PyTorch's max kernels take a value when ``val > max
    || isnan(val)``, so each NaN replaces the one before (NumPy's argmax gives the first)."""
    if not xp.issubdtype(flat.dtype, xp.floating):
        return best
    nan = xp.isnan(flat)
    if not nan.any():  # (the usual case: one quick pass)
        return best
    last = flat.shape[-1] - 1 - nan[..., ::-1].argmax(axis=-1)
    return xp.where(nan.any(axis=-1), last, best)


def _padded(xp: Any, x: Any, options: tuple, fill: float) -> Any:
    """x padded by ``padding`` on each side (more at the end where ceil_mode needs it)."""
    kernel, stride, pads, dilation, sizes = options
    widths = []
    for n, k, s, p, d, out in zip(x.shape[2:], kernel, stride, pads, dilation, sizes):
        need = (out - 1) * s + d * (k - 1) + 1 - (n + p)
        widths.append((p, max(p, need)))
    return xp.pad(x, ((0, 0), (0, 0), *widths), constant_values=fill), widths


def _windows(xp: Any, padded: Any, options: tuple) -> Any:
    kernel, stride, _, dilation, sizes = options
    view = patches(xp, padded, kernel, (stride, _NO_PAD, dilation))
    return view[:, :, :sizes[0], :sizes[1]]


def _window_sums(xp: Any, view: Any) -> Any:
    """Each window's sum as PyTorch's kernel adds it: from 0, one element after the other,
    row by row (NumPy's sum over the window adds in another order: other last bits)."""
    sums = xp.zeros(view.shape[:-2], dtype=view.dtype)
    for k in range(view.shape[-2]):
        for q in range(view.shape[-1]):
            sums += view[..., k, q]
    return sums


def _spread(xp: Any, grad: Any, shape: tuple, options: tuple, widths: list) -> Any:
    """Add each window's gradient back onto the places the window covers (then unpad).
    Where windows overlap, their gradients arrive in the order of the windows, row after
    row, as PyTorch's kernel adds them: the last offsets in the kernel come from the first
    windows, so the offsets are walked backwards."""
    kernel, stride, _, dilation, (oh, ow) = options
    (lo_h, hi_h), (lo_w, hi_w) = widths
    n, c, h, w = shape
    out = xp.zeros((n, c, h + lo_h + hi_h, w + lo_w + hi_w), dtype=grad.dtype)
    for k in reversed(range(kernel[0])):
        for q in reversed(range(kernel[1])):
            rows = slice(k * dilation[0], k * dilation[0] + stride[0] * (oh - 1) + 1, stride[0])
            cols = slice(q * dilation[1], q * dilation[1] + stride[1] * (ow - 1) + 1, stride[1])
            out[:, :, rows, cols] += grad
    return out[:, :, lo_h:lo_h + h, lo_w:lo_w + w]


class MaxPool2d(Function):
    """out[n, c, i, j] = max of the window at (i, j);  indices: where it was (h·W + w)

    ∂L/∂x = each output's gradient sent to the place its maximum came from (summed where
    windows overlap), run as `MaxPool2dBackward`.
    """

    node_name = "MaxPool2DWithIndicesBackward0"
    saved_tensor_names = ("self", "result1")  # (the indices: saved, as PyTorch saves them)
    saved_options = given_arguments(*_GIVEN, "dilation")

    @staticmethod
    def forward(ctx: Any, x: Tensor, options: tuple, given: dict[str, Any]) -> Any:
        xp, data = x._xp, x._data
        kernel, stride, pads, dilation, (oh, ow) = options
        padded, _ = _padded(xp, data, options, lowest(xp, data.dtype))
        view = _windows(xp, padded, options)
        flat = view.reshape(*view.shape[:4], math.prod(view.shape[4:]))  # (-1: not when empty)
        real = _windows(xp, _padded(xp, xp.ones(data.shape, bool), options, False)[0], options)
        best = real_argmax(xp, flat, real.reshape(flat.shape))
        out = xp.take_along_axis(flat, best[..., None], axis=-1)[..., 0]
        rows = (xp.arange(oh) * stride[0] - pads[0])[:, None] + (best // kernel[1]) * dilation[0]
        cols = (xp.arange(ow) * stride[1] - pads[1])[None, :] + (best % kernel[1]) * dilation[1]
        indices = (rows * data.shape[3] + cols).astype(xp.int64)
        indices_t = Tensor._make(channels_last_if_suggested(xp, indices, data))
        saved_indices_output(ctx, indices_t, x)
        ctx.given = given
        ctx.mark_non_differentiable(indices_t)
        return channels_last_if_suggested(xp, row_major(xp, out), data), indices_t

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _: Any = None) -> tuple[Any, None, None]:
        x, indices = ctx.saved_tensors
        return MaxPool2dBackward.apply(grad, x, indices), None, None


class MaxPool2dBackward(Function):
    """out = zeros like x, with grad[n, c, i, j] added at indices[n, c, i, j]

    ∂out/∂grad: gather the upstream gradient at the same indices;  ∂out/∂x = 0 (zeros).
    """

    node_name = "MaxPool2DWithIndicesBackwardBackward0"
    non_inputs = (2,)

    @staticmethod
    def forward(ctx: Any, grad: Tensor, x: Tensor, indices: Tensor) -> Any:
        xp, shape = grad._xp, x._data.shape
        planes = math.prod(shape[:-2])
        out = xp.zeros((planes, shape[-2] * shape[-1]), dtype=grad._data.dtype)
        rows = xp.repeat(xp.arange(planes), math.prod(indices._data.shape[-2:]))
        xp.add.at(out, (rows, indices._data.reshape(-1)), grad._data.reshape(-1))
        ctx.indices, ctx.input_like = indices, (shape, x._data.dtype)
        return channels_last_if_suggested(xp, out.reshape(shape), x._data)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, Any, None]:
        idx = ctx.indices
        picked = gg.flatten(-2).gather(-1, idx.flatten(-2)).view(tuple(idx.shape))
        return picked, _zeros_like_input(ctx, gg), None


def _zeros_like_input(ctx: Any, gg: Tensor) -> Tensor | None:
    """The input's gradient through a pooling backward: zeros (PyTorch's ``self:
    zeros_like(self)``, so ``x`` stays part of the double-backward graph)."""
    if not ctx.needs_input_grad[1]:
        return None
    shape, dtype = ctx.input_like
    return Tensor._make(gg._xp.zeros(shape, dtype=dtype))


def _divisors(xp: Any, shape: tuple, options: tuple, include_pad: bool, override: Any,
              dtype: Any) -> Any:
    """How many values each window's sum is divided by."""
    if override is not None:
        return override
    ones = xp.ones((1, 1, *shape[2:]), dtype=dtype)
    kernel, stride, pads, dilation, sizes = options
    if include_pad:  # the window's part inside the padded input (not ceil_mode's extra)
        ones = xp.pad(ones, ((0, 0), (0, 0), *((p, p) for p in pads)), constant_values=1)
        options = (kernel, stride, (0, 0), dilation, sizes)
    padded, _ = _padded(xp, ones, options, 0)
    return _windows(xp, padded, options).sum(axis=(-2, -1))


class AvgPool2d(Function):
    """out[n, c, i, j] = Σ window / divisor   (the window's size, counting the zero padding
    when count_include_pad, or divisor_override)

    ∂L/∂x = each output's gradient / divisor, spread over its window (`AvgPool2dBackward`).
    """

    node_name = "AvgPool2DBackward0"
    saved_options = given_arguments(*_GIVEN, "count_include_pad", "divisor_override")

    @staticmethod
    def forward(ctx: Any, x: Tensor, options: tuple, include_pad: bool, override: Any,
                given: dict[str, Any]) -> Any:
        xp, data = x._xp, x._data
        wide = in_float32(data)  # (float16 summed and divided in float32, rounded once)
        padded, _ = _padded(xp, wide, options, 0)
        sums = _window_sums(xp, _windows(xp, padded, options))
        divisor = _divisors(xp, data.shape, options, include_pad, override, wide.dtype)
        ctx.save_for_backward(x)
        ctx.settings, ctx.given = (options, include_pad, override), given
        return channels_last_if_suggested(xp, (sums / divisor).astype(data.dtype, copy=False),
                                          data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None, None, None]:
        (x,) = ctx.saved_tensors
        return AvgPool2dBackward.apply(grad, x, *ctx.settings, ctx.given), None, None, None, None


class AvgPool2dBackward(Function):
    """out = grad / divisor spread over each window      ∂out/∂grad = avg_pool2d;  ∂out/∂x = 0"""

    node_name = "AvgPool2DBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, x: Tensor, options: tuple, include_pad: bool,
                override: Any, given: dict[str, Any]) -> Any:
        xp, shape = grad._xp, x._data.shape
        divisor = _divisors(xp, shape, options, include_pad, override, grad._data.dtype)
        _, widths = _padded(xp, x._data[:1, :1], options, 0)
        ctx.settings, ctx.input_like = (options, include_pad, override, given), (
            shape, x._data.dtype)
        spread = _spread(xp, grad._data / divisor, shape, options, widths)
        return channels_last_if_suggested(  # (x's layout, as PyTorch's kernel allocates it)
            xp, row_major(xp, spread.astype(grad._data.dtype, copy=False)), x._data)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, ...]:
        return (AvgPool2d.apply(gg, *ctx.settings), _zeros_like_input(ctx, gg), None, None, None,
                None)


def _adaptive_ranges(n: int, out: int) -> list[tuple[int, int]]:
    """Window i covers [⌊i·n/out⌋, ⌈(i+1)·n/out⌉)."""
    return [(i * n // out, -(-(i + 1) * n // out)) for i in range(out)]


def _adaptive_sums(xp: Any, data: Any, ranges: list[list[tuple[int, int]]]) -> Any:
    """Each window's sum as PyTorch's kernel adds it: from 0, element after element, the
    last dimension fastest (``ranges``: the windows along each spatial dimension). All
    windows step together, one element of each per step (a window smaller than the largest
    adds 0 where it has none, which changes no sum)."""
    sums = xp.zeros((*data.shape[:2], *(len(r) for r in ranges)), dtype=data.dtype)
    zero = xp.zeros((), dtype=data.dtype)
    steps = [_window_steps(xp, windows, d, len(ranges)) for d, windows in enumerate(ranges)]
    if not all(isinstance(place, slice) for dim in steps for place, _ in dim):
        return _gathered_window_sums(xp, data, ranges, sums)
    for step in itertools.product(*steps):
        values = data[(slice(None), slice(None), *(place for place, _ in step))]
        masks = [inside for _, inside in step if inside is not None]
        if masks:
            values = xp.where(functools.reduce(xp.logical_and, masks), values, zero)
        sums += values
    return sums


def _window_steps(xp: Any, windows: list[tuple[int, int]], d: int, dims: int) -> list[tuple]:
    """For each offset into the longest window along dimension ``d`` (of ``dims``): where
    each window's element at that offset lies (a slice where the places are evenly spaced,
    else indices shaped to broadcast along ``d``) and which windows have one (None: all)."""
    steps = []
    for a in range(max((end - start for start, end in windows), default=0)):
        at = [min(start + a, end - 1) for start, end in windows]
        inside = [start + a < end for start, end in windows]
        gaps = {later - earlier for earlier, later in zip(at, at[1:])}
        if len(gaps) <= 1 and min(gaps, default=1) > 0:
            place: Any = slice(at[0], at[-1] + 1, gaps.pop() if gaps else 1)
        else:
            place = _along(xp.asarray(at), d, dims)
        steps.append((place, None if all(inside) else _along(xp.asarray(inside), d, dims)))
    return steps


def _along(values: Any, d: int, dims: int) -> Any:
    """A 1-D array shaped to broadcast along dimension ``d`` of ``dims``."""
    shape = [1] * dims
    shape[d] = -1
    return values.reshape(shape)


def _gathered_window_sums(xp: Any, data: Any, ranges: list[list[tuple[int, int]]],
                          sums: Any) -> Any:
    """`_adaptive_sums` where the windows' places are not evenly spaced: every window's
    elements gathered once (``take``, along each spatial dim: offset into the window, then
    window), a window's missing elements set to 0, then the offsets added in the same order
    into ``sums`` (zeros); as many additions, but no indexing per step."""
    lengths = []
    for d, windows in enumerate(ranges):
        longest = max((end - start for start, end in windows), default=0)
        at = [min(start + a, end - 1) for a in range(longest) for start, end in windows]
        data = xp.take(data, xp.asarray(at, dtype=xp.intp), axis=2 + d)
        lengths.append((longest, len(windows)))
    data = data.reshape((*data.shape[:2], *itertools.chain.from_iterable(lengths)))
    for d, windows in enumerate(ranges):
        for a in range(lengths[d][0]):
            short = [i for i, (start, end) in enumerate(windows) if start + a >= end]
            if short:  # (adds 0 where a window has no element a: changes no sum)
                data[(slice(None),) * (2 + 2 * d) + (a, xp.asarray(short))] = 0
    for offsets in itertools.product(*(range(longest) for longest, _ in lengths)):
        sums += data[(slice(None), slice(None), *(part for a in offsets
                                                  for part in (a, slice(None))))]
    return sums


def _window_sizes(xp: Any, ranges: list[list[tuple[int, int]]], dtype: Any) -> list[Any]:
    """The windows' sizes along each spatial dimension, shaped to divide the sums."""
    sizes = []
    for d, windows in enumerate(ranges):
        shape = [1] * len(ranges)
        shape[d] = -1
        sizes.append(xp.asarray([e - s for s, e in windows], dtype=dtype).reshape(shape))
    return sizes


def check_grad_output(kernel: str, grad: Tensor) -> None:
    """PyTorch's adaptive pools' backward refuses an empty gradient (output_size 0), looking
    from dimension 1 on. (Its forward refuses a batched input without channels, so here only
    an unbatched input, run as a batch of one, has none: PyTorch's gradient then has no
    batch dimension, and its empty channels pass: only the output's sizes are checked.)"""
    shape = tuple(grad.shape)
    for d in range(2, len(shape)):
        if shape[d] == 0:
            raise RuntimeError(
                f"{kernel}_backward(): Expected grad_output to have non-zero size for non-batch "
                f"dimensions, but grad_output has sizes {list(shape)} with dimension {d} being "
                "empty")


class AdaptiveAvgPool2d(Function):
    """out[n, c, i, j] = mean of x over rows [⌊i·H/oh⌋, ⌈(i+1)·H/oh⌉) and the same for columns
    (and depths, for `AdaptiveAvgPool3d`): the window's sum / its height / its width

    ∂L/∂x = each output's gradient / its window's size, spread over the window.
    """

    node_name = "AdaptiveAvgPool2DBackward0"
    kernel = "adaptive_avg_pool2d"

    @staticmethod
    def forward(ctx: Any, x: Tensor, size: tuple[int, ...]) -> Any:
        xp, data = x._xp, x._data
        wide = in_float32(data)  # (float16 summed and divided in float32, rounded once)
        ranges = [_adaptive_ranges(n, out) for n, out in zip(data.shape[2:], size)]
        means = _adaptive_sums(xp, wide, ranges)
        for extent in _window_sizes(xp, ranges, wide.dtype):  # (PyTorch's divisions, in turn)
            means = means / extent
        ctx.save_for_backward(x)
        ctx.size = size
        return channels_last_if_suggested(xp, means.astype(data.dtype, copy=False), data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None]:
        (x,) = ctx.saved_tensors
        check_grad_output(ctx._function.kernel, grad)
        return ctx._function.gradient.apply(grad, x), None


class AdaptiveAvgPool2dBackward(Function):
    """out = grad / window size spread over each window, window after window (the sizes
    divided one after the other)   ∂out/∂grad = adaptive_avg_pool2d"""

    node_name = "AdaptiveAvgPool2DBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, x: Tensor) -> Any:
        xp, g = grad._xp, grad._data
        out = xp.zeros(x._data.shape, dtype=g.dtype)
        size = g.shape[2:]
        ranges = [_adaptive_ranges(n, o) for n, o in zip(out.shape[2:], size)]
        for spots in itertools.product(*(list(enumerate(r)) for r in ranges)):
            delta = g[(slice(None), slice(None), *(slice(i, i + 1) for i, _ in spots))]
            for _, (start, end) in spots:
                delta = delta / (end - start)
            out[(slice(None), slice(None), *(slice(s, e) for _, (s, e) in spots))] += delta
        ctx.size, ctx.input_like = size, (x._data.shape, x._data.dtype)
        return channels_last_if_suggested(xp, out, x._data)  # (PyTorch's: in x's format)

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, Any]:
        return ctx._function.pool.apply(gg, ctx.size), _zeros_like_input(ctx, gg)


class AdaptiveAvgPool3d(AdaptiveAvgPool2d):
    """The 3-D form: windows over depth, rows and columns (``AdaptiveAvgPool3DBackward0``)."""

    node_name = "AdaptiveAvgPool3DBackward0"
    kernel = "adaptive_avg_pool3d"


class AdaptiveAvgPool3dBackward(AdaptiveAvgPool2dBackward):
    """The 3-D form's gradient (``AdaptiveAvgPool3DBackwardBackward0``)."""

    node_name = "AdaptiveAvgPool3DBackwardBackward0"


AdaptiveAvgPool2d.gradient, AdaptiveAvgPool2dBackward.pool = (AdaptiveAvgPool2dBackward,
                                                              AdaptiveAvgPool2d)
AdaptiveAvgPool3d.gradient, AdaptiveAvgPool3dBackward.pool = (AdaptiveAvgPool3dBackward,
                                                              AdaptiveAvgPool3d)


def _pad_slices(shape: tuple, pads: tuple) -> tuple[tuple, tuple, tuple]:
    """The output shape, and where the kept part of the input sits in the input and output."""
    out_shape, src, dst = list(shape), [slice(None)] * len(shape), [slice(None)] * len(shape)
    for i in range(len(pads) // 2):
        dim = len(shape) - 1 - i
        lo, hi = pads[2 * i], pads[2 * i + 1]
        n = shape[dim]
        out_shape[dim] = n + lo + hi
        src[dim] = slice(max(-lo, 0), n - max(-hi, 0))
        dst[dim] = slice(max(lo, 0), max(lo, 0) + max(n - max(-lo, 0) - max(-hi, 0), 0))
    return tuple(out_shape), tuple(src), tuple(dst)


class ConstantPadNd(Function):
    """out = x with ``pads = (left, right, top, bottom, …)`` values of ``value`` added around
    its last dimensions (negative amounts crop)

    ∂L/∂x = grad with the padding cut off again (and zeros where x was cropped): the same
    operation with the amounts negated.
    """

    node_name = "ConstantPadNdBackward0"
    saved_options = {"pad": given_dims("pads")}  # (a negative amount shows unsigned)

    @staticmethod
    def forward(ctx: Any, x: Tensor, pads: tuple[int, ...], value: float) -> Any:
        xp, data = x._xp, x._data
        check_fits_dtype(float(value), data.dtype)  # (a double: -1 does not wrap into uint8)
        shape, src, dst = _pad_slices(data.shape, pads)
        ctx.pads = pads
        if all(p <= 0 for p in pads):  # only cropping: PyTorch clones the cropped view, its
            return preserved_copy(xp, data[src])  # strides kept (a padding's gradient too)
        out = xp.full(shape, value, dtype=data.dtype)
        out[dst] = data[src]
        return channels_last_if_suggested(xp, out, data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None]:
        return ConstantPadNd.apply(grad, tuple(-p for p in ctx.pads), 0.0), None, None


class AdaptiveMaxPool2d(Function):
    """out[n, c, i, j] = max of x over rows [⌊i·H/oh⌋, ⌈(i+1)·H/oh⌉) and the same for columns;
    indices: where it was (h·W + w)

    ∂L/∂x = each output's gradient sent to the place its maximum came from.
    """

    node_name = "AdaptiveMaxPool2DBackward0"
    saved_tensor_names = ("self", "result1")

    @staticmethod
    def forward(ctx: Any, x: Tensor, size: tuple[int, int]) -> Any:
        xp, data = x._xp, x._data  # (N, C, H, W) or (C, H, W)
        lead, (h, w) = data.shape[:-2], data.shape[-2:]
        out = xp.empty((*lead, *size), dtype=data.dtype)
        indices = xp.empty((*lead, *size), dtype=xp.int64)
        for i, (r0, r1) in enumerate(_adaptive_ranges(h, size[0])):
            for j, (c0, c1) in enumerate(_adaptive_ranges(w, size[1])):
                window = data[..., r0:r1, c0:c1].reshape(*lead, (r1 - r0) * (c1 - c0))
                best = nan_last(xp, window, window.argmax(axis=-1))
                out[..., i, j] = xp.take_along_axis(window, best[..., None], axis=-1)[..., 0]
                indices[..., i, j] = (r0 + best // (c1 - c0)) * w + c0 + best % (c1 - c0)
        indices_t = Tensor._make(channels_last_if_suggested(xp, indices, data))
        saved_indices_output(ctx, indices_t, x)
        ctx.mark_non_differentiable(indices_t)
        return channels_last_if_suggested(xp, out, data), indices_t

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _: Any = None) -> tuple[Any, None]:
        x, indices = ctx.saved_tensors
        check_grad_output("adaptive_max_pool2d", grad)
        return AdaptiveMaxPool2dBackward.apply(grad, x, indices), None


class AdaptiveMaxPool2dBackward(MaxPool2dBackward):
    """out = zeros like x, with grad[n, c, i, j] added at indices[n, c, i, j]
    (as `MaxPool2dBackward`)."""

    node_name = "AdaptiveMaxPool2DBackwardBackward0"
