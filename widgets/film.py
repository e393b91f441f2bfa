"""The forward-pass film, in plain Python: every operation recorded inside ``with watch()``.

`ForwardFilm` listens to `autograd_kit.autograd.graph.recording` while the block runs, then
traces the final graph once. Each backward node gets a *birth*: the number of operations
after which it exists (0 for nodes that were there before the block). Position ``p`` shows
the graph after ``p`` operations: everything born later is hidden, and operation ``p``'s
node, its inputs and its outputs are highlighted. Nothing here computes a gradient.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from autograd_kit.autograd.graph import GraphRecord, recording
from autograd_kit.function import Node
from autograd_kit.tensor import Tensor

from .dot import drawn_tensors, edge_dom_id, node_dom_id, tensor_dom_id
from .drawing import trace_with_names
from .labels import format_number, format_values, tensor_summary


@dataclass(frozen=True)
class Operation:
    """One recorded operation: ``y = y * 2`` is ``MulBackward0``, inputs ``('y', '2')``."""

    index: int  # 0-based, in the order the forward pass ran
    name: str  # the backward node it recorded (MulBackward0 …)
    inputs: tuple[str, ...]  # variable names, "op 3's result", or the number passed
    outputs: tuple[str, ...]  # "y = [4, 8]" (the name when one is known, and the values)
    node: int | None  # node record id in the final graph (None if not in it)


@dataclass
class _Raw:
    node: Node
    outputs: tuple[Tensor, ...]
    inputs: tuple[Any, ...]
    input_names: tuple[str | None, ...]
    values: tuple[str, ...]


def _names_in(frame: types.FrameType | None) -> dict[int, str]:
    """id(tensor) → variable name in ``frame`` (locals, then globals; first name wins)."""
    if frame is None:
        return {}
    found: dict[int, str] = {}
    for scope in (frame.f_locals, frame.f_globals):
        for name, value in scope.items():
            if isinstance(value, Tensor) and not name.startswith("_"):
                found.setdefault(id(value), name)
    return found


class ForwardFilm:
    """Operations recorded during a ``with`` block; move through them with `goto`."""

    def __init__(self) -> None:
        self._raw: list[_Raw] = []
        self._frame: types.FrameType | None = None
        self._recorder: Any = None
        self.operations: list[Operation] = []
        self.graph: GraphRecord | None = None
        self.names: dict[int, str] = {}
        self.births: dict[int, int] = {}  # node record id → ops after which it exists
        self.position = 0
        self._elements: dict[str, int] | None = None

    # ---- recording ------------------------------------------------------------------------
    def start(self, frame: types.FrameType | None) -> None:
        """Listen to the engine; ``frame`` is the user's code (for naming inputs)."""
        self._frame = frame
        self._recorder = recording(self._on_operation)
        self._recorder.__enter__()

    def stop(self, namespace: Mapping[str, Any]) -> None:
        """Stop listening, trace the final graph, name it from ``namespace``."""
        self._recorder.__exit__(None, None, None)
        self._recorder = None
        self._frame = None
        self._finish(namespace)

    def _on_operation(self, node: Node, outputs: tuple[Tensor, ...],
                      inputs: tuple[Any, ...]) -> None:
        known = _names_in(self._frame)
        names = tuple(known.get(id(a)) if isinstance(a, Tensor) else None for a in inputs)
        values = tuple(format_values(t._data) for t in outputs)
        self._raw.append(_Raw(node, tuple(outputs), tuple(inputs), names, values))

    def _finish(self, namespace: Mapping[str, Any]) -> None:
        used = {id(a) for raw in self._raw for a in raw.inputs if isinstance(a, Tensor)}
        roots = tuple(t for raw in self._raw for t in raw.outputs if id(t) not in used)
        if roots:
            self.graph, self.names = trace_with_names(roots, namespace)
        made_by = {id(t): k for k, raw in enumerate(self._raw) for t in raw.outputs}
        later_names = {id(a): n for raw in self._raw
                       for a, n in zip(raw.inputs, raw.input_names) if n is not None}
        graph = self.graph
        for k, raw in enumerate(self._raw):
            node_id = graph.node_id(raw.node) if graph is not None else None
            if graph is not None and node_id is not None:
                self.births.setdefault(node_id, k + 1)
                for target, _nr in graph.nodes[node_id].next:
                    if target is not None:
                        self.births.setdefault(target, k + 1)  # a leaf's AccumulateGrad
            inputs = tuple(self._input_text(a, n, made_by) for a, n in zip(raw.inputs,
                           raw.input_names) if a is not None)
            outputs = tuple(self._output_text(t, v, later_names)
                            for t, v in zip(raw.outputs, raw.values))
            self.operations.append(Operation(k, type(raw.node).__name__, inputs, outputs,
                                             node_id))
        if graph is not None:
            for node in graph.nodes:
                self.births.setdefault(node.id, 0)  # there before the block started

    def _input_text(self, value: Any, name: str | None, made_by: Mapping[int, int]) -> str:
        if isinstance(value, Tensor):
            if name is not None:
                return name
            if id(value) in made_by:
                return f"op {made_by[id(value)] + 1}'s result"
            return tensor_summary(tuple(value.shape), value.dtype.name, str(value.device))
        if isinstance(value, (int, float, bool)):
            return format_number(value)
        return repr(value)

    def _output_text(self, t: Tensor, values: str, later: Mapping[int, str]) -> str:
        tid = self.graph.tensor_id(t) if self.graph is not None else None
        name = self.names.get(tid) if tid is not None else None
        name = name or later.get(id(t))
        return f"{name} = {values}" if name else values

    # ---- moving ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.operations)

    def goto(self, position: int) -> int:
        """Move to ``position`` operations done (clamped to 0 … len)."""
        self.position = max(0, min(int(position), len(self.operations)))
        return self.position

    @property
    def current(self) -> Operation | None:
        """The operation just recorded at this position (None at position 0)."""
        return self.operations[self.position - 1] if self.position > 0 else None

    # ---- what the picture shows -----------------------------------------------------------
    def visible_nodes(self, position: int) -> set[int]:
        """Node ids that exist after ``position`` operations."""
        return {n for n, born in self.births.items() if born <= position}

    def element_births(self) -> dict[str, int]:
        """SVG element id → position from which it is shown (nodes, edges, tensor boxes)."""
        if self._elements is not None:
            return self._elements
        elements: dict[str, int] = {}
        graph = self.graph
        if graph is not None:
            for node in graph.nodes:
                born = self.births[node.id]
                elements[node_dom_id(node.id)] = born
                for index, (target, _nr) in enumerate(node.next):
                    if target is not None:
                        elements[edge_dom_id(node.id, index)] = born
            accumulators = {n.variable: n.id for n in graph.nodes if n.variable is not None}
            for t in drawn_tensors(graph, self.names):
                linked = t.grad_fn if t.grad_fn is not None else accumulators.get(t.id)
                if linked is not None:
                    elements[tensor_dom_id(t.id)] = elements[f"l{t.id}"] = self.births[linked]
        self._elements = elements
        return elements

    def hidden(self, position: int) -> list[str]:
        """SVG element ids not yet recorded after ``position`` operations."""
        return sorted(e for e, born in self.element_births().items() if born > position)

    def frame(self, position: int | None = None) -> dict[str, Any]:
        """Small JSON for the front end: the position, what to highlight, the side panel."""
        p = self.position if position is None else max(0, min(int(position), len(self)))
        op = self.operations[p - 1] if p > 0 else None
        current = inputs = None
        edges: list[str] = []
        outputs: list[str] = []
        if op is not None and op.node is not None and self.graph is not None:
            record = self.graph.nodes[op.node]
            current = node_dom_id(op.node)
            inputs = [node_dom_id(t) for t, _nr in record.next if t is not None]
            edges = [edge_dom_id(op.node, i) for i, (t, _nr) in enumerate(record.next)
                     if t is not None]
            outputs = [tensor_dom_id(t) for t in record.outputs]
        return {"position": p, "total": len(self), "current": current,
                "inputs": inputs or [], "edges": edges, "outputs": outputs,
                "info": self.info(p)}

    def info(self, position: int) -> dict[str, Any]:
        """The side panel: the operation just recorded."""
        if position == 0:
            return {"title": f"Before the block: {len(self)} operations will be recorded",
                    "lines": ["Press next ▶ to record the first one."]}
        op = self.operations[position - 1]
        lines = [f"inputs: {', '.join(op.inputs) or '—'}",
                 f"output: {', '.join(op.outputs)}",
                 f"new node: {op.name} (red border); its inputs: blue"]
        return {"title": f"Operation {position} of {len(self)}: {op.name}", "lines": lines}
