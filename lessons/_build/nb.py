"""Cell helpers for the lesson builders (``lessons/_build/lesson_NN.py``)."""

from __future__ import annotations

import textwrap

import nbformat


def md(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip("\n"))


def code(text: str, ignore_output: str | None = None) -> nbformat.NotebookNode:
    """A code cell. ``ignore_output`` (a reason) tags it ``nbval-ignore-output``; the reason
    must also be written as a comment in the cell itself."""
    cell = nbformat.v4.new_code_cell(textwrap.dedent(text).strip("\n"))
    if ignore_output:
        assert "nbval-ignore-output" in cell.source, "say why in the cell itself"
        cell.metadata["tags"] = ["nbval-ignore-output"]
    return cell


def exercise(n: int, question: str, placeholder: str, check_call: str) -> list:
    """A "predict, then check" pair: the learner's cell and the check cell."""
    return [
        md(f"### ✏️ Exercise {n}\n\n{textwrap.dedent(question).strip()}"),
        code(placeholder),
        code(check_call),
    ]


SETUP = """\
import numpy as np
import autograd_kit as ak
from checks import check

ak.manual_seed(0)
np.random.seed(0)"""



def _widget_names() -> set[str]:
    import os

    if os.environ.get("LESSONS_NO_WIDGETS"):
        return set()
    try:
        import widgets
    except Exception:
        return set()
    return {n for n in ("draw", "BackwardStepper") if hasattr(widgets, n)}


AVAILABLE = _widget_names()
DRAW = "draw" in AVAILABLE
STEPPER = "BackwardStepper" in AVAILABLE


def setup(extra: str = "") -> nbformat.NotebookNode:
    text = SETUP
    if AVAILABLE:
        text += "\nfrom widgets import " + ", ".join(sorted(AVAILABLE, reverse=True))
    return code(text + ("\n" + textwrap.dedent(extra).strip("\n") if extra else ""))


def viz(text: str, ignore_output: str | None = None) -> list:
    """A cell that draws: included once widgets.draw exists."""
    return [code(text, ignore_output)] if DRAW else []


def viz_md(text: str) -> list:
    return [md(text)] if DRAW else []


def step(text: str, ignore_output: str | None = None) -> list:
    """A cell that uses BackwardStepper: included once it exists."""
    return [code(text, ignore_output)] if STEPPER else []


def step_md(text: str) -> list:
    return [md(text)] if STEPPER else []
