"""``autograd.grad(..., is_grads_batched=True)``: one vector-Jacobian product per row.

PyTorch reads the first dimension of each ``grad_outputs`` tensor as a batch and vmaps the
backward pass over it. The kit runs the same backward once per row (keeping the graph for
the next row) and stacks the answers: the same numbers, row ``b`` being
``grad(outputs, inputs, grad_outputs[b])``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..tensor import Tensor


def batched_grad(grad: Callable[..., tuple[Tensor | None, ...]], outputs: Any,
                 inputs: list[Any], grad_outputs: Any, retain_graph: bool | None,
                 create_graph: bool, allow_unused: bool | None,
                 materialize_grads: bool) -> tuple[Tensor | None, ...]:
    """Stacked ``grad`` of each row of ``grad_outputs`` (PyTorch's checks and messages)."""
    roots = [outputs] if isinstance(outputs, Tensor) else list(outputs)
    given = _as_gradients(grad_outputs, len(roots))
    if any(isinstance(t, tuple) for t in inputs):
        raise RuntimeError("Batched grads are not supported with GradientEdge")
    batch = None
    for i, (root, g) in enumerate(zip(roots, given)):
        if not isinstance(g, Tensor):
            continue
        first = g[0]
        if first.shape != root.shape:
            grad_shape = first.shape[1:]  # (what PyTorch's message shows)
            raise RuntimeError(
                "If `is_grads_batched=True`, we interpret the first dimension of each "
                "grad_output as the batch dimension. The sizes of the remaining dimensions "
                "are expected to match the shape of corresponding output, but a mismatch was "
                f"detected: grad_output[{i}] has a shape of {grad_shape!r} and output[{i}] has "
                f"a shape of {root.shape!r}. If you only want some tensors in `grad_output` to "
                "be considered batched, consider using vmap.")
        batch = g.shape[0] if batch is None else batch
    if batch is None:  # nothing batched: one ordinary call
        return grad(roots, inputs, given, retain_graph, create_graph,
                    allow_unused=allow_unused, materialize_grads=materialize_grads)
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


def _as_gradients(grad_outputs: Any, count: int) -> list[Any]:
    if grad_outputs is None:
        return [None] * count
    if isinstance(grad_outputs, Tensor):
        return [grad_outputs]
    return list(grad_outputs)
