"""More activations of ``nn.functional``: selu, celu, mish, hardswish, hardsigmoid, threshold
and prelu (rules in ``ops/activations_more.py``)."""

from __future__ import annotations

from .. import dtypes
from ..inplace import apply_inplace
from ..ops import activations_more as _more
from ..ops.operands import INTEGERS, require_kernel_dtype
from ..tensor import Tensor
from .arguments import require_tensor, tensor_input
from .functional_arguments import number


def selu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """scale · (x where x > 0, else α(eˣ - 1)), α ≈ 1.6733, scale ≈ 1.0507."""
    require_tensor("selu_" if inplace else "selu", input)
    params = (_more.SELU_ALPHA, _more.SELU_SCALE, 1)
    if inplace:
        return apply_inplace(input, _more.ScaledEluInplace, *params)
    return _more.ScaledElu.apply(input, *params)


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """max(0, x) + min(0, α(e^(x/α) - 1))."""
    require_tensor("celu_" if inplace else "celu", input)
    alpha = number("celu", "alpha", 2, alpha)
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU")
    params = (alpha, 1.0, 1.0 / alpha)
    if inplace:
        return apply_inplace(input, _more.CeluInplace, *params)
    return _more.Celu.apply(input, *params)


def _maybe_inplace(function: type, input: Tensor, inplace: bool, *params: float) -> Tensor:  # noqa: A002
    return apply_inplace(input, function, *params) if inplace else function.apply(input, *params)


def mish(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """x · tanh(softplus(x))."""
    require_tensor("mish_" if inplace else "mish", input)
    return _maybe_inplace(_more.Mish, input, inplace)


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """x · relu6(x + 3) / 6."""
    require_tensor("hardswish_" if inplace else "hardswish", input)
    return _maybe_inplace(_more.Hardswish, input, inplace)


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """relu6(x + 3) / 6."""
    require_tensor("hardsigmoid_" if inplace else "hardsigmoid", input)
    return _maybe_inplace(_more.Hardsigmoid, input, inplace)


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:  # noqa: A002
    """x where x > threshold, else value."""
    require_tensor("threshold_" if inplace else "threshold", input)
    threshold, value = number("threshold", "threshold", 2, threshold), \
        number("threshold", "value", 3, value)
    require_kernel_dtype("threshold_cpu", input, *INTEGERS)
    if inplace:
        return apply_inplace(input, _more.ThresholdInplace, threshold, value)
    return _more.Threshold.apply(input, threshold, value)


threshold.__name__ = "_threshold"  # as PyTorch's (its public name wraps a private function)


@tensor_input("threshold_")
def threshold_(input: Tensor, threshold: float, value: float) -> Tensor:  # noqa: A002
    return apply_inplace(input, _more.ThresholdInplace, threshold, value)


@tensor_input("prelu")
def prelu(input: Tensor, weight: Tensor) -> Tensor:  # noqa: A002
    """x where x > 0, else weight · x; weight has 1 value or one per channel (dimension 1)."""
    require_tensor("prelu", input)
    if weight.dtype != input.dtype:
        raise RuntimeError("prelu: Type promoting not supported. Got "
                           f"{dtypes.scalar_type_word(input.dtype.name)} and "
                           f"{dtypes.scalar_type_word(weight.dtype.name)}")
    count = weight.numel()
    if count != 1:
        if input.dim() == 0:
            raise RuntimeError("Not allow zero-dim input tensor.")
        channels = input.shape[1] if input.dim() >= 2 else 1
        if count != channels:
            raise RuntimeError(
                "Mismatch of parameter numbers and input channel size. Found parameter "
                f"numbers = {count} and channel size = {channels}.")
    if weight.dim() > 1:
        raise RuntimeError("prelu: Expected `weight` to be a scalar or 1D tensor, but got: "
                           f"ndim = {weight.dim()}")
    require_kernel_dtype("prelu_cpu", input)
    shape = [1] * input.dim()
    if input.dim() >= 2:
        shape[1] = count
    elif input.dim() == 1:
        shape[0] = count
    if tuple(weight.shape) != tuple(shape):  # lined up with the input, as PyTorch does
        weight = weight.view(tuple(shape))
    return _more.Prelu.apply(input, weight)
