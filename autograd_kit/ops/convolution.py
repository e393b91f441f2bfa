"""Convolution (``F.conv1d``, ``F.conv2d``) as one recorded operation, ``ConvolutionBackward0``.

The forward pass is *im2col* without a copy: a strided view of the padded input shows, for
every output position, the patch the kernel sees, shape (N, C, oh, ow, kh, kw); one
``tensordot`` of that view with the weight gives every output at once. A 1-D convolution is
a 2-D one on an input of height 1.

Its backward rule is an operation of its own (``ConvolutionBackwardBackward0`` under
``create_graph``), as in PyTorch; the convolution is linear in x and in w separately, so the
rule's own derivatives are convolutions and convolution gradients again.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor
from .preserved_layout import channels_last_if_suggested, row_major

# options = (stride, padding, dilation, groups, nd[, output_padding]): per spatial dimension
# (height, width), padding as (low, high) pairs; nd = 1 or 2 (1-D inputs are shown height 1);
# an output_padding makes it a transposed convolution (F.conv_transpose1d/2d), whose forward
# is the plain convolution's input gradient and whose input gradient is the plain convolution


def shown(read: Any) -> Any:
    """A convolution option as PyTorch's node shows it, per spatial dimension of the
    convolution as called (``read(options)`` gives the kit's 2-D form of it)."""
    return lambda node: tuple(int(n) for n in read(node.options))[-node.options[4]:]


def as_2d(array: Any, nd: int) -> Any:
    """A 1-D convolution's (N, C, L) array as (N, C, 1, L); float32 and float16 values are
    summed in float64 (then rounded once), which agrees with PyTorch's float32 results to
    the last printed digit more often than float32 sums in another order would."""
    if array.dtype.kind == "f" and array.dtype.itemsize < 8:
        array = array.astype("float64")
    return array[:, :, None, :] if nd == 1 else array


def from_2d(array: Any, nd: int) -> Any:
    return array[:, :, 0, :] if nd == 1 else array


def _from_2d_vector(array: Any, nd: int) -> Any:
    """`from_2d`, except for a bias's gradient (1-D already)."""
    return array if array.ndim == 1 else from_2d(array, nd)


def output_size(size: tuple[int, ...], kernel: tuple[int, ...], options: tuple) -> tuple:
    stride, padding, dilation = options[:3]
    return tuple((n + lo + hi - d * (k - 1) - 1) // s + 1
                 for n, k, s, (lo, hi), d in zip(size, kernel, stride, padding, dilation))


def patches(xp: Any, x: Any, kernel: tuple[int, int], options: tuple) -> Any:
    """The padded input's patches as a view of shape (N, C, oh, ow, kh, kw)."""
    stride, padding, dilation = options[:3]
    x = xp.pad(x, ((0, 0), (0, 0), *padding)) if any(map(any, padding)) else x
    x = xp.ascontiguousarray(x)
    oh, ow = output_size(x.shape[2:], kernel, (stride, ((0, 0), (0, 0)), dilation))
    s = x.strides
    shape = (*x.shape[:2], oh, ow, *kernel)
    strides = (s[0], s[1], s[2] * stride[0], s[3] * stride[1], s[2] * dilation[0],
               s[3] * dilation[1])
    return xp.lib.stride_tricks.as_strided(x, shape, strides)


def conv_arrays(xp: Any, x: Any, w: Any, options: tuple) -> Any:
    """out[n, o, i, j] = Σ_{c, k, l} x_padded[n, c, i·s + k·d, j·s + l·d] · w[o, c, k, l]"""
    groups = options[3]
    cols = patches(xp, x, w.shape[2:], options)
    cg, og = x.shape[1] // groups, w.shape[0] // groups
    outs = [xp.tensordot(cols[:, g * cg:(g + 1) * cg], w[g * og:(g + 1) * og],
                         axes=([1, 4, 5], [1, 2, 3])) for g in range(groups)]
    out = outs[0] if groups == 1 else xp.concatenate(outs, axis=3)
    return xp.ascontiguousarray(out.transpose(0, 3, 1, 2))


def input_gradient(xp: Any, grad: Any, w: Any, x_shape: tuple, options: tuple) -> Any:
    """∂L/∂x: each output's gradient, times the kernel, added back onto the patch it saw."""
    stride, padding, dilation, groups = options[:4]
    n, c, h, wd = x_shape
    (lo_h, hi_h), (lo_w, hi_w) = padding
    padded = xp.zeros((n, c, h + lo_h + hi_h, wd + lo_w + hi_w), dtype=grad.dtype)
    oh, ow = grad.shape[2:]
    cg, og = c // groups, w.shape[0] // groups
    for g in range(groups):
        # (N, oh, ow, C/g, kh, kw): what each output sends to each place of its patch
        spread = xp.tensordot(grad[:, g * og:(g + 1) * og], w[g * og:(g + 1) * og],
                              axes=([1], [0])).transpose(0, 3, 1, 2, 4, 5)
        for k in range(w.shape[2]):
            for q in range(w.shape[3]):
                rows = slice(k * dilation[0], k * dilation[0] + stride[0] * (oh - 1) + 1,
                             stride[0])
                cols = slice(q * dilation[1], q * dilation[1] + stride[1] * (ow - 1) + 1,
                             stride[1])
                padded[:, g * cg:(g + 1) * cg, rows, cols] += spread[..., k, q]
    if padded.shape[2:] == (h, wd):  # (no padding: padded is the gradient itself)
        return padded
    # (a copy: a new gradient starts its storage, as PyTorch's does, even where the cut
    # away padding left the inside contiguous)
    return padded[:, :, lo_h:lo_h + h, lo_w:lo_w + wd].copy()


def weight_gradient(xp: Any, x: Any, grad: Any, kernel: tuple, options: tuple) -> Any:
    """∂L/∂w[o, c, k, l] = Σ_{n, i, j} grad[n, o, i, j] · patch[n, c, i, j, k, l]"""
    groups = options[3]
    # (a transposed convolution's output_padding may leave room for more patches than grad
    # has places: the extra ones saw no input)
    cols = patches(xp, x, kernel, options)[:, :, :grad.shape[2], :grad.shape[3]]
    cg, og = x.shape[1] // groups, grad.shape[1] // groups
    parts = [xp.tensordot(grad[:, g * og:(g + 1) * og], cols[:, g * cg:(g + 1) * cg],
                          axes=([0, 2, 3], [0, 2, 3])) for g in range(groups)]
    return parts[0] if groups == 1 else xp.concatenate(parts, axis=0)


def transposed(options: tuple) -> bool:
    return len(options) > 5


def forward_arrays(xp: Any, x: Any, w: Any, options: tuple) -> Any:
    """The convolution (or, with an output_padding, the transposed convolution) of x by w."""
    if not transposed(options):
        return conv_arrays(xp, x, w, options)
    stride, padding, dilation, groups, _, extra = options
    sizes = tuple((n - 1) * s - lo - hi + d * (k - 1) + e + 1 for n, s, (lo, hi), d, k, e
                  in zip(x.shape[2:], stride, padding, dilation, w.shape[2:], extra))
    # (the padded rows cut away: copied out, so the result is contiguous, as PyTorch's is)
    return xp.ascontiguousarray(
        input_gradient(xp, x, w, (x.shape[0], w.shape[1] * groups, *sizes), options))


def gradient_arrays(xp: Any, grad: Any, x: Any, w: Any, options: tuple,
                    wanted: tuple[bool, bool, bool]) -> list[Any]:
    """The wanted ones of (∂L/∂x, ∂L/∂w, ∂L/∂b) for output gradient ``grad``."""
    out = []
    flip = transposed(options)
    if wanted[0]:
        out.append(conv_arrays(xp, grad, w, options)[:, :, :x.shape[2], :x.shape[3]] if flip
                   else input_gradient(xp, grad, w, x.shape, options))
    if wanted[1]:
        out.append(weight_gradient(xp, grad, x, w.shape[2:], options) if flip
                   else weight_gradient(xp, x, grad, w.shape[2:], options))
    if wanted[2]:
        out.append(grad.sum(axis=(0, 2, 3)))
    return out


class Convolution(Function):
    """out[n, o] = b[o] + Σ_c x[n, c] ⋆ w[o, c]   (⋆: cross-correlation with stride, padding,
    dilation; with groups, output channel o sees only its group's input channels)

    ∂L/∂x = the output gradient spread back through the kernel (a transposed convolution),
    ∂L/∂w[o, c] = Σ_n x[n, c] ⋆ grad[n, o],   ∂L/∂b[o] = Σ_{n, i, j} grad[n, o, i, j]

    A missing bias is passed as 0, so the node has PyTorch's three edges (input, weight, bias).
    """

    node_name = "ConvolutionBackward0"
    numbers_are_inputs = True  # the 0 standing in for a missing bias gets its (None, 0) edge
    saved_tensor_names = ("input", "weight")
    saved_options = {
        "bias_sym_sizes_opt": "bias_sizes", "dilation": shown(lambda o: o[2]),
        "groups": lambda node: node.options[3],
        "output_padding": shown(lambda o: o[5] if len(o) > 5 else (0, 0)),
        "padding": shown(lambda o: [low for low, _ in o[1]]), "stride": shown(lambda o: o[0]),
        "transposed": lambda node: transposed(node.options)}

    @staticmethod
    def forward(ctx: Any, x: Tensor, w: Tensor, bias: Any, options: tuple) -> Any:
        xp, nd = x._xp, options[4]
        out = forward_arrays(xp, as_2d(x._data, nd), as_2d(w._data, nd), options)
        if isinstance(bias, Tensor):
            out += bias._data.reshape(1, -1, 1, 1)
        ctx.save_for_backward(x, w)
        ctx.options = options
        ctx.bias_sizes = tuple(bias.shape) if isinstance(bias, Tensor) else (0,)
        # (channels-last as PyTorch's CPU kernels when the input or the weight suggests it)
        layouts = (x._data, w._data)
        # (row-major with PyTorch's strides at size-1 dimensions too: (2, 1, 1) for a
        # (1, 2, 1) result, where NumPy's slicing left (2, 1, 2))
        out = row_major(xp, from_2d(out, nd).astype(x._data.dtype, copy=False))
        return channels_last_if_suggested(xp, out, *layouts)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, w = ctx.saved_tensors
        wanted = tuple(ctx.needs_input_grad[:3])
        if not any(wanted):
            return None, None, None, None
        parts = ConvolutionBackward.apply(grad, x, w, ctx.options, wanted)
        return (*(part if need else None for part, need in zip(parts, wanted)), None)


class ConvolutionBackward(Function):
    """(gx, gw, gb) = Convolution's rule for (grad, x, w); only the ``wanted`` ones are made
    (the others are empty stand-ins: the node has PyTorch's three outputs, so that gb is
    always its output 2).

    gx is linear in (grad, w), gw in (x, grad), gb = Σ grad, so with upstream (ggx, ggw, ggb):
    ∂/∂grad = conv(ggx, w) + conv(x, ggw) + ggb,   ∂/∂x = gx-rule of (grad, ggw),
    ∂/∂w = gw-rule of (ggx, grad).
    """

    node_name = "ConvolutionBackwardBackward0"

    @staticmethod
    def forward(ctx: Any, grad: Tensor, x: Tensor, w: Tensor, options: tuple,
                wanted: tuple[bool, bool, bool], second_order: bool = False) -> Any:
        xp, nd = grad._xp, options[4]
        g2, x2, w2 = as_2d(grad._data, nd), as_2d(x._data, nd), as_2d(w._data, nd)
        made = iter(gradient_arrays(xp, g2, x2, w2, options, wanted))
        ctx.save_for_backward(grad, x, w)
        ctx.options, ctx.wanted = options, wanted
        ctx.set_materialize_grads(False)  # (an unused output sends None: no term from it)
        dtype = grad._data.dtype
        out = [row_major(xp, _from_2d_vector(next(made), nd).astype(dtype, copy=False))
               if want else xp.empty((0,), dtype) for want in wanted]
        # (channels-last as PyTorch's backend lays gx and gw out when its input or weight
        # suggests it: x and w, or, for the double backward's gx = convᵀ(grad, ggw), grad
        # and ggw)
        suggesting = (grad._data, w._data) if second_order else (x._data, w._data)
        for i in (0, 1)[:1 if second_order else 2]:
            if wanted[i]:
                out[i] = channels_last_if_suggested(xp, out[i], *suggesting)
        if second_order and wanted[1]:  # (a transposed convolution's equivalent convolution
            # takes grad as its input and gives x's size)
            n, out_size = (g2.shape[2:], x2.shape[2:]) if transposed(options) else \
                (x2.shape[2:], g2.shape[2:])
            out[1] = second_order_weight_layout(xp, out[1], n, out_size, options)
        return tuple(out)

    @staticmethod
    def backward(ctx: Any, *ggs: Tensor | None) -> tuple[Any, ...]:
        grad, x, w = ctx.saved_tensors
        options = ctx.options
        ggx, ggw, ggb = (gg if want else None for gg, want in zip(ggs, ctx.wanted))
        need_grad, need_x, need_w = ctx.needs_input_grad[:3]
        d_grad = d_x = d_w = None
        if need_grad:
            terms = []
            if ggx is not None:
                terms.append(Convolution.apply(ggx, w, 0, options))
            if ggw is not None:
                terms.append(Convolution.apply(x, ggw, 0, options))
            if ggb is not None:
                shape = (1, -1) + (1,) * options[4]
                terms.append(ggb.reshape(shape).expand_as(grad))
            for term in terms:
                d_grad = term if d_grad is None else d_grad + term
        if need_x and ggw is not None:
            d_x = ConvolutionBackward.apply(grad, x, ggw, options, (True, False, False), True)[0]
        if need_w and ggx is not None:
            d_w = _weight_second_order(grad, ggx, w, options)
        return d_grad, d_x, d_w, None, None, None


def _weight_second_order(grad: Tensor, ggx: Tensor, w: Tensor, options: tuple) -> Tensor:
    """∂/∂w of the backward, as PyTorch's ``_convolution_double_backward`` records it: a
    convolution of ggxᵀ by gradᵀ (batch and channels swapped, stride and dilation swapped),
    of shape (C, O, K…) with K ≥ k, transposed back and narrowed to the kernel (a view:
    ``TransposeBackward0``, or ``SliceBackward0`` where narrowed). With groups (per-group
    convolutions there), the kit's own rule, laid out as PyTorch's result."""
    stride, padding, dilation, groups, nd = options[:5]
    if groups != 1 or transposed(options):
        return ConvolutionBackward.apply(grad, ggx, w, options, (False, True, False), True)[1]
    swapped = (dilation, padding, stride, 1, nd)
    gw = Convolution.apply(ggx.transpose(0, 1), grad.transpose(0, 1), 0, swapped)
    gw = gw.transpose(0, 1)
    for dim, k in enumerate(w.shape[2:], start=2):
        if gw.shape[dim] > k:
            gw = gw.narrow(dim, 0, k)
    return gw


def second_order_weight_layout(xp: Any, gw: Any, size: tuple[int, int], out_size: tuple[int, int],
                               options: tuple) -> Any:
    """The weight's second-order gradient gw (O, C/g, k…) laid out as PyTorch's
    ``_convolution_double_backward`` leaves it: there gw = conv(ggxᵀ, gradᵀ) (batch and
    channels swapped, stride and dilation swapped), contiguous of shape (C/g, O, K…) with
    K = (n + pads - stride · (out - 1) - 1) // dilation + 1 ≥ k per spatial dimension, then
    transposed to (O, C/g, K…) and narrowed to the kernel k. (For a transposed convolution,
    the sizes given are grad's as n and x's as out: its equivalent convolution's.)"""
    stride, padding, dilation, nd = options[0], options[1], options[2], options[4]
    room = tuple((n + lo + hi - s * (o - 1) - 1) // d + 1 for n, o, s, (lo, hi), d
                 in zip(size, out_size, stride, padding, dilation))[-nd:]
    kernel = gw.shape[2:]
    if any(r < k for r, k in zip(room, kernel)):  # (not PyTorch's case: keep it as it is)
        return gw
    whole = xp.empty((gw.shape[1], gw.shape[0], *room), dtype=gw.dtype)
    laid = whole.swapaxes(0, 1)[(slice(None), slice(None), *(slice(0, k) for k in kernel))]
    laid[...] = gw
    return laid
