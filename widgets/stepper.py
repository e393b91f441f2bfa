"""`BackwardStepper`: step through the real backward pass in a notebook (anywidget).

The state is a `BackwardWalk` (plain Python, see `widgets.steps`); the widget lays the graph
out once with Graphviz and, at each step, sends the browser a small JSON frame (highlights,
gradients on edges, ``.grad`` texts) that `static/stepper.js` uses to restyle the same SVG.
Graphs above `WINDOW_THRESHOLD` nodes are shown a window of steps at a time.
"""

from __future__ import annotations

import pathlib
from collections.abc import Mapping
from typing import Any

import anywidget
import traitlets

from autograd_kit.autograd import BackwardStep
from autograd_kit.tensor import Tensor

from .dot import DotOptions, Highlight, build_dot
from .names import caller_namespace
from .render import render_svg
from .steps import BackwardWalk

STATIC = pathlib.Path(__file__).parent / "static"


def front_end(name: str) -> str:
    """A widget's ESM: the shared player (static/player.js) followed by the widget's own file."""
    return "\n".join((STATIC / f).read_text(encoding="utf-8") for f in ("player.js", name))
WINDOW_THRESHOLD = 400  # more backward nodes than this: show a window of steps at a time
WINDOW_STEPS = 120  # steps per window


class BackwardStepper(anywidget.AnyWidget):
    """Run ``root.backward(gradient, inputs=inputs)`` one node at a time, and watch it.

    ``step()``, ``back()``, ``reset()``, ``run()``, ``goto(i)`` move; ``position`` is the
    number of steps done; ``steps`` are the engine's `BackwardStep` records. The leaves'
    ``.grad`` always match the position (at the end: exactly what ``backward()`` gives).
    """

    _esm = front_end("stepper.js")
    _css = STATIC / "stepper.css"

    svg = traitlets.Unicode("").tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    total = traitlets.Int(0).tag(sync=True)
    summary = traitlets.Unicode("").tag(sync=True)

    def __init__(self, root: Tensor, gradient: Any = None, inputs: Any = None,
                 names: Mapping[str, Any] | None = None, **kwargs: Any) -> None:
        namespace = caller_namespace() if names is None else names
        walk = BackwardWalk(root, gradient=gradient, inputs=inputs, names=namespace)
        self._walk = walk
        self._slots = walk.slots()
        self._windowed = len(walk.graph.nodes) > WINDOW_THRESHOLD
        self._layouts: dict[int, tuple[str, set[int] | None]] = {}
        self._window: int | None = None
        super().__init__(total=len(walk), **kwargs)
        self._show(0)

    # ---- Python API -----------------------------------------------------------------------
    @property
    def walk(self) -> BackwardWalk:
        return self._walk

    @property
    def steps(self) -> list[BackwardStep]:
        """The engine's step records, in execution order."""
        return self._walk.steps

    @property
    def current(self) -> BackwardStep | None:
        """The step just executed (None at position 0)."""
        return self._walk.current

    def goto(self, position: int) -> int:
        """Move to ``position`` steps done (clamped to 0 … len(steps))."""
        self.position = max(0, min(int(position), len(self._walk)))
        return self.position

    def step(self) -> int:
        return self.goto(self.position + 1)

    def back(self) -> int:
        return self.goto(self.position - 1)

    def reset(self) -> int:
        return self.goto(0)

    def run(self) -> int:
        return self.goto(len(self._walk))

    # ---- syncing --------------------------------------------------------------------------
    @traitlets.validate("position")
    def _clamp(self, proposal: dict[str, Any]) -> int:
        return max(0, min(int(proposal["value"]), len(self._walk)))

    @traitlets.observe("position")
    def _moved(self, change: dict[str, Any]) -> None:
        self._show(change["new"])

    def _show(self, position: int) -> None:
        self._walk.goto(position)
        window = self._window_of(position)
        svg, nodes = self._layout(window)
        if window != self._window:
            self._window = window
            self.svg = svg
            self.summary = self._summary_text(window)
        self.frame = self._walk.frame(position, nodes)

    def _window_of(self, position: int) -> int:
        if not self._windowed:
            return 0
        return max(position - 1, 0) // WINDOW_STEPS

    def _layout(self, window: int) -> tuple[str, set[int] | None]:
        """Graphviz runs once per window (once in all for a graph below the threshold)."""
        if window not in self._layouts:
            nodes = self._window_nodes(window) if self._windowed else None
            options = DotOptions(direction="backward", slots=self._slots, include=nodes,
                                 legend=not self._windowed)
            dot = build_dot(self._walk.graph, self._walk.names, options, Highlight())
            self._layouts[window] = (render_svg(dot), nodes)
        return self._layouts[window]

    def _window_nodes(self, window: int) -> set[int]:
        texts = self._walk.texts[window * WINDOW_STEPS:(window + 1) * WINDOW_STEPS + 1]
        nodes = {t.node for t in texts}
        for t in texts:
            nodes.update(n for n, _ in self._walk.graph.nodes[t.node].next if n is not None)
        return nodes

    def _summary_text(self, window: int) -> str:
        if not self._windowed:
            return ""
        first = window * WINDOW_STEPS + 1
        last = min((window + 1) * WINDOW_STEPS, len(self._walk))
        return (f"Large graph ({len(self._walk.graph.nodes)} nodes): showing only the nodes of "
                f"steps {first}–{last} and their inputs. Stepping past them moves the window.")
