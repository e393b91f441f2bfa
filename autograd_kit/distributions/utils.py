"""Helpers shared by the distributions (torch.distributions.utils).

- `broadcast_all(*values)`: numbers become tensors, then everything is broadcast together.
- `logits_to_probs` / `probs_to_logits`: sigmoid / softmax and back, with clamping so that
  `log 0` never appears.
- `lazy_property`: a parameter computed on first access (a Bernoulli built from `probs`
  computes `logits` only when asked), then stored on the instance.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from .. import creation, grad_mode
from ..dtypes import finfo, get_default_dtype
from ..tensor import Size, Tensor
from ..tensor_queries import broadcast_tensors

euler_constant = 0.57721566490153286060  # Euler-Mascheroni constant

NUMBER_TYPES = (int, float, bool)  # torch.types._Number


def is_number(value: object) -> bool:
    """True for a Python int, float or bool (what PyTorch upcasts to a tensor)."""
    return isinstance(value, NUMBER_TYPES)


def broadcast_all(*values: Tensor | float) -> tuple[Tensor, ...]:
    """Broadcast tensors and numbers together.

    Numbers become tensors with the dtype (and device) of the first tensor among `values`,
    or the default dtype when there is none; then `broadcast_tensors` gives them one shape.
    """
    if not all(isinstance(v, Tensor) or is_number(v) for v in values):
        raise ValueError(
            "Input arguments must all be instances of Number, "
            "torch.Tensor or objects implementing __torch_function__."
        )
    if all(isinstance(v, Tensor) for v in values):
        return broadcast_tensors(*values)
    options: dict[str, Any] = {"dtype": get_default_dtype()}
    for value in values:
        if isinstance(value, Tensor):
            options = {"dtype": value.dtype, "device": value.device}
            break
    tensors = [v if isinstance(v, Tensor) else creation.tensor(v, **options) for v in values]
    return broadcast_tensors(*tensors)


def standard_normal(shape: Size, dtype: Any, device: Any) -> Tensor:
    """Draws of N(0, 1) with `shape` (PyTorch's `empty(shape).normal_()`, same stream)."""
    return creation.empty(shape, dtype=dtype, device=device).normal_()


def sum_rightmost(value: Tensor, dim: int) -> Tensor:
    """Sum out the `dim` rightmost dimensions of `value` (nothing when `dim == 0`)."""
    if dim == 0:
        return value
    return value.reshape(value.shape[:-dim] + (-1,)).sum(-1)


def logits_to_probs(logits: Tensor, is_binary: bool = False) -> Tensor:
    """Probabilities from logits.

    binary: p = sigmoid(l) = 1 / (1 + e^(-l)); otherwise p_i = softmax(l)_i along the last dim.
    """
    if is_binary:
        return logits.sigmoid()
    return logits.softmax(-1)


def clamp_probs(probs: Tensor) -> Tensor:
    """Clamp probabilities into [eps, 1 - eps], eps = finfo(probs.dtype).eps."""
    eps = finfo(probs.dtype).eps
    return probs.clamp(min=eps, max=1 - eps)


def probs_to_logits(probs: Tensor, is_binary: bool = False) -> Tensor:
    """Logits from probabilities (clamped first).

    binary: l = log p - log(1 - p) (the log-odds); otherwise l_i = log p_i.
    """
    clamped = clamp_probs(probs)
    if is_binary:
        return clamped.log() - (-clamped).log1p()
    return clamped.log()


class lazy_property:  # noqa: N801 - PyTorch's name
    """A property computed once, on first access, then stored as an instance attribute.

    It is computed with gradients enabled (so `logits` built from `probs` keeps its graph
    even when first read under `no_grad`). On the class it reads as a property.
    """

    def __init__(self, wrapped: Callable[[Any], Any]) -> None:
        self.wrapped = wrapped
        update_wrapper(self, wrapped)  # type: ignore[arg-type]

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return _LazyPropertyAndProperty(self.wrapped)
        with grad_mode.enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value


class _LazyPropertyAndProperty(lazy_property, property):
    """What a lazy property looks like on the class: both a lazy_property and a property."""

    def __init__(self, wrapped: Callable[[Any], Any]) -> None:
        property.__init__(self, wrapped)


def _binary_pair() -> tuple[lazy_property, lazy_property]:
    """The lazy ``logits``/``probs`` pair of a distribution with one success probability p,
    given as either one (Bernoulli, Geometric, Binomial, …): the other is computed on first
    use and then kept."""
    def logits(self: Any) -> Any:
        """log p - log(1 - p)."""
        return probs_to_logits(self.probs, is_binary=True)

    def probs(self: Any) -> Any:
        """sigmoid(logits)."""
        return logits_to_probs(self.logits, is_binary=True)

    return lazy_property(logits), lazy_property(probs)


binary_logits, binary_probs = _binary_pair()  # (class attributes: ``logits = binary_logits``)

_standard_normal = standard_normal  # PyTorch's private names, which some code imports
_sum_rightmost = sum_rightmost


def _tril_mask(n: int, diag: int, device: Any) -> Tensor:
    """mask[i, j] = j < i + diag + 1: the lower triangle down from diagonal `diag`."""
    arange = creation.arange(n, device=device)
    return arange < arange.view(-1, 1) + (diag + 1)


def tril_matrix_to_vec(mat: Tensor, diag: int = 0) -> Tensor:
    """The lower-triangular entries of a (batch of) D x D matrix, in row order."""
    n = mat.shape[-1]
    if diag < -n or diag >= n:
        raise ValueError(f"diag ({diag}) provided is outside [{-n}, {n - 1}].")
    return mat[..., _tril_mask(n, diag, mat.device)]


def vec_to_tril_matrix(vec: Tensor, diag: int = 0) -> Tensor:
    """The inverse of tril_matrix_to_vec: D from D² + (1 + 2 diag) D - |diag|(diag + 1) = 2 len."""
    n = (
        -(1 + 2 * diag)
        + ((1 + 2 * diag) ** 2 + 8 * vec.shape[-1] + 4 * abs(diag) * (diag + 1)) ** 0.5
    ) / 2
    eps = finfo(vec.dtype).eps
    if round(n) - n > eps:
        raise ValueError(
            f"The size of last dimension is {vec.shape[-1]} which cannot be expressed as "
            "the lower triangular part of a square D x D matrix."
        )
    n = round(n)
    mat = vec.new_zeros(vec.shape[:-1] + Size((n, n)))
    mat[..., _tril_mask(n, diag, vec.device)] = vec
    return mat
