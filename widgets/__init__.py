"""Pictures and interaction for `autograd_kit` graphs (Graphviz + anywidget).

- `draw(*roots)`: a static picture of the backward graph, inline in Jupyter.
- `BackwardStepper(loss)`: step through the real backward pass one node at a time.
- `watch()`: film the forward pass building the graph, then replay it op by op.

Nothing here computes a gradient: every number comes from the engine.
"""

from __future__ import annotations

from .drawing import Drawing, draw
from .render import GraphvizMissing, LayoutTimeout
from .replay import Replay, watch
from .stepper import BackwardStepper

__all__ = ["BackwardStepper", "Drawing", "GraphvizMissing", "LayoutTimeout", "Replay", "draw",
           "watch"]
