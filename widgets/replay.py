"""`watch()`: film the forward pass building the graph, then replay it operation by operation.

    with watch() as film:
        y = x
        while y.norm() < 100:
            y = y * 2
    film            # a slider over the recorded operations

The state is a `ForwardFilm` (plain Python, see `widgets.film`). The final graph is laid out
once with Graphviz; `births` (sent once) tells the front end from which position each SVG
element exists, and each position sends only a small frame (`static/replay.js` restyles).
Graphs above `WINDOW_THRESHOLD` nodes are laid out a window of operations at a time.
"""

from __future__ import annotations

import inspect
from types import TracebackType
from typing import Any

import anywidget
import traitlets

from . import style
from .dot import DotOptions, build_dot, node_dom_id
from .drawing import SUMMARY_NODES, Drawing
from .film import ForwardFilm, Operation
from .names import caller_namespace
from .render import render_svg
from .stepper import STATIC, front_end

WINDOW_THRESHOLD = 300  # more backward nodes than this: a window of operations at a time
WINDOW_OPS = 100  # operations per window


class Replay(anywidget.AnyWidget):
    """A film of the forward pass: ``goto(k)`` shows the graph after ``k`` operations.

    Use it through `watch`. ``operations`` are the recorded `Operation` records, ``position``
    the number of operations shown, ``draw(k)`` a static picture of the graph after ``k``.
    """

    _esm = front_end("replay.js")
    _css = (STATIC / "stepper.css").read_text(encoding="utf-8") + (
        STATIC / "replay.css").read_text(encoding="utf-8")

    svg = traitlets.Unicode("").tag(sync=True)
    births = traitlets.Dict().tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    total = traitlets.Int(0).tag(sync=True)
    summary = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        self._film = ForwardFilm()
        self._layouts: dict[int, tuple[str, set[int] | None]] = {}
        self._window: int | None = None
        self._windowed = False
        self._recorded = False
        super().__init__(**kwargs)

    # ---- recording ------------------------------------------------------------------------
    def __enter__(self) -> Replay:
        if self._recorded:
            raise RuntimeError("this film is already recorded; use a new watch()")
        frame = inspect.currentframe()
        self._film.start(frame.f_back if frame is not None else None)
        del frame
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._film.stop(caller_namespace())
        self._recorded = True
        graph = self._film.graph
        self._windowed = graph is not None and len(graph.nodes) > WINDOW_THRESHOLD
        self.total = len(self._film)
        self.births = self._film.element_births()
        self._show(len(self._film))
        self.position = len(self._film)

    # ---- Python API -----------------------------------------------------------------------
    @property
    def film(self) -> ForwardFilm:
        return self._film

    @property
    def operations(self) -> list[Operation]:
        """The recorded operations, in the order the forward pass ran them."""
        return self._film.operations

    def __len__(self) -> int:
        return len(self._film)

    def goto(self, position: int) -> int:
        """Show the graph after ``position`` operations (clamped to 0 … len)."""
        self.position = max(0, min(int(position), len(self._film)))
        return self.position

    def draw(self, position: int | None = None, legend: bool = True) -> Drawing:
        """A static picture of the graph after ``position`` operations (default: the current).

        The node of operation ``position`` has a red border.
        """
        film = self._film
        p = self.position if position is None else max(0, min(int(position), len(film)))
        if film.graph is None:
            raise ValueError("nothing was recorded (no operation required grad)")
        visible = film.visible_nodes(p)
        note = f"after operation {p} of {len(film)}"
        if len(visible) > WINDOW_THRESHOLD:  # the most recent nodes
            newest = sorted(visible, key=lambda n: (-film.births[n], n))[:SUMMARY_NODES]
            note += f"; showing the {len(newest)} newest of {len(visible)} nodes"
            visible = set(newest)
        dot = build_dot(film.graph, film.names, DotOptions(legend=legend, include=visible))
        op = film.operations[p - 1] if p > 0 else None
        if op is not None and op.node is not None and op.node in visible:
            dot.node(node_dom_id(op.node), color=style.CURRENT_BORDER, penwidth="3")
            note += f": {op.name} (red border)"
        dot.attr("graph", label=note, labelloc="t", fontsize="12")
        return Drawing(film.graph, film.names, dot)

    def __repr__(self) -> str:
        return f"<Replay of {len(self._film)} recorded operations, at {self.position}>"

    # ---- syncing --------------------------------------------------------------------------
    @traitlets.validate("position")
    def _clamp(self, proposal: dict[str, Any]) -> int:
        return max(0, min(int(proposal["value"]), len(self._film)))

    @traitlets.observe("position")
    def _moved(self, change: dict[str, Any]) -> None:
        if self._recorded:
            self._show(change["new"])

    def _show(self, position: int) -> None:
        self._film.goto(position)
        window = (max(position - 1, 0) // WINDOW_OPS) if self._windowed else 0
        if window != self._window:
            self.svg = self._layout(window)
            self._window = window
            self.summary = self._summary_text(window)
        self.frame = self._film.frame(position)

    def _layout(self, window: int) -> str:
        """Graphviz runs once (once per window for a large graph)."""
        film = self._film
        if film.graph is None:
            return ""
        include = None
        if self._windowed:
            first, last = window * WINDOW_OPS, (window + 1) * WINDOW_OPS
            include = {n for n, born in film.births.items() if first < born <= last}
            for n in list(include):
                include.update(t for t, _nr in film.graph.nodes[n].next if t is not None)
        options = DotOptions(include=include, legend=not self._windowed)
        return render_svg(build_dot(film.graph, film.names, options))

    def _summary_text(self, window: int) -> str:
        if not self._windowed:
            return ""
        first = window * WINDOW_OPS + 1
        last = min((window + 1) * WINDOW_OPS, len(self._film))
        return (f"Large graph ({len(self._film.graph.nodes)} nodes): showing the nodes of "
                f"operations {first}–{last} and their inputs. Moving past them moves the window.")


def watch() -> Replay:
    """Film the forward pass: ``with watch() as film: …`` then show ``film`` to replay it.

    Every operation recorded inside the block (anything that builds the graph) becomes one
    position of the slider; tensors are named after your variables.
    """
    return Replay()
