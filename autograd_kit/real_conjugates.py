"""Complex-number operations on the kit's real tensors, and in-place special functions:
``conj_physical`` (the tensor itself; in place, a recorded no-op, ``ConjPhysicalBackward1``),
``torch.adjoint`` (``x.adjoint()``), and ``igamma_`` / ``igammac_`` (``igamma`` written into
the tensor, recorded as the function is).
"""

from __future__ import annotations

from typing import Any

from .function import Function
from .tensor import Tensor


class ConjPhysicalInPlace(Function):
    """x.conj_physical_(): x itself for real values (recorded, the version moves on)

    grad_x = conj(grad) = grad
    """

    node_name = "ConjPhysicalBackward1"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        return x._data.copy()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return grad


def conj_physical(input: Tensor) -> Tensor:  # noqa: A002
    """The complex conjugate in new memory: a real tensor is returned itself."""
    return input


def conj_physical_(input: Tensor) -> Tensor:  # noqa: A002
    """Conjugate in place: for real values nothing changes, but the change is recorded."""
    from .tensor_method_families import apply_inplace

    return apply_inplace(input, ConjPhysicalInPlace)


def adjoint(input: Tensor) -> Tensor:  # noqa: A002
    """The conjugate transpose of the last two dims (a view): ``input.adjoint()``."""
    return input.adjoint()


class _Special:
    """A function of ``special`` as the rule ``apply_inplace`` records."""

    def __init__(self, name: str) -> None:
        self.name = name

    def apply(self, x: Tensor, other: Tensor) -> Tensor:
        from . import special

        return getattr(special, self.name)(x, other)


def igamma_(self: Tensor, other: Tensor) -> Tensor:
    """The regularized lower incomplete gamma P(self, other), written into self."""
    from .tensor_method_families import apply_inplace

    return apply_inplace(self, _Special("gammainc"), other)


def igammac_(self: Tensor, other: Tensor) -> Tensor:
    """The regularized upper incomplete gamma Q(self, other), written into self."""
    from .tensor_method_families import apply_inplace

    return apply_inplace(self, _Special("gammaincc"), other)


FUNCTIONS = {"conj_physical": conj_physical, "conj_physical_": conj_physical_,
             "adjoint": adjoint}
METHODS = {"conj_physical": conj_physical, "conj_physical_": conj_physical_,
           "igamma_": igamma_, "igammac_": igammac_}
