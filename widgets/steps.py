"""The stepper's state, in plain Python: the real backward pass, recorded step by step.

`BackwardWalk` drains `autograd_kit.autograd.backward_steps` once (the engine's own backward,
no second implementation), keeping for every step display-ready text and a *copy* of every
``.grad`` it wrote. Moving to position ``p`` (the number of steps done) restores each leaf's
and retained tensor's ``.grad`` to that copy, so back/reset never double-count and at the end
the ``.grad`` fields equal what ``root.backward()`` gives. Nothing here adds or multiplies a
gradient: sums are *shown* from the engine's records ("5 = 4 + 1").
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import autograd_kit as ak
from autograd_kit.autograd import BackwardStep, backward_steps
from autograd_kit.autograd.graph import GraphRecord
from autograd_kit.engine import root_gradients
from autograd_kit.tensor import Tensor

from .dot import edge_dom_id, node_dom_id, tensor_dom_id, tensor_name
from .drawing import trace_with_names
from .labels import format_values, grad_text


@dataclass
class StepText:
    """What one step shows, as text (made while the engine's arrays were current)."""

    node: int  # node record id
    name: str
    formula: str
    grad_in: str  # "5 = 4 + 1" when gradients met here, else "5"
    edges: dict[str, str] = field(default_factory=dict)  # edge id → gradient sent along it
    sends: list[str] = field(default_factory=list)  # one sentence per input
    writes: dict[int, str] = field(default_factory=dict)  # tensor id → "grad: …" after
    write_lines: list[str] = field(default_factory=list)
    arrivals: dict[int, str] = field(default_factory=dict)  # target node → text so far
    freed: bool = False


def _text(t: Tensor | None) -> str:
    return "None" if t is None else format_values(t._data)


def _sum_text(terms: list[str]) -> str:
    """``4.5 + (-1)``: the gradients that met at a node, as the engine added them."""
    return " + ".join(t if i == 0 or not t.startswith("-") else f"({t})"
                      for i, t in enumerate(terms))


def _copy(t: Tensor | None) -> Tensor | None:
    if t is None:
        return None
    with ak.no_grad():
        return t.detach().clone()


class BackwardWalk:
    """The backward pass of ``root``, recorded once; move through it with `goto`."""

    def __init__(self, root: Tensor, gradient: Any = None, inputs: Any = None,
                 names: Mapping[str, Any] | None = None) -> None:
        self.graph: GraphRecord
        self.graph, self.names = trace_with_names((root,), names or {})
        self.tracked = self._tracked_tensors()  # tensor id → tensor whose .grad is written
        self.tensor_node = {t.id: t.grad_fn for t in self.graph.tensors if t.grad_fn is not None}
        self.tensor_node.update({n.variable: n.id for n in self.graph.nodes
                                 if n.variable is not None})
        self.initial = {tid: _copy(t._grad) for tid, t in self.tracked.items()}
        self.history: dict[int, tuple[list[int], list[Tensor | None]]] = {
            tid: ([], []) for tid in self.tracked}
        self.texts: list[StepText] = []
        self.steps: list[BackwardStep] = []
        self._record(root, gradient, inputs)
        self._index()
        self.position = len(self.steps)
        self.goto(0)

    # ---- recording ------------------------------------------------------------------------
    def _tracked_tensors(self) -> dict[int, Tensor]:
        tracked = {}
        for t in self.graph.tensors:
            if t.tensor is not None and ("leaf" in t.roles or t.retains_grad):
                tracked[t.id] = t.tensor
        return tracked

    def _record(self, root: Tensor, gradient: Any, inputs: Any) -> None:
        arrived: dict[tuple[int, int], list[str]] = {}
        start = root_gradients([root], gradient)[0]
        root_node = root.grad_fn if root.grad_fn is not None else root._gradient_edge()[0]
        root_id = self.graph.node_id(root_node)
        if root_id is not None:
            arrived[(root_id, root.output_nr)] = [_text(start)]
        current = {tid: grad_text(g) for tid, g in self.initial.items()}
        for step in backward_steps(root, gradient, inputs=inputs):
            self.steps.append(step)
            self.texts.append(self._describe(step, arrived, current))

    def _describe(self, step: BackwardStep, arrived: dict[tuple[int, int], list[str]],
                  current: dict[int, str]) -> StepText:
        graph = self.graph
        node_id = graph.node_id(step.node)
        assert node_id is not None
        record = graph.nodes[node_id]
        parts = []
        for nr, g in enumerate(step.grad_in):
            came = arrived.pop((node_id, nr), [])
            value = _text(g)
            parts.append(f"{value} = {_sum_text(came)}" if len(came) > 1 else value)
        text = StepText(node_id, record.name, record.formula, "; ".join(parts), freed=step.freed)
        for sent in step.sent:
            edge = edge_dom_id(node_id, sent.input_index)
            target = graph.node_id(sent.target) if sent.target is not None else None
            value = _text(sent.gradient)
            if target is None:
                text.sends.append(f"input {sent.input_index}: {value} → nowhere "
                                  "(that input does not require grad)")
                continue
            text.edges[edge] = value
            came = arrived.setdefault((target, sent.target_output), [])
            if sent.gradient is not None:
                came.append(value)
            text.arrivals[target] = _sum_text(came)
            where = self._target_text(target)
            meet = " (added to the gradient already waiting there)" if sent.added else ""
            text.sends.append(f"input {sent.input_index}: {value} → {where}{meet}")
        for write in step.writes:
            tid = graph.tensor_id(write.tensor)
            if tid is None or tid not in self.history:
                continue
            before = current[tid]
            after = grad_text(write.value)
            if write.added:
                after = f"{after} = {before[len('grad: '):]} + {_text(step.grad_in[0])}" \
                    if write.kind == "leaf" else after
            current[tid] = after
            text.writes[tid] = after
            steps, values = self.history[tid]
            steps.append(len(self.texts))
            values.append(_copy(write.value))
            who = tensor_name(graph.tensors[tid], self.names)
            kind = "leaf" if write.kind == "leaf" else "retained"
            text.write_lines.append(f"{who}.{after} ({kind} .grad)")
        return text

    def _index(self) -> None:
        """Lookups that make a frame cost independent of the position (no replay from 0)."""
        self.run_at = {text.node: i for i, text in enumerate(self.texts)}  # node → its step
        self.arrived_at: dict[int, tuple[list[int], list[str]]] = {}  # node → steps, texts
        self.written_by: list[list[int]] = [[] for _ in self.texts]  # step → tensors written
        for i, text in enumerate(self.texts):
            for target, so_far in text.arrivals.items():
                steps, values = self.arrived_at.setdefault(target, ([], []))
                steps.append(i)
                values.append(so_far)
            self.written_by[i] = list(text.writes)

    def _target_text(self, target: int) -> str:
        node = self.graph.nodes[target]
        if node.kind == "accumulate" and node.variable is not None:
            leaf = tensor_name(self.graph.tensors[node.variable], self.names)
            return f"AccumulateGrad → {leaf}.grad"
        return node.name

    # ---- moving ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.steps)

    @property
    def current(self) -> BackwardStep | None:
        """The step just executed (None before the first)."""
        return self.steps[self.position - 1] if self.position > 0 else None

    def goto(self, position: int) -> int:
        """Move to ``position`` steps done (clamped), restoring every tracked ``.grad``.

        Only the tensors written by the steps between the old and the new position change.
        """
        position = max(0, min(int(position), len(self.steps)))
        low, high = sorted((self.position, position))
        changed = {tid for i in range(low, high) for tid in self.written_by[i]}
        self.position = position
        for tid in sorted(changed):
            snapshot = self.grad_at(tid, position)  # a copy: a later backward may add into it
            self.tracked[tid]._grad = _copy(snapshot)
        return position

    def grad_at(self, tid: int, position: int) -> Tensor | None:
        """The recorded ``.grad`` of tensor ``tid`` after ``position`` steps."""
        steps, values = self.history[tid]
        k = bisect.bisect_left(steps, position)  # writes made by steps 0 … position-1
        return values[k - 1] if k > 0 else self.initial[tid]

    def grad_text_at(self, tid: int, position: int) -> str:
        steps, _ = self.history[tid]
        k = bisect.bisect_left(steps, position)
        if k == 0:
            return grad_text(self.initial[tid])
        return self.texts[steps[k - 1]].writes[tid]

    # ---- what the picture shows -----------------------------------------------------------
    def frame(self, position: int | None = None,
              nodes: set[int] | None = None) -> dict[str, Any]:
        """Small JSON for the front end: highlights, edge texts, node notes, grad texts.

        ``nodes``: only these node ids (a window of a large graph). The cost grows with the
        nodes shown, not with the position.
        """
        p = self.position if position is None else position
        shown = range(len(self.graph.nodes)) if nodes is None else nodes
        ran = sorted((self.run_at[n], n) for n in shown if self.run_at.get(n, p) < p)
        edges: dict[str, str] = {}
        notes: dict[str, str] = {}
        done: list[str] = []
        freed: list[str] = []
        for step, node in ran:
            text = self.texts[step]
            done.append(node_dom_id(node))
            notes[f"{node_dom_id(node)}_in"] = f"grad in: {text.grad_in}"
            if text.freed:
                freed.append(f"{node_dom_id(node)}_saved")
            edges.update(text.edges)
        waiting = set(shown) - {node for _, node in ran}
        for node in sorted(waiting & self.arrived_at.keys()):
            steps, values = self.arrived_at[node]
            k = bisect.bisect_left(steps, p)  # arrivals sent by steps 0 … p-1
            if k > 0:
                notes[f"{node_dom_id(node)}_in"] = f"arrived: {values[k - 1]}"
        grads = {f"{tensor_dom_id(tid)}_grad": self.grad_text_at(tid, p) for tid in self.tracked
                 if nodes is None or self.tensor_node.get(tid) in nodes}
        now = self.texts[p - 1] if p > 0 else None
        upcoming = self.texts[p] if p < len(self.texts) else None
        return {
            "position": p, "total": len(self.texts),
            "current": node_dom_id(now.node) if now else None,
            "next": node_dom_id(upcoming.node) if upcoming else None,
            "done": done, "edges": edges, "notes": notes, "grads": grads, "freed": freed,
            "info": self.info(p),
        }

    def info(self, position: int) -> dict[str, Any]:
        """The side panel: what happened at the step just done."""
        if position == 0:
            first = self.texts[0].name if self.texts else "nothing"
            return {"title": f"Ready: {len(self.texts)} backward steps. Next: {first}",
                    "lines": ["Press step ▶ to run the first node."], "formula": ""}
        text = self.texts[position - 1]
        lines = [f"gradient arriving: {text.grad_in}"] + [f"sends {s}" for s in text.sends]
        lines += [f"writes {w}" for w in text.write_lines]
        if text.freed:
            lines.append("its saved tensors are freed now")
        return {"title": f"Step {position} of {len(self.texts)}: {text.name}",
                "lines": lines, "formula": text.formula}

    def slots(self) -> dict[str, str]:
        """For the layout: the widest text each rewritable cell will hold."""
        widest: dict[str, str] = {}

        def offer(slot: str, value: str) -> None:
            if len(value) > len(widest.get(slot, "")):
                widest[slot] = value

        for text in self.texts:
            offer(f"{node_dom_id(text.node)}_in", f"grad in: {text.grad_in}")
            for target, so_far in text.arrivals.items():
                offer(f"{node_dom_id(target)}_in", f"arrived: {so_far}")
            for tid, value in text.writes.items():
                offer(f"{tensor_dom_id(tid)}_grad", value)
        for tid, g in self.initial.items():
            offer(f"{tensor_dom_id(tid)}_grad", grad_text(g))
        for node in self.graph.nodes:
            if node.saved:
                widest[f"{node_dom_id(node.id)}_saved"] = ""
        return widest
