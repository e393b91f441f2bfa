"""`Conv1d`, `Conv2d` and the transposed `ConvTranspose1d`, `ConvTranspose2d`: learned
cross-correlations over sequences and images."""

from __future__ import annotations

import math
from typing import Any

from ..creation import empty
from ..tensor import Tensor
from . import functional as F
from . import functional_conv as FC
from . import init
from .module import Module
from .parameter import Parameter

# written as PyTorch writes them, so the 2-element set prints in the same order here
PADDING_MODES = {"zeros", "reflect", "replicate", "circular"}
PADDING_STRINGS = {"same", "valid"}


class _ConvNd(Module):
    """The shared part of `Conv1d` and `Conv2d` (PyTorch's ``_ConvNd``)."""

    nd = 2

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:
        self._set_up(in_channels, out_channels, kernel_size, stride, padding, dilation, groups,
                     bias, padding_mode, device, dtype, None)

    def _set_up(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any,
                padding: Any, dilation: Any, groups: int, bias: bool, padding_mode: str,
                device: Any, dtype: Any, output_padding: Any) -> None:
        """The layer's settings and parameters (``output_padding``: a transposed
        convolution's; None for the others, whose constructor has no such argument)."""
        super().__init__()
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        n = self.nd
        if isinstance(padding, str):
            if padding not in PADDING_STRINGS:
                raise ValueError(
                    f"Invalid padding string {padding!r}, should be one of {PADDING_STRINGS}")
            if padding == "same" and any(s != 1 for s in FC.tuple_of(stride, n)):
                raise ValueError("padding='same' is not supported for strided convolutions")
        if padding_mode not in PADDING_MODES:
            raise ValueError(f"padding_mode must be one of {PADDING_MODES}, but got "
                             f"padding_mode={padding_mode!r}")
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = FC.tuple_of(kernel_size, n)
        self.stride = FC.tuple_of(stride, n)
        self.padding = padding if isinstance(padding, str) else FC.tuple_of(padding, n)
        self.dilation = FC.tuple_of(dilation, n)
        self.transposed = output_padding is not None
        self.output_padding = FC.tuple_of(0 if output_padding is None else output_padding, n)
        self.groups, self.padding_mode = groups, padding_mode
        # the amounts for F.pad (last dimension first) when padding_mode is not 'zeros'
        if isinstance(self.padding, str):
            self._reversed_padding_repeated_twice = [0, 0] * n
            if padding == "same":
                for d, k, i in zip(self.dilation, self.kernel_size, range(n - 1, -1, -1)):
                    total = d * (k - 1)
                    self._reversed_padding_repeated_twice[2 * i] = total // 2
                    self._reversed_padding_repeated_twice[2 * i + 1] = total - total // 2
        else:
            self._reversed_padding_repeated_twice = tuple(
                p for p in reversed(self.padding) for _ in range(2))
        if self.transposed:
            shape = (in_channels, out_channels // groups, *self.kernel_size)
        else:
            shape = (out_channels, in_channels // groups, *self.kernel_size)
        self.weight = Parameter(empty(tuple(shape), dtype=dtype, device=device))
        if bias:
            self.bias = Parameter(empty(out_channels, dtype=dtype, device=device))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def extra_repr(self) -> str:
        n = self.nd
        text = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}"
                f", stride={self.stride}")
        if self.padding != (0,) * n:
            text += f", padding={self.padding}"
        if self.dilation != (1,) * n:
            text += f", dilation={self.dilation}"
        if self.output_padding != (0,) * n:
            text += f", output_padding={self.output_padding}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        if self.padding_mode != "zeros":
            text += f", padding_mode={self.padding_mode}"
        return text

    def _conv_forward(self, input: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:  # noqa: A002
        conv = FC.conv1d if self.nd == 1 else FC.conv2d
        if self.padding_mode != "zeros":  # pad first ('reflect', 'replicate', 'circular')
            padded = FC.pad(input, self._reversed_padding_repeated_twice, self.padding_mode)
            return conv(padded, weight, bias, self.stride, 0, self.dilation, self.groups)
        return conv(input, weight, bias, self.stride, self.padding, self.dilation, self.groups)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return self._conv_forward(input, self.weight, self.bias)


class Conv1d(_ConvNd):
    """out[n, o] = b[o] + Σ_c w[o, c] ⋆ x[n, c] over (N, C_in, L) inputs."""

    nd = 1


class Conv2d(_ConvNd):
    """out[n, o] = b[o] + Σ_c w[o, c] ⋆ x[n, c] over (N, C_in, H, W) images.

    Starting values as in PyTorch: kaiming_uniform_(a=√5) for the weight, and the bias
    uniform in ±1/√fan_in (fan_in = C_in/groups · kh · kw).
    """

    nd = 2


class _ConvTransposeNd(_ConvNd):
    """The shared part of `ConvTranspose1d` and `ConvTranspose2d`: weight (C_in,
    C_out/groups, *kernel), ``forward(input, output_size=None)``."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, output_padding: Any = 0, groups: int = 1, bias: bool = True,
                 dilation: Any = 1, padding_mode: str = "zeros", device: Any = None,
                 dtype: Any = None) -> None:
        if padding_mode != "zeros":
            raise ValueError(
                f'Only "zeros" padding mode is supported for {type(self).__name__}')
        self._set_up(in_channels, out_channels, kernel_size, stride, padding, dilation, groups,
                     bias, padding_mode, device, dtype, output_padding)

    def _output_padding(self, input: Tensor, output_size: Any) -> tuple[int, ...]:  # noqa: A002
        if output_size is None:
            return self.output_padding
        n = self.nd
        lead = 2 if input.dim() == n + 2 else 1
        if len(output_size) == lead + n:
            output_size = output_size[lead:]
        if len(output_size) != n:
            raise ValueError(f"ConvTranspose{n}D: for {input.dim()}D input, output_size must "
                             f"have {n} or {lead + n} elements (got {len(output_size)})")
        low = [(input.shape[d + lead] - 1) * self.stride[d] - 2 * self.padding[d]
               + self.dilation[d] * (self.kernel_size[d] - 1) + 1 for d in range(n)]
        high = [lo + s - 1 for lo, s in zip(low, self.stride)]
        for size, lo, hi in zip(output_size, low, high):
            if size < lo or size > hi:
                raise ValueError(
                    f"requested an output size of {output_size}, but valid sizes range from "
                    f"{low} to {high} (for an input of {input.size()[lead:]})")
        return tuple(size - lo for size, lo in zip(output_size, low))

    def forward(self, input: Tensor, output_size: Any = None) -> Tensor:  # noqa: A002
        return self._functional(input, self.weight, self.bias, self.stride, self.padding,
                                self._output_padding(input, output_size), self.groups,
                                self.dilation)


def _public(name: str) -> Any:
    """``F.<name>`` as the learner calls it, with PyTorch's argument checks (a float padding
    is its parser's error), looked up at call time (``nn.functional`` imports this module)."""
    def call(*args: Any) -> Tensor:
        return getattr(F, name)(*args)
    return call


class ConvTranspose1d(_ConvTransposeNd):
    """The transposed 1-D convolution (each input value spreads a copy of the kernel over the
    output): (N, C_in, L) → (N, C_out, (L - 1)·s - 2p + d(k - 1) + output_padding + 1)."""

    nd = 1
    _functional = staticmethod(_public("conv_transpose1d"))


class ConvTranspose2d(_ConvTransposeNd):
    """The transposed 2-D convolution (sometimes called a deconvolution), as used to upsample
    feature maps: (N, C_in, H, W) → (N, C_out, H_out, W_out)."""

    nd = 2
    _functional = staticmethod(_public("conv_transpose2d"))
