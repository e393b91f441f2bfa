"""Pytrees: nested tuples, lists and dicts of tensors, taken apart and put back together.

torch.func's transforms accept such nests anywhere a tensor is expected (a dict of
parameters, a tuple of outputs). They work on the flat list of tensors (the *leaves*) and
rebuild the nest around the answers with the *spec* that records its shape.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

LEAF = None  # the spec of a leaf


def tree_flatten(tree: Any) -> tuple[list[Any], Any]:
    """(leaves, spec): the leaves in order (dicts in their key order)."""
    if isinstance(tree, dict):
        keys = list(tree)
        parts = [tree_flatten(tree[k]) for k in keys]
        return [leaf for leaves, _ in parts for leaf in leaves], (_kind(tree), keys,
                                                                 [s for _, s in parts])
    if isinstance(tree, (tuple, list)):
        parts = [tree_flatten(item) for item in tree]
        kind = type(tree) if type(tree) in (tuple, list) else (type(tree), "named")
        return [leaf for leaves, _ in parts for leaf in leaves], (kind, None, [s for _, s in parts])
    return [tree], LEAF


def tree_unflatten(leaves: list[Any], spec: Any) -> Any:
    """The nest ``spec`` describes, with ``leaves`` in the places of the old ones."""
    items = iter(leaves)
    return _build(items, spec)


def _build(items: Any, spec: Any) -> Any:
    if spec is LEAF:
        return next(items)
    kind, keys, children = spec
    values = [_build(items, child) for child in children]
    if kind in (dict, OrderedDict):
        return kind(zip(keys, values))
    if isinstance(kind, tuple):  # a namedtuple, or a return_types' struct sequence (built
        named = kind[0]  # from one sequence); a Size comes back a plain tuple, as in PyTorch
        if hasattr(named, "_fields"):
            return named(*values)
        return named(values) if hasattr(named, "n_fields") else tuple(values)
    return kind(values)


def _is_node(tree: Any) -> bool:
    return isinstance(tree, (dict, tuple, list))


def _kind(tree: Any) -> Any:
    if isinstance(tree, dict):  # (an OrderedDict is a kind of its own, as in PyTorch)
        return OrderedDict if isinstance(tree, OrderedDict) else dict
    return type(tree) if type(tree) in (tuple, list) else (type(tree), "named")


def _num_leaves(spec: Any) -> int:
    return 1 if spec is LEAF else sum(_num_leaves(child) for child in spec[2])


def broadcast_to_leaves(prefix: Any, spec: Any) -> list[Any] | None:
    """One value per leaf of ``spec``: a leaf of ``prefix`` stands for the whole subtree at
    its place (``in_dims=0`` for every tensor of a nest). None when ``prefix`` is not a
    prefix of the nest (PyTorch's ``_broadcast_to_and_flatten``)."""
    if not _is_node(prefix):
        return [prefix] * _num_leaves(spec)
    if spec is LEAF:
        return None
    kind, keys, children = spec
    if isinstance(prefix, dict) and kind in (dict, OrderedDict):
        if set(prefix) != set(keys):  # (a dict and an OrderedDict match; PyTorch goes
            return None  # through the prefix's keys, and lists what it finds in that order)
        pairs = [(prefix[k], children[keys.index(k)]) for k in prefix]
    elif _kind(prefix) == kind and len(prefix) == len(children):
        pairs = list(zip(prefix, children))
    else:
        return None
    flat: list[Any] = []
    for item, child in pairs:
        part = broadcast_to_leaves(item, child)
        if part is None:
            return None
        flat += part
    return flat


def tree_map(fn: Callable[[Any], Any], tree: Any) -> Any:
    leaves, spec = tree_flatten(tree)
    return tree_unflatten([fn(leaf) for leaf in leaves], spec)


def spec_repr(spec: Any, indent: int = 0) -> str:
    """PyTorch's ``TreeSpec(tuple, None, [*, ...])`` text of a spec (for error messages)."""
    if spec is LEAF:
        return "*"
    kind, keys, children = spec
    name = (kind[0] if isinstance(kind, tuple) else kind).__name__
    text = ""
    if children:
        indent += 2
        text = spec_repr(children[0], indent) + ("," if len(children) > 1 else "")
        text += ",".join("\n" + " " * indent + spec_repr(c, indent) for c in children[1:])
    return f"TreeSpec({name}, {keys}, [{text}])"


def spec_outline(spec: Any) -> str:
    """The short outline PyTorch prints: ``(*, *)``, ``[*]``, ``{'a': *}``, ``*``."""
    if spec is LEAF:
        return "*"
    kind, keys, children = spec
    parts = [spec_outline(c) for c in children]
    if kind is dict:
        return "{" + ", ".join(f"{k!r}: {p}" for k, p in zip(keys, parts)) + "}"
    if kind is OrderedDict:
        return "OrderedDict([" + ", ".join(f"({k!r}, {p})" for k, p in zip(keys, parts)) + "])"
    if kind is list:
        return "[" + ", ".join(parts) + "]"
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
