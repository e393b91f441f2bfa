"""gradcheck's ``check_forward_ad``: forward-mode Jacobians against finite differences.

Forward mode gives J·t for a tangent t. With t the one-hot vector of input value k, J·t is
column k of the Jacobian, so one run of f per input value rebuilds the whole Jacobian (slow
mode); fast mode runs f once per input with a random unit tangent u and compares J·u with
the central difference (f(x + εu) - f(x - εu)) / 2ε. As PyTorch, f gets dual tensors made
from detached inputs, and every other input that requires grad carries a zero tangent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy

from .. import backend
from ..tensor import Tensor
from . import forward_ad


class ForwardMismatch(Exception):
    """Raised by the checks below with the message; gradcheck turns it into its own error."""


def _is_float(t: Any) -> bool:
    return isinstance(t, Tensor) and t.is_floating_point()


def _tangent(x: Tensor, values: numpy.ndarray) -> Tensor:
    """A tensor of ``x``'s dtype, shape and device holding ``values``."""
    xp = backend.module_of(x._data)
    return Tensor._make(xp.asarray(values.reshape(x.shape), dtype=x._data.dtype))


def forward_jvps(fn: Callable[..., Any], inputs: Sequence[Any], wanted: list[int],
                 index: int, direction: numpy.ndarray) -> list[numpy.ndarray]:
    """J·direction for each floating output of ``fn``, moving only ``inputs[index]``
    (zeros for an output without a tangent)."""
    with forward_ad.dual_level():
        args = list(inputs)
        for i in wanted:
            x = inputs[i]
            values = direction if i == index else numpy.zeros(x.numel())
            args[i] = forward_ad.make_dual(x.detach(), _tangent(x, values))
        outputs = fn(*args)
        outputs = outputs if isinstance(outputs, (tuple, list)) else (outputs,)
        jvps = []
        for out in outputs:
            if not _is_float(out):
                continue
            tangent = forward_ad.unpack_dual(out).tangent
            values = (numpy.zeros(out.numel(), dtype=backend.to_host(out._data).dtype)
                      if tangent is None else backend.to_host(tangent._data).ravel())
            jvps.append(numpy.array(values))
    return jvps


def forward_jacobians(fn: Callable[..., Any], inputs: Sequence[Any], wanted: list[int],
                      index: int) -> list[numpy.ndarray]:
    """The Jacobians of each floating output with respect to ``inputs[index]`` from forward
    AD, one one-hot tangent per input value: shaped (input values, output values)."""
    count = inputs[index].numel()
    columns = [forward_jvps(fn, inputs, wanted, index, row) for row in numpy.eye(count)]
    if not columns:
        return []
    return [numpy.stack([column[k] for column in columns]) for k in range(len(columns[0]))]


def mismatch_message(output: int, input_: int, numerical: Any, analytical: Any) -> str:
    """PyTorch's message for a forward-mode Jacobian that differs from the numerical one."""
    return (f"Jacobian computed with forward mode mismatch for output {output} with respect "
            f"to input {input_},\nnumerical:{numerical}\nanalytical:{analytical}\n")


def undefined_forward_mode(fn: Callable[..., Any], inputs: Sequence[Any],
                           directions: list[numpy.ndarray]) -> None:
    """``check_undefined_grad`` with ``check_forward_ad``: a zero tangent must work the same
    whether it is materialized (a dual with a tangent of zeros) or left undefined (a plain
    tensor). Per input that requires grad, f runs twice, once each way, the other inputs
    carrying their unit tangent ``directions`` (PyTorch's u); the output tangents, where
    both are defined, must agree.

    Raises `ForwardMismatch` with the arguments PyTorch's GradcheckError gets."""
    from ..creation import zeros_like
    from ..ops import allclose

    wanted = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    with forward_ad.dual_level():
        duals = list(inputs)
        for i, u in zip(wanted, directions):
            duals[i] = forward_ad.make_dual(inputs[i].detach(), _tangent(inputs[i], u))
        for i in wanted:
            x = inputs[i]
            runs = []
            for stand_in in (forward_ad.make_dual(x.detach(), zeros_like(x)), x.detach()):
                outputs = fn(*duals[:i], stand_in, *duals[i + 1:])
                outputs = outputs if isinstance(outputs, (tuple, list)) else (outputs,)
                runs.append([forward_ad.unpack_dual(o).tangent for o in outputs
                             if _is_float(o)])
            for k, (got, expected) in enumerate(zip(*runs)):
                if got is not None and expected is not None and not allclose(got, expected):
                    raise ForwardMismatch(
                        "Mismatch in tangent values for output with index: ", k,
                        " when input: ", x, " has an undefined tangent value. ", " Got: ",
                        got, " but expected: ", expected)
