"""Build, execute and store the lesson notebooks.

    .venv/bin/python lessons/_build/build.py 01 04     # only these lessons
    .venv/bin/python lessons/_build/build.py           # all of them

Each ``lesson_NN.py`` here defines ``FILE`` (the notebook's name) and ``cells()``. The notebook
is executed in a fresh kernel with lessons/ as the working directory, its widget state is
removed (nbval compares outputs, not widget models), and its run time is written to
``timings.json`` (the README's "measured run time").
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
LESSONS = HERE.parent
sys.path.insert(0, str(HERE))


def build(number: str) -> None:
    module = importlib.import_module(f"lesson_{number}")
    nb = nbformat.v4.new_notebook()
    nb.cells = module.cells()
    for index, cell in enumerate(nb.cells):  # stable ids: a rebuild changes only what changed
        cell.id = f"{module.FILE[:2]}-{index:03d}"
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb = tidy_imports(nb, number)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(LESSONS)}}).execute()
    seconds = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}  # no patch version: stable diffs
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    write_solutions(module.FILE, nb)
    path = LESSONS / module.FILE
    nbformat.write(nb, path)
    timings_path = HERE / "timings.json"
    timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    timings[module.FILE] = round(seconds, 1)
    timings_path.write_text(json.dumps(dict(sorted(timings.items())), indent=1) + "\n")
    print(f"{module.FILE}: {len(nb.cells)} cells, executed in {seconds:.1f} s")


def tidy_imports(nb: nbformat.NotebookNode, number: str) -> nbformat.NotebookNode:
    """Sort imports and drop unused ones (ruff, the project's linter) before executing."""
    draft = HERE / f".draft_{number}.ipynb"
    nbformat.write(nb, draft)
    try:
        subprocess.run([sys.executable, "-m", "ruff", "check", "--fix", "--quiet", "--exit-zero",
                        "--select", "I,F401", str(draft)], check=True, cwd=LESSONS.parent)
        return nbformat.read(draft, as_version=4)
    finally:
        draft.unlink()


CHECK = re.compile(r'check\((\w+), (.+?), hint="(.+?)"\)')


def write_solutions(name: str, nb: nbformat.NotebookNode) -> None:
    """lessons/solutions/NN_….md: each exercise's question, answer and reasoning, taken from
    the exercise cells themselves (so they cannot drift apart)."""
    parts = [f"# Solutions: [{name}](../{name})\n"]
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and cell.source.startswith("### ✏️ Exercise"):
            title, _, question = cell.source.partition("\n")
            parts.append(title.replace("✏️ ", "") + "\n\n" + question.strip() + "\n")
            for var, expected, hint in CHECK.findall(cells[i + 2].source):
                parts.append(f"- `{var} = {expected}`: {hint}.")
            parts.append("")
    if len(parts) > 1:
        (LESSONS / "solutions" / name.replace(".ipynb", ".md")).write_text("\n".join(parts))


if __name__ == "__main__":
    numbers = sys.argv[1:] or sorted(p.stem.split("_")[1] for p in HERE.glob("lesson_*.py"))
    for n in numbers:
        build(n)
