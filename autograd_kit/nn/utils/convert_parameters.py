"""All parameters as one vector (``parameters_to_vector``) and back
(``vector_to_parameters``)."""

from __future__ import annotations

from collections.abc import Iterable

from ... import ops
from ...tensor import Tensor, typename

__all__ = ["parameters_to_vector", "vector_to_parameters"]


def _check_param_device(param: Tensor, old_param_device: int | None) -> int:
    """The first parameter's device index (-1 for the CPU); a TypeError if ``param`` is
    elsewhere."""
    here = param.get_device() if param.device.type == "cuda" else -1
    if old_param_device is None:
        return here
    if here != old_param_device:
        raise TypeError("Found two parameters on different devices, this is currently not "
                        "supported.")
    return old_param_device


def parameters_to_vector(parameters: Iterable[Tensor]) -> Tensor:
    """All parameters flattened and joined into one vector (``cat`` of their ``view(-1)``,
    so gradients flow back to them)."""
    device = None
    vec = []
    for param in parameters:
        device = _check_param_device(param, device)
        vec.append(param.view(-1))
    return ops.cat(vec)


def vector_to_parameters(vec: Tensor, parameters: Iterable[Tensor]) -> None:
    """Cut ``vec`` into pieces the parameters' sizes and make them the parameters' data."""
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {typename(vec)}")
    device = None
    pointer = 0
    for param in parameters:
        device = _check_param_device(param, device)
        n = param.numel()
        param.data = vec[pointer:pointer + n].view_as(param).data
        pointer += n
