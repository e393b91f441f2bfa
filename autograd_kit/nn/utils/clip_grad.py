"""Gradient clipping, called between ``loss.backward()`` and ``optimizer.step()``::

    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    optimizer.step()
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ... import grad_mode, ops
from ...creation import tensor
from ...tensor import Tensor

__all__ = ["clip_grad_norm", "clip_grad_norm_", "clip_grad_value_", "clip_grads_with_norm_",
           "get_total_norm"]


def _as_list(parameters: Tensor | Iterable[Tensor]) -> list[Tensor]:
    return [parameters] if isinstance(parameters, Tensor) else list(parameters)


@grad_mode.no_grad()
def get_total_norm(tensors: Tensor | Iterable[Tensor], norm_type: float = 2.0,
                   error_if_nonfinite: bool = False, foreach: bool | None = None) -> Tensor:
    """‖(‖t₁‖, ‖t₂‖, …)‖: the p-norm (p = norm_type; inf: the largest |t|) of all the tensors
    together, as a tensor (``tensor(0.)`` for none)."""
    tensors = [t for t in _as_list(tensors) if t is not None]
    norm_type = float(norm_type)
    if not tensors:
        return tensor(0.0)
    norms = [ops.norm(t, norm_type) for t in tensors]
    total = ops.norm(ops.stack([n.to(norms[0].device) for n in norms]), norm_type)
    if error_if_nonfinite and not math.isfinite(float(total.item())):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from `parameters` is "
            "non-finite, so it cannot be clipped. To disable this error and scale the "
            "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`"
        )
    return total


@grad_mode.no_grad()
def clip_grads_with_norm_(parameters: Tensor | Iterable[Tensor], max_norm: float,
                          total_norm: Tensor, foreach: bool | None = None) -> None:
    """g ← g · min(1, max_norm / (total_norm + 1e-6)) for every gradient g, in place. As
    PyTorch's, ``max_norm`` is read as a float and ``torch.clamp``'s checks refuse a
    ``total_norm`` that is a number, not a tensor."""
    from ... import clamp  # (the public function, with PyTorch's argument checks)

    grads = [p.grad for p in _as_list(parameters) if p.grad is not None]
    max_norm = float(max_norm)
    if not grads:
        return
    clip_coef = clamp(max_norm / (total_norm + 1e-6), max=1.0)
    for g in grads:
        g.mul_(clip_coef.to(g.device))


@grad_mode.no_grad()
def clip_grad_norm_(parameters: Tensor | Iterable[Tensor], max_norm: float,
                    norm_type: float = 2.0, error_if_nonfinite: bool = False,
                    foreach: bool | None = None) -> Tensor:
    """Scale all gradients together so that their joint norm is at most ``max_norm``::

        total = ‖(‖g₁‖, ‖g₂‖, …)‖          (p-norms with p = norm_type; inf: the largest |g|)
        g ← g · min(1, max_norm / (total + 1e-6))      for every gradient g

    Returns ``total`` (the norm *before* clipping) as a tensor. Parameters without a
    gradient are skipped; with none at all the result is ``tensor(0.)``.
    """
    parameters = _as_list(parameters)
    grads = [p.grad for p in parameters if p.grad is not None]
    total = get_total_norm(grads, norm_type, error_if_nonfinite, foreach)
    clip_grads_with_norm_(parameters, max_norm, total, foreach)
    return total


def clip_grad_norm(parameters: Tensor | Iterable[Tensor], max_norm: float,
                   norm_type: float = 2.0, error_if_nonfinite: bool = False,
                   foreach: bool | None = None) -> Tensor:
    """The old name of `clip_grad_norm_` (it warns, as PyTorch does)."""
    import warnings

    warnings.warn("`autograd_kit.nn.utils.clip_grad_norm` is now deprecated in favor of "
                  "`autograd_kit.nn.utils.clip_grad_norm_`.", FutureWarning, stacklevel=2)
    return clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite, foreach)


@grad_mode.no_grad()
def clip_grad_value_(parameters: Tensor | Iterable[Tensor], clip_value: float,
                     foreach: bool | None = None) -> None:
    """Clamp every gradient element into [-clip_value, clip_value], in place: by default (and
    with ``foreach=True``) as PyTorch's foreach path, ``clamp_min_`` then ``clamp_max_`` (two
    in-place updates, seen in ``_version``); with ``foreach=False`` one ``clamp_``. With no
    gradient at all it fails as PyTorch's grouping of the gradients by device fails on an
    empty list."""
    clip_value = float(clip_value)
    grads = [p.grad for p in _as_list(parameters) if p.grad is not None]
    if not grads:
        raise RuntimeError("Expected !nested_tensorlist[0].empty() to be true, but got false.  "
                           "(Could this error message be improved?  If so, please report an "
                           "enhancement request to PyTorch.)")
    for g in grads:
        if foreach is False:
            g.clamp_(min=-clip_value, max=clip_value)
        else:
            g.clamp_min_(-clip_value).clamp_max_(clip_value)
