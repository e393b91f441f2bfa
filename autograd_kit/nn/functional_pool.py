"""The 1-D pools (``F.max_pool1d``, ``F.avg_pool1d``, ``F.adaptive_avg_pool1d``,
``F.adaptive_max_pool1d``) and ``F.adaptive_max_pool2d`` (part of ``nn.functional``).

A 1-D pool is the 2-D one on the input seen with height 1, as PyTorch runs it:
``unsqueeze(-2)``, the 2-D operation, ``squeeze(-2)`` (so the graph reads
``SqueezeBackward1`` → ``MaxPool2DWithIndicesBackward0`` → ``UnsqueezeBackward0``).
"""

from __future__ import annotations

from typing import Any

from ..ops import pooling
from ..ops.operands import require_kernel_dtype
from ..tensor import Tensor
from . import functional_conv as FC
from .adaptive_checks import adaptive_sizes, check_adaptive_input
from .arguments import size_read_first, tensor_input
from .functional_arguments import check_ints, check_pool_arguments


def _one(value: Any, what: str, name: str, article: str = "an int, list of ints") -> int:
    if isinstance(value, (tuple, list)):
        if len(value) != 1:
            raise RuntimeError(f"{name}() {what} must be {article} or tuple of ints of size 1 "
                               f"but got size {len(value)}")
        return int(value[0])
    return int(value)


def _parsed_one(value: Any, argument: str, name: str) -> int:
    """An int, or a list of one, as PyTorch's argument parser reads an ``int[1]`` (avg_pool1d's
    arguments; max_pool1d checks its own in Python, with `_one`'s words)."""
    if isinstance(value, (tuple, list)):
        if len(value) != 1:
            raise RuntimeError(f"{name}() argument '{argument}' should contain one int "
                               f"(got {len(value)})")
        return int(value[0])
    return int(value)


def _with_height(function: Any, input: Tensor, *args: Any) -> Any:  # noqa: A002
    """``function`` of the input seen as (…, 1, L), the result(s) squeezed back."""
    out = function(input.unsqueeze(-2), *args)
    if isinstance(out, tuple):
        return tuple(o.squeeze(-2) for o in out)
    return out.squeeze(-2)


def _dims_1d(input: Tensor, name: str) -> None:  # noqa: A002
    if input.dim() not in (2, 3):
        raise RuntimeError(
            f"Expected 2 to 3 dimensions, but got {input.dim()}-dimensional tensor for argument "
            f"#1 'self' (while checking arguments for {name})")


@tensor_input("max_pool1d")
def max_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """The largest value of each window along the last dimension (a 2-D max pool of height 1)."""
    check_pool_arguments("max_pool1d_with_indices" if return_indices else "max_pool1d",
                         kernel_size, stride, padding, dilation)
    if return_indices:  # (PyTorch's max_pool1d_with_indices: max_pool2d's checks after this)
        _dims_1d(input, "max_pool1d")
        k, p, d = (_output_1d(v, "max_pool1d", a) for v, a in (
            (kernel_size, "kernel_size"), (padding, "padding"), (dilation, "dilation")))
        s = k if FC.stride_omitted(stride) else _output_1d(stride, "max_pool1d", "stride")
        return _with_height(FC.max_pool2d, input, (1, k), (1, s), (0, p), (1, d), ceil_mode,
                            True)
    if input.dim() not in (2, 3) or 0 in input.shape[-2:]:  # (channels and length)
        raise RuntimeError("max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 "
                           f"dim batch size for input, but got:{FC._size_text(input.shape)}")
    name = "max_pool1d"
    k = _one(kernel_size, "kernel_size", name)
    if FC.stride_omitted(stride):
        s = k
    else:
        s = _one(stride, "stride", name, "None, an int, list of ints,")
    p = _one(padding, "padding", name, "an int, list of ints,")
    d = _one(dilation, "dilation", name)
    for what, v in (("kernel_size", k), ("stride", s)):
        if v <= 0:
            raise RuntimeError(f"max_pool1d() {what} must be greater than zero, but got {v}")
    if p < 0:
        raise RuntimeError(f"max_pool1d() padding must be non-negative, but got {p}")
    if p > k // 2:
        raise RuntimeError("max_pool1d() padding should be at most half of kernel size, but "
                           f"got padding={p} and kernel_size={k}")
    if d <= 0:
        raise RuntimeError(f"max_pool1d() dilation must be greater than zero, but got {d}")
    n = input.shape[-1]
    span = n + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (out - 1) * s >= n + p:
        out -= 1
    if out <= 0:
        raise RuntimeError(f"max_pool1d() Invalid computed output size: {out}")
    require_kernel_dtype("max_pool1d_impl", input)  # (its kernel is for floats)
    return _with_height(FC.max_pool2d, input, (1, k), (1, s), (0, p), (1, d), ceil_mode)


@tensor_input("avg_pool1d")
def avg_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,  # noqa: A002
               ceil_mode: bool = False, count_include_pad: bool = True) -> Tensor:
    """The mean of each window along the last dimension (a 2-D average pool of height 1)."""
    check_pool_arguments("avg_pool1d", kernel_size, stride, padding)
    _dims_1d(input, "avg_pool1d")
    k = _parsed_one(kernel_size, "kernel_size", "avg_pool1d")
    s = k if FC.stride_omitted(stride) else _parsed_one(stride, "stride", "avg_pool1d")
    p = _parsed_one(padding, "padding", "avg_pool1d")
    return _with_height(FC.avg_pool2d, input, (1, k), (1, s), (0, p), ceil_mode,
                        count_include_pad)


def _output_1d(output_size: Any, name: str, argument: str = "output_size") -> int:
    if isinstance(output_size, (tuple, list)):
        output_size = _parsed_one(output_size, argument, name)
    if output_size is None:
        raise TypeError(f"{name}(): argument 'output_size' (position 2) must be tuple of ints, "
                        "not NoneType")
    return int(output_size)


@tensor_input("adaptive_avg_pool1d")
def adaptive_avg_pool1d(input: Tensor, output_size: Any) -> Tensor:  # noqa: A002
    """Means over windows chosen so the last dimension becomes ``output_size``."""
    check_ints("adaptive_avg_pool1d", "output_size", 2, output_size)
    _dims_1d(input, "adaptive_avg_pool1d")
    size = _output_1d(output_size, "adaptive_avg_pool1d")
    return _with_height(FC.adaptive_avg_pool2d, input, (1, size))


@size_read_first
def adaptive_max_pool2d(input: Tensor, output_size: Any,  # noqa: A002
                        return_indices: bool = False) -> Any:
    """The largest value of each window chosen so the output has ``output_size``
    (``AdaptiveMaxPool2DBackward0``); with ``return_indices``, where each came from."""
    size = adaptive_sizes("adaptive_max_pool2d", output_size, input)
    check_adaptive_input("adaptive_max_pool2d", input, size)
    require_kernel_dtype("adaptive_max_pool2d", input)
    out, indices = pooling.AdaptiveMaxPool2d.apply(input, size)
    return (out, indices) if return_indices else out


@tensor_input("adaptive_max_pool1d")
def adaptive_max_pool1d(input: Tensor, output_size: Any,  # noqa: A002
                        return_indices: bool = False) -> Any:
    """The largest value of each window chosen so the last dimension becomes ``output_size``."""
    check_ints("adaptive_max_pool1d", "output_size", 2, output_size)
    _dims_1d(input, "adaptive_max_pool1d")
    size = _output_1d(output_size, "adaptive_max_pool1d")
    check_adaptive_input("adaptive_max_pool1d", input, (size,))
    return _with_height(adaptive_max_pool2d, input, (1, size), return_indices)
