"""Resampling a grid (``F.interpolate``): nearest and (bi/tri)linear, one recorded operation.

Both modes are linear in the input and work one spatial axis at a time. Along an axis of
``n_in`` → ``n_out`` places, output place i reads the input at a source coordinate

    nearest          src = min(⌊i · s⌋, n_in - 1)
    nearest-exact    src = min(⌊(i + ½) · s⌋, n_in - 1)
    linear           x = s · i  (align_corners)   or   max(s · (i + ½) - ½, 0)
                     out = (1 - λ) · in[⌊x⌋] + λ · in[⌊x⌋ + 1],   λ = x - ⌊x⌋

with s = n_in / n_out, or 1 / scale_factor when one was given (align_corners: (n_in - 1) /
(n_out - 1)), computed in the input's precision as PyTorch's CPU kernels do, and the terms
summed in the same order (outer axis last) with the same fused multiply-add: 1-D float32
results agree to the bit, 2-D and 3-D ones to the last bit or so (PyTorch's 2-D kernel
rounds somewhere else). An axis whose size does not change is copied.

The gradient sends each output's gradient back to the places it read, with the same weights:
``Upsample…BackwardBackward0`` is that adjoint map, and its own derivative is the resampling
again (both are linear), so derivatives of any order are recorded.
"""

from __future__ import annotations

import math
from typing import Any

from ..function import Function
from ..node_saved_values import input_sizes
from ..tensor import Tensor
from .preserved_layout import in_suggested_order, row_major

# a plan: per spatial axis (i0, i1, w0, w1): index arrays and weights (i1, w0, w1 None for
# nearest); the input's spatial sizes come with it for the adjoint.


def _scale(n_in: int, n_out: int, scale: float | None, align_corners: bool, ftype: Any) -> Any:
    if align_corners:
        return ftype(n_in - 1) / ftype(n_out - 1) if n_out > 1 else ftype(0)
    if scale is not None and scale > 0:
        return ftype(1.0 / scale)
    return ftype(n_in) / ftype(n_out)


def axis_plan(xp: Any, mode: str, n_in: int, n_out: int, scale: float | None,
              align_corners: bool, dtype: Any) -> tuple:
    """(i0, i1, w0, w1) for one axis; see the module's docstring for the formulas."""
    ftype = xp.dtype(dtype).type if xp.dtype(dtype).kind == "f" else xp.float32
    i = xp.arange(n_out)
    if mode in ("nearest", "nearest-exact"):
        if mode == "nearest" and n_out == n_in:
            return i, None, None, None
        if mode == "nearest" and n_out == 2 * n_in:
            return i >> 1, None, None, None
        s = _scale(n_in, n_out, scale, False, xp.float32)
        if mode == "nearest":  # floorf(i · s) in float32
            src = xp.floor(i.astype(xp.float32) * s)
        else:  # (i + 0.5) is a double in PyTorch's kernel, so the product is too
            src = xp.floor((i + 0.5) * xp.float64(s))
        src = src.astype(xp.int64)
        return xp.minimum(src, n_in - 1), None, None, None
    if n_out == n_in:  # PyTorch's kernel copies such an axis whatever the scale_factor says
        return i, None, None, None
    s = _scale(n_in, n_out, scale, align_corners, ftype)
    if align_corners:
        x = s * i.astype(ftype)
    else:  # (i + 0.5) is a double in PyTorch's kernel: the source index is rounded once
        x = (xp.float64(s) * (i + 0.5) - 0.5).astype(ftype)
        x = xp.maximum(x, ftype(0))
    i0 = xp.minimum(xp.floor(x).astype(xp.int64), n_in - 1)
    lam = xp.clip(x - i0.astype(ftype), ftype(0), ftype(1)).astype(ftype)
    i1 = i0 + (i0 < n_in - 1)
    return i0, i1, (ftype(1) - lam).astype(ftype), lam


def _along(w: Any, axis: int, ndim: int) -> Any:
    return w.reshape((-1,) + (1,) * (ndim - axis - 1))


def resample_array(xp: Any, a: Any, plan: tuple, first_axis: int = 2) -> Any:
    """The resampled array; linear modes as t(i0)·w0 + t(i1)·w1, inner axes first."""
    if not plan:
        return a
    axis = first_axis
    i0, i1, w0, w1 = plan[0]
    if i1 is None:
        return resample_array(xp, xp.take(a, i0, axis=axis), plan[1:], first_axis + 1)
    t0 = resample_array(xp, xp.take(a, i0, axis=axis), plan[1:], first_axis + 1)
    t1 = resample_array(xp, xp.take(a, i1, axis=axis), plan[1:], first_axis + 1)
    w0 = _along(w0.astype(a.dtype), axis, a.ndim)
    w1 = _along(w1.astype(a.dtype), axis, a.ndim)
    if a.dtype.kind == "f" and a.dtype.itemsize < 8:
        # PyTorch's compiled kernel fuses t0·w0 + (t1·w1) into one multiply-add (rounded once)
        wide = xp.float64
        return (t0.astype(wide) * w0.astype(wide) + (t1 * w1).astype(wide)).astype(a.dtype)
    return t0 * w0 + t1 * w1


def adjoint_array(xp: Any, g: Any, plan: tuple, in_sizes: tuple[int, ...]) -> Any:
    """Each output's gradient added back onto the places it read, with the same weights."""
    for k, (i0, i1, w0, w1) in enumerate(plan):
        axis = 2 + k
        moved = xp.moveaxis(g, axis, 0)
        out = xp.zeros((in_sizes[k],) + moved.shape[1:], dtype=g.dtype)
        if i1 is None:
            xp.add.at(out, i0, moved)
        else:
            shape = (-1,) + (1,) * (moved.ndim - 1)
            xp.add.at(out, i0, moved * w0.astype(g.dtype).reshape(shape))
            xp.add.at(out, i1, moved * w1.astype(g.dtype).reshape(shape))
        g = xp.moveaxis(out, 0, axis)
    return row_major(xp, g)  # (PyTorch's strides at size-1 dimensions too)


class Upsample(Function):
    """out = R x, R the resampling of every spatial axis (nearest or linear weights)

    ∂L/∂x = Rᵀ grad: each output's gradient back to the places it read, times their weights.
    """

    node_name = "UpsampleNearest2DBackward0"
    adjoint: type[Function]

    @staticmethod
    def forward(ctx: Any, x: Tensor, plan: tuple, shown: tuple = ((), None, False)) -> Any:
        ctx.plan, ctx.in_sizes = plan, tuple(x.shape[2:])
        output_size, scales, ctx.align_corners = shown  # (what the node shows: saved_options)
        ctx.output_size = tuple(int(n) for n in output_size)
        for name, scale in zip(_SCALE_NAMES[len(plan)], scales or (None,) * len(plan)):
            setattr(ctx, name, None if scale is None else float(scale))
        return in_suggested_order(x._xp, resample_array(x._xp, x._data, plan), x._data)

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, None, None]:  # type: ignore[override]
        return cls.adjoint.apply(grad, ctx.plan, ctx.in_sizes), None, None


class UpsampleBackward(Function):
    """gx = Rᵀ grad (Upsample's rule); linear in grad, so ∂/∂grad of it is R again."""

    node_name = "UpsampleNearest2DBackwardBackward0"
    forward_op: type[Function]
    keeps_grad_layout = False  # gx channels-last when grad suggests it (_GRAD_LAYOUT_KEPT)

    @classmethod
    def forward(cls, ctx: Any, grad: Tensor, plan: tuple, in_sizes: tuple[int, ...]) -> Any:
        ctx.plan = plan
        gx = adjoint_array(grad._xp, grad._data, plan, in_sizes)
        return in_suggested_order(grad._xp, gx, grad._data) if cls.keeps_grad_layout else gx

    @classmethod
    def backward(cls, ctx: Any, gg: Tensor) -> tuple[Any, None, None]:  # type: ignore[override]
        return cls.forward_op.apply(gg, ctx.plan), None, None


_CLASSES: dict[str, type[Function]] = {}
# PyTorch's names for the scale factors its node keeps, by number of spatial axes
_SCALE_NAMES = {1: ("scales",), 2: ("scales_h", "scales_w"),
                3: ("scales_d", "scales_h", "scales_w")}
# the backward kernels whose gradient follows the incoming gradient's channels-last layout
_GRAD_LAYOUT_KEPT = {"UpsampleNearest2D", "UpsampleNearestExact2D", "UpsampleBilinear2D",
                     "UpsampleTrilinear3D"}
_MODE_WORDS = {"nearest": "Nearest", "nearest-exact": "NearestExact", "linear": "Linear",
               "bilinear": "Bilinear", "trilinear": "Trilinear"}


def upsample_class(mode: str, nd: int) -> type[Function]:
    """The `Upsample` operation named as PyTorch names it (``UpsampleBilinear2DBackward0``)."""
    word = f"Upsample{_MODE_WORDS[mode]}{nd}D"
    if word not in _CLASSES:
        options: dict[str, Any] = {"output_size": None, "self_sym_sizes": input_sizes(0)}
        options.update(dict.fromkeys(_SCALE_NAMES[nd]))
        if not mode.startswith("nearest"):
            options["align_corners"] = None
        fwd = type(word, (Upsample,), {"node_name": f"{word}Backward0",
                                       "saved_options": options})
        bwd = type(word + "Backward", (UpsampleBackward,),
                   {"node_name": f"{word}BackwardBackward0", "forward_op": fwd,
                    "keeps_grad_layout": word in _GRAD_LAYOUT_KEPT})
        fwd.adjoint = bwd
        _CLASSES[word] = fwd
    return _CLASSES[word]


def upsample(x: Tensor, mode: str, out_sizes: list[int], scales: list[float] | None,
             align_corners: bool) -> Tensor:
    """x (N, C, *spatial) resampled to ``out_sizes``; see the module's docstring."""
    xp = x._xp
    plan = tuple(
        axis_plan(xp, mode, n_in, n_out, None if scales is None else scales[k],
                  align_corners, x._data.dtype)
        for k, (n_in, n_out) in enumerate(zip(x.shape[2:], out_sizes)))
    return upsample_class(mode, len(out_sizes)).apply(x, plan, (out_sizes, scales,
                                                                align_corners))


def output_sizes(in_sizes: tuple[int, ...], scales: list[float]) -> list[int]:
    """⌊n · scale⌋ per spatial axis, as PyTorch's kernels compute it."""
    return [int(math.floor(n * s)) for n, s in zip(in_sizes, scales)]
