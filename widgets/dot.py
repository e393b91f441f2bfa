"""Graph records → `graphviz.Digraph`.

`build_dot` is a pure function of (records, names, options, highlight): the same graph and names
always give the same DOT text. Every element gets a stable ``id`` (``n3`` for node 3, ``t1`` for
tensor 1, ``e3_0`` for input 0 of node 3) so a front end can restyle the SVG without a new layout.
Labels are Graphviz HTML-like labels, every piece of user text escaped with `html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import graphviz

from autograd_kit.autograd.graph import GraphRecord, NodeRecord, SavedRecord, TensorRecord

from . import style
from .labels import format_number, format_values, grad_text, tensor_flags, tensor_summary

HUB_EDGES = 8  # a node fed by more edges than this is a hub (see fan_in_hubs)


@dataclass(frozen=True)
class Highlight:
    """Stepper state drawn into the picture: the current node and the nodes that have run."""

    current: int | None = None
    done: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DotOptions:
    """How to draw: arrow direction, values shown, legend, and reserved text slots."""

    direction: str = "forward"  # 'forward': data flow (inputs → output); 'backward': grads
    show_values: bool = True
    legend: bool = True
    slots: Mapping[str, str] = field(default_factory=dict)  # element id → widest text
    include: Collection[int] | None = None  # node ids to draw (None: all)


def node_dom_id(node_id: int) -> str:
    return f"n{node_id}"


def tensor_dom_id(tensor_id: int) -> str:
    return f"t{tensor_id}"


def edge_dom_id(node_id: int, index: int) -> str:
    return f"e{node_id}_{index}"


def drawn_tensors(graph: GraphRecord, names: Mapping[int, str]) -> list[TensorRecord]:
    """Tensors that get a box: roots, leaves that require grad, and named results."""
    drawn = []
    for t in graph.tensors:
        if t.tensor is None:
            continue
        if "root" in t.roles or "leaf" in t.roles or (t.grad_fn is not None and t.id in names):
            drawn.append(t)
    return drawn


def build_dot(graph: GraphRecord, names: Mapping[int, str], options: DotOptions = DotOptions(),
              highlight: Highlight | None = None) -> graphviz.Digraph:
    """The DOT picture of ``graph``; ``names`` maps tensor record ids to variable names."""
    if options.direction not in ("forward", "backward"):
        raise ValueError(f"direction must be 'forward' or 'backward', not {options.direction!r}")
    dot = graphviz.Digraph("autograd", graph_attr={
        "rankdir": "TB", "fontname": style.FONT, "nodesep": "0.3", "ranksep": "0.4",
        "bgcolor": "white",
    })
    dot.attr("node", fontname=style.FONT, fontsize="11", shape="box", style="rounded,filled",
             margin="0.05")
    dot.attr("edge", fontname=style.FONT, fontsize="10")
    include = set(options.include) if options.include is not None else None
    shown = [n for n in graph.nodes if include is None or n.id in include]
    shown_ids = {n.id for n in shown}
    for node in shown:
        _add_node(dot, graph, node, names, options, highlight)
    forward = options.direction == "forward"
    hubs = fan_in_hubs(shown, shown_ids)
    for node in shown:
        for index, (target, _nr) in enumerate(node.next):
            if target is None or target not in shown_ids:
                continue
            tail, head = (node_dom_id(target), node_dom_id(node.id)) if forward else (
                node_dom_id(node.id), node_dom_id(target))
            loose = {"constraint": "false"} if target in hubs else {}
            dot.edge(tail, head, id=edge_dom_id(node.id, index), color=style.FLOW_EDGE, **loose)
    accumulators = {n.variable: n.id for n in graph.nodes if n.variable is not None}
    for t in drawn_tensors(graph, names):
        linked = t.grad_fn if t.grad_fn is not None else accumulators.get(t.id)
        if linked is None or linked not in shown_ids:
            continue
        _add_tensor(dot, t, names, options)
        ends = [tensor_dom_id(t.id), node_dom_id(linked)]  # a leaf sits above its node…
        if t.grad_fn is not None:  # …a result below the node that made it (forward)
            ends.reverse()
        if not forward:
            ends.reverse()
        dot.edge(*ends, id=f"l{t.id}", style="dashed", dir="none", color=style.LINK_EDGE)
    if options.legend:
        dot.node("legend", label=_legend_label(highlight is not None), shape="plain",
                 style="", id="legend")
    return dot


def fan_in_hubs(shown: list[NodeRecord], shown_ids: set[int]) -> set[int]:
    """Nodes that more than `HUB_EDGES` drawn nodes feed into (e.g. a leaf used in every step).

    Their edges are drawn with ``constraint=false``: they do not pull on the ranking, which
    keeps Graphviz from spending minutes on thousands of long edges to one node.
    """
    count: dict[int, int] = {}
    for node in shown:
        for target, _nr in node.next:
            if target is not None and target in shown_ids:
                count[target] = count.get(target, 0) + 1
    return {target for target, n in count.items() if n > HUB_EDGES}


def tensor_name(t: TensorRecord, names: Mapping[int, str]) -> str:
    """The variable name of a tensor, or a neutral one."""
    if t.id in names:
        return names[t.id]
    if "root" in t.roles:
        return "output"
    return "leaf" if t.is_leaf else "tensor"


def _add_tensor(dot: graphviz.Digraph, t: TensorRecord, names: Mapping[int, str],
                options: DotOptions) -> None:
    fill = style.ROOT_FILL if "root" in t.roles else (
        style.LEAF_FILL if t.is_leaf else style.TENSOR_FILL)
    rows = [f"<B>{_e(tensor_name(t, names))}</B>"]
    rows.append(_e(tensor_summary(t.shape, t.dtype, t.device)))
    flags = tensor_flags(t.requires_grad, t.is_leaf, t.retains_grad)
    rows.append(f'<FONT POINT-SIZE="9">{_e(flags)}</FONT>')
    if options.show_values and t.tensor is not None:
        rows.append(_e("data: " + format_values(t.tensor._data)))
    dom = tensor_dom_id(t.id)
    slot = f"{dom}_grad"
    if slot in options.slots:
        rows.append(_slot(slot, options.slots[slot]))
    elif t.tensor is not None and (t.is_leaf or t.retains_grad) and t.tensor._grad is not None:
        rows.append(_e(grad_text(t.tensor._grad)))
    attrs = {"penwidth": "2.5", "color": style.RETAIN_BORDER} if t.retains_grad else {}
    dot.node(dom, label=_table(rows), fillcolor=fill, id=dom, shape="box", style="filled",
             **attrs)


def _add_node(dot: graphviz.Digraph, graph: GraphRecord, node: NodeRecord,
              names: Mapping[int, str], options: DotOptions, highlight: Highlight | None) -> None:
    accumulate = node.kind == "accumulate"
    fill = style.ACCUMULATE_FILL if accumulate else style.BACKWARD_FILL
    rows = [f"<B>{_e(node.name)}</B>"]
    kept = [s for s in node.saved if s.tensor is not None or s.value is not None or s.freed]
    if node.freed and not kept:
        rows.append(f'<FONT COLOR="{style.FREED_TEXT}">saved tensors: freed by backward</FONT>')
    elif kept:  # (a None entry is an operand that was not needed, so not saved)
        saved = ", ".join(_saved_text(graph, s, names, options) for s in kept)
        if node.freed:
            rows.append(f'<FONT COLOR="{style.FREED_TEXT}"><S>saved: {saved}</S> (freed)'
                        "</FONT>")
        elif f"{node_dom_id(node.id)}_saved" in options.slots:
            rows.append(_slot(f"{node_dom_id(node.id)}_saved", f"saved: {saved}", escaped=True))
        else:
            rows.append(f"saved: {saved}")
    dom = node_dom_id(node.id)
    slot = f"{dom}_in"
    if slot in options.slots:
        rows.append(_slot(slot, options.slots[slot]))
    attrs: dict[str, str] = {}
    if highlight is not None:
        if node.id == highlight.current:
            attrs = {"color": style.CURRENT_BORDER, "penwidth": "3"}
        elif node.id in highlight.done:
            fill = style.DONE_FILL
    dot.node(dom, label=_table(rows), fillcolor=fill, id=dom, **attrs)


def _saved_text(graph: GraphRecord, saved: SavedRecord, names: Mapping[int, str],
                options: DotOptions) -> str:
    if saved.tensor is None:
        if saved.freed and saved.shape is not None:  # only its description is left
            return _e(tensor_summary(saved.shape, saved.dtype or "", "cpu"))
        return _e(format_number(saved.value) if isinstance(saved.value, (int, float))
                  else repr(saved.value))
    t = graph.tensors[saved.tensor]
    data = t.tensor._data if t.tensor is not None else t.data
    if t.id in names:
        text = names[t.id]  # its own box (or the reader) shows the values
    elif options.show_values and data is not None:
        text = format_values(data)
        text = f"result={text}" if saved.is_output else text
    else:
        text = tensor_summary(t.shape, t.dtype, t.device)
    if not saved.version_ok:
        text += " (modified in place!)"
    return _e(text)


def _slot(slot_id: str, text: str, escaped: bool = False) -> str:
    """A cell the stepper rewrites: Graphviz emits an element id only for cells with a link."""
    return f'<TD ID="{slot_id}" HREF="#" TOOLTIP="{slot_id}">{text if escaped else _e(text)}</TD>'


def _table(rows: list[str]) -> str:
    body = "".join(f"<TR>{r if r.startswith('<TD') else f'<TD>{r}</TD>'}</TR>" for r in rows)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{body}</TABLE>>'


def _e(text: str) -> str:
    # Graphviz expands \N, \G … even inside HTML labels (entities too); "\\" gives one "\".
    return html.escape(str(text), quote=True).replace("\\", "\\\\")


_LEGEND_ROWS = [
    (style.BACKWARD_FILL, "black", "grad_fn node (e.g. MulBackward0): runs the chain rule"),
    (style.ACCUMULATE_FILL, "black", "AccumulateGrad: adds the gradient into a leaf's .grad"),
    (style.LEAF_FILL, "black", "leaf tensor (made by you) that requires grad"),
    (style.ROOT_FILL, "black", "output tensor (where backward starts)"),
    (style.TENSOR_FILL, "black", "named intermediate tensor (non-leaf)"),
    (style.TENSOR_FILL, style.RETAIN_BORDER, "orange border: retain_grad() keeps its .grad"),
]


def _legend_label(stepping: bool) -> str:
    rows = [
        '<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>',
    ]
    for fill, border, text in _LEGEND_ROWS:
        rows.append(f'<TR><TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1" WIDTH="18"> </TD>'
                    f'<TD ALIGN="LEFT">{_e(text)}</TD></TR>')
    notes = [
        "blue arrow: an edge of the graph (next_functions)",
        "dashed grey line: a tensor and the node that made it / its AccumulateGrad",
        "saved: values a node kept for backward; struck out grey = freed",
    ]
    if stepping:
        notes += ["red border: the node running now; grey fill: nodes already run",
                  "edge text: the gradient sent along that edge"]
    for note in notes:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_e(note)}</TD></TR>')
    return ('<<TABLE BORDER="1" COLOR="#bbbbbb" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
            + "".join(rows) + "</TABLE>>")
