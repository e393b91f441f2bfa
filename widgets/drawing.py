"""`draw(*roots)`: a static picture of the backward graph that displays inline in Jupyter."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import graphviz

from autograd_kit.autograd.graph import GraphRecord, trace
from autograd_kit.tensor import Tensor

from .dot import DotOptions, build_dot
from .names import caller_namespace, named_tensors, names_by_record, relevant
from .render import render, render_svg

MAX_NODES = 300  # draw(): larger graphs are summarised
SUMMARY_NODES = 100  # …by the nodes nearest the output


def trace_with_names(roots: tuple[Tensor, ...], namespace: Mapping[str, Any]
                     ) -> tuple[GraphRecord, dict[int, str]]:
    """Trace ``roots`` with the named tensors of ``namespace`` attached to their nodes.

    Only names that belong to the graph are passed to `trace`, so unrelated tensors lying
    around in a notebook do not change the ids (the drawing stays reproducible).
    """
    named = named_tensors(namespace)
    bare = trace(*roots)
    keep = relevant(named, (n.node for n in bare.nodes),
                    (t.tensor for t in bare.tensors if t.tensor is not None))
    graph = trace(*roots, tensors=list(dict.fromkeys(keep.values()).keys())) if keep else bare
    return graph, names_by_record(keep, graph.tensor_ids)


class Drawing:
    """A rendered graph: shows itself as SVG in Jupyter, ``.save()`` writes svg/png/pdf."""

    def __init__(self, graph: GraphRecord, names: dict[int, str], dot: graphviz.Digraph) -> None:
        self.graph = graph
        self.names = names
        self.dot = dot
        self._svg: str | None = None

    @property
    def source(self) -> str:
        """The DOT text (deterministic: the same code gives the same text)."""
        return self.dot.source

    @property
    def svg(self) -> str:
        if self._svg is None:
            self._svg = render_svg(self.dot)
        return self._svg

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"image/svg+xml": self.svg, "text/plain": repr(self)}

    def save(self, path: str | Path) -> Path:
        """Write the picture; the format comes from the suffix (``.svg``, ``.png``, ``.pdf``)."""
        path = Path(path)
        fmt = path.suffix.lstrip(".").lower() or "svg"
        path.write_bytes(self.svg.encode("utf-8") if fmt == "svg" else render(self.dot, fmt))
        return path

    def __repr__(self) -> str:
        roots = ", ".join(self.names.get(r, "output") for r in self.graph.roots)
        return f"<Drawing of {roots}: {len(self.graph.nodes)} backward nodes>"


def nearest_nodes(graph: GraphRecord, count: int) -> set[int]:
    """The ``count`` node ids nearest the roots (breadth-first over all roots at once)."""
    starts = [graph.tensors[r].grad_fn for r in graph.roots]
    starts += [n.id for n in graph.nodes if n.variable in graph.roots]  # a leaf as a root
    seen: dict[int, None] = {}
    frontier = [s for s in starts if s is not None]
    while frontier and len(seen) < count:
        following = []
        for node in frontier:
            if node in seen or len(seen) >= count:
                continue
            seen[node] = None
            following.extend(t for t, _nr in graph.nodes[node].next if t is not None)
        frontier = following
    return set(seen)


def summary_note(shown: int, total: int) -> str:
    """The line under a summarised drawing."""
    return (f"Large graph: showing the {shown:,} nodes nearest the output. … {total - shown:,} "
            "earlier nodes not shown (draw(..., max_nodes=None) to show all)")


def draw(*roots: Tensor, names: Mapping[str, Any] | None = None, direction: str = "forward",
         show_values: bool = True, legend: bool = True, max_nodes: int | None = MAX_NODES,
         **options: str) -> Drawing:
    """Draw the backward graph behind ``roots`` the way PyTorch builds it.

    ``names``: a mapping such as ``locals()``; by default the caller's locals and globals are
    searched, so tensors are labelled by their variable names. ``direction='forward'`` draws
    arrows the way data flowed (inputs at the top); ``'backward'`` the way gradients flow
    (along ``next_functions``). A graph of more than ``max_nodes`` backward nodes is
    summarised: only the `SUMMARY_NODES` nearest the output are drawn, with a note
    (``max_nodes=None`` draws everything, which Graphviz may take minutes to lay out).
    Extra ``options`` are Graphviz graph attributes (``rankdir='LR'``, ``size='8,8'`` …).
    Raises `GraphvizMissing` when ``dot`` is not installed, `LayoutTimeout` when Graphviz
    takes longer than `widgets.render.LAYOUT_TIMEOUT` seconds.
    """
    if not roots:
        raise ValueError("draw() needs at least one tensor")
    namespace = caller_namespace() if names is None else names
    graph, tensor_names = trace_with_names(roots, namespace)
    include = None
    if max_nodes is not None and len(graph.nodes) > max_nodes:
        include = nearest_nodes(graph, min(SUMMARY_NODES, max_nodes))
    dot = build_dot(graph, tensor_names, DotOptions(direction, show_values, legend,
                                                    include=include))
    if include is not None:
        dot.attr("graph", label=summary_note(len(include), len(graph.nodes)), labelloc="t",
                 fontsize="12", fontcolor="#8a6d00")
    if options:
        dot.attr("graph", **options)
    drawing = Drawing(graph, tensor_names, dot)
    _ = drawing.svg  # lay out now, so a missing `dot` is reported here, not inside the display
    return drawing
