"""`CrossMapLRN2d`: the legacy (Lua Torch) cross-channel response normalization, kept by
PyTorch as a Python ``autograd.Function`` (its node: ``CrossMapLRN2dBackward``).

Forward, per position, over channels c of a 4-D input x:

    scale_c = k + α/size · S_c,    y_c = x_c · scale_c^(-β)

where S_c is a running sum of x² built exactly as PyTorch's loop builds it (its window is
not quite centred, so y differs from `LocalResponseNorm` near the last channels).

Backward, PyTorch's hand-written rule (for a centred window; it is not the exact derivative
of the quirky forward, and copying it keeps the kit's gradients equal to PyTorch's):

    ∂L/∂x_c = g_c · scale_c^(-β) - (2αβ/size) · x_c · Σ_{c' in window(c)} g_c' y_c' / scale_c'
"""

from __future__ import annotations

from typing import Any

from ..autograd.function import python_function
from ..creation import zeros
from ..function import Function
from ..ops import cat, stack
from ..tensor import Tensor
from .module import Module


def _window_sums(squares: Tensor, size: int) -> Tensor:
    """S_c, summed in PyTorch's order: the first ⌊(size-1)/2⌋+1 squares, then one added on the
    right and one dropped on the left per channel (dropping only once c > that count)."""
    channels = squares.shape[1]
    pre_pad = int((size - 1) / 2 + 1)
    current = zeros(squares[:, 0].shape, dtype=squares.dtype)
    for c in range(min(pre_pad, channels)):
        current = current + squares[:, c]
    sums = [current]
    for c in range(1, channels):
        if c < channels - pre_pad + 1:
            current = current + squares[:, c + pre_pad - 1]
        if c > pre_pad:
            current = current - squares[:, c - pre_pad]
        sums.append(current)
    return stack(sums, 1)


class CrossMapLRN2dFunction(Function):
    """y_c = x_c · (k + α/size · S_c)^(-β); backward: PyTorch's rule (module docstring)."""

    node_name = "CrossMapLRN2dBackward"  # PyTorch's Function is named CrossMapLRN2d

    @staticmethod
    def forward(ctx: Any, input: Tensor, size: int, alpha: float = 1e-4,  # noqa: A002
                beta: float = 0.75, k: float = 1) -> Tensor:
        if input.dim() != 4:
            raise ValueError(
                f"CrossMapLRN2d: Expected input to be 4D, got {input.dim()}D instead.")
        scale = _window_sums(input * input, size) * (alpha / size) + k
        output = scale.pow(-beta) * input
        ctx.size, ctx.alpha, ctx.beta, ctx.scale = size, alpha, beta, scale
        ctx.save_for_backward(input, output)
        return output

    @staticmethod
    def backward(ctx: Any, grad_output: Tensor) -> tuple[Any, ...]:
        input, output = ctx.saved_tensors
        size, scale, channels = ctx.size, ctx.scale, input.shape[1]
        grad_input = scale.pow(-ctx.beta) * grad_output
        cache_ratio = 2 * ctx.alpha * ctx.beta / size
        before = int(size - (size - 1) / 2)
        if before + channels > channels + size - 1:  # size 1: PyTorch's narrow fails
            raise RuntimeError(f"start ({before}) + length ({channels}) exceeds dimension "
                               f"size ({channels + size - 1}).")
        ratio = grad_output * output / scale
        n, _, h, w = input.shape
        padded = cat([zeros(n, before, h, w, dtype=ratio.dtype), ratio,
                      zeros(n, size - 1 - before, h, w, dtype=ratio.dtype)], 1)
        accum = padded[:, 0:size - 1].sum(1)
        columns = []
        for c in range(channels):
            accum = accum + padded[:, c + size - 1]
            columns.append(grad_input[:, c] + -cache_ratio * input[:, c] * accum)
            accum = accum - padded[:, c]
        return stack(columns, 1), None, None, None, None


python_function(CrossMapLRN2dFunction)  # (a Python Function in PyTorch too)


class CrossMapLRN2d(Module):
    """Cross-channel normalization of a 4-D input (see the module docstring)."""

    def __init__(self, size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1) -> None:
        super().__init__()
        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return CrossMapLRN2dFunction.apply(input, self.size, self.alpha, self.beta, self.k)

    def extra_repr(self) -> str:
        return f"{self.size}, alpha={self.alpha}, beta={self.beta}, k={self.k}"
