"""``get_numerical_jacobian`` and ``get_analytical_jacobian``: the Jacobians gradcheck
compares, as PyTorch still exposes them (deprecated: each call gives a FutureWarning).

The numerical one is built by central differences, (f(x + ε) - f(x - ε)) / 2ε for each input
value; the analytical one from backward, one vector–Jacobian product per output element (run
twice: a backward that gives other values the second time is not *reentrant*). Both are
shaped (input values, output values).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy

from ..tensor import Tensor
from .gradcheck import _analytical_rows, _as_tensor, _as_tuple, numerical_jacobian

__all__ = ["get_analytical_jacobian", "get_numerical_jacobian"]


def _deprecated(name: str) -> None:
    warnings.warn(f"`{name}` was part of PyTorch's private API and not meant to be exposed. "
                  "We are deprecating it and it will be removed in a future version of "
                  "PyTorch. If you have a specific use for this or feature request for this to "
                  "be a stable API, please file us an issue at "
                  "https://github.com/pytorch/pytorch/issues/new", FutureWarning, stacklevel=3)


def _check_grad_out(name: str, grad_out: float) -> None:
    if grad_out != 1.0:  # (kept in the signature for old callers only)
        raise ValueError(f"Expected grad_out to be 1.0. {name} no longer supports values of "
                         "grad_out != 1.0.")


def _requiring_grad(values: Any) -> list[Tensor]:
    return [v for v in _as_tuple(values) if isinstance(v, Tensor) and v.requires_grad]


def get_numerical_jacobian(fn: Callable[[tuple[Any, ...]], Any], inputs: Sequence[Any],
                           target: Any = None, eps: float = 1e-3,
                           grad_out: float = 1.0) -> tuple[Tensor, ...]:
    """∂(fn's first output)/∂x by central differences, for each x of ``target`` (default:
    the inputs that require grad) that requires grad; ``fn`` takes the inputs as one tuple."""
    _deprecated("get_numerical_jacobian")
    _check_grad_out("get_numerical_jacobian", grad_out)
    inputs = _as_tuple(inputs)

    def call(*_: Any) -> Any:  # (x is changed in place: fn sees it wherever it is)
        return fn(inputs)

    first = _as_tuple(fn(inputs))[0]
    return tuple(_as_tensor(numerical_jacobian(call, [x], 0, eps, [first])[0], first)
                 for x in _requiring_grad(inputs if target is None else target))


def get_analytical_jacobian(inputs: Sequence[Any], output: Tensor, nondet_tol: float = 0.0,
                            grad_out: float = 1.0,
                            ) -> tuple[tuple[Tensor, ...], bool, bool, bool]:
    """(∂output/∂x for each input x that requires grad, whether backward is reentrant
    (the same Jacobians twice, within ``nondet_tol``), whether the gradients had the inputs'
    sizes, and their dtypes: the engine sees to both)."""
    _deprecated("get_analytical_jacobian")
    _check_grad_out("get_analytical_jacobian", grad_out)
    wanted = _requiring_grad(inputs)
    first, second = _analytical_rows(output, wanted), _analytical_rows(output, wanted)
    reentrant = all(not a.size or numpy.abs(a - b).max() <= nondet_tol
                    for a, b in zip(first, second))
    return tuple(_as_tensor(j, x) for j, x in zip(first, wanted)), reentrant, True, True
