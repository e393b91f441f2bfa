"""Variable names for tensors: from a mapping you pass, or from the caller's frame.

``draw(y)`` in a notebook cell finds ``w, x, a, b`` among the notebook's globals; inside a
function it finds the function's locals first. Names starting with ``_`` (IPython's ``_``,
``_1``, ``__``) are skipped. When one tensor has several names, the first one wins (locals
before globals, in the order they were assigned), so the result is deterministic.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from typing import Any

from autograd_kit.tensor import Tensor


def caller_namespace(skip: int = 1) -> dict[str, Any]:
    """The locals (first) and globals of the frame ``skip`` levels above the caller."""
    frame = inspect.currentframe()
    try:
        for _ in range(skip + 1):
            if frame is None:
                return {}
            frame = frame.f_back
        if frame is None:
            return {}
        namespace = dict(frame.f_locals)
        for key, value in frame.f_globals.items():
            namespace.setdefault(key, value)
        return namespace
    finally:
        del frame


def named_tensors(namespace: Mapping[str, Any]) -> dict[str, Tensor]:
    """``name → tensor`` for every public name in ``namespace`` that holds a Tensor."""
    return {name: value for name, value in namespace.items()
            if isinstance(value, Tensor) and not name.startswith("_")}


def relevant(named: Mapping[str, Tensor], node_objects: Iterable[Any],
             tensor_objects: Iterable[Tensor]) -> dict[str, Tensor]:
    """The named tensors that belong to a graph: made by one of its nodes, or already in it."""
    nodes = {id(n) for n in node_objects}
    tensors = {id(t) for t in tensor_objects}
    return {name: t for name, t in named.items()
            if id(t) in tensors or (t.grad_fn is not None and id(t.grad_fn) in nodes)}


def names_by_record(named: Mapping[str, Tensor], tensor_ids: Mapping[int, int]) -> dict[int, str]:
    """Tensor record id → name (first name wins)."""
    result: dict[int, str] = {}
    for name, t in named.items():
        record = tensor_ids.get(id(t))
        if record is not None and record not in result:
            result[record] = name
    return result
