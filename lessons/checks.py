"""Small helpers the lessons share: `check` for the "predict, then check" exercises, and
`count_nodes` / `node_names` for looking at a graph with plain Python.

Nothing here computes a gradient: every number still comes from autograd_kit.
"""

from __future__ import annotations

import math
from typing import Any

import autograd_kit as ak


def _same(answer: Any, expected: Any, tol: float) -> bool:
    """True when ``answer`` matches ``expected`` (numbers with a small tolerance)."""
    if hasattr(answer, "tolist"):  # a tensor or an array: compare its values
        answer = answer.tolist()
    if isinstance(expected, bool) or isinstance(answer, bool):
        return isinstance(answer, bool) and answer == expected
    if isinstance(expected, (int, float)) and isinstance(answer, (int, float)):
        return math.isclose(answer, expected, rel_tol=tol, abs_tol=tol)
    if isinstance(expected, (list, tuple)) and isinstance(answer, (list, tuple)):
        return len(answer) == len(expected) and all(
            _same(a, e, tol) for a, e in zip(answer, expected)
        )
    if isinstance(expected, str) and isinstance(answer, str):
        return answer.strip() == expected.strip()
    return answer == expected


def check(answer: Any, expected: Any, hint: str = "", tol: float = 1e-4) -> bool | None:
    """Say whether a prediction is right. ``...`` (the placeholder) means "not answered yet"."""
    if answer is ...:
        print("✏️  Write your answer in the cell above (replace the ...), "
              "then run both cells again.")
        return None
    if _same(answer, expected, tol):
        print(f"✅ Right! The answer is {expected!r}.")
        return True
    print(f"❌ Not quite: you wrote {answer!r}.")
    if hint:
        print(f"Hint: {hint}")
    return False


def walk(root: Any) -> list[Any]:
    """Every backward node reachable from a tensor's ``grad_fn``, each once (no recursion)."""
    start = root.grad_fn if hasattr(root, "grad_fn") else root
    if start is None:
        return []
    return ak.autograd.graph.reachable_nodes(start)


def node_names(root: Any) -> list[str]:
    """The names of the nodes behind ``root``, sorted, e.g. ['AccumulateGrad', 'MulBackward0']."""
    return sorted(type(node).__name__ for node in walk(root))


def count_nodes(root: Any, name: str) -> int:
    """How many nodes called ``name`` the graph behind ``root`` holds."""
    return sum(1 for node in walk(root) if type(node).__name__ == name)


def _values(t: Any) -> Any:
    if t is None:
        return None
    values = t.tolist()
    return values


def _node_label(node: Any, names: dict[str, Any]) -> str:
    label = type(node).__name__
    for name, t in names.items():
        if getattr(node, "variable", None) is t or (t.grad_fn is node and t.grad_fn is not None):
            return f"{label}({name})"
    return label


def describe_step(step: Any, names: dict[str, Any] | None = None) -> str:
    """One line for one `BackwardStep` record of ``ak.autograd.backward_steps``.

    ``names`` (e.g. ``dict(w=w, x=x, y=y)``) labels nodes by the tensor they made or feed."""
    names = names or {}
    arriving = ", ".join(str(_values(g)) for g in step.grad_in)
    parts = []
    for sent in step.sent:
        if sent.target is None:
            continue
        parts.append(f"sends {_values(sent.gradient)} → {_node_label(sent.target, names)}"
                     + (" (added to what was waiting)" if sent.added else ""))
    for write in step.writes:
        parts.append(f"writes .grad = {_values(write.value)}" + (" (added)" if write.added else ""))
    return (f"step {step.index}: {_node_label(step.node, names)} receives {arriving}: "
            + "; ".join(parts))
