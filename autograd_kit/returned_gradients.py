"""Running a node's backward rule, and checking what it returned as PyTorch's engine does
(``validate_outputs``).

Each gradient must be a tensor (or None) of its input's shape, on its input's device. A
gradient in a *broadcast* shape is summed back (``Add`` simply returns ``grad`` for both
inputs); a 0-dim one on another device is moved (a CPU scalar used beside GPU tensors);
anything else is an error naming the node.
"""

from __future__ import annotations

from typing import Any

import numpy

from . import anomaly_mode, backend
from .creation_sizes import c_type_name
from .function import Node
from .grad_dtype import in_gradient_dtype
from .ops.broadcast import sum_to
from .tensor import Tensor


def checked_gradient(node: Node, index: int, g: Any, expected: tuple[int, ...] | None,
                     target: Node | None) -> Any:
    """One returned gradient: a tensor (or None) of its input's shape, or a clear error."""
    if g is None:
        return g
    if not isinstance(g, Tensor):  # (for any tensor input, as PyTorch's engine checks)
        raise RuntimeError(f"expected Variable or None (got {c_type_name(type(g))})")
    if target is None:  # an input that needs no gradient: only its type is looked at
        return g
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


def run_rule(node: Node, grads: list[Tensor | None]) -> tuple[Tensor | None, ...]:
    """Call the node's backward rule and check what it returned.

    A rule may return a gradient in the *broadcast* shape (``Add`` simply returns ``grad``
    for both inputs): here it is summed back to its input's shape, as PyTorch's engine does.
    Gradients for inputs that need none (no edge) are checked only for their type (a tensor
    or None), as PyTorch's engine does. In an
    operation on mixed dtypes each gradient is cast to its own input's dtype.
    """
    arriving = grads[0]
    quick = node._quick_rule  # (one output, inputs in a row, CPU, one dtype: see Function)
    if (quick or node._builtin_rule and node.num_outputs == 1) and arriving is not None and (
            type(arriving._data) is numpy.ndarray):  # the common case, kept short: a kit's
        outputs = node._function.backward(node, arriving)  # rule, one CPU gradient
        if type(outputs) is not tuple:
            outputs = (outputs,)
        shapes = node._input_shapes
        if quick and len(outputs) == len(shapes):
            for g, expected in zip(outputs, shapes):  # (None: a number, no edge)
                if g is not None and expected is not None and (
                        type(g) is not Tensor or g._data.shape != expected
                        or type(g._data) is not numpy.ndarray):
                    break
            else:
                if not anomaly_mode.state.enabled:
                    return outputs
        if len(outputs) != len(shapes) or node._input_positions is not None:
            outputs = node._input_gradients(outputs)  # (in input order)
    else:
        outputs = _rule_outputs(node, grads)
    shapes = node._input_shapes
    if len(outputs) != len(shapes):
        raise RuntimeError(f"function {node.name()} returned an incorrect number of gradients "
                           f"(expected {len(shapes)}, got {len(outputs)})")
    devices = node._input_devices  # None: every input is on the CPU
    for g, expected, edge in zip(outputs, shapes, node._next_functions):
        if g is not None and ((type(g) is not Tensor and expected is not None) or (
                edge[0] is not None and (type(g) is not Tensor or g._data.shape != expected or (
                    devices is None and type(g._data) is not numpy.ndarray)))):
            outputs = tuple(checked_gradient(node, i, g, shape, edge[0]) for i, (g, shape, edge)
                            in enumerate(zip(outputs, shapes, node._next_functions)))
            break
    if devices is not None:
        outputs = tuple(g if g is None or where is None or edge[0] is None
                        else on_input_device(node, i, g, where) for i, (g, where, edge)
                        in enumerate(zip(outputs, devices, node._next_functions)))
    if node._input_dtypes is not None:  # mixed dtypes, or a learner's Function: each input's
        # own dtype, or a leaf's grad_dtype (a gradient with no edge stays as it is)
        outputs = tuple(g if g is None or kind is None or edge[0] is None
                        else in_gradient_dtype(g, kind, getattr(edge[0], "variable", None))
                        for g, kind, edge in zip(outputs, node._input_dtypes,
                                                 node._next_functions))
    if anomaly_mode.state.enabled:
        anomaly_mode.check_gradients(node, outputs)
    return outputs


def _rule_outputs(node: Node, grads: list[Tensor | None]) -> tuple[Tensor | None, ...]:
    """``node.apply(*grads)``, on the gradients' GPU when they are on one (the first
    gradient that arrived tells the device; there may be none: a custom Function's backward
    is given zeros then, unless it asked not to be)."""
    arriving = grads[0]
    if arriving is None or node.num_outputs > 1:
        if getattr(node, "_materialize_grads", False):
            grads = _materialize(node, grads)
        arriving = next((g for g in grads if g is not None), None)
    if arriving is not None and type(arriving._data) is not numpy.ndarray:
        with backend.on_device(arriving.device):  # CuPy computes on the current GPU
            return node.apply(*grads)
    return node.apply(*grads)


def _materialize(node: Node, grads: list[Tensor | None]) -> list[Tensor | None]:
    """Zeros for outputs that received no gradient (custom Functions expect tensors); but
    None for an output marked non-differentiable when forward set
    ``ctx._materialize_non_diff_grads = False`` (as in PyTorch)."""
    from .creation import zeros

    metas = list(node._output_meta)
    if getattr(node, "_materialize_non_diff_grads", True) is False:
        for nr in node._non_differentiable_outputs:
            metas[nr] = None
    return [
        g if g is not None or meta is None else zeros(meta[0], dtype=meta[1], device=meta[2])
        for g, meta in zip(grads, metas)  # meta None: no tensor (or not differentiable) there
    ]
