"""The backward pass, one node at a time.

`backward_steps` is the whole engine. It

1. counts, for every node reachable from the outputs, how many edges point into it
   (its *dependencies*);
2. starts from the outputs' nodes with their starting gradients (ones for a scalar);
3. repeatedly takes a node whose dependencies are all done — its incoming gradient is then
   final — runs its rule, and sends one gradient along each edge, *adding* gradients that
   meet at the same node (this is where paths add up);
4. yields a `BackwardStep` record after each node, so a learner (or the widget) can watch.

`backward()` and `autograd.grad()` simply run this generator to the end. It is iterative
(a heap of ready nodes, no recursion), so a graph 100,000 operations deep is fine.
"""

from __future__ import annotations

import functools
import gc
import heapq
import itertools
import sys
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy

from . import anomaly_mode, dtypes, grad_mode
from . import tensor as tensor_module
from .accumulate_grad import AccumulateGrad
from .backward_roots import (
    as_inputs,
    as_tensor_list,
    carries_tangents_only,
    check_inputs,
    check_roots,
    root_gradients,
)
from .function import Node, transforms_running
from .grad_dtype import wanted_grad_dtype
from .gradient_sums import add_paths
from .hook_calls import (
    call_tensor_hook,
    computed_gradients,
    hooks_without_gradients,
    is_custom_node,
    run_post_accumulate_hooks,
    run_post_hooks,
    run_pre_hooks,
)
from .int_arguments import c_flag
from .node_saved_values import unpacked_saved_tensors
from .reentrant_threads import run_backward_pass
from .returned_gradients import run_rule
from .scalar_warning import warn_once_with
from .tensor import Tensor
from .transform_errors import BACKWARD_IN_TRANSFORM


@dataclass(slots=True)
class Sent:
    """One gradient a node sent along one of its edges."""

    input_index: int  # which input of the node (position in next_functions)
    gradient: Tensor | None
    target: Node | None  # the node it went to (an AccumulateGrad for a leaf), or None
    target_output: int  # which output of the target it belongs to
    added: bool  # True when it was summed with a gradient already waiting there


@dataclass(slots=True)
class GradWrite:
    """A ``.grad`` written during a step: a leaf's (``'leaf'``) or a retained one's."""

    tensor: Tensor
    kind: str  # 'leaf' or 'retained'
    added: bool  # True when it was added to a .grad that was already there
    value: Tensor  # the .grad after the write


@dataclass(slots=True)
class BackwardStep:
    """What happened when one node ran: the chain rule at that node."""

    index: int
    node: Node
    grad_in: tuple[Tensor | None, ...]  # the gradient(s) arriving (one per output of the node)
    sent: tuple[Sent, ...] = ()  # what went to each input
    writes: tuple[GradWrite, ...] = ()  # .grad fields filled in at this step
    freed: bool = False  # whether the node's saved tensors were released after it ran
    captured: tuple[int, ...] = field(default=())  # autograd.grad inputs answered here

    @property
    def name(self) -> str:
        return self.node.name()


class GraphTask(NamedTuple):
    """One backward pass while it runs: its number, and the nodes it sends gradients to."""

    id: int
    nodes: Any  # (answers `node in nodes`)
    captures: bool  # autograd.grad: gradients are returned, not accumulated into leaves
    every_node: bool  # False for autograd.grad and backward(inputs=...)
    callbacks: list[Any]  # queue_callback's, run once every node has run


def queue_callback(callback: Any) -> None:
    """Run ``callback()`` when the backward pass under way (the innermost) has run all its
    nodes (PyTorch's ``Variable._execution_engine.queue_callback``); a callback may queue
    more."""
    if not running:
        raise RuntimeError("Final callbacks can only be installed during backward pass.")
    running[-1].callbacks.append(callback)


running: list[GraphTask] = []  # the backward passes under way, innermost last
_task_ids = itertools.count()
vmap_keeps_graph = 0  # > 0 while vmap's loop runs a slice before its last (see func.batching)
# > 0 while forward AD finds tangents by backward passes of its own: the tensors' hooks and
# retain_grad() are the user's, for the user's backward (see autograd/forward_ad.py)
tensor_hooks_paused = 0


def backward_steps(
    tensors: Tensor | Sequence[Tensor],
    grad_tensors: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Tensor | Sequence[Tensor] | None = None,
    *,
    _captures: dict[tuple[Node, int], list[int]] | None = None,
    _results: list[Tensor | None] | None = None,
    _records: bool = True,
) -> Iterator[BackwardStep]:
    """Run backward from ``tensors``, yielding one `BackwardStep` per node executed.

    Arguments mean what they mean for `Tensor.backward`. (``_captures``/``_results`` are how
    `autograd.grad` asks for gradients to be returned instead of stored in ``.grad``;
    ``_records=False`` is how `backward` and `grad`, which drain the steps without looking
    at them, skip building the records: the same walk, yielding nothing.)
    """
    roots = as_tensor_list(tensors)
    input_list = None if _captures is not None or inputs is None else as_inputs(inputs)
    if input_list == []:  # (checked first, as in PyTorch: before the roots)
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    root_grads = root_gradients(roots, grad_tensors)  # (then the roots' gradients, the
    # flags as PyTorch's C engine reads them, the roots, and last the inputs)
    retain_graph = c_flag(create_graph if retain_graph is None else retain_graph)
    create_graph = c_flag(create_graph)
    check_roots(roots)
    if input_list is not None:
        check_inputs(input_list, edges=True)
    root_edges = [t._gradient_edge() for t in roots]
    retain_graph = retain_graph or vmap_keeps_graph > 0

    targets = None  # None: every reachable node runs
    if _captures is not None:
        targets = {node for node, _ in _captures}
    elif input_list is not None:
        targets = set()
        for t in input_list:
            if not isinstance(t, Tensor):  # a GradientEdge: its node is a target, no .grad kept
                targets.add(t.node)
                continue
            if not t.requires_grad or carries_tangents_only(t):
                raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
            if t.grad_fn is not None:
                t.retain_grad()
            targets.add(t._gradient_edge()[0])
    if create_graph and _captures is None:  # (once the roots and inputs passed their checks)
        _warn_reference_cycle()
    dependencies = dependencies_of([node for node, _ in root_edges])
    runs: Any = dependencies  # every reachable node runs (the dict answers `in` like a set)
    receives = runs  # nodes that gradients are sent to
    if targets is not None:  # only nodes on a path to a target run: count again among them
        graph = list(dependencies)
        runs = _nodes_to_run(graph, targets, accumulate_targets=_captures is None)
        dependencies = _count_dependencies(graph, runs)
        receives = runs | targets.intersection(graph)  # (a target outside the graph: none)

    buffers: dict[Node, list[Tensor | None]] = {}
    for (node, nr), grad in zip(root_edges, root_grads):
        if targets is not None and len(root_edges) > 1 and node not in receives:
            continue  # (PyTorch's GraphRoot, there for several outputs, sends nothing to an
            # output's node that leads to no input: its hooks and retain_grad do not run; a
            # lone output's node is where the walk starts: its tensor hooks run)
        buffer = buffers.setdefault(node, [None] * node.num_outputs)
        if buffer[nr] is None:
            buffer[nr] = grad
        else:  # (an output given twice: its gradients add up as the engine's, recorded only
            with grad_mode.set_grad_enabled(create_graph):  # under create_graph)
                buffer[nr] = buffer[nr] + grad
    # Ready nodes, newest first (PyTorch's order); `order` breaks ties by arrival.
    ready: list[tuple[float, int, Node]] = []
    order = 0
    for node in buffers:
        if dependencies[node] == 0:
            heapq.heappush(ready, (-node.sequence_number, order, node))
            order += 1

    state = grad_mode.state
    outside = state.enabled  # the caller's grad mode, restored whenever it has control
    suspended = False
    state.enabled = create_graph  # rules are recorded only under create_graph
    index = 0
    task = GraphTask(next(_task_ids), receives, _captures is not None, targets is None, [])
    running.append(task)
    # every node runs, nothing is yielded or captured, and no node is a parent to note
    quick = not _records and targets is None and not anomaly_mode.state.enabled
    rule = run_rule if not anomaly_mode.state.enabled else functools.partial(
        anomaly_mode.run_as_parent, rule=run_rule)
    # A node that became ready while no other was waiting runs next without going through
    # the heap (a chain of operations is mostly that): `following`, with its arrival number
    # (its place among ties, should it go on the heap after all).
    following: Node | None = None
    following_order = 0
    node = None
    try:
        while ready or following is not None:
            if following is None:
                node = heapq.heappop(ready)[2]
            else:
                node, following = following, None
            grads = buffers.pop(node, None) or [None] * node.num_outputs
            if (quick and grads[0] is not None and type(node) is not AccumulateGrad
                    and not node._watched):
                # the usual step, in a few lines: a gradient arrived for a rule, no hook is
                # there, and nothing is captured or yielded
                outputs = run_rule(node, grads)
                if not retain_graph and node._saved is not None:
                    node.release_saved()
            else:
                writes: list[GradWrite] | tuple[()] = ()
                needed = node in runs
                # autograd.grad keeps a gradient before the tensor's hooks see it when the node
                # runs (they run with it), after them when it does not (PyTorch's order)
                captured = (_capture(node, grads, _captures, _results) if _captures and needed
                            else ())
                if (node._tensor_hooks or node._retained) and not tensor_hooks_paused:
                    grads, writes = _arriving(node, grads)
                if _captures and not needed:
                    captured = _capture(node, grads, _captures, _results)
                # (a custom Function's backward runs even then, given zeros: PyTorch's order)
                executes = needed and (grads[0] is not None or any(g is not None for g in grads)
                                       or is_custom_node(node))
                if needed and node._pre_hooks:
                    grads = run_pre_hooks(node, grads)  # (a hook may take all gradients away)
                    executes = any(g is not None for g in grads) or is_custom_node(node)
                freed = False
                if not executes:  # nothing arrived: pass "nothing" on, so children are not stuck
                    outputs: tuple[Tensor | None, ...] = (
                        (None,) * len(node._next_functions) if node in runs else ()
                    )
                    if needed:  # (PyTorch calls the node anyway: it reads what it saved,
                        if node._freed:  # refusing values freed before; freed below)
                            unpacked_saved_tensors(node)
                        outputs = hooks_without_gradients(node, outputs, grads)
                elif type(node) is AccumulateGrad:
                    added = node.accumulate(grads[0])
                    if _records:
                        writes = [*writes, GradWrite(node._variable, "leaf", added,
                                                     node._variable._grad)]
                    if node._variable._post_accumulate_grad_hooks:
                        run_post_accumulate_hooks(node._variable)
                    outputs = ()
                    if node._post_hooks:
                        run_post_hooks(node, outputs, grads)
                else:
                    outputs = rule(node, grads)
                    if node._post_hooks:
                        outputs = run_post_hooks(
                            node, computed_gradients(node, outputs, receives), grads)
                if needed and not retain_graph and node._saved is not None:
                    node.release_saved()  # (what a called node saved: gradients or none)
                    freed = True
            sent: list[Sent] | None = [] if _records else None
            # each gradient is handed over as it is sent (so that, like PyTorch, the engine
            # holds the only reference to it: see add_paths)
            handed, outputs = list(outputs), None
            grads = grads if _records else None  # (PyTorch lets go of them before sending)
            for i, (next_node, nr) in enumerate(node._next_functions[:len(handed)]):
                if next_node is None or targets is not None and next_node not in receives:
                    if sent is not None:
                        sent.append(Sent(i, handed[i], None, nr, False))
                    continue
                grad, handed[i] = handed[i], None
                buffer = buffers.get(next_node)
                if buffer is None:  # the first gradient for next_node
                    waiting = False
                    if next_node.num_outputs == 1:
                        buffers[next_node] = [grad]
                    else:
                        buffer = buffers[next_node] = [None] * next_node.num_outputs
                        buffer[nr] = grad
                else:
                    waiting = buffer[nr] is not None
                    if grad is not None:  # paths add up
                        buffer[nr] = add_paths(buffer, nr, grad, create_graph) if waiting else grad
                if sent is not None:
                    sent.append(Sent(i, grad, next_node, nr, grad is not None and waiting))
                remaining = dependencies[next_node] = dependencies[next_node] - 1
                if remaining == 0:
                    if following is None and not ready:
                        following, following_order = next_node, order
                    else:
                        if following is not None:
                            heapq.heappush(ready, (-following.sequence_number, following_order,
                                                   following))
                            following = None
                        heapq.heappush(ready, (-next_node.sequence_number, order, next_node))
                    order += 1
            outputs = grad = None  # (this step's references: see AccumulateGrad.accumulate)
            if _records and executes:  # hand the step to the caller, in the caller's mode
                state.enabled, suspended = outside, True
                yield BackwardStep(index, node, tuple(grads), tuple(sent), tuple(writes), freed,
                                   captured)
                suspended = False
                outside, state.enabled = state.enabled, create_graph
                index += 1
        while task.callbacks:  # (in the engine's grad mode, as in PyTorch)
            task.callbacks.pop(0)()
    except Exception as error:  # anomaly mode names the forward call of the failing node
        if anomaly_mode.state.enabled and node is not None:
            anomaly_mode.warn_forward_trace(node, error)
        raise
    finally:
        running.remove(task)
        if not suspended:  # (a caller that stops iterating leaves its own mode in place)
            state.enabled = outside


def _warn_reference_cycle() -> None:
    """PyTorch's warning for a backward that records its graph and stores it in ``.grad``
    (once per process, or every time under warn_always), given where its engine gives it:
    after the roots' checks, before any node runs."""
    from .memory_overlap import _outside_the_kit  # (the learner's line, however called)

    warn_once_with(
        "Using backward() with create_graph=True will create a reference cycle between the "
        "parameter and its gradient which can cause a memory leak. We recommend using "
        "autograd.grad when creating the graph to avoid this. If you have to use this "
        "function, make sure to reset the .grad fields of your parameters to None after use "
        "to break the cycle and avoid the leak.", stacklevel=_outside_the_kit(),
        source="torch/csrc/autograd/engine.cpp:1307")


def backward(
    tensors: Tensor | Sequence[Tensor],
    grad_tensors: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    grad_variables: Any = None,
    inputs: Tensor | Sequence[Tensor] | None = None,
) -> None:
    """Accumulate d(tensors)/d(leaf) into every leaf's ``.grad`` (runs `backward_steps`)."""
    if transforms_running["any"]:
        raise RuntimeError(BACKWARD_IN_TRANSFORM)
    if grad_variables is not None:  # (the old name: PyTorch warns, then refuses both)
        warnings.warn("`grad_variables` is deprecated. Use `grad_tensors` instead.",
                      FutureWarning, stacklevel=2)
        if grad_tensors is not None:
            raise RuntimeError(
                "`grad_tensors` and `grad_variables` (deprecated) arguments both passed to "
                "`backward()`. Please only use `grad_tensors`.")
        grad_tensors = grad_variables
    drain(backward_steps(tensors, grad_tensors, retain_graph, create_graph, inputs,
                         _records=False))


def drain(steps: Iterator[Any]) -> None:
    """Run every step, with NumPy's floating-point warnings off (sqrt's rule at 0 divides by
    zero: PyTorch gives inf silently). (``errstate`` costs half of two ``seterr`` calls.)

    Python's cycle collector is paused meanwhile: the engine frees what it is done with as
    it goes, and a collection in the middle of backward would only walk the whole graph
    again (a few percent of the time). Anything cyclic is collected afterwards as usual.
    A pass started deep inside other passes (reentrant) may run on another thread (see
    `reentrant_threads`)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        run_backward_pass(functools.partial(_run_all, steps))
    finally:
        if collecting:
            gc.enable()


def _run_all(steps: Iterator[Any]) -> None:
    with numpy.errstate(all="ignore"):  # (per thread: set where the steps run)
        for _ in steps:
            pass


def grad(
    outputs: Tensor | Sequence[Tensor],
    inputs: Tensor | Sequence[Tensor],
    grad_outputs: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    is_grads_batched: bool = False,
    materialize_grads: bool = False,
) -> tuple[Tensor | None, ...]:
    """Return d(outputs)/d(inputs) as a tuple, without touching any ``.grad``."""
    if materialize_grads and allow_unused is False:
        raise ValueError("Expected allow_unused to be True or not passed when "
                         "materialize_grads=True, but got: allow_unused=False.")
    if type(inputs) is dict:  # PyTorch: a dict of inputs gives a dict of gradients
        values = grad(outputs, tuple(inputs.values()), grad_outputs, retain_graph,
                      create_graph, only_inputs, allow_unused, is_grads_batched,
                      materialize_grads)
        return dict(zip(inputs.keys(), values))  # type: ignore[return-value]
    input_list = as_inputs(inputs)
    if not input_list:  # (checked first, as PyTorch does)
        raise RuntimeError("`inputs` argument to `grad()` cannot be empty.")
    if not only_inputs:
        warnings.warn(
            "only_inputs argument is deprecated and is ignored now (defaults to True). To "
            "accumulate gradient for other parts of the graph, please use "
            "torch.autograd.backward.", FutureWarning, stacklevel=2)
    if is_grads_batched:
        from .autograd.batched_grad import batched_grad

        check_inputs(input_list, edges=True)
        return batched_grad(grad, outputs, input_list, grad_outputs, retain_graph,
                            create_graph, allow_unused, materialize_grads)
    roots = as_tensor_list(outputs)
    grad_outputs = root_gradients(roots, grad_outputs)  # (PyTorch's order of checks)
    retain_graph = c_flag(create_graph if retain_graph is None else retain_graph)
    create_graph = c_flag(create_graph)
    allow_unused = c_flag(materialize_grads if allow_unused is None else allow_unused)
    check_roots(roots)
    check_inputs(input_list, edges=True)
    captures: dict[tuple[Node, int], list[int]] = {}
    for i, t in enumerate(input_list):
        if not isinstance(t, Tensor):  # a GradientEdge: the gradient arriving at that edge
            captures.setdefault((t.node, t.output_nr), []).append(i)
            continue
        if not t.requires_grad or carries_tangents_only(t):
            raise RuntimeError("One of the differentiated Tensors does not require grad")
        captures.setdefault(t._gradient_edge(), []).append(i)
    results: list[Tensor | None] = [None] * len(input_list)
    drain(backward_steps(outputs, grad_outputs, retain_graph, create_graph,
                         _captures=captures, _results=results, _records=False))
    for i, value in enumerate(results):
        if not isinstance(input_list[i], Tensor):  # (a GradientEdge: as it arrived)
            if value is None and materialize_grads:
                raise RuntimeError("materialize_grads cannot be used when the given input is "
                                   "a GradientEdge")
            continue
        wanted = wanted_grad_dtype(input_list[i]) if value is not None else None
        if wanted is not None and value.dtype != wanted:  # PyTorch: each input's own (grad_) dtype
            results[i] = value.to(wanted)
        elif value is None:
            if materialize_grads:
                from .creation import zeros_like

                results[i] = zeros_like(input_list[i], requires_grad=create_graph)
            elif not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in "
                    "the graph. Set allow_unused=True if this is the desired behavior."
                )
    return tuple(results)


# ---- the pieces -----------------------------------------------------------------------------

def dependencies_of(starts: list[Node]) -> dict[Node, int]:
    """Every node reachable from ``starts`` (in the order found), with the number of edges
    pointing into it: its dependencies. Iterative, so there is no recursion limit."""
    dependencies = dict.fromkeys(starts, 0)
    stack = list(dependencies)
    while stack:
        node = stack.pop()
        for next_node, _ in node._next_functions:
            if next_node is None:
                continue
            if next_node in dependencies:
                dependencies[next_node] += 1
            else:
                dependencies[next_node] = 1
                stack.append(next_node)
    return dependencies


def reachable(starts: list[Node]) -> list[Node]:
    """Every node reachable from ``starts``."""
    return list(dependencies_of(starts))


def _nodes_to_run(graph: list[Node], targets: set[Node], accumulate_targets: bool) -> set[Node]:
    """The nodes on a path to a target (``inputs=``, or `autograd.grad`'s inputs).

    For `autograd.grad` a target itself is only *visited* (its arriving gradient is read)
    unless it leads on to another target; ``backward(inputs=…)`` runs every target's node, as
    PyTorch does (a leaf's AccumulateGrad fills ``.grad``; a non-leaf's node runs its hooks
    and its rule, and frees its saved tensors, though its gradients go nowhere).
    """
    parents: dict[Node, list[Node]] = {}
    for node in graph:
        for next_node, _ in node._next_functions:
            if next_node is not None:
                parents.setdefault(next_node, []).append(node)
    leads_to_target: set[Node] = set()
    stack = list(targets)
    while stack:
        node = stack.pop()
        for parent in parents.get(node, ()):
            if parent not in leads_to_target:
                leads_to_target.add(parent)
                stack.append(parent)
    if accumulate_targets:  # (a target outside the graph is not run: nothing reaches it)
        leads_to_target |= targets.intersection(graph)
    return leads_to_target


def _count_dependencies(graph: list[Node], runs: set[Node]) -> dict[Node, int]:
    """For each node: how many edges from running nodes point into it."""
    dependencies = dict.fromkeys(graph, 0)
    for node in graph:
        if node in runs:
            for next_node, _ in node._next_functions:
                if next_node is not None:
                    dependencies[next_node] += 1
    return dependencies


def _arriving(node: Node, grads: list[Tensor | None]) -> tuple[list[Tensor | None],
                                                                 list[GradWrite]]:
    """Run tensor hooks on the arriving gradients (a leaf's hooks too: its AccumulateGrad
    lists them), then fill retained ``.grad`` fields (PyTorch's order). As in PyTorch, a
    hook runs whenever its node is reached, with None where no gradient arrived (an unused
    output of unbind or split, or a gradient a custom Function returned as None)."""
    writes: list[GradWrite] = []
    if node._tensor_hooks:
        for nr, tables in node._tensor_hooks.items():
            for hook in [hook for table in list(tables) for hook in list(table.values())]:
                grads[nr] = call_tensor_hook(hook, grads[nr])
    if node._retained:
        for nr, ref in node._retained.items():
            tensor, g = ref(), grads[nr]
            if tensor is None or g is None:
                continue
            added = tensor._grad is not None
            # a row-major copy (recorded as CloneBackward0 under create_graph, as in PyTorch)
            tensor._grad = (tensor._grad + g if added
                            else g.clone(memory_format=dtypes.contiguous_format))
            writes.append(GradWrite(tensor, "retained", added, tensor._grad))
    return grads, writes


def _capture(node: Node, grads: list[Tensor | None], captures: Any, results: Any) -> tuple:
    """For `autograd.grad`: keep the gradients of the requested inputs."""
    captured = []
    for nr in range(node.num_outputs):
        for i in captures.get((node, nr), ()):
            g = grads[nr]
            results[i] = g if g is None or results[i] is None else results[i] + g
            captured.append(i)
    return tuple(captured)


tensor_module.engine = sys.modules[__name__]  # what Tensor.backward calls (see tensor.py)
