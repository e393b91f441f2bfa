"""``cov`` and ``corrcoef``: the covariance (and correlation) matrix of variables given as
rows, observations as columns.

No rules of their own: as in PyTorch, each is written with other operations (sum, div,
sub, mm, sqrt, clamp, …), so the graph records those and the gradient follows from them.
The steps below are PyTorch's own, in its order, so the nodes are the same.
"""

from __future__ import annotations

import warnings

from .. import dtypes
from ..scalar_warning import triggered_at
from ..tensor import Tensor


def _check_weights(name: str, w: Tensor, observations: int, integral: bool) -> None:
    """PyTorch's checks of ``fweights`` (integers) and ``aweights`` (floats)."""
    if w.ndim > 1:
        raise RuntimeError(f"cov(): expected {name} to have one or fewer dimensions but got "
                           f"{name} with {w.ndim} dimensions")
    kind_ok = w._data.dtype.kind in "iu" if integral else w.dtype.is_floating_point
    if not kind_ok:
        word = dtypes.scalar_type_word(w.dtype.name)
        wanted = "integral" if integral else "floating point"
        raise RuntimeError(f"cov(): expected {name} to have {wanted} dtype but got {name} "
                           f"with {word} dtype")
    if w.numel() != observations:
        raise RuntimeError(f"cov(): expected {name} to have the same numel as there are "
                           f"observations in the input but got {w.numel()} != {observations}")
    if observations and bool((w._data < 0).any()):
        raise RuntimeError(f"cov(): {name} cannot be negative")


def cov(input: Tensor, *, correction: int = 1, fweights: Tensor | None = None,  # noqa: A002
        aweights: Tensor | None = None) -> Tensor:
    """The covariance matrix of the rows of ``input`` (one variable per row, a 1-D input is
    one variable):  Σ_ij = Σ_k w_k (x_ik - μ_i)(x_jk - μ_j) / (Σ_k w_k - correction),
    with weights w = fweights · aweights (1 without them)."""
    if input.ndim > 2:
        raise RuntimeError("cov(): expected input to have two or fewer dimensions but got an "
                           f"input with {input.ndim} dimensions")
    if input.dtype.name == "bool":
        raise RuntimeError("cov(): bool dtype is not supported for input")
    x = input.view(1, -1) if input.ndim < 2 else input
    observations = x.shape[1]
    w = None
    if fweights is not None:
        _check_weights("fweights", fweights, observations, integral=True)
        w = fweights
    if aweights is not None:
        _check_weights("aweights", aweights, observations, integral=False)
        w = aweights if w is None else w * aweights
    if w is None:
        w_sum = Tensor._make(x._xp.asarray(observations, dtype="int64"))
    else:
        w_sum = w.sum()
        if not bool(w_sum._data != 0):
            raise RuntimeError("cov(): weights sum to zero, can't be normalized")
    avg = (x if w is None else x * w).sum(1) / w_sum
    if w is not None and aweights is not None and correction != 0:
        norm_factor = w_sum - correction * (w * aweights).sum() / w_sum
    else:
        norm_factor = w_sum - correction
    if bool(norm_factor._data <= 0):
        warnings.warn(triggered_at("cov(): degrees of freedom is <= 0. Correction should be "
                                   "strictly less than the number of observations.",
                                   "aten/src/ATen/native/Correlation.cpp:129"), UserWarning,
                      stacklevel=2)
        norm_factor = norm_factor.detach().zero_()
    x = x - avg.unsqueeze(1)
    c = x.mm((x if w is None else x * w).t())
    return (c / norm_factor).squeeze()


def corrcoef(input: Tensor) -> Tensor:  # noqa: A002
    """The correlation matrix of the rows of ``input``: cov(input) with each entry divided
    by the two standard deviations, σ_i σ_j, then clipped to [-1, 1]."""
    if input.ndim > 2:
        raise RuntimeError("corrcoef(): expected input to have two or fewer dimensions but got "
                           f"an input with {input.ndim} dimensions")
    c = cov(input)
    if c.ndim == 0:  # one variable: 1 (nan where its variance is 0, inf or nan)
        return c / c
    stddev = c.diagonal().sqrt()
    c = c / stddev.view(-1, 1)
    c = c / stddev.view(1, -1)
    return c.clip(-1, 1)

