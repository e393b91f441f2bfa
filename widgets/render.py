"""Running Graphviz's ``dot`` program: a clear message when it is missing, a time limit so a
huge layout raises instead of freezing the notebook."""

from __future__ import annotations

import shutil
import subprocess

import graphviz

DOT_MISSING = (
    "Graphviz's 'dot' program was not found on PATH; the widgets need it to lay out graphs. "
    "Install it with 'conda install -c conda-forge graphviz', "
    "'sudo apt-get install graphviz' (Debian/Ubuntu) or 'brew install graphviz' (macOS), "
    "then restart the kernel."
)
LAYOUT_TIMEOUT = 60.0  # seconds one Graphviz layout may take


class GraphvizMissing(RuntimeError):
    """The Graphviz ``dot`` executable is not installed (or not on PATH)."""


class LayoutTimeout(RuntimeError):
    """Graphviz took longer than the time limit to lay out a graph."""


def require_dot() -> str:
    """The path of ``dot``; raise `GraphvizMissing` with install instructions when missing."""
    path = shutil.which("dot")
    if path is None:
        raise GraphvizMissing(DOT_MISSING)
    return path


def render(dot: graphviz.Digraph, fmt: str = "svg", timeout: float | None = None) -> bytes:
    """Lay out and render ``dot`` with the ``dot`` program (``svg``, ``png``, ``pdf`` …).

    Raises `LayoutTimeout` after ``timeout`` seconds (default `LAYOUT_TIMEOUT`).
    """
    program = require_dot()
    if dot.engine != "dot":
        program = shutil.which(dot.engine) or dot.engine
    limit = LAYOUT_TIMEOUT if timeout is None else timeout
    nodes = dot.source.count("\n\t") or 0
    try:
        done = subprocess.run([program, f"-T{fmt}"], input=dot.source.encode("utf-8"),
                              capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired as error:
        raise LayoutTimeout(
            f"Graphviz did not finish laying out this graph in {limit:g} s (about {nodes} "
            "lines of DOT). Draw less of it: draw(..., max_nodes=300) shows the part nearest "
            "the output, or detach() part of the computation.") from error
    except FileNotFoundError as error:
        raise GraphvizMissing(DOT_MISSING) from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"Graphviz failed (exit {done.returncode}): {message}")
    return done.stdout


def render_svg(dot: graphviz.Digraph, timeout: float | None = None) -> str:
    """The SVG text of ``dot`` (XML prolog and DOCTYPE removed, ready to inline in HTML)."""
    text = render(dot, "svg", timeout).decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text
