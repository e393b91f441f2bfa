"""Checking what a backward rule returned, as PyTorch's engine does (``validate_outputs``).

Each gradient must be a tensor (or None) of its input's shape, on its input's device. A
gradient in a *broadcast* shape is summed back (``Add`` simply returns ``grad`` for both
inputs); a 0-dim one on another device is moved (a CPU scalar used beside GPU tensors);
anything else is an error naming the node.
"""

from __future__ import annotations

from typing import Any

import numpy

from . import backend
from .function import Node
from .ops.broadcast import sum_to
from .tensor import Tensor


def checked_gradient(node: Node, index: int, g: Any, expected: tuple[int, ...] | None,
                     target: Node | None) -> Any:
    """One returned gradient: a tensor (or None) of its input's shape, or a clear error."""
    if g is None or target is None:  # an input that needs no gradient: not looked at
        return g
    if not isinstance(g, Tensor):
        raise RuntimeError(f"expected Variable or None (got {type(g).__name__})")
    if expected is not None and g._data.shape != expected:
        g = _fit_shape(node, index, g, expected)
    if node._input_devices is None and type(g._data) is not numpy.ndarray:
        g = on_input_device(node, index, g, backend.CPU)
    return g


def on_input_device(node: Node, index: int, g: Tensor, where: Any) -> Tensor:
    """A gradient must be on its input's device; a 0-dim one is moved there (PyTorch's
    rule, for a CPU scalar used beside GPU tensors)."""
    if g.device == where:
        return g
    if g._data.ndim == 0:
        return g.to(where)
    raise RuntimeError(f"Function {node.name()} returned an invalid gradient at index {index} - "
                       f"expected device {where} but got {g.device}")


def _fit_shape(node: Node, index: int, g: Tensor, expected: tuple[int, ...]) -> Tensor:
    """A gradient of the wrong shape is summed down if it broadcasts, else it is an error."""
    shape = g._data.shape
    fits = len(shape) >= len(expected) and all(
        e == s or e == 1 for e, s in zip(expected, shape[len(shape) - len(expected):])
    )
    if not fits:  # (PyTorch: expected must expand to the shape; an empty batch is fine)
        raise RuntimeError(
            f"Function {node.name()} returned an invalid gradient at index {index} - got "
            f"{list(shape)} but expected shape compatible with {list(expected)}"
        )
    return sum_to(g, expected)
