"""How the engine calls the hooks a learner registers, and checks what they return.

* tensor hooks (``t.register_hook``): ``hook(grad)``, when the gradient of ``t`` arrives;
* node pre-hooks (``node.register_prehook``): ``hook(grad_outputs)``, before the node runs;
* node hooks (``node.register_hook``): ``hook(grad_inputs, grad_outputs)``, after it ran;
* post-accumulate hooks (``leaf.register_post_accumulate_grad_hook``): ``hook(leaf)``.

It also says what a node's hooks see that PyTorch's node would have computed
(``computed_gradients``), and which hooks run at a node reached with no gradient at all.

A hook may return replacements; each must be like the value it replaces (a tensor of the
same type, device and size), checked in PyTorch's order with PyTorch's messages.
"""

from __future__ import annotations

from typing import Any

from . import anomaly_mode
from .accumulate_grad import AccumulateGrad
from .creation_sizes import c_type_name
from .function import Node
from .tensor import Tensor


def run_pre_hooks(node: Node, grads: list[Tensor | None]) -> list[Tensor | None]:
    """Node pre-hooks, when the node is about to run: ``hook(grad_outputs)`` may replace
    the arriving gradients."""
    slots = differentiable_outputs(node)
    seen = list(grads) if slots is None else [grads[nr] for nr in slots]
    for hook in list(node._pre_hooks or ()):
        replaced = hook(tuple(seen))
        if replaced is not None:
            seen = list(_checked_hook_values(hook, tuple(seen), replaced))
    if slots is None:
        return seen
    grads = list(grads)
    for nr, g in zip(slots, seen):
        grads[nr] = g
    return grads


def differentiable_outputs(node: Node) -> list[int] | None:
    """The outputs a node's hooks see gradients for, when not all of them (None: all).

    PyTorch's own operations give an integer output (the indices of ``sort`` or ``max(dim)``,
    the exponent of ``frexp``, the ``info`` of ``inv_ex``) no place among the node's
    outputs, so their hooks see one gradient fewer; a custom Function's node keeps a place
    for every output. (The kit's rules take a gradient per output; the hooks see PyTorch's.)
    """
    meta = getattr(node, "_output_meta", None)
    if node.num_outputs == 1 or meta is None or node._function._checked:  # type: ignore[attr-defined]
        return None
    slots = [nr for nr, m in enumerate(meta)
             if m is not None and m[1].is_floating_point]
    return None if len(slots) == len(meta) else slots


def _checked_hook_values(hook: Any, old: tuple[Any, ...], values: Any) -> tuple[Any, ...]:
    """What a node hook returned instead of ``old``: a tuple of the same length, each value
    None or a tensor like the one it replaces (PyTorch's checks and errors)."""
    if not isinstance(values, tuple):
        raise TypeError(f"expected tuple, but hook returned '{c_type_name(type(values))}'")
    if len(values) != len(old):
        raise RuntimeError(f"hook '{_hook_name(hook)}' has returned an incorrect number of "
                           f"values (got {len(values)}, but expected {len(old)})")
    for was, new in zip(old, values):
        if new is not None:
            if was is None:
                raise RuntimeError("can't replace a None gradient with a non-None value")
            _check_replacement(hook, was, new)
    return values


def run_post_accumulate_hooks(leaf: Tensor) -> None:
    """``hook(leaf)`` after ``leaf.grad`` was updated; it must return None.

    As in PyTorch, a hook's return value is checked like a tensor hook's (a tensor like the
    leaf) and handed to the hooks after it in place of the leaf; only once all have run is
    a returned value an error. Returning the very tensor it was given counts as None."""
    value, returned_something = leaf, False
    for hook in list((leaf._post_accumulate_grad_hooks or {}).values()):
        returned = hook(value)
        if returned is not None and returned is not value:
            _check_replacement(hook, value, returned)
            value, returned_something = returned, True
    if returned_something:
        raise RuntimeError("Tensor post accumulate grad hooks should return None.")


def run_post_hooks(node: Node, sent: tuple[Tensor | None, ...],
                arrived: list[Tensor | None]) -> tuple[Tensor | None, ...]:
    """Node hooks: ``hook(grad_inputs, grad_outputs)`` may replace what is sent on."""
    slots = differentiable_outputs(node)
    seen = tuple(arrived) if slots is None else tuple([arrived[nr] for nr in slots])
    replaced_any = False
    for hook in list(node._post_hooks or ()):
        replaced = hook(sent, seen)
        if replaced is not None:
            sent, replaced_any = _checked_hook_values(hook, sent, replaced), True
    if replaced_any and anomaly_mode.state.enabled:  # PyTorch checks what the node sends
        anomaly_mode.check_gradients(node, sent)  # on, after its hooks
    return sent


def call_tensor_hook(hook: Any, grad: Tensor | None) -> Tensor | None:
    """``hook(grad)``: None keeps the gradient; a replacement must be like it (and there
    must have been a gradient to replace: ``grad`` is None where none arrived)."""
    replaced = hook(grad)
    if replaced is None:
        return grad
    if grad is None:
        raise RuntimeError("can't replace a None gradient with a non-None value")
    _check_replacement(hook, grad, replaced)
    return replaced


def _hook_name(hook: Any) -> str:
    """How PyTorch's errors name a hook: its ``__name__`` (a callable object or a
    ``functools.partial`` has none: ``<unknown>``)."""
    name = getattr(hook, "__name__", None)
    return "<unknown>" if name is None else str(name)


def _check_replacement(hook: Any, grad: Tensor, replaced: Any) -> None:
    """A gradient a hook returned in place of ``grad`` must be a tensor of the same type,
    device and size (PyTorch's checks, in its order, and its messages)."""
    if not isinstance(replaced, Tensor):
        raise TypeError(f"expected Variable, but hook returned "
                        f"'{c_type_name(type(replaced))}'")
    if replaced.dtype != grad.dtype or replaced.device != grad.device:
        raise RuntimeError(f"hook '{_hook_name(hook)}' has changed the type of value (was "
                           f"{grad.type()} got {replaced.type()})")
    if replaced.shape != grad.shape:
        raise RuntimeError(f"hook '{_hook_name(hook)}' has changed the size of value")


def hooks_without_gradients(node: Node, outputs: tuple[Tensor | None, ...],
                             grads: list[Tensor | None]) -> tuple[Tensor | None, ...]:
    """A node reached with no gradient at all (say, below a custom Function whose backward
    returned None) still runs its hooks in PyTorch: post-hooks see only None, and a leaf's
    post-accumulate hooks run though its .grad did not change."""
    if type(node) is AccumulateGrad:
        if node._variable._post_accumulate_grad_hooks:
            run_post_accumulate_hooks(node._variable)
        outputs = ()
    if node._post_hooks:
        outputs = run_post_hooks(node, outputs, grads)
    return outputs


_ALL_OR_NONE = frozenset({"CatBackward0", "StackBackward0", "BlockDiagBackward0"})


def computed_gradients(node: Node, outputs: tuple[Tensor | None, ...],
                       receives: set[Node]) -> tuple[Tensor | None, ...]:
    """The gradients PyTorch's node computes, as its hooks see them: None for an input whose
    edge leads nowhere needed (a constant, or outside ``autograd.grad``'s inputs). A node of
    a list of tensors (cat, stack) computes all of them or none, and a custom Function's node
    keeps what its ``backward`` returned."""
    if type(node).__name__ in _ALL_OR_NONE or is_custom_node(node):
        return outputs
    return tuple([g if edge[0] is not None and edge[0] in receives else None
                  for g, edge in zip(outputs, node.next_functions)])


def is_custom_node(node: Node) -> bool:
    """Whether ``node`` is a custom Function's (their backward runs with zeros for missing
    gradients, PyTorch's ``materialize_grads``)."""
    return getattr(getattr(node, "_function", None), "_checked", False)
