"""``register_multi_grad_hook``: one hook for the gradients of several tensors.

mode="all": ``fn(grads)`` runs once per backward pass, when every tensor that this pass
will reach has its gradient (``None`` in the places of tensors it does not reach).
mode="any": ``fn(grad)`` runs once per backward pass, with the first gradient to arrive.

Both are built from ordinary tensor hooks, as in PyTorch; what they need from the engine is
which backward pass is running (``engine.running``) and which nodes it will reach.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .. import engine
from ..accumulate_grad import AccumulateGrad
from ..function import Node
from ..hooks import RemovableHandle
from ..tensor import Tensor


class _MultiHandle(RemovableHandle):
    """The handle of several tensor hooks: ``remove()`` takes them all off."""

    def __init__(self, handles: tuple[RemovableHandle, ...]) -> None:
        self.handles = handles

    def remove(self) -> None:
        for handle in self.handles:
            handle.remove()


_MultiHandle.__module__ = "autograd_kit.autograd.graph"  # where PyTorch's prints from


def _current_task() -> engine.GraphTask:
    if not engine.running:
        raise AssertionError("expected this hook to be called inside a backward call")
    return engine.running[-1]


def _node_of(tensor: Tensor) -> Node:
    """The node a tensor's gradient arrives at: its grad_fn, or a leaf's AccumulateGrad."""
    node = tensor.grad_fn
    if tensor.requires_grad and node is None:
        node = tensor._gradient_edge()[0]
    if node is None:
        raise AssertionError("Expected gradient function to be set")
    return node


def register_multi_grad_hook(tensors: Sequence[Tensor], fn: Callable[..., None], *,
                             mode: str = "all") -> RemovableHandle:
    """Call ``fn`` once per backward pass with the gradients of ``tensors`` (see the module
    docstring for the two modes)."""
    supported_modes = ("all", "any")
    if mode not in supported_modes:
        raise ValueError(f"Expects mode to be one of {supported_modes} but got {mode}")
    if mode == "any":
        first = _first_of_each_pass(fn)
        return _MultiHandle(tuple(t.register_hook(first) for t in tensors if t.requires_grad))
    nodes = [_node_of(t) for t in tensors]
    # per backward pass: the gradients so far and how many hooks ran (a hook runs with None
    # for an output its node gives no gradient, and counts as PyTorch counts it)
    arrived: dict[int, tuple[list[Any], list[int]]] = {}

    def hook_for(index: int) -> Callable[[Tensor], None]:
        def hook(grad: Tensor | None) -> None:
            task = _current_task()
            if task.id not in arrived:
                arrived[task.id] = ([None] * len(tensors), [0])
            grads, calls = arrived[task.id]
            grads[index] = grad
            calls[0] += 1
            if calls[0] >= sum(_will_run(node, task) for node in nodes):
                del arrived[task.id]
                fn(grads)

        return hook

    return _MultiHandle(tuple(t.register_hook(hook_for(i)) for i, t in enumerate(tensors)))


def _will_run(node: Node, task: engine.GraphTask) -> bool:
    """Whether this backward pass will reach ``node`` (PyTorch's _will_engine_execute_node,
    which refuses a leaf that autograd.grad captures: the only leaves it reaches)."""
    reached = node in task.nodes
    if reached and isinstance(node, AccumulateGrad) and task.captures:
        raise RuntimeError("A leaf node was passed to _will_engine_execute_node but we are "
                           "currently running autograd.grad(). This is currently not supported.")
    return reached


def _first_of_each_pass(fn: Callable[[Tensor], None]) -> Callable[[Tensor], None]:
    seen: set[int] = set()

    def hook(grad: Tensor) -> None:
        task = _current_task()
        if task.id not in seen:
            seen.add(task.id)
            fn(grad)

    return hook
