"""The lesson notebooks cover the syllabus and are committed in the right state.

- every concept C01–C32 is named in some lesson's header line ("**Concepts:** C05, C06");
- each notebook is stored executed (it has outputs) and without widget state;
- lessons/README.md links every notebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
NOTEBOOKS = sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))
ALL_CONCEPTS = {f"C{i:02d}" for i in range(1, 33)}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def header_concepts(nb: dict) -> set[str]:
    """Concept ids on the "Concepts:" line of the notebook's first markdown cell."""
    first = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    text = "".join(first["source"])
    lines = [line for line in text.splitlines() if "Concepts:" in line]
    assert lines, "the first cell must have a 'Concepts: C..' line"
    return set(re.findall(r"C\d\d", lines[0]))


def test_there_are_lessons() -> None:
    assert len(NOTEBOOKS) >= 2


def test_every_concept_is_taught() -> None:
    taught: set[str] = set()
    for path in NOTEBOOKS:
        taught |= header_concepts(load(path))
    assert ALL_CONCEPTS - taught == set(), "concepts no lesson names in its header"
    assert taught <= ALL_CONCEPTS, f"unknown concept ids: {sorted(taught - ALL_CONCEPTS)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_executed_without_widget_state(path: Path) -> None:
    nb = load(path)
    assert "widgets" not in nb.get("metadata", {}), "strip metadata.widgets after executing"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c.get("execution_count") for c in code), "every code cell executed"
    assert sum(1 for c in code if c.get("outputs")) >= len(code) // 3, "outputs are stored"
    for cell in code:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"stored error in {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ignored_outputs_are_justified(path: Path) -> None:
    for cell in load(path)["cells"]:
        if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []):
            assert "# nbval-ignore-output:" in "".join(cell["source"]), "say why in the cell"


def test_readme_lists_every_notebook() -> None:
    readme = (LESSONS / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in NOTEBOOKS if f"({p.name})" not in readme]
    assert not missing, f"lessons/README.md does not link {missing}"


def test_first_lesson_links_to_the_others() -> None:
    first = json.dumps(load(NOTEBOOKS[0]))
    missing = [p.name for p in NOTEBOOKS[1:] if p.name not in first]
    assert not missing, f"{NOTEBOOKS[0].name} does not link {missing}"
