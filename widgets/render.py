"""Running Graphviz's ``dot`` program, with a clear message when it is missing."""

from __future__ import annotations

import shutil

import graphviz

DOT_MISSING = (
    "Graphviz's 'dot' program was not found on PATH; the widgets need it to lay out graphs. "
    "Install it with 'conda install -c conda-forge graphviz', "
    "'sudo apt-get install graphviz' (Debian/Ubuntu) or 'brew install graphviz' (macOS), "
    "then restart the kernel."
)


class GraphvizMissing(RuntimeError):
    """The Graphviz ``dot`` executable is not installed (or not on PATH)."""


def require_dot() -> None:
    """Raise `GraphvizMissing` with install instructions when ``dot`` is not on PATH."""
    if shutil.which("dot") is None:
        raise GraphvizMissing(DOT_MISSING)


def render(dot: graphviz.Digraph, fmt: str = "svg") -> bytes:
    """Lay out and render ``dot`` with the ``dot`` program (``svg``, ``png``, ``pdf`` …)."""
    require_dot()
    try:
        return dot.pipe(format=fmt)
    except graphviz.ExecutableNotFound as error:
        raise GraphvizMissing(DOT_MISSING) from error


def render_svg(dot: graphviz.Digraph) -> str:
    """The SVG text of ``dot`` (XML prolog and DOCTYPE removed, ready to inline in HTML)."""
    text = render(dot, "svg").decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text
