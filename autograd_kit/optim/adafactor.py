"""`Adafactor` (Shazeer & Stern, 2018): Adam-like steps with a factored second moment, so a
weight matrix needs only a row and a column of statistics instead of a full copy."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy

from ..inplace import check_fits
from ..ops.norm_float32 import norm2
from ._common import count_step, lerp_, scalar_state, times_lr
from ._fused import add_scaled_
from .optimizer import Optimizer, bump, check_lr


def _norm(xp: Any, a: Any, axis: int | None = None) -> Any:
    """‖a‖₂ (over ``axis``, kept) as the kit's ``Tensor.norm`` computes it: PyTorch's float32
    kernel where the kit has it (a whole tensor, the last dim), else the sum of squares in
    the array's dtype (NumPy adds the rows of a leading dim one after the other, as PyTorch
    does)."""
    exact = norm2(a, None if axis is None else (a.ndim + axis,), axis is not None)
    if exact is not None:
        return exact
    return xp.sqrt((a * a).sum(axis=axis, keepdims=axis is not None))


class Adafactor(Optimizer):
    """PyTorch's update, for each parameter p (n values) with gradient g at step t::

        ρ = min(lr, 1/√t),   α = max(eps2, ‖p‖/√n) · ρ,   β = t^beta2_decay
        p ← p · (1 - lr · weight_decay)                        (if weight_decay ≠ 0)
        matrices (factored over the last two dimensions):
            R ← lerp(R, mean of g² along rows, β),  C ← lerp(C, mean of g² along columns, β)
            v = R C / max(mean(R), eps1)
        vectors:  v ← lerp(v, g², β)
        u = g / √max(v, eps1²),   p ← p - α / max(1, ‖u‖ / (√n · d)) · u

    (eps1 defaults to the dtype's machine epsilon.)
    """

    _state_defaults = (("foreach", None),)
    _tensor_steps = True
    _state_shaped_like_params = False  # factored row and column statistics

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, beta2_decay: float = -0.8,
                 eps: tuple[float | None, float] = (None, 1e-3), d: float = 1.0,
                 weight_decay: float = 0.0, *, foreach: bool | None = None,
                 maximize: bool = False) -> None:
        check_lr(lr)
        if not 0.0 <= lr:
            raise ValueError(f"Learning rate should be >= 0 but is: {lr}")
        if not 0.0 >= beta2_decay:
            raise ValueError(f"beta2_decay should be <= 0 but is: {beta2_decay}")
        if eps[0] is not None and not 0.0 <= eps[0]:
            raise ValueError(f"epsilon1 should be >= 0 but is: {eps[0]}")
        if not 0.0 <= eps[1]:
            raise ValueError(f"epsilon2 should be >= 0 but is: {eps[1]}")
        if not 1.0 <= d:
            raise ValueError(f"Clipping threshold d should be >= 1 but is: {d}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"weight_decay should be >= 0 but is: {weight_decay}")
        defaults = {"lr": lr, "beta2_decay": beta2_decay, "eps": eps, "d": d,
                    "weight_decay": weight_decay, "foreach": foreach, "maximize": maximize}
        super().__init__(params, defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        lr, (eps1, eps2) = group["lr"], group["eps"]
        for p, grad in self._with_grads(group):
            xp, state = p._xp, self.state[p]
            if p.is_complex():
                raise RuntimeError("Adafactor does not support complex parameters")
            g = -grad._data if group["maximize"] else grad._data
            if not state:
                state["step"] = scalar_state(p, 0.0)
                if g.ndim > 1:
                    state["row_var"] = p.new_zeros(*g.shape[:-1], 1)
                    state["col_var"] = p.new_zeros(*g.shape[:-2], 1, g.shape[-1])
                else:
                    state["variance"] = p.new_zeros(g.shape)
            step = count_step(state)
            tiny = float(numpy.finfo(p._data.dtype).eps) if eps1 is None else eps1
            beta = step ** group["beta2_decay"]
            rho = min(lr, 1 / step ** 0.5)  # (a tensor lr, when chosen, stays a tensor)
            alpha = times_lr(max(eps2, float(_norm(xp, p._data)) / math.sqrt(p.numel())), rho)
            if group["weight_decay"] != 0:
                p._data *= float(1 - times_lr(group["weight_decay"], lr))
                bump(p)
            if g.ndim > 1:
                row, col = _factored_state(state, g.shape)
                lerp_(row, _norm(xp, g, -1) ** 2 / g.shape[-1], beta)
                lerp_(col, _norm(xp, g, -2) ** 2 / g.shape[-2], beta)
                estimate = (row._data @ col._data) / xp.maximum(  # (the kit's mean: PyTorch's sum)
                    row.mean(dim=-2, keepdim=True)._data, tiny)
            else:
                if state.get("variance") is None:
                    raise AssertionError("variance should be defined when grad is a vector")
                check_fits(tuple(state["variance"].shape), g.shape)
                lerp_(state["variance"], g * g, beta)
                estimate = state["variance"]._data.copy()
            update = 1 / xp.sqrt(xp.maximum(estimate, tiny * tiny))  # clamp_(…).rsqrt_()
            update *= g
            denom = max(1.0, float(_norm(xp, update)) / (update.size ** 0.5 * group["d"]))
            check_fits(tuple(p.shape), update.shape)
            add_scaled_(p._data, update, float(-alpha / type(alpha)(denom)))
            bump(p)


def _factored_state(state: dict[str, Any], shape: tuple[int, ...]) -> tuple[Any, Any]:
    """The row and column statistics, checked as PyTorch's in-place updates check them (a
    state loaded for another shape fails there, after the step count went up)."""
    row, col = state.get("row_var"), state.get("col_var")
    if row is None or col is None:
        raise AssertionError("row_var and col_var should be defined when grad is "
                             "multidimensional")
    check_fits(tuple(row.shape), (*shape[:-1], 1))
    check_fits(tuple(col.shape), (*shape[:-2], 1, shape[-1]))
    return row, col


Adafactor.__module__ = "autograd_kit.optim"  # where PyTorch names its home
