"""Where a backward pass starts: its outputs (the *roots*) and their starting gradients.

`backward()` and `autograd.grad()` check what they were given here before the engine
runs: every root must be a tensor in a graph (or a GradientEdge), each gets a gradient of
its own shape (ones for a one-element output, when none is given), and ``inputs`` must be
tensors (or, for ``grad``, GradientEdges). The errors are PyTorch's.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy

from .tensor import Tensor


def as_tensor_list(value: Any) -> list[Tensor]:
    """The outputs of ``backward``/``grad``: tensors, and GradientEdges as `edge_root`s."""
    if isinstance(value, Tensor):
        return [value]
    if _is_gradient_edge(value):
        return [edge_root(value)]
    return [edge_root(v) if _is_gradient_edge(v) else v for v in value]


def note_output(node: Any, output_nr: int, tensor: Tensor) -> None:
    """Keep, with ``node``, the shape and dtype of its output ``output_nr`` (``tensor``), so
    that a GradientEdge made by ``get_gradient_edge`` can stand for that output."""
    outputs = node.__dict__.setdefault("_edge_outputs", {})
    outputs[output_nr] = (tuple(tensor.shape), tensor._data.dtype)


def edge_root(edge: Any) -> Tensor:
    """A GradientEdge given as an output (PyTorch's ``grad(edge, x, grad_outputs=g)``: g
    enters the graph at the edge), as a tensor of that output's shape and dtype whose
    gradient goes to the edge, so that it is checked and runs as any output. The shape is
    known for an edge from ``get_gradient_edge`` or of a leaf; for another, a given gradient
    is taken as it is, and none is implicitly created (the kit records no output shapes)."""
    node, nr = edge.node, edge.output_nr
    known = getattr(node, "_edge_outputs", {}).get(nr)
    variable = getattr(node, "variable", None)
    if known is None and isinstance(variable, Tensor):
        known = (tuple(variable.shape), variable._data.dtype)
    root = Tensor._make(numpy.zeros(*known) if known is not None else numpy.zeros((0,)))
    root._grad_fn, root._output_nr, root._requires_grad = node, nr, True
    root._unknown_shape = known is None
    return root


def _is_gradient_edge(value: Any) -> bool:
    """An ``autograd.graph.GradientEdge`` (a node and one of its outputs)."""
    return isinstance(value, tuple) and hasattr(value, "node") and hasattr(value, "output_nr")


def as_inputs(value: Any) -> list[Any]:
    """The ``inputs`` of ``grad``/``backward`` as a list (checked later, by `check_inputs`:
    PyTorch checks them after the outputs)."""
    return [value] if _is_gradient_edge(value) or isinstance(value, Tensor) else list(value)


def check_inputs(inputs: list[Any], edges: bool = False) -> None:
    """The inputs must be tensors (or GradientEdges), with PyTorch's error otherwise."""
    for t in inputs:
        if not isinstance(t, Tensor) and not (edges and _is_gradient_edge(t)):
            raise RuntimeError("all inputs have to be Tensors or GradientEdges, but got "
                               f"{type(t).__name__}")


def carries_tangents_only(t: Tensor) -> bool:
    """Whether ``t`` requires grad only as the kit's way of carrying forward-AD tangents (a
    dual made from a plain tensor, or what was computed from such duals alone): PyTorch
    records nothing for it, so to its user it does not require grad. (Inside a torch.func
    transform, the transform's own backward passes do go through such tensors.)"""
    forward_ad = sys.modules.get(FORWARD_AD)  # (not yet loaded: no level open, no helper)
    if forward_ad is None or not forward_ad.helpers_only(t):
        return False
    from .function_transforms import transforms_running

    return not transforms_running["any"]


# forward_ad's name in sys.modules: looked up, not imported, where this runs for every root
# and every leaf of every backward (forward_ad, which imports the engine's modules, has no
# dual level open until something loads it)
FORWARD_AD = f"{__package__}.autograd.forward_ad"


def check_roots(roots: list[Tensor]) -> None:
    """Each output must be a tensor that is part of a graph (not one that requires grad only
    to carry forward-AD tangents, see `carries_tangents_only`)."""
    for i, t in enumerate(roots):
        if not isinstance(t, Tensor):
            raise AssertionError("Expected output to be a autograd_kit.Tensor")  # PyTorch's words
        if not t.requires_grad or carries_tangents_only(t):
            raise RuntimeError(f"element {i} of tensors does not require grad and does not "
                               "have a grad_fn")


def takes_gradient_shape(root: Any, shape: tuple[int, ...], dtype: Any) -> bool:
    """A GradientEdge's output of unknown shape (see `edge_root`) takes its gradient's
    ``shape``: True when it did."""
    if not getattr(root, "_unknown_shape", False):
        return False
    root._data, root._unknown_shape = numpy.zeros(shape, dtype), False
    return True


def root_gradients(roots: list[Tensor], grad_tensors: Any) -> list[Tensor]:
    """The starting gradient of each output: given, or ones for a one-element output."""
    if grad_tensors is None:  # ``loss.backward()``: every output gets its implicit ones
        return [_implicit_gradient(root) for root in roots]
    # PyTorch reads anything but a tensor as a sequence of gradients (a NumPy array too)
    given = [grad_tensors] if isinstance(grad_tensors, Tensor) else list(grad_tensors)
    # PyTorch pairs them up (extra gradients are ignored) and checks each pair in order;
    # only then is a missing gradient counted
    result = []
    for root, g in zip(roots, given):
        if g is None:
            result.append(_implicit_gradient(root))
            continue
        if not isinstance(g, Tensor):
            raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
        if not isinstance(root, Tensor):
            raise AssertionError("Expected output to be a autograd_kit.Tensor")  # PyTorch's words
        if not takes_gradient_shape(root, g.shape, g._data.dtype) and g.shape != root.shape:
            # (PyTorch finds the places with list.index: == may fail)
            raise RuntimeError(f"Mismatch in shape: grad_output[{given.index(g)}] has a shape "
                               f"of {g.shape!r} and output[{roots.index(root)}] has a shape of "
                               f"{root.shape!r}.")
        result.append(g)
    if len(given) < len(roots):
        raise RuntimeError(f"got {len(roots)} tensors and {len(given)} gradients")
    for i, (root, g) in enumerate(zip(roots, given)):
        if g is None:
            continue
        if g.device != root.device:
            if g._data.ndim != 0:  # PyTorch moves only a 0-dim gradient to the output
                raise RuntimeError(f"invalid gradient at index {i} - expected device "
                                   f"{root.device} but got {g.device}")
            g = g.to(root.device)
        if g.dtype != root.dtype:
            g = g.to(root.dtype)
        result[i] = g
    return result


def _implicit_gradient(root: Any) -> Tensor | None:
    """Ones for a one-element floating output; None for one needing no gradient (refused
    next, by check_roots); PyTorch's errors for anything else."""
    if not isinstance(root, Tensor):
        raise AssertionError("Expected output to be a autograd_kit.Tensor")  # PyTorch's words
    if not root.requires_grad:
        return None
    if root._data.size != 1:
        raise RuntimeError("grad can be implicitly created only for scalar outputs")
    if not root.dtype.is_floating_point:
        raise RuntimeError("grad can be implicitly created only for real scalar outputs "
                           f"but got {root.dtype}")
    return _ones_like(root)


def _ones_like(root: Tensor) -> Tensor:
    """The starting gradient of a one-element output (on the CPU without ``ones_like``'s
    argument checks: every backward starts here)."""
    if type(root._data) is numpy.ndarray:
        ones = numpy.empty_like(root._data)  # (what numpy.ones_like does, without its
        ones.fill(1)  # Python-level steps)
        return Tensor._make(ones)
    from .creation import ones_like

    return ones_like(root)
