"""``F.conv1d``, ``F.conv2d``, the 2-D pools and ``F.pad`` (part of ``nn.functional``).

The rules are in ``ops/convolution.py`` and ``ops/pooling.py``; this file adds PyTorch's
argument handling: ints or tuples, ``padding='same' | 'valid'``, unbatched inputs, and the
shape checks with PyTorch's messages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .. import dtypes
from ..grad_mode import no_grad
from ..ops import pooling
from ..ops.convolution import Convolution
from ..ops.operands import (
    INTEGERS,
    check_argument_devices,
    kernel_error,
    on_other_devices,
    require_kernel_dtype,
)
from ..ops.preserved_layout import suggests_channels_last
from ..tensor import Tensor
from .adaptive_checks import adaptive_sizes, check_adaptive_input
from .arguments import (
    check_conv_arguments,
    cpp_type,
    require_tensor,
    size_read_first,
    tensor_input,
)
from .composite import composite_named
from .functional_arguments import (
    check_ints,
    check_pool_arguments,
    divisor_override_int,
    real,
    text,
)
from .functional_pad import pad_other
from .pool_window_sizes import check_window_sizes


def stride_omitted(stride: Any) -> bool:
    """A pool's stride left out (None, [] or (): PyTorch then strides by the kernel size)."""
    return stride is None or stride == [] or stride == ()


def tuple_of(value: Any, n: int) -> tuple[int, ...]:
    """``3`` → ``(3, 3)``; a tuple or list stays (as a tuple)."""
    if isinstance(value, (tuple, list)):
        return tuple(value) if len(value) != 1 or n == 1 else tuple(value) * n
    return (value,) * n


def _size_text(shape: Any) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


def _conv_padding(padding: Any, kernel: tuple, stride: tuple, dilation: tuple,
                  nd: int) -> tuple[tuple[int, int], ...]:
    """(low, high) per spatial dimension, for a number, a tuple, 'valid' or 'same'."""
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * nd
        if padding != "same":
            raise RuntimeError(f"Invalid padding string: '{padding}'")
        if any(s != 1 for s in stride):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
        totals = [d * (k - 1) for d, k in zip(dilation, kernel)]
        if any(t % 2 for t in totals):
            from ..scalar_warning import warn_once_with  # (PyTorch's TORCH_WARN_ONCE)

            warn_once_with("Using padding='same' with even kernel lengths and odd dilation may "
                           "require a zero-padded copy of the input be created", stacklevel=4,
                           source="aten/src/ATen/native/Convolution.cpp:1101")
        return tuple((t // 2, t - t // 2) for t in totals)
    pads = tuple_of(padding, nd)
    if any(p < 0 for p in pads):
        raise RuntimeError("negative padding is not supported")
    return tuple((p, p) for p in pads)


def check_bias_type(input: Tensor, bias: Tensor | None) -> None:  # noqa: A002
    """PyTorch's first check of a CPU convolution: the bias has the input's dtype."""
    if bias is not None and bias.dtype != input.dtype and input.device.type == "cpu":
        raise RuntimeError(f"Input type ({cpp_type(input)}) and bias type ({cpp_type(bias)}) "
                           "should be the same")


def check_weight_type(input: Tensor, weight: Tensor) -> None:  # noqa: A002
    """The CPU kernel's error for a weight of another dtype than the input (after the shape
    checks)."""
    if weight.dtype != input.dtype and input.device.type == "cpu":
        raise RuntimeError(f"expected scalar type {dtypes.scalar_type_word(input.dtype.name)} "
                           f"but found {dtypes.scalar_type_word(weight.dtype.name)}")


def _check_conv_devices(input: Tensor, weight: Tensor, bias: Tensor | None,  # noqa: A002
                        nd: int) -> None:
    """PyTorch's errors for a convolution over two devices: a GPU input checks the weight's
    and bias's types (cuDNN); a CPU input runs the slow kernel, which names the argument."""
    others = [("weight", weight)] + ([("bias", bias)] if bias is not None else [])
    if not any(on_other_devices(input, t) for _, t in others):
        return
    if input.device.type == "cuda":
        name, t = next((n, t) for n, t in others if on_other_devices(input, t))
        raise RuntimeError(f"Input type ({input.type()}) and {name} type ({t.type()}) should "
                           "be the same")
    method = "__slow_conv2d_forward" if nd < 3 else "_slow_conv3d_forward"
    check_argument_devices(method, self=input, weight=weight, bias=bias)


def refuse_weight_dims(input: Tensor, weight: Tensor, stride: Any, nd: int,  # noqa: A002
                       padding: Any = 0) -> None:
    """PyTorch's errors for a weight of another dimension than conv{nd}d's: the convolution
    takes its dimensions from the weight, so the stride (one value per dimension, or one for
    all) or else the input does not match it. (Its path for padding='same' checks only the
    input, and shows the weight's size with no space before it.)"""
    k = weight.dim()
    if k < 3:
        raise RuntimeError("weight should have at least three dimensions")
    strides = list(tuple_of(stride, nd))
    if isinstance(padding, str) and padding == "same":
        raise RuntimeError(f"Expected {k}-dimensional input for {k}-dimensional weight"
                           f"{_size_text(weight.shape)}, but got {input.dim()}-dimensional "
                           f"input of size {_size_text(input.shape)} instead")
    if len(strides) != 1:
        raise RuntimeError(f"expected stride to be a single integer value or a list of {k - 2} "
                           "values to match the convolution dimensions, but got "
                           f"stride={strides}")
    raise RuntimeError(f"Expected {k}-dimensional input for {k}-dimensional weight "
                       f"{_size_text(weight.shape)}, but got {input.dim()}-dimensional input of "
                       f"size {_size_text(input.shape)} instead")


def check_param_lengths(nd: int, **params: Any) -> None:
    """PyTorch's check that each of a convolution's tuple arguments has 1 or nd values."""
    for name, value in params.items():
        if isinstance(value, (tuple, list)) and len(value) not in (1, nd):
            raise RuntimeError(
                f"expected {name} to be a single integer value or a list of {nd} values to "
                f"match the convolution dimensions, but got {name}={list(value)}")


def dilation_error(dilation: list[int], transposed: bool) -> RuntimeError:
    """PyTorch's refusal of a dilation: a negative one is refused before its sizes are
    read (no values shown); a zero one by the kernel, which shows them."""
    message = "dilation should be greater than zero"
    if min(dilation) < 0:
        return RuntimeError(message)
    if transposed:
        names = ("depth", "height", "width")[-len(dilation):]
        shown = ", ".join(f"dilation_{n}: {d}" for n, d in zip(names, dilation))
    else:
        shown = str(dilation)
    return RuntimeError(f"{message}, but got {shown}")


def check_convolution(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any,  # noqa: A002
                      padding: Any, dilation: Any, groups: int,
                      nd: int) -> tuple[tuple[Any, ...], ...]:
    """PyTorch's checks of a (batched) convolution's stride, dilation, groups, padding,
    channels and bias, in its order, with its messages (a 1-D one's dilation shown as 2-D,
    height 1); the (stride, padding, dilation) tuples, padding as (before, after) pairs."""
    check_param_lengths(nd, stride=stride, padding=padding, dilation=dilation)
    stride, dilation = tuple_of(stride, nd), tuple_of(dilation, nd)
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(d <= 0 for d in dilation):
        raise dilation_error([1, *dilation] if nd == 1 else list(dilation), False)
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    pads = _conv_padding(padding, tuple(weight.shape[2:]), stride, dilation, nd)
    out_channels, per_group = weight.shape[0], weight.shape[1]
    if out_channels < groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be at least {groups} at dimension 0, "
            f"but got weight of size {_size_text(weight.shape)} instead")
    if out_channels % groups:  # (PyTorch's message has the size in two pairs of brackets)
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension "
            f"0, but got weight of size [{_size_text(weight.shape)}] instead")
    if input.shape[1] != per_group * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {_size_text(weight.shape)}, expected "
            f"input{_size_text(input.shape)} to have {per_group * groups} channels, but got "
            f"{input.shape[1]} channels instead")
    if bias is not None and (bias.dim() != 1 or bias.shape[0] != out_channels):
        raise RuntimeError(
            f"Given weight of size {_size_text(weight.shape)}, expected bias to be "
            f"1-dimensional with {out_channels} elements, but got bias of size "
            f"{_size_text(bias.shape)} instead")
    return stride, pads, dilation


def _conv(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any, padding: Any,  # noqa: A002
          dilation: Any, groups: int, nd: int) -> Tensor:
    if not isinstance(padding, str):  # (PyTorch's path for 'same'/'valid' skips this check)
        check_bias_type(input, bias)
    if input.dim() == nd + 1:  # unbatched: (C, *size)
        return _conv(input.unsqueeze(0), weight, bias, stride, padding, dilation, groups,
                     nd).squeeze(0)
    if input.dim() != nd + 2:
        raise RuntimeError(
            f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to conv{nd}d, but "
            f"got input of size: {_size_text(input.shape)}")
    if weight.dim() != nd + 2:
        refuse_weight_dims(input, weight, stride, nd, padding)
    _check_conv_devices(input, weight, bias, nd)
    stride, pads, dilation = check_convolution(input, weight, bias, stride, padding, dilation,
                                               groups, nd)
    kernel = tuple(weight.shape[2:])
    if any(lo != hi for lo, hi in pads):  # 'same' with an odd total: one more on the right,
        extra = []  # added by a padding operation first, as PyTorch does
        for lo, hi in reversed(pads):
            extra += [0, hi - lo]
        input = pad(input, tuple(extra))  # noqa: A001
        pads = tuple((lo, lo) for lo, _ in pads)
    padded = [n + lo + hi for n, (lo, hi) in zip(input.shape[2:], pads)]
    effective = [d * (k - 1) + 1 for d, k in zip(dilation, kernel)]
    if any(p < e for p, e in zip(padded, effective)):
        raise RuntimeError(
            "Calculated padded input size per channel: (" + " x ".join(map(str, padded))
            + "). Kernel size: (" + " x ".join(map(str, effective)) + "). Kernel size can't "
            "be greater than actual input size")
    check_weight_type(input, weight)
    check_conv_kernel(input, dilation, nd)
    if nd == 1:
        stride, dilation, pads = (1, *stride), (1, *dilation), ((0, 0), *pads)
    options = (stride, pads, dilation, groups, nd)
    return Convolution.apply(input, weight, 0 if bias is None else bias, options)


def check_conv_kernel(input: Tensor, dilation: tuple[int, ...], nd: int,  # noqa: A002
                      transposed: bool = False) -> None:
    """PyTorch's CPU convolution kernels take every integer type but bool; dilated and
    transposed ones only int64 (``"slow_conv_dilated<>" not implemented for 'Int'``)."""
    if transposed:
        kernel, integers = f"slow_conv_transpose{max(nd, 2)}d_out_cpu", ("int64",)
    elif any(d != 1 for d in dilation):
        kernel, integers = "slow_conv_dilated<>", ("int64",)
    else:
        kernel, integers = ("compute_columns3d" if nd == 3 else "slow_conv2d_cpu"), INTEGERS
    require_kernel_dtype(kernel, input, *integers)


def conv_arguments(op: str) -> Callable[[Any], Any]:
    """Check a conv function's input is a tensor, with PyTorch's parser's message."""
    def wrap(function: Any) -> Any:
        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Tensor:
            check_conv_arguments(op, args, kwargs)
            return function(*args, **kwargs)
        return checked
    return wrap


@conv_arguments("conv1d")
def conv1d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,  # noqa: A002
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    """1-D cross-correlation of (N, C_in, L) with weight (C_out, C_in/groups, k)."""
    return _conv(input, weight, bias, stride, padding, dilation, groups, 1)


@conv_arguments("conv2d")
def conv2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,  # noqa: A002
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    """2-D cross-correlation of (N, C_in, H, W) with weight (C_out, C_in/groups, kh, kw)."""
    return _conv(input, weight, bias, stride, padding, dilation, groups, 2)


def check_transposed(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any,  # noqa: A002
                     padding: Any, output_padding: Any, groups: int, dilation: Any,
                     nd: int) -> tuple[tuple[int, ...], ...]:
    """PyTorch's checks of a transposed convolution's arguments, with its messages; the
    (stride, padding, output_padding, dilation) tuples (1-D ones shown as 2-D, height 1)."""
    name = f"conv_transpose{nd}d"
    if input.dim() != nd + 2 or weight.dim() != nd + 2:
        raise RuntimeError(
            f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to {name}, but "
            f"got input of size: {_size_text(input.shape)}")
    if isinstance(padding, str):
        raise TypeError(f"{name}(): argument 'padding' must be tuple of ints, not str")
    check_param_lengths(nd, stride=stride, padding=padding, dilation=dilation,
                        output_padding=output_padding)
    stride, dilation = tuple_of(stride, nd), tuple_of(dilation, nd)
    pads, extra = tuple_of(padding, nd), tuple_of(output_padding, nd)
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(d <= 0 for d in dilation):
        raise dilation_error([1, *dilation] if nd == 1 else list(dilation), True)
    if any(p < 0 for p in pads):
        raise RuntimeError("negative padding is not supported")
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    if nd == 1:
        stride, dilation, pads, extra = (1, *stride), (1, *dilation), (0, *pads), (0, *extra)
    if any(e >= s and e >= d for e, s, d in zip(extra, stride, dilation)):
        names = ("depth", "height", "width")[-len(extra):]
        texts = [f"{kind}_{n}: {v}" for kind, values in (
            ("output_padding", extra), ("stride", stride), ("dilation", dilation))
            for n, v in zip(names, values)]
        raise RuntimeError("output padding must be smaller than either stride or dilation, "
                           "but got " + " ".join(texts))
    if weight.shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension "
            f"0, but got weight of size [{_size_text(weight.shape)}] instead")
    if input.shape[1] != weight.shape[0]:
        raise RuntimeError(
            f"Given transposed=1, weight of size {_size_text(weight.shape)}, expected "
            f"input{_size_text(input.shape)} to have {weight.shape[0]} channels, but got "
            f"{input.shape[1]} channels instead")
    out_channels = weight.shape[1] * groups
    if bias is not None and (bias.dim() != 1 or bias.shape[0] != out_channels):
        raise RuntimeError(
            f"Given transposed=1, weight of size {_size_text(weight.shape)}, expected bias to "
            f"be 1-dimensional with {out_channels} elements, but got bias of size "
            f"{_size_text(bias.shape)} instead")
    return stride, pads, extra, dilation


def _conv_transpose(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any,  # noqa: A002
                    padding: Any, output_padding: Any, groups: int, dilation: Any,
                    nd: int) -> Tensor:
    if input.dim() == nd + 1:  # unbatched: (C, *size)
        return _conv_transpose(input.unsqueeze(0), weight, bias, stride, padding,
                               output_padding, groups, dilation, nd).squeeze(0)
    stride, pads, extra, dilation = check_transposed(input, weight, bias, stride, padding,
                                                     output_padding, groups, dilation, nd)
    check_weight_type(input, weight)
    check_conv_kernel(input, dilation, nd, transposed=True)
    options = (stride, tuple((p, p) for p in pads), dilation, groups, nd, extra)
    return Convolution.apply(input, weight, 0 if bias is None else bias, options)


@tensor_input("conv_transpose1d")
def conv_transpose1d(input: Tensor, weight: Tensor, bias: Tensor | None = None,  # noqa: A002
                     stride: Any = 1, padding: Any = 0, output_padding: Any = 0,
                     groups: int = 1, dilation: Any = 1) -> Tensor:
    """The transposed 1-D convolution (the gradient of conv1d with respect to its input) of
    (N, C_in, L) by weight (C_in, C_out/groups, k): L_out = (L - 1)·s - 2p + d(k - 1) + op + 1."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 1)


@tensor_input("conv_transpose2d")
def conv_transpose2d(input: Tensor, weight: Tensor, bias: Tensor | None = None,  # noqa: A002
                     stride: Any = 1, padding: Any = 0, output_padding: Any = 0,
                     groups: int = 1, dilation: Any = 1) -> Tensor:
    """The transposed 2-D convolution of (N, C_in, H, W) by weight (C_in, C_out/groups, kh, kw)."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 2)


# ---- pooling ----------------------------------------------------------------------------------

def _pool_input(input: Tensor, reads_planes: bool = False) -> None:  # noqa: A002
    """PyTorch's first check of a 2-D pool's input: max_pool2d wants 3 or 4 dimensions;
    avg_pool2d reads ``input.size(-3)`` (an IndexError below 3 dimensions, as a 2-D image
    (H, W) gives). The rest waits for the arguments' checks (`_pool_shape`)."""
    if reads_planes:
        input.size(-3)
    elif input.dim() not in (3, 4):
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")


def _pool_shape(input: Tensor) -> None:  # noqa: A002
    """PyTorch's pool2d_shape_check, after the padding, stride and kernel checks: no
    dimension but the batch may be empty."""
    shape = tuple(input.shape)
    if input.dim() not in (3, 4) or 0 in shape[1:] or (len(shape) == 3 and not shape[0]):
        raise RuntimeError("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size "
                           f"for input, but got:{_size_text(shape)}")


def _pool_options(input: Tensor, kernel_size: Any, stride: Any, padding: Any,  # noqa: A002
                  dilation: Any, ceil_mode: bool) -> tuple:
    kernel = tuple_of(kernel_size, 2)
    stride = kernel if stride_omitted(stride) else tuple_of(stride, 2)
    pads, dilation = tuple_of(padding, 2), tuple_of(dilation, 2)
    sizes = pool_output_sizes(input, kernel, stride, pads, dilation, ceil_mode)
    _pool_shape(input)
    if min(sizes) < 1:
        c, h, w = input.shape[-3:]
        raise RuntimeError(
            f"Given input size: ({c}x{h}x{w}). Calculated output size: "
            f"({c}x{sizes[0]}x{sizes[1]}). Output size is too small")
    return kernel, stride, pads, dilation, tuple(sizes)


def _given(options: tuple, stride: Any, ceil_mode: bool, **more: Any) -> dict[str, Any]:
    """A pool's arguments as PyTorch's node shows them: the stride empty when not given."""
    return {"kernel_size": options[0], "stride": () if stride_omitted(stride) else options[1],
            "padding": options[2], "dilation": options[3], "ceil_mode": ceil_mode, **more}


def pool_output_sizes(input: Tensor, kernel: tuple, stride: tuple, pads: tuple,  # noqa: A002
                      dilation: tuple, ceil_mode: bool) -> list[int]:
    """A pool's output size along each spatial dimension, n + 2p - d(k - 1) - 1 over s, plus 1
    (rounded up with ``ceil_mode``, without a last window starting in the padding), with
    PyTorch's checks in its order: per dimension the stride not zero and the padding at least
    0 and at most half the effective kernel, then the kernel, stride and dilation above 0."""
    sizes = []
    for n, k, s, p, d in zip(input.shape[-len(kernel):], kernel, stride, pads, dilation):
        if s == 0:
            raise RuntimeError("stride should not be zero")
        if p < 0:
            raise RuntimeError(f"pad must be non-negative, but got pad: {p}")
        if p > int((d * (k - 1) + 1) / 2):  # (C's division, toward zero)
            raise RuntimeError(
                "pad should be at most half of effective kernel size, but got "
                f"pad={p}, kernel_size={k} and dilation={d}")
        span = n + 2 * p - d * (k - 1) - 1
        out = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (out - 1) * s >= n + p:
            out -= 1
        sizes.append(out)
    names = ("T", "H", "W")[3 - len(kernel):]
    for what, prefix, values in (("kernel size", "k", kernel), ("stride", "d", stride),
                                 ("dilation", "dilation", dilation)):
        if min(values) <= 0:
            shown = " ".join(f"{prefix}{name}: {v}" for name, v in zip(names, values))
            raise RuntimeError(f"{what} should be greater than zero, but got {shown}")
    return sizes


def _batched(function: Any, input: Tensor, *args: Any) -> Any:  # noqa: A002
    """Run a 4-D pool on a 3-D (unbatched) input too: as a batch of one, recorded as the
    pool's own node (PyTorch pools unbatched inputs directly); indices come along."""
    if input.dim() != 3:
        return function.apply(input, *args)

    def run(x: Tensor) -> Tensor:
        out = function.apply(x.unsqueeze(0), *args)
        return (out[0] if isinstance(out, tuple) else out).squeeze(0)

    values = composite_named(function.node_name).apply(run, input)
    if function is not pooling.MaxPool2d:
        return values
    with no_grad():
        _, indices = function.apply(input.detach().unsqueeze(0), *args)
    return values, indices.squeeze(0)


def max_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """The largest value of each window (``MaxPool2DWithIndicesBackward0``)."""
    require_tensor("max_pool2d", input)
    check_pool_arguments("max_pool2d_with_indices" if return_indices else "max_pool2d",
                         kernel_size, stride, padding, dilation)
    check_window_sizes("max_pool2d", 2, kernel_size, stride, padding, dilation)
    _pool_input(input)
    options = _pool_options(input, kernel_size, stride, padding, dilation, ceil_mode)
    if input.dtype == dtypes.bool_:
        raise kernel_error("max_pool2d", input.dtype)
    out, indices = _batched(pooling.MaxPool2d, input, options,
                            _given(options, stride, ceil_mode))
    return (out, indices) if return_indices else out


def avg_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:
    """The mean of each window (``AvgPool2DBackward0``)."""
    require_tensor("avg_pool2d", input)
    check_pool_arguments("avg_pool2d", kernel_size, stride, padding, padding_position=None)
    divisor_override = divisor_override_int("avg_pool2d", divisor_override)
    check_window_sizes("avg_pool2d", 2, kernel_size, stride, padding)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    _pool_input(input, reads_planes=True)
    options = _pool_options(input, kernel_size, stride, padding, 1, ceil_mode)
    require_kernel_dtype("avg_pool2d", input, "int64")  # (its only integer kernel is Long's)
    return _batched(pooling.AvgPool2d, input, options, count_include_pad, divisor_override,
                    _given(options, stride, ceil_mode, count_include_pad=count_include_pad,
                           divisor_override=divisor_override))


@size_read_first
def adaptive_avg_pool2d(input: Tensor, output_size: Any) -> Tensor:  # noqa: A002
    """Means over windows chosen so the output has ``output_size``; (1, 1) is a mean over
    the last two dimensions (``MeanBackward1``), as in PyTorch, which then gives a
    channels-last input's result channels-last strides (N, C, 1, 1)@(C, 1, C, C) in place
    (``AsStridedBackward1``)."""
    size = adaptive_sizes("adaptive_avg_pool2d", output_size, input)
    if size == (1, 1):  # (before the check of dimensions: any input of 2 or more)
        out = input.mean((-2, -1), keepdim=True)
        if suggests_channels_last(input._data):
            n, c = input.shape[:2]
            out.as_strided_((n, c, 1, 1), (c, 1, c, c))
        return out
    check_adaptive_input("adaptive_avg_pool2d", input, size)
    require_kernel_dtype("adaptive_avg_pool2d", input)
    return _batched(pooling.AdaptiveAvgPool2d, input, size)


# ---- padding ----------------------------------------------------------------------------------

def pad(input: Tensor, pad: Any, mode: str = "constant", value: float | None = None) -> Tensor:  # noqa: A002
    """Add ``pad = (left, right, top, bottom, …)`` values around the last dimensions (negative
    amounts crop): ``value`` for ``mode='constant'`` (``ConstantPadNdBackward0``), or the
    input reflected (``'reflect'``), its border repeated (``'replicate'``) or wrapped around
    (``'circular'``) over the last 1, 2 or 3 dimensions (see ``functional_pad.py``)."""
    require_tensor("pad", input)
    check_ints("pad", "pad", 2, pad, scalar_ok=False)
    text("pad", "mode", 3, mode)
    value = None if value is None else real("pad", "value", 4, value)
    if mode not in ("constant", "reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    pads = tuple(int(p) for p in pad)
    if len(pads) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pads) > 2 * input.dim():
        raise RuntimeError(
            "Padding length should be less than or equal to two times the input dimension but "
            f"got padding length {len(pads)} and input of dimension {input.dim()}")
    if mode != "constant":
        return pad_other(input, pads, mode, value)
    for i in range(len(pads) // 2):
        size = input.shape[input.dim() - 1 - i]
        if size + pads[2 * i] + pads[2 * i + 1] < 0:
            raise RuntimeError("narrow(): length must be non-negative.")
    return pooling.ConstantPadNd.apply(input, pads, 0.0 if value is None else value)
