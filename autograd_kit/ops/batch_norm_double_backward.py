"""Batch norm's second derivative as PyTorch's ``batchnorm_double_backward`` computes it: the
backward of ``NativeBatchNormBackwardBackward0`` (batch norm's backward, recorded under
``create_graph=True``), written step by step with PyTorch's operations, in-place ones
included, so that a third derivative records PyTorch's graph (its nodes, their order, the
gradients' versions).

With x̄ = x - μ, r = 1/√(σ² + ε) per channel, M values per channel, S(t) = Σ t over all but
the channel axis, gO the first backward's incoming gradient and (ggI, ggG, ggB) the
gradients arriving for its outputs (∂L/∂x, ∂L/∂w, ∂L/∂b):

- ∂/∂x (training) = w · [x̄ r³/M · (S(ggI) S(gO)/M - S(gO ggI) + 3 r² S(gO x̄) S(ggI x̄)/M)
  + r³ S(ggI x̄)/M · (S(gO)/M - gO) + r³ S(gO x̄)/M · (S(ggI)/M - ggI)]
  + ggG · (gO r - r S(gO)/M - x̄ r³ S(gO x̄)/M)     (evaluation: ggG · r · gO)
- ∂/∂w = S(ggI · b(gO, 1)) with b(g, γ) = γ r/M · (M g - S(g) - x̄ r² S(g x̄)), the first
  backward's ∂L/∂x (evaluation: S(ggI · gO · r))
- ∂/∂gO = b(ggI, w) + ggG · x̄ · r + ggB     (evaluation: ggI · r · w + …)

In training the kit takes μ and r from x by operations, where PyTorch takes the forward's
saved results, whose gradients its batch norm backward then drops: so a third derivative
follows their dependence on x too (PyTorch 2.13's third derivative misses it: finite
differences disagree with it, and agree with the kit's). In evaluation they are the
running statistics, constants.
Operands are made right one first where PyTorch's compiled C++ makes them so (``a * b``);
C++'s products and quotients by a number are recorded as such (MulBackward1, DivBackward1).
"""

from __future__ import annotations

import math

from ..tensor import Tensor
from .arithmetic import DivNumber
from .cpp_numbers import times_number


def _over(t: Tensor, number: int) -> Tensor:
    """t / n as C++'s ``t.div_(n)`` records it (DivBackward1)."""
    return DivNumber.apply(t, number)


def _sum_exclude_dim1(t: Tensor, keepdim: bool = True) -> Tensor:
    """S(t): Σ over dimension 0, then over the trailing dimensions one by one."""
    r = t.sum(0, keepdim)
    for dim in range(r.dim() - 1, 1 if keepdim else 0, -1):
        r = r.sum(dim, keepdim)
    return r


def _unsqueeze_dim1(src: Tensor, target: Tensor) -> Tensor:
    """A per-channel (C,) tensor as (1, C, 1, …), to broadcast against ``target``."""
    while src.dim() < target.dim() - 1:
        src = src.unsqueeze(1)
    return src.unsqueeze(0) if src.dim() == target.dim() - 1 else src


def _expand_as_dim1(src: Tensor, target: Tensor) -> Tensor:
    """A per-channel (C,) tensor expanded to ``target``'s shape."""
    while src.dim() < target.dim() - 1:
        src = src.unsqueeze(1)
    return src.expand_as(target)


def batch_norm_double_backward(training: bool, eps: float,
                               wanted: tuple[bool, ...], ggI: Tensor | None,
                               ggG: Tensor | None, ggB: Tensor | None, gO: Tensor,
                               x: Tensor, w: Tensor | None, running_mean: Tensor | None,
                               running_var: Tensor | None) -> tuple[Tensor | None, ...]:
    """The gradients for (gO, x, w) of batch norm's backward (see the module's formulas): the
    ``wanted`` ones, in that order."""
    affine = isinstance(w, Tensor)
    ggG_e = ggB_e = None
    if affine:
        gamma_e = _expand_as_dim1(w, x)
        if ggG is not None:
            ggG_e = _expand_as_dim1(ggG, x)
        if ggB is not None:
            ggB_e = _expand_as_dim1(ggB, x)
    else:
        gamma_e = x.new_ones(())
    M = x.size(0) * math.prod(x.shape[2:])
    if training:  # (see the module's note on the statistics)
        axes = (0, *range(2, x.dim()))
        mean = x.mean(axes)
        invstd = ((x - _unsqueeze_dim1(mean, x)) ** 2).mean(axes).add(eps).rsqrt()
    else:
        mean, invstd = running_mean, running_var.add(eps).pow(-0.5)  # type: ignore[union-attr]
    mu = _unsqueeze_dim1(mean, x)
    x_mu = x - mu
    r = _unsqueeze_dim1(invstd, x)
    r2, r3 = r.pow(2), r.pow(3)
    x_mu_r3 = x_mu * r3
    gO_x_mu_sum = _sum_exclude_dim1(gO * x_mu)
    gO_sum = _sum_exclude_dim1(gO)

    gI = None
    if ggI is not None and training:
        ggI_sum = _sum_exclude_dim1(ggI)
        ggI_x_mu_sum = _sum_exclude_dim1(ggI * x_mu)
        all_sub = _over(ggI_sum * gO_sum, M).sub_(_sum_exclude_dim1(gO * ggI))
        all_sub = all_sub.add_(times_number(r2 * gO_x_mu_sum * ggI_x_mu_sum, 3. / M))
        gI_0t = _over(x_mu_r3 * all_sub, M)
        right = _over(gO_sum, M) - gO
        gI_1t = _over(ggI_x_mu_sum * r3, M) * right
        right = _over(ggI_sum, M) - ggI
        gI_2t = _over(gO_x_mu_sum * r3, M) * right
        gI = gamma_e * gI_0t.add_(gI_1t).add_(gI_2t)
    if ggG_e is not None:
        if training:
            t0 = gO * r
            t1 = _over(r * gO_sum, -M)
            summed = _sum_exclude_dim1(gO * x_mu)
            t2 = _over(x_mu_r3 * summed, -M)
            term = ggG_e * t0.add_(t1).add_(t2)
        else:
            term = ggG_e * r * gO
        gI = term if gI is None else gI.add_(term)

    def first_backward(g: Tensor, gamma: Tensor) -> Tensor:
        """b(g, γ): the first backward's ∂L/∂x for an incoming g."""
        h0 = _over(gamma * r, M)
        h1 = times_number(g, M).sub_(_sum_exclude_dim1(g))
        summed = _sum_exclude_dim1(g * x_mu)
        h1 = h1.sub_(x_mu.mul(r2) * summed)
        return h0 * h1

    gG = None
    if affine and ggI is not None:
        if training:
            gG = _sum_exclude_dim1(ggI * first_backward(gO, r.new_ones(())), False)
        else:
            gG = _sum_exclude_dim1(ggI * gO * r, False)
    ggO = None
    if ggI is not None:
        ggO = first_backward(ggI, gamma_e) if training else ggI * r * gamma_e
    if ggG_e is not None:
        term = ggG_e * x_mu * r
        ggO = term if ggO is None else ggO.add_(term)
    if ggB_e is not None:
        ggO = ggB_e if ggO is None else ggO.add_(ggB_e)
    return tuple(g for g, need in zip((ggO, gI, gG), wanted) if need)
