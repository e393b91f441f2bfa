"""``autograd.grad(..., is_grads_batched=True)``: one vector-Jacobian product per row.

PyTorch reads the first dimension of each ``grad_outputs`` tensor as a batch and vmaps the
backward pass over it. The kit runs the same backward once per row (keeping the graph for
the next row) and stacks the answers: the same numbers, row ``b`` being
``grad(outputs, inputs, grad_outputs[b])``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..backward_roots import _implicit_gradient, as_tensor_list, check_roots, takes_gradient_shape
from ..tensor import Tensor


def batched_grad(grad: Callable[..., tuple[Tensor | None, ...]], outputs: Any,
                 inputs: list[Any], grad_outputs: Any, retain_graph: bool | None,
                 create_graph: bool, allow_unused: bool | None,
                 materialize_grads: bool) -> tuple[Tensor | None, ...]:
    """Stacked ``grad`` of each row of ``grad_outputs`` (PyTorch's checks and messages)."""
    roots = as_tensor_list(outputs)  # (a GradientEdge as an output: see edge_root)
    given = _as_gradients(grad_outputs, len(roots))
    if any(isinstance(t, tuple) for t in inputs):
        raise RuntimeError("Batched grads are not supported with GradientEdge")
    # PyTorch's checks of each pair in order; a missing gradient becomes ones like its
    # output (None where the output needs none) and is batched like the others
    implicit = [g is None for g in given]
    for i, (root, g) in enumerate(zip(roots, given)):
        if g is None:
            given[i] = _implicit_gradient(root)
        elif not isinstance(g, Tensor):
            raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
        elif not takes_gradient_shape(root, g[0].shape, g._data.dtype) and (  # (an edge's
                g[0].shape != root.shape):  # output takes one row's shape)
            grad_shape = g[0].shape[1:]  # (what PyTorch's message shows)
            raise RuntimeError(
                "If `is_grads_batched=True`, we interpret the first dimension of each "
                "grad_output as the batch dimension. The sizes of the remaining dimensions "
                "are expected to match the shape of corresponding output, but a mismatch was "
                f"detected: grad_output[{i}] has a shape of {grad_shape!r} and output[{i}] has "
                f"a shape of {root.shape!r}. If you only want some tensors in `grad_output` to "
                "be considered batched, consider using vmap.")
    batch = _batch_size(given)
    if any(implicit):  # a row of ones has one dimension fewer than its output
        check_roots(roots)
        i = implicit.index(True)
        raise RuntimeError(f"invalid gradient at index {i} - got {list(given[i].shape[1:])} "
                           f"but expected shape compatible with {list(roots[i].shape)}")
    rows = []
    for b in range(batch):
        last = b == batch - 1
        rows.append(grad(roots, inputs, [g[b] if isinstance(g, Tensor) else g for g in given],
                         retain_graph=retain_graph if last else True, create_graph=create_graph,
                         allow_unused=allow_unused or materialize_grads))
    from ..creation import zeros_like
    from ..ops import stack

    # an unused input: None, or (materialize_grads) zeros like the input, unbatched
    return tuple(stack(list(column)) if column[0] is not None
                 else zeros_like(t, requires_grad=create_graph) if materialize_grads else None
                 for column, t in zip(zip(*rows), inputs))


def _batch_size(given: list[Any]) -> int:
    """The size of the batch dimension every gradient shares (``torch._vmap_internals``'
    checks and messages: its vmap maps ``vjp`` over them at dimension 0)."""
    for g in given:
        if not isinstance(g, Tensor):
            raise ValueError("vmap(vjp, in_dims=0, ...)(<inputs>): Got in_dim=0 for an input but "
                             f"the input is of type {type(g)}. We cannot vmap over non-Tensor "
                             "arguments, please use None as the respective in_dim")
        if g.dim() == 0:
            raise ValueError("vmap(vjp, in_dims=0, ...)(<inputs>): Got in_dim=0 for some input, "
                             "but that input is a Tensor of dimensionality 0 so expected in_dim "
                             "to satisfy 0 <= in_dim < 0.")
    sizes = [g.shape[0] for g in given]
    if len(set(sizes)) != 1:
        raise ValueError("vmap: Expected all tensors to have the same size in the mapped "
                         f"dimension, got sizes {sizes} for the mapped dimension")
    return sizes[0]


def _as_gradients(grad_outputs: Any, count: int) -> list[Any]:
    if grad_outputs is None:
        return [None] * count
    if isinstance(grad_outputs, Tensor):
        return [grad_outputs]
    return list(grad_outputs)
