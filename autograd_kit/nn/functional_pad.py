"""``F.pad``'s ``reflect``, ``replicate`` and ``circular`` modes, with PyTorch's checks.

Reflection and replication are one operation each (``ops/padding.py``). Circular padding
is built as PyTorch builds it (``_pad_circular``): an empty tensor of the padded shape, the
input copied into its middle, then for each padded dimension its left border copied from
the far end and its right border from the near start, so its graph is ``CopySlices`` over
``SliceBackward0`` nodes and its gradient comes from those.
"""

from __future__ import annotations

from typing import Any

from ..ops import padding
from ..ops.operands import INTEGERS, require_kernel_dtype
from ..tensor import Tensor

_SUPPORTED = (
    "Supported combinations for non-constant padding:\n"
    "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
    "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
    "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")

_LETTERS = "DHW"


def _sizes(shape: Any) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


def pad_other(input: Tensor, pads: tuple[int, ...], mode: str,  # noqa: A002
              value: float | None) -> Tensor:
    """``F.pad`` for the modes other than ``constant`` (its common checks already done)."""
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    nd = len(pads) // 2
    if nd not in (1, 2, 3) or input.dim() not in (nd + 1, nd + 2):
        raise NotImplementedError(f"Padding size {len(pads)} is not supported for "
                                  f"{input.dim()}D input tensor.\n{_SUPPORTED}")
    if mode == "circular":
        return _circular(input, pads)
    shape = tuple(input.shape)
    batched = input.dim() == nd + 2
    if any(s == 0 for s in shape[1 if batched else 0:]):
        raise RuntimeError(
            f"Expected {nd + 1}D or {nd + 2}D (batch mode) tensor with possibly 0 batch size "
            f"and other non-zero dimensions for input, but got: {_sizes(shape)}")
    sizes = shape[-nd:]
    lows, highs = pads[0::2][::-1], pads[1::2][::-1]  # outermost padded dimension first
    if mode == "reflect":
        for k in range(nd - 1, -1, -1):  # width first: arguments #4, #6, #8
            if not (lows[k] < sizes[k] and highs[k] < sizes[k]):
                raise RuntimeError(
                    f"Argument #{4 + 2 * (nd - 1 - k)}: Padding size should be less than the "
                    "corresponding input dimension, but got: padding "
                    f"({lows[k]}, {highs[k]}) at dimension {input.dim() - nd + k} of input "
                    f"{_sizes(shape)}")
    outs = [n + lo + hi for n, lo, hi in zip(sizes, lows, highs)]
    if nd == 1 and outs[0] < 1:
        raise RuntimeError(f"input (W: {sizes[0]}) is too small. Calculated output W: "
                           f"{outs[0]}")
    if nd == 2 and outs[0] < 1 and outs[1] < 1:
        gap = " " if mode == "replicate" else ""
        raise RuntimeError(f"input (H: {sizes[0]}, W: {sizes[1]}{gap}) is too small. "
                           f"Calculated output H: {outs[0]} W: {outs[1]}")
    if any(o < 0 for o in outs):
        first = next(o for o in outs if o < 0)
        raise RuntimeError(f"Trying to create tensor with negative dimension {first}: "
                           f"{_sizes((*shape[:-nd], *outs))}")
    kernel = "reflection_pad" if mode == "reflect" else "replication_pad"
    require_kernel_dtype(f"{kernel}{nd}d", input, *INTEGERS)
    return padding.PADS[mode, nd].apply(input, pads)


def _circular(input: Tensor, pads: tuple[int, ...]) -> Tensor:  # noqa: A002
    """PyTorch's ``_pad_circular``: copies into an empty tensor (``CopySlices``)."""
    shape = tuple(input.shape)
    ndim, nd = len(shape), len(pads) // 2
    out_shape = list(shape)
    for i in range(nd):  # outermost padded dimension first
        lo, hi = pads[2 * (nd - i - 1)], pads[2 * (nd - i - 1) + 1]
        size = shape[ndim - nd + i]
        out_shape[ndim - nd + i] = size + lo + hi
        if lo > size or hi > size:
            raise RuntimeError("Padding value causes wrapping around more than once.")
        if size + lo + hi < 0:
            raise RuntimeError("Negative padding value is resulting in an empty dimension")
    out = input.new_empty(out_shape)
    out_slice, in_slice = out, input
    for i in range(nd):
        dim, lo, hi = ndim - i - 1, pads[2 * i], pads[2 * i + 1]
        start, stop = max(lo, 0), out_shape[dim] - max(hi, 0)
        out_slice = out_slice.narrow(dim, start, stop - start)
        start, stop = max(-lo, 0), shape[dim] - max(-hi, 0)
        in_slice = in_slice.narrow(dim, start, stop - start)
    out_slice.copy_(in_slice)
    for i in range(nd):
        dim, lo, hi = ndim - i - 1, pads[2 * i], pads[2 * i + 1]
        if lo > 0:
            end = out_shape[dim] - max(hi, 0)
            out.narrow(dim, 0, lo).copy_(out.narrow(dim, end - lo, lo))
        if hi > 0:
            out.narrow(dim, out_shape[dim] - hi, hi).copy_(out.narrow(dim, max(lo, 0), hi))
    return out
