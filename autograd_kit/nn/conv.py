"""`Conv1d` and `Conv2d`: learned cross-correlations over sequences and images."""

from __future__ import annotations

import math
from typing import Any

from ..creation import empty
from ..tensor import Tensor
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
        self.transposed, self.output_padding = False, (0,) * n
        self.groups, self.padding_mode = groups, padding_mode
        shape = (out_channels, in_channels // groups, *self.kernel_size)
        self.weight = Parameter(empty(*shape, dtype=dtype, device=device))
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
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        if self.padding_mode != "zeros":
            text += f", padding_mode={self.padding_mode}"
        return text

    def _conv_forward(self, input: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:  # noqa: A002
        if self.padding_mode != "zeros":
            raise NotImplementedError(
                f"padding_mode={self.padding_mode!r} is not in the kit yet (only 'zeros')")
        conv = FC.conv1d if self.nd == 1 else FC.conv2d
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
