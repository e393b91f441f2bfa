"""3-D layers over (N, C, D, H, W) volumes: `Conv3d`, `MaxPool3d`, `AvgPool3d`,
`AdaptiveAvgPool3d`, `AdaptiveMaxPool3d`, and their functional forms.

The kit's convolution and pooling rules are 2-D, so each of these is written as 2-D ones over
depth slices: a 3-D window is a stack of 2-D windows, one per depth offset k, taken from the
slices ``x[:, :, k·d : … : s]``; the results are summed (convolution) or averaged over k.
A 3-D max pool picks its values by their indices (found in the array, as PyTorch returns them:
d·H·W + h·W + w), and gathers them. Each is recorded as one node with PyTorch's name
(``ConvolutionBackward0``, ``MaxPool3DWithIndicesBackward0``, …) through `Composite`, whose
backward is the vector-Jacobian product of the composite computation.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from .. import dtypes
from ..ops import pooling
from ..ops.operands import kernel_error, require_kernel_dtype
from ..ops.pooling import lowest, nan_last, real_argmax
from ..ops.preserved_layout import row_major
from ..tensor import Tensor
from . import functional_conv as FC
from .adaptive_checks import adaptive_sizes, check_adaptive_input
from .arguments import size_read_first, tensor_input
from .composite import Composite
from .conv import _ConvNd
from .functional_arguments import check_pool_arguments, divisor_override_int
from .pool_window_sizes import check_window_sizes
from .pooling import AdaptiveAvgPool2d, AdaptiveMaxPool2d, AvgPool2d, MaxPool2d


def _batched5(input: Tensor, name: str) -> tuple[Tensor, bool]:  # noqa: A002
    if input.dim() == 4:
        return input.unsqueeze(0), True
    if input.dim() != 5:
        raise RuntimeError(f"Expected 4D (unbatched) or 5D (batched) input to {name}, but "
                           f"got input of size: [{', '.join(map(str, input.shape))}]")
    return input, False


def _pool_batched5(input: Tensor, kernel: str) -> tuple[Tensor, bool]:  # noqa: A002
    """A 3-D pool's input as PyTorch's kernels check it: 4 or 5 dimensions, none empty but
    a batch (PyTorch's message shows the empty size, 0, where it means the dimension)."""
    if input.dim() not in (4, 5):
        raise RuntimeError("non-empty 4D or 5D (batch mode) tensor expected for input")
    if 0 in input.shape[input.dim() - 4:]:
        raise RuntimeError(
            f"{kernel}: Expected input's non-batch dimensions to have positive length, but "
            f"input has a shape of {FC._size_text(input.shape)} and non-batch dimension 0 has "
            "length zero!")
    return _batched5(input, kernel)


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


class RowMajorComposite(Composite):
    """A composite whose result (and gradients) PyTorch's kernel allocates row-major, though
    the run that computes it over depth slices leaves it in another layout (its
    ``view(N, -1)`` works)."""

    row_major_gradients = True

    @staticmethod
    def forward(ctx: Any, run: Any, *inputs: Any) -> Any:
        out = Composite.forward(ctx, run, *inputs)  # (PyTorch's strides at size-1 dimensions
        return row_major(inputs[0]._xp, out)  # too: a depth of 1 is no transposed slice)


class ConvolutionNode(RowMajorComposite):
    """A 3-D (or transposed 3-D) convolution as PyTorch's one node: inputs (x, w, b), a
    missing bias keeping its (None, 0) edge."""

    node_name = "ConvolutionBackward0"
    optional_inputs = (3,)


class MaxPool3dNode(Composite):
    """out = x at the indices of the windows' maxima: ∂L/∂x adds each gradient there."""

    node_name = "MaxPool3DWithIndicesBackward0"


class AvgPool3dNode(RowMajorComposite):
    """out = Σ window / divisor: ∂L/∂x spreads each gradient / divisor over its window."""

    node_name = "AvgPool3DBackward0"


class AdaptiveAvgPool3dNode(Composite):
    """out = mean of each adaptive window: ∂L/∂x spreads grad / window size over it."""

    node_name = "AdaptiveAvgPool3DBackward0"


class AdaptiveMaxPool3dNode(Composite):
    """out = x at the indices of the adaptive windows' maxima."""

    node_name = "AdaptiveMaxPool3DBackward0"


@FC.conv_arguments("conv3d")
def conv3d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,  # noqa: A002
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    """3-D cross-correlation of (N, C_in, D, H, W) with weight (C_out, C_in/groups, kd, kh, kw):
    out = b + Σ_k conv2d(x[:, :, k·d_D + s_D·i], w[:, :, k])  (``ConvolutionBackward0``)."""
    FC.check_bias_type(input, bias)
    x, unbatched = _batched5(input, "conv3d")
    if weight.dim() != 5:
        FC.refuse_weight_dims(x, weight, stride, 3, padding)
    checked_dilation = FC.check_convolution(x, weight, bias, stride, padding, dilation, groups,
                                            3)[2]
    FC.check_conv_kernel(x, checked_dilation, 3)
    run = partial(_conv3d_slices, stride=stride, padding=padding, dilation=dilation,
                  groups=groups)
    out = ConvolutionNode.apply(run, x, weight, bias)
    return out.squeeze(0) if unbatched else out


def _conv3d_slices(x: Tensor, weight: Tensor, bias: Tensor | None, stride: Any, padding: Any,
                   dilation: Any, groups: int) -> Tensor:
    """conv3d as 2-D convolutions over depth slices, summed."""
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
    return out


def _pool3d_geometry(x: Tensor, kernel_size: Any, stride: Any, padding: Any, dilation: Any,
                     ceil_mode: bool, input_covers_kernel: bool = False) -> tuple:
    """A 3-D pool's window, its output sizes and the padding its last windows need past
    the input, with PyTorch's checks (``input_covers_kernel``: avg_pool3d's, that the input
    itself, without its padding, is at least the kernel's size)."""
    kernel = FC.tuple_of(kernel_size, 3)
    stride = kernel if FC.stride_omitted(stride) else FC.tuple_of(stride, 3)
    pads, dilation = FC.tuple_of(padding, 3), FC.tuple_of(dilation, 3)
    sizes = FC.pool_output_sizes(x, kernel, stride, pads, dilation, ceil_mode)
    if input_covers_kernel and any(n < k for n, k in zip(x.shape[2:], kernel)):
        (t, h, w), (kt, kh, kw) = x.shape[2:], kernel
        raise RuntimeError(f"input image (T: {t} H: {h} W: {w}) smaller than kernel size "
                           f"(kT: {kt} kH: {kh} kW: {kw})")
    extra = [max(0, (out - 1) * s + d * (k - 1) + 1 - (n + 2 * p))
             for n, k, s, p, d, out in zip(x.shape[2:], kernel, stride, pads, dilation, sizes)]
    if min(sizes) < 1:
        c, d_, h, w = x.shape[1:]
        raise RuntimeError(f"Given input size: ({c}x{d_}x{h}x{w}). Calculated output size: "
                           f"({c}x{sizes[0]}x{sizes[1]}x{sizes[2]}). Output size is too small")
    return kernel, stride, pads, dilation, sizes, extra


def _padded3(x: Tensor, pads: tuple, extra: list, value: float) -> Tensor:
    widths = [w for p, e in zip(reversed(pads), reversed(extra)) for w in (p, p + e)]
    return FC.pad(x, widths, value=value) if any(widths) else x


@tensor_input("max_pool3d")
def max_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """The largest value of each 3-D window (``MaxPool3DWithIndicesBackward0``); with
    ``return_indices``, also where it was (d·H·W + h·W + w)."""
    check_window_sizes("max_pool3d", 3, kernel_size, stride, padding, dilation)
    x, unbatched = _pool_batched5(input, "max_pool3d_with_indices_out_cpu_template()")
    kernel, stride, pads, dilation, sizes, extra = _pool3d_geometry(
        x, kernel_size, stride, padding, dilation, ceil_mode)
    if input.dtype == dtypes.bool_:
        raise kernel_error("max_pool3d", input.dtype)
    indices = _window_argmax(x, kernel, stride, pads, dilation, sizes)
    return picked_at(MaxPool3dNode, input, indices, unbatched, return_indices)


def _window_argmax(x: Tensor, kernel: tuple, stride: tuple, pads: tuple, dilation: tuple,
                   sizes: list) -> Tensor:
    """Where each window's largest value is, as d·H·W + h·W + w in the unpadded input (the
    first one on ties; a NaN counts as the largest, as in PyTorch)."""
    xp, data = x._xp, x._data
    widths = [(p, max(p, (o - 1) * s + d * (k - 1) + 1 - (n + p)))
              for n, k, s, p, d, o in zip(data.shape[2:], kernel, stride, pads, dilation, sizes)]

    def windows(values: Any, fill: Any) -> Any:  # (N, C, D_out, H_out, W_out, window)
        padded = xp.ascontiguousarray(xp.pad(values, ((0, 0), (0, 0), *widths),
                                             constant_values=fill))
        st = padded.strides
        view = xp.lib.stride_tricks.as_strided(
            padded, (*padded.shape[:2], *sizes, *kernel),
            (*st[:2], *(st[2 + i] * stride[i] for i in range(3)),
             *(st[2 + i] * dilation[i] for i in range(3))))
        return view.reshape(*view.shape[:5], kernel[0] * kernel[1] * kernel[2])

    real = windows(xp.ones(data.shape, bool), False)
    best = xp.unravel_index(real_argmax(xp, windows(data, lowest(xp, data.dtype)), real), kernel)
    where = [(xp.arange(o) * s - p).reshape([-1 if j == i else 1 for j in range(3)]) + b * d
             for i, (o, s, p, b, d) in enumerate(zip(sizes, stride, pads, best, dilation))]
    h, w = data.shape[3:]
    return Tensor._make(((where[0] * h + where[1]) * w + where[2]).astype(xp.int64))


def batch_of_one(run: Any, unbatched: bool) -> Any:
    """``run`` for an unbatched input too: given a batch dimension of 1 inside (so the node
    is the pool's own, as PyTorch's kernels take unbatched inputs, not a squeeze after it)."""
    if not unbatched:
        return run
    return lambda x: run(x.unsqueeze(0)).squeeze(0)


def picked_at(node: type[Composite], input: Tensor, indices: Tensor, unbatched: bool,  # noqa: A002
              return_indices: bool) -> Any:
    """input's values at ``indices`` (found on its batched form, over its spatial
    dimensions flattened), as one ``node``."""
    def run(x: Tensor) -> Tensor:
        return x.flatten(2).gather(2, indices.flatten(2)).view(tuple(indices.shape))

    out = node.apply(batch_of_one(run, unbatched), input)
    if not return_indices:
        return out
    return out, (indices.squeeze(0) if unbatched else indices)


def _window_sums(x: Tensor, kernel: tuple, stride: tuple, depth: int) -> Tensor:
    """Each 3-D window's sum as PyTorch's kernel adds it: from 0, element after element in
    (depth, row, column) order. Its gradient then reaches x offset after offset, the last
    first: the first windows' order, in which PyTorch's backward adds them."""
    sizes = [depth] + [(n - k) // s + 1 for n, k, s in zip(x.shape[3:], kernel[1:], stride[1:])]
    total = x.new_zeros(*x.shape[:2], *sizes)
    for a in range(kernel[0]):
        for b in range(kernel[1]):
            for c in range(kernel[2]):
                total = total + x[:, :, a:a + stride[0] * (sizes[0] - 1) + 1:stride[0],
                                  b:b + stride[1] * (sizes[1] - 1) + 1:stride[1],
                                  c:c + stride[2] * (sizes[2] - 1) + 1:stride[2]]
    return total


@tensor_input("avg_pool3d")
def avg_pool3d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:
    """The mean of each 3-D window: its sum divided by the values it covers (the padding
    counted or not), or by ``divisor_override`` (``AvgPool3DBackward0``)."""
    divisor_override = divisor_override_int("avg_pool3d", divisor_override)
    check_window_sizes("avg_pool3d", 3, kernel_size, stride, padding)
    x, unbatched = _pool_batched5(input, "avg_pool3d()")
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    kernel, stride, pads, _, sizes, extra = _pool3d_geometry(
        x, kernel_size, stride, padding, 1, ceil_mode, input_covers_kernel=True)
    if input.dtype not in (dtypes.float32, dtypes.float64, dtypes.int64):
        raise kernel_error("avg_pool3d_out_frame", input.dtype)
    if input.dtype == dtypes.int64:  # PyTorch's integer kernel: each mean truncated
        return avg_pool3d(input.double(), kernel_size, stride, padding, ceil_mode,
                          count_include_pad, divisor_override).trunc().long()

    def run(x: Tensor) -> Tensor:
        sums = _window_sums(_padded3(x, pads, extra, 0.0), kernel, stride, sizes[0])
        if divisor_override is not None:
            return sums / divisor_override
        ones = x.detach().new_ones(1, 1, *x.shape[2:])
        if count_include_pad:
            ones = _padded3(ones, pads, [0, 0, 0], 1.0)
            counted = _padded3(ones, (0, 0, 0), extra, 0.0)
        else:
            counted = _padded3(ones, pads, extra, 0.0)
        return sums / _window_sums(counted, kernel, stride, sizes[0])

    return AvgPool3dNode.apply(batch_of_one(run, unbatched), input)


def _ranges(n: int, out: int) -> list[tuple[int, int]]:
    """Adaptive window i covers [⌊i·n/out⌋, ⌈(i+1)·n/out⌉)."""
    return [((i * n) // out, -(-((i + 1) * n) // out)) for i in range(out)]


@size_read_first
def adaptive_avg_pool3d(input: Tensor, output_size: Any) -> Tensor:  # noqa: A002
    """Means over windows sized so the output is ``output_size`` (depth, height, width)
    (``AdaptiveAvgPool3DBackward0``; a mean over the last three dimensions for size 1)."""
    size = adaptive_sizes("adaptive_avg_pool3d", output_size, input)
    if size == (1, 1, 1):
        return input.mean((-3, -2, -1), keepdim=True)
    check_adaptive_input("adaptive_avg_pool3d", input, size)
    x, unbatched = _batched5(input, "adaptive_avg_pool3d")
    require_kernel_dtype("adaptive_avg_pool3d_cpu", input)

    def run(x: Tensor) -> Tensor:  # (PyTorch's kernel: each window summed, then divided)
        return pooling.AdaptiveAvgPool3d.apply(x, size)

    return AdaptiveAvgPool3dNode.apply(batch_of_one(run, unbatched), input)


@size_read_first
def adaptive_max_pool3d(input: Tensor, output_size: Any,  # noqa: A002
                        return_indices: bool = False) -> Any:
    """Maxima over windows sized so the output is ``output_size``
    (``AdaptiveMaxPool3DBackward0``); with ``return_indices``, also where they were."""
    size = adaptive_sizes("adaptive_max_pool3d", output_size, input)
    check_adaptive_input("adaptive_max_pool3d", input, size)
    x, unbatched = _batched5(input, "adaptive_max_pool3d")
    require_kernel_dtype("adaptive_max_pool3d_cpu", input)
    xp, data = x._xp, x._data
    d, h, w = data.shape[2:]
    indices = xp.empty((*data.shape[:2], *size), dtype=xp.int64)
    for i, (d0, d1) in enumerate(_ranges(d, size[0])):
        for j, (h0, h1) in enumerate(_ranges(h, size[1])):
            for k, (w0, w1) in enumerate(_ranges(w, size[2])):
                window = data[:, :, d0:d1, h0:h1, w0:w1].reshape(
                    *data.shape[:2], (d1 - d0) * (h1 - h0) * (w1 - w0))
                best = nan_last(xp, window, window.argmax(-1))
                bd, bh, bw = xp.unravel_index(best, (d1 - d0, h1 - h0, w1 - w0))
                indices[:, :, i, j, k] = ((d0 + bd) * h + h0 + bh) * w + w0 + bw
    return picked_at(AdaptiveMaxPool3dNode, input, Tensor._make(indices), unbatched,
                     return_indices)


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
        # (all its arguments go by position: PyTorch's errors name each one's)
        check_pool_arguments("avg_pool3d", self.kernel_size, self.stride, self.padding)
        divisor_override_int("avg_pool3d", self.divisor_override, position=7)
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
